"""Opening phrases of preambular and operative paragraphs, counted in real UN resolutions."""

from __future__ import annotations

import csv
import re
from functools import cache
from typing import Literal

from unrender.resources import read_data

Kind = Literal["preambular", "operative"]


@cache
def phrases(kind: Kind) -> tuple[str, ...]:
    """Known phrases of one kind, longest first (so "Recalling also" wins over "Recalling")."""
    text = read_data("opening-phrases.tsv")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    found = {row["phrase"] for row in rows if row["kind"] == kind}
    return tuple(sorted(found, key=lambda p: (-len(p), p)))


@cache
def _by_start(kind: Kind) -> dict[str, tuple[str, ...]]:
    """The phrases grouped by their first three letters (a paragraph is matched against a
    handful of them, not all); each group stays longest first."""
    groups: dict[str, list[str]] = {}
    for phrase in phrases(kind):
        groups.setdefault(phrase[:3], []).append(phrase)
    return {start: tuple(group) for start, group in groups.items()}


# Fixed continuations the UN italicizes with the phrase (un-style.md §5.2): "Taking note with
# appreciation", "Recognizing with deep concern", "Noting with concern also".
_CONTINUATION = re.compile(
    r"(?:\s+with\s+(?:(?:great|deep|grave|serious|particular|profound)\s+)?"
    r"(?:appreciation|concern|satisfaction|interest|regret|alarm|gratitude))?"
    r"(?:(?<=call)\s+upon)?(?:\s+(?:also|further|again))?(?![\w\-’'])"
)


def match_opening(text: str, kind: Kind) -> str | None:
    """The known phrase (with any fixed continuation) that opens ``text`` as whole words.
    A closing "further" that is an adjective of the next word ("Encourages further efforts")
    is not part of it."""
    for phrase in _by_start(kind).get(text[:3], ()):
        if text.startswith(phrase):
            rest = text[len(phrase):len(phrase) + 1]
            if not rest or not (rest.isalnum() or rest in "-’'"):
                more = _CONTINUATION.match(text, len(phrase))
                found = text[: more.end()] if more else phrase
                if found.endswith(" further") and further_is_adjective(text, len(found)):
                    return match_opening(found[: -len(" further")], kind)
                return found
    return None


# Words that may follow an adverb "further" ("Requests further the Secretary-General to",
# "Decides further that"); before any other lower-case word "further" is an adjective:
# "Encourages further efforts by …" (A/RES/73/7) asks for more efforts, it repeats nothing.
_AFTER_ADVERB = frozenset({
    "the", "a", "an", "all", "any", "each", "every", "both", "its", "their", "his", "her", "our",
    "this", "these", "those", "such", "to", "that", "upon", "on", "in", "with", "for", "by",
    "of", "and", "as", "at", "once", "again"})


def further_is_adjective(text: str, end: int) -> bool:
    """Is the "further" that ends at ``end`` an adjective of the next word ("further efforts")?"""
    rest = text[end:].split(None, 1)
    word = rest[0].strip(",;:*_") if rest else ""
    return bool(word) and word[0].islower() and word not in _AFTER_ADVERB
