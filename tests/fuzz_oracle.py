"""What must hold for every input, however broken: the properties of the fuzz suite.

:func:`examine` takes the bytes of a source file and runs them through everything a user can
run them through: the readers (as ``unrender build`` and ``check`` read a file), ``check``,
``check --fix``, every writer. It returns what it saw and every property that failed, as
:class:`Failure` records named by kind (``read-traceback``, ``line-out-of-range`` …), so a long
run can count them. It never raises for a failure of unrender; it is for tests/test_fuzz.py and
scripts/fuzz.py alike.
"""

from __future__ import annotations

import json
import re
import signal
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fuzz_schemas import akn_schema, json_schema

from unrender import transforms
from unrender.diagnostics import Diagnostic, SourceError, SourceErrors
from unrender.lint.runner import check_file
from unrender.readers import decode_text, detect_format, read_string
from unrender.readers.markdown import read_markdown

SUFFIXES = {"markdown": ".md", "text": ".txt", "akn": ".xml"}
TIME_LIMIT = 20.0  # seconds for one input, everything included: more is a hang


@dataclass
class Failure:
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}"


@dataclass(frozen=True)
class Known:
    """A failure fuzzing finds in code this suite's authors do not own, or a known limit of the
    format: counted apart, not failed on. Each is pinned by an xfail test named in ``why``
    (strict for the bugs: it fails as soon as the bug is fixed, so that this entry goes)."""

    kind: str
    detail: str  # a regular expression searched for in the failure's detail
    why: str

    def matches(self, failure: Failure) -> bool:
        return failure.kind == self.kind and re.search(self.detail, failure.detail) is not None


KNOWN = (
    Known("markdown-unreadable", r"error: paragraph \S+ is empty",
          "the authoring format has no empty numbered paragraph (an AKN file can have one): "
          "tests/test_writer_markdown.py::test_known_limits_empty_numbered_paragraph"),
    Known("hang", r"markdown_it/(helpers/parse_link_label|parser_inline)\.py",
          "markdown-it-py (a dependency) is slow on dense link syntax: a 400 KB source of "
          "100,000 footnote calls takes 4 s a read (about 10 µs a call, near linear; the size "
          "limit bounds it), and the oracle reads it five times (read, check, --fix and its "
          "re-read, the Markdown written) on a loaded machine"),
)


@dataclass
class Outcome:
    reader: str = "undecodable"  # the reader the input went to (the forced one, or detected)
    read: bool = False  # a document came out
    refused: str = ""  # the error the reader gave, when it refused the input
    failures: list[Failure] = field(default_factory=list)
    known: list[Failure] = field(default_factory=list)  # failures that match KNOWN

    def fail(self, kind: str, detail: str) -> None:
        failure = Failure(kind, detail)
        known = any(k.matches(failure) for k in KNOWN)
        (self.known if known else self.failures).append(failure)


class Hang(BaseException):
    """Raised by the alarm in :func:`time_limit` (not an Exception: no handler of unrender's
    may take it for an error of its own)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`Hang` after ``seconds`` (main thread only; C code such as a regular
    expression is interrupted only when it returns: scripts/fuzz.py also runs each input in
    a worker it can kill)."""

    def alarm(signum, frame):
        raise Hang(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- the notion of word of --fix ----------------------------------------------------------------


def source_words(text: str) -> list[str]:
    """The words of a Markdown source, as ``--fix`` must leave them: quotes, dashes, italics and
    the punctuation that ends a paragraph (``,;.:`` before a space, the end or a note call) are
    what the safe fixes change, so they are not part of a word."""
    for a, b in (("“", '"'), ("”", '"'), ("’", "'"), ("‘", "'"), ("–", "-"), ("*", "")):
        text = text.replace(a, b)
    return re.findall(r"[\w'\"/.-]+", re.sub(r"[,;.:](?=\s|$|\[)", "", text))


# --- the properties -----------------------------------------------------------------------------

NAME = "fuzz"


def line_count(text: str) -> int:
    """Lines as an editor numbers them: split at ``\\n`` only (a form feed or U+2028 is not a
    line end to an editor, whatever ``str.splitlines`` says); a final newline ends the last."""
    return max(1, text.count("\n") + (0 if text.endswith("\n") else 1))


def _check_lines(out: Outcome, where: str, found: list[tuple[int, str]], count: int) -> None:
    """Every ``(line, message)`` names line 0 (the whole file) or a line of the file."""
    bad = [(n, message) for n, message in found if not 0 <= n <= count]
    if bad:
        out.fail("line-out-of-range", f"{where} names line {bad[0][0]} of {count}: {bad[0][1]}")


def _diagnostics(exc: SourceError | SourceErrors) -> list[Diagnostic]:
    return [exc.diagnostic] if isinstance(exc, SourceError) else list(exc.diagnostics)


def _tail(exc: BaseException) -> str:
    """The exception and the last frames of its traceback, for a report."""
    frames = traceback.format_exception(type(exc), exc, exc.__traceback__)
    return "".join(frames[-3:]).strip()[-1500:]


def examine(data: bytes, fmt: str | None, work: Path, *, pdf: bool = False,
            limit: float = TIME_LIMIT) -> Outcome:
    """Every property, for the source ``data`` read as ``fmt`` (detected when None); ``work``
    is an empty folder for the file ``check --fix`` rewrites."""
    out = Outcome()
    started = time.perf_counter()
    try:
        with time_limit(limit):
            _examine(data, fmt, work, out, pdf)
    except Hang as exc:
        out.fail("hang", _tail(exc))  # with where it was when the alarm rang
    elapsed = time.perf_counter() - started
    if elapsed > limit and not any(f.kind == "hang" for f in [*out.failures, *out.known]):
        out.fail("hang", f"took {elapsed:.1f} s")
    return out


def _examine(data: bytes, fmt: str | None, work: Path, out: Outcome, pdf: bool) -> None:
    try:
        text = decode_text(data, NAME)
    except SourceError as exc:
        out.refused = exc.diagnostic.message
        _check_lines(out, "decoding", [(exc.diagnostic.line, exc.diagnostic.message)],
                     line_count(data.decode("latin-1")))
        return
    out.reader = fmt or detect_format(text)
    count = line_count(text)
    doc = _read(text, fmt, out, count)
    _check(data, text, fmt, work, out, count)
    if doc is not None:
        _write(doc, out, work, pdf)


def _read(text: str, fmt: str | None, out: Outcome, count: int):
    try:
        doc, warnings, _source = read_string(text, NAME, fmt)
    except (SourceError, SourceErrors) as exc:
        out.refused = str(exc)
        _check_lines(out, "reader error", [(d.line, d.message) for d in _diagnostics(exc)],
                     count)
        return None
    except Exception as exc:
        out.fail("read-traceback", _tail(exc))
        return None
    out.read = True
    _check_lines(out, "reader warning", [(w.line, w.message) for w in warnings], count)
    return doc


def _check(data: bytes, text: str, fmt: str | None, work: Path, out: Outcome,
           count: int) -> None:
    """``unrender check``, then ``check --fix`` on a copy of the file."""
    path = work / f"{NAME}{SUFFIXES.get(out.reader, '.md')}"
    path.write_bytes(data)
    try:
        result = check_file(path, reader=fmt)
        # --fix rewrites Markdown only; for the other readers it is the check above again
        fixed = check_file(path, fix=True, reader=fmt) if out.reader == "markdown" else result
    except Exception as exc:
        out.fail("check-traceback", _tail(exc))
        return
    for v in result.violations:
        if "internal error in rule" in v.message:
            out.fail("internal-rule-error", str(v))
        elif "internal error while reading" in v.message:  # check caught a reader's crash
            out.fail("check-traceback", str(v))
    _check_lines(out, "check", [(v.line, str(v)) for v in result.violations], count)
    after = path.read_bytes()
    if after == data:
        return
    new = after.decode("utf-8")
    if source_words(new) != source_words(text):
        out.fail("fix-changed-words", _word_change(text, new))
    _check_lines(out, "check --fix", [(v.line, str(v)) for v in fixed.violations],
                 line_count(new))
    if out.read:
        try:
            read_string(new, NAME, fmt)
        except (SourceError, SourceErrors) as exc:
            out.fail("fix-unreadable", str(exc))


def _word_change(before: str, after: str) -> str:
    import difflib

    diff = difflib.ndiff(source_words(before), source_words(after))
    return " ".join(d for d in diff if d[:1] in "+-")[:500]


def _write(doc, out: Outcome, work: Path, pdf: bool) -> None:
    from unrender.writers.html import render_html
    from unrender.writers.markdown import to_markdown

    try:
        final = transforms.apply(doc)
    except Exception as exc:
        out.fail("transform-traceback", _tail(exc))
        return
    steps = {
        "html": lambda: render_html(final, "screen").encode("utf-8"),
        "html-print": lambda: render_html(final, "print").encode("utf-8"),
        "json": lambda: _json(final, out),
        "akn": lambda: _akn(final, out),
        "markdown": lambda: _markdown(to_markdown(doc), out),  # as `unrender import` writes
    }
    if pdf:
        steps["pdf"] = lambda: _pdf(final, work)
    for name, step in steps.items():
        try:
            step()
        except Exception as exc:
            out.fail(f"writer-traceback:{name}", _tail(exc))


def _json(doc, out: Outcome) -> None:
    from unrender.writers.json import from_dict, to_json

    text = to_json(doc)
    text.encode("utf-8")
    data = json.loads(text)
    error = json_schema().error(data)
    if error:
        out.fail("json-invalid", error[:500])
    elif from_dict(data) != _without_source(doc):
        out.fail("json-round-trip", "from_dict(to_json(doc)) is not doc")


def _without_source(doc):
    import dataclasses

    return dataclasses.replace(doc, source=None)


def _akn(doc, out: Outcome) -> None:
    from lxml import etree

    from unrender.writers.akn import to_akn

    xml = to_akn(doc).encode("utf-8")
    try:
        root = etree.fromstring(xml)
    except etree.XMLSyntaxError as exc:
        out.fail("akn-not-well-formed", str(exc))
        return
    schema = akn_schema()
    if not schema.validate(root):
        out.fail("akn-invalid", str(schema.error_log.last_error)[:500])


def _markdown(text: str, out: Outcome) -> None:
    try:
        read_markdown(text, NAME)
    except SourceError as exc:
        out.fail("markdown-unreadable", f"{exc} in:\n{text[:800]}")


def _pdf(doc, work: Path) -> None:
    from unrender.writers.html import render_html
    from unrender.writers.pdf import render_pdf

    render_pdf(render_html(doc, "print"), work, doc.meta.paper)
