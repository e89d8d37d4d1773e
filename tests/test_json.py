"""JSON output of the document tree: keys, content, round trip, and the published schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from unrender.ast import (
    Adoption,
    AgendaItem,
    Annex,
    Document,
    Emph,
    Footnote,
    Heading,
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
from unrender.readers.markdown import read_markdown
from unrender.writers.json import from_dict, to_dict, to_json

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "ast.schema.json"
TOP_KEYS = ["format", "version", "meta", "formula", "body", "preamble", "operative", "footnotes",
            "adoption", "annexes"]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def make_doc(adoption: Adoption | None) -> Document:
    meta = Meta(
        body="General Assembly",
        symbol="A/RES/73/3",
        date=dt.date(2018, 10, 25),
        session=73,
        session_name="Seventy-third session",
        agenda=[AgendaItem("8"), AgendaItem("68 (b)", "Comprehensive implementation")],
        sponsors=[Sponsor("Azerbaijan", ["*"]), Sponsor("Cuba")],
        notes={"*": "State not a member of the Council."},
        number="73/3",
        title="Global health and foreign policy",
        job="18-16895",
        release_date=dt.date(2018, 10, 26),
        line=2,
    )
    body = [
        Heading(1, "I", [Text("General provisions")], line=10),
        Preambular([Emph([Text("Recalling")]), Text(" its resolution 72/139,"), NoteRef("1")],
                   line=12),
        Preambular([Emph([Text("Noting")]), Text(" with concern — “quotes” and NBSP\u00a0here,")],
                   [Subparagraph("a", [Text("first;")], line=15)], line=14),
        Operative("1", [Emph([Text("Decides")]), Text(" to act:")], [
            Subparagraph("a", [Text("to do this;")], [
                Subparagraph("i", [Strong([Text("nested")]), Text(";")], line=18),
                Subparagraph("ii", [Text("and")], line=19),
            ], line=17),
            Subparagraph("b", [Link("https://undocs.org/A/73/L.4", [Text("A/73/L.4")])],
                         line=20),
        ], line=16),
        Para([Text("Intervening text"), LineBreak(), Text("second line")], line=22),
        Operative("2", [Emph([Text("Requests")]), Text(" a report.")], line=24),
    ]
    return Document(
        meta=meta,
        formula=[Emph([Text("The General Assembly")]), Text(",")],
        body=body,
        footnotes=[Footnote("1", 1, [Text("See "), Emph([Text("Official Records")])], line=30)],
        adoption=adoption,
        annexes=[Annex("Annex", [Text("Declaration")],
                       [Heading(2, None, [Text("Preamble")], line=34),
                        Para([Text("Annex text.")], number="1", line=35)], line=32)],
        source="/tmp/somewhere/x.md",
    )


VOTED = Adoption(meeting="30th plenary meeting", date=dt.date(2018, 10, 25),
                 vote=Vote(["Cuba", "Norway"], ["Narnia"], []),
                 reference="without reference to a Main Committee (A/73/L.4)", line=8)
UNVOTED = Adoption(meeting="35th meeting", date=dt.date(2023, 7, 14), without_vote=True, line=8)


def test_top_level_keys_and_order():
    data = to_dict(make_doc(VOTED))
    assert list(data) == TOP_KEYS
    assert data["format"] == "unrender-ast" and data["version"] == 1
    assert data["meta"]["date"] == "2018-10-25"
    assert data["meta"]["release_date"] == "2018-10-26"
    assert data["meta"]["agenda"][1] == {"item": "68 (b)", "title": "Comprehensive implementation"}
    assert data["meta"]["sponsors"][0] == {"name": "Azerbaijan", "marks": ["*"]}
    assert "source" not in data


def test_body_blocks_have_type_and_line():
    data = to_dict(make_doc(VOTED))
    assert [b["type"] for b in data["body"]] == [
        "heading", "preambular", "preambular", "operative", "para", "operative"]
    assert [b["line"] for b in data["body"]] == [10, 12, 14, 16, 22, 24]
    assert len(data["preamble"]) == 2
    assert data["preamble"][0] == data["body"][1]
    assert data["formula"] == [
        {"type": "emph", "children": [{"type": "text", "text": "The General Assembly"}]},
        {"type": "text", "text": ","},
    ]


def test_operative_numbers_and_subparagraphs():
    data = to_dict(make_doc(VOTED))
    ops = data["operative"]
    assert [o["number"] for o in ops] == ["1", "2"]
    first = ops[0]
    assert [s["label"] for s in first["subparagraphs"]] == ["a", "b"]
    a = first["subparagraphs"][0]
    assert set(a) == {"label", "content", "subparagraphs", "line"}
    assert [s["label"] for s in a["subparagraphs"]] == ["i", "ii"]
    assert a["subparagraphs"][0]["content"][0] == {
        "type": "strong", "children": [{"type": "text", "text": "nested"}]}
    assert first["subparagraphs"][1]["content"] == [{
        "type": "link", "target": "https://undocs.org/A/73/L.4",
        "children": [{"type": "text", "text": "A/73/L.4"}]}]
    assert ops[1]["subparagraphs"] == []


def test_inline_nodes():
    data = to_dict(make_doc(VOTED))
    assert data["body"][1]["content"][-1] == {"type": "noteref", "label": "1"}
    assert {"type": "linebreak"} in data["body"][4]["content"]
    assert data["footnotes"] == [{
        "label": "1", "number": 1, "line": 30,
        "content": [{"type": "text", "text": "See "},
                    {"type": "emph", "children": [{"type": "text", "text": "Official Records"}]}],
    }]


def test_adoption_with_vote():
    adoption = to_dict(make_doc(VOTED))["adoption"]
    assert adoption == {
        "meeting": "30th plenary meeting",
        "date": "2018-10-25",
        "reference": "without reference to a Main Committee (A/73/L.4)",
        "vote": {"in_favour": ["Cuba", "Norway"], "against": ["Narnia"], "abstaining": []},
        "line": 8,
    }


def test_adoption_without_vote():
    adoption = to_dict(make_doc(UNVOTED))["adoption"]
    assert adoption["without_vote"] is True
    assert "vote" not in adoption
    assert adoption["reference"] is None and adoption["date"] == "2023-07-14"


def test_no_adoption_is_null():
    assert to_dict(make_doc(None))["adoption"] is None


def test_json_text_is_utf8_indented():
    text = to_json(make_doc(VOTED))
    assert "“quotes”" in text and "\u00a0" in text and "\\u" not in text
    assert text.startswith('{\n  "format": "unrender-ast",\n  "version": 1,')
    assert text.endswith("}\n")
    assert to_json(make_doc(VOTED)) == text  # deterministic


@pytest.mark.parametrize("adoption", [VOTED, UNVOTED, None, Adoption()])
def test_round_trip(adoption):
    doc = make_doc(adoption)
    again = from_dict(json.loads(to_json(doc)))
    assert again.source is None
    doc.source = None
    assert again == doc
    assert from_dict(to_dict(doc)) == doc


@pytest.mark.parametrize("adoption", [VOTED, UNVOTED, None, Adoption()])
def test_validates_against_schema(validator, adoption):
    validator.validate(json.loads(to_json(make_doc(adoption))))


def test_schema_rejects_bad_output(validator):
    data = to_dict(make_doc(VOTED))
    data["adoption"]["without_vote"] = True  # both a vote and without_vote
    assert not validator.is_valid(data)
    data = to_dict(make_doc(None))
    data["body"][0]["type"] = "chapter"
    assert not validator.is_valid(data)
    data = to_dict(make_doc(None))
    data["meta"]["date"] = "25 October 2018"
    assert not validator.is_valid(data)
    data = to_dict(make_doc(None))
    data["extra"] = 1
    assert not validator.is_valid(data)


def test_from_dict_rejects_other_data():
    with pytest.raises(ValueError):
        from_dict({"format": "something-else", "version": 1})
    data = to_dict(make_doc(None))
    data["version"] = 2
    with pytest.raises(ValueError):
        from_dict(data)
    data = to_dict(make_doc(None))
    data["body"][0]["type"] = "chapter"
    with pytest.raises(ValueError):
        from_dict(data)


SOURCE = """\
---
body: General Assembly
symbol: A/RES/73/3
session: 73
number: "73/3"
title: Global health and foreign policy
job: 18-16895
adoption:
  meeting: 30th plenary meeting
  date: 25 October 2018
  without_vote: true
---

*Recalling* its resolution 72/139 of 12 December 2017,[^a]

1. *Decides* to act:
   (a) first;
   (b) second;

2. *Requests* a report.

# Annex

## Declaration

Annex text.

[^a]: See A/72/PV.73.
"""


def test_markdown_document(validator):
    doc, _warnings = read_markdown(SOURCE, "x.md")
    data = to_dict(doc)
    validator.validate(data)
    assert [o["number"] for o in data["operative"]] == ["1", "2"]
    assert [s["label"] for s in data["operative"][0]["subparagraphs"]] == ["a", "b"]
    assert data["adoption"]["without_vote"] is True
    assert data["footnotes"][0]["number"] == 1
    assert data["annexes"][0]["label"] == "Annex"
    assert all(b["line"] > 0 for b in data["body"])
    doc.source = None
    assert from_dict(json.loads(to_json(doc))) == doc
