"""The authoring-format reader: every construct, every error, source lines."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from unrender.ast import Emph, Heading, NoteRef, Operative, Para, Preambular, plain_text
from unrender.diagnostics import SourceError
from unrender.readers import read_file
from unrender.readers.markdown import read_markdown

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def parse(body: str, front: str = "body: Human Rights Council"):
    text = f"---\n{front}\n---\n\n" + textwrap.dedent(body).lstrip("\n")
    return read_markdown(text, "t.md")


def error_of(text: str) -> SourceError:
    with pytest.raises(SourceError) as info:
        read_markdown(text, "t.md")
    return info.value


# --- body constructs ------------------------------------------------------------------------


def test_formula_preamble_and_operatives_keep_author_numbers():
    doc, warnings = parse("""
        *The Human Rights Council,*

        *Recalling* its resolution 47/9,

        Noting with concern the effects,

        3. *Decides* to act;

        7. Also decides to continue.
        """)
    assert warnings == []
    assert plain_text(doc.formula) == "The Human Rights Council,"
    assert [plain_text(p.content) for p in doc.preamble] == [
        "Recalling its resolution 47/9,", "Noting with concern the effects,"]
    assert [o.number for o in doc.operative] == ["3", "7"]
    assert isinstance(doc.preamble[0].content[0], Emph)


def test_source_lines_are_those_of_the_file():
    doc, _ = parse("""
        Recalling one,

        Recalling two,

        1. Decides;
        """)
    # front matter takes lines 1-3, a blank line 4: the body starts on line 5
    assert [b.line for b in doc.body] == [5, 7, 9]


def test_subparagraphs_letters_then_roman_nested():
    doc, _ = parse("""
        1. *Calls upon* States:

           (a) To act;

           (b) To report:

           (i) First;

           (ii) Second;

           (c) To continue.
        """)
    op = doc.operative[0]
    assert [s.label for s in op.subparagraphs] == ["a", "b", "c"]
    assert [s.label for s in op.subparagraphs[1].subparagraphs] == ["i", "ii"]
    assert plain_text(op.subparagraphs[1].subparagraphs[1].content) == "Second;"


def test_subparagraphs_on_consecutive_lines_split_and_keep_lines():
    doc, _ = parse("""
        1. Requests:
           (a) One;
           (b) Two.
        """)
    op = doc.operative[0]
    assert plain_text(op.content) == "Requests:"
    assert [(s.label, plain_text(s.content), s.line) for s in op.subparagraphs] == [
        ("a", "One;", 6), ("b", "Two.", 7)]


def test_letter_i_after_h_is_a_letter_not_a_roman_numeral():
    items = "\n".join(f"   ({c}) Item {c};" for c in "abcdefghij")
    doc, _ = parse("1. Decides:\n" + items + "\n")
    assert [s.label for s in doc.operative[0].subparagraphs] == list("abcdefghij")


def test_preambular_subparagraphs():
    doc, _ = parse("""
        Recalling the principles:

        (a) Of the Charter,

        (b) Of the Declaration,

        1. Decides.
        """)
    assert [s.label for s in doc.preamble[0].subparagraphs] == ["a", "b"]


def test_sections_and_headings():
    doc, _ = parse("""
        Recalling x,

        # I. General provisions

        1. Decides;

        ## A

        2. Requests.
        """)
    headings = [b for b in doc.body if isinstance(b, Heading)]
    assert [(h.level, h.number, plain_text(h.content)) for h in headings] == [
        (1, "I", "General provisions"), (2, "A", "")]
    assert [o.number for o in doc.operative] == ["1", "2"]


def test_heading_word_is_not_mistaken_for_a_number():
    doc, _ = parse("# A new approach\n\n1. Decides.\n")
    heading = doc.body[0]
    assert isinstance(heading, Heading)
    assert heading.number is None and plain_text(heading.content) == "A new approach"


def test_annex_with_title_and_numbered_paragraphs():
    doc, _ = parse("""
        1. Adopts the principles annexed to the present resolution.

        # Annex I

        ## Principles on cooperation

        Preamble text.

        1. First principle.

        # Annex II

        ## Second

        Text.
        """)
    assert [a.label for a in doc.annexes] == ["Annex I", "Annex II"]
    annex = doc.annexes[0]
    assert plain_text(annex.title) == "Principles on cooperation"
    assert isinstance(annex.blocks[0], Para) and annex.blocks[1].number == "1"
    assert len(doc.operative) == 1  # annex paragraphs are not operative paragraphs


def test_footnotes_numbered_in_order_of_first_call():
    doc, _ = parse("""
        Recalling x,[^later]

        1. Decides;[^first] and again[^later]

        [^first]: Defined first.
        [^later]: Defined second.
        """)
    assert [(f.label, f.number) for f in doc.footnotes] == [("later", 1), ("first", 2)]
    refs = [n for n in doc.operative[0].content if isinstance(n, NoteRef)]
    assert [r.label for r in refs] == ["first", "later"]


def test_single_unnumbered_operative_paragraph_is_recognised():
    doc, _ = parse("""
        *The General Assembly*

        Adopts the following political declaration.
        """, "body: General Assembly")
    assert len(doc.operative) == 1 and doc.operative[0].number is None
    assert doc.preamble == []


def test_default_formula_follows_body_and_has_no_comma_without_preamble():
    doc, _ = parse("1. Decides.\n", "body: Third Committee")
    assert plain_text(doc.formula) == "The General Assembly"
    doc, _ = parse("Recalling x,\n\n1. Decides.\n", "body: Security Council")
    assert plain_text(doc.formula) == "The Security Council,"


def test_multi_paragraph_operative_keeps_every_word():
    doc, _ = parse("""
        1. Decides the following:

           Second paragraph of the same item.
        """)
    assert "Second paragraph of the same item." in plain_text(doc.operative[0].content)


def test_raw_html_is_text_not_markup():
    doc, _ = parse("Recalling <b>bold</b> <script>x</script>,\n\n1. Decides.\n")
    assert plain_text(doc.preamble[0].content) == "Recalling <b>bold</b> <script>x</script>,"


def test_comments_are_never_printed_and_lines_stay_true():
    doc, warnings = parse("""
        *The Human Rights Council,*

        <!-- a note for the
        drafting group -->
        *Recalling* its resolution 47/9, <!-- check the date --> and 50/2,
        <!-- CommonMark: a comment starting a line ends the paragraph -->
        *Noting* the report<!-- x -->,<!--y-->

        1. *Decides* to act. <!-- end -->
        """)
    assert warnings == []
    assert [plain_text(p.content) for p in doc.preamble] == [
        "Recalling its resolution 47/9, and 50/2,", "Noting the report,"]
    assert [p.line for p in doc.preamble] == [9, 11]
    assert doc.operative[0].line == 13
    assert plain_text(doc.operative[0].content) == "Decides to act."


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c"])
def test_error_lines_count_newlines_only(separator):
    """An editor ends a line at "\\n" alone; a U+2028 or a form feed inside a line (which
    str.splitlines splits at) must not push the line of an error past the end of the file."""
    text = f"---\nbody: General Assembly\n---\n\na{separator}b{separator}c [^1]\n"
    assert error_of(text).diagnostic.line == 5


@pytest.mark.parametrize("body, line, words", [
    ("Recalling <!-- never closed,\n\n1. Decides.\n", 5, "never closed"),
    ("Recalling x, <!-- over\ntwo lines -->\n", 5, "close on the same line"),
])
def test_bad_comments_name_the_line(body, line, words):
    exc = error_of(f"---\nbody: Human Rights Council\n---\n\n{body}")
    assert (exc.diagnostic.line, exc.diagnostic.severity) == (line, "error")
    assert words in exc.diagnostic.message


def test_unknown_comment_directive_warns():
    _, warnings = parse("<!-- unrender: ignroe UN012 -->\n*Recalling* x,\n\n1. *Decides*.\n")
    assert [(w.line, "ignroe" in w.message) for w in warnings] == [(5, True)]


def test_unsafe_link_targets_are_dropped_but_words_kept():
    doc, _ = parse("Recalling [the text](ftp://host/x) and [site](https://un.org),\n")
    nodes = doc.preamble[0].content
    assert plain_text(nodes) == "Recalling the text and site,"
    assert [n.target for n in nodes if hasattr(n, "target")] == ["https://un.org"]
    doc, _ = parse("Recalling [it](javascript:alert(1)),\n")  # markdown-it keeps it as text
    assert "javascript" in plain_text(doc.preamble[0].content)
    assert not any(hasattr(n, "target") for n in doc.preamble[0].content)


# --- front matter ----------------------------------------------------------------------------


FULL = """\
body: Human Rights Council
kind: resolution
symbol: A/HRC/RES/53/11
distribution: General
date: 14 July 2023
original: English
session: Fifty-third session
session_dates: 19 June–14 July 2023
agenda:
  - item: "3"
    title: Promotion and protection of all human rights
sponsors:
  - Azerbaijan*, **
  - name: Paraguay
    marks: ["*"]
notes:
  '*': State not a member of the Human Rights Council.
  '**': On behalf of the Movement of Non-Aligned Countries.
number: 53/11
title: Enhancement of international cooperation in the field of human rights
short_title: International cooperation
adoption:
  meeting: 34th meeting
  date: 2023-07-12
  vote:
    in_favour: [Algeria, Argentina]
    against: [Belgium]
    abstaining: [Mexico]
job: GE.23-14005
release_date: 20 July 2023
paper: a4
language: en
"""


def test_every_front_matter_key():
    doc, warnings = parse("1. Decides.\n", FULL)
    assert warnings == []
    m = doc.meta
    assert (m.body, m.kind, m.symbol, m.distribution) == (
        "Human Rights Council", "resolution", "A/HRC/RES/53/11", "General")
    assert m.date == dt.date(2023, 7, 14) and m.release_date == dt.date(2023, 7, 20)
    assert (m.session, m.session_name) == (53, "Fifty-third session")
    assert m.agenda[0].item == "3" and m.agenda[0].title.startswith("Promotion")
    assert [(s.name, s.marks) for s in m.sponsors] == [
        ("Azerbaijan", ["*", "**"]), ("Paraguay", ["*"])]
    assert set(m.notes) == {"*", "**"}
    assert (m.number, m.short_title, m.job, m.paper) == (
        "53/11", "International cooperation", "GE.23-14005", "a4")
    a = doc.adoption
    assert (a.meeting, a.date) == ("34th meeting", dt.date(2023, 7, 12))
    assert (a.vote.in_favour, a.vote.against, a.vote.abstaining) == (
        ["Algeria", "Argentina"], ["Belgium"], ["Mexico"])


@pytest.mark.parametrize(("session", "number", "name"), [
    ("50", 50, "Fiftieth session"),
    ("Seventy-seventh session", 77, "Seventy-seventh session"),
    ("fifty-third", 53, "Fifty-third session"),
])
def test_session_from_number_or_words(session, number, name):
    doc, _ = parse("1. Decides.\n", f"body: General Assembly\nsession: {session}")
    assert (doc.meta.session, doc.meta.session_name) == (number, name)


def test_defaults_by_kind_and_body():
    doc, _ = parse("1. Decides.\n", "body: Human Rights Council\nkind: draft resolution")
    assert (doc.meta.distribution, doc.meta.paper) == ("Limited", "a4")
    doc, _ = parse("1. Decides.\n", "body: General Assembly")
    assert (doc.meta.distribution, doc.meta.paper) == ("General", "letter")


def test_without_vote():
    doc, _ = parse("1. Decides.\n", "body: Human Rights Council\nadoption:\n  without_vote: true")
    assert doc.adoption.without_vote and doc.adoption.vote is None


@pytest.mark.parametrize(("front", "line", "words"), [
    ("body: General Assembly\ncolour: blue", 3, "unknown key 'colour'"),
    ("body: General Assembly\ntitle: [unclosed", 3, "not valid YAML"),
    ("body: General Assembly\ndate: yesterday", 3, "not a date"),
    ("body: Narnia Council", 2, "unknown body"),
    ("title: no body", 2, "needs 'body'"),
    ("body: General Assembly\nkind: treaty", 3, "kind must be one of"),
    ("body: General Assembly\nsession: banana", 3, "session"),
    ("body: General Assembly\nadoption:\n  meeting: 1st\n  colour: x", 5, "unknown key 'colour'"),
    ("body: General Assembly\nadoption:\n  without_vote: true\n  vote:\n    in_favour: [A]",
     5, "both a vote"),
    ("body: General Assembly\nbody: General Assembly", 3, "appears twice"),
])
def test_bad_front_matter_names_the_line(front, line, words):
    exc = error_of(f"---\n{front}\n---\n\n1. Decides.\n")
    d = exc.diagnostic
    assert (d.path, d.line, d.severity) == ("t.md", line, "error")
    assert words in d.message
    assert str(exc).startswith(f"t.md:{line}: error: ")


def test_missing_front_matter_is_an_error():
    assert "front matter" in error_of("Recalling x,\n").diagnostic.message


def test_inconsistent_metadata_warns_with_lines():
    _, warnings = parse("1. Decides.\n", "body: General Assembly\nsymbol: A/RES/73/8\n"
                        "session: 72\nsponsors: [Chile*]\njob: 12345")
    messages = {w.line: (w.code, w.message) for w in warnings}
    # a session that disagrees with the symbol is UN029's to say, once (test_lint_reader)
    assert sorted(messages) == [5, 6]
    assert messages[5][0] == "UN035" and "has no text under 'notes'" in messages[5][1]
    assert messages[6][0] == "UN035" and "job number" in messages[6][1]


# --- body errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "line", "words"), [
    ("Recalling x,[^nope]\n", 5, "never defined"),
    ("Recalling x,\n\n[^unused]: Text.\n", 7, "never cited"),
    ("- a bullet\n", 5, "bulleted lists"),
    ("> quoted\n", 5, "block quotes"),
    ("```\ncode\n```\n", 5, "code blocks"),
    ("(a) orphan subparagraph\n", 5, "no paragraph to belong to"),
])
def test_bad_body_names_the_line(body, line, words):
    d = error_of(f"---\nbody: General Assembly\n---\n\n{body}").diagnostic
    assert d.line == line and words in d.message


# --- files -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "words"), [
    (b"", "is empty"),
    (b"\x00\x01\x02binary", "binary"),
    (b"---\nbody: General Assembly\n---\n\nRecalling \xff\xfe,\n", "not UTF-8"),
])
def test_bad_files(tmp_path, content, words):
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    with pytest.raises(SourceError) as info:
        read_file(path)
    assert words in info.value.diagnostic.message


def test_missing_file(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        read_file(tmp_path / "absent.md")


# --- the examples ----------------------------------------------------------------------------

# (preambular paragraphs, operative paragraphs numbered 1..N, footnotes), counted in the source
# documents (the seeds in tests/fixtures/ and the official PDF of A/RES/73/8)
EXPECTED = {
    "ga-res-73-8.md": (8, 5, 1),
    "hrc-50-draft-international-cooperation.md": (34, 36, 5),
    "ga-c3-77-draft-international-cooperation.md": (16, 17, 6),
    "hrc-res-47-9.md": (34, 36, 4),
    "hrc-res-53-11.md": (33, 37, 5),
}
VOTES = {"hrc-res-47-9.md": (30, 14, 3), "hrc-res-53-11.md": (33, 13, 1)}
SYMBOL_NOTES = {"hrc-50-draft-international-cooperation.md": {"*", "**"},
                "ga-c3-77-draft-international-cooperation.md": {"*"}}


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.md")))
def test_examples_parse_without_warnings(name):
    doc, warnings = read_file(EXAMPLES / name)
    assert warnings == []
    numbers = [o.number for o in doc.operative]
    assert numbers == [str(i) for i in range(1, len(numbers) + 1)]
    assert all(isinstance(b, (Preambular, Operative, Heading, Para)) for b in doc.body)
    assert plain_text(doc.formula).startswith("The ")
    pre, ops, notes = EXPECTED[name]
    assert (len(doc.preamble), len(doc.operative), len(doc.footnotes)) == (pre, ops, notes)
    assert [f.number for f in doc.footnotes] == list(range(1, notes + 1))
    if name in VOTES:
        vote = doc.adoption.vote
        assert (len(vote.in_favour), len(vote.against), len(vote.abstaining)) == VOTES[name]
    assert set(doc.meta.notes) == SYMBOL_NOTES.get(name, set())
    used = {m for s in doc.meta.sponsors for m in s.marks}
    assert used == set(doc.meta.notes)


@pytest.mark.parametrize("run", ["**" * 600 + "x" + "**" * 600, "_" * 600 + "x" + "_" * 600,
                                 "* _" * 100 + "x" + "_ *" * 100, "*" * 66 + "x" + "*" * 66])
def test_markup_nested_too_deep_is_an_error_not_a_crash(run):
    """Inline markup nested hundreds deep (fuzzing: a run of "**") made building the tree
    recurse past Python's limit; it is an error at its line."""
    error = error_of(f"---\nbody: General Assembly\n---\n\n*Recalling*,\n\n1. Decides {run}.\n")
    assert error.diagnostic.line == 7 and "nested" in str(error)


def test_markup_nested_as_deep_as_allowed_reads():
    doc, _ = parse("1. *Decides* [**_to_ act**](https://undocs.org/A/RES/1/1) "
                   + "*" * 40 + "x" + "*" * 40 + ".\n")  # 20 deep (32 are allowed)
    assert plain_text(doc.body[0].content) == "Decides to act x."
