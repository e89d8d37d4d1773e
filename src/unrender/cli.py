"""The command line: a thin layer over :mod:`unrender.build`. Messages go to stderr as
``file:line: severity: message``; bad input exits 1, and no traceback ever reaches the user."""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperArgument, TyperCommand

from unrender.diagnostics import Diagnostic, SourceError

app = typer.Typer(
    name="unrender",
    help="Turn the source of a United Nations resolution into a UN-style PDF and HTML page.\n\n"
    "Example: unrender build draft.md",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class _Argument(TyperArgument):
    """A positional argument shown as its metavar ("FILE..."), as man pages write it, rather
    than Typer's "{FILE}... <list[Path]>"."""

    def display_type_rich(self, ctx) -> None:
        return None

    def _usage_display_name(self) -> str:
        name = f"{self.metavar or self.name.upper()}{'...' if self.nargs != 1 else ''}"
        return name if self.required else f"[{name}]"

    def _rich_display_name(self) -> str:
        return self.metavar or self.name.upper()


class _Command(TyperCommand):
    """Every command's positional arguments are shown as :class:`_Argument` shows them (Typer
    builds its own argument objects and has no setting for this)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _Argument


def _version(value: bool) -> None:
    if value:
        from unrender import __version__

        typer.echo(f"unrender {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Turn the source of a United Nations resolution into a UN-style PDF and HTML page."""


def _examples(*lines: str) -> str:
    """An epilog of example commands, one per line, kept as written (the \\b tells click not to
    rewrap the paragraph, which would cut a comment mid-sentence)."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


FORMAT_HELP = ("Output format: pdf, html, json, akn (AKN4UN XML, written as FILE.akn.xml); "
               "repeat or comma-separate; default: pdf,html.")


@app.command(cls=_Command, epilog=_examples(
    "unrender build draft.md                 # draft.pdf and draft.html beside it",
    "unrender build *.md -o out/ -t pdf      # PDFs only, into out/",
    "unrender build res.md --format json     # the document tree as JSON",
    "unrender build extracted.txt            # text copied out of a UN PDF",
    "unrender build A_HRC_RES_54_2E.xml      # the UN's own AKN4UN XML",
))
def build(
    files: Annotated[list[Path], typer.Argument(
        help="Sources: .md (YAML front matter + Markdown), .txt extracted from a UN PDF, or "
        "AKN4UN .xml.", metavar="FILE", show_default=False)],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="DIR", help="Folder for the outputs (default: beside each "
        "source).")] = None,
    formats: Annotated[list[str] | None, typer.Option("--format", "-t", metavar="FORMAT",
                                                      help=FORMAT_HELP)] = None,
    reader: Annotated[str | None, typer.Option(
        "--from", metavar="READER", help="Source format (default: detected): markdown, text "
        "(extracted from a UN PDF) or akn (AKN4UN XML).")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat the editorial checks "
                                         "(unrender check) as errors: write nothing if any "
                                         "fails.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Print timings, notes about "
                                          "this machine (unrender doctor) and, on an internal "
                                          "error, the traceback.")] = False,
) -> None:
    """Build PDF and HTML (or JSON) from resolution sources.

    Each FILE gives FILE.pdf and FILE.html beside it, or in --output. Outputs are replaced
    atomically and never over a source. Errors are printed as file:line: message; the exit code
    is 1 if any file failed.
    """
    from unrender.build import FORMATS
    from unrender.build import build as build_one

    chosen = _parse_formats(formats, FORMATS)
    failed = 0
    notes: dict[str, None] = {}  # said once for the whole run, not once per file and font
    for path in files:
        started = time.perf_counter()
        try:
            result = build_one(path, chosen, output, reader, strict)
        except SourceError as exc:  # one error, or several (SourceErrors)
            for diagnostic in exc.diagnostics:
                _report(diagnostic)
            failed += 1
            continue
        except Exception as exc:  # a bug of ours: say so plainly, keep going with other files
            failed += 1
            err.print(escape(f"{path}: internal error: {type(exc).__name__}: {exc} "
                             "(please report this)"))
            if verbose:
                err.print(escape(traceback.format_exc()))
            continue
        if not quiet:
            for warning in result.warnings:
                _report(warning)
            written = ", ".join(str(p) for p in result.outputs)
            pages = ""
            if result.pages:
                pages = f", {result.pages} page{'' if result.pages == 1 else 's'}"
            took = f" in {time.perf_counter() - started:.2f} s" if verbose else ""
            err.print(f"[green]built[/green] {escape(written)}{pages}{took}")
        notes.update(dict.fromkeys(result.machine_notes))
    if verbose:
        for note in notes:
            err.print(f"note: {escape(note)}")
    if failed:
        raise typer.Exit(1)


@app.command("import", cls=_Command, epilog=_examples(
    "unrender import A_HRC_RES_47_9.txt          # writes A_HRC_RES_47_9.md beside it",
    "unrender import extracted.txt -o draft.md   # choose the name",
))
def import_(
    file: Annotated[Path, typer.Argument(help="Text extracted from a UN PDF.", metavar="FILE",
                                         show_default=False)],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Where to write the authoring source (default: "
        "FILE with .md).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUTPUT if it exists.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
) -> None:
    """Turn text extracted from a UN PDF into clean authoring source (front matter + body).

    Prints what it recognised and what it could not find; building the written source gives
    the same document as building FILE itself.
    """
    from unrender.fileio import write_atomic
    from unrender.readers import read_source
    from unrender.writers.markdown import to_markdown

    target = output or file.with_suffix(".md")
    try:
        if target.resolve() == file.resolve():
            raise SourceError(str(file), 0, "the output would replace the input; pass -o")
        if target.exists() and not force:
            raise SourceError(str(target), 0, "already exists; pass --force to replace it")
        doc, warnings, _ = read_source(file, "text")
    except SourceError as exc:
        for diagnostic in exc.diagnostics:
            _report(diagnostic)
        raise typer.Exit(1) from None
    # written from the tree, so the source is tidy (dates as "12 July 2021", titles as blocks)
    write_atomic(target, to_markdown(doc).encode("utf-8"))
    if quiet:
        return
    for warning in warnings:
        _report(warning)
    for line in _summary(doc):
        err.print(escape(line))
    err.print(f"[green]wrote[/green] {escape(str(target))}")


@app.command(cls=_Command, epilog=_examples(
    "unrender check draft.md                    # path:line:col: severity: CODE message",
    "unrender check drafts/                     # every source under a folder",
    "unrender check *.md --ignore UN014,UN022   # codes or prefixes",
    "unrender check draft.md --fix              # apply the safe fixes in place",
    "unrender check draft.md --diff             # show them, change nothing",
    "unrender check *.md --format github        # annotations for GitHub Actions",
    "unrender check - --stdin-filename draft.md < draft.md   # an editor's buffer",
))
def check(
    files: Annotated[list[Path] | None, typer.Argument(
        help="Source files to check; a folder stands for the sources under it; - reads "
        "standard input.", metavar="FILE", show_default=False)] = None,
    select: Annotated[list[str] | None, typer.Option(
        "--select", metavar="CODES", help="Only these rule codes or prefixes (UN003, UN01); "
        "comma-separate or repeat.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", metavar="CODES", help="Skip these rule codes or prefixes; comma-separate or "
        "repeat.")] = None,
    output_format: Annotated[str, typer.Option(
        "--format", metavar="FORMAT", help="Output: text, full (with the source line), json or "
        "github.")] = "text",
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes to Markdown sources in "
                                      "place (punctuation, quotes, dashes, italics).")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Show what --fix would change, as a "
                                       "unified diff, and change nothing.")] = False,
    unsafe_fixes: Annotated[bool, typer.Option(
        "--unsafe-fixes", help="With --fix or --diff, also the fixes that change words (\"%\" → "
        "\"per cent\", -ise → -ize, \"UN\" → \"United Nations\").")] = False,
    reader: Annotated[str | None, typer.Option("--from", metavar="READER", help="Source format "
                                               "(default: detected): markdown, text or akn.")
                      ] = None,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="List the rules and exit.")
                          ] = False,
    stdin_filename: Annotated[str | None, typer.Option(
        "--stdin-filename", metavar="NAME", help="With FILE '-' (standard input, e.g. an "
        "editor's unsaved buffer): the name to report and to find pyproject.toml from.")] = None,
) -> None:
    """Check sources against the UN editorial rules (docs/rules.md), like a linter.

    Prints path:line:col: severity: CODE message, one per line, and a summary; the exit code
    is 1 if any error was found. Configure in pyproject.toml under [tool.unrender.lint]
    (select, ignore); turn rules off for one file in its front matter (lint: {ignore:
    [UN014]}) or for one paragraph with a comment in it or just above it:
    <!-- unrender: ignore UN012 -->.
    """
    from unrender.lint import runner

    if list_rules:
        typer.echo(runner.list_rules())
        return
    if not files:
        raise typer.BadParameter("give at least one FILE", param_hint="FILE")
    if output_format not in runner.OUTPUT_FORMATS:
        raise typer.BadParameter(f"unknown format {output_format!r} (choose from "
                                 f"{', '.join(runner.OUTPUT_FORMATS)})", param_hint="--format")
    problem = runner.option_problem(files, fix, diff, select or [], ignore or [])
    if problem:
        raise typer.BadParameter(problem)
    status = runner.run(files, select or [], ignore or [], output_format, fix, reader,
                        stdin_name=stdin_filename, unsafe_fixes=unsafe_fixes, diff=diff)
    if status:
        raise typer.Exit(status)


@app.command()
def doctor() -> None:
    """Show what this machine has for unrender: versions, system libraries, fonts, tools.

    The exit code is 1 if something unrender needs is missing; an optional library (such as
    HarfBuzz-Subset, which makes PDFs faster) or tool is listed but does not fail.
    """
    from unrender.doctor import diagnose

    report = diagnose()
    typer.echo(report.render())
    if not report.healthy:
        raise typer.Exit(1)


def _summary(doc) -> list[str]:
    """What the import recognised, and what the text did not say."""
    m = doc.meta
    found = [f"{label}: {value}" for label, value in (
        ("body", m.body), ("kind", m.kind), ("symbol", m.symbol), ("session", m.session_name),
        ("number", m.number), ("title", m.title)) if value]
    counts = (f"{len(doc.preamble)} preambular and {len(doc.operative)} operative paragraphs, "
              f"{len(doc.footnotes)} footnotes")
    if doc.adoption and doc.adoption.vote:
        v = doc.adoption.vote
        counts += f", recorded vote {len(v.in_favour)}–{len(v.against)}–{len(v.abstaining)}"
    missing = [f"not in the text: {label} (add it to the front matter if you know it)"
               for label, value in (("symbol", m.symbol), ("date of issue", m.date))
               if not value]
    return [*found, counts, *missing]


def _parse_formats(values: list[str] | None, known: tuple[str, ...]) -> tuple[str, ...]:
    if not values:
        return ("pdf", "html")
    chosen: list[str] = []
    for value in values:
        for fmt in value.split(","):
            fmt = fmt.strip().lower()
            if fmt not in known:
                raise typer.BadParameter(f"unknown format {fmt!r} (choose from {', '.join(known)})",
                                         param_hint="--format")
            if fmt not in chosen:
                chosen.append(fmt)
    return tuple(chosen)


def _report(diagnostic: Diagnostic) -> None:
    colour = "red" if diagnostic.severity == "error" else "yellow"
    head, _, tail = str(diagnostic).partition(f": {diagnostic.severity}:")
    err.print(f"{escape(head)}: [{colour}]{diagnostic.severity}[/{colour}]:{escape(tail)}")


def main() -> None:
    try:
        app(prog_name="unrender")
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
