"""The reader of extracted text, on the Human Rights Council's own XML (AKN4UN) editions.

Each resolution of the fifty-fourth session in tests/fixtures/akn/ is written out the way a PDF
extractor gives it back (tests/akn_to_text.py: masthead runs, page rules, stranded footnotes, a
paragraph cut by a page break, the vote record), read back with ``read_text``, and compared with
what the XML states: metadata, paragraph structure, footnotes, every word, the vote.

A check the reader fails on a general rule is marked ``xfail(strict=True)`` in ``KNOWN`` below,
with what the reader gets wrong; the fix of the reader turns it into an XPASS, i.e. a failure,
and the entry is then removed.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import akn_to_text as akn
import pytest

from unrender.ast import (
    Document,
    Heading,
    NoteRef,
    Operative,
    Para,
    Preambular,
    plain_text,
    walk_inlines,
)
from unrender.readers.text import read_text

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "akn").glob("*.xml"),
                  key=lambda p: int(re.search(r"_(\d+)E$", p.stem).group(1)))

# What the reader gets wrong, as general rules (each with a minimal text in the report):
# Checks the reader fails on a general rule, (file stem, check) -> what it gets wrong. Each is
# run as xfail(strict=True); fixing the rule makes it XPASS, which fails: then delete the entry.
# (Empty: superscript calls after digits, decimals, styled commas and annexes after the vote
# record were fixed in the reader.)
KNOWN: dict[tuple[str, str], str] = {
}


@cache
def resolution(path: Path) -> akn.Resolution:
    return akn.load(path)


@cache
def text_of(path: Path) -> str:
    return akn.to_text(resolution(path))


@cache
def read(path: Path) -> tuple[Document, tuple, str]:
    doc, warnings, source = read_text(text_of(path), f"{path.stem}.txt")
    return doc, tuple(warnings), source


def cases(check: str, applies=lambda res: True) -> list:
    out = []
    for path in FIXTURES:
        if not applies(resolution(path)):
            continue
        reason = KNOWN.get((path.stem, check))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(path, id=path.stem.removeprefix("A_HRC_RES_"), marks=marks))
    return out


def kind_of(block) -> str:
    return {Preambular: "preambular", Operative: "operative", Para: "para",
            Heading: "heading"}[type(block)]


def calls(content) -> list[str]:
    return [n.label for n in walk_inlines(content) if isinstance(n, NoteRef)]


def stated_calls(runs: list[akn.Run]) -> list[str]:
    return [r.text for r in runs if r.kind == "note"]


# --- the material itself -----------------------------------------------------------------------


def test_fixtures_are_all_the_english_resolutions():
    assert len(FIXTURES) == 35
    assert (ROOT / "tests" / "fixtures" / "akn" / "README.md").is_file()
    stated = [resolution(p) for p in FIXTURES]
    assert sum(r.vote is not None for r in stated) == 9
    assert any(b.subs for r in stated for b in r.blocks)
    assert any(r.annexes for r in stated)


@pytest.mark.parametrize("path", cases("text"))
def test_text_has_the_extraction_quirks(path):
    """The generated text is messy the way extractions are, and the same on every run."""
    res, text = resolution(path), text_of(path)
    style = akn.style_for(res.name)[0]
    assert text == akn.to_text(res)
    assert f"**{res.body}****{res.session_name}**" in text
    lines = [line for line in text.splitlines() if line.strip()]
    definitions = {f"{akn.call(label, style)} {note}": label for label, note in res.notes.items()}
    # a paragraph cut by a page break: after the rule (and the notes) it goes on in lower case
    flow = [line for line in lines if line not in definitions]
    assert any(line[:1].islower() and flow[i - 1] == "---" for i, line in enumerate(flow)), \
        "no paragraph cut in two by a page break"
    sup = "⁰¹²³⁴⁵⁶⁷⁸⁹"
    for definition, label in definitions.items():  # each note text is stranded at a page end
        where = lines.index(definition)
        mark = re.escape(akn.call(label, style))
        pattern = re.compile(rf"(?<![{sup}]){mark}(?![{sup}])")
        calling = next(i for i, line in enumerate(lines) if pattern.search(line) and i != where)
        assert calling < where
        after = next(line for line in lines[where:] if line not in definitions)
        assert "---" in lines[calling:where] or after == "---", "a note text beside its call"


# --- what the reader recovers ---------------------------------------------------------------


@pytest.mark.parametrize("path", cases("meta"))
def test_metadata_as_stated(path):
    res = resolution(path)
    doc, warnings, _ = read(path)
    meta = doc.meta
    assert (meta.body, meta.kind, meta.number, meta.title) == (res.body, res.kind, res.number,
                                                               res.title)
    assert meta.symbol == res.symbol
    assert (meta.session, meta.session_name, meta.session_dates) == (
        res.session, res.session_name, res.session_dates)
    assert [(a.item, a.title) for a in meta.agenda] == [(res.agenda_item, res.agenda_title)]
    assert (meta.distribution, meta.original) == (res.distribution, res.original)
    assert meta.date == dt.date.fromisoformat(res.date)
    assert plain_text(doc.formula) == f"{res.formula},"
    assert not [w.message for w in warnings if "not recognised" in w.message]


@pytest.mark.parametrize("path", cases("adoption"))
def test_adoption_as_stated(path):
    res = resolution(path)
    doc, warnings, _ = read(path)
    adoption = doc.adoption
    assert adoption is not None
    assert adoption.meeting == res.meeting
    assert adoption.date == dt.date.fromisoformat(res.adoption_date)
    assert adoption.without_vote == res.without_vote
    assert (adoption.vote is None) == (res.vote is None)
    assert not [w.message for w in warnings if "closing text" in w.message]


@pytest.mark.parametrize("path", cases("body"))
def test_paragraph_structure_as_stated(path):
    """Preambular count, operative numbers, subparagraph labels of each paragraph, in order."""
    res = resolution(path)
    doc, _, _ = read(path)
    assert len(doc.preamble) == len(res.preamble)
    assert [o.number for o in doc.operative] == [b.number for b in res.operative]
    got = [(kind_of(b), getattr(b, "number", None), [s.label for s in b.subparagraphs])
           for b in doc.body]
    stated = [(b.kind, b.number, [s.label for s in b.subs]) for b in res.blocks]
    assert got == stated


@pytest.mark.parametrize("path", cases("words"))
def test_every_word_of_each_paragraph_in_order(path):
    """The words of each paragraph and subparagraph of the XML are the words read back, in the
    same order; no word of a footnote, the vote or the masthead lands in the body."""
    res = resolution(path)
    doc, _, _ = read(path)

    def words(blocks, text, subs):
        out = []
        for block in blocks:
            out.append(text(block).split())
            out += [text(s).split() for s in subs(block)]
        return out

    got = words(doc.body, lambda b: plain_text(b.content), lambda b: b.subparagraphs)
    stated = words(res.blocks, lambda b: akn.plain(b.runs), lambda b: b.subs)
    assert [w for para in got for w in para] == [w for para in stated for w in para]
    assert got == stated


@pytest.mark.parametrize("path", cases("footnotes"))
def test_footnotes_as_stated(path):
    """Count, labels and texts of the notes, and each call in the paragraph the XML puts it in."""
    res = resolution(path)
    doc, _, _ = read(path)
    assert [(f.label, plain_text(f.content)) for f in doc.footnotes] == list(res.notes.items())
    assert [f.number for f in doc.footnotes] == list(range(1, len(res.notes) + 1))
    got, stated = [], []
    for block in doc.body:
        got.append(calls(block.content))
        got += [calls(s.content) for s in block.subparagraphs]
    for block in res.blocks:
        stated.append(stated_calls(block.runs))
        stated += [stated_calls(s.runs) for s in block.subs]
    assert got == stated


@pytest.mark.parametrize("path", cases("vote", lambda res: res.vote is not None))
def test_recorded_vote_as_stated(path):
    """The counts of the XML's voting analysis, and the lists as the record prints them."""
    res = resolution(path)
    doc, warnings, _ = read(path)
    vote = doc.adoption.vote
    assert vote is not None
    assert (len(vote.in_favour), len(vote.against), len(vote.abstaining)) == res.vote_counts
    assert vote.in_favour == res.vote["in_favour"]
    assert vote.against == res.vote["against"]
    assert vote.abstaining == res.vote["abstaining"]
    assert not [w.message for w in warnings if "vote record" in w.message]


@pytest.mark.parametrize("path", cases("annex", lambda res: bool(res.annexes)))
def test_annex_as_stated(path):
    """Label, title, headings and paragraphs (number, subparagraphs, words) of each annex."""
    res = resolution(path)
    doc, _, _ = read(path)
    assert [a.label for a in doc.annexes] == [a.label for a in res.annexes]
    assert [plain_text(a.title) for a in doc.annexes] == [a.title for a in res.annexes]
    for got, stated in zip(doc.annexes, res.annexes, strict=True):
        assert [(kind_of(b), getattr(b, "number", None),
                 [s.label for s in getattr(b, "subparagraphs", [])], plain_text(b.content).split())
                for b in got.blocks] == [
            (b.kind, b.number, [s.label for s in b.subs], akn.plain(b.runs).split())
            for b in stated.blocks]
