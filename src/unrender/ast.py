"""The document tree: the one contract between readers, transforms and writers.

Every reader produces a :class:`Document`; every transform takes one and returns one; every writer
only reads one. This module imports nothing of the package, so any stage can depend on it alone.

Every block node carries ``line``: the 1-based line of the source it came from (0 when a node was
made by a transform rather than read from a source).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

# --- inline content ----------------------------------------------------------------------------


@dataclass
class Text:
    """Plain text, exactly as the author wrote it (after the typography pass)."""

    text: str


@dataclass
class Emph:
    """Italic text: an opening phrase, a Latin term, a title of a publication."""

    children: list[Inline]


@dataclass
class Strong:
    """Bold text (rare in a resolution's body; kept as the author wrote it)."""

    children: list[Inline]


@dataclass
class Link:
    """A link; ``target`` is an absolute https/mailto URL (readers drop any other scheme)."""

    target: str
    children: list[Inline]


@dataclass
class NoteRef:
    """A call to a numbered footnote, by the ``label`` of a footnote in ``Document.footnotes``."""

    label: str


@dataclass
class LineBreak:
    """A hard line break inside a paragraph."""


Inline = Text | Emph | Strong | Link | NoteRef | LineBreak


# --- blocks -------------------------------------------------------------------------------------


@dataclass
class Subparagraph:
    """(a), (b) … and, nested, (i), (ii) … as printed: ``label`` is the letters without brackets."""

    label: str
    content: list[Inline]
    subparagraphs: list[Subparagraph] = field(default_factory=list)
    line: int = 0


@dataclass
class Preambular:
    """A preambular paragraph: unnumbered, opening with a phrase in italics, ending in a comma."""

    content: list[Inline]
    subparagraphs: list[Subparagraph] = field(default_factory=list)
    line: int = 0


@dataclass
class Operative:
    """An operative paragraph; ``number`` is as the author wrote it ("1", "12"), ``None`` when the
    resolution has a single, unnumbered operative paragraph."""

    number: str | None
    content: list[Inline]
    subparagraphs: list[Subparagraph] = field(default_factory=list)
    line: int = 0


@dataclass
class Heading:
    """A section heading inside the body or an annex: "I", "A", or a titled heading.

    ``number`` is the printed label ("I", "A", "1") or ``None``; ``level`` 1 is the top division.
    """

    level: int
    number: str | None
    content: list[Inline]
    line: int = 0


@dataclass
class Para:
    """A paragraph that is neither preambular nor operative: annex text, quoted declarations."""

    content: list[Inline]
    number: str | None = None
    subparagraphs: list[Subparagraph] = field(default_factory=list)
    line: int = 0


Block = Heading | Preambular | Operative | Para


@dataclass
class Annex:
    """An annex after the resolution: its label, title and its own blocks."""

    label: str  # "Annex", "Annex I"
    title: list[Inline]
    blocks: list[Block]
    line: int = 0


@dataclass
class Footnote:
    """A numbered footnote. ``number`` is its printed number, in order of first call."""

    label: str
    number: int
    content: list[Inline]
    line: int = 0


# --- metadata -----------------------------------------------------------------------------------

DocumentKind = Literal["resolution", "draft resolution", "decision", "draft decision"]
Paper = Literal["letter", "a4"]


@dataclass
class AgendaItem:
    """An agenda item in the masthead: its number and, when given, its title."""

    item: str  # "3", "68 (b)"
    title: str | None = None


@dataclass
class Sponsor:
    """A sponsor of a draft, with the symbol-note marks printed after its name."""

    name: str
    marks: list[str] = field(default_factory=list)  # "*", "**": keys of Meta.notes


@dataclass
class Vote:
    """A recorded vote: the States in favour, against and abstaining, as listed."""

    in_favour: list[str]
    against: list[str]
    abstaining: list[str]


@dataclass
class Adoption:
    """How and when the text was adopted; ``vote`` is None when ``without_vote``."""

    meeting: str | None = None  # "35th meeting", "30th plenary meeting"
    date: _dt.date | None = None
    without_vote: bool = False
    vote: Vote | None = None
    reference: str | None = None  # "without reference to a Main Committee (A/73/L.4)"
    line: int = 0


@dataclass
class Meta:
    """The masthead and page furniture of a document: what its YAML front matter says."""

    body: str  # "General Assembly", "Human Rights Council", "Third Committee" …
    kind: DocumentKind = "resolution"
    symbol: str | None = None
    distribution: str | None = None  # "General", "Limited"
    date: _dt.date | None = None  # date of issue
    original: str | None = None  # original language
    session: int | None = None
    session_name: str | None = None  # "Fiftieth session", "Resumed fiftieth session"
    session_dates: str | None = None
    agenda: list[AgendaItem] = field(default_factory=list)
    sponsors: list[Sponsor] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # symbol footnotes: "*" -> text
    number: str | None = None  # "53/11", "50/..."
    title: str | None = None
    short_title: str | None = None  # running header; defaults to the title
    job: str | None = None  # "18-16895", "GE.22-10304"
    release_date: _dt.date | None = None  # printed after the job number on page 1
    paper: Paper = "letter"
    language: str = "en"
    emblem: str | None = None  # path, relative to the document, of an emblem image
    lint_ignore: list[str] = field(default_factory=list)  # rule codes `unrender check` skips
    line: int = 0


# --- document -----------------------------------------------------------------------------------


@dataclass
class Document:
    """A whole resolution or decision: the root every reader returns."""

    meta: Meta
    formula: list[Inline]  # enacting formula: "The Human Rights Council,"
    body: list[Block]
    footnotes: list[Footnote] = field(default_factory=list)
    adoption: Adoption | None = None
    annexes: list[Annex] = field(default_factory=list)
    source: str | None = None  # path of the source file, for messages

    @property
    def preamble(self) -> list[Preambular]:
        return [b for b in self.body if isinstance(b, Preambular)]

    @property
    def operative(self) -> list[Operative]:
        return [b for b in self.body if isinstance(b, Operative)]

    def footnote(self, label: str) -> Footnote | None:
        return next((f for f in self.footnotes if f.label == label), None)


# --- helpers every stage needs -----------------------------------------------------------------


def plain_text(nodes: list[Inline]) -> str:
    """The text of inline nodes, without markup or footnote calls."""
    return "".join(_plain(n) for n in nodes)


def _plain(node: Inline) -> str:
    if isinstance(node, Text):
        return node.text
    if isinstance(node, LineBreak):
        return "\n"
    if isinstance(node, (Emph, Strong, Link)):
        return plain_text(node.children)
    return ""


def walk_inlines(nodes: list[Inline]) -> Iterator[Inline]:
    """Every inline node, depth first, parents before children."""
    for node in nodes:
        yield node
        if isinstance(node, (Emph, Strong, Link)):
            yield from walk_inlines(node.children)


def all_subparagraphs(subs: list[Subparagraph]) -> Iterator[Subparagraph]:
    for sub in subs:
        yield sub
        yield from all_subparagraphs(sub.subparagraphs)


def inline_runs(doc: Document) -> Iterator[list[Inline]]:
    """Every list of inline content in the document, in reading order (for transforms)."""
    yield doc.formula
    yield from _block_runs(doc.body)
    for annex in doc.annexes:
        yield annex.title
        yield from _block_runs(annex.blocks)
    for note in doc.footnotes:
        yield note.content


def _block_runs(blocks: list[Block]) -> Iterator[list[Inline]]:
    for block in blocks:
        yield block.content
        for sub in all_subparagraphs(getattr(block, "subparagraphs", [])):
            yield sub.content
