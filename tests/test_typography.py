"""Transforms: UN typography, italic opening phrases, links to cited documents."""

from __future__ import annotations

import pytest

from unrender.ast import Emph, Link, Text, plain_text
from unrender.readers.markdown import read_markdown
from unrender.transforms import apply
from unrender.transforms.openings import italicize
from unrender.transforms.typography import smarten

NBSP = "\u00a0"


@pytest.mark.parametrize(("raw", "typeset"), [
    ('the "2030 Agenda"', "the “2030 Agenda”"),
    ("countries' ability", "countries’ ability"),
    ("Côte d'Ivoire", "Côte d’Ivoire"),
    ("'quoted'", "‘quoted’"),
    ("2015-2030", "2015–2030"),
    ("13 June-8 July 2022", f"13{NBSP}June–8{NBSP}July 2022"),
    ("paragraphs 10-12", "paragraphs 10–12"),
    ("COVID-19-related", "COVID-19-related"),
    ("A/HRC/47/47", "A/HRC/47/47"),
    ("50/...", "50/…"),
    ("peace - and security", "peace – and security"),
    ("25 September 2015", f"25{NBSP}September 2015"),
    ("resolution 70/1", f"resolution{NBSP}70/1"),
    ("resolutions 47/19 and 48/16", f"resolutions{NBSP}47/19 and 48/16"),
])
def test_smarten(raw, typeset):
    assert smarten(raw) == typeset


@pytest.mark.parametrize(("text", "kind", "phrase"), [
    ("Recalling also its resolution,", "preambular", "Recalling also"),
    ("Taking note with appreciation of the report,", "preambular", "Taking note with appreciation"),
    ("Deeply concerned by the effects,", "preambular", "Deeply concerned"),
    ("Calls upon States to act;", "operative", "Calls upon"),
    ("Also requests the Secretary-General;", "operative", "Also requests"),
    ("Decides to remain seized of the matter.", "operative", "Decides"),
    # "further" before a noun is an adjective, printed upright (A/RES/73/7)
    ("Encourages further efforts by the United Nations;", "operative", "Encourages"),
    ("Encourages further the Member States to act;", "operative", "Encourages further"),
])
def test_opening_phrases_become_italic(text, kind, phrase):
    out = italicize([Text(text)], kind)
    assert isinstance(out[0], Emph) and plain_text(out[0].children) == phrase
    assert plain_text(out) == text


def test_unknown_opening_and_explicit_italics_are_left_alone():
    assert italicize([Text("Recallingly odd,")], "preambular") == [Text("Recallingly odd,")]
    explicit = [Emph([Text("Recalling")]), Text(" also x,")]
    assert italicize(explicit, "preambular") == explicit


def _doc(body: str, organ: str = "General Assembly"):
    doc, _ = read_markdown(f"---\nbody: {organ}\n---\n\n{body}\n", "t.md")
    return apply(doc)


def _links(nodes):
    return [(plain_text(n.children), n.target) for n in nodes if isinstance(n, Link)]


def test_resolution_lists_and_symbols_link_to_undocs():
    doc = _doc("Recalling its resolutions 47/19 of 24 November 1992 and 72/4, and A/73/85,")
    assert _links(doc.preamble[0].content) == [
        ("47/19", "https://undocs.org/A/RES/47/19"),
        ("72/4", "https://undocs.org/A/RES/72/4"),
        ("A/73/85", "https://undocs.org/A/73/85"),
    ]


def test_council_resolutions_link_only_when_the_organ_is_clear():
    doc = _doc("Recalling Human Rights Council resolution 46/14 and resolution 2000/22,",
               "Human Rights Council")
    assert _links(doc.preamble[0].content) == [("46/14", "https://undocs.org/A/HRC/RES/46/14")]


def test_transforms_do_not_change_the_readers_tree():
    doc, _ = read_markdown("---\nbody: General Assembly\n---\n\nRecalling x,\n", "t.md")
    apply(doc)
    assert doc.preamble[0].content == [Text("Recalling x,")]


def test_every_word_survives_the_transforms():
    text = ('Recalling "the Charter" of 26 June 1945 - and resolution 70/1 of 25 September 2015, '
            "entitled 2015-2030,")
    doc = _doc(text)
    out = plain_text(doc.preamble[0].content)
    normalise = str.maketrans({NBSP: " ", "“": '"', "”": '"', "–": "-"})
    assert out.translate(normalise) == text
