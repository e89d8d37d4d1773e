"""Shared fixtures: every example built once per test session, and the text it must contain.

Rendering a PDF costs about a second, so the ``examples`` fixture builds each ``examples/*.md``
once (PDF, HTML and JSON, through :func:`unrender.build.build`, the path the CLI takes) into a
temporary folder, and hands every test the same :class:`Built` record. Tests must treat the files
and the Document as read-only.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import NamedTuple

import pytest

from unrender import transforms
from unrender.ast import (
    Annex,
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
)
from unrender.build import BuildResult, build
from unrender.readers import read_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES_DIR = ROOT / "examples"
EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES_DIR.glob("*.md"))


# --- text normalisation ---------------------------------------------------------------------------

_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u00ad": "-"})


def normalize(text: str) -> str:
    """Text as extracted and as written, made comparable: compatibility forms folded (NBSP ->
    space, "…" -> "...", ligatures -> letters), U+2010/U+2011/soft hyphen -> "-", whitespace
    collapsed. Quotes and dashes are kept: the PDF must carry the typeset characters."""
    text = unicodedata.normalize("NFKC", text).translate(_HYPHENS)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    return normalize(text).split()


# --- what the document says -----------------------------------------------------------------------

_CALL = "\ue000"  # sentinel around a footnote call's label while splitting into words


@dataclass
class Unit:
    """One run of text that must come out of a rendering word for word: the title, the formula, a
    paragraph (its number first), a subparagraph (its label first), a footnote.

    ``calls`` maps a footnote label to the index in ``words`` of the word its call follows."""

    kind: str
    words: list[str]
    calls: dict[str, int] = field(default_factory=dict)
    line: int = 0

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _with_calls(nodes: list[Inline]) -> str:
    out = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, LineBreak):
            out.append("\n")
        elif isinstance(node, (Emph, Strong, Link)):
            out.append(_with_calls(node.children))
        elif isinstance(node, NoteRef):
            out.append(f"{_CALL}{node.label}{_CALL}")
    return "".join(out)


def make_unit(
    kind: str, nodes: list[Inline] | str, prefix: str | None = None, line: int = 0
) -> Unit:
    raw = nodes if isinstance(nodes, str) else _with_calls(nodes)
    if prefix:
        raw = f"{prefix} {raw}"
    out: list[str] = []
    calls: dict[str, int] = {}
    for token in normalize(raw).split():
        parts = token.split(_CALL)
        # text, label, text, label …: "session,\ue0001\ue000" -> ["session,", "1", ""]
        text = "".join(parts[0::2])
        if text:
            out.append(text)
        for label in parts[1::2]:
            calls.setdefault(label, max(len(out) - 1, 0))
    return Unit(kind, out, calls, line)


def _sub_units(subs: list[Subparagraph]) -> list[Unit]:
    units = []
    for sub in subs:
        units.append(make_unit("subparagraph", sub.content, f"({sub.label})", sub.line))
        units.extend(_sub_units(sub.subparagraphs))
    return units


def block_units(blocks) -> list[Unit]:
    units: list[Unit] = []
    for block in blocks:
        if isinstance(block, Operative):
            prefix = f"{block.number}." if block.number else None
            units.append(make_unit("operative", block.content, prefix, block.line))
        elif isinstance(block, Preambular):
            units.append(make_unit("preambular", block.content, None, block.line))
        elif isinstance(block, Para):
            prefix = f"{block.number}." if block.number else None
            units.append(make_unit("para", block.content, prefix, block.line))
        elif isinstance(block, Heading):
            units.append(make_unit("heading", block.content, block.number, block.line))
        units.extend(_sub_units(getattr(block, "subparagraphs", [])))
    return units


def number_label(doc: Document) -> str | None:
    """The printed resolution number: "73/8." (full stop added), "50/…" (drafts keep it as is)."""
    number = doc.meta.number
    if not number:
        return None
    if doc.meta.kind.startswith("draft") or number.endswith(("…", "...", ".")):
        return number
    return number + "."


def un_date(date) -> str:
    """un-style.md §11 rule 10: "12 July 2023" (computed here, not by unrender.un.dates)."""
    return f"{date.day} {date:%B} {date.year}"


def body_units(doc: Document) -> list[Unit]:
    """Title, enacting formula, every body paragraph and subparagraph, the closing meeting line,
    then each annex: in reading order. Footnotes are separate (:func:`footnote_units`)."""
    units: list[Unit] = []
    if doc.meta.title:
        units.append(make_unit("title", doc.meta.title, number_label(doc)))
    units.append(make_unit("formula", doc.formula))
    units.extend(block_units(doc.body))
    adoption = doc.adoption
    if adoption and (adoption.meeting or adoption.date) and doc.meta.body != "Security Council":
        line = " ".join(
            p for p in (adoption.meeting, adoption.date and un_date(adoption.date)) if p
        )
        units.append(make_unit("meeting", line))
    for annex in doc.annexes:
        units.extend(_annex_units(annex))
    return units


def _annex_units(annex: Annex) -> list[Unit]:
    units = [make_unit("annex-label", annex.label)]
    if annex.title:
        units.append(make_unit("annex-title", annex.title))
    return units + block_units(annex.blocks)


def footnote_units(doc: Document) -> list[Unit]:
    """Numbered footnotes in number order (their own calls, if any, are ignored)."""
    return [
        make_unit("footnote", n.content, None, n.line)
        for n in sorted(doc.footnotes, key=lambda n: n.number)
    ]


# --- the built examples ---------------------------------------------------------------------------


_RESULTS: dict[Path, BuildResult] = {}


class Built(NamedTuple):
    """One example after the build, unpackable as ``doc, pdf, html``: ``doc`` is the Document after
    the standard transforms, ``pdf`` and ``html`` the files :func:`unrender.build.build` wrote
    (``json`` beside them; ``result`` is the build's :class:`BuildResult`)."""

    doc: Document
    pdf: Path
    html: Path

    @property
    def json(self) -> Path:
        return self.pdf.with_suffix(".json")

    @property
    def result(self) -> BuildResult:
        return _RESULTS[self.pdf]

    @property
    def name(self) -> str:
        return self.pdf.stem

    @property
    def source(self) -> Path:
        return EXAMPLES_DIR / f"{self.name}.md"

    def units(self) -> list[Unit]:
        return body_units(self.doc)

    def footnote_units(self) -> list[Unit]:
        return footnote_units(self.doc)


def build_one(source: Path, out_dir: Path, formats=("pdf", "html", "json")) -> Built:
    """Build ``source`` into ``out_dir`` as the CLI does, and read it again for its Document."""
    doc, _ = read_file(source)
    doc = transforms.apply(doc)
    result = build(source, tuple(formats), out_dir)
    built = Built(doc, out_dir / f"{source.stem}.pdf", out_dir / f"{source.stem}.html")
    _RESULTS[built.pdf] = result
    return built


@pytest.fixture(scope="session")
def examples(tmp_path_factory) -> dict[str, Built]:
    """Every ``examples/*.md`` built once (pdf + html + json): file stem -> :class:`Built`."""
    out = tmp_path_factory.mktemp("examples")
    built = {name: build_one(EXAMPLES_DIR / f"{name}.md", out) for name in EXAMPLE_NAMES}
    assert built, f"no examples in {EXAMPLES_DIR}"
    return built


@pytest.fixture(scope="session")
def ga_res(examples) -> Built:
    """The GA resolution A/RES/73/8, the example measured against the official PDF."""
    return examples["ga-res-73-8"]


def pytest_generate_tests(metafunc):
    """A test that takes ``example`` runs once per example, with the example's name as its id."""
    if "example_name" in metafunc.fixturenames:
        metafunc.parametrize("example_name", EXAMPLE_NAMES)


@pytest.fixture
def example(examples, example_name) -> Built:
    return examples[example_name]


@pytest.fixture(scope="session")
def text_tools() -> SimpleNamespace:
    """The helpers above, for test modules (a fixture rather than ``import conftest``, which
    breaks under ``--import-mode=importlib`` or if tests/ becomes a package)."""
    return SimpleNamespace(
        normalize=normalize,
        words=words,
        make_unit=make_unit,
        body_units=body_units,
        footnote_units=footnote_units,
        un_date=un_date,
        number_label=number_label,
        build_one=build_one,
        Unit=Unit,
    )
