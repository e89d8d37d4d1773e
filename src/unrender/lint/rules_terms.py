"""Rules on words (un-style.md §11 items 15–16): names the UN never abbreviates, "Member
States", and Oxford spelling with -ize."""

from __future__ import annotations

import re

from unrender.lint.core import Context, rule
from unrender.lint.rules import _plain_units, _report_text


def _english(ctx: Context) -> bool:
    # word rules know English only: the French "organisation" is right
    return (ctx.doc.meta.language or "en").lower().startswith("en")


# --- UN027 abbreviations ------------------------------------------------------------------------

# Few, literal-led patterns: cheap to compile and to scan. What is around a match (a symbol,
# an organization's name) is looked at in Python, only for the rare matches.
_ABBREVIATION = re.compile(r"UN|U\.N\.|GA|SC|SG")
_SECRETARY_GENERAL = re.compile(r"Secretary[ \u00a0]General")
_MEMBER_STATE = re.compile(r"ember[ \u00a0][Ss]tate(s?)")  # after "M" or "m"
_NAMES = {"UN": "United Nations", "GA": "General Assembly", "SC": "Security Council",
          "SG": "Secretary-General"}
_DASHES = "-–‑"


def _is_word_char(char: str) -> bool:
    return bool(char) and (char.isalnum() or char == "_")


def _alone(text: str, start: int, end: int, not_next_to: str) -> bool:
    """Is ``text[start:end]`` a word of its own, with none of ``not_next_to`` at either side?
    ("GA/12345", "S/RES/…", "UN-Women" and "UN.GIFT" are not the abbreviations.)"""
    before, after = text[start - 1: start] if start else "", text[end: end + 1]
    if _is_word_char(before) or _is_word_char(after):
        return False
    if (before and before in not_next_to) or (after and after in not_next_to and after != "."):
        return False  # a full stop after may end the sentence
    return not (after == "." and _is_word_char(text[end + 1: end + 2]))


def _words_after(text: str, end: int, n: int = 4) -> list[str]:
    return text[end: end + 60].replace("\u00a0", " ").split()[:n]


def _of_other(text: str, end: int) -> bool:
    """Followed by "of" + anything but the United Nations ("member States of the European
    Union", "of regional organizations"); "of the Organization" alone means the UN."""
    words = [w.strip(",;:.()") for w in _words_after(text, end)]
    if not words or words[0] != "of":
        return False
    if words[1:3] == ["the", "United"]:
        return False
    if words[1:3] == ["the", "Organization"]:
        return len(words) > 3 and words[3] in ("of", "for")  # "Organization of American States"
    return len(words) > 1


def _after_word(text: str, start: int, *words: str) -> bool:
    before = text[max(0, start - 12): start].split()
    return bool(before) and before[-1] in words


def _member_states(ctx: Context, line: int, text: str, m: re.Match[str]) -> None:
    start = m.start() - 1
    if start < 0 or text[start] not in "Mm":
        return
    if not _alone(text, start, m.end(), _DASHES):
        return  # "non-member States" is lower case; "member state-level", "Statehood"
    found, plural = text[start: m.end() - len(m.group(1))], m.group(1)
    if _after_word(text, start, "federal"):
        return  # Somalia's "federal member states" are not Member States of anything
    if _of_other(text, m.end()) or _after_word(text, start, "its", "their"):
        if found.endswith("State"):
            return  # "member States of the Council of Europe", "the EU and its member States"
        want = found[:-5] + "State"
    else:
        want = "Member State"
        if found == want:
            return
    _report_text(ctx, line, text, start, m.end(),
                 f"write \"{want}{plural}\", not \"{found}{plural}\"", replacement=want + plural)


def _secretary_general(ctx: Context, line: int, text: str, m: re.Match[str]) -> None:
    if not _alone(text, m.start(), m.end(), ""):
        return
    if _of_other(text, m.end()) or _after_word(text, m.start(), "its", "their"):
        return  # "Secretary General of the Council of Europe" is their title
    _report_text(ctx, line, text, m.start(), m.end(), "write \"Secretary-General\" with a hyphen",
                 replacement="Secretary-General")


def _abbreviation(ctx: Context, line: int, text: str, m: re.Match[str]) -> None:
    found, end = m.group(0), m.end()
    if not _alone(text, m.start(), end, "/." + _DASHES):
        return
    if text[end:end + 1] == " " and text[end + 1:end + 2] in _DASHES:
        return  # "UN -SPIDER": a name cut by the PDF extractor ("UN-SPIDER")
    key = "UN" if found == "U.N." else found
    if key == "UN" and _words_after(text, end, 1) == ["Women"]:
        return  # "UN Women" is the entity's own name
    name = _NAMES[key]
    fix: str | None = name
    if key == "SC" or (key == "UN" and text[end: end + 2] in ("'s", "’s")):
        fix = None  # "SC" may be a Standing Committee; "UN's" is not "United Nations's"
    if found == "U.N." and not (text[end: end + 1] in " \u00a0" and
                                _is_word_char(text[end + 1: end + 2])):
        fix = None  # the stop may also end the sentence
    _report_text(ctx, line, text, m.start(), end,
                 f"write \"{name}\" in full, not \"{found}\"", replacement=fix)


@rule("UN027", "abbreviations", "warning",
      "A resolution spells out the names the UN never abbreviates (\"United Nations\", \"General "
      "Assembly\", \"Security Council\", \"Secretary-General\") and writes \"Member States\" with "
      "capitals; other organizations' \"member States\" keep a lower-case m.", fixable=True,
      unsafe_fix=True)
def abbreviations(ctx: Context) -> None:
    if not _english(ctx):
        return
    for line, text in _plain_units(ctx):
        for pattern, check in ((_ABBREVIATION, _abbreviation),
                               (_SECRETARY_GENERAL, _secretary_general),
                               (_MEMBER_STATE, _member_states)):
            for m in pattern.finditer(text):
                check(ctx, line, text, m)


# --- UN028 ize-spelling ---------------------------------------------------------------------------

# Stems that the Oxford spelling writes with -ize; an explicit list, since many words rightly end
# in -ise (advise, comprise, exercise, expertise, promise, revise, supervise …) and "analyse",
# "paralyse", "catalyse" keep their s.
_IZE_STEMS = frozenset({
    "agon", "antagon", "anonym", "apolog", "author", "capital", "categor", "central", "character",
    "civil", "colon", "commercial", "computer", "conceptual", "critic", "criminal", "democrat",
    "digital", "digit", "dramat", "econom", "emphas", "energ", "equal", "evangel", "familiar",
    "femin", "fertil", "final", "formal", "galvan", "global", "harmon", "homogen", "hospital",
    "human", "hypothes", "ideal", "immun", "institutional", "international", "item", "jeopard",
    "legal", "legitim", "liberal", "local", "marginal", "material", "maxim", "mechan", "memorial",
    "militar", "minim", "mobil", "modern", "monet", "moral", "national", "natural", "neutral",
    "normal", "operational", "optim", "organ", "ostrac", "patron", "penal", "personal", "plagiar",
    "polar", "politic", "popular", "pressur", "priorit", "privat", "pseudonym", "public",
    "radical", "rational", "real", "recogn", "regular", "revolution", "sanit", "scrutin",
    "secular", "sensit", "social", "special", "stabil", "standard", "steril", "stigmat", "subsid",
    "summar", "symbol", "sympath", "synchron", "synthes", "systemat", "terror", "theor", "trivial",
    "urban", "util", "vandal", "victim", "visual", "vital", "vocal", "western", "",
})
_PREFIXES = ("de", "re", "un", "dis", "over", "under")  # "reorganise", "unrecognised"
# -ise endings, found by their literal "is" (fast to scan); the stem before is looked up
_ISE_ENDING = re.compile(r"is(?:e[ds]?|ing|ations?|ers?|able)\b"
                         r"|IS(?:E[DS]?|ING|ATIONS?|ERS?|ABLE)\b")
# Names that keep the spelling of the organization: the OECD and the OECS write "Organisation"
_PROPER = ("Organisation for Economic", "Organisation internationale",
           "Organisation of Eastern Caribbean")


@rule("UN028", "ize-spelling", "warning",
      "The UN spells with -ize (Oxford spelling): \"Recognizing\", \"organization\", "
      "\"emphasize\"; but \"analyse\", and the -ise of advise, exercise, comprise, promise.",
      fixable=True, unsafe_fix=True)
def ize_spelling(ctx: Context) -> None:
    if not _english(ctx):
        return
    for line, text in _plain_units(ctx):
        for m in _ISE_ENDING.finditer(text):
            start = m.start()
            while start and text[start - 1].isascii() and text[start - 1].isalpha():
                start -= 1
            if not _ize_stem(text[start: m.start()].lower()):
                continue
            if text.startswith(_PROPER, start):
                continue
            word = text[start: m.end()]
            at = m.start() + 1 - start  # the "s"
            right = word[:at] + ("Z" if word[at] == "S" else "z") + word[at + 1:]
            _report_text(ctx, line, text, start, m.end(),
                         f"write \"{right}\", not \"{word}\" (-ize spelling)", replacement=right)


def _ize_stem(stem: str) -> bool:
    return stem in _IZE_STEMS or any(stem.startswith(p) and stem[len(p):] in _IZE_STEMS
                                     for p in _PREFIXES)
