"""The rules, one small function each, registered by code (un-style.md §11).

Each function gets a :class:`~unrender.lint.core.Context` and calls ``ctx.report``. Rules look at
the document tree; where a safe fix exists and the Markdown source is at hand, they attach
:class:`~unrender.lint.core.Edit` records found by locating the offending text in the source —
when the text cannot be found unambiguously, the violation is reported without a fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from unrender.ast import (
    Block,
    Emph,
    Inline,
    NoteRef,
    Operative,
    Para,
    Preambular,
    Subparagraph,
    Text,
    all_subparagraphs,
    plain_text,
)
from unrender.lint.core import Context, Edit, rule
from unrender.un.dates import MONTHS
from unrender.un.ordinals import parse_session
from unrender.un.phrases import further_is_adjective, match_opening
from unrender.un.states import canonical, normalise, suggest_state
from unrender.un.symbols import SYMBOL, session_of

# --- helpers -----------------------------------------------------------------------------------

_LABEL_LINE = re.compile(r"^\s*\([a-z]{1,4}\)\s")
_ITEM_LINE = re.compile(r"^\s{0,3}\d+[.)]\s")
_TRAILING_CALLS = re.compile(r"(?:\[\^[^\]\s]+\])+\s*\\?\s*$")


def _text_units(ctx: Context) -> Iterator[tuple[int, list[Inline]]]:
    """(line, inline content) of every paragraph, subparagraph, annex text and footnote."""
    doc = ctx.doc
    yield (doc.meta.line or 1, doc.formula)
    for blocks in (doc.body, *(a.blocks for a in doc.annexes)):
        for block in blocks:
            yield block.line, block.content
            for sub in all_subparagraphs(getattr(block, "subparagraphs", [])):
                yield sub.line, sub.content
    for annex in doc.annexes:
        yield annex.line, annex.title
    for note in doc.footnotes:
        yield note.line, note.content


def _plain_units(ctx: Context) -> list[tuple[int, str]]:
    """(line, plain text) of every text unit, worked out once for all the rules on words."""
    if "plain_units" not in ctx.memo:
        ctx.memo["plain_units"] = [(line, plain_text(content))
                                   for line, content in _text_units(ctx)]
    return ctx.memo["plain_units"]  # type: ignore[return-value]


def _end_char(content: list[Inline]) -> str:
    text = plain_text(content).rstrip()
    return text[-1:] if text else ""


def _ending_edit(ctx: Context, line: int, content: list[Inline], want: str) -> Edit | None:
    """The edit that makes the paragraph starting at ``line`` end with ``want``, if it is sure."""
    lines = ctx.lines
    if not lines or line < 1 or line > len(lines):
        return None
    last = line
    while last < len(lines):
        nxt = lines[last]
        if not nxt.strip() or _LABEL_LINE.match(nxt) or _ITEM_LINE.match(nxt):
            break
        last += 1
    source = lines[last - 1]
    calls = _TRAILING_CALLS.search(source)
    body = source[: calls.start()] if calls else source.rstrip()
    body = body.rstrip()
    if not body:
        return None
    char, index = body[-1], len(body) - 1
    if char != _end_char(content):
        return None  # markup or something else at the end: not sure what the source means
    if char in ",;.:":
        return Edit(last, index, index + 1, want)
    if char.isalnum() or char in ")”’\"'":
        return Edit(last, index + 1, index + 1, want)
    return None


def _check_ending(ctx: Context, line: int, content: list[Inline], allowed: str, want: str,
                  what: str) -> None:
    end = _end_char(content)
    if not end or end in allowed:
        return
    shown = " or ".join(f'"{c}"' for c in allowed)
    edit = _ending_edit(ctx, line, content, want)
    ctx.report(line, f"{what} should end with {shown}, not {end!r}", fix=[edit] if edit else None)


def _opening(content: list[Inline]) -> str:
    return plain_text(content).lstrip()


_INTENSIFIERS = {"operative": ("Strongly ",), "preambular": ("Strongly ", "Extremely ")}


def _known_opening(content: list[Inline], kind: str) -> bool:
    """A listed phrase, also with a preposed adverb ("Also re-emphasizes") or the prefix "Re-"
    on a listed verb ("Re-emphasizes"). An italic phrase that adds an unlisted "with …" to a
    listed one ("*Noting with zest*") is not known."""
    text = _opening(content)
    if content and isinstance(content[0], Emph):
        marked = plain_text([content[0]]).strip().rstrip(",;:")
        phrase = match_opening(marked, kind)  # type: ignore[arg-type]
        if phrase and marked[len(phrase):].strip().startswith("with "):
            return False
    candidates = [text]
    for prefix in ("Also ", "Further "):
        if text.startswith(prefix):
            candidates.append(text[len(prefix):])
    for cand in list(candidates):
        # an intensifier the UN puts before a listed phrase: "Strongly condemns" (the phrase
        # list counts the verb alone), "Extremely alarmed" — but never the model-UN "Fully"
        for adverb in _INTENSIFIERS[kind]:
            if cand[:len(adverb)].lower() == adverb.lower():
                candidates.append(cand[len(adverb):])
    for cand in list(candidates):
        if cand[:3].lower() == "re-":
            candidates.append(cand[3:])
    return any(match_opening(c[:1].upper() + c[1:], kind)  # type: ignore[arg-type]
               for c in candidates if c)


def _last_unit(block: Operative | Preambular) -> tuple[int, list[Inline]]:
    """The line and text that end a paragraph: its deepest last subparagraph, or itself."""
    if not block.subparagraphs:
        return block.line, block.content
    sub = block.subparagraphs[-1]
    while sub.subparagraphs:
        sub = sub.subparagraphs[-1]
    return sub.line or block.line, sub.content


def _first_words(text: str, n: int = 4) -> str:
    return " ".join(text.split()[:n])


# --- preambular and operative paragraphs --------------------------------------------------------


@rule("UN001", "preamble-opening", "warning",
      "A preambular paragraph opens with a participle or adjective phrase used in UN resolutions "
      "(\"Recalling\", \"Deeply concerned\"); invented openings read as model-UN prose.")
def preamble_opening(ctx: Context) -> None:
    for block in ctx.doc.preamble:
        text = _opening(block.content)
        if text and not _known_opening(block.content, "preambular"):
            ctx.report(block.line, f"preambular paragraph opens with an unknown phrase "
                       f"\"{_first_words(text)}…\" (not in the list of UN opening phrases)")


@rule("UN002", "preamble-ending", "warning",
      "Preambular paragraphs end with a comma: the preamble is one sentence that the first "
      "operative paragraph completes.", fixable=True)
def preamble_ending(ctx: Context) -> None:
    for block in ctx.doc.preamble:
        _check_paragraph_ending(ctx, block, ":,", ",", "a preambular paragraph")


def _check_paragraph_ending(ctx: Context, block: Block, intro: str, end: str, what: str) -> None:
    """``block`` ends with ``end``; with subparagraphs, its own text ends with one of ``intro``
    (a colon is written when it is missing) and its last subparagraph with ``end``."""
    if block.subparagraphs:
        _check_ending(ctx, block.line, block.content, intro, ":", f"{what} introducing "
                      "subparagraphs")
        line, content = _last_unit(block)
        _check_ending(ctx, line, content, end, end, f"the last subparagraph of {what}")
    else:
        _check_ending(ctx, block.line, block.content, end, end, what)


@rule("UN003", "operative-opening", "warning",
      "An operative paragraph opens with a verb in the present tense used in UN resolutions "
      "(\"Decides\", \"Also requests\").")
def operative_opening(ctx: Context) -> None:
    for block in ctx.doc.operative:
        text = _opening(block.content)
        if text and not _known_opening(block.content, "operative"):
            ctx.report(block.line, f"operative paragraph opens with an unknown phrase "
                       f"\"{_first_words(text)}…\" (not in the list of UN operative phrases)")


def _followed_by_text(ctx: Context, block: Operative) -> bool:
    body = ctx.doc.body
    after = body[body.index(block) + 1:]
    return any(isinstance(b, Para) for b in after)


@rule("UN004", "operative-ending", "warning",
      "Operative paragraphs other than the last end with a semicolon, or a colon before their "
      "subparagraphs.", fixable=True)
def operative_ending(ctx: Context) -> None:
    ops = ctx.doc.operative
    for block in ops[:-1]:
        _check_paragraph_ending(ctx, block, ":", ";", "an operative paragraph")


@rule("UN005", "final-full-stop", "error",
      "The last operative paragraph (or its last subparagraph) ends the resolution's single "
      "sentence with a full stop.", fixable=True)
def final_full_stop(ctx: Context) -> None:
    ops = ctx.doc.operative
    if not ops:
        return
    last = ops[-1]
    if _followed_by_text(ctx, last):
        return  # "Adopts the Declaration …:" followed by the text adopted
    if last.subparagraphs:
        _check_ending(ctx, last.line, last.content, ":", ":", "the last operative paragraph, "
                      "introducing subparagraphs,")
    line, content = _last_unit(last)
    _check_ending(ctx, line, content, ".", ".", "the last operative paragraph")


@rule("UN006", "operative-numbering", "error",
      "Operative paragraphs are numbered 1, 2, 3 … without gaps or repeats; a single operative "
      "paragraph is not numbered.")
def operative_numbering(ctx: Context) -> None:
    ops = ctx.doc.operative
    if len(ops) == 1:
        if ops[0].number is not None:
            ctx.report(ops[0].line, "a single operative paragraph is not numbered: write it as "
                       "a plain paragraph")
        return
    previous = 0
    for block in ops:
        if block.number is None:
            ctx.report(block.line, "operative paragraph has no number (the others are numbered)")
            previous += 1
            continue
        if not block.number.isdigit():
            ctx.report(block.line, f"operative paragraph number {block.number!r} is not a "
                       "number")
            previous += 1
            continue
        number = int(block.number)
        if number == previous:
            hint = (" (in Markdown, a wrapped line that starts with a number and a full stop "
                    "starts a list item)") if ctx.lines else ""
            ctx.report(block.line, f"operative paragraph {number} is numbered twice{hint}")
        elif number != previous + 1:
            ctx.report(block.line, f"operative paragraph {number} follows {previous} "
                       f"(expected {previous + 1})")
        previous = number


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa, 28 -> bb (the UN doubles the letter after z)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def expected_label(depth: int, n: int) -> str:
    return _letters(n) if depth % 2 == 0 else _roman(n)


@rule("UN007", "subparagraph-labels", "error",
      "Subparagraphs are labelled (a), (b), (c) …, and within them (i), (ii), (iii) …, in "
      "sequence.")
def subparagraph_labels(ctx: Context) -> None:
    def walk(subs: list[Subparagraph], depth: int, parent_line: int) -> None:
        for n, sub in enumerate(subs, 1):
            want = expected_label(depth, n)
            if sub.label != want:
                kind = "lettered" if depth % 2 == 0 else "roman-numbered"
                ctx.report(sub.line or parent_line, f"subparagraph ({sub.label}) should be "
                           f"({want}): {kind} labels run in sequence")
            walk(sub.subparagraphs, depth + 1, sub.line or parent_line)

    for blocks in (ctx.doc.body, *(a.blocks for a in ctx.doc.annexes)):
        for block in blocks:
            walk(getattr(block, "subparagraphs", []), 0, block.line)


# "(a) … ; and" / "; or" before the last item: real texts link the last two items so
_LINKED = re.compile(r"([;,])\s+(?:and|or)$")
_BARE_LINK = re.compile(r"\s(?:and|or)$")


@rule("UN030", "subparagraph-ending", "warning",
      "Subparagraphs end like the items of a list: each but the last of an operative "
      "paragraph's list with \";\" (\"; and\" and \"; or\" are accepted), one with its own "
      "subparagraphs with \":\"; in a preambular paragraph \",\" or \";\".", fixable=True)
def subparagraph_ending(ctx: Context) -> None:
    # The ending of the paragraph's very last unit is UN002/UN004/UN005's; a paragraph's own
    # colon before its list is theirs too. This checks every other subparagraph.
    for block in (*ctx.doc.preamble, *ctx.doc.operative):
        if not block.subparagraphs:
            continue
        operative = isinstance(block, Operative)
        allowed, want = (";", ";") if operative else (",;", "")
        last = _last_unit(block)[1]
        kind = "an operative" if operative else "a preambular"
        for sub in all_subparagraphs(block.subparagraphs):
            line = sub.line or block.line
            if sub.subparagraphs:
                _check_sub(ctx, line, sub.content, ":", ":", "a subparagraph introducing its "
                           "own subparagraphs")
            elif sub.content is not last:
                _check_sub(ctx, line, sub.content, allowed, want, f"a subparagraph of {kind} "
                           "paragraph, before the end of the paragraph,")


def _check_sub(ctx: Context, line: int, content: list[Inline], allowed: str, want: str,
               what: str) -> None:
    text = plain_text(content).rstrip()
    linked = _LINKED.search(text)
    if not text or text[-1] in allowed or (linked and linked.group(1) in allowed):
        return
    # no fix when the wanted ending is open (preamble: "," or ";") or the text ends in a bare
    # "and": the ";" goes before the "and", which is a rewrite, not a punctuation fix
    edit = _ending_edit(ctx, line, content, want) if want and not _BARE_LINK.search(text) \
        else None
    shown = " or ".join(f'"{c}"' for c in allowed)
    ctx.report(line, f"{what} should end with {shown}, not {text[-1]!r}",
               fix=[edit] if edit else None)


# --- repeated openers ---------------------------------------------------------------------------

_PRE_ADVERB_FIRST = re.compile(r"^(Also|Further)\s+([a-z][\w-]*ing)\b")
_OP_ADVERB_AFTER = re.compile(r"^([A-Z][\w-]*s(?:\s+upon)?)\s+(also|further)\b")
@rule("UN008", "adverb-position", "warning",
      "A repeated preambular participle takes the adverb after it (\"Recalling also\"); a "
      "repeated operative verb takes it before (\"Also requests\").")
def adverb_position(ctx: Context) -> None:
    for block in ctx.doc.preamble:
        m = _PRE_ADVERB_FIRST.match(_opening(block.content))
        if m:
            better = f"{m.group(2).capitalize()} {m.group(1).lower()}"
            ctx.report(block.line, f"write \"{better}\", not \"{m.group(0)}\" (preambular "
                       "phrases take the adverb after the participle)")
    for block in ctx.doc.operative:
        text = _opening(block.content)
        m = _OP_ADVERB_AFTER.match(text)
        if m and m.group(2) == "further" and further_is_adjective(text, m.end()):
            continue
        if m and not m.group(1).startswith(("Also", "Further")):
            better = f"{m.group(2).capitalize()} {m.group(1)[0].lower()}{m.group(1)[1:]}"
            ctx.report(block.line, f"write \"{better}\", not \"{m.group(0)}\" (operative verbs "
                       "take the adverb before the verb)")


def _base_and_rank(text: str, kind: str) -> tuple[str, int] | None:
    phrase = match_opening(text, kind)  # type: ignore[arg-type]
    if phrase is None:
        m = _PRE_ADVERB_FIRST.match(text) if kind == "preambular" else None
        if not m:
            return None
        phrase = m.group(0)
    words = phrase.split()
    rank = 0
    if words[0] in ("Also", "Further") and len(words) > 1:
        rank = 1 if words[0] == "Also" else 2
        words = words[1:]
    kept = []
    for word in words:
        if word in ("also", "further"):
            rank = max(rank, 1 if word == "also" else 2)
        elif word == "again":
            continue
        else:
            kept.append(word)
    # runs are told by the verb alone: "Reiterates the urgency" opens the run that "Also
    # reiterates its call" continues, "Guided by" the one of "Guided also by"
    return kept[0].lower(), rank


@rule("UN009", "opener-order", "warning",
      "Repeated openers run plain → also → further: \"Recalling\", \"Recalling also\", "
      "\"Recalling further\"; \"Requests\", \"Also requests\", \"Further requests\".")
def opener_order(ctx: Context) -> None:
    for kind, blocks in (("preambular", ctx.doc.preamble), ("operative", ctx.doc.operative)):
        seen: dict[str, int] = {}
        for block in blocks:
            found = _base_and_rank(_opening(block.content), kind)
            if not found:
                continue
            base, rank = found
            best = seen.get(base)
            if rank == 1 and best is None:
                ctx.report(block.line, f"\"{base}\" with \"also\" comes before any plain "
                           f"\"{base}\" paragraph")
            elif rank == 2 and (best is None or best < 1):
                ctx.report(block.line, f"\"{base}\" with \"further\" comes before any "
                           f"\"{base}\" with \"also\"")
            seen[base] = max(rank, best if best is not None else 0)


# --- footnotes ----------------------------------------------------------------------------------


def _noterefs(content: list[Inline]) -> Iterator[NoteRef]:
    for node in content:
        if isinstance(node, NoteRef):
            yield node
        elif hasattr(node, "children"):
            yield from _noterefs(node.children)


@rule("UN010", "footnotes", "error",
      "Every footnote call has exactly one footnote and every footnote is called; footnotes are "
      "numbered 1, 2, 3 … in order of first call.")
def footnotes(ctx: Context) -> None:
    doc = ctx.doc
    defined: dict[str, int] = {}
    for note in doc.footnotes:
        if note.label in defined:
            ctx.report(note.line, f"footnote [^{note.label}] is defined twice")
        defined.setdefault(note.label, note.line)
    order: dict[str, None] = {}  # labels in order of first call (a dict: thousands of notes)
    for line, content in _text_units(ctx):
        for ref in _noterefs(content):
            if ref.label not in defined:
                ctx.report(line, f"footnote [^{ref.label}] is called but never defined")
            else:
                order.setdefault(ref.label)
    for note in doc.footnotes:
        if note.label not in order:
            ctx.report(note.line, f"footnote [^{note.label}] is defined but never called")
    first_notes = {note.label: note for note in reversed(doc.footnotes)}
    for position, label in enumerate(order, 1):
        note = first_notes.get(label)
        if note is not None and note.number != position:
            ctx.report(note.line, f"footnote [^{label}] is numbered {note.number} but is the "
                       f"{position}th called")


@rule("UN011", "footnote-call-placement", "warning",
      "A footnote call goes after the punctuation it follows: \"of 2000,[^1]\", not "
      "\"of 2000[^1],\".", fixable=True)
def footnote_call_placement(ctx: Context) -> None:
    for line, content in _text_units(ctx):
        for i, node in enumerate(content[:-1]):
            after = content[i + 1]
            if isinstance(node, NoteRef) and isinstance(after, Text) and after.text[:1] in ",;.:":
                punct = after.text[0]
                call = f"[^{node.label}]"
                where = ctx.locate(call + punct, line)
                edit = None
                if where:
                    ln, col = where
                    edit = Edit(ln, col, col + len(call) + 1, punct + call)
                ctx.report(where[0] if where else line,
                           f"footnote call {call} should follow the \"{punct}\", not precede it",
                           col=(where[1] + 1) if where else 1, fix=[edit] if edit else None)


# --- dates, ranges, quotes ----------------------------------------------------------------------

_MONTH = "(?:" + "|".join(MONTHS) + ")"
_SP = r"[ \u00a0]"
_DATE_PROBLEMS = [
    (re.compile(rf"\b{_MONTH}{_SP}\d{{1,2}}(?:st|nd|rd|th)?,?{_SP}\d{{4}}\b"),
     "write dates as day month year (\"25 September 2015\")"),
    (re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th){_SP}(?:of{_SP})?{_MONTH}\b"),
     "write the day without an ordinal suffix (\"25 September\")"),
    (re.compile(rf"\b{_MONTH}{_SP}\d{{1,2}}(?:st|nd|rd|th)\b"),
     "write dates as day month year, without an ordinal suffix"),
    (re.compile(rf"\b\d{{1,2}}{_SP}{_MONTH},{_SP}\d{{4}}\b"),
     "write dates without a comma before the year (\"25 September 2015\")"),
]


def _report_text(ctx: Context, line: int, text: str, start: int, end: int, message: str,
                 replacement: str | None = None) -> None:
    """Report ``text[start:end]`` found in a paragraph starting at ``line``; locate it in the
    source for a column and, with ``replacement``, a fix."""
    lo = max(0, start - 12)
    hi = min(len(text), end + 12)
    where = None
    for a, b in ((lo, hi), (start, hi), (lo, end), (start, end)):
        fragment = text[a:b]
        if "\n" in fragment:
            continue
        found = ctx.locate(fragment, line)
        if found:
            where = (found[0], found[1] + (start - a))
            break
    edit = None
    if where and replacement is not None:
        edit = Edit(where[0], where[1], where[1] + (end - start), replacement)
    ctx.report(where[0] if where else line, message, col=(where[1] + 1) if where else 1,
               fix=[edit] if edit else None)


@rule("UN012", "date-format", "warning",
      "The UN writes dates day month year with no comma and no ordinal: \"25 September 2015\".")
def date_format(ctx: Context) -> None:
    for line, text in _plain_units(ctx):
        reported: set[int] = set()
        for pattern, advice in _DATE_PROBLEMS:
            for m in pattern.finditer(text):
                if m.start() in reported:
                    continue
                reported.add(m.start())
                _report_text(ctx, line, text, m.start(), m.end(),
                             f"date \"{m.group(0)}\": {advice}")


_NUMBER_RANGE = re.compile(r"(?<![\w/.\-–])(\d{1,4})-(\d{1,4})(?![\w/\-])")
_MONTH_RANGE = re.compile(rf"\b({_MONTH})-(\d{{1,2}}{_SP}{_MONTH})\b")


@rule("UN013", "range-dash", "warning",
      "Ranges take an unspaced en dash: \"2015–2030\", \"13 June–8 July\".", fixable=True)
def range_dash(ctx: Context) -> None:
    for line, text in _plain_units(ctx):
        for pattern in (_NUMBER_RANGE, _MONTH_RANGE):
            for m in pattern.finditer(text):
                if pattern is _NUMBER_RANGE and int(m.group(1)) >= int(m.group(2)) and \
                        len(m.group(1)) == len(m.group(2)):
                    continue  # "10-5" is not a range (a score, a code)
                dash = m.end(1)
                _report_text(ctx, line, text, dash, dash + 1,
                             f"range \"{m.group(0)}\" takes an en dash: "
                             f"\"{m.group(1)}–{m.group(2)}\"", replacement="–")


def _curly(text: str, i: int) -> str:
    char = text[i]
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    opening = not before or before.isspace() or before in "([{—–-/"
    if char == '"':
        return "“" if opening else "”"
    if before.isalnum() and (after.isalpha() or not after or not after.isalnum()):
        return "’"  # apostrophe or closing single quote
    return "‘" if opening else "’"


@rule("UN014", "straight-quotes", "warning",
      "UN texts use curly quotation marks and apostrophes: “…”, ‘…’, Côte d’Ivoire.",
      fixable=True)
def straight_quotes(ctx: Context) -> None:
    for line, text in _plain_units(ctx):
        if '"' not in text and "'" not in text:
            continue  # most paragraphs: skip the walk through the text
        for m in _STRAIGHT.finditer(text):
            i, char = m.start(), m.group(0)
            curly = _curly(text, i)
            _report_text(ctx, line, text, i, i + 1,
                         f"straight quote {char} should be {curly}", replacement=curly)


_STRAIGHT = re.compile("[\"']")


# --- metadata -----------------------------------------------------------------------------------

_COMMITTEES = {"First Committee": "1", "Second Committee": "2", "Third Committee": "3",
               "Fourth Committee": "4", "Special Political and Decolonization Committee": "4",
               "Fifth Committee": "5", "Sixth Committee": "6"}


def _meta_line(ctx: Context, key: str) -> int:
    """The line of ``key:`` in the front matter, else the front matter's first line."""
    if ctx.lines:
        pattern = re.compile(rf"^{re.escape(key)}\s*:")
        for number, text in enumerate(ctx.lines[:200], 1):
            if pattern.match(text):
                return number
            if number > 1 and text.strip() == "---":
                break
    return ctx.doc.meta.line or 1


@rule("UN015", "symbol", "error",
      "The document symbol is well formed and fits the body and kind: drafts carry an L. "
      "symbol (A/HRC/50/L.10), resolutions a RES symbol (A/HRC/RES/50/10).")
def symbol(ctx: Context) -> None:
    meta = ctx.doc.meta
    sym = meta.symbol
    if not sym:
        return
    line = _meta_line(ctx, "symbol")
    plain = sym.replace("/DEC/", "/RES/")
    if not SYMBOL.match(plain):
        ctx.report(line, f"symbol {sym!r} is not a well-formed UN document symbol")
        return
    problems = []
    draft = meta.kind.startswith("draft")
    if draft and "/L." not in sym:
        problems.append(f"a {meta.kind} has an L. symbol (e.g. A/HRC/53/L.1)")
    if not draft and "/L." in sym:
        problems.append(f"an adopted {meta.kind} does not have an L. symbol")
    if meta.kind == "resolution" and "/RES/" not in sym and meta.body != "Security Council":
        problems.append("a resolution's symbol contains /RES/")
    if meta.kind == "decision" and "/DEC/" not in sym and sym.startswith("A/HRC/"):
        problems.append("a decision of the Council has a /DEC/ symbol")
    body = meta.body
    if body == "Human Rights Council" and not sym.startswith("A/HRC/"):
        problems.append("Human Rights Council symbols start with A/HRC/")
    elif body == "General Assembly" and (not sym.startswith("A/") or sym.startswith(("A/HRC/",
                                                                                      "A/C."))):
        problems.append("General Assembly symbols start with A/ (not A/HRC/ or A/C.)")
    elif body in _COMMITTEES:
        n = _COMMITTEES[body]
        if draft and not sym.startswith(f"A/C.{n}/"):
            problems.append(f"drafts of the {body} have A/C.{n}/ symbols")
    elif body == "Security Council" and not sym.startswith("S/"):
        problems.append("Security Council symbols start with S/")
    elif body == "Economic and Social Council" and not sym.startswith("E/"):
        problems.append("Economic and Social Council symbols start with E/")
    if meta.number and not draft and "..." not in meta.number and "/RES/" in sym:
        core = re.sub(r"(?:/(?:Rev|Corr|Add|Amend)\.\d+)*\*?$", "", sym)
        if not core.endswith("/" + meta.number):
            problems.append(f"the symbol does not end with the number {meta.number}")
    if problems:
        ctx.report(line, f"symbol {sym}: " + "; ".join(problems))


def _name_line(ctx: Context, name: str, default: int) -> int:
    """The front-matter line that lists ``name`` (the first after ``default``), else ``default``."""
    if ctx.lines:
        for number in range(max(default, 1), min(len(ctx.lines), default + 400) + 1):
            text = ctx.lines[number - 1]
            if text.strip() == "---":
                break
            if name in text:
                return number
    return default


def _state_lists(ctx: Context) -> Iterator[tuple[str, int, list[str]]]:
    adoption = ctx.doc.adoption
    if adoption and adoption.vote:
        line = adoption.line or _meta_line(ctx, "adoption")
        for label, names in (("in favour", adoption.vote.in_favour),
                             ("against", adoption.vote.against),
                             ("abstaining", adoption.vote.abstaining)):
            yield label, line, names
    if ctx.doc.meta.sponsors:
        yield "sponsors", _meta_line(ctx, "sponsors"), [s.name for s in ctx.doc.meta.sponsors]


@rule("UN016", "vote-lists", "error",
      "The recorded vote is consistent: no State twice, none in two lists, a vote in favour, "
      "and at most 47 votes in the Human Rights Council.")
def vote_lists(ctx: Context) -> None:
    adoption = ctx.doc.adoption
    if not adoption or not adoption.vote:
        return
    vote = adoption.vote
    line = adoption.line or _meta_line(ctx, "adoption")
    where: dict[str, str] = {}
    for label, names in (("in favour", vote.in_favour), ("against", vote.against),
                         ("abstaining", vote.abstaining)):
        for name in names:
            key = canonical(name) or normalise(name)
            if key in where:
                same = where[key] == label
                lists = label if same else f"{where[key]} and {label}"
                ctx.report(_name_line(ctx, name, line), f"{name} is listed twice ({lists})")
            where.setdefault(key, label)
    if not vote.in_favour:
        ctx.report(line, "the recorded vote has nobody in favour")
    total = len(vote.in_favour) + len(vote.against) + len(vote.abstaining)
    if ctx.doc.meta.body == "Human Rights Council" and total > 47:
        ctx.report(line, f"the recorded vote has {total} votes; the Human Rights Council has 47 "
                   "members")


@rule("UN017", "state-names", "error",
      "States in votes and sponsors lines are UN Member States or observers, named as the UN "
      "lists them.")
def state_names(ctx: Context) -> None:
    for label, line, names in _state_lists(ctx):
        for name in names:
            if canonical(name) is None:
                ctx.report(_name_line(ctx, name, line), f"{name!r} ({label}) is not the name of "
                           f"a UN Member State or observer{suggest_state(name)}")


@rule("UN018", "state-spelling", "warning",
      "A State is written with the UN's own short name (\"Bolivia (Plurinational State of)\", "
      "\"Türkiye\"), not a variant. Off unless selected: names change over time, and a 2021 "
      "text rightly says \"Netherlands\".", default=False)
def state_spelling(ctx: Context) -> None:
    for label, line, names in _state_lists(ctx):
        for name in names:
            official = canonical(name)
            if official is not None and normalise(official) != normalise(name):
                ctx.report(_name_line(ctx, name, line),
                           f"{name!r} ({label}): the UN's current name is {official!r}")


@rule("UN019", "list-order", "warning",
      "Vote lists and sponsors are in English alphabetical order.")
def list_order(ctx: Context) -> None:
    for label, line, names in _state_lists(ctx):
        keys = [normalise(canonical(n) or n) for n in names]
        for i in range(1, len(keys)):
            if keys[i] < keys[i - 1]:
                ctx.report(_name_line(ctx, names[i], line), f"{label}: {names[i]!r} should come "
                           f"before {names[i - 1]!r} (alphabetical order)")
                break


@rule("UN020", "required-metadata", "error",
      "Each kind of document carries its own front matter: a draft has sponsors and no adoption; "
      "an adopted text has its meeting and date.")
def required_metadata(ctx: Context) -> None:
    meta, adoption = ctx.doc.meta, ctx.doc.adoption
    if meta.kind.startswith("draft"):
        if not meta.sponsors:
            ctx.report(_meta_line(ctx, "kind"), f"a {meta.kind} needs 'sponsors' (the States "
                       "that present it)")
        if adoption and (adoption.meeting or adoption.date or adoption.vote or
                         adoption.without_vote):
            ctx.report(_meta_line(ctx, "adoption") if ctx.lines else adoption.line,
                       f"a {meta.kind} has not "
                       "been adopted: remove 'adoption'")
        return
    line = _meta_line(ctx, "adoption") if ctx.lines else (adoption.line if adoption else 0)
    if adoption is None:
        ctx.report(_meta_line(ctx, "kind"), f"an adopted {meta.kind} needs 'adoption' with its "
                   "meeting and date")
        return
    for key in ("meeting", "date"):
        if not getattr(adoption, key):
            ctx.report(line, f"'adoption' needs '{key}' for an adopted {meta.kind}")
    if meta.sponsors:
        ctx.report(_meta_line(ctx, "sponsors"), f"an adopted {meta.kind} prints no sponsors "
                   "line: remove 'sponsors'")


@rule("UN021", "enacting-formula", "warning",
      "The enacting formula ends with a comma when a preamble follows and without one when the "
      "operative part follows directly.")
def enacting_formula(ctx: Context) -> None:
    text = plain_text(ctx.doc.formula).strip()
    if not text:
        return
    line = _formula_line(ctx)
    if ctx.doc.preamble and not text.endswith(","):
        ctx.report(line, f"enacting formula \"{text}\" should end with a comma before the "
                   "preamble")
    elif not ctx.doc.preamble and text.endswith(","):
        ctx.report(line, f"enacting formula \"{text}\" takes no comma when no preamble follows")


def _formula_line(ctx: Context) -> int:
    first = ctx.doc.body[0].line if ctx.doc.body else 0
    if ctx.lines and first:
        for number in range(first - 1, 0, -1):
            if ctx.lines[number - 1].strip() and ctx.lines[number - 1].strip() != "---":
                return number
    return ctx.doc.meta.line or 1


def _block_opening_edit(ctx: Context, block: Block, phrase: str) -> Edit | None:
    if not ctx.lines or not (1 <= block.line <= len(ctx.lines)):
        return None
    source = ctx.lines[block.line - 1]
    m = re.match(r"^(\s*(?:\d+[.)]\s+)?)", source)
    start = m.end() if m else 0
    if not source.startswith(phrase, start):
        return None
    return Edit(block.line, start, start + len(phrase), f"*{phrase}*")


@rule("UN022", "opening-italics", "warning",
      "The opening phrase of each preambular and operative paragraph is in italics; mark it in "
      "the source so the text reads as it prints.", fixable=True)
def opening_italics(ctx: Context) -> None:
    if ctx.lines is None:
        return  # markup of extracted text or XML is not the author's: nothing to mark
    for block in ctx.doc.body:
        if not isinstance(block, (Preambular, Operative)) or not block.content:
            continue
        if isinstance(block.content[0], Emph):
            continue
        kind = "preambular" if isinstance(block, Preambular) else "operative"
        phrase = match_opening(_opening(block.content), kind)
        if phrase is None:
            continue
        edit = _block_opening_edit(ctx, block, phrase)
        ctx.report(block.line, f"opening phrase \"{phrase}\" is not marked in italics "
                   f"(write *{phrase}*)", fix=[edit] if edit else None)


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_NUMBER_SESSION = re.compile(r"^(\d+)/")


@rule("UN029", "session-consistency", "warning",
      "The session number, the session name, the session in the symbol and in the resolution "
      "number agree, and the text is adopted (and issued) within the years of the session's "
      "dates.")
def session_consistency(ctx: Context) -> None:
    # The Markdown reader derives the session name from 'session', so a mismatch of name and
    # number comes only from other readers (AKN); its session-symbol check is a reader warning
    # that `check` does not show, so it is repeated here.
    meta, adoption = ctx.doc.meta, ctx.doc.adoption
    session = meta.session
    if session and meta.session_name:
        named = parse_session(meta.session_name)
        if named and named != session:
            ctx.report(_meta_line(ctx, "session"), f"session name {meta.session_name!r} does "
                       f"not match session {session}")
    in_symbol = session_of(meta.symbol)
    if session and in_symbol and in_symbol != session:
        ctx.report(_meta_line(ctx, "session"), f"session {session} does not match the symbol "
                   f"{meta.symbol} (session {in_symbol})")
    reference = session or in_symbol
    m = _NUMBER_SESSION.match(meta.number or "")
    # UN015 already ties an adopted resolution's number to its /RES/ symbol
    tied = bool(meta.symbol and "/RES/" in meta.symbol and not meta.kind.startswith("draft")
                and "..." not in (meta.number or ""))
    if m and reference and int(m.group(1)) != reference and not (tied and in_symbol):
        ctx.report(_meta_line(ctx, "number"), f"number {meta.number} is not of session "
                   f"{reference}")
    years = [int(y) for y in _YEAR.findall(meta.session_dates or "")]
    if not years:
        return
    first, end = min(years), max(years)
    where = _meta_line(ctx, "session_dates")
    adopted = adoption.date if adoption else None
    if adopted and not first <= adopted.year <= end:
        ctx.report(where, f"session dates {meta.session_dates} do not include the adoption "
                   f"date ({adopted.year})")
    elif meta.date and meta.date.year < first:
        # issued before the session began (a later issue date is normal)
        ctx.report(where, f"session dates {meta.session_dates} begin after the date of issue "
                   f"({meta.date.year})")
