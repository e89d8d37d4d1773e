"""The authoring format: CommonMark with YAML front matter -> :class:`Document`.

See docs/source-format.md. Markdown structure maps onto resolution structure:
paragraphs before the first numbered item are preambular, ordered-list items are operative
paragraphs (the author's numbers are kept), lines opening with "(a)" or "(i)" are subparagraphs,
``#`` headings are sections, a heading "Annex …" starts an annex, ``[^1]`` are footnotes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from unrender.ast import (
    Annex,
    Block,
    Document,
    Emph,
    Footnote,
    Heading,
    Inline,
    LineBreak,
    Link,
    NoteRef,
    Operative,
    Para,
    Preambular,
    Strong,
    Subparagraph,
    Text,
    plain_text,
)
from unrender.diagnostics import UNRECOGNISED, Diagnostic, SourceError
from unrender.limits import MAX_NESTING, check_nesting, check_source_size, nesting_message
from unrender.readers import comments
from unrender.readers.frontmatter import parse_front_matter
from unrender.readers.structure import attach_subparagraph, formula_for, is_formula, number_notes
from unrender.un.phrases import match_opening

SUB_LABEL = re.compile(r"^\(([a-z]{1,2}|[ivxlc]{1,8})\)\s+")
ANNEX = re.compile(r"^Annex(?:\s+[IVXLC]+|\s+[A-Z]|\s+\d+)?$")
SECTION_NUMBER = re.compile(r"^(?P<num>[IVXLC]+|[A-Z]|\d+)\.?(?:\s+(?P<rest>.*))?$")
DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
SAFE_SCHEMES = ("https://", "http://", "mailto:")


def _markdown() -> MarkdownIt:
    # Raw HTML off: user text is text, never markup (engine-notes: the CommonMark preset passes it).
    return MarkdownIt("commonmark", {"html": False}).use(front_matter_plugin).use(footnote_plugin)


_MD = _markdown()


def read_markdown(text: str, path: str) -> tuple[Document, list[Diagnostic]]:
    """Parse authoring-format source. Raises :class:`SourceError` on input it cannot honour."""
    check_source_size(text, path)
    return _Reader(text, path).read()


class _Reader:
    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.warnings: list[Diagnostic] = []
        self.body: list[Block] = []
        self.annexes: list[Annex] = []
        self.formula: list[Inline] | None = None
        self.footnote_defs: dict[str, tuple[list[Inline], int]] = {}
        self.seen_operative = False  # an operative paragraph is in the body: the preamble ended

    # --- entry point ---------------------------------------------------------------------------

    def read(self) -> tuple[Document, list[Diagnostic]]:
        env: dict = {}
        found = comments.scan(self.text, self.path)
        for line, directive in comments.unknown_directives(found.comments):
            self.warn(line, f"unknown directive 'unrender: {directive}' in a comment (the one "
                      "there is: <!-- unrender: ignore UN012 -->)")
        tokens = _MD.parse(found.text, env)
        _check_token_nesting(tokens, self.path)
        tree = SyntaxTreeNode(tokens)
        nodes = list(tree.children)
        if not nodes or nodes[0].type != "front_matter":
            raise self._no_front_matter()
        front = nodes.pop(0)
        meta, adoption = parse_front_matter(front.content, self.path, front.map[0] + 2, self.warn)
        for node in nodes:
            self.block(node)
        if not self.body and not self.annexes:
            raise SourceError(self.path, front.map[1], "the resolution has no paragraphs: write "
                              "its text after the front matter, which ends on this line")
        self._check_undefined_notes()
        doc = Document(meta=meta, formula=[], body=self.body, adoption=adoption,
                       annexes=self.annexes, source=self.path)
        self._mark_single_operative(doc)
        doc.formula = self.formula or formula_for(meta, has_preamble=_has_preamble(self.body))
        doc.footnotes = self._footnotes(doc)
        check_nesting(doc, self.path)
        return doc, self.warnings

    def warn(self, line: int, message: str, code: str = UNRECOGNISED) -> None:
        self.warnings.append(Diagnostic(self.path, line, message, code=code))

    def _no_front_matter(self) -> SourceError:
        if self.text.lstrip("\ufeff").startswith("---"):
            return SourceError(self.path, 1, "the front matter opened on this line is never "
                               "closed: end it with a line of three dashes, ---")
        return SourceError(self.path, 1, "the file must start with YAML front matter between "
                           "'---' lines (at least 'body: General Assembly'); for text copied "
                           "out of a UN PDF, name the file .txt or pass --from text")

    def fail(self, node: SyntaxTreeNode, message: str) -> SourceError:
        return SourceError(self.path, _line(node), message)

    # --- blocks --------------------------------------------------------------------------------

    @property
    def blocks(self) -> list[Block]:
        """Where the next block goes: the open annex, or the resolution's body."""
        return self.annexes[-1].blocks if self.annexes else self.body

    def block(self, node: SyntaxTreeNode) -> None:
        handler: Callable[[SyntaxTreeNode], None] | None = {
            "paragraph": self.paragraph,
            "heading": self.heading,
            "ordered_list": self.ordered_list,
            "footnote_block": self.footnote_block,
            "hr": lambda n: None,  # a visual break in the source; the layout makes its own
        }.get(node.type)
        if handler is None:
            what = {"bullet_list": "bulleted lists", "blockquote": "block quotes",
                    "code_block": "indented code blocks (remove the indentation)",
                    "fence": "code blocks"}.get(node.type, node.type)
            raise self.fail(node, f"{what} are not part of the resolution format "
                            "(see docs/source-format.md)")
        handler(node)

    def paragraph(self, node: SyntaxTreeNode) -> None:
        line = _line(node)
        head, subs = self.split_subparagraphs(node)
        if not head:  # the paragraph is only subparagraphs: they belong to the previous block
            self.attach_all(subs, node)
            return
        if self.formula is None and not self.blocks and not self.annexes and is_formula(head):
            self.formula = head
            self.attach_all(subs, node)
            return
        if self.annexes or self.seen_operative:
            block: Block = Para(head, line=line)
        else:
            block = Preambular(head, line=line)
        self.blocks.append(block)
        self.attach_all(subs, node)

    def attach_all(self, subs: list[tuple[str, list[Inline], int]], node: SyntaxTreeNode) -> None:
        for label, content, line in subs:
            parent = self.blocks[-1] if self.blocks else None
            if parent is None or isinstance(parent, Heading):
                raise SourceError(self.path, line, f"subparagraph ({label}) has no paragraph to "
                                  "belong to")
            attach_subparagraph(parent, Subparagraph(label, content, line=line))

    def ordered_list(self, node: SyntaxTreeNode) -> None:
        for item in node.children:
            paragraphs = [c for c in item.children if c.type == "paragraph"]
            others = [c for c in item.children if c.type != "paragraph"]
            if others:
                raise self.fail(others[0], "a numbered paragraph may contain only text and "
                                "subparagraphs (a), (b) …")
            if not paragraphs:
                raise self.fail(item, f"paragraph {item.info}. is empty")
            head, subs = self.split_subparagraphs(paragraphs[0])
            for extra in paragraphs[1:]:
                extra_head, extra_subs = self.split_subparagraphs(extra)
                if extra_head:  # a second paragraph of prose inside one numbered paragraph
                    if subs:
                        raise self.fail(extra, "text after subparagraphs must be a subparagraph")
                    head += [LineBreak(), *extra_head]
                subs += extra_subs
            number = item.info or None
            block: Block
            if self.annexes:
                block = Para(head, number=number, line=_line(item))
            else:
                block = Operative(number, head, line=_line(item))
                self.seen_operative = True
            self.blocks.append(block)
            self.attach_all(subs, item)

    def heading(self, node: SyntaxTreeNode) -> None:
        content = self.inlines(node.children[0].children)
        text = plain_text(content).strip()
        level = int(node.tag[1])
        if level == 1 and ANNEX.match(text):
            self.annexes.append(Annex(label=text, title=[], blocks=[], line=_line(node)))
            return
        annex = self.annexes[-1] if self.annexes else None
        if annex is not None and level == 2 and not annex.title and not annex.blocks:
            annex.title = content
            return
        number, content = _split_section_number(content)
        self.blocks.append(Heading(level, number, content, line=_line(node)))

    def footnote_block(self, node: SyntaxTreeNode) -> None:
        for note in node.children:
            label = note.meta.get("label")
            if label is None:
                raise SourceError(self.path, _line(node), "inline footnotes ^[…] are not "
                                  "supported: write [^1] and define [^1]: text")
            paragraphs = [c for c in note.children if c.type == "paragraph"]
            content: list[Inline] = []
            for i, para in enumerate(paragraphs):
                if i:
                    content.append(LineBreak())
                content += self.inlines(para.children[0].children)
            line = _line(paragraphs[0]) if paragraphs else 0
            self.footnote_defs[label] = (content, line)

    # --- subparagraphs -------------------------------------------------------------------------

    def split_subparagraphs(
        self, para: SyntaxTreeNode
    ) -> tuple[list[Inline], list[tuple[str, list[Inline], int]]]:
        """Split a paragraph at lines opening with "(a) ": its own text, then each subparagraph."""
        inline = para.children[0]
        first_line = _line(para)
        chunks: list[list[SyntaxTreeNode]] = [[]]
        lines = [first_line]
        line = first_line
        children = inline.children
        for i, child in enumerate(children):
            if child.type in ("softbreak", "hardbreak"):
                line += 1
                nxt = children[i + 1] if i + 1 < len(children) else None
                if nxt is not None and nxt.type == "text" and SUB_LABEL.match(nxt.content):
                    chunks.append([])
                    lines.append(line)
                    continue
            chunks[-1].append(child)
        head_nodes, sub_chunks = chunks[0], chunks[1:]
        subs = []
        if head_nodes and head_nodes[0].type == "text" and SUB_LABEL.match(head_nodes[0].content):
            sub_chunks.insert(0, head_nodes)
            lines.insert(1, first_line)
            head_nodes = []
        for chunk, chunk_line in zip(sub_chunks, lines[1:], strict=True):
            m = SUB_LABEL.match(chunk[0].content)
            content = self.inlines(chunk)
            first = content[0]
            assert isinstance(first, Text)
            first.text = first.text[m.end():]
            if not first.text:
                content.pop(0)
            subs.append((m.group(1), content, chunk_line))
        return self.inlines(head_nodes), subs

    # --- inline content ------------------------------------------------------------------------

    def inlines(self, nodes: list[SyntaxTreeNode]) -> list[Inline]:
        out: list[Inline] = []
        for node in nodes:
            t = node.type
            if t == "text":
                self._add_text(out, node.content)
            elif t == "softbreak":
                self._add_text(out, " ")
            elif t == "hardbreak":
                out.append(LineBreak())
            elif t == "code_inline":
                self._add_text(out, node.content)
            elif t == "em":
                out.append(Emph(self.inlines(node.children)))
            elif t == "strong":
                out.append(Strong(self.inlines(node.children)))
            elif t == "link":
                href = str(node.attrs.get("href", ""))
                children = self.inlines(node.children)
                if href.startswith(SAFE_SCHEMES):
                    out.append(Link(href, children))
                else:  # keep the words, drop a target that could read files or run script
                    out.extend(children)
            elif t == "footnote_ref":
                label = node.meta.get("label")
                if label is None:  # ^[inline note]: the UN format numbers notes by label
                    raise SourceError(self.path, _line(node), "inline footnotes ^[…] are not "
                                      "supported: write [^1] and define [^1]: text")
                out.append(NoteRef(label))
            elif t == "image":
                raise SourceError(self.path, _line(node), "images are not part of the "
                                  "resolution format")
            else:
                self._add_text(out, node.content)
        return _merge_texts(out)

    @staticmethod
    def _add_text(out: list[Inline], text: str) -> None:
        out.append(Text(text))  # merged with its neighbours once, at the end

    # --- footnotes and checks ------------------------------------------------------------------

    def _check_undefined_notes(self) -> None:
        pattern = re.compile(r"\[\^([^\]\s]+)\]")
        defined: set[str] = set()
        for lineno, text in enumerate(self.text.split("\n"), 1):  # markdown-it's lines
            definition = DEFINITION.match(text)
            if definition and definition.group(1) in defined:
                raise SourceError(self.path, lineno, f"footnote [^{definition.group(1)}] is "
                                  "defined twice")
            if definition:
                defined.add(definition.group(1))
            if definition and definition.group(1) not in self.footnote_defs:
                # markdown-it drops a definition nobody cites: say so rather than lose its text
                raise SourceError(self.path, lineno, f"footnote [^{definition.group(1)}] is "
                                  f"defined but never cited: cite it with [^{definition.group(1)}] "
                                  "or delete it")
            for m in pattern.finditer(text):
                if m.group(1) not in self.footnote_defs and not DEFINITION.match(text):
                    raise SourceError(self.path, lineno, f"footnote [^{m.group(1)}] is cited but "
                                      f"never defined (add a line '[^{m.group(1)}]: text')")

    def _footnotes(self, doc: Document) -> list[Footnote]:
        order = number_notes(doc)
        notes = []
        for number, label in enumerate(order, 1):
            content, line = self.footnote_defs[label]
            notes.append(Footnote(label, number, content, line))
        cited = set(order)
        for label, (_, line) in self.footnote_defs.items():
            if label not in cited:
                raise SourceError(self.path, line, f"footnote [^{label}] is defined but never "
                                  "cited: cite it with [^" + label + "] or delete it")
        return notes

    def _mark_single_operative(self, doc: Document) -> None:
        """A resolution with one operative paragraph does not number it (73/3). Without a list,
        that paragraph is the first unnumbered one opening with an operative verb."""
        if doc.operative:
            return
        for i, block in enumerate(self.body):
            if isinstance(block, Preambular) and _opens_operative(block):
                self.body[i] = Operative(None, block.content, block.subparagraphs, block.line)
                for j in range(i + 1, len(self.body)):
                    later = self.body[j]
                    if isinstance(later, Preambular):
                        self.body[j] = Para(later.content, None, later.subparagraphs, later.line)
                return


def _opens_operative(block: Preambular) -> bool:
    text = plain_text(block.content).lstrip()
    return match_opening(text, "operative") is not None and not match_opening(text, "preambular")


def _has_preamble(body: list[Block]) -> bool:
    return any(isinstance(b, Preambular) for b in body)


def _split_section_number(content: list[Inline]) -> tuple[str | None, list[Inline]]:
    """``I. Title`` -> ("I", "Title"); ``A`` -> ("A", []); other headings keep their text."""
    if not content or not isinstance(content[0], Text):
        return None, content
    m = SECTION_NUMBER.match(content[0].text)
    if not m or (m.group("rest") is None and len(content) > 1):
        return None, content
    if m.group("rest") is not None and "." not in content[0].text[: m.end("num") + 1]:
        return None, content  # "A new approach": a word, not a number
    rest = (m.group("rest") or "").lstrip()
    tail = ([Text(rest)] if rest else []) + content[1:]
    return m.group("num"), tail


def _merge_texts(nodes: list[Inline]) -> list[Inline]:
    """Neighbouring texts as one, empty ones dropped. Joined once: adding each piece to the
    text before it copied a paragraph of 10^5 lines 10^5 times."""
    out: list[Inline] = []
    for is_text, run in itertools.groupby(nodes, lambda node: isinstance(node, Text)):
        if not is_text:
            out.extend(run)
        elif text := "".join(node.text for node in run):  # type: ignore[union-attr]
            out.append(Text(text))
    return out


def _check_token_nesting(tokens: list[Token], path: str) -> None:
    """markdown-it nests emphasis without limit (``***…``), and building the syntax tree
    recurses, slower and slower, once per level: refuse too deep a paragraph before that."""
    for token in tokens:
        if token.children and max(child.level for child in token.children) > MAX_NESTING:
            raise SourceError(path, token.map[0] + 1 if token.map else 0, nesting_message())


def _line(node: SyntaxTreeNode) -> int:
    while not node.is_root:
        if node.map:
            return node.map[0] + 1
        node = node.parent
    return 0


__all__ = ["read_markdown"]
