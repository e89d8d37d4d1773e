"""Readers: source files of each kind -> :class:`unrender.ast.Document`.

``markdown`` is the authoring format (YAML front matter + Markdown); ``text`` is text extracted
from a UN PDF, which the text reader turns into authoring source first; ``akn`` is the UN's own
Akoma Ntoso (AKN4UN) XML.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from unrender.diagnostics import UNRECOGNISED, Diagnostic, SourceError
from unrender.limits import MAX_SOURCE_BYTES, too_big
from unrender.readers.detect import detect_format

if TYPE_CHECKING:
    from unrender.ast import Document

# Each reader is imported only when a file needs it (``unrender check`` must start fast).
FORMATS = ("markdown", "text", "akn")
__all__ = ["FORMATS", "decode_text", "detect_format", "load_text", "read_file", "read_source",
           "read_stdin", "read_string"]


def read_file(path: Path, fmt: str | None = None) -> tuple[Document, list[Diagnostic]]:
    """Read ``path`` in format ``fmt`` (detected when None). Raises :class:`SourceError`."""
    doc, warnings, _ = read_source(path, fmt)
    return doc, warnings


def read_source(path: Path, fmt: str | None = None) -> tuple[Document, list[Diagnostic], str]:
    """Like :func:`read_file`, and also the authoring source the document was read from."""
    return read_string(load_text(path), str(path), fmt)


def read_string(text: str, name: str, fmt: str | None = None,
                ) -> tuple[Document, list[Diagnostic], str]:
    """Read source ``text`` (``name`` is for messages): the document, warnings, and the
    authoring source it was read from."""
    fmt = fmt or detect_format(text, name)
    if fmt not in FORMATS:
        raise SourceError(name, 0, f"unknown source format {fmt!r} (one of: "
                          f"{', '.join(FORMATS)})")
    text, removed = remove_controls(text, name, keep_page_breaks=fmt == "text")
    if fmt == "text":
        from unrender.readers.text import read_text

        doc, warnings, source = read_text(text, name)
    elif fmt == "akn":
        from unrender.readers.akn import read_akn

        doc, warnings = read_akn(text, name)
        source = text
    else:
        from unrender.readers.markdown import read_markdown

        doc, warnings = read_markdown(text, name)  # says the line where the text is missing
        source = text
    if not doc.body and not doc.annexes:
        raise SourceError(name, 0, "the document has no paragraphs: no preamble, no operative "
                          "part and no annex")
    return doc, removed + warnings, source


# Characters no document prints and XML 1.0 forbids: the C0 controls but tab and newline, DEL,
# the C1 controls, and the non-characters U+FFFE and U+FFFF; and the line and paragraph
# separators U+2028 and U+2029, which YAML 1.1 takes for line ends. Word's vertical tab (a manual
# line break), a form feed and the separators become a space; pdftotext's form feed, between
# pages, is kept for the text reader, which reads it as a page break.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_AS_SPACE = {"\x0b", "\x0c", "\u2028", "\u2029"}


def remove_controls(text: str, name: str, keep_page_breaks: bool = False,
                    ) -> tuple[str, list[Diagnostic]]:
    """``text`` without the characters above, and a warning for each line that had some."""
    if not _CONTROLS.search(text):
        return text, []

    def replace(m: re.Match) -> str:
        char = m.group()
        if keep_page_breaks and char == "\x0c":
            return char
        return " " if char in _AS_SPACE else ""

    lines = text.split("\n")
    warnings = []
    for number, line in enumerate(lines, 1):
        found = [c for c in dict.fromkeys(_CONTROLS.findall(line))
                 if not (keep_page_breaks and c == "\x0c")]
        if found:
            codes = ", ".join(f"U+{ord(c):04X}" for c in found)
            what = f"control characters {codes} removed: they" if len(found) > 1 else (
                f"control character {codes} removed: it")
            warnings.append(Diagnostic(name, number, f"{what} cannot be printed",
                                       code=UNRECOGNISED))
            lines[number - 1] = _CONTROLS.sub(replace, line)
    return "\n".join(lines), warnings


def load_text(path: Path) -> str:
    """The file's text; a clear error for a missing, unreadable, binary or non-UTF-8 file."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:  # refused before it is read: it could fill the memory
            raise SourceError(name, 0, too_big(f"{size:,} bytes"))
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(name, 0, "no such file") from None
    except IsADirectoryError:
        raise SourceError(name, 0, "is a folder, not a file") from None
    except OSError as exc:
        raise SourceError(name, 0, f"cannot read: {exc.strerror}") from None
    return decode_text(data, name)


def read_stdin(name: str) -> str:
    """Standard input as source text (an editor's buffer), read no further than a source may
    be long."""
    import sys

    data = sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError(name, 0, too_big(f"more than {MAX_SOURCE_BYTES:,} bytes"))
    return decode_text(data, name)


def decode_text(data: bytes, name: str) -> str:
    """Source bytes as text with \\n line ends; a clear error for binary, non-UTF-8 or empty."""
    if data.lstrip()[:5] == b"%PDF-":
        text_name = name[:-4] + ".txt" if name.lower().endswith(".pdf") else f"{name}.txt"
        raise SourceError(name, 0, f"is a PDF: unrender reads its text, so extract that first "
                          f"(pdftotext {name} {text_name}, from poppler-utils) and build "
                          f"{text_name}")
    if b"\x00" in data[:8192]:
        raise SourceError(name, 0, "is a binary file, not text: give a Markdown source, text "
                          "extracted from a UN PDF, or AKN4UN XML")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(name, line, "is not UTF-8 text (save it as UTF-8)") from None
    if not text.strip():
        raise SourceError(name, 0, "is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")
