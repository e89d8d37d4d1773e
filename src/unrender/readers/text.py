"""Text extracted from UN PDFs -> authoring source -> :class:`Document`.

Users start from documents the UN already issued, and the text a PDF extractor gives back is
messy: masthead lines run together (``**Human Rights Council****Forty-seventh session**``), page
rules (``---``), paragraphs cut in two at a page break, footnote texts stranded where a page
ended, escaped symbol notes (``\\*``), the meeting lines and the bracketed vote record.

This reader applies the rules of UN document structure (un-style.md §3–§7), not knowledge of
particular documents: it recognises the front matter line by line, re-joins paragraphs, moves
footnotes to their calls, and writes authoring-format Markdown that the Markdown reader then
parses — so ``unrender import`` can hand the user the same source the build used.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import itertools
import re
from dataclasses import dataclass, field

import yaml

from unrender.ast import Document
from unrender.diagnostics import (
    FOOTNOTE_RECOVERY,
    INFERRED,
    STATE_NAMES,
    UNRECOGNISED,
    VOTE_RECORD,
    Diagnostic,
    SourceError,
    SourceErrors,
)
from unrender.limits import check_source_size
from unrender.readers.detect import FORMULA, split_runs
from unrender.un.bodies import BODIES
from unrender.un.dates import MONTHS, parse_date
from unrender.un.ordinals import parse_session
from unrender.un.phrases import match_opening
from unrender.un.states import split_states, suggest_state
from unrender.un.symbols import SYMBOL, resolution_symbol

_MONTH = "|".join(MONTHS)
_DATE = rf"\d{{1,2}}\s+(?:{_MONTH})\s+\d{{4}}"
_SESSION = re.compile(r"^(?:Resumed\s+)?[A-Z][a-z]+(?:-[a-z]+)?\s+(?:special\s+)?session$")
_SESSION_DATES = re.compile(rf"^\d{{1,2}}(?:\s+(?:{_MONTH}))?(?:\s+\d{{4}})?\s*[–-]\s*{_DATE}$")
_AGENDA = re.compile(r"^Agenda items?\s+(.+)$")
_DISTR = re.compile(r"^Distr\.:?\s*(General|Limited|Restricted)\b(.*)$")
_ORIGINAL = re.compile(r"^Original:\s*(\w+)")
# "on <date>" is tried only after a word: from inside a run of spaces it rescanned the run
_ADOPTED_BY = re.compile(
    rf"^(Resolution|Decision) adopted by the (.+?)(?:(?<!\s)\s+on\s+({_DATE}))?$")
_REFERENCE = re.compile(
    r"^\[(?:\*|_)?\s*((?:without reference to|on the report of).+?)(?:\*|_)?\s*\]$"
)
_NUMBERED_TITLE = re.compile(r"^(\d{1,3}/(?:\d{1,4}|\.\.\.|…))\.?\s+(.+)$")
# The list ends on a letter, not inside the marks: a lazy list followed by a run of spaces and
# stars tried every split of a long run (quadratic on a header line of 10^5 spaces).
_SPONSORS = re.compile(
    r"^(?P<list>.*?[^\s*])(?P<m1>[\s*]*):(?P<m2>[\s*]*)(?P<kind>draft (?:resolution|decision))$"
)
_JOB = re.compile(r"^((?:GE\.)?\d{2}-\d{5})\s*\(E\)(?:\s+(\d{6}))?")
_NOISE = re.compile(r"^(?:United Nations|Please recycle|\*\d{7}\*|\d+/\d+)$")

_NOTE_DEF = re.compile(r"^(?:<sup>(\d+)</sup>|([¹²³⁴⁵⁶⁷⁸⁹⁰]+))\s*(.*)$")
_SYMBOL_NOTE_DEF = re.compile(r"^\\?(\*+|\\\*(?:\\\*)*)\s+(\S.*)$")
_SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_CALL = re.compile(r"<sup>(\d+)</sup>|(?<=\S)([¹²³⁴⁵⁶⁷⁸⁹⁰]+)")
# where the extraction printed superscripts as plain digits: "72/4; 1", "Statute,2" — but not
# the decimal "12.4"
_FLAT_CALL = re.compile(
    r"<sup>(\d+)</sup>|(?<=\S)([¹²³⁴⁵⁶⁷⁸⁹⁰]+)|(?:(?<=[,;:”)]) ?|(?<=\.) )(\d{1,2})(?=\s|$)"
)
_MEETING = re.compile(r"^\*?\s*(\d+(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting)\s*\*?$")
_DATE_LINE = re.compile(rf"^\*?\s*({_DATE})\s*\*?$")
_OPERATIVE = re.compile(r"^(\d{1,3})\.\s+\S")
_SUB = re.compile(r"^\(([a-z]{1,2}|[ivxlc]{1,8})\)\s")
_VOTE = re.compile(
    r"Adopted by a recorded vote of (\d+) to (\d+), with (\d+|no) (abstentions?)\.\s*"
    r"The voting was as follows:"
)
_NO_VOTE = re.compile(r"^\[?Adopted without a vote\.?\]?\.?$")
_VOTE_HEADS = {"in favour": "in_favour", "against": "against", "abstaining": "abstaining"}


@dataclass
class _Para:
    text: str
    line: int  # 1-based line in the original text


@dataclass
class _Extraction:
    """What the reader found: front matter fields, body paragraphs, notes, and what it noticed."""

    path: str = ""
    meta: dict = field(default_factory=dict)
    adoption: dict = field(default_factory=dict)
    formula: _Para | None = None
    body: list[_Para] = field(default_factory=list)
    notes: dict[str, tuple[str, int]] = field(default_factory=dict)
    symbol_notes: dict[str, str] = field(default_factory=dict)
    annex: list[_Para] = field(default_factory=list)
    calls: re.Pattern[str] = _CALL  # _FLAT_CALL where the text has no superscripts at all
    findings: list[Diagnostic] = field(default_factory=list)
    meta_line: int = 0  # where the masthead starts
    adoption_line: int = 0  # where the meeting lines or the vote record start


def read_text(text: str, path: str) -> tuple[Document, list[Diagnostic], str]:
    """Read extracted text; returns the document, warnings, and the authoring source made of it."""
    from unrender.readers.markdown import read_markdown

    check_source_size(text, path)
    found = _extract(text, path)
    source, line_map = _to_markdown(found)
    try:
        doc, warnings = read_markdown(source, path)
    except SourceError as exc:  # its lines are the generated source's: say the text's
        raise SourceErrors([dataclasses.replace(d, line=line_map.get(d.line, 0))
                            for d in exc.diagnostics]) from None
    _remap_lines(doc, line_map)
    # the front matter was made up: its lines are the masthead's and the closing's in the text
    doc.meta.line = found.meta_line
    if doc.adoption is not None:
        doc.adoption.line = found.adoption_line
    remapped = [dataclasses.replace(w, line=line_map.get(w.line, 0)) for w in warnings]
    return doc, found.findings + remapped, source


# --- extraction ---------------------------------------------------------------------------------


def _lines(text: str) -> list[tuple[int, str]]:
    """(original line number, cleaned line); heading marks and hard breaks dropped. Bold runs
    are split apart only up to the enacting formula: in the body, bold is the author's."""
    out: list[tuple[int, str]] = []
    in_header = True
    # Lines are numbered as an editor numbers them, at "\n" only (str.splitlines would also
    # split at U+2028, U+0085, a vertical tab …, and every number after would be wrong); a
    # form feed, pdftotext's page end, still ends a line of text.
    for number, raw in enumerate(text.split("\n"), 1):
        pages = raw.split("\f")
        pieces = [p for page in pages for p in split_runs(page).split("\n")] if in_header \
            else pages
        for piece in pieces:
            line = re.sub(r"^#{1,6}\s+", "", piece).rstrip()
            out.append((number, line))
            if FORMULA.match(line.strip()):
                in_header = False
    return out


def _extract(text: str, path: str) -> _Extraction:
    found = _Extraction(path=path)
    if not re.search(r"<sup>|[¹²³⁴⁵⁶⁷⁸⁹]", text):
        found.calls = _FLAT_CALL
    lines = _lines(text)
    start = next((i for i, (_, line) in enumerate(lines) if FORMULA.match(line.strip())), None)
    if start is None:
        raise SourceError(path, 0, "no enacting formula (such as 'The General Assembly,') was "
                          "found: this does not look like the text of a UN resolution")
    _read_header(lines[:start], found, path)
    found.meta_line = next((n for n, line in lines[:start] if line.strip() not in ("", "---")), 0)
    number, formula_line = lines[start]
    m = FORMULA.match(formula_line.strip())
    found.formula = _Para(f"*{m.group(1)}*{m.group(2) or ''}", number)
    body_lines = _drop_furniture(lines[start + 1:], found.meta)
    body_lines = _footnote_blocks(body_lines)
    body_lines = _take_notes(body_lines, found)
    body_lines = _take_closing(body_lines, found, path)
    found.body = _join_page_breaks(_paragraphs(body_lines))
    _place_uncalled_notes(found)
    _place_missed_first_calls(found)
    return found


_NOT_A_CALL_BEFORE = re.compile(
    r"(?:paragraphs?|articles?|items?|goals?|targets?|chapters?|sections?|resolutions?|annex|"
    r"and|to|of|rule|principle|" + _MONTH + r")$", re.IGNORECASE)


# How far before its note the lost call of a note is looked for. A page holds about 20
# paragraphs and a note starts on the page of its call; the bound keeps a text with hundreds of
# lost calls and thousands of paragraphs linear.
_CALL_SEARCH_PARAGRAPHS = 60


def _place_uncalled_notes(found: _Extraction) -> None:
    """A note whose call the extraction lost (a superscript printed as " 9 "): look for the bare
    number in the paragraphs before the note, else put the call at the end of the paragraph
    the note followed, and say so. A note's words are never dropped."""
    called = {_call_label(m) for para in found.body for m in found.calls.finditer(para.text)}
    starts = [p.line for p in found.body]  # in order: paragraphs are read top to bottom
    for label, (_, note_line) in found.notes.items():
        if label in called:
            continue
        last = max(bisect.bisect_right(starts, note_line) - 1, 0)  # the paragraph before
        if _place_bare_call(found, label, range(last, max(last - _CALL_SEARCH_PARAGRAPHS, -1), -1)):
            continue
        if not found.body:
            continue
        para = found.body[last]
        found.body[last] = _Para(f"{para.text}<sup>{label}</sup>", para.line)
        found.findings.append(Diagnostic(found.path, note_line, f"the call of footnote "
                                         f"{label} was not found: placed at the end of "
                                         "the paragraph before the note",
                                         code=FOOTNOTE_RECOVERY))


def _place_bare_call(found: _Extraction, label: str, where: range) -> bool:
    """Turn the first bare " 9 " (not "paragraph 9 of") in the paragraphs ``where`` into the
    call of note ``label``; was one found?"""
    bare = re.compile(rf"(?<=\S) {label}(?= [a-z])")
    for i in where:
        para = found.body[i]
        for m in bare.finditer(para.text):
            # the words are short: the end of the text before is enough (not all of it, again
            # for each number found)
            if not _NOT_A_CALL_BEFORE.search(para.text[max(m.start() - 40, 0): m.start()]):
                found.body[i] = _Para(f"{para.text[: m.start()]}<sup>{label}</sup>"
                                      f"{para.text[m.end():]}", para.line)
                return True
    return False


def _place_missed_first_calls(found: _Extraction) -> None:
    """A note first called after a note of a higher number had its first call lost (a
    superscript printed as a bare " 1 " mid-line, found again only where it is repeated after a
    comma): look for the bare number before, after the calls of the lower notes."""
    first: dict[str, int] = {}
    for i, para in enumerate(found.body):
        for m in found.calls.finditer(para.text):
            first.setdefault(_call_label(m), i)
    numbered = sorted((int(label), at) for label, at in first.items()
                      if label.isdigit() and label in found.notes)
    values = [label for label, _ in numbered]
    # for each position k: the earliest first call among numbered[k:], the latest among [:k]
    # (so that each note is answered at once, not by scanning all the others: 5,000 notes)
    earliest_from = list(itertools.accumulate(reversed([at for _, at in numbered]), min))[::-1]
    latest_before = [0, *itertools.accumulate((at for _, at in numbered), max)]
    for label, at in numbered:
        higher = bisect.bisect_right(values, label)
        if higher == len(numbered) or earliest_from[higher] >= at:
            continue  # no note of a higher number is called before this one
        start = latest_before[bisect.bisect_left(values, label)]
        _place_bare_call(found, str(label), range(start, at))


def _read_header(lines: list[tuple[int, str]], found: _Extraction, path: str) -> None:
    meta = found.meta
    segments = [(n, _unbold(line)) for n, line in lines if _unbold(line) and line.strip() != "---"]
    pending_title: list[tuple[int, str]] = []  # bold lines after the agenda item: its title
    after_agenda = after_sponsors = False
    i = 0
    while i < len(segments):
        number, seg = segments[i]
        i += 1
        if _NOISE.match(seg):
            continue
        if SYMBOL.match(seg) and "symbol" not in meta:
            meta["symbol"] = seg
            continue
        if seg in ("General Assembly", "Security Council", "Economic and Social Council") and \
                "distribution" not in meta:
            meta.setdefault("_organ", seg)
            continue
        if m := _DISTR.match(seg):
            meta["distribution"] = m.group(1)
            rest = m.group(2).strip()
            if re.fullmatch(_DATE, rest):
                meta["date"] = rest
            continue
        if "distribution" in meta and "date" not in meta and re.fullmatch(_DATE, seg):
            meta["date"] = seg
            continue
        if m := _ORIGINAL.match(seg):
            meta["original"] = m.group(1)
            continue
        if m := _JOB.match(seg):
            meta["job"] = m.group(1)
            continue
        if seg in BODIES and seg not in ("General Assembly", "Security Council",
                                         "Economic and Social Council"):
            meta["body"] = seg
            continue
        if _SESSION.match(seg) and parse_session(seg):
            meta["session"] = seg
            continue
        if _SESSION_DATES.match(seg):
            meta["session_dates"] = seg
            continue
        if m := _AGENDA.match(seg):
            meta["agenda"] = [{"item": m.group(1).strip()}]
            after_agenda = True
            continue
        # the "Resolution adopted by …" line may be wrapped before "on <date>" or the date
        if seg.startswith(("Resolution adopted by", "Decision adopted by")) and i < len(segments) \
                and re.fullmatch(rf"(?:on\s+)?{_DATE}", segments[i][1]):
            seg = f"{seg} {segments[i][1]}"
            i += 1
        if m := _ADOPTED_BY.match(seg):
            _flush_agenda_title(pending_title, meta)
            after_agenda = False
            meta["kind"] = m.group(1).lower()
            body = m.group(2).strip()
            if body in BODIES:
                meta["body"] = body
            if m.group(3):
                found.adoption["date"] = m.group(3)
            continue
        if m := _REFERENCE.match(seg):
            found.adoption["reference"] = m.group(1).strip()
            continue
        if m := _SPONSORS.match(seg.replace("\\*", "*")):
            _flush_agenda_title(pending_title, meta)
            after_agenda = False
            meta["kind"] = m.group("kind")
            meta["sponsors"] = _sponsors(m)
            after_sponsors = True
            continue
        if re.fullmatch(r"\d{1,3}/\d{1,4}\.", seg):  # "73/8." alone, the title on the next lines
            _flush_agenda_title(pending_title, meta)
            after_agenda = False
            meta["number"] = seg[:-1]
            title = [s for _, s in segments[i:]]
            if title:
                meta["title"] = "\n".join(title)  # the editor's line breaks, as printed
            break
        if m := _NUMBERED_TITLE.match(seg):
            _flush_agenda_title(pending_title, meta)
            after_agenda = False
            meta["number"] = m.group(1)
            meta["title"] = m.group(2).strip()
            continue
        if after_sponsors and "title" not in meta:  # a draft's title follows its sponsors line
            meta["title"] = seg
            continue
        if after_agenda:
            pending_title.append((number, seg))
            continue
        found.findings.append(Diagnostic(path, number, f"header text not recognised, left out "
                                         f"of the front matter: {seg!r}", code=UNRECOGNISED))
    if pending_title:
        # a draft without a number: the last header line before the formula is the title
        if "title" not in meta and len(pending_title) > 1:
            meta["title"] = pending_title.pop()[1]
        _flush_agenda_title(pending_title, meta)
    meta.setdefault("body", meta.pop("_organ", "General Assembly"))
    meta.pop("_organ", None)
    _infer_symbol(meta, found, path)
    if "kind" not in meta:
        meta["kind"] = "draft resolution" if meta.get("distribution") == "Limited" else "resolution"


def _infer_symbol(meta: dict, found: _Extraction, path: str) -> None:
    """An adopted resolution's symbol follows from its number (un-style.md §9)."""
    number = meta.get("number", "")
    if "symbol" in meta or meta.get("kind") != "resolution" or not re.fullmatch(r"\d+/\d+", number):
        return
    symbol = resolution_symbol(number, meta["body"])
    if symbol:
        meta["symbol"] = symbol
        found.findings.append(Diagnostic(path, 0, f"symbol {symbol} inferred from the number "
                                         f"{number}: the text does not print it",
                                         code=INFERRED))


def _flush_agenda_title(pending: list[tuple[int, str]], meta: dict) -> None:
    if pending and meta.get("agenda"):
        meta["agenda"][0]["title"] = " ".join(seg for _, seg in pending)
    pending.clear()


def _unbold(line: str) -> str:
    return line.strip().strip("*").strip()


def _sponsors(m: re.Match) -> list[str]:
    """"Azerbaijan* ** Paraguay and State of Palestine*" -> ["Azerbaijan*, **", …]."""
    parts = re.split(r"((?:\s*,?\s*\*+)+\s*,?\s*)", m.group("list"))
    out: list[str] = []
    for i in range(0, len(parts), 2):
        names, _ = split_states(parts[i], as_written=True) if parts[i].strip() else ([], [])
        marks = re.findall(r"\*+", parts[i + 1]) if i + 1 < len(parts) else []
        out += names
        if marks and out:
            out[-1] = f"{out[-1]}{', '.join(marks)}"
    trailing = re.findall(r"\*+", m.group("m1") + m.group("m2"))
    if trailing and out:
        out[-1] = f"{out[-1]}{', '.join(trailing)}"
    return out


_FURNITURE = re.compile(
    r"^(?:\d+/\d+|(?:GE\.)?\d{2}-\d{5}(?:\s*\(E\))?(?:\s+\d+/\d+)?|\d+/\d+\s+(?:GE\.)?\d{2}-\d{5}"
    r"|\*\d{7}\*|\d{6}|Please recycle)$"
)


def _drop_furniture(lines: list[tuple[int, str]], meta: dict) -> list[tuple[int, str]]:
    """Page numbers ("2/7"), job numbers, and the running header (symbol, title) of each page."""
    symbol = meta.get("symbol")
    title = " ".join(meta.get("title", "").split())

    def furniture(line: str) -> bool:
        line = line.strip()
        if _FURNITURE.match(line) or (symbol and line == symbol):
            return True
        return bool(title) and len(line.split()) >= 4 and line in title

    return [(n, line) for n, line in lines if not furniture(line)]


_RULE = re.compile(r"_{5,}")
_LABEL = re.compile(r"\d{1,3}")


def _footnote_blocks(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Plain extraction prints a page's notes under a rule of underscores as number lines and
    text lines: turn them into "<sup>1</sup> text" lines like the rest. Texts without any
    number under a rule continue the last note (a note running on to the next page)."""
    out: list[tuple[int, str]] = []
    last_note: int | None = None  # index in ``out`` of the last note written
    i = 0
    while i < len(lines):
        number, line = lines[i]
        i += 1
        if not _RULE.fullmatch(line.strip()):
            out.append((number, line))
            continue
        found = _scrambled_notes(lines, i) or _continuation(lines, i) or _ordered_notes(lines, i)
        notes, i = found
        for note_line, label, text in notes:
            if label is None and last_note is not None:
                previous_line, previous = out[last_note]
                out[last_note] = (previous_line, f"{previous} {text}")
                continue
            if label is None:  # nothing to continue: leave the text where it stands
                out.append((note_line, text))
                continue
            last_note = len(out)
            out += [(note_line, f"<sup>{label}</sup> {text}"), (note_line, "")]
    return out


_Notes = tuple[list[tuple[int, str | None, str]], int]


def _first_block(lines: list[tuple[int, str]], i: int) -> tuple[list[tuple[int, str]], int]:
    """The non-blank lines from ``i`` on (blank lines first skipped), and the index after."""
    while i < len(lines) and not lines[i][1].strip():
        i += 1
    end = i
    while end < len(lines) and lines[end][1].strip():
        end += 1
    return [(n, line.strip()) for n, line in lines[i:end]], end


def _continuation(lines: list[tuple[int, str]], i: int) -> _Notes | None:
    """Text lines under a rule with no note number among them: the end of the last note."""
    block, end = _first_block(lines, i)
    if not block or any(_LABEL.fullmatch(line) for _, line in block):
        return None
    return [(block[0][0], None, " ".join(line for _, line in block))], end


def _ordered_notes(lines: list[tuple[int, str]], i: int) -> _Notes:
    """Notes as number line then text lines, possibly with blank lines and page furniture in
    between; numbers in a row ("5", "6", then the texts) share the texts that follow."""
    notes: list[tuple[int, str | None, str]] = []
    pending: list[tuple[int, str]] = []
    while True:
        while i < len(lines) and not lines[i][1].strip():
            i += 1
        if i >= len(lines) or not _LABEL.fullmatch(lines[i][1].strip()):
            break
        pending.append((lines[i][0], lines[i][1].strip()))
        i += 1
        while i < len(lines) and not lines[i][1].strip():
            i += 1
        text: list[str] = []
        while i < len(lines) and lines[i][1].strip() and \
                not _LABEL.fullmatch(lines[i][1].strip()):
            text.append(lines[i][1].strip())
            i += 1
        if not text:
            continue
        for (note_line, label), part in zip(pending, _share(text, len(pending)), strict=True):
            notes.append((note_line, label, part))
        pending = []
    notes += [(note_line, label, "") for note_line, label in pending]
    return notes, i


def _share(text: list[str], n: int) -> list[str]:
    """Split the text lines of ``n`` notes printed one after the other: each note but the last
    ends at the first line ending with a full stop (UN notes end with one)."""
    parts: list[str] = []
    k = 0
    for _ in range(n - 1):
        end = next((j for j in range(k, len(text)) if text[j].endswith(".")), k)
        parts.append(" ".join(text[k:end + 1]))
        k = min(end + 1, len(text))
    parts.append(" ".join(text[k:]))
    return parts


def _scrambled_notes(lines: list[tuple[int, str]], i: int) -> _Notes | None:
    """Notes under a rule that plain extraction printed out of order: one-line texts first,
    then "4", its text, … and last the numbers of the first texts ("A/58/874.", "Articles 10
    and 13 …", "4", "A/73/334.", "2", "3" in A/RES/73/7). When as many texts lack a number as
    numbers lack a text, they pair in order; otherwise None."""
    block, end = _first_block(lines, i)
    is_label = [bool(_LABEL.fullmatch(line)) for _, line in block]
    orphans = list(itertools.takewhile(lambda k: not is_label[k], range(len(block))))
    if not orphans or len(orphans) == len(block):
        return None
    notes: list[tuple[int, str | None, str]] = []
    bare: list[str] = []
    k = len(orphans)
    while k < len(block):
        label = block[k][1]
        k += 1
        text = list(itertools.takewhile(lambda t: not is_label[t], range(k, len(block))))
        if text:
            notes.append((block[text[0]][0], label, " ".join(block[t][1] for t in text)))
            k = text[-1] + 1
        else:
            bare.append(label)
    if len(bare) != len(orphans):
        return None
    paired = [(block[t][0], label, block[t][1]) for t, label in zip(orphans, bare, strict=True)]
    return paired + notes, end


def _take_notes(lines: list[tuple[int, str]], found: _Extraction) -> list[tuple[int, str]]:
    """Remove footnote texts from the flow (they stand where a page ended) and keep them."""
    kept = []
    for number, line in lines:
        stripped = line.strip()
        if m := _NOTE_DEF.match(stripped):
            label = m.group(1) or m.group(2).translate(_SUPERSCRIPTS)
            if label in found.notes:  # two notes of one number: keep the words of both
                text, first = found.notes[label]
                found.notes[label] = (f"{text} {m.group(3).strip()}", first)
                found.findings.append(Diagnostic(found.path, number, f"a second footnote {label}"
                                                 "; its text is added to the first",
                                                 code=FOOTNOTE_RECOVERY))
                continue
            found.notes[label] = (m.group(3).strip(), number)
            continue
        if (m := _SYMBOL_NOTE_DEF.match(stripped)) and not stripped.startswith("**"):
            mark = m.group(1).replace("\\", "")
            found.symbol_notes[mark] = m.group(2).strip()
            continue
        kept.append((number, line))
    return kept


def _take_closing(lines: list[tuple[int, str]], found: _Extraction,
                  path: str) -> list[tuple[int, str]]:
    """Cut the meeting lines and the vote record off the end of the body into ``adoption``;
    what follows the record (an annex) goes to ``found.annex``."""
    joined = [(n, line.strip()) for n, line in lines]
    for i, (_number, line) in enumerate(joined):
        meeting = _MEETING.match(line)
        if not meeting and not line.startswith("[Adopted"):
            continue
        j = i
        found.adoption_line = joined[i][0]
        if meeting:
            found.adoption["meeting"] = meeting.group(1)
            j = _next_text(joined, i + 1)
            if j < len(joined) and (d := _DATE_LINE.match(joined[j][1])):
                found.adoption["date"] = d.group(1)
                j = _next_text(joined, j + 1)
        end = j
        if end < len(joined) and joined[end][1].startswith("[Adopted"):
            while end < len(joined) and not re.search(r"\]\.?\**$", joined[end][1]):
                end += 1
            _read_vote([(n, t) for n, t in joined[j:end + 1] if t and t != "---"], found, path)
            end += 1
        after = lines[end:]
        if any(t.strip() and t.strip() != "---" for _, t in after):
            found.annex = _join_page_breaks(_paragraphs(after))
        return lines[:i]
    return lines


def _next_text(lines: list[tuple[int, str]], i: int) -> int:
    while i < len(lines) and (not lines[i][1] or lines[i][1] == "---"):
        i += 1
    return i


def _read_vote(rest: list[tuple[int, str]], found: _Extraction, path: str) -> None:
    if not rest:
        return
    text = " ".join(t.strip("*").strip() for _, t in rest)
    line = rest[0][0]
    if _NO_VOTE.match(text.strip()):
        found.adoption["without_vote"] = True
        return
    m = _VOTE.search(text)
    if not m:
        found.findings.append(Diagnostic(path, line, f"closing text not recognised: {text[:60]!r}",
                                         code=UNRECOGNISED))
        return
    lists: dict[str, list[str]] = {}
    pieces = re.split(r"(In favour|Against|Abstaining):", text[m.end():])
    for head, names in zip(pieces[1::2], pieces[2::2], strict=True):
        cleaned = names.strip().rstrip("]").strip().strip("*").strip()
        found_names, problems = split_states(cleaned, as_written=True)
        for problem in problems:
            found.findings.append(Diagnostic(path, line, f"not a UN Member State or observer "
                                             f"name in the vote record: {problem!r}"
                                             f"{suggest_state(problem)}", code=STATE_NAMES))
        lists[_VOTE_HEADS[head.lower()]] = found_names
    found.adoption["vote"] = lists
    counts = [int(m.group(1)), int(m.group(2)), 0 if m.group(3) == "no" else int(m.group(3))]
    actual = [len(lists.get(k, [])) for k in ("in_favour", "against", "abstaining")]
    if counts != actual:
        said = f"{counts[2]} abstention{'' if counts[2] == 1 else 's'}"
        found.findings.append(Diagnostic(path, line, f"the vote record says {counts[0]} to "
                                         f"{counts[1]}, with {said}, but its lists name "
                                         f"{actual[0]}, {actual[1]} and {actual[2]}",
                                         code=VOTE_RECORD))
    abstentions = m.group(3)
    if (abstentions == "1") != (m.group(4) == "abstention"):
        right = "1 abstention" if abstentions == "1" else f"{abstentions} abstentions"
        found.findings.append(Diagnostic(path, line, f"the vote record says \"{abstentions} "
                                         f"{m.group(4)}\": write \"{right}\"", code=VOTE_RECORD))


def _paragraphs(lines: list[tuple[int, str]]) -> list[_Para]:
    """Blank lines and page rules end paragraphs; hard-wrapped lines inside one are joined."""
    paras: list[_Para] = []
    current: list[str] = []
    first = 0
    for number, line in [*lines, (0, "")]:
        stripped = line.strip()
        if not stripped or stripped == "---":
            if current and not re.fullmatch(r"\d{1,3}\.", current[-1]):
                paras.append(_Para(" ".join(current), first))
                current = []
            continue
        if current and re.fullmatch(r"\d{1,3}\.", current[-1]):  # "3." alone, text below
            current[-1] = f"{current[-1]} {stripped}"
            continue
        starts_new = bool(_OPERATIVE.match(stripped) or _SUB.match(stripped)
                          or re.fullmatch(r"\d{1,3}\.", stripped)
                          or (current and _opens_paragraph(stripped, current[-1])))
        if current and starts_new:
            paras.append(_Para(" ".join(current), first))
            current = []
        if not current:
            first = number
        current.append(stripped)
    return paras


# A paragraph's last line: its punctuation, then perhaps a footnote call, superscript or flat
# as plain extraction leaves it ("Bodies, 5", "UNISPACE+50,1").
_ENDS_PARAGRAPH = re.compile(r"[,;:.](?:<sup>\d+</sup>|[¹²³⁴⁵⁶⁷⁸⁹⁰]+| ?\d{1,2})?[*_\W]?$")


def _opens_paragraph(line: str, previous: str) -> bool:
    """In hard-wrapped text with no blank lines, a paragraph starts where a line opens with a
    known opening phrase right after a line that ended a paragraph."""
    if not _ENDS_PARAGRAPH.search(previous):
        return False
    bare = line.lstrip("*_ ")
    return bool(match_opening(bare, "preambular") or match_opening(bare, "operative"))


def _is_heading(text: str) -> bool:
    """A short line set wholly in bold: a section heading, an annex's label or title."""
    return bool(re.fullmatch(r"\*\*[^*]{1,200}\*\*", text))


def _join_page_breaks(paras: list[_Para]) -> list[_Para]:
    """A paragraph cut by a page break: the first half lacks its closing punctuation, or the
    second half starts in lower case."""
    out: list[_Para] = []
    for para in paras:
        text = para.text
        if out and _continues(out[-1].text, text):
            prev = out[-1]
            glue = "" if prev.text.endswith("-") and text[:1].islower() else " "
            out[-1] = _Para(prev.text + glue + text, prev.line)
            continue
        out.append(para)
    return out


def _continues(previous: str, text: str) -> bool:
    if _OPERATIVE.match(text) or _SUB.match(text) or text.startswith("*"):
        return False
    if _is_heading(previous):
        return False
    return not _ENDS_PARAGRAPH.search(previous) or text[:1].islower()


# --- authoring source ---------------------------------------------------------------------------


# libyaml's dumper when PyYAML has it: the front matter is only read back by the Markdown reader
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _to_markdown(found: _Extraction) -> tuple[str, dict[int, int]]:
    """The authoring source, and a map from its line numbers to the original text's."""
    meta = dict(found.meta)
    if found.symbol_notes:
        meta["notes"] = found.symbol_notes
    if found.adoption:
        meta["adoption"] = found.adoption
    for key in ("date",):
        if key in meta:
            # "31 February 2023" is kept as printed, for the Markdown reader to report
            with contextlib.suppress(ValueError):
                meta[key] = str(parse_date(meta[key]))
    front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    out = ["---", *front.rstrip("\n").split("\n"), "---", ""]
    line_map: dict[int, int] = {}
    paras = [found.formula, *found.body] if found.formula else found.body
    for para in paras:
        line_map[len(out) + 1] = para.line
        out += [_markdown_text(para.text, found.notes, found.calls), ""]
    for para in _annex_markdown(found):
        line_map[len(out) + 1] = para.line
        out += [para.text, ""]
    for label, (note, number) in found.notes.items():
        line_map[len(out) + 1] = number
        out.append(f"[^{label}]: {_markdown_text(note, {})}")
    return "\n".join(out) + "\n", line_map


_ANNEX_LABEL = re.compile(r"^Annex(?:\s+(?:[IVXLC]+|[A-Z]|\d+))?$")


def _annex_markdown(found: _Extraction) -> list[_Para]:
    """The annexes as Markdown: "# Annex", "## its title", bold lines as headings."""
    out: list[_Para] = []
    want_title = False
    for para in found.annex:
        text = para.text
        bare = text.strip("*").strip() if _is_heading(text) else text
        if _ANNEX_LABEL.match(bare):
            out.append(_Para(f"# {bare}", para.line))
            want_title = True
            continue
        if _is_heading(text):
            out.append(_Para(f"{'##' if want_title else '###'} {bare}", para.line))
        elif not out:  # text after the record that is not an annex: keep it, say so
            found.findings.append(Diagnostic(found.path, para.line, "text after the closing "
                                             "lines kept as an annex paragraph",
                                             code=UNRECOGNISED))
            out.append(_Para("# Annex", para.line))
            out.append(_Para(_markdown_text(text, found.notes, found.calls), para.line))
        else:
            out.append(_Para(_markdown_text(text, found.notes, found.calls), para.line))
        want_title = False
    return out


def _markdown_text(text: str, notes: dict[str, tuple[str, int]],
                   calls: re.Pattern[str] = _CALL) -> str:
    text = _LINK_ARTEFACT.sub(r"\1", text)
    # a styled comma ("Centre*,* the", "effective**,** easily"): Markdown cannot open
    # emphasis there, and the punctuation's style does not matter
    text = re.sub(r"(\*{1,2})([,;:.])\1(?!\w)", r"\2", text)
    text = calls.sub(lambda m: _call(m, notes), text)
    if re.fullmatch(r"\*[^*]{80,}\*", text):  # a whole paragraph set italic by the extractor
        text = text[1:-1]
    return text


# "[55/2](#)": a link the extractor emptied (no "[" inside: a run of "[" stays linear)
_LINK_ARTEFACT = re.compile(r"\[([^\][]*)\]\(#\)")


def _call_label(m: re.Match) -> str:
    flat = m.group(3) if m.re.groups >= 3 else None
    return m.group(1) or flat or m.group(2).translate(_SUPERSCRIPTS)


def _call(m: re.Match, notes: dict[str, tuple[str, int]]) -> str:
    label = _call_label(m)
    return f"[^{label}]" if label in notes else m.group(0)


def _remap_lines(doc: Document, line_map: dict[int, int]) -> None:
    """Point every node at the original text's line rather than the generated source's."""
    from dataclasses import fields, is_dataclass

    def visit(node) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item)
            return
        if not is_dataclass(node):
            return
        if hasattr(node, "line") and isinstance(node.line, int):
            node.line = line_map.get(node.line, 0)
        for f in fields(node):
            if f.name != "line":
                visit(getattr(node, f.name))

    for part in (doc.body, doc.annexes, doc.footnotes):
        visit(part)
