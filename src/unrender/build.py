"""The pipeline for one source file: read -> transform -> write each requested format."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from unrender import transforms
from unrender.diagnostics import Diagnostic, SourceError, SourceErrors
from unrender.fileio import write_atomic
from unrender.limits import check_printable
from unrender.readers import detect_format, load_text, read_string

FORMATS = ("pdf", "html", "json", "akn")
# an AKN output must not be mistaken for (or written over) an AKN source named FILE.xml
_SUFFIXES = {"akn": "akn.xml"}
DEFAULT_FORMATS = ("pdf", "html")


@dataclass
class BuildResult:
    source: Path
    outputs: list[Path] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    pages: int | None = None
    machine_notes: list[str] = field(default_factory=list)  # about this machine, not the source


def output_path(source: Path, fmt: str, out_dir: Path | None) -> Path:
    return (out_dir or source.parent) / f"{source.stem}.{_SUFFIXES.get(fmt, fmt)}"


def build(
    source: Path,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    out_dir: Path | None = None,
    reader: str | None = None,
    strict: bool = False,
) -> BuildResult:
    """Build ``source`` into each of ``formats``, checking it against the editorial rules on the
    way (their findings are warnings; with ``strict`` they are errors and nothing is written).
    Raises :class:`SourceError` / :class:`SourceErrors` on bad input."""
    if "pdf" in formats:
        _check_source_date_epoch(source)
    text = load_text(source)
    fmt = reader or detect_format(text, str(source))
    doc, findings, _ = read_string(text, str(source), fmt)
    if "pdf" in formats:  # before any work: WeasyPrint's time and memory grow with the pages
        check_printable(doc, str(source))
    # the reader's findings are reported by the checks, with their codes: said once, and
    # turned off by --ignore or a comment as check's are
    result = BuildResult(source, warnings=_editorial_findings(
        source, doc, text if fmt == "markdown" else None, strict, findings))
    doc = transforms.apply(doc)
    targets = {fmt: output_path(source, fmt, out_dir) for fmt in formats}
    for fmt, target in targets.items():
        if target.resolve() == source.resolve():
            raise SourceError(str(source), 0, f"refusing to write the {fmt} output over the source")
    for fmt, target in targets.items():
        data = _render(fmt, doc, source, result)
        write_atomic(target, data)
        result.outputs.append(target)
    return result


def _check_source_date_epoch(source: Path) -> None:
    """A malformed SOURCE_DATE_EPOCH stops the build before anything is written."""
    from unrender.writers.pdf import source_date_epoch

    try:
        source_date_epoch()
    except ValueError as exc:
        raise SourceError(str(source), 0, str(exc)) from None


def _editorial_findings(source: Path, doc, text: str | None, strict: bool,
                        findings: list[Diagnostic]) -> list[Diagnostic]:
    from unrender.lint.runner import lint_document

    found, _, _ = lint_document(source, doc, text, findings=findings)
    severity = "error" if strict else "warning"
    diagnostics = [Diagnostic(str(source), v.line, v.message, severity, v.code) for v in found]
    if strict and diagnostics:
        raise SourceErrors(diagnostics)
    return diagnostics


def _render(fmt: str, doc, source: Path, result: BuildResult) -> bytes:
    if fmt == "json":
        from unrender.writers.json import to_json

        return to_json(doc).encode("utf-8")
    if fmt == "akn":
        from unrender.writers.akn import to_akn

        return to_akn(doc).encode("utf-8")
    from unrender.writers.html import render_html

    if fmt == "html":
        return render_html(doc, "screen").encode("utf-8")
    from unrender.writers.pdf import render_pdf

    pdf = render_pdf(render_html(doc, "print"), source.parent, doc.meta.paper)
    result.pages = pdf.pages
    result.machine_notes = pdf.machine_notes
    result.warnings += [Diagnostic(str(source), 0, f"PDF: {w}") for w in _summarise(pdf.warnings)]
    return pdf.data


_NO_GLYPH = re.compile(r'\.notdef glyph rendered for Unicode string unsupported by fonts: "(.+)"')


def _summarise(warnings: list[str]) -> list[str]:
    """One line for all the characters the fonts lack (WeasyPrint says it once per character)."""
    missing = [m.group(1) for w in warnings if (m := _NO_GLYPH.search(w))]
    out = [w for w in warnings if not _NO_GLYPH.search(w)]
    if missing:
        sample = " ".join(dict.fromkeys(missing))
        sample = sample if len(sample) <= 40 else sample[:40] + " …"
        out.append(f"{len(set(missing))} characters have no glyph in any font of this machine "
                   f"and print blank or as boxes ({sample}); `unrender doctor` lists the fonts "
                   "(Chinese needs fonts-noto-cjk)")
    return out
