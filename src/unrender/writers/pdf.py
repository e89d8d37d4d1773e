"""Print HTML -> PDF through WeasyPrint, offline and confined.

Resources may come only from ``data:`` URLs, the package's own styles, and files inside the
document's folder: no network, no ``file:///etc/passwd`` (engine-notes: untrusted HTML can read
local files). One stylesheet and one FontConfiguration serve every document of a process.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
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


@dataclass
class PdfResult:
    data: bytes
    pages: int
    warnings: list[str]  # WeasyPrint's complaints about the document, as sentences
    machine_notes: list[str] = field(default_factory=list)  # ... and about this machine, once


def render_pdf(html: str, document_dir: Path, paper: str = "letter") -> PdfResult:
    """The PDF of print-mode ``html``; relative resources resolve inside ``document_dir``."""
    weasyprint = _weasyprint()
    stylesheets, fonts = _stylesheets(paper)
    fetcher = _confined_fetcher()(allowed=(document_dir.resolve(), resource_dir("styles")))
    with _captured_warnings() as messages:
        source = weasyprint.HTML(
            string=html, base_url=str(document_dir.resolve()) + "/", url_fetcher=fetcher
        )
        document = source.render(stylesheets=stylesheets, font_config=fonts)
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
