"""Every word of each AKN4UN resolution comes out of the PDF, in order (issue 4's acceptance)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdf
import pytest

from unrender.ast import all_subparagraphs, plain_text
from unrender.build import build
from unrender.readers import read_file

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "akn").glob("*E.xml"))


def letter_words(text: str) -> list[str]:
    """Words as letters only: footnote numbers glued to words, punctuation and the hyphens of
    words broken across lines do not count; the words and their order do."""
    text = unicodedata.normalize("NFKC", text).lower()
    return [w for w in re.split(r"[^\w]+|\d+|_", text) if w]


def is_subsequence(needle: list[str], haystack: list[str]) -> tuple[bool, int]:
    """Whether ``needle`` appears in order in ``haystack``; also how far it got."""
    it = iter(haystack)
    for count, word in enumerate(needle):
        if not any(word == w for w in it):
            return False, count
    return True, len(needle)


@pytest.mark.parametrize("xml", FIXTURES, ids=lambda p: p.stem)
def test_every_word_of_the_xml_is_in_the_pdf_in_order(xml, tmp_path):
    copy = tmp_path / xml.name
    copy.write_bytes(xml.read_bytes())
    result = build(copy, ("pdf",))
    doc = read_file(copy)[0]
    body: list[str] = []
    for block in doc.body:
        body += letter_words(plain_text(block.content))
        for sub in all_subparagraphs(block.subparagraphs):
            body += letter_words(plain_text(sub.content))
    for annex in doc.annexes:
        body += letter_words(plain_text(annex.title))
        for block in annex.blocks:
            body += letter_words(plain_text(block.content))
    pdf = pypdf.PdfReader(result.outputs[0])
    printed = letter_words(" ".join(page.extract_text() for page in pdf.pages))
    # footnotes stand at page feet, between body words: the body's words must appear in order
    # (other words may come between them), and so must each note's
    ok, reached = is_subsequence(body, printed)
    assert ok, f"body word {reached} ({body[reached]!r}) not found in order"
    for note in doc.footnotes:
        ok, reached = is_subsequence(letter_words(plain_text(note.content)), printed)
        assert ok, f"footnote {note.number} not found in the PDF"
    assert len(body) > 200
