"""Dates as the UN prints them: "12 July 2023" (day month year, no comma, no ordinal)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import cache

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


# --- dates as each official language prints them (the AKN cover pages, extracted texts) -------

_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


@cache
def _month_pattern(code: str) -> tuple[re.Pattern[str], dict[str, int]]:
    """The month names of language ``code`` as one pattern: Babel's, in the locales its file
    names (``reader.month_locales``: Arabic prints two, "كانون الأول/ديسمبر")."""
    from babel.dates import get_month_names

    from unrender.un.locale import locale

    loc = locale(code)
    names: dict[str, int] = {}
    for babel in loc.get("reader.month_locales") or [loc.babel]:
        # the 'format' context is the genitive in Russian: "16 декабря 2021 года"
        for number, name in get_month_names("wide", "format", locale=babel).items():
            names[name.lower()] = number
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)({alternatives})(?!\w)"), names


def parse_local_date(text: str, lang: str) -> dt.date:
    """A date as a UN document in ``lang`` prints it: "16 décembre 2021", "16 de diciembre de
    2021", "16 декабря 2021 года", "2021年12月16日", "16 كانون الأول/ديسمبر 2021". Month names
    are Babel's (CLDR), not a list of our own. Raises ValueError when ``text`` holds no date.

    (Named ``parse_local_date``: ``parse_date`` above reads the front matter's dates.)"""
    from unrender.un.locale import language_code

    code = language_code(lang) or "en"
    clean = " ".join(str(text).replace("\u00a0", " ").replace("\u202f", " ").split())
    if m := _CJK_DATE.search(clean):
        return _checked(clean, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    pattern, names = _month_pattern(code)
    month = pattern.search(clean.lower())
    day = re.search(r"(?<!\d)(\d{1,2})(?!\d)", clean)
    year = re.search(r"(?<!\d)(\d{4})(?!\d)", clean)
    if month is None or day is None or year is None:
        raise ValueError(f"not a date in {code}: {clean!r}")
    return _checked(clean, int(year.group(1)), names[month.group(1)], int(day.group(1)))
