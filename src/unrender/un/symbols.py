"""UN document symbols (A/HRC/RES/53/11, A/C.3/77/L.41) and the links unrender makes of them."""

from __future__ import annotations

import re

# un-style.md §9: accepts resolution and draft symbols, modifiers and a reissue star.
SYMBOL = re.compile(
    r"^(?:A|S|E)(?:/(?:C\.[1-6]|HRC|AC\.\d+|CN\.\d+))?(?:/RES)?/(?:(?:S-|ES-)?\d+|\d{4})"
    r"(?:/(?:L\.\d+|\d+)(?:\s[A-Z])?)?(?:\s\((?:\d{4}|[IVXL]+|(?:S|ES)-[IVX]+)\))?"
    r"(?:/(?:Rev|Corr|Add|Amend)\.\d+)*\*?$"
)

# A symbol cited in running text: two or more slash-separated parts, starting with a known series.
CITED_SYMBOL = re.compile(r"(?<![\w/])(?:A|S|E|ST|CRC|FCCC|TD|UNEP|DP)(?:/[A-Za-z0-9.]+){2,}")

UNDOCS = "https://undocs.org/"


def symbol_url(symbol: str) -> str:
    return UNDOCS + symbol.rstrip(".*")


def resolution_symbol(number: str, organ: str) -> str | None:
    """The symbol of resolution ``number`` ("70/1") of ``organ``, when the numbering is known."""
    if organ == "General Assembly":
        return f"A/RES/{number}"
    if organ == "Human Rights Council":
        return f"A/HRC/RES/{number}"
    return None


def session_of(symbol: str | None) -> int | None:
    """The session number in A/HRC/50/L.10, A/RES/73/8, A/C.3/77/L.41; None for S/ and E/."""
    if not symbol:
        return None
    m = re.match(r"^A/(?:C\.\d/|HRC/)?(?:RES/)?(\d+)/", symbol)
    return int(m.group(1)) if m else None
