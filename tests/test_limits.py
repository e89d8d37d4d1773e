"""Hostile and oversized sources: a clear error naming the file and line, or the right result.

The inputs come from benchmarks/hostile_inputs.py, at sizes that keep this file within about
half a minute; benchmarks/bench_limits.py runs the full sizes (10 MB, 10^5 levels, 5,000 notes
through PDF) and measures time and memory. Nothing here asserts a time.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from unrender import limits, transforms
from unrender.ast import Emph, Heading, Link, Operative, Preambular, plain_text
from unrender.build import build
from unrender.diagnostics import SourceError
from unrender.lint.core import check
from unrender.lint.runner import lint_document
from unrender.readers import load_text, read_string
from unrender.readers.akn import read_akn
from unrender.readers.comments import _opening
from unrender.readers.detect import FORMULA
from unrender.readers.frontmatter import split_marks
from unrender.readers.markdown import read_markdown
from unrender.readers.text import read_text
from unrender.writers.akn import to_akn
from unrender.writers.html import render_html
from unrender.writers.json import to_json
from unrender.writers.markdown import to_markdown

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import hostile_inputs as h
from fuzz_oracle import time_limit

ERROR_LINE = re.compile(r"^(?P<file>\S+):(?P<line>\d+): error: (?P<message>.+)$", re.M)


def read_and_check(path: Path, text: str):
    """The document read from ``text`` and what ``unrender check`` finds in it (the command's
    own steps, without reading the file twice)."""
    doc, _, _ = read_string(text, str(path))
    found, _, _ = lint_document(path, doc, text if path.suffix == ".md" else None)
    return doc, found


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first occurrence of ``needle`` in ``text``."""
    return text[: text.index(needle)].count("\n") + 1


def unrender(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "unrender", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300, check=False)


# --- AKN: DTDs and entities ---------------------------------------------------------------------

HOSTILE_AKN = {
    "billion laughs": h.akn_billion_laughs(),
    "quadratic blow-up": h.akn_quadratic_blowup(),
    "external entity, SYSTEM": h.akn_external_entity("sentinel.txt"),
    "external entity, PUBLIC": h.akn_external_entity("sentinel.txt", public=True),
    "external entity, URL": h.akn_external_entity("http://127.0.0.1:9/x.xml"),
    "parameter entity": h.akn_parameter_entity("sentinel.txt"),
    "external DTD": h.akn_external_dtd("sentinel.txt"),
    "plain DOCTYPE": h.akn_plain_doctype(),
}


@pytest.mark.parametrize("name", HOSTILE_AKN)
def test_any_dtd_is_refused_at_its_line(name):
    text = HOSTILE_AKN[name]
    with pytest.raises(SourceError) as caught:
        read_akn(text, "hostile.xml")
    d = caught.value.diagnostic
    assert (d.path, d.line) == ("hostile.xml", line_of(text, "<!DOCTYPE"))
    assert d.message.startswith("DTDs are not allowed in AKN input: delete <!DOCTYPE akomaNtoso>")


def test_an_undeclared_entity_is_malformed_xml():
    text = h.akn(entity="&lol9;")
    with pytest.raises(SourceError) as caught:
        read_akn(text, "x.xml")
    assert caught.value.diagnostic.line == line_of(text, "&lol9;")
    assert "malformed XML: undefined entity" in caught.value.diagnostic.message


@contextmanager
def files_opened() -> Iterator[list[str]]:
    """The paths opened inside the ``with`` block, by any code (C extensions included)."""
    seen: list[str] = []
    active = [True]

    def hook(event: str, args: tuple) -> None:
        if active[0] and event == "open" and isinstance(args[0], (str, bytes, Path)):
            seen.append(str(args[0]))

    sys.addaudithook(hook)  # hooks cannot be removed: this one switches itself off
    try:
        yield seen
    finally:
        active[0] = False


@pytest.mark.parametrize("make", [
    lambda target: h.akn_external_entity(target),
    lambda target: h.akn_external_entity(target, public=True),
    lambda target: h.akn_parameter_entity(target),
    lambda target: h.akn_external_dtd(target),
], ids=["SYSTEM", "PUBLIC", "parameter", "DTD"])
def test_the_file_an_entity_names_is_never_opened(tmp_path, make):
    sentinel = tmp_path / "sentinel.txt"
    sentinel.write_text(h.SENTINEL, encoding="utf-8")
    with files_opened() as opened:
        open(sentinel, "rb").close()  # the hook sees an open (the test can fail)
        for target in ("sentinel.txt", str(sentinel), sentinel.as_uri()):
            with pytest.raises(SourceError):
                read_akn(make(target), str(tmp_path / "doc.xml"))
    assert opened.count(str(sentinel)) == 1


def test_no_output_and_no_message_holds_an_external_entity(tmp_path):
    (tmp_path / "sentinel.txt").write_text(h.SENTINEL, encoding="utf-8")
    (tmp_path / "doc.xml").write_text(h.akn_external_entity("sentinel.txt"), encoding="utf-8")
    built = unrender("build", "doc.xml", "-t", "html,json,akn", "-o", "out", cwd=tmp_path)
    checked = unrender("check", "doc.xml", cwd=tmp_path)
    assert built.returncode == 1 and checked.returncode == 1
    assert "DTDs are not allowed" in built.stderr and "DTDs are not allowed" in checked.stdout
    written = list((tmp_path / "out").glob("*")) if (tmp_path / "out").exists() else []
    assert written == []
    for text in (built.stdout, built.stderr, checked.stdout, checked.stderr):
        assert h.SENTINEL not in text


# --- nesting ------------------------------------------------------------------------------------

DEEP = 100_000


@pytest.mark.parametrize("name, text, needle, message", [
    ("deep-inline.xml", h.akn_nested(DEEP), "<i><i>", "elements nested deeper than 100 levels"),
    ("deep-sections.xml", h.akn_nested(DEEP, "hcontainer"), "<hcontainer><hcontainer>",
     "elements nested deeper than 100 levels"),
    ("deep-emphasis.md", h.markdown_nested("emphasis", DEEP), "***",
     "text nested deeper than 32 levels"),
], ids=["akn inline", "akn sections", "markdown emphasis"])
def test_nesting_ten_to_the_five_deep_is_a_clear_error(tmp_path, name, text, needle, message):
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = unrender("build", name, "-t", "html", "-o", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    found = ERROR_LINE.search(result.stderr)
    assert found, result.stderr
    assert (found["file"], int(found["line"])) == (name, line_of(text, needle))
    assert found["message"].startswith(message)


def test_deep_emphasis_in_extracted_text_is_refused_at_the_texts_line():
    text = h.text_nested(10_000)
    with pytest.raises(SourceError) as caught:
        read_text(text, "deep.txt")
    assert caught.value.diagnostic.line == line_of(text, "***")  # not the Markdown made of it
    assert caught.value.diagnostic.message == limits.nesting_message()


@pytest.mark.parametrize("text, level", [
    (h.akn_nested_points(limits.MAX_NESTING), '<ol class="subparagraphs level-'),
    (h.markdown_nested("strong", limits.MAX_NESTING), "<b>"),
], ids=["akn subparagraphs", "markdown bold"])
def test_nesting_at_the_limit_goes_through_every_stage(tmp_path, text, level):
    """The limit is where every stage still works, WeasyPrint included (it breaks first, on
    nested subparagraphs) — under pytest, whose own stack is deeper than the command's."""
    from unrender.writers.pdf import render_pdf

    read = read_akn if text.startswith("<?xml") else read_markdown
    doc, _ = read(text, "limit")
    assert limits.deepest_line(doc) is None
    assert not [v for v in check(doc, None) if "internal error" in v.message]
    done = transforms.apply(doc)
    screen = render_html(done, "screen")
    assert screen.count(level) == limits.MAX_NESTING  # every level, down to the last
    assert to_json(done).count('"type": ') > limits.MAX_NESTING
    assert to_akn(done).startswith("<?xml") and to_markdown(doc).startswith("---\n")
    assert render_pdf(render_html(done, "print"), tmp_path).pages >= 1


@pytest.mark.parametrize("text", [h.akn_nested_points(limits.MAX_NESTING + 1),
                                  h.akn_nested(limits.MAX_NESTING + 5),
                                  h.markdown_nested("strong", limits.MAX_NESTING + 1)],
                         ids=["akn subparagraphs", "akn markup", "markdown bold"])
def test_nesting_one_past_the_limit_is_refused(text):
    read = read_akn if text.startswith("<?xml") else read_markdown
    with pytest.raises(SourceError) as caught:
        read(text, "deep")
    assert caught.value.diagnostic.line > 0
    assert caught.value.diagnostic.message == limits.nesting_message()


def test_sections_nested_deeper_than_markdown_has_levels_stay_headings():
    body = "".join(f"<hcontainer><num>{i}</num><heading>Part {i}</heading>" for i in range(1, 40))
    doc, _ = read_akn(h.akn(body + "<p>Text.</p>" + "</hcontainer>" * 39), "sections.xml")
    back, _ = read_markdown(to_markdown(doc), "sections.md")
    headings = [(b.number, plain_text(b.content)) for b in back.body if isinstance(b, Heading)]
    assert headings == [(str(i), f"Part {i}") for i in range(1, 40)]


def test_deep_yaml_in_the_front_matter_is_a_clear_error():
    with pytest.raises(SourceError, match="front matter nested too deep"):
        read_markdown(h.yaml_nested(1_000), "deep-yaml.md")


# Patterns that backtracked: each input took seconds to hours. time_limit is a guard against a
# hang coming back, far above what each takes (milliseconds), not a measure of speed.

def test_a_run_of_sponsor_marks_is_scanned_not_backtracked():
    with time_limit(20):
        assert split_marks("Albania" + "*" * 60 + "x") == ("Albania" + "*" * 60 + "x", [])
        assert split_marks("Albania" + "*, " * 59 + "*") == ("Albania", ["*"] * 60)
    assert split_marks("Azerbaijan*, **") == ("Azerbaijan", ["*", "**"])
    assert split_marks("Chile*,") == ("Chile*,", [])


def test_spaces_after_a_formula_are_scanned_not_backtracked():
    with time_limit(20):
        assert FORMULA.match("The General Assembly" + " " * 20_000 + "x") is None
    assert FORMULA.match("**The Human Rights Council,**").groups() == (
        "Human Rights Council".join(("The ", "")), ",")
    assert FORMULA.match("*The General Assembly*").group(2) is None


def test_escaped_comment_openings_are_scanned_once():
    with time_limit(20):
        assert _opening("\\<!--" * 200_000) == -1
    assert _opening("a \\\\<!-- b") == 4  # two backslashes: the comment is not escaped


def test_a_file_too_big_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.md"
    with big.open("wb") as handle:  # sparse: no disk, and nothing to read if refused
        handle.truncate(limits.MAX_SOURCE_BYTES + 1)
    with pytest.raises(SourceError, match=f"too big to read: {limits.MAX_SOURCE_BYTES + 1:,} "
                       "bytes"):
        load_text(big)


def test_standard_input_is_read_no_further_than_a_source_may_be(monkeypatch):
    import io

    import unrender.readers as readers

    monkeypatch.setattr(readers, "MAX_SOURCE_BYTES", 10)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 1000)))
    with pytest.raises(SourceError, match="more than 10 bytes"):
        readers.read_stdin("draft.md")


# --- long lines and big sources -----------------------------------------------------------------

MB = 1_000_000


@pytest.mark.parametrize("spaces", [True, False], ids=["words", "one word"])
@pytest.mark.parametrize("suffix, make", [(".md", h.markdown_long_line),
                                          (".txt", h.text_long_line)])
def test_a_one_megabyte_line_reads_and_checks_clean(tmp_path, suffix, make, spaces):
    doc, found = read_and_check(tmp_path / f"line{suffix}", make(MB, spaces=spaces))
    assert found == []
    (long,) = doc.preamble
    assert len(plain_text(long.content)) > MB
    assert [plain_text(op.content) for op in doc.operative] == [
        "Decides to remain seized of the matter."]


@pytest.mark.parametrize("suffix, make", [(".md", h.markdown_paragraphs),
                                          (".txt", h.text_paragraphs),
                                          (".xml", h.akn_paragraphs)])
def test_a_source_of_a_few_megabytes_reads_and_checks_clean(tmp_path, suffix, make):
    text = make(MB if suffix == ".txt" else 2 * MB)
    doc, found = read_and_check(tmp_path / f"big{suffix}", text)
    assert found == []
    # what the generator wrote: every paragraph, operative ones numbered 1, 2, 3 … in order
    numbers = re.findall(r"^\s*(?:<num>)?(\d+)\.", text, re.M)
    assert [op.number for op in doc.operative] == numbers
    assert all(isinstance(b, (Preambular, Operative)) for b in doc.body)
    assert len(doc.preamble) == text.count("Recalling")


def test_a_paragraph_of_thousands_of_pieces_goes_through_every_stage():
    """Thousands of italic words, cited resolutions and runs of spaces in one paragraph: each
    was quadratic in some stage (the Markdown writer, the links, the dashes)."""
    pieces = [f"*word{i}* resolution 70/{i % 300 + 1}{' ' * 50}- and" for i in range(3000)]
    doc, _ = read_markdown(h.FRONT_MATTER + "*Recalling* " + " ".join(pieces) + " the Charter,"
                           "\n\n*Decides* to remain seized of the matter.\n", "pieces.md")
    (para,) = doc.preamble
    assert sum(isinstance(n, Emph) for n in para.content) == 3001
    done = transforms.apply(doc)
    links = [n.target for n in done.preamble[0].content if isinstance(n, Link)]
    assert links == [f"https://undocs.org/A/RES/70/{i % 300 + 1}" for i in range(3000)]
    assert plain_text(done.preamble[0].content).count(" – and") == 3000  # a spaced dash
    back, _ = read_markdown(to_markdown(doc), "back.md")
    assert plain_text(back.preamble[0].content) == plain_text(para.content)
    assert render_html(done, "screen").count('<a href="https://undocs.org/A/RES/70/') == 3000


def test_a_paragraph_of_many_lines_or_many_elements_reads_as_one_text():
    """Pieces of text were added one by one to the text before them (quadratic)."""
    doc, _ = read_markdown(h.FRONT_MATTER + "*Recalling* " + "word\n" * 20_000 + "the Charter,"
                           "\n\n*Decides* to remain seized of the matter.\n", "lines.md")
    emph, text = doc.preamble[0].content
    assert isinstance(emph, Emph) and text.text == " " + "word " * 20_000 + "the Charter,"
    spans = "".join(f"<span>w{i} </span>" for i in range(50_000))
    doc, _ = read_akn(h.akn(f"<paragraph><num>1.</num><content><p>{spans}</p></content>"
                            "</paragraph>"), "spans.xml")
    (text,) = doc.operative[0].content
    assert text.text == " ".join(f"w{i}" for i in range(50_000))


def test_a_source_over_the_size_limit_is_refused_at_once():
    text = h.FRONT_MATTER + "x" * limits.MAX_SOURCE_CHARS
    for read, source in ((read_markdown, text), (read_akn, "<akomaNtoso>" + text),
                         (read_text, text)):
        with pytest.raises(SourceError) as caught:
            read(source, "huge")
        assert caught.value.diagnostic.message.startswith(
            f"too big to read: {len(source):,} characters, where unrender reads at most "
            f"{limits.MAX_SOURCE_CHARS:,}")


# --- footnotes ----------------------------------------------------------------------------------


def test_five_thousand_footnotes_number_in_order_and_print_in_html(tmp_path):
    doc, found = read_and_check(tmp_path / "notes.md", h.markdown_footnotes(5000))
    assert found == []
    assert [(n.label, n.number) for n in doc.footnotes] == [(str(i), i) for i in range(1, 5001)]
    assert plain_text(doc.footnotes[-1].content) == "A/80/5000, para. 5000."
    done = transforms.apply(doc)
    screen = render_html(done, "screen")
    numbers = [str(i) for i in range(1, 5001)]
    assert re.findall(r'href="#fn-(\d+)"', screen) == numbers  # the calls, in order
    assert re.findall(r'<li id="fn-(\d+)" role="doc-endnote"', screen) == numbers  # the notes
    printed = render_html(done, "print")
    assert re.findall(r'class="fn" data-n="(\d+)"', printed) == numbers


def test_two_thousand_footnotes_in_extracted_text():
    doc, warnings, _ = read_text(h.text_footnotes(2000), "notes.txt")
    assert [n.number for n in doc.footnotes] == list(range(1, 2001))
    assert [plain_text(n.content) for n in doc.footnotes[:2]] == ["A/80/1, para. 1.",
                                                                  "A/80/2, para. 2."]
    assert warnings == []


def test_lost_calls_are_placed_and_said():
    """More notes than the reader looks back for a lost call: each still finds its paragraph."""
    doc, warnings, _ = read_text(h.text_footnotes(300, lost_calls=True), "lost.txt")
    assert [n.number for n in doc.footnotes] == list(range(1, 301))
    assert len([w for w in warnings if "was not found: placed at the end" in w.message]) == 300
    # each note's call ends the paragraph before the note: the last of its page
    assert all(plain_text(op.content).endswith("Assembly;") for op in doc.operative[:-1])


# --- what PDF is asked to print -----------------------------------------------------------------


def test_too_many_footnotes_for_pdf_is_said_before_any_work(tmp_path):
    source = tmp_path / "notes.md"
    source.write_text(h.markdown_footnotes(limits.MAX_PDF_FOOTNOTES + 1), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        build(source, ("html", "pdf"), tmp_path / "out")
    message = caught.value.diagnostic.message
    assert message.startswith(f"too many footnotes for a PDF: {limits.MAX_PDF_FOOTNOTES + 1:,}, "
                              f"where unrender prints at most {limits.MAX_PDF_FOOTNOTES:,}")
    assert "-t html,json,akn" in message
    assert not (tmp_path / "out").exists()  # not even the HTML was written
    assert build(source, ("html",), tmp_path / "out").outputs == [tmp_path / "out" / "notes.html"]


def test_too_long_for_pdf_is_said_before_any_work(tmp_path):
    source = tmp_path / "long.md"
    source.write_text(h.markdown_long_line(limits.MAX_PDF_CHARS + 1), encoding="utf-8")
    result = unrender("build", "long.md", "-o", "out", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    found = ERROR_LINE.search(result.stderr) or re.search(r"^long\.md: error: (?P<message>.+)$",
                                                          result.stderr, re.M)
    assert found, result.stderr
    assert found["message"].startswith("too long for a PDF: 1,200,0")
    assert f"at most {limits.MAX_PDF_CHARS:,} (about 350 pages" in found["message"]
    assert not (tmp_path / "out").exists()


def test_a_word_longer_than_the_column_breaks_inside_the_page(tmp_path):
    import pdfplumber

    src = tmp_path / "word.md"
    src.write_text(h.FRONT_MATTER + "1. *Decides* to see https://undocs.org/" + "x" * 400
                   + ".\n", encoding="utf-8")
    build(src, ("pdf",))
    with pdfplumber.open(tmp_path / "word.pdf") as pdf:
        page = pdf.pages[0]
        xs = [c["x1"] for c in page.chars if c["text"] == "x"]
        assert len(xs) == 400 and max(xs) < page.width - 72  # inside the right margin
