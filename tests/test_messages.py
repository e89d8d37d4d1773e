"""Bad input gets the message a compiler would give: every error at once, each at its real
line, in words of ours (not Python's), with a suggestion for a near miss."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unrender.cli import app
from unrender.diagnostics import SourceError
from unrender.lint.runner import check_file, run
from unrender.readers import detect_format, read_string

HEAD = "---\nbody: General Assembly\n"


def _errors(text: str, name: str = "t.md") -> list[tuple[int, str]]:
    with pytest.raises(SourceError) as caught:
        read_string(text, name)
    return [(d.line, d.message) for d in caught.value.diagnostics]


def _build(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, CliRunner().invoke(app, ["build", str(path), "-t", "json"])


# --- which reader -------------------------------------------------------------------------------


def test_a_md_file_without_body_is_markdown_and_an_error(tmp_path):
    text = "---\ntitle: A test\n---\n\nThe General Assembly,\n\n1. Decides to test.\n"
    assert detect_format(text, "draft.md") == "markdown"
    path, result = _build(tmp_path, "draft.md", text)
    assert result.exit_code == 1
    assert f"{path}:2: error: front matter needs 'body'" in result.output
    assert not (tmp_path / "draft.json").exists()


@pytest.mark.parametrize("name", ["draft.txt", "draft", "draft.markdown"])
def test_any_file_opening_with_front_matter_is_markdown(name):
    text = "---\ntitle: A test\n---\n\nThe General Assembly,\n\n1. Decides to test.\n"
    assert detect_format(text, name) == "markdown"
    assert detect_format("\ufeff" + text, name) == "markdown"


def test_extracted_text_is_still_told_apart():
    assert detect_format("A/RES/73/8\n\nThe General Assembly,\n\n1. Decides.\n", "x.txt") == "text"
    assert detect_format("<?xml version='1.0'?><akomaNtoso/>", "x.xml") == "akn"


def test_front_matter_and_no_text_is_an_error(tmp_path):
    path, result = _build(tmp_path, "empty.md", HEAD + "title: T\n---\n")
    assert result.exit_code == 1
    assert f"{path}:4: error: the resolution has no paragraphs" in result.output
    assert not (tmp_path / "empty.json").exists()
    # the enacting formula alone is no text either
    assert _errors(HEAD + "---\n\nThe General Assembly,\n")[0][0] == 3


def test_an_unclosed_front_matter_says_so():
    assert _errors(HEAD + "title: T\n\n1. Decides.\n") == [
        (1, "the front matter opened on this line is never closed: end it with a line of three "
            "dashes, ---")]


def test_a_pdf_says_to_extract_its_text_first(tmp_path):
    path = tmp_path / "A_RES_73_8.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n\x00")
    result = CliRunner().invoke(app, ["build", str(path)])
    assert result.exit_code == 1
    assert "is a PDF" in result.output
    assert f"pdftotext {path} {tmp_path / 'A_RES_73_8.txt'}" in result.output


# --- every error, at its line -------------------------------------------------------------------


def test_every_front_matter_error_is_reported_in_line_order():
    text = ("---\nbody: General Assembly\nadoption:\n  meeting: 5th meeting\n  colour: x\n"
            "  date: 2023-02-30\nsession: 300\nbody: Security Council\ntittle: T\n---\n\n"
            "1. Decides.\n")
    errors = _errors(text)
    assert [line for line, _ in errors] == [5, 6, 7, 8, 9]
    assert "unknown key 'colour' in adoption" in errors[0][1]
    assert "February 2023 has 28 days" in errors[1][1]
    assert "session must be a number from 1 to 199" in errors[2][1]
    assert "'body' appears twice" in errors[3][1]
    assert errors[4][1] == "unknown key 'tittle' in front matter (did you mean 'title'?)"


def test_build_and_check_print_them_all(tmp_path):
    text = "---\ntittle: T\ndate: 31 February 2023\n---\n\n1. Decides.\n"
    path, result = _build(tmp_path, "bad.md", text)
    assert result.exit_code == 1
    for line, words in ((2, "front matter needs 'body'"), (2, "did you mean 'title'?"),
                        (3, "February 2023 has 28 days")):
        assert f"{path}:{line}: error: " in result.output and words in result.output
    out = io.StringIO()
    assert run([path], out=out) == 1
    assert out.getvalue().count(": error: UN000 ") == 3


@pytest.mark.parametrize(("yaml_lines", "line", "words"), [
    ('title: "unclosed\nsymbol: A/RES/1/1\n', 3, "quoted scalar opened here is never closed"),
    ("sponsors: [Chile, Peru\nsymbol: A/RES/1/1\n", 3, "flow sequence opened here"),
    ("title: a: b\nsymbol: A/RES/1/1\n", 3, "mapping values are not allowed here"),
    ("title: T\n  symbol: x\n", 4, "mapping values are not allowed here"),
    ("title T\nsymbol: A/RES/1/1\n", 3, "the key on this line has no colon after it"),
    ("title: T\n\tsymbol: x\n", 4, "found character '\\t' that cannot start any token"),
])
def test_bad_yaml_is_reported_where_it_is(yaml_lines, line, words):
    (found, message), = _errors(HEAD + yaml_lines + "---\n\n1. Decides.\n")
    assert found == line, message
    assert message.startswith("front matter is not valid YAML: ") and words in message


# --- our words, and what was meant --------------------------------------------------------------


@pytest.mark.parametrize(("value", "words"), [
    ("2023-02-31", "'2023-02-31' is not a date: February 2023 has 28 days"),
    ("31 February 2024", "'31 February 2024' is not a date: February 2024 has 29 days"),
    ("2023-13-01", "'2023-13-01' is not a date: there is no month 13"),
    ("12 Juli 2023", "no month is called 'Juli' (did you mean 'July'?)"),
    ("0000-01-01", "the year must be from 1 to 9999"),
])
def test_a_bad_date_is_said_in_our_words(value, words):
    (line, message), = _errors(HEAD + f"date: {value}\n---\n\n1. Decides.\n")
    assert line == 3 and message.startswith("date: ") and words in message
    assert "out of range" not in message and "day is" not in message


def test_a_misspelt_body_is_suggested():
    (line, message), = _errors("---\nbody: General Asembly\n---\n\n1. Decides.\n")
    assert (line, message) == (2, "unknown body 'General Asembly' (did you mean 'General "
                                  "Assembly'?)")
    (_, far), = _errors("---\nbody: The Council\n---\n\n1. Decides.\n")
    assert "did you mean" not in far and "one of: General Assembly" in far


def test_a_misspelt_state_is_suggested(tmp_path):
    path = tmp_path / "d.md"
    path.write_text("---\nbody: Human Rights Council\nkind: draft resolution\nsponsors:\n"
                    "  - Germny\n---\n\n1. *Decides* to test.\n", encoding="utf-8")
    found = [v for v in check_file(path).violations if v.code == "UN017"]
    assert [v.line for v in found] == [5]
    assert found[0].message.endswith("(did you mean 'Germany'?)")


# --- characters no document prints -------------------------------------------------------------


def test_control_characters_are_removed_with_a_warning_at_their_line():
    text = "---\nbody: General Assembly\ntitle: A\x07B\n---\n\n1. *Decides* to\x0btest\x1b.\n"
    doc, warnings, _ = read_string(text, "x.md")
    assert doc.meta.title == "AB"
    assert "".join(t.text for t in doc.body[0].content[1:]) == " to test."
    assert [(w.line, w.code, w.message) for w in warnings] == [
        (3, "UN031", "control character U+0007 removed: it cannot be printed"),
        (6, "UN031", "control characters U+000B, U+001B removed: they cannot be printed")]


def test_extracted_text_keeps_its_page_breaks():
    text = "The General Assembly,\n\n1. Decides to\n\x0ctest the matter.\n"
    _, warnings, _ = read_string(text, "x.txt")
    assert [w for w in warnings if "control character" in w.message] == []


def test_an_akn_file_with_a_control_character_still_reads(tmp_path):
    akn = Path(__file__).parent / "fixtures" / "akn" / "A_HRC_RES_54_15E.xml"
    text = akn.read_text("utf-8").replace("<mainBody>", "<mainBody>\x01", 1)
    doc, warnings, _ = read_string(text, "r.xml")
    line = text[:text.index("\x01")].count("\n") + 1
    assert [(w.line, w.code) for w in warnings if "U+0001" in w.message] == [(line, "UN031")]
    assert doc.operative


def test_an_akn_document_without_paragraphs_is_an_error():
    empty = ('<?xml version="1.0"?><akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/'
             'akn/3.0"><statement name="resolution"><meta/><mainBody/></statement></akomaNtoso>')
    assert _errors(empty, "r.xml") == [(0, "the document has no paragraphs: no preamble, no "
                                           "operative part and no annex")]
