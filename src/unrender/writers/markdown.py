"""The authoring format from a document tree: YAML front matter + CommonMark, for people to edit.

:func:`to_markdown` is the inverse of :func:`unrender.readers.markdown.read_markdown`:
``read_markdown(to_markdown(doc), path)[0]`` equals ``doc`` apart from ``line`` fields and
``source``, for the trees the reader produces. ``unrender import`` uses it to turn text extracted
from a PDF into a source someone will edit, so the output is written as a person would write it
(docs/source-format.md): front matter keys in the documented order, values at their defaults left
out, one paragraph per line (no wrapping: diffs stay clean), and only the escapes the reader
needs -- ``\\*`` for a literal asterisk, ``1\\.`` for a paragraph that opens with a number, and
so on. Rare cases with no plain spelling use a numeric character reference (``&#32;`` for a space
at the edge of a paragraph or of an emphasis) or a code span (```(a)``` for a paragraph that
really opens with "(a) " and is not a subparagraph); the reader reads both back as plain text.

Trees the reader never produces are written as closely as the format allows, but some cannot read
back the same: a preambular paragraph after an operative one, an unnumbered operative paragraph
beside numbered ones, a heading "Annex" in the body, a section number such as "1.2", an operative
number such as "5 bis", an empty numbered paragraph, subparagraphs nested otherwise than the
reader nests them, a line break at the end of a paragraph or in a heading of level 3 or more, a
footnote call inside a link, footnotes numbered otherwise than in order of first call, link
targets that Markdown normalizes (spaces, non-ASCII), three emphases whose delimiters touch
(CommonMark has two delimiter characters), and -- because of the reader -- a ``Strong`` or a
subparagraph opening with markup without the empty ``Text`` the reader puts beside it.
"""

from __future__ import annotations

import itertools
import re
import string
from dataclasses import dataclass

import yaml
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace

from unrender.ast import (
    Adoption,
    Annex,
    Block,
    Document,
    Emph,
    Footnote,
    Heading,
    Inline,
    LineBreak,
    Link,
    Meta,
    NoteRef,
    Operative,
    Para,
    Strong,
    Subparagraph,
    Text,
    walk_inlines,
)
from unrender.readers.frontmatter import split_marks
from unrender.readers.markdown import SUB_LABEL
from unrender.readers.structure import is_formula
from unrender.un.bodies import default_paper
from unrender.un.dates import format_date
from unrender.un.ordinals import parse_session, session_name

__all__ = ["to_markdown"]

SUB_INDENT = "   "  # subparagraphs and continuation lines under "1. "
NOTE_INDENT = "    "  # continuation lines of a footnote


def to_markdown(doc: Document) -> str:
    """The document as authoring-format source text (ends with a newline)."""
    blocks: list[str] = []
    if _writes_formula(doc):
        blocks.append(_paragraph(doc.formula, []))
    blocks += [_block(b) for b in doc.body]
    for annex in doc.annexes:
        blocks += _annex(annex)
    notes = sorted(doc.footnotes, key=lambda n: n.number)
    if notes:
        blocks.append("\n".join(_footnote(n) for n in notes))
    front = "\n".join(["---", *_front_matter(doc.meta, doc.adoption), "---"])
    return front + "\n" + "".join("\n" + b + "\n" for b in blocks if b)


# --- front matter -------------------------------------------------------------------------------

_WIDTH = 1 << 30  # never fold a long value
_NUMBER_LIKE = re.compile(r"\d+(?:/\d+)?")  # "53/11", "3": quoted, as in the docs
_VOTE_KEYS = ("in_favour", "against", "abstaining")


def _front_matter(meta: Meta, adoption: Adoption | None) -> list[str]:
    out = _entry("body", meta.body)
    if meta.kind != "resolution":
        out += _entry("kind", meta.kind)
    if meta.symbol is not None:
        out += _entry("symbol", meta.symbol)
    default_distribution = "Limited" if meta.kind.startswith("draft") else "General"
    if meta.distribution is not None and meta.distribution != default_distribution:
        out += _entry("distribution", meta.distribution)
    if meta.date is not None:
        out.append(f"date: {format_date(meta.date)}")
    if meta.original is not None:
        out += _entry("original", meta.original)
    out += _session(meta)
    if meta.session_dates is not None:
        out += _entry("session_dates", meta.session_dates)
    out += _agenda(meta)
    out += _sponsors(meta)
    if meta.notes:
        out.append("notes:")
        for mark, text in meta.notes.items():
            out += _entry(_quoted(mark), text, 2)
    for key in ("number", "title", "short_title"):
        value = getattr(meta, key)
        if value is not None:
            out += _entry(key, value)
    if adoption is not None:
        out += _adoption(adoption)
    if meta.job is not None:
        out += _entry("job", meta.job)
    if meta.release_date is not None:
        out.append(f"release_date: {format_date(meta.release_date)}")
    if meta.paper != default_paper(meta.body, meta.symbol):
        out += _entry("paper", meta.paper)
    if meta.language != "en":
        out += _entry("language", meta.language)
    if meta.emblem is not None:
        out += _entry("emblem", meta.emblem)
    if meta.lint_ignore:
        out += ["lint:", "  ignore:"]
        for code in meta.lint_ignore:
            out += _item(code, 4)
    return out


def _session(meta: Meta) -> list[str]:
    name = meta.session_name
    if meta.session is None:
        return [] if name is None else [f"# session: {_quoted(name)}"]
    try:
        standard = session_name(meta.session)
    except ValueError:  # out of range: the reader will say so
        standard = None
    if name is None or name == standard:
        return [f"session: {meta.session}"]
    if _reads_as_session(name, meta.session):
        return _entry("session", name)  # "Resumed fiftieth session"
    # A name the format cannot take ("54º período de sesiones", from the UN's XML in Spanish):
    # the number, and the name as the document gives it in a comment, not lost.
    return [f"session: {meta.session}  # {_quoted(name)}"]


def _reads_as_session(name: str, number: int) -> bool:
    """Does the front matter read ``session: name`` back as this number and this name?"""
    return "\n" not in name and name[:1].isupper() and name.lower().endswith("session") and \
        parse_session(name) == number


def _agenda(meta: Meta) -> list[str]:
    # an item without a number (from a damaged AKN file) the format cannot take: a comment
    out = [f"# agenda item with no number: {_quoted(item.title or '')}"
           for item in meta.agenda if not item.item]
    items = [item for item in meta.agenda if item.item]
    if not items:
        return out
    if len(items) == 1 and items[0].title is None:
        return [*out, f"agenda: {_quoted(items[0].item)}"]
    out.append("agenda:")
    for item in items:
        if item.title is None:
            out.append(f"  - {_quoted(item.item)}")
        else:
            out.append(f"  - item: {_quoted(item.item)}")
            out += _entry("title", item.title, 4)
    return out


def _sponsors(meta: Meta) -> list[str]:
    if not meta.sponsors:
        return []
    out = ["sponsors:"]
    for sponsor in meta.sponsors:
        text = sponsor.name + ", ".join(sponsor.marks)  # "Azerbaijan*, **"
        if text == text.strip() and split_marks(text) == (sponsor.name, sponsor.marks):
            out += _item(text, 2)
            continue
        # a name the one-line form would misread (it ends with "*", or a mark is "†")
        lines = _entry("name", sponsor.name, 4)
        out.append("  - " + lines[0][4:])
        out += lines[1:]
        if sponsor.marks:
            out.append("    marks:")
            out += [f"      - {_quoted(mark)}" for mark in sponsor.marks]
    return out


def _adoption(adoption: Adoption) -> list[str]:
    out: list[str] = []
    if adoption.meeting is not None:
        out += _entry("meeting", adoption.meeting, 2)
    if adoption.date is not None:
        out.append(f"  date: {format_date(adoption.date)}")
    if adoption.reference is not None:
        out += _entry("reference", adoption.reference, 2)
    if adoption.vote is not None:
        lists = [(key, getattr(adoption.vote, key)) for key in _VOTE_KEYS]
        if not any(names for _, names in lists):
            out.append("  vote: {}")
        else:
            out.append("  vote:")
            for key, names in lists:
                if names:
                    out.append(f"    {key}:")
                    for name in names:
                        out += _item(name, 6)
    elif adoption.without_vote:
        out.append("  without_vote: true")
    return ["adoption:", *out] if out else ["adoption: {}"]


def _entry(key: str, value: str, indent: int = 0) -> list[str]:
    """``key: value``; a value of several lines as a ``|-`` block, one line per line."""
    pad = " " * indent
    block = _literal_block(value, pad + "  ")
    if block is not None:
        return [f"{pad}{key}: |-", *block]
    return [f"{pad}{key}: {_scalar(value)}"]


def _item(value: str, indent: int) -> list[str]:
    pad = " " * indent
    block = _literal_block(value, pad + "    ")
    if block is not None:
        return [f"{pad}- |-", *block]
    return [f"{pad}- {_scalar(value)}"]


def _literal_block(value: str, pad: str) -> list[str] | None:
    """A text with line breaks as YAML ``|-`` lines, or None when it has none or the block form
    could not carry it exactly (then it is written double-quoted, with ``\\n``)."""
    if "\n" not in value:
        return None
    lines = value.split("\n")
    for line in lines:
        if (line != line.strip() or line.startswith("---") or "[^" in line
                or not line.isprintable()):
            return None
    if not lines[0] or not lines[-1]:
        return None
    return [pad + line if line else "" for line in lines]


def _scalar(value: str) -> str:
    """A one-line YAML scalar: plain when YAML reads it back as the same text, else quoted."""
    if not _NUMBER_LIKE.fullmatch(value) and "[^" not in value:
        plain = yaml.safe_dump(value, allow_unicode=True, width=_WIDTH)
        plain = plain.removesuffix("\n").removesuffix("\n...")
        if "\n" not in plain and not plain.startswith(("'", '"')) and _loads(plain) == value:
            return plain
    return _quoted(value)


def _quoted(value: str) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, width=_WIDTH, default_style='"')
    text = text.removesuffix("\n").removesuffix("\n...")
    # the reader looks for footnote calls "[^x]" on every line of the file, front matter included
    return text.replace("[^", "\\x5B^")


def _loads(text: str) -> object:
    try:
        return yaml.safe_load(f"k: {text}")["k"]
    except yaml.YAMLError:
        return None


# --- blocks -------------------------------------------------------------------------------------


def _writes_formula(doc: Document) -> bool:
    """Write the enacting formula whenever the reader will take it for one (the default too: a
    reader of the source expects to see it)."""
    return bool(doc.formula) and is_formula(doc.formula)


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return _heading(block.level, block.number, block.content)
    number = block.number if isinstance(block, (Operative, Para)) else None
    if number is not None:
        return _numbered(number, block.content, block.subparagraphs)
    return _paragraph(block.content, block.subparagraphs)


def _annex(annex: Annex) -> list[str]:
    out = [_heading(1, None, [Text(annex.label)])]
    if annex.title:
        out.append(_heading(2, None, annex.title))
    return out + [_block(b) for b in annex.blocks]


def _heading(level: int, number: str | None, content: list[Inline]) -> str:
    marks = "#" * min(level, 6)  # Markdown has six: "#######" would be a paragraph
    if level <= 2 and any(isinstance(n, LineBreak) for n in walk_inlines(content)):
        # a heading broken over lines is a setext heading, underlined with "=" or "-"
        head = [Text(f"{number}. ")] if number is not None else []
        text = _inline([*head, *content], "setext")
        return text + "\n" + ("===" if level == 1 else "---")
    if number is not None:
        return f"{marks} {number}" + (f". {_inline(content, 'heading')}" if content else "")
    text = _inline(content, "heading")
    return f"{marks} {text}" if text else marks


def _paragraph(content: list[Inline], subs: list[Subparagraph]) -> str:
    """An unnumbered paragraph: preambular, a single operative, or plain text."""
    lines = _subparagraph_lines(subs, "")
    if content:
        lines.insert(0, _inline(content, "paragraph") + _break_before_sub(content, lines))
    return "\n".join(lines)


def _numbered(number: str, content: list[Inline], subs: list[Subparagraph]) -> str:
    lines = _subparagraph_lines(subs, SUB_INDENT)
    if content:
        text = _inline(content, "item", SUB_INDENT) + _break_before_sub(content, lines)
        lines.insert(0, text)
    elif lines:  # "1. (a) …": a paragraph that is only subparagraphs
        lines[0] = lines[0].lstrip()
    return f"{number}. " + "\n".join(lines)


def _subparagraph_lines(subs: list[Subparagraph], indent: str) -> list[str]:
    flat: list[Subparagraph] = []
    _flatten_subs(subs, flat)
    lines = []
    for i, sub in enumerate(flat):
        # "(a) &#32;": a subparagraph with no text (the reader reads its content as [Text("")])
        text = _inline(sub.content, "sub", indent) or "&#32;"
        lines.append(f"{indent}({sub.label}) {text}" + _break_before_sub(sub.content, flat[i + 1:]))
    return lines


def _flatten_subs(subs: list[Subparagraph], out: list[Subparagraph]) -> None:
    for sub in subs:
        out.append(sub)
        _flatten_subs(sub.subparagraphs, out)


def _break_before_sub(content: list[Inline], following: list) -> str:
    """The reader drops the line break just before "(a)", so text that ends with a line break
    needs one more to keep it."""
    last = next((n for n in reversed(content) if not (isinstance(n, Text) and not n.text)), None)
    return "\\" if following and isinstance(last, LineBreak) else ""


def _footnote(note: Footnote) -> str:
    text = _inline(note.content, "note", NOTE_INDENT)
    return f"[^{note.label}]: {text}" if text else f"[^{note.label}]:"


# --- inline content ------------------------------------------------------------------------------
#
# Inline content is first flattened into tokens (texts, emphasis delimiters, markup), so that the
# characters on each side of a ``*`` are known: CommonMark opens and closes emphasis by what is
# next to the delimiter ("flanking"). Where the neighbours would stop it from opening or closing
# (``*foo *bar``, ``x*(a)*``), the neighbour character is written as a numeric reference, which
# reads back as the same character but counts as punctuation.

_WS, _PUNCT, _WORD = 0, 1, 2


def _cls(ch: str) -> int:
    code = ord(ch)
    if isWhiteSpace(code):
        return _WS
    if isMdAsciiPunct(code) or isPunctChar(ch):
        return _PUNCT
    return _WORD


@dataclass(eq=False)
class _Text:
    text: str
    in_link: bool
    enc_first: bool = False  # write the first character as &#N;
    enc_last: bool = False
    label_code: bool = False  # "(a) " where the reader looks for subparagraphs: "`(a)` "
    lead_code: bool = False  # leading spaces of a subparagraph: in a code span
    escapes: frozenset[int] = frozenset()  # more positions to backslash-escape

    def first_class(self) -> int:
        encoded = self.enc_first or (self.enc_last and len(self.text) == 1)
        if encoded or self.label_code or self.lead_code or self.text[0] in "\r\n":
            return _PUNCT
        return _cls(self.text[0])

    def last_class(self) -> int:
        encoded = self.enc_last or (self.enc_first and len(self.text) == 1)
        return _PUNCT if encoded or self.text[-1] in "\r\n" else _cls(self.text[-1])


@dataclass(eq=False)
class _Delim:
    strong: bool
    opening: bool
    char: str = "*"
    pair: _Delim | None = None  # a closer's opener
    parent: _Delim | None = None  # an opener's enclosing emphasis (within one link text)

    @property
    def markup(self) -> str:
        return self.char * (2 if self.strong else 1)


@dataclass(eq=False)
class _Markup:
    kind: str  # "noteref", "link_open", "link_close", "break"
    markup: str
    before: int  # the class a delimiter just before this token sees
    after: int  # the class a delimiter just after it sees


_Token = _Text | _Delim | _Markup

# where the reader reads block syntax at the start of a line, and where it looks for "(a) "
_CONTEXTS = {  # context: (first line is a line start, "(a) " is a subparagraph)
    "paragraph": (True, True),
    "item": (True, True),
    "sub": (False, True),
    "note": (True, False),
    "heading": (False, False),
    "setext": (True, False),
}


def _inline(nodes: list[Inline], context: str, indent: str = "") -> str:
    line_start, label_sensitive = _CONTEXTS[context]
    flat: list[_Token] = []
    _flatten(nodes, flat, [], in_link=False, heading=context == "heading")
    tokens = _merge_texts(flat)
    if not tokens:
        return ""
    starts = [0] if line_start else []
    starts += [i + 1 for i, t in enumerate(tokens[:-1]) if _is(t, "break")]
    for i in starts:
        _mark_line_start(tokens, i, label_sensitive)
    _neighbour_escapes(tokens)
    first, last = tokens[0], tokens[-1]
    if isinstance(first, _Text) and first.text[0].isspace() and not line_start:
        if context == "sub":
            first.lead_code = _codeable(first.text)
            first.enc_first = not first.lead_code
        else:
            first.enc_first = True
    if isinstance(last, _Text) and last.text[-1].isspace():
        last.enc_last = True  # Markdown strips the end of a paragraph or line
    if context == "heading" and isinstance(last, _Text) and last.text.endswith("#"):
        last.escapes |= {len(last.text) - 1}  # a closing "#" sequence would be dropped
    _choose_chars(tokens)
    _fix_flanking(tokens)
    out = []
    for i, token in enumerate(tokens):
        if isinstance(token, _Text):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            out.append(_escape(token, nxt))
        elif isinstance(token, _Delim):
            out.append(token.markup)
        elif token.kind == "break":
            out.append(token.markup + indent)
        else:
            out.append(token.markup)
    return "".join(out)


def _is(token: _Token | None, kind: str) -> bool:
    return isinstance(token, _Markup) and token.kind == kind


def _flatten(nodes: list[Inline], out: list[_Token], open_delims: list[_Delim], *,
             in_link: bool, heading: bool) -> None:
    for node in nodes:
        if isinstance(node, Text):
            if node.text:
                out.append(_Text(node.text, in_link))
        elif isinstance(node, (Emph, Strong)):
            parent = open_delims[-1] if open_delims else None
            opener = _Delim(isinstance(node, Strong), True, parent=parent)
            out.append(opener)
            _flatten(node.children, out, [*open_delims, opener], in_link=in_link,
                     heading=heading)
            out.append(_Delim(opener.strong, False, pair=opener))
        elif isinstance(node, Link):
            out.append(_Markup("link_open", "[", _PUNCT, _PUNCT))
            _flatten(node.children, out, [], in_link=True, heading=heading)
            # inside the brackets, the end of the link text counts as a space
            out.append(_Markup("link_close", f"]({_destination(node.target)})", _WS, _PUNCT))
        elif isinstance(node, NoteRef):
            out.append(_Markup("noteref", f"[^{node.label}]", _PUNCT, _PUNCT))
        elif isinstance(node, LineBreak):
            if heading:  # a heading is one line: the nearest thing is a space
                out.append(_Text(" ", in_link))
            else:
                out.append(_Markup("break", "\\\n", _PUNCT, _WS))


def _merge_texts(tokens: list[_Token]) -> list[_Token]:
    """Texts that met because a node between them wrote nothing, merged: once, for the whole
    run (merging after each emphasis rescanned the run: quadratic in a paragraph of many)."""
    out: list[_Token] = []
    for _, run in itertools.groupby(tokens, _merge_key):
        first, *rest = run
        if rest:  # only texts share a key
            first.text = "".join([first.text, *(t.text for t in rest)])
        out.append(first)
    return out


def _merge_key(token: _Token) -> tuple[bool, object]:
    return (True, token.in_link) if isinstance(token, _Text) else (False, id(token))


def _choose_chars(tokens: list[_Token]) -> None:
    """``*`` for emphasis, ``_`` where two delimiters would touch (``*a**b*`` is not two
    emphases, ``*_a_*`` is) or nest (``*x _y_ z*`` pairs up more surely than ``*x *y* z*``).

    Delimiters that touch must differ: that is a two-colouring of the graph "touches", each
    connected group starting with the colour its enclosing emphasis does not have."""
    openers = [t for t in tokens if isinstance(t, _Delim) and t.opening]
    touching: dict[int, list[_Delim]] = {id(o): [] for o in openers}
    for a, b in itertools.pairwise(tokens):
        if isinstance(a, _Delim) and isinstance(b, _Delim):
            x, y = a if a.opening else a.pair, b if b.opening else b.pair
            if x is not y and x is not None and y is not None:
                touching[id(x)].append(y)
                touching[id(y)].append(x)
    done: set[int] = set()
    for first in openers:
        if id(first) in done:
            continue
        first.char = "_" if first.parent is not None and first.parent.char == "*" else "*"
        done.add(id(first))
        queue = [first]
        while queue:
            node = queue.pop(0)
            for other in touching[id(node)]:
                if id(other) not in done:
                    other.char = "_" if node.char == "*" else "*"
                    done.add(id(other))
                    queue.append(other)
    for token in tokens:
        if isinstance(token, _Delim) and not token.opening and token.pair is not None:
            token.char = token.pair.char


def _mark_line_start(tokens: list[_Token], i: int, label_sensitive: bool) -> None:
    token = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if _is(token, "noteref") and isinstance(nxt, _Text) and nxt.text.startswith(":"):
        nxt.escapes |= {0}  # "[^1]: …" would be a footnote definition
    if not isinstance(token, _Text):
        return
    text = token.text
    if text[0].isspace():
        token.enc_first = True  # Markdown drops the indentation of a line
    elif label_sensitive and SUB_LABEL.match(text):
        token.label_code = True
    else:
        token.escapes |= _block_start_escapes(text)


_BLOCK_START = re.compile(
    r"[#>]"  # heading, block quote
    r"|[-+*](?:[ \t]|$)"  # bullet list
    r"|(?:-[ \t]*){3,}$|-+[ \t]*$|=+[ \t]*$"  # thematic break, setext underline
    r"|~~~"  # fenced code
)
_ORDERED = re.compile(r"\d+([.)])(?:[ \t]|$)")


def _block_start_escapes(text: str) -> frozenset[int]:
    """Positions to backslash-escape so that a line opening with ``text`` stays text."""
    if _BLOCK_START.match(text):
        return frozenset({0})
    m = _ORDERED.match(text)
    if m:
        return frozenset({m.start(1)})  # "1\. " is not a list item
    return frozenset()


def _codeable(text: str) -> bool:
    """Can the leading whitespace of ``text`` go in a code span, which keeps it as it is?"""
    lead = text[: len(text) - len(text.lstrip())]
    if any(c in lead for c in "\n\r`"):
        return False  # a code span turns line ends into spaces
    # " \t " would lose a space at each end; spaces alone are kept
    return set(lead) == {" "} or not (lead.startswith(" ") and lead.endswith(" "))


def _fix_flanking(tokens: list[_Token]) -> None:
    """Make every delimiter able to open or close where it stands (CommonMark §6.2)."""
    changed = True
    while changed:
        changed = False
        for i, token in enumerate(tokens):
            if not isinstance(token, _Delim):
                continue
            before = _class_before(tokens, i)
            after = _class_after(tokens, i)
            # inside a word ("un*usual*ly") a "*" can both open and close: safe unless an
            # enclosing emphasis also uses "*" and could be closed by it
            in_word = before == _WORD and after == _WORD and token.char == "*" and not any(
                d.char == "*" for d in _enclosing(token))
            if token.opening:
                if after == _WS and _encode(tokens, i + 1, first=True):
                    changed, after = True, _PUNCT
                if before == _WORD and after != _WS and not in_word and _encode(
                        tokens, i - 1, first=False):
                    changed = True
            else:
                if before == _WS and _encode(tokens, i - 1, first=False):
                    changed, before = True, _PUNCT
                if after == _WORD and before != _WS and not in_word and _encode(
                        tokens, i + 1, first=True):
                    changed = True


def _enclosing(token: _Delim) -> list[_Delim]:
    out = []
    parent = (token if token.opening else token.pair or token).parent
    while parent is not None:
        out.append(parent)
        parent = parent.parent
    return out


def _class_before(tokens: list[_Token], i: int) -> int:
    if i == 0:
        return _WS
    prev = tokens[i - 1]
    if isinstance(prev, _Text):
        return prev.last_class()
    return _PUNCT if isinstance(prev, _Delim) else prev.after


def _class_after(tokens: list[_Token], i: int) -> int:
    if i + 1 == len(tokens):
        return _WS
    nxt = tokens[i + 1]
    if isinstance(nxt, _Text):
        return nxt.first_class()
    return _PUNCT if isinstance(nxt, _Delim) else nxt.before


def _encode(tokens: list[_Token], i: int, *, first: bool) -> bool:
    if not 0 <= i < len(tokens) or not isinstance(tokens[i], _Text):
        return False
    token = tokens[i]
    assert isinstance(token, _Text)
    if first:
        if token.enc_first or token.label_code or token.lead_code:
            return False
        token.enc_first = True
    else:
        if token.enc_last:
            return False
        token.enc_last = True
    return True


_ENTITY_LIKE = re.compile(r"&[#A-Za-z0-9]+;")


def _escape(token: _Text, nxt: _Token | None) -> str:
    s = token.text
    n = len(s)
    out: list[str] = []
    i = 0
    if token.label_code:
        label = SUB_LABEL.match(s).group(0).rstrip()  # type: ignore[union-attr]
        out.append(f"`{label}`")
        i = len(label)
    elif token.lead_code:
        lead = s[: n - len(s.lstrip())]
        out.append(f"`{lead}`")
        i = len(lead)
    bracket_next = _is(nxt, "link_open") or _is(nxt, "noteref")
    while i < n:
        ch = s[i]
        if (i == 0 and token.enc_first) or (i == n - 1 and token.enc_last) or ch in "\r\n":
            out.append(f"&#{ord(ch)};")
        elif i in token.escapes or ch in "*`":
            out.append("\\" + ch)
        elif ch == "\\":
            following = s[i + 1] if i + 1 < n else ""
            plain_next = following and following not in string.punctuation + "\r\n" and not (
                i + 1 == n - 1 and token.enc_last)
            out.append("\\" if plain_next else "\\\\")
        elif ch == "_":
            word = 2 <= i <= n - 3 and _cls(s[i - 1]) == _WORD and _cls(s[i + 1]) == _WORD
            out.append("_" if word else "\\_")
        elif ch == "[":
            if s.startswith("^", i + 1):  # "\[\^1]": the reader looks for "[^" on every line
                out.append("\\[\\^")
                i += 1
            else:
                out.append("\\[")
        elif ch == "]" and token.in_link:
            out.append("\\]")
        elif ch == "<" and (i == n - 1 or not s[i + 1].isspace()):
            out.append("\\<")  # an autolink otherwise: <https://…>
        elif ch == "&" and _ENTITY_LIKE.match(s, i):
            out.append("\\&")
        elif ch in "!^" and i == n - 1 and bracket_next:
            out.append("\\" + ch)  # "![" is an image, "^[" an inline footnote
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _neighbour_escapes(tokens: list[_Token]) -> None:
    for prev, token in itertools.pairwise(tokens):
        if not isinstance(token, _Text):
            continue
        if _is(prev, "noteref") and token.text.startswith("("):
            token.escapes |= {0}  # "[^1](x)" is a link
        if _is(prev, "link_open") and token.text.startswith("^"):
            token.escapes |= {0}  # "[^a](x)" is a link, but the reader takes "[^a]" for a call


def _destination(url: str) -> str:
    depth = 0
    balanced = True
    for ch in url:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        balanced = balanced and depth >= 0
    if balanced and depth == 0 and not re.search(r"[\s<>\\]", url):
        return url
    return "<" + re.sub(r"([<>\\])", r"\\\1", url) + ">"
