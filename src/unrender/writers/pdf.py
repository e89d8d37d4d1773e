"""Print HTML -> PDF through WeasyPrint, offline and confined.

Resources may come only from ``data:`` URLs, the package's own styles, and files inside the
document's folder: no network, no ``file:///etc/passwd`` (engine-notes: untrusted HTML can read
local files). One stylesheet and one FontConfiguration serve every document of a process.

The same HTML gives the same PDF bytes on any machine, at any time: WeasyPrint writes no file
identifier and takes dates only from the document's metadata, which carries none unless
``SOURCE_DATE_EPOCH`` (reproducible-builds.org) names the instant to give as the PDF's creation
and modification date. The embedded font subsets carry a date too; see :func:`_font_dates`.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from unrender.resources import resource_dir

# WeasyPrint's complaints about this machine rather than the document: it says them for every
# font of every build. They are not the user's to fix in the source; `unrender doctor` and
# `build -v` say them once.
_MACHINE_NOTES = {
    "Using fontTools instead of HarfBuzz-Subset":
        "libharfbuzz-subset0 is not installed: fonts are subset with fontTools, which is slower "
        "(sudo apt-get install libharfbuzz-subset0)",
}

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
_LAST_SECOND = 253402300799  # 9999-12-31T23:59:59Z: a PDF date has four digits for the year


@dataclass
class PdfResult:
    data: bytes
    pages: int
    warnings: list[str]  # WeasyPrint's complaints about the document, as sentences
    machine_notes: list[str] = field(default_factory=list)  # ... and about this machine, once


def render_pdf(html: str, document_dir: Path, paper: str = "letter") -> PdfResult:
    """The PDF of print-mode ``html``; relative resources resolve inside ``document_dir``.
    Raises ValueError if ``SOURCE_DATE_EPOCH`` is set but malformed."""
    weasyprint = _weasyprint()
    epoch = source_date_epoch()
    stylesheets, fonts = _stylesheets(paper)
    fetcher = _confined_fetcher()(allowed=(document_dir.resolve(), resource_dir("styles")))
    with _captured_warnings() as messages:
        source = weasyprint.HTML(
            string=html, base_url=str(document_dir.resolve()) + "/", url_fetcher=fetcher
        )
        document = source.render(stylesheets=stylesheets, font_config=fonts)
        if epoch is not None:
            instant = datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            document.metadata.created = document.metadata.modified = instant
        with _font_dates(epoch):
            data = document.write_pdf()
    warnings, notes = _sort_messages(messages)
    return PdfResult(data, len(document.pages), warnings, notes)


def _sort_messages(messages: list[str]) -> tuple[list[str], list[str]]:
    """(warnings about the document, notes about the machine — each said once)."""
    warnings, notes = [], []
    for message in messages:
        note = next((n for start, n in _MACHINE_NOTES.items() if message.startswith(start)), None)
        if note is None:
            warnings.append(message)
        elif note not in notes:
            notes.append(note)
    return warnings, notes


@cache
def _weasyprint():
    """WeasyPrint, imported on first use: it costs half a second, and `check` never needs it.
    Its import warns (DeprecationWarning) when HarfBuzz-Subset is missing: a machine note,
    which render_pdf passes on once instead."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="HarfBuzz-Subset will be required",
                                category=DeprecationWarning)
        import weasyprint
    return weasyprint


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH``: whole seconds since 1970-01-01 UTC, as ``date +%s`` prints them, or
    None when it is not set. Raises ValueError, in words for the user, when it is malformed (the
    specification asks a build to stop rather than guess)."""
    value = os.environ.get(SOURCE_DATE_EPOCH)
    if value is None:
        return None
    if not re.fullmatch(r"[0-9]+", value) or int(value) > _LAST_SECOND:
        raise ValueError(f"{SOURCE_DATE_EPOCH}={value!r} is not a number of seconds since "
                         f"1970-01-01 UTC between 0 and {_LAST_SECOND} (as `date +%s` prints)")
    return int(value)


@contextmanager
def _font_dates(epoch: int | None) -> Iterator[None]:
    """Keep the wall clock out of the embedded fonts.

    Without HarfBuzz-Subset, WeasyPrint subsets fonts with fontTools, which stamps each subset
    font's ``head.modified`` with the time now, unless ``SOURCE_DATE_EPOCH`` is set (fontTools
    honours it). So it is set while the PDF is written: to the user's instant, or else to the date
    of the newest bundled font. HarfBuzz keeps each font's own date, with or without it. (The
    variable is the process's: unrender writes one PDF at a time.)
    """
    previous = os.environ.get(SOURCE_DATE_EPOCH)
    os.environ[SOURCE_DATE_EPOCH] = str(epoch if epoch is not None else _bundled_fonts_epoch())
    try:
        yield
    finally:
        if previous is None:
            del os.environ[SOURCE_DATE_EPOCH]
        else:
            os.environ[SOURCE_DATE_EPOCH] = previous


@cache
def _bundled_fonts_epoch() -> int:
    """The newest ``head.modified`` of the bundled fonts, in seconds since 1970."""
    from fontTools.misc.timeTools import epoch_diff
    from fontTools.ttLib import TTFont

    def modified(path: Path) -> int:
        with TTFont(path, lazy=True) as font:
            return font["head"].modified

    return max(map(modified, (resource_dir("styles") / "fonts").glob("*.ttf"))) + epoch_diff


@cache
def _stylesheets(paper: str):
    weasyprint = _weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    fonts = _font_configuration(FontConfiguration)
    styles = resource_dir("styles")
    names = ["print.css"] + (["paper-a4.css"] if paper == "a4" else [])
    fetcher = _confined_fetcher()(allowed=(styles,))
    sheets = [
        weasyprint.CSS(filename=str(styles / name), font_config=fonts, url_fetcher=fetcher)
        for name in names
    ]
    return sheets, fonts


@cache
def _font_configuration(factory):
    return factory()


@cache
def _confined_fetcher():
    _weasyprint()
    from weasyprint.urls import URLFetcher

    class ConfinedFetcher(URLFetcher):
        """Fetches ``data:`` URLs and files under the allowed folders; refuses everything else."""

        def __init__(self, allowed: tuple[Path, ...]) -> None:
            super().__init__(allowed_protocols=("data", "file"), timeout=5)
            self.allowed = tuple(p.resolve() for p in allowed)

        def fetch(self, url, headers=None):
            if url.startswith("file:"):
                path = Path(unquote(urlparse(url).path)).resolve()
                if not any(path.is_relative_to(root) for root in self.allowed):
                    raise ValueError(f"refused to read {path}: outside the document's folder")
            elif not url.startswith("data:"):
                raise ValueError(f"refused to fetch {url}: unrender never uses the network")
            return super().fetch(url, headers)

    return ConfinedFetcher


class _ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _captured_warnings() -> Iterator[list[str]]:
    """WeasyPrint reports problems on its logger and carries on: collect them for the user."""
    logger = logging.getLogger("weasyprint")
    handler = _ListHandler()
    logger.addHandler(handler)
    previous = logger.propagate
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = previous
