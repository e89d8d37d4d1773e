"""The reader of text extracted from UN PDFs: the seeds as users have them, and general rules."""

from __future__ import annotations

import json
import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from test_examples_faithful import example_words, seed_words
from typer.testing import CliRunner

from unrender.ast import NoteRef, plain_text
from unrender.cli import app
from unrender.diagnostics import SourceError
from unrender.readers import detect_format, read_file
from unrender.readers.markdown import read_markdown
from unrender.readers.text import read_text
from unrender.writers.json import to_dict

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))
PDFTOTEXT = sorted((ROOT / "tests" / "fixtures" / "pdftotext").glob("*.txt"))

# what each document states: preambular, operative 1..N, footnotes, symbol notes, vote counts
STATED = {
    "hrc-50-draft-international-cooperation": (34, 36, 5, {"*", "**"}, None),
    "ga-c3-77-draft-international-cooperation": (16, 17, 6, {"*"}, None),
    "hrc-res-47-9": (34, 36, 4, set(), (30, 14, 3)),
    "hrc-res-53-11": (33, 37, 5, set(), (33, 13, 1)),
}


def without_lines(value):
    if isinstance(value, dict):
        return {k: without_lines(v) for k, v in value.items() if k != "line"}
    if isinstance(value, list):
        return [without_lines(v) for v in value]
    return value


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_structure_equals_what_the_document_states(seed):
    assert detect_format(seed.read_text("utf-8")) == "text"
    doc, warnings = read_file(seed)
    pre, ops, notes, marks, vote = STATED[seed.stem]
    assert len(doc.preamble) == pre
    assert [o.number for o in doc.operative] == [str(i) for i in range(1, ops + 1)]
    assert [f.number for f in doc.footnotes] == list(range(1, notes + 1))
    assert set(doc.meta.notes) == marks
    assert {m for s in doc.meta.sponsors for m in s.marks} == marks
    if vote:
        v = doc.adoption.vote
        assert (len(v.in_favour), len(v.against), len(v.abstaining)) == vote
    assert all(w.severity == "warning" for w in warnings)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_reads_like_the_hand_keyed_example(seed):
    """Same metadata, paragraphs, footnotes and vote as the example re-keyed by hand."""
    from_text = to_dict(read_file(seed)[0])
    by_hand = to_dict(read_file(ROOT / "examples" / f"{seed.stem}.md")[0])
    for key in ("body", "kind", "session", "session_name", "session_dates", "agenda",
                "sponsors", "notes", "number", "title", "distribution", "original"):
        assert from_text["meta"][key] == by_hand["meta"][key], key
    assert without_lines(from_text["adoption"]) == without_lines(by_hand["adoption"])
    assert [plain(b) for b in from_text["body"]] == [plain(b) for b in by_hand["body"]]
    assert [plain(n) for n in from_text["footnotes"]] == [plain(n) for n in by_hand["footnotes"]]


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def plain(node: dict) -> str:
    """A paragraph's text; quotes folded (the examples were given curly quotes by check --fix)."""
    def text(nodes):
        return "".join(n.get("text", "") + text(n.get("children", [])) for n in nodes)
    return text(node["content"]).translate(_QUOTES)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_every_word_of_the_seed_body_in_order(seed, tmp_path):
    body, notes = seed_words(seed)
    copy = tmp_path / "seed.txt"
    copy.write_text(seed.read_text("utf-8"), encoding="utf-8")
    read_body, read_notes = example_words(copy)
    assert read_body == body
    assert sorted(read_notes) == sorted(notes)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_import_writes_source_that_rebuilds_the_same_document(seed, tmp_path):
    copy = tmp_path / seed.name
    copy.write_text(seed.read_text("utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(copy)])
    assert result.exit_code == 0, result.output
    assert "preambular" in result.output and "wrote" in result.output
    source = copy.with_suffix(".md")
    imported = read_markdown(source.read_text("utf-8"), str(source))[0]
    original = read_file(copy)[0]
    assert without_lines(to_dict(imported)) == without_lines(to_dict(original))
    again = CliRunner().invoke(app, ["import", str(copy)])
    assert again.exit_code == 1 and "already exists" in again.output


def test_import_says_what_the_text_does_not_state(tmp_path):
    copy = tmp_path / "draft.txt"
    copy.write_text(SEEDS[0].read_text("utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(copy), "-o", str(tmp_path / "d.md")])
    assert "not in the text: symbol" in result.output


def test_lines_point_into_the_original_text():
    seed = ROOT / "tests/fixtures/seeds/hrc-res-47-9.txt"
    doc, _ = read_file(seed)
    lines = seed.read_text("utf-8").splitlines()
    first_op = doc.operative[0]
    assert lines[first_op.line - 1].startswith("1. ")
    assert "Reaffirming" in lines[doc.preamble[0].line - 1]


def read(text: str):
    return read_text(textwrap.dedent(text), "t.txt")


def test_page_break_splits_are_rejoined_and_stranded_notes_attached():
    doc, _, _ = read("""
        General Assembly

        *The General Assembly,*

        *Recalling* its resolution 70/1 of 25 September 2015,<sup>1</sup> in which it

        ---

        <sup>1</sup> See A/70/L.1.

        adopted the 2030 Agenda,

        *Noting* the report,²

        ² A/78/1.

        1. *Decides* to act on the matter, as set out in the report of the Secretary-General on
        the work of the Organization;

        2. *Requests* a report.
        """)
    assert [plain_text(p.content) for p in doc.preamble] == [
        "Recalling its resolution 70/1 of 25 September 2015, in which it adopted the 2030 Agenda,",
        "Noting the report,"]
    assert [plain_text(f.content) for f in doc.footnotes] == ["See A/70/L.1.", "A/78/1."]
    assert "the work of the Organization;" in plain_text(doc.operative[0].content)


def test_subparagraphs_and_no_abstentions_vote():
    doc, warnings, _ = read("""
        **Human Rights Council****Fifty-fourth session**

        **Resolution adopted by the Human Rights Council
        on 11 October 2023****54/99. A test***The Human Rights Council,*

        1. *Calls upon* States:

        (a) To act;

        (b) To report.

        *40th meeting
        11 October 2023*

        [Adopted by a recorded vote of 2 to 1, with no abstentions. The voting was as follows:

        *In favour:*

        Antigua and Barbuda and Trinidad and Tobago

        *Against:*

        United Kingdom of Great Britain and Northern Ireland]
        """)
    assert doc.meta.number == "54/99" and doc.meta.session == 54
    assert [s.label for s in doc.operative[0].subparagraphs] == ["a", "b"]
    vote = doc.adoption.vote
    assert vote.in_favour == ["Antigua and Barbuda", "Trinidad and Tobago"]
    assert vote.against == ["United Kingdom of Great Britain and Northern Ireland"]
    assert vote.abstaining == []
    assert not [w for w in warnings if "vote" in w.message]


def test_vote_counts_that_disagree_with_the_lists_are_reported():
    _, warnings, _ = read("""
        *The Human Rights Council,*

        1. *Decides*.

        [Adopted by a recorded vote of 3 to 0, with 1 abstention. The voting was as follows:

        In favour:

        Chile and Peru

        Abstaining:

        Narnia]
        """)
    messages = " ".join(w.message for w in warnings)
    assert "says 3 to 0, with 1 abstention, but its lists name 2, 0 and 1" in messages
    assert "'Narnia'" in messages


def test_without_a_vote():
    doc, _, _ = read("""
        *The Human Rights Council,*

        1. *Decides*.

        *30th meeting
        6 October 2023*

        [Adopted without a vote.]
        """)
    assert doc.adoption.without_vote and doc.adoption.meeting == "30th meeting"


@pytest.mark.parametrize("content", [
    "just some words, nothing like a resolution",
    "%PDF-1.7 garbage \x7f\x7f",
])
def test_garbage_gives_a_clear_error(content):
    with pytest.raises(SourceError, match="enacting formula"):
        read_text(content, "g.txt")


@pytest.mark.parametrize("text, line", [
    # errors of the Markdown made of the text name the text's line, not the Markdown's
    ("The Human Rights Council,\n\n*Welcoming* the report [^1],\n", 3),
    ("The Human Rights Council,\n\n*Welcoming* it [^1],\n\n[^1]: One.\n\n[^1]: Two.\n", 7),
    # lines end at "\\n" only, as an editor counts them (not at U+2028, U+0085, vertical tab)
    ("The Human Rights Council,\n\n*Welcoming*\u2028the\x85report\x0b,\n\n[^2]: x\n", 5),
])
def test_errors_name_the_line_of_the_text(text, line):
    with pytest.raises(SourceError) as info:
        read_text(text, "t.txt")
    assert info.value.diagnostic.line == line


@pytest.mark.parametrize("path", SEEDS + PDFTOTEXT, ids=lambda p: p.stem)
def test_masthead_and_adoption_lines_are_the_text_s(path):
    """The front matter the reader makes up has lines of its own; the document's must be the
    text's (fuzzing found a check naming line 97 of a 65-line file)."""
    text = path.read_text("utf-8")
    doc, _, _ = read_text(text, path.name)
    lines = text.split("\n")
    assert 1 <= doc.meta.line <= len(lines)
    assert lines[doc.meta.line - 1].strip() not in ("", "---")
    if doc.adoption is not None and doc.adoption.meeting:
        assert doc.adoption.meeting in lines[doc.adoption.line - 1]


def test_an_error_about_the_adoption_names_a_line_of_the_text(tmp_path):
    from unrender.lint.runner import check_file

    # a masthead run together on one line: its front matter takes 14 lines, the text 3
    text = ("**A/HRC/RES/53/11****Human Rights Council****Fifty-third session****Distr.: General"
            "****Original: English****Agenda item 3****Resolution adopted by the Human Rights "
            "Council on 12 July 2023****53/11. A title**\nThe Human Rights Council,\n"
            "1. *Decides* to act.\n")
    path = tmp_path / "t.txt"
    path.write_text(text, "utf-8")
    found = check_file(path).violations
    assert "UN020" in {v.code for v in found}  # an adopted resolution names its meeting
    assert all(1 <= v.line <= 3 for v in found)


def test_form_feed_still_ends_a_page_line():
    """pdftotext puts a form feed before each page's first line: the page number after it is
    still furniture, and the lines after it keep their numbers."""
    text = "The Human Rights Council,\n\n*Welcoming* the report,\n\f2/7\n\n1. *Decides* x.\n"
    doc, _, _ = read_text(text, "t.txt")
    assert [plain_text(b.content) for b in doc.body] == ["Welcoming the report,", "Decides x."]
    assert [b.line for b in doc.body] == [3, 6]


def test_cli_on_garbage_and_binary(tmp_path):
    for name, data in (("g.txt", b"lorem ipsum"), ("b.txt", b"\x00\x01\x02"), ("e.txt", b"")):
        path = tmp_path / name
        path.write_bytes(data)
        result = CliRunner().invoke(app, ["build", str(path), "--from", "text", "-t", "json"])
        assert result.exit_code == 1
        assert result.output.startswith(str(path)) and "Traceback" not in result.output


def test_plain_pdftotext_output_of_a_ga_resolution():
    """Hard-wrapped text with no blank lines (plain pdftotext of A/RES/73/8)."""
    doc, warnings = read_file(ROOT / "tests/fixtures/pdftotext/A_RES_73_8.txt")
    m = doc.meta
    assert (m.symbol, m.body, m.kind, m.session, m.number) == (
        "A/RES/73/8", "General Assembly", "resolution", 73, "73/8")
    assert m.title.splitlines() == ["Necessity of ending the economic, commercial and financial",
                                    "embargo imposed by the United States of America",
                                    "against Cuba"]
    assert m.agenda[0].item == "43" and str(m.date) == "2018-11-05"
    a = doc.adoption
    assert (a.meeting, str(a.date), a.reference) == (
        "30th plenary meeting", "2018-11-01", "without reference to a Main Committee (A/73/L.3)")
    assert len(doc.preamble) == 8 and [o.number for o in doc.operative] == list("12345")
    assert [plain_text(f.content) for f in doc.footnotes] == ["A/73/85."]
    assert warnings == []
    example = read_file(ROOT / "examples/ga-res-73-8.md")[0]
    mine = [plain_text(b.content) for b in doc.body]
    theirs = [plain_text(b.content) for b in example.body]
    # the PDF's text layer splits one word ("Latin Amer ica"); every other paragraph is identical
    assert sum(x != y for x, y in zip(mine, theirs, strict=True)) == 1


# Measured on the official PDFs with pdfplumber (italic paragraph openings, operative numbers).
PLAIN_NOTES = {
    "A_RES_73_6.txt": (25, 14, [
        "See A/AC.105/1137.", "Resolution 70/1.", "Resolution 69/283, annex II.",
        "See FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex.",
        "United Nations, Treaty Series, vol. 610, No. 8843.",
        "Related documents include A/AC.105/1129, A/AC.105/1131, A/AC.105/1160, A/AC.105/1161, "
        "A/AC.105/1162, A/AC.105/1163, A/AC.105/1164, A/AC.105/1165, A/AC.105/1166, "
        "A/AC.105/1168, A/AC.105/1169, A/AC.105/1170, A/AC.105/1171, A/AC.105/1172, "
        "A/AC.105/1173, A/AC.105/1174, A/AC.105/1175, A/AC.105/1180 and A/AC.105/1181."]),
    "A_RES_73_7.txt": (13, 28, [
        "United Nations, Treaty Series, vol. 2187, No. 38544.", "A/58/874 and A/58/874/Add.1.",
        "Articles 10 and 13 of the Relationship Agreement.", "A/73/334.",
        "United Nations, Treaty Series, vol. 2271, No. 40446.",
        "Article 2, paragraph 3, of the Relationship Agreement.", "A/67/828 S/2013/210, annex.",
        "A/73/335.", "S/PRST/2013/2; see Resolutions and Decisions of the Security Council, "
        "1 August 2012–31 July 2013 (S/INF/68)."]),
}


def _first_calls(doc) -> list[str]:
    """Footnote labels in order of their first call in the body."""
    seen: list[str] = []

    def visit(nodes):
        for n in nodes:
            if isinstance(n, NoteRef) and n.label not in seen:
                seen.append(n.label)
            visit(getattr(n, "children", []))
    for block in doc.body:
        visit(block.content)
    return seen


@pytest.mark.parametrize("name", sorted(PLAIN_NOTES))
def test_plain_pdftotext_pages_with_scrambled_notes(name):
    """Plain pdftotext prints a page's notes out of order (texts before their numbers, numbers
    in a row, a note running on to the next page); every note still finds its text and call."""
    preambular, operative, notes = PLAIN_NOTES[name]
    doc, warnings = read_file(ROOT / "tests/fixtures/pdftotext" / name)
    assert warnings == []
    assert len(doc.preamble) == preambular
    assert [o.number for o in doc.operative] == [str(n) for n in range(1, operative + 1)]
    assert [plain_text(f.content) for f in doc.footnotes] == notes
    assert [f.label for f in doc.footnotes] == [str(n) for n in range(1, len(notes) + 1)]
    assert _first_calls(doc) == [f.label for f in doc.footnotes]  # called in order
    body = " ".join(plain_text(b.content) for b in doc.body)
    assert not any(note in body for note in notes)  # no note text left in a paragraph


@pytest.mark.parametrize("name", ["A_RES_73_6.txt", "A_RES_73_7.txt", "A_RES_73_8.txt"])
def test_plain_pdftotext_keeps_every_word(name):
    path = ROOT / "tests/fixtures/pdftotext" / name
    doc, _ = read_file(path)
    words = Counter(re.findall(r"[A-Za-z]{3,}", path.read_text("utf-8")))
    kept = Counter(re.findall(r"[A-Za-z]{3,}", json.dumps(to_dict(doc), ensure_ascii=False)))
    # what the tree holds as data, not words: the masthead's labels, running headers ("A/RES/…"
    # on every page) and the months of dates (kept as dates)
    furniture = {"RES", "Distr", "Agenda", "Resolution", "adopted", "October", "November"}
    assert set(words - kept) <= furniture
