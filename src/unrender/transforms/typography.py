"""UN typography: curly quotes, en dashes in ranges, ellipses, no-break spaces (un-style.md §11).

Runs on text nodes only, so markup and footnote calls are never touched; quote direction looks at
the character before, across node boundaries.
"""

from __future__ import annotations

import re

from unrender.ast import Document, Inline, Text, inline_runs, walk_inlines
from unrender.un.dates import MONTHS

NBSP = "\u00a0"
_MONTH = "|".join(MONTHS)

_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\.\.\."), "…"),
    # spaced hyphen(s) as a parenthetical dash; tried only where white space starts, not from
    # every space of a long run (quadratic)
    (re.compile(r"(?<!\s)\s+--?\s+"), " – "),
    # ranges: 2015-2030, 13 June-8 July, 10-12
    (re.compile(r"(?<![\w/.\-])(\d{1,4})-(\d{1,4})(?![\w/\-])"), r"\1–\2"),
    (re.compile(rf"\b({_MONTH})\s*-\s*(\d)"), r"\1–\2"),
    # no-break spaces: "25 September 2015", "resolution 70/1"
    (re.compile(rf"\b(\d{{1,2}}) ({_MONTH})\b"), rf"\1{NBSP}\2"),
    (re.compile(r"\b(resolutions?|decisions?) (?=\d)"), rf"\1{NBSP}"),
]

_OPENERS = set(" \t\n\u00a0([{“‘—–-/")


def smarten(text: str, before: str = " ") -> str:
    """Apply the rules to one text; ``before`` is the character that precedes it."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    out = []
    prev = before
    for ch in text:
        if ch == '"':
            ch = "“" if prev in _OPENERS else "”"
        elif ch == "'":
            ch = "‘" if prev in _OPENERS else "’"
        out.append(ch)
        prev = ch
    return "".join(out)


def typeset_inlines(nodes: list[Inline], before: str = " ") -> str:
    """Smarten every text node of a run in place; returns the run's last character."""
    for node in walk_inlines(nodes):
        if isinstance(node, Text) and node.text:
            node.text = smarten(node.text, before)
            before = node.text[-1]
    return before


def typeset(doc: Document) -> Document:
    for run in inline_runs(doc):
        typeset_inlines(run)
    meta = doc.meta
    for attr in ("title", "short_title", "number", "session_dates"):
        value = getattr(meta, attr)
        if value:
            setattr(meta, attr, smarten(value))
    for item in meta.agenda:
        if item.title:
            item.title = smarten(item.title)
    meta.notes = {mark: smarten(text) for mark, text in meta.notes.items()}
    for sponsor in meta.sponsors:
        sponsor.name = smarten(sponsor.name)
    adoption = doc.adoption
    if adoption is not None:
        if adoption.reference:
            adoption.reference = smarten(adoption.reference)
        if adoption.vote is not None:
            for names in (adoption.vote.in_favour, adoption.vote.against, adoption.vote.abstaining):
                names[:] = [smarten(name) for name in names]
    return doc
