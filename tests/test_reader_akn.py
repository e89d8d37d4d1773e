"""The AKN4UN reader (``unrender.readers.akn``) against the Human Rights Council's own XML.

Every expectation is computed here from the XML with ElementTree (element counts, ``num`` texts,
the voting analysis) or taken from the session's metadata (54session.json), never from the reader.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from unrender.ast import (
    Annex,
    Document,
    Heading,
    Operative,
    Para,
    Preambular,
    Subparagraph,
    plain_text,
)
from unrender.diagnostics import SourceError
from unrender.readers.akn import read_akn
from unrender.readers.detect import looks_like_akn

HERE = Path(__file__).parent / "fixtures" / "akn"
ENGLISH = sorted(HERE.glob("A_HRC_RES_54_*E.xml"))
OTHER = sorted((HERE / "other").glob("A_HRC_RES_54_18?.xml"))
A = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
WORD = re.compile(r"\w+")


def q(path: str) -> str:
    return "/".join(f"{A}{p}" if p not in (".", "..") and not p.startswith("*") else p
                    for p in path.split("/"))


def read(path: Path) -> tuple[Document, list]:
    return read_akn(path.read_text(encoding="utf-8-sig"), str(path))


def session_records() -> dict[str, dict]:
    """54session.json: JSON objects separated by stray quotes and new lines (not one JSON text)."""
    text = (HERE / "54session.json").read_text(encoding="utf-8")
    decoder, pos, records = json.JSONDecoder(), 0, {}
    while True:
        while pos < len(text) and text[pos] in ' \t\r\n"':
            pos += 1
        if pos >= len(text):
            return records
        record, pos = decoder.raw_decode(text, pos)
        records[record["symbol"]] = record


SESSION = session_records()


# --- what the XML states, computed independently -----------------------------------------------


def _text(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def expected(path: Path) -> dict:
    statement = ET.parse(path).getroot().find(q("statement"))
    preamble = statement.find(q("preamble"))
    main = statement.find(q("mainBody"))
    numbers: list[str] = []
    subs: list[int] = []
    for paragraph in main.findall(q("paragraph")):
        num = paragraph.find(q("num"))
        points = len(paragraph.findall(q("list/point")))
        if num is not None:
            numbers.append(num.text.strip().rstrip("."))
            subs.append(points)
            continue
        m = re.match(r"\s*(\d+)", _text(paragraph))
        if m:  # 54/27: the number is in the text
            numbers.append(m.group(1))
            subs.append(points)
        elif numbers:  # 54/35: the text of an empty numbered paragraph
            subs[-1] += points
    voting = statement.find(q("meta/analysis/parliamentary/voting"))
    counts = None
    if voting.get("outcome") == "adoptedRecordedVote":
        by = {c.get("refersTo"): int(c.get("value")) for c in voting.findall(q("count"))}
        counts = (by["inFavour"], by["against"], by["abstaining"])
        stated = {x.get("refersTo").lstrip("#"): int(x.get("normalized"))
                  for x in statement.iter(f"{A}quantity")}
        assert (stated["inFavour"], stated["against"], stated["abstaining"]) == counts
    notes = [n for part in ("preamble", "mainBody", "attachments") if statement.find(q(part))
             is not None for n in statement.find(q(part)).iter(f"{A}authorialNote")]
    cover = statement.find(q("coverPage"))
    return {
        "preambular": len(preamble.findall(q("container"))),
        "numbers": numbers,
        "subs": subs,
        "notes": len(notes),
        "counts": counts,
        "symbol": _text(next(e for e in cover.iter(f"{A}docNumber"))),
        "number": _text(statement.find(q("preface/p/docNumber"))).rstrip("."),
        "title": _text(statement.find(q("preface/p/docTitle"))),
        "meeting": _text(next(statement.find(q("conclusions")).iter(f"{A}location"))),
        "annexes": len(statement.findall(q("attachments/attachment"))),
        "original": next(_text(e) for e in cover.iter(f"{A}inline")
                         if e.get("name") == "originalLanguage").split(":")[1].strip(),
    }


def xml_words(path: Path) -> list[str]:
    """Words of the body as the XML has them: preamble containers, main body and annexes, the
    texts of authorial notes left out (they are footnotes)."""
    statement = ET.parse(path).getroot().find(q("statement"))
    pieces: list[str] = []
    blocks = {f"{A}{t}" for t in ("p", "num", "paragraph", "container", "point", "content",
                                  "list", "intro", "eol", "br")}

    def collect(el: ET.Element) -> None:
        if el.tag in (f"{A}authorialNote", f"{A}meta"):
            return
        if el.tag in blocks:
            pieces.append(" ")
        pieces.append(el.text or "")
        for child in el:
            collect(child)
            pieces.append(child.tail or "")
        if el.tag in blocks:
            pieces.append(" ")

    for container in statement.find(q("preamble")).findall(q("container")):
        collect(container)
    collect(statement.find(q("mainBody")))
    for doc in statement.findall(q("attachments/attachment/doc")):
        collect(doc)
    return WORD.findall("".join(pieces))


def ast_words(doc: Document) -> list[str]:
    words: list[str] = []

    def sub(s: Subparagraph) -> None:
        words.extend(WORD.findall(s.label + " " + plain_text(s.content)))
        for inner in s.subparagraphs:
            sub(inner)

    def blocks(items) -> None:
        for block in items:
            number = getattr(block, "number", None) or ""
            words.extend(WORD.findall(number + " " + plain_text(block.content)))
            for s in getattr(block, "subparagraphs", []):
                sub(s)

    blocks(doc.body)
    for annex in doc.annexes:
        words.extend(WORD.findall(annex.label + " " + plain_text(annex.title)))
        blocks(annex.blocks)
    return words


def is_subsequence(needles: list[str], haystack: list[str]) -> tuple[bool, int]:
    it = iter(haystack)
    for i, word in enumerate(needles):
        if not any(word == w for w in it):
            return False, i
    return True, len(needles)


# --- the English resolutions --------------------------------------------------------------------


@pytest.fixture(scope="module", params=ENGLISH, ids=[p.stem for p in ENGLISH])
def english(request) -> tuple[Path, Document, list, dict]:
    doc, warnings = read(request.param)
    return request.param, doc, warnings, expected(request.param)


def test_there_are_35_english_fixtures() -> None:
    assert len(ENGLISH) == 35


def test_no_warnings(english) -> None:
    _, _, warnings, _ = english
    assert [str(w) for w in warnings] == []


def test_structure(english) -> None:
    path, doc, _, exp = english
    assert len(doc.preamble) == exp["preambular"]
    assert [p.number for p in doc.operative] == exp["numbers"]
    assert [len(p.subparagraphs) for p in doc.operative] == exp["subs"]
    assert len(doc.footnotes) == exp["notes"]
    assert len(doc.annexes) == exp["annexes"]
    # the body holds only preambular and operative paragraphs, preamble first
    kinds = [type(b) for b in doc.body]
    assert set(kinds) <= {Preambular, Operative}
    assert kinds == sorted(kinds, key=lambda k: k is Operative)
    assert all(p.line > 0 for p in doc.body)
    for op in doc.operative:
        assert plain_text(op.content).strip(), (path.name, op.number)
        assert all(s.label and re.fullmatch(r"[a-z]{1,2}", s.label) and plain_text(s.content)
                   for s in op.subparagraphs)


def test_footnotes_numbered_in_order_of_first_call(english) -> None:
    _, doc, _, _ = english
    assert [f.number for f in doc.footnotes] == list(range(1, len(doc.footnotes) + 1))
    assert all(plain_text(f.content).strip() for f in doc.footnotes)


def test_metadata(english) -> None:
    _, doc, _, exp = english
    meta = doc.meta
    assert meta.body == "Human Rights Council"
    assert meta.kind == "resolution"
    assert meta.symbol == exp["symbol"]
    assert meta.number == exp["number"]
    assert meta.title == exp["title"]
    assert meta.paper == "a4"
    assert meta.language == "en"
    assert meta.session == 54 and meta.session_name == "Fifty-fourth session"
    assert meta.session_dates == "11 September–13 October 2023"
    assert meta.distribution == "General" and meta.original == exp["original"]
    assert meta.date is not None and meta.agenda and meta.agenda[0].item.isdigit()
    assert plain_text(doc.formula).rstrip(", ") == "The Human Rights Council"


def test_adoption_and_vote(english) -> None:
    _, doc, _, exp = english
    adoption = doc.adoption
    assert adoption is not None and adoption.date is not None
    assert adoption.meeting == exp["meeting"]
    if exp["counts"] is None:
        assert adoption.without_vote and adoption.vote is None
        return
    vote = adoption.vote
    assert not adoption.without_vote and vote is not None
    got = (len(vote.in_favour), len(vote.against), len(vote.abstaining))
    assert got == exp["counts"]
    record = SESSION.get(exp["symbol"])
    if record and record["voting_type"] == "adoptedRecordedVote":
        assert got == tuple(int(record[f"MS_{k}_count"]) for k in
                            ("in_favour", "against", "abstaining"))


def test_session_json_agrees(english) -> None:
    _, doc, _, exp = english
    record = SESSION.get(exp["symbol"])
    if record is None:
        pytest.skip("not in 54session.json")
    assert doc.meta.number == record["resolution_number"].rstrip(".")
    assert (doc.adoption.vote is None) == (record["voting_type"] == "adoptedWithoutVote")


def test_every_word_kept_in_order(english) -> None:
    path, doc, _, _ = english
    words = xml_words(path)
    ok, at = is_subsequence(words, ast_words(doc))
    assert ok, (path.name, at, words[max(0, at - 5):at + 5])


def test_set_as_described() -> None:
    """The README's inventory: 9 recorded votes, 92 footnotes in 28 files, one annex."""
    docs = [read(p)[0] for p in ENGLISH]
    assert sum(d.adoption.vote is not None for d in docs) == 9
    assert sum(len(d.footnotes) for d in docs) == 92
    assert sum(bool(d.footnotes) for d in docs) == 28
    assert sum(len(d.annexes) for d in docs) == 1


def test_annex_of_54_18() -> None:
    doc, _ = read(HERE / "A_HRC_RES_54_18E.xml")
    (annex,) = doc.annexes
    assert isinstance(annex, Annex) and annex.label == "Annex"
    assert plain_text(annex.title) == "Draft international covenant on the right to development"
    headings = [b for b in annex.blocks if isinstance(b, Heading)]
    paras = [b for b in annex.blocks if isinstance(b, Para)]
    assert plain_text(headings[0].content) == "Preamble"
    assert any(plain_text(h.content).startswith("Article 1") for h in headings)
    assert any(p.number == "1" for p in paras)
    assert any(p.subparagraphs for p in paras)


def test_quirks_repaired() -> None:
    doc, _ = read(HERE / "A_HRC_RES_54_27E.xml")
    five = doc.operative[4]
    assert five.number == "5" and not plain_text(five.content).startswith("5")
    doc, _ = read(HERE / "A_HRC_RES_54_35E.xml")
    assert doc.operative[0].number == "1" and plain_text(doc.operative[0].content)


def test_links_are_http_only() -> None:
    from unrender.ast import Link, inline_runs, walk_inlines

    for name in ("A_HRC_RES_54_31E.xml", "A_HRC_RES_54_34E.xml"):
        doc, _ = read(HERE / name)
        links = [n for run in inline_runs(doc) for n in walk_inlines(run) if isinstance(n, Link)]
        assert links and all(link.target.startswith(("https://", "http://")) for link in links)


# --- the other languages of 54/18 ---------------------------------------------------------------


@pytest.mark.parametrize("path", OTHER, ids=[p.stem for p in OTHER])
def test_other_languages_load(path: Path) -> None:
    doc, warnings = read(path)
    english, _ = read(HERE / "A_HRC_RES_54_18E.xml")
    assert doc.meta.body == "Human Rights Council" and doc.meta.number == "54/18"
    languages = {"A": "ar", "C": "zh", "F": "fr", "R": "ru", "S": "es"}
    assert doc.meta.language == languages[path.stem[-1]]
    assert len(doc.preamble) == len(english.preamble)
    assert [p.number for p in doc.operative] == [p.number for p in english.operative]
    assert len(doc.footnotes) == len(english.footnotes)
    vote = doc.adoption.vote
    assert (len(vote.in_favour), len(vote.against), len(vote.abstaining)) == (29, 13, 5)
    assert len(doc.annexes) == 1
    assert [str(w) for w in warnings] == []


def test_other_languages_count() -> None:
    assert len(OTHER) == 5


@pytest.mark.parametrize("path", [HERE / "A_HRC_RES_54_18E.xml", *OTHER],
                         ids=["E", *[p.stem[-1] for p in OTHER]])
def test_builds_to_pdf(path: Path, tmp_path: Path, monkeypatch) -> None:
    from unrender import build as build_module
    from unrender import readers

    if "akn" not in getattr(readers, "FORMATS", ()):  # until readers/__init__ dispatches .xml
        monkeypatch.setattr(build_module, "read_file", lambda source, fmt=None: read(source))
    result = build_module.build(path, ("pdf",), out_dir=tmp_path)
    (pdf,) = result.outputs
    assert pdf.read_bytes().startswith(b"%PDF") and result.pages > 1


# --- errors ---------------------------------------------------------------------------------------


def test_malformed_xml_names_the_line() -> None:
    text = '<?xml version="1.0"?>\n<akomaNtoso>\n  <statement>\n  </statment>\n</akomaNtoso>\n'
    with pytest.raises(SourceError) as err:
        read_akn(text, "bad.xml")
    assert err.value.diagnostic.line == 4
    assert "malformed XML" in str(err.value) and str(err.value).startswith("bad.xml:4: error:")


def test_not_akoma_ntoso() -> None:
    with pytest.raises(SourceError) as err:
        read_akn('<?xml version="1.0"?>\n<html><body>hi</body></html>\n', "page.xml")
    assert "not an Akoma Ntoso document" in str(err.value)
    with pytest.raises(SourceError):
        read_akn("<akomaNtoso/>", "empty.xml")


def test_unknown_elements_warn_and_keep_text() -> None:
    text = (HERE / "A_HRC_RES_54_7E.xml").read_text(encoding="utf-8")
    text = text.replace("</mainBody>", "<foo>Kept words here</foo></mainBody>", 1)
    text = re.sub(r'(<span class="italic">\s*Recalling</span>)', r"\1 <blah>odd</blah>", text,
                  count=1)
    doc, warnings = read_akn(text, "x.xml")
    messages = [w.message for w in warnings]
    assert any("/akomaNtoso/statement/mainBody/foo" in m for m in messages)
    assert any("blah" in m for m in messages)
    assert all(w.line > 0 for w in warnings)
    assert "Kept words here" in plain_text(doc.body[-1].content)
    assert any("odd" in plain_text(p.content) for p in doc.preamble)


def test_detection() -> None:
    assert looks_like_akn('<?xml version="1.0"?><akomaNtoso/>')
    assert looks_like_akn("<akomaNtoso/>")
    assert not looks_like_akn("---\nbody: General Assembly\n---\n")
