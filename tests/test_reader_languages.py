"""The readers in the six official languages: the UN's own AKN4UN files of the same
resolutions (tests/fixtures/akn/ga76-six-languages, other/), Markdown's `language:`, and the
dates each language prints."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import etree

from unrender.diagnostics import SourceError
from unrender.readers import read_string
from unrender.readers.akn import read_akn
from unrender.un.dates import parse_local_date

FIXTURES = Path(__file__).parent / "fixtures" / "akn"
SIX = sorted((FIXTURES / "ga76-six-languages").glob("*.xml"))
OTHER = sorted((FIXTURES / "other").glob("*.xml"))
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
LETTERS = {"A": "ar", "C": "zh", "E": "en", "F": "fr", "R": "ru", "S": "es"}


def _xml(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def _one(root: etree._Element, xpath: str) -> str:
    found = root.xpath(xpath, namespaces=NS)
    return " ".join("".join(found[0].itertext()).split()) if found else ""


@pytest.mark.parametrize("path", SIX + OTHER, ids=lambda p: p.name)
def test_akn_keeps_the_masthead_in_every_language(path: Path) -> None:
    root = _xml(path)
    doc, warnings = read_akn(path.read_text(encoding="utf-8"), str(path))
    meta = doc.meta
    assert meta.language == LETTERS[path.stem[-1]]
    assert meta.body == ("Human Rights Council" if "HRC" in path.name else "General Assembly")
    session = root.xpath("//a:coverPage//a:session", namespaces=NS)[0]
    assert meta.session == int(session.get("value") or path.name.split("_")[-2].split("-")[0])
    assert meta.session_name == (_one(root, "//a:coverPage//a:session") or None)
    event_dates = [" ".join(d.itertext()).strip()
                   for d in root.xpath("//a:coverPage//a:event//a:date", namespaces=NS)]
    assert meta.session_dates == ("–".join(event_dates) or None)
    # the agenda item's number, whatever words the language puts around it
    keyword = root.xpath("//a:keyword[@refersTo='agenda']/@value", namespaces=NS)
    number = keyword[0].split("[")[0] if keyword else None
    assert meta.agenda, "no agenda item"
    if number:
        item = meta.agenda[0].item.replace(" ", "").replace("(", "").replace(")", "")
        # Arabic letters its subitems: 29 (أ) is 29a
        assert item == number if meta.language != "ar" else item.rstrip("أبجد") == number.rstrip(
            "abcd")
    title = _one(root, "//a:coverPage//a:inline[@name='agenda item name']") or None
    assert meta.agenda[0].title == title
    # the adoption
    assert doc.adoption is not None
    date = root.xpath("//a:conclusions//a:docDate/@date", namespaces=NS)[0]
    assert doc.adoption.date == dt.date.fromisoformat(date)
    meeting = (_one(root, "//a:conclusions//a:location")
               or _one(root, "//a:conclusions//a:inline[@name='adoptionMeeting']"))
    assert meeting and doc.adoption.meeting == meeting
    assert not [w for w in warnings if "conclusions" in w.message]


@pytest.mark.parametrize("path", SIX, ids=lambda p: p.name)
def test_akn_counts_paragraphs_and_footnotes_as_the_xml(path: Path) -> None:
    root = _xml(path)
    doc, _ = read_akn(path.read_text(encoding="utf-8"), str(path))
    paragraphs = root.xpath("/a:akomaNtoso/a:statement/a:mainBody/a:paragraph", namespaces=NS)
    assert len(doc.operative) == len(paragraphs)
    assert len(doc.preamble) == len(
        root.xpath("/a:akomaNtoso/a:statement/a:preamble/a:container", namespaces=NS))
    assert len(doc.footnotes) == len(root.xpath("//a:authorialNote", namespaces=NS))


@pytest.mark.parametrize(("text", "lang"), [
    ("16 December 2021", "en"), ("16 décembre 2021", "fr"), ("16 de diciembre de 2021", "es"),
    ("16 декабря 2021 года", "ru"), ("2021年12月16日", "zh"), ("16 كانون الأول/ديسمبر 2021", "ar"),
    ("16\u00a0décembre 2021", "fra"),
])
def test_parse_local_date(text: str, lang: str) -> None:
    assert parse_local_date(text, lang) == dt.date(2021, 12, 16)


def test_parse_local_date_refuses_what_is_no_date() -> None:
    with pytest.raises(ValueError):
        parse_local_date("Point 3 de l’ordre du jour", "fr")
    with pytest.raises(ValueError, match="days"):
        parse_local_date("31 février 2021", "fr")


MARKDOWN = "---\nbody: General Assembly\nlanguage: {}\n---\nThe General Assembly,\n\n1. Decides.\n"


@pytest.mark.parametrize("spelling", ["fr", "fra", "French", "fr-FR"])
def test_markdown_language_is_normalised(spelling: str) -> None:
    doc, _, _ = read_string(MARKDOWN.format(spelling), "res.md")
    assert doc.meta.language == "fr"


def test_markdown_unknown_language_names_file_and_line() -> None:
    with pytest.raises(SourceError) as err:
        read_string(MARKDOWN.format("Klingon"), "res.md")
    assert "res.md:3" in str(err.value) and "Klingon" in str(err.value)
    with pytest.raises(SourceError, match="did you mean 'french'"):
        read_string(MARKDOWN.format("Frnech"), "res.md")


@pytest.mark.parametrize("path", [p for p in SIX + OTHER if p.stem[-1] in "EFSR"],
                         ids=lambda p: p.name)
def test_reader_strings_are_the_cover_pages(path: Path) -> None:
    """The `reader:` strings of the locales are what the UN's own files print."""
    from unrender.un.locale import locale

    root = _xml(path)
    doc, _ = read_akn(path.read_text(encoding="utf-8"), str(path))
    data = locale(doc.meta.language)
    body = doc.meta.body
    assert _one(root, "//a:preamble/a:formula").rstrip(",") == data.get(f"reader.formula.{body}")
    assert _one(root, "//a:coverPage//a:docTitle").startswith(
        data.get(f"reader.adopted_by.{body}"))
    assert _one(root, "//a:coverPage//a:docStatus") == data.get("reader.distribution.General")
    printed = _one(root, "//a:coverPage//a:inline[@name='agenda item']")
    if printed:
        key = "reader.agenda_item_hrc" if body == "Human Rights Council" else "reader.agenda_item"
        template = data.get(key) or data.get("reader.agenda_item")
        assert printed == template.format(item=doc.meta.agenda[0].item)
