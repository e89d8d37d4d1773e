"""The rule registry, the violation record and :func:`check`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from unrender.ast import Document
from unrender.diagnostics import Diagnostic
from unrender.readers import comments
from unrender.readers.comments import Suppression
from unrender.un.locale import locale

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``source_lines[line - 1][start:end]`` with ``text`` (0-based columns)."""

    line: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity
    fix: tuple[Edit, ...] | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.col, self.code, self.message)

    def __str__(self) -> str:
        # the shape of a compiler's message, which editors' problem matchers read
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.code} {self.message}"


@dataclass
class Context:
    """What a rule sees: the document, and the Markdown source lines when there is one."""

    doc: Document
    path: str
    lines: list[str] | None  # source lines, only when ``doc`` was read from this Markdown text
    found: list[Violation] = field(default_factory=list)
    rule: Rule | None = None
    memo: dict[str, object] = field(default_factory=dict)  # what several rules derive once

    def report(self, line: int, message: str, col: int = 1,
               fix: Iterable[Edit] | None = None) -> None:
        assert self.rule is not None
        edits = tuple(fix) if fix else None
        self.found.append(Violation(self.path, max(line, 1), max(col, 1), self.rule.code,
                                    message, self.rule.severity, edits or None))

    def locate(self, fragment: str, line: int, span: int = 40) -> tuple[int, int] | None:
        """(line, 0-based col) of ``fragment`` in the source at or after ``line``, or None."""
        if not self.lines or not fragment or line < 1:
            return None
        for number in range(line, min(line + span, len(self.lines) + 1)):
            col = self.lines[number - 1].find(fragment)
            if col >= 0:
                return number, col
        return None


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    rationale: str
    fixable: bool
    func: Callable[[Context], None] | None  # None: the readers find these (see check)
    default: bool = True  # off by default: runs only when --select names it
    unsafe_fix: bool = False  # the fix changes words: applied only with --unsafe-fixes


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity, rationale: str, fixable: bool = False,
         default: bool = True, unsafe_fix: bool = False):
    """Register a rule function under a stable ``code``. A fix that changes punctuation, quotes,
    dashes or italics is safe; one that changes words ("%" → "per cent") is ``unsafe_fix``."""

    def register(func: Callable[[Context], None]) -> Callable[[Context], None]:
        _register(Rule(code, name, severity, rationale, fixable, func, default, unsafe_fix))
        return func

    return register


def reader_rule(code: str, name: str, severity: Severity, rationale: str) -> None:
    """Register a rule whose findings the readers make while reading (a vote record whose
    counts disagree with its lists is seen only in the text as printed, not in the tree)."""
    _register(Rule(code, name, severity, rationale, False, None))


def _register(r: Rule) -> None:
    if r.code in RULES:
        raise ValueError(f"duplicate rule code {r.code}")
    RULES[r.code] = r


def all_rules() -> dict[str, Rule]:
    # importing the modules registers their rules
    from unrender.lint import rules, rules_numbers, rules_reader, rules_terms  # noqa: F401

    return RULES


def _matches(code: str, patterns: Iterable[str]) -> bool:
    return any(code.startswith(p.strip().upper()) for p in patterns if p.strip())


def select_rules(select: Iterable[str] | None = None,
                 ignore: Iterable[str] | None = None) -> list[Rule]:
    """Rules whose code starts with one of ``select`` (all when empty) and none of ``ignore``."""
    select = [s for s in (select or []) if s.strip()]
    chosen = []
    for code, r in sorted(all_rules().items()):
        if select and not _matches(code, select):
            continue
        if not select and not r.default:
            continue
        if ignore and _matches(code, ignore):
            continue
        chosen.append(r)
    return chosen


def check(doc: Document, source_text: str | None = None, *, path: str | None = None,
          select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
          findings: Iterable[Diagnostic] = ()) -> list[Violation]:
    """Every violation of the selected rules, sorted by line and column.

    ``source_text`` is the Markdown the document was read from; give it to get exact columns
    and fixes (leave it None for documents read from extracted text or XML). ``findings`` are
    what the reader noticed, each under the code of its rule: selected, suppressed and
    reported like the rest.
    """
    name = path or doc.source or "<document>"
    quiet: list[Suppression] = []
    lines = None
    if source_text is not None:
        # rules see the source with comments turned to spaces: columns stay true, and no rule
        # finds (or fixes) text inside a comment
        found = comments.scan(source_text, name, keep_columns=True)
        lines = found.text.split("\n")
        quiet = comments.suppressions(found.text, found.comments)
    ctx = Context(doc, name, lines)
    off = _off_in(doc)
    chosen = [r for r in select_rules(select, ignore) if r.code not in off]
    by_code = {r.code: r for r in chosen}
    for finding in findings:
        if finding.code in by_code:
            ctx.rule = by_code[finding.code]
            ctx.report(finding.line, finding.message)
    for r in chosen:
        if r.func is None:
            continue
        ctx.rule = r
        try:
            r.func(ctx)
        except Exception as exc:  # a bug in one rule must not hide the others' findings
            ctx.found.append(Violation(name, 1, 1, r.code, f"internal error in rule {r.code} "
                                       f"({type(exc).__name__}: {exc}); please report it, "
                                       f"and --ignore {r.code} meanwhile", "error"))
    kept = (v for v in _dedupe(ctx.found) if not _suppressed(v, quiet))
    return sorted(kept, key=lambda v: v.sort_key)


def _off_in(doc: Document) -> frozenset[str]:
    """Rules that know English only, off in the document's language: the ``lint.skip_rules``
    list of its language file (``data/locales/<lang>.yaml``)."""
    return frozenset(locale(doc.meta.language).get("lint.skip_rules", []))


def _suppressed(v: Violation, quiet: list[Suppression]) -> bool:
    """Is ``v`` inside the paragraph of an ``<!-- unrender: ignore … -->`` that names it?"""
    return any(s.first <= v.line <= s.last and (not s.codes or _matches(v.code, s.codes))
               for s in quiet)


def _dedupe(found: list[Violation]) -> Iterator[Violation]:
    seen = set()
    for v in found:
        if v.sort_key not in seen:
            seen.add(v.sort_key)
            yield v
