"""Dates as the UN prints them: "12 July 2023" (day month year, no comma, no ordinal)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
_UN_DATE = re.compile(r"^\s*(\d{1,2})\s+(\w+)\s+(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def format_date(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def parse_date(value: object) -> dt.date:
    """A date from YAML: a date object, "2023-07-12" or "12 July 2023". Raises ValueError with
    a message for the user ("February 2023 has 28 days"), never Python's own."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).replace("\u00a0", " ").strip()
    if m := _UN_DATE.match(text):
        return _checked(text, int(m.group(3)), _month(text, m.group(2)), int(m.group(1)))
    if m := _ISO_DATE.match(text):
        return _checked(text, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    raise ValueError(f"not a date: {text!r} (write 12 July 2023 or 2023-07-12)")


def _month(text: str, name: str) -> int:
    if name in MONTHS:
        return MONTHS.index(name) + 1
    from unrender.diagnostics import did_you_mean

    raise ValueError(f"{text!r} is not a date: no month is called {name!r}"
                     f"{did_you_mean(name, MONTHS)}")


def _checked(text: str, year: int, month: int, day: int) -> dt.date:
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise ValueError(f"{text!r} is not a date: the year must be from 1 to 9999")
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a date: there is no month {month}")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValueError(f"{text!r} is not a date: {MONTHS[month - 1]} {year} has {days} days")
    return dt.date(year, month, day)
