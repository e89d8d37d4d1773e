"""The authoring-format writer: what it writes reads back as the same tree, and reads well."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import random
import textwrap
from pathlib import Path

import pytest

from unrender import transforms
from unrender.ast import (
    Adoption,
    AgendaItem,
    Annex,
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
    Preambular,
    Sponsor,
    Strong,
    Subparagraph,
    Text,
    Vote,
)
from unrender.diagnostics import SourceError
from unrender.readers.markdown import read_markdown
from unrender.readers.structure import number_notes
from unrender.un.ordinals import session_name
from unrender.writers.json import to_dict
from unrender.writers.markdown import to_markdown

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.md"))
EXTRACTED = sorted([*(ROOT / "tests/fixtures/seeds").glob("*.txt"),
                    *(ROOT / "tests/fixtures/pdftotext").glob("*.txt")])


# --- helpers ------------------------------------------------------------------------------------


def _without_lines(value):
    if isinstance(value, dict):
        return {k: _without_lines(v) for k, v in value.items() if k != "line"}
    if isinstance(value, list):
        return [_without_lines(v) for v in value]
    return value


def tree(doc: Document) -> dict:
    """The document as data, without source lines (``source`` is not in ``to_dict`` either)."""
    return _without_lines(to_dict(doc))


def read(text: str) -> Document:
    return read_markdown(text, "x.md")[0]


def round_trip(doc: Document) -> Document:
    return read(to_markdown(doc))


def assert_round_trip(doc: Document) -> str:
    text = to_markdown(doc)
    back = read(text)
    assert tree(back) == tree(doc), text
    return text


def body_of(text: str) -> str:
    """The Markdown after the front matter, without the blank line that follows it."""
    return text.split("\n---\n", 1)[1].lstrip("\n")


def doc_of(*blocks, body: str = "Human Rights Council", formula=None, footnotes=(), annexes=(),
           adoption=None, **meta) -> Document:
    """A document of ``blocks``, with footnotes numbered as the reader numbers them, and the
    defaults the reader gives (paper, distribution)."""
    meta.setdefault("paper", "a4" if body == "Human Rights Council" else "letter")
    draft = meta.get("kind", "resolution").startswith("draft")
    meta.setdefault("distribution", "Limited" if draft else "General")
    doc = Document(Meta(body, **meta), formula or [Emph([Text(f"The {body},")])], list(blocks),
                   adoption=adoption, annexes=list(annexes))
    by_label = {n.label: n for n in footnotes}
    doc.footnotes = [Footnote(label, i, by_label[label].content)
                     for i, label in enumerate(number_notes(doc), 1)]
    if any(n.label not in by_label for n in doc.footnotes):  # pragma: no cover - test bug
        raise AssertionError("a note is called but not given")
    return doc


def para(*content: Inline | str) -> Preambular:
    return Preambular([Text(c) if isinstance(c, str) else c for c in content])


def op(number: str | None, *content: Inline | str, subs=()) -> Operative:
    return Operative(number, [Text(c) if isinstance(c, str) else c for c in content], list(subs))


# --- the examples -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_round_trips(path):
    doc = read_markdown(path.read_text("utf-8"), str(path))[0]
    assert_round_trip(doc)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_round_trips_after_transforms(path):
    """Curly quotes, no-break spaces, italic openings and undocs.org links made by the standard
    passes are written as Markdown ("[70/1](https://undocs.org/A/RES/70/1)") and read back."""
    doc = transforms.apply(read_markdown(path.read_text("utf-8"), str(path))[0])
    assert any(isinstance(n, Link) for b in doc.body for n in b.content)
    text = assert_round_trip(doc)
    assert "](https://undocs.org/" in text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_writing_is_stable(path):
    """Written, read and written again: the same text (an import can be re-run without churn)."""
    doc = read_markdown(path.read_text("utf-8"), str(path))[0]
    text = to_markdown(doc)
    assert to_markdown(read(text)) == text


def test_example_body_is_written_as_authored():
    path = next(p for p in EXAMPLES if p.stem == "hrc-50-draft-international-cooperation")
    source = path.read_text("utf-8")
    text = to_markdown(read(source))
    # every paragraph line of the hand-written body comes out as it was written
    assert body_of(text) == body_of(source)


@pytest.mark.parametrize("path", EXTRACTED, ids=lambda p: p.stem)
def test_text_extracted_from_pdfs_round_trips(path):
    """What ``unrender import`` does: text from a PDF -> tree -> source someone edits."""
    text_reader = pytest.importorskip("unrender.readers.text")
    doc = text_reader.read_text(path.read_text("utf-8"), str(path))[0]
    assert_round_trip(doc)
    assert_round_trip(transforms.apply(doc))


# --- front matter -------------------------------------------------------------------------------


FULL_META = Meta(
    body="Human Rights Council",
    kind="draft resolution",
    symbol="A/HRC/50/L.5",
    distribution="General",  # not the default for a draft: written
    date=dt.date(2022, 7, 4),
    original="English",
    session=50,
    session_name="Fiftieth session",
    session_dates="13 June–8 July 2022",
    agenda=[AgendaItem("3", "Promotion and protection of all human rights: civil, political"),
            AgendaItem("68 (b)")],
    sponsors=[Sponsor("Azerbaijan", ["*", "**"]), Sponsor("Paraguay"),
              Sponsor("State of Palestine", ["*"]), Sponsor("Cuba", ["†"])],
    notes={"*": "State not a member of the Human Rights Council.",
           "**": "On behalf of the Movement of Non-Aligned Countries.",
           "†": "Reissued for technical reasons."},
    number="50/...",
    title="Enhancement of international cooperation\nin the field of human rights",
    short_title="International cooperation",
    job="GE.22-10304",
    release_date=dt.date(2022, 7, 5),
    paper="letter",  # not the default for the Council: written
    language="fr",
    emblem="un-emblem.png",
)
FULL_ADOPTION = Adoption(
    meeting="35th meeting", date=dt.date(2021, 7, 12),
    reference="without reference to a Main Committee (A/73/L.3)",
    vote=Vote(["Argentina", "Côte d'Ivoire", "Bolivia (Plurinational State of)"], ["Austria"], []))


def test_every_front_matter_field_round_trips_in_the_documented_order():
    doc = Document(copy.deepcopy(FULL_META), [Emph([Text("The Human Rights Council,")])],
                   [para("Recalling x,"), op("1", "Decides.")],
                   adoption=copy.deepcopy(FULL_ADOPTION))
    text = assert_round_trip(doc)
    front = text.split("\n---\n", 1)[0]
    keys = [line.split(":")[0] for line in front.splitlines()[1:] if line[:1].isalpha()]
    assert keys == ["body", "kind", "symbol", "distribution", "date", "original", "session",
                    "session_dates", "agenda", "sponsors", "notes", "number", "title",
                    "short_title", "adoption", "job", "release_date", "paper", "language",
                    "emblem"]
    assert front == textwrap.dedent("""\
        ---
        body: Human Rights Council
        kind: draft resolution
        symbol: A/HRC/50/L.5
        distribution: General
        date: 4 July 2022
        original: English
        session: 50
        session_dates: 13 June–8 July 2022
        agenda:
          - item: "3"
            title: 'Promotion and protection of all human rights: civil, political'
          - "68 (b)"
        sponsors:
          - Azerbaijan*, **
          - Paraguay
          - State of Palestine*
          - name: Cuba
            marks:
              - "†"
        notes:
          "*": State not a member of the Human Rights Council.
          "**": On behalf of the Movement of Non-Aligned Countries.
          "†": Reissued for technical reasons.
        number: 50/...
        title: |-
          Enhancement of international cooperation
          in the field of human rights
        short_title: International cooperation
        adoption:
          meeting: 35th meeting
          date: 12 July 2021
          reference: without reference to a Main Committee (A/73/L.3)
          vote:
            in_favour:
              - Argentina
              - Côte d'Ivoire
              - Bolivia (Plurinational State of)
            against:
              - Austria
        job: GE.22-10304
        release_date: 5 July 2022
        paper: letter
        language: fr
        emblem: un-emblem.png""").replace("'Promotion and protection of all human rights: "
                                          "civil, political'",
                                          '"Promotion and protection of all human rights: '
                                          'civil, political"')


def test_defaults_are_left_out():
    doc = doc_of(para("Recalling x,"), body="General Assembly", number="73/8")
    text = assert_round_trip(doc)
    assert text.startswith('---\nbody: General Assembly\nnumber: "73/8"\n---\n')
    draft = doc_of(para("Recalling x,"), kind="draft resolution")
    text = assert_round_trip(draft)
    assert "distribution" not in text and "paper" not in text and "language" not in text
    assert "kind: draft resolution" in text


@pytest.mark.parametrize("session, name, written", [
    (53, "Fifty-third session", "session: 53"),
    (50, "Resumed fiftieth session", "session: Resumed fiftieth session"),
])
def test_session_is_a_number_when_the_name_is_the_standard_one(session, name, written):
    doc = doc_of(para("Recalling x,"), session=session, session_name=name)
    text = assert_round_trip(doc)
    assert written in text.splitlines()


@pytest.mark.parametrize("session, name, written", [
    (54, "54º período de sesiones", 'session: 54  # "54º período de sesiones"'),
    (54, "第五十四届会议", 'session: 54  # "第五十四届会议"'),
    (54, "fifty-fourth session", 'session: 54  # "fifty-fourth session"'),
    (None, "Sesión especial", '# session: "Sesión especial"'),
])
def test_a_session_name_the_format_cannot_take_is_kept_in_a_comment(session, name, written):
    """The UN's XML in other languages names the session in its language; the front matter
    takes a number or an English name, so the output must still read (fuzzing found it did not)."""
    doc = doc_of(para("Recalling x,"), session=session, session_name=name)
    text = to_markdown(doc)
    assert written in text.splitlines()
    meta = read(text).meta
    assert meta.session == session
    assert meta.session_name == (session_name(session) if session else None)


def test_an_agenda_item_without_a_number_is_kept_in_a_comment():
    """The AKN reader can give an item with no number (fuzzing: a damaged file); the front
    matter requires one, so the output must leave it out to read back."""
    doc = doc_of(para("Recalling x,"), agenda=[AgendaItem("", "Lost title"), AgendaItem("3")])
    text = to_markdown(doc)
    assert '# agenda item with no number: "Lost title"' in text.splitlines()
    assert read(text).meta.agenda == [AgendaItem("3")]
    doc.meta.agenda = [AgendaItem("")]
    assert read(to_markdown(doc)).meta.agenda == []


def test_without_vote_and_empty_votes():
    doc = doc_of(para("Recalling x,"))
    doc.adoption = Adoption(meeting="34th meeting", date=dt.date(2023, 7, 12), without_vote=True)
    text = assert_round_trip(doc)
    assert "adoption:\n  meeting: 34th meeting\n  date: 12 July 2023\n  without_vote: true\n" \
        in text
    doc.adoption = Adoption(vote=Vote([], [], []))
    assert "adoption:\n  vote: {}\n" in assert_round_trip(doc)
    doc.adoption = Adoption()
    assert "adoption: {}\n" in assert_round_trip(doc)


@pytest.mark.parametrize("value", [
    "Yes: no", "*starred*", "yes", "no", "null", "~", "true", "12", "1.5", "2023-07-12",
    "#not a comment", "- not a list", "[not a list]", "{not: a mapping}", "'quoted'",
    '"double"', "a 'quote' inside", "back\\slash", "&anchor", "!tag", "%directive", "@at",
    "`tick`", "|pipe", ">fold", "?question", "tab\there", "Côte d’Ivoire\u00a0–", "50/...",
    "53/11", "See [^1] in the text", "[^1]: looks like a footnote", "ends with colon:",
    "key: value # comment", "percent %", "a\nb", "two\n\nparagraphs", "line\n  indented",
    "---\ndashes", "line with trailing space \nnext", "a\n---\nb", "a\n...\nb", "a\n# b",
])
def test_yaml_special_values_round_trip(value):
    doc = doc_of(para("Recalling x,"), title=value, short_title=value, original=value,
                 symbol=value, session_dates=value, job=value, emblem=value,
                 notes={"*": value}, agenda=[AgendaItem(value, value)],
                 sponsors=[Sponsor(value, ["*"]), Sponsor(value)])
    doc.adoption = Adoption(meeting=value, reference=value, vote=Vote([value], [value], [value]))
    assert_round_trip(doc)


def test_multi_line_title_is_a_block():
    doc = doc_of(para("Recalling x,"), title="Necessity of ending\nthe embargo")
    assert "title: |-\n  Necessity of ending\n  the embargo\n" in assert_round_trip(doc)


# --- body structure -----------------------------------------------------------------------------


def every_node_document() -> Document:
    """A document with every kind of block and inline node."""
    return doc_of(
        para(Emph([Text("Recalling")]), " its resolution ",
             Link("https://undocs.org/A/HRC/RES/53/11", [Text("53/11")]), ",", NoteRef("a")),
        Preambular([Emph([Text("Noting")]), Text(" the following:")], [
            Subparagraph("a", [Text("The report"), LineBreak(), Text("of 2023;")]),
            Subparagraph("b", [Text("The "), Strong([Text("annex")]), Text(" thereto,")]),
        ]),
        Heading(1, "I", [Text("General provisions")]),
        op("1", Emph([Text("Decides")]), " to act:", subs=[
            Subparagraph("a", [Text("To organize a seminar;")]),
            Subparagraph("b", [Text("To prepare a report on:")], [
                Subparagraph("i", [Text("Good practices;")]),
                Subparagraph("ii", [Text("Challenges,"), NoteRef("b")]),
            ]),
            Subparagraph("c", [Text("To present it.")]),
        ]),
        Heading(2, "A", []),
        op("2", Emph([Text("Requests")]), " the Secretary-General", LineBreak(),
           "to report;"),
        Heading(2, None, [Text("Follow-up "), Emph([Text("and review")])]),
        op("12", "Decides to remain seized of the matter."),
        Para([Text("Done at Geneva.")]),
        annexes=[
            Annex("Annex I", [Text("Elements of the "), Emph([Text("programme")])], [
                Para([Text("The elements are:")], None,
                     [Subparagraph("a", [Text("Open;")]), Subparagraph("b", [Text("Fair.")])]),
                Para([Text("The programme shall be open to all States.")], "1"),
                Heading(1, "II", [Text("Participation")]),
                Para([Text("Each State may take part.")], "2"),
            ]),
            Annex("Annex II", [], [Para([Text("Text of the second annex.")])]),
        ],
        footnotes=[Footnote("a", 0, [Text("A/HRC/53/46.")]),
               Footnote("b", 0, [Text("See "), Emph([Text("Official Records")]), Text(","),
                                 LineBreak(), Text("chap. II.")])],
    )


def test_every_node_type_round_trips():
    doc = every_node_document()
    doc.adoption = copy.deepcopy(FULL_ADOPTION)
    text = assert_round_trip(doc)
    assert body_of(text) == textwrap.dedent("""\
        *The Human Rights Council,*

        *Recalling* its resolution [53/11](https://undocs.org/A/HRC/RES/53/11),[^a]

        *Noting* the following:
        (a) The report\\
        of 2023;
        (b) The **annex** thereto,

        # I. General provisions

        1. *Decides* to act:
           (a) To organize a seminar;
           (b) To prepare a report on:
           (i) Good practices;
           (ii) Challenges,[^b]
           (c) To present it.

        ## A

        2. *Requests* the Secretary-General\\
           to report;

        ## Follow-up *and review*

        12. Decides to remain seized of the matter.

        Done at Geneva.

        # Annex I

        ## Elements of the *programme*

        The elements are:
        (a) Open;
        (b) Fair.

        1. The programme shall be open to all States.

        # II. Participation

        2. Each State may take part.

        # Annex II

        Text of the second annex.

        [^a]: A/HRC/53/46.
        [^b]: See *Official Records*,\\
            chap. II.
        """)


def test_single_unnumbered_operative_paragraph_is_a_plain_paragraph():
    doc = doc_of(Preambular([Emph([Text("Recalling")]), Text(" x,")]),
                 op(None, Emph([Text("Adopts")]), " the following declaration:"),
                 Para([Text("We, the Heads of State,")]),
                 Para([Text("1. Declare that …")]), body="General Assembly")
    text = assert_round_trip(doc)
    assert "\n*Adopts* the following declaration:\n\nWe, the Heads of State,\n" in text
    assert "\n1\\. Declare that …\n" in text  # text, not a numbered paragraph


def test_default_formula_is_written_and_reads_back():
    bare = doc_of(op("1", "Decides."), body="General Assembly")
    bare.formula = [Emph([Text("The General Assembly")])]  # the reader's default, no preamble
    assert body_of(assert_round_trip(bare)) == "*The General Assembly*\n\n1. Decides.\n"


def test_operative_paragraph_that_is_only_subparagraphs():
    doc = doc_of(para("Recalling x,"),
                 op("3", subs=[Subparagraph("a", [Text("One;")]),
                               Subparagraph("b", [Text("Two.")])]))
    assert "\n3. (a) One;\n   (b) Two.\n" in assert_round_trip(doc)


def test_subparagraph_nesting_as_the_reader_nests():
    letters = [Subparagraph(c, [Text(f"Item {c};")]) for c in "abcdefgh"]
    letters[7].subparagraphs = []  # (i) after (h) is the letter i
    doc = doc_of(para("Recalling x,"),
                 op("1", "Decides:", subs=[*letters, Subparagraph("i", [Text("Item i;")]),
                                           Subparagraph("j", [Text("Item j.")], [
                                               Subparagraph("i", [Text("one")]),
                                               Subparagraph("ii", [Text("two")])])]))
    assert_round_trip(doc)


def test_footnotes_are_defined_in_number_order():
    doc = doc_of(para("Recalling x,", NoteRef("z")),
                 op("1", "Decides,", NoteRef("a"), " again", NoteRef("z")),
                 footnotes=[Footnote("a", 0, [Text("Second.")]),
                            Footnote("z", 0, [Text("First.")])])
    text = assert_round_trip(doc)
    assert text.endswith("[^z]: First.\n[^a]: Second.\n")


def test_heading_broken_over_lines_is_a_setext_heading():
    doc = doc_of(para("Recalling x,"), Heading(1, "I", [Text("Long"), LineBreak(),
                                                        Text("title")]),
                 annexes=[Annex("Annex", [Text("Elements of"), LineBreak(), Text("the report")],
                                [Para([Text("Text.")])])])
    text = assert_round_trip(doc)
    assert "\nI. Long\\\ntitle\n===\n" in text
    assert "\n# Annex\n\nElements of\\\nthe report\n---\n" in text


def test_line_break_before_subparagraphs_is_kept():
    doc = doc_of(para("Recalling x,"),
                 op("1", "Decides:", LineBreak(), subs=[Subparagraph("a", [Text("One")])]),
                 op("2", LineBreak(), subs=[Subparagraph("a", [Text("One"), LineBreak()]),
                                            Subparagraph("b", [Text("Two")])]))
    assert_round_trip(doc)


def test_empty_subparagraph():
    doc = doc_of(para("Recalling x,"), op("1", "Decides:", subs=[Subparagraph("a", [])]))
    assert "\n   (a) &#32;\n" in assert_round_trip(doc)


# --- nasty text ---------------------------------------------------------------------------------

NASTY = [
    "5 * 3 = 15", "**not bold**", "*not italic*", "snake_case_name", "_leading", "trailing_",
    "__dunder__", "[bracketed]", "[^1] is not a call", "[text](https://example.org)",
    "![image](x.png)", "back\\slash", "ends with backslash\\", "\\*", "\\\\", "`code`",
    "``double``", "<https://example.org>", "<b>bold</b>", "a < b > c", "&amp; &copy; &#65;",
    "AT&T", "1. Decides", "12) twelve", "2023. A year", "1.5 million", "(a) To act",
    "(iv) Fourth", "(a)", "# not a heading", "#hashtag", "## two", "> quote", "- dash",
    "+ plus", "-- double", "---", "***", "___", "===", "~~~ tilde", "~single~", "50/...",
    "50/1", "A/HRC/RES/53/11", "resolution 70/1 of 25 September 2015", "“curly” ‘quotes’",
    "en – dash", "no\u00a0break", "\u00a0leading nbsp", "trailing nbsp\u00a0", " leading space",
    "trailing space ", "  two spaces  inside", "tab\tinside", "line\nfeed", "carriage\rreturn",
    "x^[inline]", "!", "^", ":", "[^a]: like a definition", "|table|", "é à ü 中文",
    "Decides to act", "Recalling also", "The Human Rights Council,", "Annex I",
    "<!-- not a comment -->", "a <!-- b", "\\<!-- c -->",
]


@pytest.mark.parametrize("text", NASTY)
def test_nasty_text_round_trips_in_every_position(text):
    t = Text(text)
    doc = doc_of(
        para("Recalling x,"), para(text), para("Before ", Emph([Text(text)]), " after"),
        Preambular([Text("Noting:")], [Subparagraph("a", [Text(text)]),
                                       Subparagraph("b", [Text("x"), LineBreak(), Text(text)])]),
        op("1", text), op("2", "x", LineBreak(), text), op("3", "x ", Strong([Text(text)]), " x"),
        op("4", "x ", Link("https://example.org/a_(b)?c=d&e", [Text(text)]), NoteRef("n")),
        Heading(2, None, [Text("Heading "), Text(text)]),
        Para([Text(text), Emph([Text("end")])]),
        footnotes=[Footnote("n", 0, [t])],
    )
    doc.body[-2].content = [Text("Heading " + text)]  # one text node, as the reader makes it
    assert_round_trip(doc)


def written_body(*content: Inline | str) -> str:
    notes = [Footnote(n.label, 0, [Text("Note.")]) for n in content if isinstance(n, NoteRef)]
    doc = doc_of(para("Recalling x,"), para(*content), footnotes=notes)
    return body_of(assert_round_trip(doc)).split("\n\n")[2].rstrip("\n")


@pytest.mark.parametrize("text, markdown", [
    ("5 * 3", "5 \\* 3"),
    ("snake_case", "snake_case"),  # a "_" inside a word cannot start emphasis
    ("_x_", "\\_x\\_"),
    ("[x]", "\\[x]"),
    ("[^1]", "\\[\\^1]"),
    ("a\\b", "a\\b"),
    ("a\\*", "a\\\\\\*"),
    ("a < b", "a < b"),
    ("<https://x.org>", "\\<https://x.org>"),
    ("AT&T", "AT&T"),
    ("&amp;", "\\&amp;"),
    ("1. Decides", "1\\. Decides"),
    ("1.5 million", "1.5 million"),
    ("50/... and 70/1", "50/... and 70/1"),
    ("(a) To act", "`(a)` To act"),
    ("(a)To act", "(a)To act"),
    ("# x", "\\# x"),
    ("- x", "\\- x"),
    ("x - y", "x - y"),
    ("> x", "\\> x"),
    ("“quoted”", "“quoted”"),
    (" lead", "&#32;lead"),
    ("trail ", "trail&#32;"),
    ("line\nfeed", "line&#10;feed"),
])
def test_minimal_escaping(text, markdown):
    assert written_body(text) == markdown


@pytest.mark.parametrize("content, markdown", [
    ([Emph([Text("Recalling")]), Text(" x")], "*Recalling* x"),
    ([Emph([Text("Reaffirming")]), Text(", among")], "*Reaffirming*, among"),
    ([Text("x "), Emph([Text("inter alia")]), Text(", y")], "x *inter alia*, y"),
    ([Emph([Text("Recalling ")]), Text("x")], "*Recalling&#32;*&#120;"),
    ([Text("un"), Emph([Text("usual")]), Text("ly")], "un*usual*ly"),
    ([Emph([Text("a")]), Emph([Text("b")])], "*a*_b_"),
    ([Text("a "), Strong([Emph([Text("x")])]), Text(" y")], "a **_x_** y"),
    ([Emph([Text("x "), Strong([Text("y")]), Text(" z")])], "*x __y__ z*"),
    ([Text("See"), NoteRef("n"), Text("(x)")], "See[^n]\\(x)"),
    ([Text("Wow!"), Link("https://x.org", [Text("l")])], "Wow\\![l](https://x.org)"),
    ([Link("https://x.org/a(b)", [Text("a]b")])], "[a\\]b](https://x.org/a(b))"),
    ([Link("https://x.org/a)b", [Text("^up")])], "[\\^up](<https://x.org/a)b>)"),
    ([Link("https://x.org", [])], "[](https://x.org)"),
])
def test_inline_markup(content, markdown):
    assert written_body(*content) == markdown


def test_footnote_call_at_the_start_of_a_line_is_not_a_definition():
    doc = doc_of(para(NoteRef("n"), ": x"), op("1", "a", LineBreak(), NoteRef("n"), ": y"),
                 footnotes=[Footnote("n", 0, [NoteRef("n"), Text(": z")])])
    text = assert_round_trip(doc)
    assert "\n[^n]\\: x\n" in text and "\n[^n]: [^n]\\: z\n" in text


# --- random trees -------------------------------------------------------------------------------

_PIECES = ["a", "word", " ", "*", "_", "__", "[", "]", "\\", "`", "<", ">", "&", "&amp;", "#",
           "!", "^", "(", ")", ":", "1. ", "(a) ", "(iv) ", "\u00a0", "é", "–", "“", "-", ".",
           ",", "~~~", "=", "+", "[^1]", "<https://x.org>", "\t", "\n", "--- ", "12) ", "a_b"]


def _random_inlines(rng: random.Random, depth: int = 0, in_link: bool = False,
                    breaks: bool = True) -> list[Inline]:
    out: list[Inline] = []
    for _ in range(rng.randint(1, 4)):
        k = rng.random()
        if k < 0.45 or (depth >= 2 and k < 0.7):
            out.append(Text("".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 4)))))
        elif k < 0.6:
            out.append(Emph(_random_inlines(rng, depth + 1, in_link, False)))
        elif k < 0.7:
            out.append(Strong(_random_inlines(rng, depth + 1, in_link, False)))
        elif k < 0.8 and not in_link:
            out.append(Link("https://example.org/a_(b)", _random_inlines(rng, depth + 1, True,
                                                                         False)))
        elif k < 0.9 and not in_link:
            out.append(NoteRef(rng.choice(["1", "n*2", "x_y"])))
        elif breaks:
            out.append(LineBreak())
    return _normal(out)


def _normal(nodes: list[Inline]) -> list[Inline]:
    """As the reader makes them: adjacent texts merged, no empty emphasis, no final break."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            if not node.text:
                continue
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + node.text)
                continue
        if isinstance(node, (Emph, Strong, Link)):
            node.children = _normal(node.children)
            if not node.children and not isinstance(node, Link):
                continue
        out.append(node)
    while out and isinstance(out[-1], LineBreak):
        out.pop()
    return out


def _touching_emphasis_inside_emphasis(nodes: list[Inline], inside: bool = False) -> bool:
    """``Emph[Emph[a], Emph[b]]``: two delimiters touch inside a third, which CommonMark's two
    delimiter characters cannot always keep apart (see test_known_limits)."""
    if inside and any(isinstance(a, (Emph, Strong)) and isinstance(b, (Emph, Strong))
                      for a, b in itertools.pairwise(nodes)):
        return True
    return any(_touching_emphasis_inside_emphasis(n.children, isinstance(n, (Emph, Strong)))
               for n in nodes if isinstance(n, (Emph, Strong, Link)))


def _without_empty_texts(value):
    """The reader leaves empty Text nodes beside ``**strong**`` (see test_known_limits)."""
    if isinstance(value, dict):
        return {k: _without_empty_texts(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_empty_texts(v) for v in value
                if not (isinstance(v, dict) and v.get("type") == "text" and not v["text"])]
    return value


def _random_document(rng: random.Random) -> Document | None:
    content = _random_inlines(rng)
    if not content or _touching_emphasis_inside_emphasis(content):
        return None
    notes = [Footnote(label, 0, [Text("n")]) for label in ("1", "n*2", "x_y")]
    where = rng.choice(["preamble", "operative", "subparagraph", "footnote", "heading"])
    body: list = [para("Recalling x,")]
    if where == "preamble":
        body.append(Preambular(content))
    elif where == "operative":
        body.append(Operative("7", content))
    elif where == "subparagraph":
        if not isinstance(content[0], Text) or content[0].text[0].isspace():
            return None  # the reader's "(a) " takes the spaces after it; markup gets a Text("")
        body.append(Operative("1", [Text("x")], [Subparagraph("a", content)]))
    elif where == "heading":
        content = _normal([n for n in content if not isinstance(n, LineBreak)])
        if not content or (isinstance(content[0], Text) and content[0].text[:1].isdigit()):
            return None  # "1. Title" is a numbered heading
        body.append(Heading(3, None, content))
    else:
        if any(isinstance(n, NoteRef) for n in _walk(content)):
            return None  # a note called only from a note is not numbered (see test_known_limits)
        body.append(Preambular([Text("y"), NoteRef("q")]))
        notes.append(Footnote("q", 0, content))
    return doc_of(*body, footnotes=notes)


def _walk(nodes):
    for node in nodes:
        yield node
        if isinstance(node, (Emph, Strong, Link)):
            yield from _walk(node.children)


@pytest.mark.parametrize("seed", range(4))
def test_random_trees_round_trip(seed):
    rng = random.Random(seed)
    checked = 0
    while checked < 150:
        doc = _random_document(rng)
        if doc is None:
            continue
        checked += 1
        text = to_markdown(doc)
        back = read(text)
        assert _without_empty_texts(tree(back)) == _without_empty_texts(tree(doc)), text


_ATOMS = ["a", "word", " ", "*", "**", "_", "__", "***", "[", "]", "\\", "`", "<", ">", "&",
          "&amp;", "#", "!", "(", ")", ":", "1. ", "(a) ", "\u00a0", "é", "–", "-", ".", "~",
          "=", "+", "[^1]", "<https://x.org>", "\\\n", "\n", "\n(b) ", "\n(i) ",
          "[x](https://e.org/p)", "[y](https://e.org/(q))", "&#32;", "\\*", "`(a)`", "  \n",
          "*c*", "**d**", "_e_", "Recalling ", "Decides "]


def _random_source(rng: random.Random) -> str:
    def run(n: int) -> str:
        return "".join(rng.choice(_ATOMS) for _ in range(rng.randint(1, n)))

    parts = []
    for _ in range(rng.randint(1, 4)):
        k = rng.random()
        if k < 0.35:
            parts.append(run(10))
        elif k < 0.65:
            parts.append(f"{rng.randint(1, 12)}. " + run(10).replace("\n", "\n   "))
        elif k < 0.75:
            parts.append("#" * rng.randint(1, 3) + " " + run(5).replace("\n", " "))
        elif k < 0.8:
            parts.append("# Annex " + rng.choice(["I", "A", "2", ""]))
        else:
            parts.append(run(6) + "\n   (a) " + run(6))
    body = "\n\n".join(parts)
    if "[^1]" in body:
        body += "\n\n[^1]: " + run(5).replace("\n", " ").replace("[^", "")
    return "---\nbody: General Assembly\n---\n\n" + body + "\n"


def _merged_texts(value):
    """The reader keeps the words of a link it drops ("[a](b)") as a Text of their own, next to
    the Text before it (see test_known_limits); written out, the two read back as one."""
    if isinstance(value, dict):
        return {k: _merged_texts(v) for k, v in value.items()}
    if isinstance(value, list):
        out: list = []
        for v in value:
            v = _merged_texts(v)
            if (isinstance(v, dict) and v.get("type") == "text" and out
                    and isinstance(out[-1], dict) and out[-1].get("type") == "text"):
                out[-1] = {"type": "text", "text": out[-1]["text"] + v["text"]}
            else:
                out.append(v)
        return out
    return value


@pytest.mark.parametrize("seed", range(4))
def test_random_sources_round_trip(seed):
    """Whatever the reader makes of a random source, written out, reads back the same."""
    rng = random.Random(seed)
    checked = 0
    while checked < 150:
        source = _random_source(rng)
        try:
            doc = read(source)
        except (SourceError, KeyError, AttributeError):  # not a valid source (or a reader bug)
            continue
        if any(isinstance(b, Operative) and not b.content and not b.subparagraphs
               for b in doc.body) or _has_triple_run(doc):
            continue  # see test_known_limits
        checked += 1
        text = to_markdown(doc)
        assert _merged_texts(tree(read(text))) == _merged_texts(tree(doc)), (source, text)


def _has_triple_run(doc: Document) -> bool:
    def touching(nodes: list[Inline], inside: bool) -> bool:
        visible = [n for n in nodes if not (isinstance(n, Text) and not n.text)]
        if inside and visible and isinstance(visible[0], (Emph, Strong)):
            first = [n for n in visible[0].children if not (isinstance(n, Text) and not n.text)]
            if first and isinstance(first[0], (Emph, Strong)):
                return True
        if inside and _touching_emphasis_inside_emphasis(nodes, True):
            return True
        return any(touching(n.children, isinstance(n, (Emph, Strong)))
                   for n in nodes if isinstance(n, (Emph, Strong, Link)))

    runs = [doc.formula] + [b.content for b in doc.body] + [n.content for n in doc.footnotes]
    runs += [s.content for b in doc.body for s in getattr(b, "subparagraphs", [])]
    runs += [b.content for a in doc.annexes for b in a.blocks] + [a.title for a in doc.annexes]
    return any(touching(run, False) or touching([Emph(run)], False) for run in runs)


# --- known limits -------------------------------------------------------------------------------
# Trees the reader never makes, and that therefore cannot come back from the source format
# exactly. They document the limits; xfail (not strict) so a reader fix shows up as XPASS.


def test_strong_at_paragraph_start():
    assert_round_trip(doc_of(para("Recalling x,"), para(Strong([Text("Bold")]), " text")))


def test_subparagraph_opening_with_markup():
    doc = doc_of(para("Recalling x,"),
                 op("1", "Requests:", subs=[Subparagraph("a", [Emph([Text("To")]),
                                                              Text(" act")])]))
    assert_round_trip(doc)


@pytest.mark.xfail(reason="reader: a footnote called only from another footnote is never "
                   "numbered, so the reader says it is 'defined but never cited'")
def test_known_limits_note_called_from_a_note():
    assert_round_trip(doc_of(para("Recalling x,", NoteRef("a")),
                             footnotes=[Footnote("a", 0, [Text("See"), NoteRef("b")]),
                                    Footnote("b", 0, [Text("Note b.")])]))


@pytest.mark.xfail(reason="reader: 'N.' with no text is an error; the reader itself makes such "
                   "a paragraph from 'N. <no-break space>'", raises=SourceError)
def test_known_limits_empty_numbered_paragraph():
    assert_round_trip(doc_of(para("Recalling x,"), op("1")))


@pytest.mark.xfail(reason="CommonMark: three emphases whose delimiters touch "
                   "(Emph[Emph[Emph['.x']]]) cannot all be told apart with '*' and '_'")
def test_known_limits_emphasis_three_deep():
    assert_round_trip(doc_of(para("Recalling x,"),
                             para("a ", Emph([Emph([Emph([Text(".x")])])]), " b")))


@pytest.mark.parametrize("block", [
    Para([Text("plain text before any operative paragraph")]),  # reads as preambular
    Heading(1, None, [Text("Annex")]),  # starts an annex
    Heading(1, None, [Text("1. Title")]),  # reads as number 1
    Operative("5 bis", [Text("x")]),  # not a Markdown list number
])
def test_known_limits_structures_the_reader_never_makes(block):
    doc = doc_of(para("Recalling x,"), block, op("9", "Decides."))
    assert tree(round_trip(doc)) != tree(doc)
