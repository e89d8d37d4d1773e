"""Dates as the UN prints them: "12 July 2023" (day month year, no comma, no ordinal)."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
_UN_DATE = re.compile(r"^\s*(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\s*$")


def format_date(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def parse_date(value: object) -> dt.date:
    """A date from YAML: a date object, "2023-07-12" or "12 July 2023". Raises ValueError."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).replace("\u00a0", " ")
    m = _UN_DATE.match(text)
    if m:
        return dt.date(int(m.group(3)), MONTHS.index(m.group(2)) + 1, int(m.group(1)))
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"not a date: {text!r} (write 12 July 2023 or 2023-07-12)") from None
