"""AST -> HTML through the Jinja2 template ``templates/resolution.html.j2``.

Two modes share one template: ``screen`` (a self-contained, responsive page with DPUB-ARIA
footnotes at the end) and ``print`` (the input WeasyPrint paginates: each footnote's text sits at
its call site as a ``float: footnote`` element, and running headers come from hidden elements).
All user text passes through :func:`markupsafe.escape`; the template autoescapes the rest.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import jinja2
from markupsafe import Markup, escape

from unrender.ast import (
    Annex,
    Block,
    Document,
    Emph,
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
from unrender.resources import read_style, resource_dir
from unrender.un.bodies import MAIN_COMMITTEES, masthead_organ
from unrender.un.dates import format_date
from unrender.un.locale import locale
from unrender.writers.barcode import code39_svg, job_digits

Mode = Literal["screen", "print"]
NBSP = "\u00a0"
_WORD = re.compile(r"[^\s<>]+")


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_dir("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["un_date"] = lambda d: format_date(d).replace(" ", NBSP, 1) if d else ""
    return env


def render_html(doc: Document, mode: Mode = "screen") -> str:
    """The document as one HTML page (``screen``) or as WeasyPrint's input (``print``)."""
    view = _View(doc, mode)
    template = _environment().get_template("resolution.html.j2")
    return template.render(
        doc=doc,
        meta=doc.meta,
        v=view,
        mode=mode,
        css=Markup(read_style("screen.css")) if mode == "screen" else "",
    )


@dataclass
class _Group:
    """Consecutive blocks of one kind, so operative paragraphs share one ``<ol>``."""

    kind: str
    blocks: list[Block]


class _View:
    """What the template asks of the document, phrased as the page prints it."""

    def __init__(self, doc: Document, mode: Mode) -> None:
        self.doc = doc
        self.meta = doc.meta
        self.mode = mode
        self.loc = locale(doc.meta.language)  # labels print in the document's language
        self._called_marks: set[str] = set()
        self._called_notes: set[str] = set()
        # doc.footnote(label) scans the list: once per call is quadratic with thousands of notes
        self._notes = {note.label: note for note in reversed(doc.footnotes)}  # the first wins

    # --- inline content ------------------------------------------------------------------------

    def inline(self, nodes: list[Inline]) -> Markup:
        return Markup("").join(self._node(n) for n in nodes)

    def _node(self, node: Inline) -> Markup:
        if isinstance(node, Text):
            return _text(node.text, self.mode)
        if isinstance(node, Emph):
            return Markup("<i>%s</i>") % self.inline(node.children)
        if isinstance(node, Strong):
            return Markup("<b>%s</b>") % self.inline(node.children)
        if isinstance(node, Link):
            return Markup('<a href="%s">%s</a>') % (node.target, self.inline(node.children))
        if isinstance(node, LineBreak):
            return Markup("<br>")
        if isinstance(node, NoteRef):
            return self._note_call(node.label)
        raise TypeError(f"unknown inline node {node!r}")

    def _note_call(self, label: str) -> Markup:
        note = self._notes.get(label)
        if note is None:
            return Markup("")
        first = label not in self._called_notes
        self._called_notes.add(label)
        if self.mode == "print":
            # the note's text goes to the foot of the page once; later calls only point to it.
            # The number is the AST's, not a CSS counter: symbol notes (*) must not count.
            if not first:
                return Markup('<sup class="call">%d</sup>') % note.number
            return Markup('<span class="fn" data-n="%d">%s</span>') % (
                note.number, self.inline(note.content))
        # the first call carries the id the note's back-link returns to; ids stay unique
        anchor = Markup(' id="fnref-%d"') % note.number if first else Markup("")
        return Markup(
            '<a class="noteref" href="#fn-%d"%s role="doc-noteref"><sup>%d</sup></a>'
        ) % (note.number, anchor, note.number)

    def mark(self, mark: str) -> Markup:
        """A symbol-note mark (``*``): the first one carries the note, the others only point."""
        text = self.meta.notes.get(mark)
        first = mark not in self._called_marks
        self._called_marks.add(mark)
        if text is None:
            return Markup("<sup>%s</sup>") % mark
        if self.mode == "print":
            if first:
                return Markup('<span class="fn symbol-note" data-mark="%s">%s</span>') % (
                    mark, _text(text, self.mode))
            return Markup('<sup class="mark">%s</sup>') % mark
        return Markup('<a class="noteref" href="#note-%s" role="doc-noteref"><sup>%s</sup></a>') % (
            len(mark), mark)

    def unused_marks(self) -> list[str]:
        """Symbol notes no sponsor carries (e.g. "* Reissued for technical reasons"): they attach
        to the title."""
        used = {m for s in self.meta.sponsors for m in s.marks}
        return [m for m in self.meta.notes if m not in used]

    # --- masthead and front matter -------------------------------------------------------------

    @property
    def organ(self) -> str:
        return masthead_organ(self.meta.body)

    @property
    def symbol_parts(self) -> tuple[str, str]:
        symbol = self.meta.symbol or ""
        return symbol[:1], symbol[1:]

    @property
    def is_draft(self) -> bool:
        return self.meta.kind.startswith("draft")

    @property
    def council_line(self) -> str | None:
        """The body named under the masthead rule: "Human Rights Council", "Third Committee"."""
        body = self.meta.body
        if body == "Human Rights Council" or body in MAIN_COMMITTEES:
            return body
        return None

    @property
    def agenda_line(self) -> str | None:
        items = [a.item for a in self.meta.agenda]
        if not items:
            return None
        word = "Agenda item" if len(items) == 1 else "Agenda items"
        return f"{word} {_join(items)}"

    @property
    def agenda_titles(self) -> list[str]:
        return [a.title for a in self.meta.agenda if a.title]

    @property
    def adopted_by(self) -> str | None:
        if self.is_draft or self.meta.body == "Security Council":
            return None
        kind = self.meta.kind.capitalize()
        return f"{kind} adopted by the {self.meta.body}"

    @property
    def number_label(self) -> str | None:
        number = self.meta.number
        if not number:
            return None
        return number if self.is_draft or number.endswith(("…", ".")) else f"{number}."

    def sponsors(self) -> list[tuple[Markup, str]]:
        """Each sponsor with its marks, and the separator the UN prints after it."""
        out = []
        names = self.meta.sponsors
        for i, sponsor in enumerate(names):
            if i == len(names) - 1:
                sep = ": "
            elif i == len(names) - 2:
                sep = " and "
            else:
                sep = ", "
            marks = Markup(",").join(self.mark(m) for m in sponsor.marks)
            name = _text(sponsor.name, self.mode)
            if marks and sep == ", ":  # "Albania,* Andorra": the mark follows the comma
                out.append((Markup("%s,%s") % (name, marks), " "))
            else:
                out.append((name + marks, sep))
        return out

    # --- body ----------------------------------------------------------------------------------

    def groups(self, blocks: list[Block]) -> list[_Group]:
        out: list[_Group] = []
        for block in blocks:
            kind = _kind(block)
            if kind in ("operative", "numbered") and out and out[-1].kind == kind:
                out[-1].blocks.append(block)
            else:
                out.append(_Group(kind, [block]))
        return out

    @staticmethod
    def label(sub: Subparagraph, depth: int) -> Markup:
        # Level 1 "(a)": letter italic, brackets roman (un-style.md §5.4); level 2 "(i)" upright.
        if depth == 1:
            return Markup("(<i>%s</i>)") % sub.label
        return Markup("(%s)") % sub.label

    # --- closing -------------------------------------------------------------------------------

    @property
    def adoption(self):
        return self.doc.adoption

    def vote_sentence(self) -> str | None:
        """The Council's bracketed record: "[Adopted by a recorded vote of 33 to 13, with 1
        abstention. The voting was as follows:" (lists follow), or "[Adopted without a vote.]"."""
        adoption = self.doc.adoption
        if adoption is None or self.meta.body != "Human Rights Council":
            return None
        if adoption.without_vote:
            return "[Adopted without a vote.]"
        if adoption.vote is None:
            return None
        return vote_sentence(len(adoption.vote.in_favour), len(adoption.vote.against),
                             len(adoption.vote.abstaining))

    def vote_lists(self) -> list[tuple[str, str]]:
        vote = self.doc.adoption.vote if self.doc.adoption else None
        if vote is None:
            return []
        lists = [("In favour:", vote.in_favour), ("Against:", vote.against),
                 ("Abstaining:", vote.abstaining)]
        return [(heading, _join(names)) for heading, names in lists if names]

    # --- page furniture ------------------------------------------------------------------------

    @property
    def running_title(self) -> str:
        return " ".join((self.meta.short_title or self.meta.title or "").split())

    @property
    def title_lines(self) -> list[str]:
        """The title as the editor broke it (a newline in the front matter is a line break)."""
        return (self.meta.title or "").splitlines()

    @property
    def job_line(self) -> str | None:
        job = self.meta.job
        if not job:
            return None
        geneva = job.startswith("GE.")
        line = f"{job}(E)" if geneva else f"{job} (E)"
        if self.meta.release_date:
            line += NBSP * 4 + self.meta.release_date.strftime("%d%m%y")
        return line

    @property
    def barcode(self) -> str | None:
        if not self.meta.job:
            return None
        try:
            digits = job_digits(self.meta.job)
        except ValueError:  # the reader has warned about the malformed job number
            return None
        svg = code39_svg(digits)
        return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")

    def emblem_src(self) -> str | None:
        """The emblem, as a path relative to the document (the PDF writer's fetcher checks it)."""
        return Path(self.meta.emblem).as_posix() if self.meta.emblem else None

    @property
    def page_title(self) -> str:
        parts = [self.meta.symbol, " ".join((self.meta.title or "").split())]
        return " – ".join(p for p in parts if p) or "United Nations resolution"

    def footnotes(self):
        return self.doc.footnotes

    def annexes(self) -> list[Annex]:
        return self.doc.annexes

    @staticmethod
    def plain(nodes: list[Inline]) -> str:
        return plain_text(nodes)


def vote_sentence(in_favour: int, against: int, abstaining: int) -> str:
    """un-style.md §7.2: "…, with 17 abstentions.", "with 1 abstention.", "with no abstentions."."""
    if abstaining == 0:
        tail = "with no abstentions"
    elif abstaining == 1:
        tail = "with 1 abstention"
    else:
        tail = f"with {abstaining} abstentions"
    return (f"[Adopted by a recorded vote of {in_favour} to {against}, {tail}. "
            "The voting was as follows:")


def _join(names: list[str]) -> str:
    """"A, B and C" — no serial comma, as in UN vote lists and sponsor lines."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _kind(block: Block) -> str:
    if isinstance(block, Heading):
        return "heading"
    if isinstance(block, Preambular):
        return "preambular"
    if isinstance(block, Operative):
        return "operative"
    assert isinstance(block, Para)
    return "numbered" if block.number else "para"


def _text(text: str, mode: Mode) -> Markup:
    escaped = escape(text)
    if mode == "print" and "\u2011" in text:
        # Liberation Serif has no U+2011 (and a missing glyph costs WeasyPrint a slow fallback
        # search): print the word with plain hyphens in a span that does not break.
        escaped = Markup(_WORD.sub(_nobreak, str(escaped)))
    return escaped


def _nobreak(m: re.Match[str]) -> str:
    """A word with a non-breaking hyphen, printable (words are matched whole, then tested: a
    pattern around the hyphen would rescan a long word from each of its letters)."""
    word = m.group(0)
    if "\u2011" not in word:
        return word
    return '<span class="nobreak">' + word.replace("\u2011", "-") + "</span>"
