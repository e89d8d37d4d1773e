"""The Akoma Ntoso writer: valid against the OASIS schema, the tree's structure, every word."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from functools import cache
from pathlib import Path

import pytest

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
    all_subparagraphs,
)
from unrender.readers import read_file
from unrender.writers.akn import AKN, frbr_work_uri, to_akn, xml_chars

etree = pytest.importorskip("lxml.etree")

ROOT = Path(__file__).resolve().parent.parent
XSD = ROOT / "tests" / "fixtures" / "akn-schema" / "akomantoso30.xsd"
EXAMPLES = sorted((ROOT / "examples").glob("*.md"))
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "akn").glob("*E.xml"))
NS = {"a": AKN}
_WORD = re.compile(r"\w+")


@cache
def schema():
    return etree.XMLSchema(etree.parse(str(XSD)))


def parse_valid(xml: str):
    root = etree.fromstring(xml.encode("utf-8"))
    s = schema()
    assert s.validate(root), "\n".join(f"{e.line}: {e.message}" for e in s.error_log)
    return root


# --- the words of the tree, in the order the writer puts them --------------------------------


def inline_words(doc: Document, nodes: list[Inline]) -> list[str]:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out += _WORD.findall(node.text)
        elif isinstance(node, (Emph, Strong, Link)):
            out += inline_words(doc, node.children)
        elif isinstance(node, NoteRef):
            note = doc.footnote(node.label)
            if note is not None:
                out += inline_words(doc, note.content)
    return out


def block_words(doc: Document, block) -> list[str]:
    out = _WORD.findall(getattr(block, "number", None) or "")
    out += inline_words(doc, block.content)
    for sub in all_subparagraphs(getattr(block, "subparagraphs", [])):
        out += _WORD.findall(sub.label) + inline_words(doc, sub.content)
    return out


def doc_words(doc: Document) -> list[str]:
    m = doc.meta
    out = _WORD.findall(m.symbol or "")
    for sponsor in m.sponsors:
        out += _WORD.findall(sponsor.name)
        for mark in sponsor.marks:
            out += _WORD.findall(m.notes.get(mark, ""))
    out += _WORD.findall(m.number or "") + _WORD.findall(m.title or "")
    out += inline_words(doc, doc.formula)
    for block in doc.body:
        out += block_words(doc, block)
    if doc.adoption:
        out += _WORD.findall(doc.adoption.meeting or "")
        if doc.adoption.vote:
            v = doc.adoption.vote
            for names in (v.in_favour, v.against, v.abstaining):
                for name in names:
                    out += _WORD.findall(name)
    for annex in doc.annexes:
        out += _WORD.findall(annex.label) + inline_words(doc, annex.title)
        for block in annex.blocks:
            out += block_words(doc, block)
    return out


def text_words(el) -> list[str]:
    """Words in document order: text, children, tails."""
    out: list[str] = []

    def visit(node):
        if isinstance(node.tag, str):
            out.extend(_WORD.findall(node.text or ""))
            for child in node:
                visit(child)
        out.extend(_WORD.findall(node.tail or ""))

    visit(el)
    return out


def assert_subsequence(needle: list[str], hay: list[str]) -> None:
    it = iter(hay)
    for i, word in enumerate(needle):
        if not any(word == w for w in it):
            raise AssertionError(f"word {i} {word!r} (…{' '.join(needle[max(0, i - 8):i + 1])}) "
                                 "not found in order in the output")


# --- structure -------------------------------------------------------------------------------


def check(doc: Document):
    xml = to_akn(doc)
    root = parse_valid(xml)
    statement = root[0]
    assert etree.QName(statement).localname == "statement"
    lead = 0
    while lead < len(doc.body) and isinstance(doc.body[lead], Preambular):
        lead += 1
    main_blocks = doc.body[lead:]
    # preambular paragraphs -> containers
    assert len(statement.findall("a:preamble/a:container", NS)) == lead
    # every other block -> one paragraph of the main body
    main_paras = statement.findall("a:mainBody/a:paragraph", NS)
    assert len(main_paras) == len(main_blocks)
    # operative numbers
    nums = [p.findtext("a:num", namespaces=NS) for p, b in zip(main_paras, main_blocks, strict=True)
            if isinstance(b, Operative)]
    assert nums == [f"{b.number}." if b.number else None for b in main_blocks
                    if isinstance(b, Operative)]
    # subparagraphs -> points (main body and annexes), blockList items (preamble)
    main_subs = [s for b in main_blocks for s in all_subparagraphs(getattr(b, "subparagraphs", []))]
    assert len(statement.findall("a:mainBody//a:point", NS)) == len(main_subs)
    pre_subs = [s for b in doc.body[:lead] for s in all_subparagraphs(b.subparagraphs)]
    assert len(statement.findall("a:preamble//a:item", NS)) == len(pre_subs)
    annex_subs = [s for a in doc.annexes for b in a.blocks
                  for s in all_subparagraphs(getattr(b, "subparagraphs", []))]
    assert len(statement.findall("a:attachments//a:point", NS)) == len(annex_subs)
    # footnote calls -> authorialNotes
    calls = sum(1 for run in _runs(doc) for n in _walk(run)
                if isinstance(n, NoteRef) and doc.footnote(n.label))
    marks = sum(len(s.marks) for s in doc.meta.sponsors)
    called = {m for s in doc.meta.sponsors for m in s.marks}
    uncalled = len([m for m in doc.meta.notes if m not in called]) if doc.meta.symbol else 0
    assert len(root.findall(".//a:authorialNote", NS)) == calls + marks + uncalled
    for note in root.iterfind(".//a:authorialNote", NS):
        assert note.get("placement") == "bottom" and note.get("marker")
    # eIds are unique (the strict schema says so too)
    eids = [e.get("eId") for e in root.iter() if e.get("eId")]
    assert len(eids) == len(set(eids))
    # the vote
    adoption = doc.adoption
    voting = statement.find("a:meta/a:analysis/a:parliamentary/a:voting", NS)
    if adoption and adoption.vote:
        v = adoption.vote
        counts = {c.get("refersTo"): int(c.get("value")) for c in voting.findall("a:count", NS)}
        assert counts == {"inFavour": len(v.in_favour), "against": len(v.against),
                          "abstaining": len(v.abstaining)}
        quantities = [q.text for q in statement.iterfind("a:conclusions//a:quantity", NS)]
        assert quantities == [str(len(x)) for x in (v.in_favour, v.against, v.abstaining)
                              if x or x is v.in_favour or x is v.against]
    elif adoption and adoption.without_vote:
        assert voting.get("outcome") == "adoptedWithoutVote"
    else:
        assert voting is None
    assert len(statement.findall("a:attachments/a:attachment", NS)) == len(doc.annexes)
    # every word of the tree, in order
    assert_subsequence(doc_words(doc), text_words(root))
    return root


def _runs(doc: Document):
    yield doc.formula
    for blocks in [doc.body] + [a.blocks for a in doc.annexes]:
        for b in blocks:
            yield b.content
            for s in all_subparagraphs(getattr(b, "subparagraphs", [])):
                yield s.content
    for a in doc.annexes:
        yield a.title


def _walk(nodes):
    for n in nodes:
        yield n
        if isinstance(n, (Emph, Strong, Link)):
            yield from _walk(n.children)


# --- the examples ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example(path):
    doc, _ = read_file(path)
    root = check(doc)
    statement = root[0]
    kinds = {"resolution": "resolution", "draft resolution": "resolutionDraft"}
    assert statement.get("name") == kinds[doc.meta.kind]
    work = statement.find("a:meta/a:identification/a:FRBRWork/a:FRBRuri", NS).get("value")
    assert work == frbr_work_uri(doc.meta, doc.adoption)
    if doc.meta.symbol:
        assert statement.findtext("a:coverPage/a:p/a:docNumber", namespaces=NS) == doc.meta.symbol


def test_frbr_uri_follows_the_un():
    meta = Meta(body="Human Rights Council", symbol="A/HRC/RES/54/10", number="54/10",
                date=dt.date(2023, 10, 13))
    adoption = Adoption(meeting="46th meeting", date=dt.date(2023, 10, 11), without_vote=True)
    assert frbr_work_uri(meta, adoption) == \
        "/akn/un/statement/deliberation/unga-hrc/2023-10-11/54-10/"
    root = parse_valid(to_akn(Document(meta, [], [Operative("1", [Text("Decides.")])],
                                       adoption=adoption)))
    ident = root.find("a:statement/a:meta/a:identification", NS)
    values = [e.get("value") for e in ident.iterfind(".//a:FRBRthis", NS)]
    base = "/akn/un/statement/deliberation/unga-hrc/2023-10-11/54-10/"
    assert values == [base + "!main/", base + "eng@!main/", base + "eng@/!main.xml"]
    assert [e.get("value") for e in ident.iterfind(".//a:FRBRuri", NS)] == \
        [base, base + "eng@/", base + "eng@.xml"]


# --- a hand-built tree with every kind of node --------------------------------------------------


def every_node() -> Document:
    meta = Meta(
        body="Human Rights Council", kind="resolution", symbol="A/HRC/RES/99/1",
        distribution="General", date=dt.date(2030, 4, 5), original="English", session=99,
        session_name="Ninety-ninth session", session_dates="1 March–2 April 2030",
        agenda=[AgendaItem("3", "Promotion & protection <of> \"all\" rights"), AgendaItem("4")],
        sponsors=[Sponsor("Chile", ["*"]), Sponsor("Peru"), Sponsor("Fiji", ["*", "**"])],
        notes={"*": "Not a member.", "**": "On behalf of a group.", "***": "Reissued."},
        number="99/1", title="A title\nin two lines",
    )
    notes = [Footnote("a", 1, [Text("A/RES/1/1.")]), Footnote("b", 2, [Emph([Text("Ibid.")])])]
    sub = Subparagraph("i", [Text("deep "), Strong([Text("bold")])])
    body = [
        Preambular([Emph([Text("Recalling")]), Text(" its resolution,"), NoteRef("a")]),
        Preambular([Emph([Text("Noting")]), Text(" that:")],
                   [Subparagraph("a", [Text("first;")], [sub]), Subparagraph("b", [Text("2nd")])]),
        Preambular([Text("Unstyled opening & <angle> brackets,")]),
        Heading(1, "I", [Text("General")]),
        Heading(2, "A", [Text("Sub-heading")]),
        Heading(3, None, [Emph([Text("Untitled")])]),
        Operative("1", [Emph([Text("Decides")]), Text(" to see "),
                        Link("https://undocs.org/A/RES/1/1?x=1&y=2", [Text("1/1")]),
                        NoteRef("b"), Text(";"), LineBreak(), Text("line two")]),
        Operative("2", [Emph([Text("Requests")]), Text(":")],
                  [Subparagraph("a", [Text("to act,"), NoteRef("a")],
                                [Subparagraph("i", [Text("now;")]),
                                 Subparagraph("ii", [Text("later;")])]),
                   Subparagraph("b", [Text("to report.")])]),
        Para([Text("A quoted paragraph.")]),
        Para([Text("Numbered text")], number="3"),
        Operative("3", [], [Subparagraph("a", [Text("no intro")])]),
    ]
    annexes = [
        Annex("Annex I", [Text("Draft covenant")], [
            Heading(1, None, [Text("Preamble")]),
            Para([Emph([Text("The States Parties")]), Text(",")]),
            Heading(2, "Article 1", [Text("Right to development")]),
            Para([Text("Every individual,"), NoteRef("b")], "1",
                 [Subparagraph("a", [Text("sub in annex")])]),
        ]),
        Annex("Annex II", [], [Para([Text("Second annex text.")])]),
    ]
    adoption = Adoption(meeting="46th meeting", date=dt.date(2030, 4, 2), vote=Vote(
        ["Chile", "Trinidad and Tobago", "Peru"], ["Fiji"], []))
    return Document(meta, [Emph([Text("The Human Rights Council")]), Text(",")], body, notes,
                    adoption, annexes)


def test_every_node():
    doc = every_node()
    root = check(doc)
    xml = to_akn(doc)
    assert '<a href="https://undocs.org/A/RES/1/1?x=1&amp;y=2">1/1</a>' in xml
    assert "Unstyled opening &amp; &lt;angle&gt; brackets," in xml
    assert "<i>Decides</i>" in xml and "<b>bold</b>" in xml and "<br />" in xml
    statement = root[0]
    heads = statement.findall("a:mainBody/a:paragraph", NS)[:3]
    assert [h.get("class") for h in heads] == ["HChG", "H1G", "H23G"]
    outcome = statement.find("a:conclusions//a:outcome", NS)
    record = " ".join("".join(outcome.itertext()).split())
    assert record.startswith("[Adopted by a recorded vote of 3 to 1, with no abstentions.")
    assert record.endswith("Against:Fiji]")  # <eol/> between, as the UN marks it
    assert "Trinidad and Tobago" in record
    markers = [n.get("marker") for n in root.iterfind(".//a:authorialNote", NS)]
    assert markers == ["***", "*", "*", "**", "1", "2", "1", "2"]
    names = [d.get("name") for d in statement.iterfind("a:attachments/a:attachment/a:doc", NS)]
    assert names == ["annex", "annex"]


@pytest.mark.parametrize("kind,name", [("draft resolution", "resolutionDraft"),
                                       ("decision", "decision"),
                                       ("draft decision", "decisionDraft")])
def test_kinds(kind, name):
    doc = every_node()
    doc.meta.kind = kind
    root = check(doc)
    assert root[0].get("name") == name


def test_minimal_and_without_vote():
    meta = Meta(body="General Assembly")
    check(Document(meta, [], []))
    check(Document(meta, [Text("The General Assembly,")], [Operative(None, [Text("Decides.")])],
                   adoption=Adoption(without_vote=True)))
    check(Document(Meta(body="Security Council", symbol="S/RES/2700 (2023)", number="2700 (2023)"),
                   [Text("The Security Council,")], [Operative("1", [Text("Decides.")])],
                   adoption=Adoption(meeting="9999th meeting", date=dt.date(2023, 1, 1))))


# --- round trip through the AKN reader -----------------------------------------------------------


def _without_lines(doc: Document) -> Document:
    def strip(value):
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {f.name: strip(getattr(value, f.name)) for f in dataclasses.fields(value)}
            if "line" in changes:
                changes["line"] = 0
            if "source" in changes:
                changes["source"] = None
            return dataclasses.replace(value, **changes)
        if isinstance(value, list):
            return [strip(v) for v in value]
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items()}
        return value

    return strip(doc)


def _squash_text(xml: str) -> str:
    root = etree.fromstring(xml.encode("utf-8"))
    for el in root.iter():  # not the meta: only what is printed
        if isinstance(el.tag, str) and etree.QName(el).localname == "meta":
            el.getparent().remove(el)
            break
    return " ".join("".join(root.itertext()).split())


# Where the text of a UN file cannot come back: quirks of its markup, not of the tree.
TEXT_QUIRKS = {
    "A_HRC_RES_54_3E": "a vote list ends in a space inside <organization>",
    "A_HRC_RES_54_4E": "a vote list ends in a space inside <organization>",
    "A_HRC_RES_54_15E": "a vote list ends in a space inside <organization>",
    "A_HRC_RES_54_18E": "a vote list ends in a space inside <organization>",
    "A_HRC_RES_54_20E": "a vote list ends in a space inside <organization>",
    "A_HRC_RES_54_27E": "paragraph 5 has no <num>, its text opens \"5\" (written back as \"5.\")",
    "A_HRC_RES_54_34E": "\"[Adopted without a vote]\" lacks its full stop",
}


def _read_akn():
    try:
        from unrender.readers.akn import read_akn
    except ImportError:
        pytest.skip("no AKN reader yet")
    return read_akn


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_round_trip(path):
    """UN XML -> tree -> our XML -> the same tree (but for lines and the source path)."""
    read_akn = _read_akn()
    doc, _ = read_akn(path.read_text(encoding="utf-8"), str(path))
    xml = to_akn(doc)
    check(doc)
    again, warnings = read_akn(xml, "out.xml")
    assert not warnings
    assert _without_lines(again) == _without_lines(doc)


@pytest.mark.parametrize("path", [
    pytest.param(p, marks=pytest.mark.xfail(strict=False, reason=TEXT_QUIRKS[p.stem]))
    if p.stem in TEXT_QUIRKS else p for p in FIXTURES], ids=lambda p: p.stem)
def test_round_trip_text(path):
    """What the UN's file prints (meta aside) is what ours prints, white space normalised."""
    read_akn = _read_akn()
    text = path.read_text(encoding="utf-8")
    doc, _ = read_akn(text, str(path))
    assert _squash_text(to_akn(doc)) == _squash_text(text)


# --- characters XML cannot carry -----------------------------------------------------------------

# XML 1.0 forbids these (and the readers drop them from a source), but a tree can hold them.
FORBIDDEN = [chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20))] + \
    ["\ud800", "\udfff", "\ufffe", "\uffff"]


def test_characters_xml_forbids_are_never_written():
    junk = "".join(FORBIDDEN)
    meta = Meta(body="Human Rights Council", symbol=f"A/HRC/RES/1/{junk}1", title=f"Ti{junk}tle",
                sponsors=[Sponsor(f"Chile{junk}")], kind="draft resolution")
    body = [Preambular([Emph([Text(f"Recalling{junk}")]), Text(f" its{junk} resolution,")]),
            Operative("1", [Link(f"https://undocs.org/{junk}", [Text(f"A/1{junk}")]),
                            Text(" vertical\x0btab and form\x0cfeed.")])]
    doc = Document(meta, [Text(f"The Human Rights Council{junk},")], body,
                   adoption=Adoption(meeting=f"1st{junk} meeting"))
    xml = to_akn(doc)
    assert not [c for c in FORBIDDEN if c in xml]
    root = check(doc)  # parses, validates, and every word is there
    assert "vertical tab and form feed." in "".join(root.itertext())
    assert xml_chars("\t\n\r") == "\t\n\r"  # the controls XML allows are kept


def test_a_text_of_preambular_paragraphs_only_has_a_main_body():
    """The schema wants a mainBody in every statement, preamble or not (fuzzing found a
    mutated draft whose operative paragraphs were all gone)."""
    meta = Meta(body="Human Rights Council")
    formula = [Text("The Human Rights Council,")]
    for adoption in (None, Adoption(meeting="1st meeting", without_vote=True)):
        root = check(Document(meta, formula, [Preambular([Text("Recalling its work,")])],
                              adoption=adoption))
        assert root.find("a:statement/a:mainBody", NS) is not None


def test_a_footnote_that_calls_itself_is_written_once():
    """Notes are written at their calls; a note whose text calls itself (or one that calls it
    back) recursed until Python's limit (fuzzing). The inner call is its marker alone."""
    notes = [Footnote("1", 1, [Text("See note "), NoteRef("2"), Text(".")]),
             Footnote("2", 2, [Text("Back to "), NoteRef("1"), Text(" and "), NoteRef("2")])]
    doc = Document(Meta(body="General Assembly"), [Text("The General Assembly,")],
                   [Operative("1", [Text("Decides"), NoteRef("1"), Text(".")])], notes)
    root = parse_valid(to_akn(doc))
    assert [n.get("marker") for n in root.iterfind(".//a:authorialNote", NS)] == ["1", "2"]
    assert [s.text for s in root.iterfind(".//a:sup", NS)] == ["1", "2"]  # inside note 2


def test_subparagraph_labels_that_give_the_same_eid_get_distinct_ones():
    """eIds are made of a label's letters: "a" and "a)" both give "a", and an empty label
    gives "x" (fuzzing: a damaged AKN file) -- the schema wants them unique."""
    subs = [Subparagraph(label, [Text("text;")]) for label in ("a", "a)", "x", "", "x")]
    body = [Preambular([Text("Recalling,")], [Subparagraph(s.label, s.content) for s in subs]),
            Operative("1", [Text("Decides:")], subs)]
    doc = Document(Meta(body="General Assembly"), [Text("The General Assembly,")], body)
    root = check(doc)  # valid: the eIds are unique
    points = [p.get("eId") for p in root.iterfind(".//a:point", NS)]
    assert points == ["para_3_list_point_a", "para_3_list_point_a_2", "para_3_list_point_x",
                      "para_3_list_point_x_2", "para_3_list_point_x_3"]
