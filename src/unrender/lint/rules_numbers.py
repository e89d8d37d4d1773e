"""Rules on numbers and citations (un-style.md §11 items 13–14): numbers in words or figures,
"per cent", decimals, and resolutions cited by number rather than by symbol."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from unrender.lint.core import Context, rule
from unrender.lint.rules import _plain_units, _report_text

# --- shared ------------------------------------------------------------------------------------

# --- numbers in words or figures ----------------------------------------------------------------

_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNIT = "|".join(_WORDS)
# Words one of which a text must contain to have a spelled-out cardinal of 10 or more: a cheap
# set test that spares most paragraphs the regex below.
_BIG_WORDS = frozenset(_TEENS + _TENS + ("hundred", "thousand")
                       + tuple(f"{t}-{u}" for t in _TENS for u in _WORDS))

# A lone digit 1–9 (not part of a symbol, decimal, range, money or code) and the next two words.
# The digit comes first and the look-behind after it, so that the search skips to digits fast.
_DIGIT_COUNT = re.compile(r"([1-9])(?<![\w.,/:\-–−+±$€£#§%'’][1-9])[ \u00a0]+([A-Za-z]+)"
                          r"(?:[ \u00a0]+([A-Za-z]+))?")


# The patterns below are compiled on first use: most texts never need them, and compiling costs
# a fraction of a millisecond each at every start of `unrender check`.
@cache
def _word_count() -> re.Pattern[str]:
    r"""A lowercase cardinal of 10 or more ("fifteen", "twenty-one", "two hundred") and the next
    two words. Ordinals ("fifty-third", "twenty-first") and compounds ("ten-year") fail the
    (?![\w-]) guard."""
    return re.compile(
        rf"(?<![\w\-–’'])((?:{_UNIT})[ \u00a0]+(?:hundred|thousand)|{'|'.join(_TEENS)}"
        rf"|(?:{'|'.join(_TENS)})(?:-(?:{_UNIT}))?)(?![\w\-])[ \u00a0]+([A-Za-z]+)"
        r"(?:[ \u00a0]+([A-Za-z]+))?")


@cache
def _nearby_number() -> re.Pattern[str]:
    """Another figure or cardinal word: a series, range or list ("5 and 12", "3 or 4",
    "paragraphs 3 and 4") keeps its figures consistent, so it is left alone. "one" does not
    count: it is mostly a pronoun ("one of the")."""
    return re.compile(rf"\d|\b(?:{'|'.join(_WORDS[1:] + _TEENS + _TENS)}|hundred|thousand)\b",
                      re.IGNORECASE)


_NEAR = 30  # characters either side of a number searched for another one


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words after which a number is a reference or label, not a count ("paragraph 3", "goal 5",
# "No. 2", "phase 3 trials").
_REFERENCE_WORDS = _set("""
    resolution resolutions decision decisions paragraph paragraphs para paras subparagraph
    subparagraphs article articles art goal goals target targets indicator indicators item items
    chapter chapters chap section sections sect annex annexes appendix appendices rule rules
    principle principles recommendation recommendations page pages p pp no nos number numbers
    vol volume volumes part parts table tables figure figures fig box boxes phase level category
    tier type grade stage class version option options group round step protocol amendment clause
    schedule regulation regulations line lines footnote footnotes note notes ibid op session
    meeting meetings day week year module unit cluster pillar priority area objective outcome
    output action measure component subprogramme programme criterion question chart map model
    """)
# Plural-looking words that are not counted nouns, and nouns counted in figures at any size
# (votes are generated as "1 abstention"; ages, durations, money, measures and magnitudes take
# figures; un-style.md §11 #17).
_NOT_NOUNS = _set("""
    always whereas towards afterwards besides perhaps sometimes does goes yes news thus plus
    hers ours theirs yours was has its is as us this his upwards onwards downwards
    """)
_FIGURE_NOUNS = _set("""
    votes abstentions millions billions trillions thousands hundreds dozens dollars euros francs
    pounds cents points metres meters kilometres kilometers kilograms grams litres liters tons
    tonnes hectares degrees miles feet inches watts kilowatts megawatts gigawatts gigatons
    gigatonnes bytes
    """)
_TIME_NOUNS = _set("years months weeks days hours minutes seconds")
# After a digit, ages and durations also keep figures ("children under 5 years of age").
_DIGIT_FIGURE_NOUNS = _FIGURE_NOUNS | _TIME_NOUNS
_IRREGULAR_PLURALS = _set("people children women men persons")
# Capitalized plural nouns that are counted in UN texts; other capitalized words ending in "s"
# are mostly names ("Bahamas", "Philippines").
_CAPITAL_NOUNS = _set("""
    States Governments Parties Members Territories Powers Committees Councils Commissions
    Conventions Covenants Protocols Conferences Agencies Organizations Offices Courts Tribunals
    """)
# A word allowed between the number and its noun ("three additional posts", "15 Member States").
_ADJECTIVES = _set("""
    new other additional further more different separate major main key specific concrete
    regional international national independent special thematic permanent consecutive
    successive previous subsequent member Member
    """)


def _plural_noun(word: str, figures_ok: frozenset[str]) -> bool:
    if word in _CAPITAL_NOUNS:
        return True
    if not word.islower() or word in _NOT_NOUNS or word in figures_ok:
        return False
    if word in _IRREGULAR_PLURALS:
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _counted_noun(first: str, second: str | None, figures_ok: frozenset[str]) -> str | None:
    """The plural noun a number counts: the next word, or the one after an adjective."""
    if _plural_noun(first, figures_ok):
        return first
    if first in _ADJECTIVES and second and _plural_noun(second, figures_ok):
        return second
    return None


def _is_label(text: str, start: int) -> bool:
    """Whether the number at ``start`` follows a reference word or a mid-sentence capitalized
    word ("paragraph 3", "No. 2", "Phase 3"): a label, not a count."""
    before = text[max(0, start - 40):start]
    words = before.split()
    if not words or not before[-1].isspace():
        return False  # "(3 reports": nothing or punctuation just before the number
    word = words[-1].strip("()[]“”‘’\"',;:")
    if word.rstrip(".").lower() in _REFERENCE_WORDS:
        return True
    sentence_start = len(words) < 2 or words[-2][-1] in ".!?:;"
    if len(words) < 2 and len(before) == 40:
        sentence_start = False  # the window cut the previous word off: not known to start
    # a possessive is a determiner, not a label: "the Secretary-General’s 2 reports"
    possessive = word.endswith(("’s", "'s"))
    return not sentence_start and not possessive and any(c.isupper() for c in word)


def _in_series(text: str, start: int, end: int) -> bool:
    near = _nearby_number()
    return bool(near.search(text, max(0, start - _NEAR), start)
                or near.search(text, end, end + _NEAR))


def _word_value(words: str) -> int:
    parts = words.replace("-", " ").split()
    if parts[-1] in ("hundred", "thousand"):
        return (_WORDS.index(parts[0]) + 1) * (100 if parts[-1] == "hundred" else 1000)
    if parts[0] in _TEENS:
        return 10 + _TEENS.index(parts[0])
    value = 20 + 10 * _TENS.index(parts[0])
    return value + (_WORDS.index(parts[1]) + 1 if len(parts) > 1 else 0)


def _phrase(m: re.Match[str], noun: str) -> str:
    """What follows the number up to its noun: " reports", " additional posts"."""
    return m.string[m.end(1):m.end(2 if noun == m.group(2) else 3)]


@rule("UN023", "numbers-in-words", "warning",
      "Cardinal numbers below 10 are written in words and from 10 in figures (\"three reports\", "
      "\"15 States\"). Checked only for a lone number counting a plural noun, never for "
      "references, dates, ordinals, votes, measures or series of numbers.")
def numbers_in_words(ctx: Context) -> None:
    for line, text in _plain_units(ctx):
        _report_counts(ctx, line, text, _DIGIT_COUNT, _DIGIT_FIGURE_NOUNS,
                       "write numbers below 10 in words", lambda n: _WORDS[int(n) - 1])
        if not _BIG_WORDS.isdisjoint(text.split()):
            # durations count here: "ten years" is "10 years" in figures
            _report_counts(ctx, line, text, _word_count(), _FIGURE_NOUNS,
                           "write numbers from 10 in figures", _word_value)


def _report_counts(ctx: Context, line: int, text: str, pattern: re.Pattern[str],
                   figure_nouns: frozenset[str], advice: str,
                   written: Callable[[str], object]) -> None:
    """Report each number ``pattern`` finds counting a noun, with how it should be written."""
    for m in pattern.finditer(text):
        noun = _counted_noun(m.group(2), m.group(3), figure_nouns)
        if not noun or _is_label(text, m.start()) or _in_series(text, m.start(), m.end(1)):
            continue
        phrase = _phrase(m, noun)
        _report_text(ctx, line, text, m.start(), m.end(1),
                     f"{advice}: \"{written(m.group(1))}{phrase}\", not \"{m.group(1)}{phrase}\"")


# --- fixes that must land on the same token -----------------------------------------------------


def _report_checked(ctx: Context, line: int, text: str, start: int, end: int, message: str,
                    replacement: str, token: re.Pattern[str]) -> None:
    """:func:`_report_text` with a fix, kept only if ``token`` matches the source exactly at the
    edit: when no context locates the fragment, a bare "%" or ".5" may be found elsewhere (inside
    "L.5" or a link target), and that edit would corrupt the text. Such a finding falls back to
    the paragraph's line, column 1."""
    _report_text(ctx, line, text, start, end, message, replacement)
    found = ctx.found[-1]
    if found.fix and ctx.lines:
        edit = found.fix[0]
        m = token.match(ctx.lines[edit.line - 1], edit.start)
        if not m or m.end() != edit.end:
            ctx.found[-1] = replace(found, line=max(line, 1), col=1, fix=None)


# --- per cent -----------------------------------------------------------------------------------


@cache
def _percent() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """"37%", "37 %", "2.5%" after a number that is not part of a code or URL ("a1%", "%20"),
    or "percent"; then the sign and the word alone, to check a fix's place in the source."""
    return (re.compile(r"(?<![\w/.%])\d+(?:[.,]\d+)*(?P<sign>[ \u00a0]?%)(?![\w%])"
                       r"|\b(?P<word>[Pp]ercent)\b"),
            re.compile(r"(?<=\d)[ \u00a0]?%(?![\w%])"),
            re.compile(r"\b[Pp]ercent\b"))


@rule("UN024", "per-cent", "warning",
      "The UN writes \"per cent\" in full, as two words: \"37 per cent\", not \"37%\" or "
      "\"37 percent\".", fixable=True, unsafe_fix=True)
def per_cent(ctx: Context) -> None:
    for line, text in _plain_units(ctx):
        if "%" not in text and "ercent" not in text:
            continue  # most paragraphs: no need for the regex
        percent, sign_at, word_at = _percent()
        for m in percent.finditer(text):
            word = m.group("word")
            if word:
                _report_checked(ctx, line, text, m.start(), m.end(),
                                f"write \"per cent\", not \"{word}\"", word[0] + "er cent",
                                word_at)
                continue
            sign = m.group("sign")
            # keep a no-break space before the sign; a plain space or none becomes one space
            new = ("\u00a0" if sign[0] == "\u00a0" else " ") + "per cent"
            number = text[m.start():m.start("sign")]
            _report_checked(ctx, line, text, m.start("sign"), m.end("sign"),
                            f"write \"{number} per cent\", not \"{m.group(0)}\"", new, sign_at)


# --- decimals -----------------------------------------------------------------------------------

# ".5" standing alone: at the start or after a space, bracket, quote, sign or currency — not
# after a letter or digit ("L.5", "E/CN.4", "2.5"), not after a dot and a space ("No. .5",
# ". . .5" leaders), and not a version or a code (".5.1", ".5/"). The dot comes first and the
# look-behinds after it, so that the search skips to dots fast.
_DECIMAL = re.compile(r"\.(?<![^\s(\[“‘\"\-–−+±~<>=$€£]\.)(?<![.…][ \u00a0]\.)\d+"
                      r"(?![\w/]|[.,]\d)")


@rule("UN025", "decimal-zero", "warning",
      "A decimal below one takes a leading zero: \"0.5\", not \".5\".", fixable=True,
      unsafe_fix=True)
def decimal_zero(ctx: Context) -> None:
    for line, text in _plain_units(ctx):
        for m in _DECIMAL.finditer(text):
            _report_checked(ctx, line, text, m.start(), m.end(),
                            f"write \"0{m.group(0)}\", not \"{m.group(0)}\" (a leading zero)",
                            "0" + m.group(0), _DECIMAL)


# --- resolutions cited by number ----------------------------------------------------------------

_ORGANS = {"A": "General Assembly", "A/HRC": "Human Rights Council", "S": "Security Council",
           "E": "Economic and Social Council"}


@cache
def _res_symbol() -> re.Pattern[str]:
    """A/RES/72/3, A/RES/ES-10/19, A/HRC/RES/S-30/1, S/RES/2720 (2023), E/RES/2023/5; not
    followed by "/", so that "A/RES/72/3/Corr.1" (a corrigendum, a document of its own) is
    left alone."""
    return re.compile(
        r"(?<![\w/.])(?P<organ>A/HRC|A|S|E)/RES/"
        r"(?P<number>(?:(?:E?S-)?\d+/)?\d+(?:[ \u00a0]\((?:\d{4}|[IVXL]+|E?S-[IVX]+)\))?)"
        r"(?![\w/])")


@rule("UN026", "cite-by-number", "warning",
      "Resolutions are cited by number, not by document symbol: \"resolution 72/3\", "
      "\"resolution 2720 (2023)\". Other symbols (reports, drafts) are rightly cited by symbol.")
def cite_by_number(ctx: Context) -> None:
    # not fixable: the symbol names the organ and the number alone does not ("its resolution
    # 53/11" in a General Assembly text would be another resolution), and a fix changes no word
    for line, text in _plain_units(ctx):
        if "RES/" not in text:
            continue
        for m in _res_symbol().finditer(text):
            organ = _ORGANS[m.group("organ")]
            _report_text(ctx, line, text, m.start(), m.end(),
                         f"cite the {organ} resolution by number, \"resolution "
                         f"{m.group('number')}\", not by its symbol \"{m.group(0)}\"")
