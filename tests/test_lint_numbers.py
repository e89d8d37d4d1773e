"""The rules on numbers and citations (UN023–UN026): each flags a bad snippet at the right line
and column, leaves the tricky good ones alone, and the fixable ones fix to a clean text."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_lint import GOOD, PRE2

from unrender.lint import check
from unrender.lint.fix import apply_edits, fixable_edits
from unrender.lint.runner import check_file, summary
from unrender.readers.markdown import read_markdown

BASE = GOOD.replace("*Recalling also* its resolution 5/2,", "*Noting* TEXT,")
LINE = PRE2  # the line of TEXT in BASE
PREFIX = "*Noting* "  # what precedes TEXT on its line
CODES = ("UN023", "UN024", "UN025", "UN026")


def doc_with(text: str) -> str:
    return BASE.replace("TEXT", text)


def found(text: str, code: str) -> list:
    source = doc_with(text)
    doc, _ = read_markdown(source, "t.md")
    return [v for v in check(doc, source, path="t.md") if v.code == code]


def col_of(text: str, fragment: str) -> int:
    """The 1-based column of ``fragment`` of ``text`` on line LINE."""
    return len(PREFIX) + text.index(fragment) + 1


def fixed(text: str) -> str:
    """The document with every fix of the number rules applied (as ``--fix`` does)."""
    source = doc_with(text)
    doc, _ = read_markdown(source, "t.md")
    edits = fixable_edits(check(doc, source, select=CODES), unsafe=True)
    result, _count = apply_edits(source, edits)
    return result


def clean(source: str) -> bool:
    doc, _ = read_markdown(source, "t.md")
    return not check(doc, source, select=CODES)


# --- UN023 numbers in words or figures -----------------------------------------------------------


@pytest.mark.parametrize(("text", "number", "want"), [
    ("the 3 reports of the Secretary-General", "3", '"three reports"'),
    ("that 2 additional posts were created", "2", '"two additional posts"'),
    ("the Secretary-General’s 2 reports", "2", '"two reports"'),
    ("that 7 States have ratified the Convention", "7", '"seven States"'),
    ("that fifteen States have ratified the Convention", "fifteen", '"15 States"'),
    ("that twenty-five Member States have ratified it", "twenty-five", '"25 Member States"'),
    ("the ten years since its adoption", "ten", '"10 years"'),
    ("the two hundred delegates present", "two hundred", '"200 delegates"'),
])
def test_un023_flags_a_counting_number(text, number, want):
    hits = found(text, "UN023")
    assert [(v.line, v.col) for v in hits] == [(LINE, col_of(text, number))]
    assert want in hits[0].message
    assert hits[0].severity == "warning" and hits[0].fix is None


@pytest.mark.parametrize("text", [
    # references and labels
    "its resolution 5/1 and paragraph 3 thereof",
    "article 2 guarantees and principle 4 requires",
    "Sustainable Development Goal 5 targets and target 3.1 indicators",
    "the item 4 reports, chapter 3 sections and annex 2 tables",
    "Official Records, Supplement No. 3 volumes",
    "the Phase 3 trials of vaccines",
    # dates, years, ordinals, votes
    "the meeting of 3 December and the meetings held in 2015",
    "its fifty-third session, in the twenty-first century",
    "the vote of 30 to 9, with 1 abstention",
    "a vote with 7 abstentions",
    # per cent, magnitudes, units, times, decimals, money, ages and durations
    "that 5 per cent of reports were late",
    "that 5% of States reported",
    "that 5 million people were displaced",
    "the 5 km roads and 3 kg parcels",
    "the meeting at 3 p.m. tomorrow",
    "the 3.5 reports and $5 grants",
    "children under 5 years of age",
    "a period of 3 months",
    # lists, ranges and series: figures kept consistent
    "paragraphs 3 and 4 requests",
    "between 5 and 12 years of age",
    "the 5 reports and 12 studies",
    "from 3 to 5 reports",
    "the 3–5 reports",
    # already right, and things that are not counts
    "the three reports and 15 States",
    "one of the ten",
    "the ten-year review and the Ten Commandments",
    "that 2 is the number",
    "the 3 Bahamas islands",
])
def test_un023_leaves_non_counts_alone(text):
    assert found(text, "UN023") == []


def test_un023_in_footnotes_and_extracted_text():
    source = doc_with("the matter[^a]") + "\n[^a]: See 4 reports.\n"
    doc, _ = read_markdown(source, "t.md")
    hits = [v for v in check(doc, source) if v.code == "UN023"]
    assert [(v.line, v.col) for v in hits] == [(23, len("[^a]: See ") + 1)]
    # no source text (a document read from a PDF or XML): the line only
    hits = [v for v in check(doc) if v.code == "UN023"]
    assert [(v.line, v.col) for v in hits] == [(23, 1)]


# --- UN024 per cent ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "bad", "good"), [
    ("that 37% of States", "%", "that 37 per cent of States"),
    ("that 37 % of States", " %", "that 37 per cent of States"),
    ("that 2.5% of States", "%", "that 2.5 per cent of States"),
    ("that 37 percent of States", "percent", "that 37 per cent of States"),
    ("that 37\u00a0% of States", "\u00a0%", "that 37\u00a0per cent of States"),
])
def test_un024_per_cent_is_fixed(text, bad, good):
    hits = found(text, "UN024")
    assert [(v.line, v.col) for v in hits] == [(LINE, col_of(text, bad))]
    assert hits[0].fix and hits[0].severity == "warning"
    after = fixed(text)
    assert after == doc_with(good)
    assert clean(after)


@pytest.mark.parametrize("text", [
    "that 37 per cent of States",
    "the percentage of States",
    "the [report](https://example.org/a%20b?x=1%2F2)",
    "the code a1% and 100%20",
])
def test_un024_good_per_cent(text):
    assert found(text, "UN024") == []


# --- UN025 decimal zero --------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "bad", "good"), [
    ("a rate of .5 per cent", ".5", "a rate of 0.5 per cent"),
    ("a change of -.25 points", ".25", "a change of -0.25 points"),
    ("a rate (.5) of growth", ".5", "a rate (0.5) of growth"),
])
def test_un025_decimal_zero_is_fixed(text, bad, good):
    hits = found(text, "UN025")
    assert [(v.line, v.col) for v in hits] == [(LINE, col_of(text, bad))]
    assert hits[0].fix and f'"0{bad}"' in hits[0].message
    after = fixed(text)
    assert after == doc_with(good)
    assert clean(after)


@pytest.mark.parametrize("text", [
    "document A/HRC/53/L.5 and E/CN.4/2001/2",
    "a rate of 0.5 per cent and 2.5 per cent",
    "Supplement No. 53 and No.5",
    "version .5.1 of the software",
    "the dots . . .5 and No. .5",
    "the end.5 of a sentence",
])
def test_un025_good_decimals(text):
    assert found(text, "UN025") == []


def test_un025_fix_never_lands_on_another_token():
    # markup on both sides hides the context, so the fragment ".5" alone is searched for on the
    # line, where "L.5" comes first: the finding stays, at the line only and without a fix
    text = "A/HRC/53/L.5 and *a* .5 *b*"
    hits = found(text, "UN025")
    assert [(v.line, v.col, v.fix) for v in hits] == [(LINE, 1, None)]
    assert fixed(text) == doc_with(text)


# --- UN026 resolutions cited by number -----------------------------------------------------------


@pytest.mark.parametrize(("symbol", "number", "organ"), [
    ("A/RES/72/3", "72/3", "General Assembly"),
    ("A/HRC/RES/53/11", "53/11", "Human Rights Council"),
    ("S/RES/2720 (2023)", "2720 (2023)", "Security Council"),
    ("E/RES/2023/5", "2023/5", "Economic and Social Council"),
    ("A/RES/ES-10/19", "ES-10/19", "General Assembly"),
])
def test_un026_resolution_cited_by_symbol(symbol, number, organ):
    text = f"resolution {symbol} of 2017"
    hits = found(text, "UN026")
    assert [(v.line, v.col) for v in hits] == [(LINE, col_of(text, symbol))]
    assert f'"resolution {number}"' in hits[0].message and organ in hits[0].message
    assert hits[0].fix is None


def test_un026_in_footnotes():
    source = doc_with("the report[^a]") + "\n[^a]: A/78/123 and A/HRC/RES/53/11.\n"
    doc, _ = read_markdown(source, "t.md")
    hits = [v for v in check(doc, source) if v.code == "UN026"]
    assert [(v.line, v.col) for v in hits] == [(23, len("[^a]: A/78/123 and ") + 1)]


@pytest.mark.parametrize("text", [
    "its resolution 72/3 and Security Council resolution 2720 (2023)",
    "the report (A/78/123) and the drafts A/HRC/53/L.1 and A/73/L.4",
    "the corrigendum A/RES/72/3/Corr.1",
])
def test_un026_other_symbols_are_cited_by_symbol(text):
    assert found(text, "UN026") == []
    source = doc_with("the report[^a]") + f"\n[^a]: {text}.\n"
    doc, _ = read_markdown(source, "t.md")
    assert [v for v in check(doc, source) if v.code == "UN026"] == []


# --- all four ------------------------------------------------------------------------------------


def test_base_is_clean():
    assert clean(doc_with("the report"))


def test_fix_in_place_only_with_unsafe_fixes(tmp_path: Path):
    path = tmp_path / "res.md"
    original = doc_with("that 37% of States and 40 percent grew by .5 points")
    path.write_text(original, "utf-8")
    # these fixes change words: --fix alone leaves them, and says how to apply them
    result = check_file(path, fix=True)
    assert result.fixed == 0 and path.read_text("utf-8") == original
    assert summary([result]).endswith(
        " 3 fixable with --fix --unsafe-fixes (those change words).")
    result = check_file(path, fix=True, unsafe_fixes=True)
    assert result.fixed == 3
    assert path.read_text("utf-8") == doc_with(
        "that 37 per cent of States and 40 per cent grew by 0.5 points")
    assert [v for v in result.violations if v.code in CODES] == []
