"""YAML front matter -> :class:`Meta` and :class:`Adoption`, with line numbers in every error."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from unrender.ast import Adoption, AgendaItem, Meta, Sponsor, Vote
from unrender.diagnostics import (
    FURNITURE,
    Diagnostic,
    SourceError,
    SourceErrors,
    did_you_mean,
)
from unrender.un.bodies import BODIES, default_paper
from unrender.un.dates import parse_date
from unrender.un.ordinals import parse_session, session_name

# libyaml's loader when PyYAML has it: it parses a front matter ten times faster.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(yaml_text: str) -> yaml.Node | None:
    """The YAML node tree; on an error, the pure-Python loader's (its marks are more precise)."""
    try:
        return yaml.compose(yaml_text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.compose(yaml_text, Loader=yaml.SafeLoader)

KINDS = ("resolution", "draft resolution", "decision", "draft decision")
PAPERS = ("letter", "a4")

META_KEYS = {
    "body": "issuing body: General Assembly, Human Rights Council, Security Council, Economic and "
    "Social Council, or a Main Committee (Third Committee …)",
    "kind": "resolution, draft resolution, decision or draft decision",
    "symbol": "document symbol, e.g. A/HRC/RES/53/11",
    "distribution": "General or Limited (default: Limited for drafts, General otherwise)",
    "date": "date of issue, e.g. 14 July 2023",
    "original": "original language, e.g. English",
    "session": "session number (53) or name (Fifty-third session)",
    "session_dates": "e.g. 19 June–14 July 2023",
    "agenda": "agenda item: 3, \"68 (b)\", or a list of {item, title}",
    "sponsors": "list of States; marks for symbol notes after the name: Azerbaijan*, **",
    "notes": "symbol notes by mark, e.g. '*': State not a member of the Human Rights Council.",
    "number": "resolution number, e.g. 53/11 or 50/...",
    "title": "title of the resolution",
    "short_title": "title in the running header (default: the title)",
    "adoption": "meeting, date, reference, and vote {in_favour, against, abstaining} or "
    "without_vote: true",
    "job": "job number, e.g. 18-16895 or GE.22-10304",
    "release_date": "release date printed after the job number on page 1",
    "paper": "letter or a4 (default: a4 for the Human Rights Council, letter otherwise)",
    "language": "language code of the text (default: en)",
    "emblem": "path to an emblem image, relative to the document",
    "lint": "settings for unrender check: {ignore: [UN003, UN01]}",
}
ADOPTION_KEYS = ("meeting", "date", "reference", "without_vote", "vote")
VOTE_KEYS = ("in_favour", "against", "abstaining")
AGENDA_KEYS = ("item", "title")
SPONSOR_KEYS = ("name", "marks")

_MARK_CHARS = frozenset("*, \t\n")  # the marks after a sponsor's name, and what is between


class _Builder:
    """Turns the composed YAML tree into typed metadata, reporting the line of each bad value."""

    def __init__(self, path: str, first_line: int, yaml_text: str) -> None:
        self.path = path
        self.first_line = first_line  # 1-based line of the first YAML line in the file
        self.yaml_text = yaml_text
        self.errors: list[Diagnostic] = []  # every bad value is reported, as a compiler does

    def line(self, mark: yaml.Mark) -> int:
        """The file's line of a YAML mark. Counted at newlines: PyYAML's own count also breaks
        lines at U+2028, U+2029 and U+0085, which would name lines past the end."""
        return self.first_line + self.yaml_text.count("\n", 0, mark.index)

    def attempt(self, read: Callable[..., Any], *args: Any) -> Any:
        """``read(*args)``, or None with its error kept for the report (one bad key must not
        hide the next)."""
        try:
            return read(*args)
        except SourceError as exc:
            self.errors.extend(exc.diagnostics)
            return None

    def fail(self, node: yaml.Node | None, message: str) -> SourceError:
        if node is None:
            return SourceError(self.path, self.first_line - 1, message)
        # a nested mapping or list starts on the line after its key: point at the key
        nested = isinstance(node, (yaml.MappingNode, yaml.SequenceNode))
        line = getattr(node, "key_line", None) if nested else None
        return SourceError(self.path, line or self.line(node.start_mark), message)

    def mapping(self, node: yaml.Node, allowed, what: str) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping of keys to values")
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in allowed:
                self.errors.append(self.fail(key_node, _unknown_key(key, allowed, what))
                                   .diagnostic)
            elif key in out:
                self.errors.append(self.fail(key_node, f"key {key!r} appears twice in {what}")
                                   .diagnostic)
            else:
                value_node.key_line = self.line(key_node.start_mark)
                out[key] = value_node
        return out

    def text(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.value == "":
            raise self.fail(node, f"{what} must be a non-empty text")
        return str(node.value).strip()

    def strings(self, node: yaml.Node, what: str) -> list[str]:
        if isinstance(node, yaml.ScalarNode):
            return [self.text(node, what)]
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list")
        return [self.text(item, f"each entry of {what}") for item in node.value]

    def value(self, node: yaml.Node) -> Any:
        """The Python value of a node (a date, a number, true/false, a list), as safe_load gives."""
        try:
            return yaml.constructor.SafeConstructor().construct_object(node, deep=True)
        except yaml.YAMLError:  # a list that contains itself (&a [*a]), a bad timestamp …
            raise self.fail(node, "this value cannot be read (does it refer to itself?)") from None

    def date(self, node: yaml.Node, what: str):
        # the scalar as written: YAML's own reading of "2023-02-31" fails with Python's words
        value = node.value if isinstance(node, yaml.ScalarNode) else None
        try:
            return parse_date(value if value is not None else self.value(node))
        except ValueError as exc:
            raise self.fail(node, f"{what}: {exc}") from None

    def choice(self, node: yaml.Node, options: tuple[str, ...], what: str) -> str:
        value = self.text(node, what).lower()
        if value not in options:
            raise self.fail(node, f"{what} must be one of: {', '.join(options)}"
                            f"{did_you_mean(value, options)}")
        return value

    # --- composite values --------------------------------------------------------------------

    def agenda(self, node: yaml.Node) -> list[AgendaItem]:
        if isinstance(node, yaml.ScalarNode):
            return [AgendaItem(self.text(node, "agenda"))]
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        out = []
        for item in items:
            if isinstance(item, yaml.ScalarNode):
                out.append(AgendaItem(self.text(item, "agenda item")))
                continue
            fields = self.mapping(item, AGENDA_KEYS, "agenda item")
            if "item" not in fields:
                raise self.fail(item, "agenda item needs 'item' (its number, e.g. 3 or 68 (b))")
            title = self.text(fields["title"], "agenda title") if "title" in fields else None
            out.append(AgendaItem(self.text(fields["item"], "agenda item"), title))
        return out

    def sponsors(self, node: yaml.Node) -> list[Sponsor]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, "sponsors must be a list of States, one per line")
        out = []
        for item in node.value:
            if isinstance(item, yaml.MappingNode):
                fields = self.mapping(item, SPONSOR_KEYS, "sponsor")
                name = self.text(fields["name"], "sponsor name") if "name" in fields else ""
                marks = self.strings(fields["marks"], "marks") if "marks" in fields else []
            else:
                name, marks = split_marks(self.text(item, "sponsor"))
            if not name:
                raise self.fail(item, "sponsor needs a name")
            out.append(Sponsor(name, marks))
        return out

    def notes(self, node: yaml.Node) -> dict[str, str]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, "notes must map marks to texts, e.g. '*': State not a member …")
        out = {}
        for key_node, value_node in node.value:
            mark = str(key_node.value).strip()
            if not re.fullmatch(r"\*+|†+|‡+", mark):
                raise self.fail(key_node, f"note mark {mark!r} must be *, **, *** … (or †, ‡)")
            out[mark] = self.text(value_node, f"note {mark}")
        return out

    def adoption(self, node: yaml.Node) -> Adoption:
        fields = self.mapping(node, ADOPTION_KEYS, "adoption")
        adoption = Adoption(line=self.line(node.start_mark))
        if "meeting" in fields:
            adoption.meeting = self.text(fields["meeting"], "adoption meeting")
        if "date" in fields:
            adoption.date = self.date(fields["date"], "adoption date")
        if "reference" in fields:
            adoption.reference = self.text(fields["reference"], "adoption reference")
        if "without_vote" in fields:
            adoption.without_vote = self.value(fields["without_vote"]) is True
        if "vote" in fields:
            if adoption.without_vote:
                raise self.fail(fields["vote"], "adoption has both a vote and without_vote: true")
            votes = self.mapping(fields["vote"], VOTE_KEYS, "vote")
            lists = {k: self.strings(votes[k], k) if k in votes else [] for k in VOTE_KEYS}
            adoption.vote = Vote(**lists)
        return adoption


def _unknown_key(key: str | None, allowed, what: str) -> str:
    if key is None:
        return f"a key in {what} must be a plain word, such as title"
    hint = did_you_mean(key, allowed)
    return f"unknown key {key!r} in {what}" + (hint or f" (known keys: {', '.join(allowed)})")


def split_marks(text: str) -> tuple[str, list[str]]:
    """``"Azerbaijan*, **"`` -> ``("Azerbaijan", ["*", "**"])``: the stars at the end (with
    commas and spaces between them), if the text ends in one. Scanned from the end rather than
    matched: a pattern that splits a run of stars into marks tries every split of it."""
    stripped = text.rstrip()
    start = len(stripped)
    while start and stripped[start - 1] in _MARK_CHARS:
        start -= 1
    tail = stripped[start:]
    if not tail.endswith("*"):
        return text.strip(), []
    return stripped[:start].strip(), re.findall(r"\*+", tail)


def parse_front_matter(
    yaml_text: str, path: str, first_line: int, warn: Callable[..., None]
) -> tuple[Meta, Adoption | None]:
    """Parse the YAML between the ``---`` lines; ``first_line`` is its first line in the file.
    Raises :class:`SourceErrors` with every bad key and value, not only the first."""
    b = _Builder(path, first_line, yaml_text)
    root = _compose_front_matter(yaml_text, path, first_line)
    fields = b.mapping(root, tuple(META_KEYS), "front matter")
    body = b.attempt(_body, b, fields, root)
    meta = Meta(body=body or "", line=first_line)
    for key in _TEXT_KEYS:
        if key in fields:
            setattr(meta, key, b.attempt(b.text, fields[key], key))
    readers: dict[str, Callable[[yaml.Node], Any]] = {
        "kind": lambda node: b.choice(node, KINDS, "kind"),
        "date": lambda node: b.date(node, "date"),
        "release_date": lambda node: b.date(node, "release_date"),
        "agenda": b.agenda,
        "sponsors": b.sponsors,
        "notes": b.notes,
        "paper": lambda node: b.choice(node, PAPERS, "paper"),
        "lint": lambda node: _lint_ignore(b, node),
        "language": lambda node: _language(b, node),
    }
    for key, read in readers.items():
        if key in fields:
            value = b.attempt(read, fields[key])
            if value is not None:
                setattr(meta, "lint_ignore" if key == "lint" else key, value)
    if "session" in fields:
        b.attempt(_read_session, b, fields["session"], meta)
    adoption = b.attempt(b.adoption, fields["adoption"]) if "adoption" in fields else None
    if b.errors:
        raise SourceErrors(sorted(b.errors, key=lambda d: d.line))
    if "paper" not in fields:
        meta.paper = default_paper(meta.body, meta.symbol)
    if meta.distribution is None:
        meta.distribution = "Limited" if meta.kind.startswith("draft") else "General"
    _check_consistency(b, fields, meta, warn)
    return meta, adoption


_TEXT_KEYS = ("symbol", "original", "session_dates", "number", "title", "short_title", "job",
              "emblem", "distribution")


def _language(b: _Builder, node: yaml.Node) -> str:
    """``fr``, ``fra``, ``French`` -> ``fr``; a language the UN does not print in is an error."""
    from unrender.un.locale import LANGUAGES, language_code, language_names

    value = b.text(node, "language")
    code = language_code(value)
    if code is None:
        names = language_names()
        hint = did_you_mean(value.lower(), names) or f" (one of: {', '.join(LANGUAGES)})"
        raise b.fail(node, f"language {value!r} is not an official language of the United "
                     f"Nations{hint}")
    return code


def _compose_front_matter(yaml_text: str, path: str, first_line: int) -> yaml.Node:
    try:
        root = _compose(yaml_text)
    except RecursionError:  # PyYAML composes nested lists by recursion: [[[[…]]]] a thousand deep
        raise SourceError(path, first_line, "front matter nested too deep: its values are "
                          "texts, lists of texts, and the adoption's vote lists") from None
    except yaml.YAMLError as exc:
        raise SourceError(path, first_line + _yaml_error_line(exc, yaml_text),
                          f"front matter is not valid YAML: {_yaml_problem(exc)}") from None
    if root is None:
        raise SourceError(path, first_line, "front matter is empty: it needs at least 'body'")
    return root


def _yaml_error_line(exc: yaml.YAMLError, yaml_text: str) -> int:
    """The 0-based YAML line to blame. PyYAML notices an unclosed quote or bracket, or a key
    without its colon, only where the next token starts (a line or more later, or the end):
    blame the line where that quote, bracket or key began."""
    problem = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    if context is not None and _opened(exc):
        return yaml_text.count("\n", 0, context.index)
    return yaml_text.count("\n", 0, problem.index) if problem is not None else 0


def _opened(exc: yaml.YAMLError) -> str:
    """What the YAML was in the middle of when it failed ("a quoted scalar"), if that is where
    the mistake is (not a whole block mapping, which starts at the top)."""
    context = str(getattr(exc, "context", "") or "")
    if context.startswith("while scanning ") and "next token" not in context:
        return context.removeprefix("while scanning ")
    if context.startswith("while parsing a flow"):
        return context.removeprefix("while parsing ")
    return ""


def _yaml_problem(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    opened = _opened(exc)
    if opened == "a simple key":
        return f"{problem} (the key on this line has no colon after it)"
    if "quoted scalar" in opened or "flow" in opened:
        return f"{problem} ({opened} opened here is never closed)"
    return problem


def _body(b: _Builder, fields: dict[str, yaml.Node], root: yaml.Node) -> str:
    if "body" not in fields:
        raise b.fail(root, "front matter needs 'body' (e.g. body: Human Rights Council)")
    body = b.text(fields["body"], "body")
    if body not in BODIES:
        hint = did_you_mean(body, BODIES) or f" (one of: {', '.join(BODIES)})"
        raise b.fail(fields["body"], f"unknown body {body!r}{hint}")
    return body


def _lint_ignore(b: _Builder, node: yaml.Node) -> list[str]:
    lint = b.mapping(node, ("ignore",), "lint")
    return b.strings(lint["ignore"], "lint ignore") if "ignore" in lint else []


def _read_session(b: _Builder, node: yaml.Node, meta: Meta) -> None:
    value = node.value if isinstance(node, yaml.ScalarNode) else None
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, int):
        if not 1 <= value <= 199:
            raise b.fail(node, "session must be a number from 1 to 199")
        meta.session, meta.session_name = value, session_name(value)
        return
    text = b.text(node, "session")
    meta.session = parse_session(text)
    if meta.session is None:
        raise b.fail(node, f"session {text!r}: write a number (50) or a name (Fiftieth session)")
    meta.session_name = text if text.lower().endswith("session") else f"{text} session"
    meta.session_name = meta.session_name[0].upper() + meta.session_name[1:]


def _check_consistency(b, fields, meta: Meta, warn: Callable[..., None]) -> None:
    """What the front matter alone shows is off. (A symbol's shape and a session that
    disagrees with it are rules of `check`, UN015 and UN029, which build runs too.)"""
    def line_of(key: str) -> int:  # the key's line (a list's items start on the next)
        return fields[key].key_line

    if meta.job and not re.fullmatch(r"(?:GE\.)?\d{2}-\d{5}", meta.job):
        warn(line_of("job"), f"job number {meta.job!r} should look like 18-16895 or GE.22-10304; "
             "no barcode is printed for it", FURNITURE)
    for sponsor in meta.sponsors:
        for mark in sponsor.marks:
            if mark not in meta.notes:
                warn(line_of("sponsors"), f"sponsor mark {mark} of {sponsor.name} has no text "
                     f"under 'notes'", FURNITURE)
