"""Names of States as the UN prints them, and the lists that name them.

Vote lists and sponsor lines name States as "Argentina, Bahamas, Bolivia (Plurinational State of)
… and Venezuela (Bolivarian Republic of)". Names themselves contain "and" ("Trinidad and Tobago",
"United Kingdom of Great Britain and Northern Ireland"), so a list can only be split with the
official names at hand: they are in ``unrender/data/un-states.tsv`` (the 193 Member States, the
two observer States and the European Union, with older and variant spellings as aliases).

Names are compared after folding case, accents, apostrophes, hyphens and runs of white space, so
"CÔTE D'IVOIRE", "Côte d’Ivoire" and "Cote d'Ivoire" are the same name.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

from unrender.resources import read_data

DATA_FILE = "un-states.tsv"

_APOSTROPHES = "\u2019\u2018\u02bc\u02b9\u2032\u00b4`"
_HYPHENS = "\u2010\u2011\u2012\u2013"
_INVISIBLE = "\u00ad\u200b\u2060\ufeff"  # soft hyphen, zero-width space, word joiner, BOM
_SEPARATORS = (", and ", ", ", " and ")  # the serial comma is tolerated, never written


class State(NamedTuple):
    """One row of the data file."""

    name: str
    status: str  # "member", "observer" or "organization"
    aliases: tuple[str, ...]


@cache
def _fold_char(char: str) -> str:
    """One character folded for comparison ("" for a combining mark or an invisible one)."""
    if char in _APOSTROPHES:
        return "'"
    if char in _HYPHENS:
        return "-"
    if char in _INVISIBLE:
        return ""
    base = unicodedata.normalize("NFD", char)[0]
    if unicodedata.combining(base):
        return ""
    lower = base.lower()
    return lower if len(lower) == 1 else base


def _fold(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` for comparison; also return, for each folded character, its index in ``text``.

    White space runs become one space and leading/trailing white space is dropped.
    """
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                origin.append(index)
            continue
        folded = _fold_char(char)
        if folded:
            out.append(folded)
            origin.append(index)
    if out and out[-1] == " ":
        out.pop()
        origin.pop()
    return "".join(out), origin


def normalise(name: str) -> str:
    """The key a name is compared by: case, accents, apostrophes and spacing folded."""
    if name.isascii():  # most names: the same result, without folding letter by letter
        return " ".join(name.replace("`", "'").lower().split())
    return _fold(name)[0]


@lru_cache(maxsize=1)
def states() -> tuple[State, ...]:
    """The rows of the data file, in file order (members alphabetically, then the others)."""
    text = read_data(DATA_FILE)
    rows: list[State] = []
    for line in text.splitlines()[1:]:
        if not line.strip():
            continue
        name, status, aliases = [*line.split("\t"), "", ""][:3]
        rows.append(State(name, status, tuple(a for a in aliases.split("|") if a)))
    return tuple(rows)


@lru_cache(maxsize=1)
def known_states() -> dict[str, str]:
    """Every normalised name and alias -> the canonical name."""
    known: dict[str, str] = {}
    for state in states():
        for variant in (state.name, *state.aliases):
            known.setdefault(normalise(variant), state.name)
    return known


@lru_cache(maxsize=1)
def _keys_by_initial() -> dict[str, tuple[str, ...]]:
    """Every known key under its first letter, longest first, so the first that matches is the
    longest match."""
    groups: dict[str, list[str]] = {}
    for key in sorted(known_states(), key=len, reverse=True):
        groups.setdefault(key[:1], []).append(key)
    return {initial: tuple(keys) for initial, keys in groups.items()}


def canonical(name: str) -> str | None:
    """The UN's short name for ``name`` (a name or an alias, in any case), or None if unknown."""
    return known_states().get(normalise(name))


def _separator_at(folded: str, pos: int) -> int:
    """Length of the list separator starting at ``pos`` (0 if there is none)."""
    for separator in _SEPARATORS:
        if folded.startswith(separator, pos):
            return len(separator)
    return 0


def _match_at(folded: str, pos: int) -> tuple[str, int] | None:
    """The longest known name starting at ``pos`` and ending at a separator or the end.

    Returns the canonical name and the position just after the match.
    """
    for key in _keys_by_initial().get(folded[pos:pos + 1], ()):
        end = pos + len(key)
        if folded.startswith(key, pos) and (end == len(folded) or _separator_at(folded, end)):
            return known_states()[key], end
    return None


def _unknown_end(folded: str, pos: int) -> int:
    """Where an unknown piece starting at ``pos`` ends.

    It runs to the next ", " (no known name contains a comma) or to the next " and " that is
    followed by a known name, whichever comes first; else to the end.
    """
    index = pos
    while index < len(folded):
        if folded.startswith(", ", index):
            return index
        if folded.startswith(" and ", index) and _match_at(folded, index + 5):
            return index
        index += 1
    return len(folded)


def _strip_end(text: str) -> str:
    """``text`` without white space, full stops and "]" at its end (a list may end with "." or
    "]"). A loop, not a pattern anchored at the end: that one was tried from every position."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in ".]"):
        end -= 1
    return text[:end]


def split_states(text: str, as_written: bool = False) -> tuple[list[str], list[str]]:
    """Split "A, B and C" into canonical names (or, with ``as_written``, the names as the text
    spells them: a reader must not change the user's words).

    At each position the longest known name is taken; pieces that are not known names are kept
    in ``names`` as written (white space collapsed) and also listed in ``problems``, so no word is
    ever lost. Line breaks, repeated spaces, a trailing full stop or "]", straight or curly
    apostrophes and letter case are tolerated.
    """
    stripped = _strip_end(text).strip()
    folded, origin = _fold(stripped)
    names: list[str] = []
    problems: list[str] = []
    pos = 0
    while pos < len(folded):
        skip = _separator_at(folded, pos)
        if skip:
            pos += skip
            continue
        match = _match_at(folded, pos)
        end = match[1] if match else _unknown_end(folded, pos)
        stop = origin[end] if end < len(folded) else len(stripped)
        piece = " ".join(stripped[origin[pos]:stop].split())
        if match:
            names.append(piece if as_written else match[0])
        else:
            names.append(piece)
            problems.append(piece)
        pos = end + _separator_at(folded, end)
    return names, problems


def join_states(names: list[str]) -> str:
    """The UN's list form "A, B and C" (no serial comma)."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def suggest_state(name: str) -> str:
    """``" (did you mean 'Germany'?)"`` for a misspelt State, else ``""``: only unknown names
    pay for the comparison with every name and alias."""
    from unrender.diagnostics import closest

    match = closest(name, [variant for s in states() for variant in (s.name, *s.aliases)])
    return f" (did you mean {canonical(match)!r}?)" if match else ""
