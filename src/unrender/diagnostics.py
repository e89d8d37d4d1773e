"""Messages about the user's source: ``path:line: severity: message``, never a traceback."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# The codes of what readers notice while reading; lint/rules_reader.py registers their rules
# (the readers must not import the linter, which `build` loads only when it checks).
UNRECOGNISED = "UN031"
VOTE_RECORD = "UN032"
FOOTNOTE_RECOVERY = "UN033"
INFERRED = "UN034"
FURNITURE = "UN035"
STATE_NAMES = "UN017"  # a name in a vote record that is not a State's: the rule's own code


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    message: str
    severity: Severity = "warning"
    code: str = ""  # a reader's finding names the rule it belongs to (docs/rules.md)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        code = f"{self.code} " if self.code else ""
        return f"{where}: {self.severity}: {code}{self.message}"


class SourceError(Exception):
    """The source cannot be turned into a document; carries where and why."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.diagnostic = Diagnostic(path, line, message, "error")
        super().__init__(str(self.diagnostic))

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every error, for callers that report them all (one here; several in SourceErrors)."""
        return [self.diagnostic]


class SourceErrors(SourceError):
    """Several errors at once, as a compiler reports them (every bad key of a front matter;
    ``unrender build --strict``: every rule broken). Caught as a :class:`SourceError` too, whose
    ``diagnostic`` is the first."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        first = diagnostics[0]
        super().__init__(first.path, first.line, first.message)
        self.diagnostic = first
        self._all = list(diagnostics)
        Exception.__init__(self, "\n".join(str(d) for d in diagnostics))

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self._all


def closest(word: str, options: Iterable[str]) -> str | None:
    """The one of ``options`` that ``word`` is a near miss of (case aside), or None."""
    import difflib

    folded = {option.lower(): option for option in options}
    close = difflib.get_close_matches(word.lower(), folded, n=1, cutoff=0.75)
    return folded[close[0]] if close else None


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """``" (did you mean 'title'?)"`` for a near miss of one of ``options``, else ``""``."""
    match = closest(word, options)
    return f" (did you mean {match!r}?)" if match else ""
