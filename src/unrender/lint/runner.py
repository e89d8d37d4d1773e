"""``unrender check``: read files, check them, print the violations, fix what is safe.

Kept apart from :mod:`unrender.cli` so the command stays a thin layer and so checking never
imports a writer (WeasyPrint takes a second to import).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from unrender.diagnostics import Diagnostic, SourceError
from unrender.lint.core import Violation, all_rules, check
from unrender.lint.fix import apply_edits, fixable_edits, is_unsafe

OUTPUT_FORMATS = ("text", "full", "json", "github")
READ_ERROR = "UN000"  # the file could not be read at all
MAX_FIX_ROUNDS = 5


@dataclass
class Config:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    source: str = ""  # the pyproject.toml it came from
    problem: str = ""  # why that file's settings could not be used


@dataclass
class FileResult:
    path: str
    violations: list[Violation]
    fixed: int = 0
    diff: str = ""  # with --diff: what --fix would change, as a unified diff
    source: str = ""  # the text checked, for --format full


def _codes(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        return []
    return [c.strip().upper() for item in value for c in str(item).split(",") if c.strip()]


def find_config(start: Path) -> Config:
    """``[tool.unrender.lint]`` (or ``lint-select``/``lint-ignore`` directly under
    ``[tool.unrender]``) of the nearest ``pyproject.toml`` at or above ``start``."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # the same parser, published as tomli before it joined the standard library
        import tomli as tomllib

    folder = start.resolve()
    folder = folder if folder.is_dir() else folder.parent
    for candidate in (folder, *folder.parents):
        pyproject = candidate / "pyproject.toml"
        if not pyproject.is_file():
            continue
        try:
            data = tomllib.loads(pyproject.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            return Config(source=str(pyproject), problem=f"{pyproject} cannot be read ({exc}): "
                          "its [tool.unrender.lint] settings are not used")
        tool = data.get("tool", {}).get("unrender")
        if tool is None:
            continue  # a pyproject.toml without our table does not stop the search
        lint = tool.get("lint", {}) if isinstance(tool.get("lint", {}), dict) else {}
        return Config(select=_codes(lint.get("select", tool.get("lint-select"))),
                      ignore=_codes(lint.get("ignore", tool.get("lint-ignore"))),
                      source=str(pyproject))
    return Config()


def file_ignores(doc) -> list[str]:
    """Codes the file itself turns off: ``lint: {ignore: [...]}`` in its front matter."""
    return _codes(doc.meta.lint_ignore)


def lint_document(path: Path, doc, source: str | None, select: Sequence[str] = (),
                  ignore: Sequence[str] = (), name: str | None = None,
                  findings: Sequence[Diagnostic] = (),
                  ) -> tuple[list[Violation], list[str], list[str]]:
    """The violations in ``doc`` under the project's configuration (found from ``path``) and
    the file's own ignores; also the codes selected and ignored. ``source`` is the Markdown
    text, when there is one; ``name`` the file's name in messages (default: ``path``);
    ``findings`` what the reader noticed. Settings that cannot be used (unreadable
    pyproject.toml, unknown codes) are warnings."""
    name = name or str(path)
    config = find_config(path)
    own = file_ignores(doc)
    chosen = list(select) or config.select
    ignored = [*config.ignore, *ignore, *own]
    found = check(doc, source, path=name, select=chosen, ignore=ignored, findings=findings)
    settings = [config.problem] if config.problem else []
    settings += [f"{config.source} [tool.unrender.lint]: no rule code starts with {code!r}"
                 for code in unknown_codes([*config.select, *config.ignore])]
    line = _key_line(source, "lint") or doc.meta.line or 1
    found += [Violation(name, line, 1, READ_ERROR, f"lint ignore: no rule code starts with "
                        f"{code!r}", "warning") for code in unknown_codes(own)]
    found += [Violation(name, 1, 1, READ_ERROR, text, "warning") for text in settings]
    return sorted(found, key=lambda v: v.sort_key), chosen, ignored


def unknown_codes(codes: Iterable[str]) -> list[str]:
    """The codes or prefixes that name no rule (typos that would silently select nothing)."""
    known = [*all_rules(), READ_ERROR]
    return [code for code in _codes(list(codes))
            if not any(rule.startswith(code) for rule in known)]


def _key_line(source: str | None, key: str) -> int:
    """The line of ``key:`` in the front matter of ``source``, or 0."""
    for number, line in enumerate((source or "").split("\n")[:200], 1):
        if line.startswith(f"{key}:"):
            return number
    return 0


STDIN = "-"


def check_file(path: Path, select: Sequence[str] = (), ignore: Sequence[str] = (),
               fix: bool = False, reader: str | None = None,
               stdin_name: str | None = None, unsafe_fixes: bool = False,
               diff: bool = False) -> FileResult:
    """Check one source; ``-`` reads it from standard input (named ``stdin_name`` in messages
    and for finding pyproject.toml), as editors that check an unsaved buffer do. ``fix``
    rewrites the file with the fixes; ``diff`` only shows them."""
    from unrender.readers import detect_format, load_text, read_stdin, read_string

    from_stdin = str(path) == STDIN
    name = (stdin_name or "<stdin>") if from_stdin else str(path)
    try:
        text = read_stdin(name) if from_stdin else load_text(path)
        fmt = reader or detect_format(text, name)
        doc, findings, _source = read_string(text, name, fmt)
    except SourceError as exc:  # one error, or all of a front matter's (SourceErrors)
        return FileResult(name, [Violation(name, max(d.line, 1), 1, READ_ERROR, d.message,
                                           "error") for d in exc.diagnostics])
    except Exception as exc:  # a reader's bug must not hide the other files' findings
        return FileResult(name, [Violation(name, 1, 1, READ_ERROR, f"internal error while "
                                           f"reading ({type(exc).__name__}: {exc}); please "
                                           "report it", "error")])
    markdown = fmt == "markdown"
    config_from = Path.cwd() / name if from_stdin else path
    found, chosen, ignored = lint_document(config_from, doc, text if markdown else None, select,
                                           ignore, name, findings)
    if not (markdown and (diff or (fix and not from_stdin))):
        return FileResult(name, found, source=text)
    fixed, new_text, left = _fixed(name, text, found, chosen, ignored, unsafe_fixes)
    if diff:
        return FileResult(name, found, fixed, _unified_diff(name, text, new_text))
    if new_text != text:
        from unrender.fileio import write_atomic

        write_atomic(path, new_text.encode("utf-8"))
    return FileResult(name, left, fixed, source=new_text)


def _fixed(name: str, text: str, found: list[Violation], select, ignore, unsafe: bool,
           ) -> tuple[int, str, list[Violation]]:
    """Apply the fixes round after round until none is left: how many, the fixed text, and
    the findings left in it. A round whose result no longer reads is not kept."""
    from unrender.readers import read_string

    fixed = 0
    settings = [v for v in found if v.code == READ_ERROR]  # about the settings: they stay
    for _ in range(MAX_FIX_ROUNDS):
        edits = fixable_edits(found, unsafe)
        if not edits:
            break
        new_text, count = apply_edits(text, edits)
        if count == 0 or new_text == text:
            break
        try:
            doc, findings, _ = read_string(new_text, name, "markdown")
        except SourceError:
            break  # the fix would break the file: keep the last good text
        text, fixed = new_text, fixed + count
        found = check(doc, text, path=name, select=select, ignore=ignore, findings=findings)
        found = sorted([*found, *settings], key=lambda v: v.sort_key)
    return fixed, text, found


def _unified_diff(name: str, before: str, after: str) -> str:
    import difflib

    return "".join(difflib.unified_diff(before.splitlines(keepends=True),
                                        after.splitlines(keepends=True), name, name))


# --- output -------------------------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(results: list[FileResult]) -> str:
    violations = [v for r in results for v in r.violations]
    fixed = sum(r.fixed for r in results)
    fixed_note = f" Fixed {_plural(fixed, 'violation')}." if fixed else ""
    if not violations:
        return "All checks passed." + fixed_note
    errors = sum(v.severity == "error" for v in violations)
    warnings = len(violations) - errors
    files = len({v.path for v in violations})
    where = _plural(files, "file") if files == len(results) else f"{files} of {len(results)} files"
    return (f"Found {_plural(errors, 'error')}, {_plural(warnings, 'warning')} in "
            f"{where}.{fixed_note}{_fixable_note(violations)}")


def _fixable_note(violations: list[Violation]) -> str:
    """What --fix would do with what is left: " 3 fixable with --fix (1 more with …)"."""
    safe = sum(1 for v in violations if v.fix and not is_unsafe(v))
    unsafe = sum(1 for v in violations if v.fix and is_unsafe(v))
    notes = []
    if safe:
        notes.append(f"{safe} fixable with --fix")
    if unsafe:
        notes.append(f"{unsafe} {'more' if safe else 'fixable'} with --fix --unsafe-fixes "
                     "(those change words)")
    return f" {'; '.join(notes)}." if notes else ""


def _github_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render(results: list[FileResult], fmt: str) -> str:
    violations = sorted((v for r in results for v in r.violations), key=lambda v: v.sort_key)
    if fmt == "json":
        import json

        return json.dumps([{
            "path": v.path, "line": v.line, "col": v.col, "code": v.code, "message": v.message,
            "severity": v.severity, "fixable": bool(v.fix),
            "unsafe_fix": bool(v.fix) and is_unsafe(v),
        } for v in violations], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(
            f"::{v.severity} file={_github_escape(v.path, True)},line={v.line},col={v.col},"
            f"title={v.code}::{_github_escape(f'{v.code} {v.message}')}" for v in violations)
    if fmt == "full":
        sources = {r.path: r.source.split("\n") for r in results}
        shown = [_with_source(v, sources.get(v.path, [])) for v in violations]
        return "\n\n".join([*shown, summary(results)])
    lines = [str(v) for v in violations]
    lines.append(summary(results))
    return "\n".join(lines)


_SHOWN = 96  # characters of a long source line shown around the finding


def _with_source(v: Violation, lines: list[str]) -> str:
    """The finding with its source line under it (cut around the column when long) and a
    caret at the column when it is known (column 1 means "the line")."""
    if not 1 <= v.line <= len(lines) or not lines[v.line - 1].strip():
        return str(v)
    number = str(v.line)
    pad = " " * len(number)
    text, col = lines[v.line - 1].replace("\t", " "), v.col - 1
    start = max(0, min(col - _SHOWN // 2, len(text) - _SHOWN))
    shown = text[start:start + _SHOWN]
    lead = "…" if start else ""
    tail = "…" if start + _SHOWN < len(text) else ""
    caret = f"\n{pad} | {' ' * (len(lead) + col - start)}^" if col else ""
    return f"{v}\n{pad} |\n{number} | {lead}{shown}{tail}{caret}"


def list_rules() -> str:
    rows = []
    for code, r in sorted(all_rules().items()):
        fix = ("fixable*" if r.unsafe_fix else "fixable ") if r.fixable else "        "
        rows.append(f"{code}  {r.severity:<7}  {fix}  {r.name:<24}  {r.rationale}")
    rows.append("\n* the fix changes words: applied only with --fix --unsafe-fixes")
    return "\n".join(rows)


# Folders a search for sources never enters: tools', builds' and version control's.
_SKIPPED_DIRS = {"node_modules", "build", "dist", "site-packages", "__pycache__"}
_SOURCE_SUFFIXES = {".md", ".markdown", ".txt", ".xml"}


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a folder stands for the resolution sources under it: ``.md`` files
    that open with front matter, ``.txt`` extracted from UN PDFs and AKN ``.xml`` (a README
    or a notes file in the same folder is not a source and is left alone)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            continue
        for file in sorted(path.rglob("*")):
            inside = file.relative_to(path).parts[:-1]
            if any(part.startswith(".") or part in _SKIPPED_DIRS for part in inside):
                continue
            if file.suffix.lower() in _SOURCE_SUFFIXES and file.is_file() and _is_source(file):
                found.append(file)
    return found


def _is_source(path: Path) -> bool:
    from unrender.readers import detect_format

    try:
        head = path.read_bytes()[:65536].decode("utf-8-sig", errors="replace")
    except OSError:
        return True  # let check_file say what is wrong with it
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        return head.startswith("---")
    return detect_format(head) == ("akn" if suffix == ".xml" else "text")


def run(files: Iterable[Path], select: Sequence[str] = (), ignore: Sequence[str] = (),
        output_format: str = "text", fix: bool = False, reader: str | None = None,
        out: TextIO | None = None, stdin_name: str | None = None,
        unsafe_fixes: bool = False, diff: bool = False) -> int:
    """Check ``files``, print the report on ``out`` (stdout); the exit status: 1 if any error
    (with ``diff``: 1 if a fix is waiting, as a check in CI wants)."""
    out = out or sys.stdout
    if output_format not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {output_format!r} (one of: "
                         f"{', '.join(OUTPUT_FORMATS)})")
    select, ignore = _codes(list(select)), _codes(list(ignore))
    results = [check_file(f, select, ignore, fix, reader, stdin_name, unsafe_fixes, diff)
               for f in expand(files)]
    if diff:
        out.write("".join(r.diff for r in results) + diff_summary(results, unsafe_fixes) + "\n")
        return 1 if any(r.diff for r in results) else 0
    text = render(results, output_format)
    if text:
        out.write(text + "\n")
    failed = any(v.severity == "error" for r in results for v in r.violations)
    return 1 if failed else 0


def option_problem(files: Iterable[Path], fix: bool, diff: bool, select: Sequence[str] = (),
                   ignore: Sequence[str] = ()) -> str | None:
    """Why these options cannot go together, or None."""
    for option, given in (("--select", select), ("--ignore", ignore)):
        unknown = unknown_codes(given)
        if unknown:
            return (f"{option}: no rule code starts with {unknown[0]!r} (the codes are "
                    f"{min(all_rules())}–{max(all_rules())}: unrender check --list-rules)")
    if fix and diff:
        return "--fix changes the files and --diff only shows the changes: choose one"
    if fix and STDIN in map(str, files):
        return "--fix changes files in place: give a file, not - (standard input), or use --diff"
    return None


def diff_summary(results: list[FileResult], unsafe_fixes: bool = False) -> str:
    changed = [r for r in results if r.diff]
    fixes = sum(r.fixed for r in changed)
    how = "--fix --unsafe-fixes" if unsafe_fixes else "--fix"
    said = (f"Would fix {_plural(fixes, 'violation')} in {_plural(len(changed), 'file')} "
            f"(run with {how} to apply).") if changed else "No fixes to apply."
    waiting = 0 if unsafe_fixes else sum(
        1 for r in results for v in r.violations if v.fix and is_unsafe(v))
    if waiting and changed:
        said += f" {waiting} more with --unsafe-fixes (those change words)."
    elif waiting:
        said = f"No safe fixes to apply; {waiting} with --unsafe-fixes (those change words)."
    return said
