"""Session names: "Fiftieth session" <-> 50, as the UN spells them (capital only at the start)."""

from __future__ import annotations

_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_UNIT_ORDINALS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                  "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
                  "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_TENS_ORDINALS = ["", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth",
                  "seventieth", "eightieth", "ninetieth"]


def ordinal_words(n: int) -> str:
    """``73`` -> ``"seventy-third"``; 1 to 199."""
    if not 1 <= n <= 199:
        raise ValueError(f"no ordinal words for {n}")
    if n >= 100:
        rest = n - 100
        return "one hundredth" if rest == 0 else f"one hundred and {ordinal_words(rest)}"
    if n < 20:
        return _UNIT_ORDINALS[n]
    tens, unit = divmod(n, 10)
    return _TENS_ORDINALS[tens] if unit == 0 else f"{_TENS[tens]}-{_UNIT_ORDINALS[unit]}"


_FROM_WORDS = {ordinal_words(n): n for n in range(1, 200)}


def session_name(n: int) -> str:
    """``50`` -> ``"Fiftieth session"``."""
    return f"{ordinal_words(n).capitalize()} session"


def parse_session(text: str) -> int | None:
    """The session number in "Fiftieth session", "fifty-third", "resumed fifth session"."""
    words = text.lower().replace("session", "").replace("resumed", "").strip()
    return _FROM_WORDS.get(words)
