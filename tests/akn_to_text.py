"""AKN4UN XML -> the text a PDF extractor gives back, and what the XML states about the document.

The test ``test_reader_akn_text.py`` uses the Human Rights Council's own XML editions of its
resolutions (tests/fixtures/akn/) as extra material for the reader of extracted text: it writes each
resolution out the way an extractor does (see tests/fixtures/seeds/*.txt), reads that text back
with :func:`unrender.readers.text.read_text`, and compares the result with what the XML states.

The text is written in the seeds' style:

* the masthead, with the subsidiary body and the session run together in bold
  (``**Human Rights Council****Fifty-fourth session**``), the agenda title wrapped with hard
  breaks, and sometimes the agenda title, the "Resolution adopted by …" line, the numbered title
  and the enacting formula all run together (``…development****Resolution adopted…``);
* one line per paragraph: preambular paragraphs with their opening phrase in ``*…*`` where the XML
  sets it in italic, ``N. text`` operative paragraphs, ``(a) text`` subparagraphs as paragraphs
  of their own;
* pages: a ``---`` rule at each page end, with the texts of the notes called on that page
  stranded there (``<sup>n</sup> text`` or ``ⁿ text``), so a few paragraphs away from their
  calls; a page end may cut a long paragraph in two mid-sentence, its second half starting in
  lower case;
* the italic meeting and date lines and the bracketed vote record;
* an annex after the vote record, headings in bold.

Every choice (page lengths, where a paragraph is cut, the style of note calls …) comes from a
random generator seeded with the file name, so the text of a file is the same on every run.

Nothing here imports unrender: what the XML states is computed from the XML alone.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass, field
from pathlib import Path

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_ASCII_SPACE = re.compile(r"[ \t\r\n]+")

# Names of States that contain " and ": a vote list "A, B and C" can only be split knowing them.
STATES_WITH_AND = (
    "Antigua and Barbuda",
    "Bosnia and Herzegovina",
    "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines",
    "Sao Tome and Principe",
    "Trinidad and Tobago",
    "United Kingdom of Great Britain and Northern Ireland",
)


def q(tag: str) -> str:
    return f"{{{AKN}}}{tag}"


def squash(text: str) -> str:
    """Runs of ASCII white space -> one space (a no-break space is kept, as a PDF keeps it)."""
    return _ASCII_SPACE.sub(" ", text).strip()


# --- what the XML states --------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A piece of inline text: ``kind`` is text, i (italic), b (bold), link, or note (``text`` is
    then the note's marker)."""

    kind: str
    text: str


@dataclass
class Sub:
    label: str  # "a", without brackets
    runs: list[Run]


@dataclass
class Block:
    kind: str  # preambular, operative, para (unnumbered text), heading
    number: str | None
    runs: list[Run]
    subs: list[Sub] = field(default_factory=list)
    level: int = 0  # headings: 1 for a chapter heading (HChG), 2 for a heading (H1G)


@dataclass
class Annex:
    label: str
    title: str
    blocks: list[Block]


@dataclass
class Resolution:
    name: str  # file stem
    symbol: str
    organ: str  # "General Assembly"
    distribution: str  # "General"
    date: str  # "2023-10-13" (issue)
    date_text: str
    original: str  # "English"
    body: str  # "Human Rights Council"
    session: int
    session_name: str
    session_dates: str  # "11 September–13 October 2023"
    agenda_item: str
    agenda_title: str
    adopted_by: str  # "Resolution adopted by the Human Rights Council"
    kind: str  # "resolution"
    number: str  # "54/17"
    title: str
    formula: str  # "The Human Rights Council"
    blocks: list[Block]
    notes: dict[str, str]  # marker -> text, in the order of the calls
    meeting: str  # "47th meeting"
    adoption_date: str  # "2023-10-12"
    adoption_date_text: str
    without_vote: bool
    vote_sentence: str | None  # "[Adopted by a recorded vote of … The voting was as follows:"
    vote_heads: list[str]  # "In favour:", "Against:", "Abstaining:" as printed
    vote_lists: list[str]  # the lists as printed, one per head
    vote: dict[str, list[str]] | None  # in_favour/against/abstaining -> names as printed
    vote_counts: tuple[int, int, int] | None  # from the XML's voting analysis
    closing: str  # "[Adopted without a vote.]" or the whole vote record, as printed
    annexes: list[Annex]

    @property
    def preamble(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "preambular"]

    @property
    def operative(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "operative"]


def plain(runs: list[Run]) -> str:
    """The words of runs as a reader should give them back: no markup, no note calls."""
    return squash("".join(r.text for r in runs if r.kind != "note"))


def load(path: str | Path) -> Resolution:
    path = Path(path)
    statement = ET.parse(path).getroot()[0]
    notes: dict[str, str] = {}

    def find(tag: str, where: ET.Element = statement, **attrs: str) -> ET.Element:
        for el in where.iter(q(tag)):
            if all(el.get(k) == v for k, v in attrs.items()):
                return el
        raise ValueError(f"{path.name}: no <{tag} {attrs}>")

    def text_of(el: ET.Element) -> str:
        return squash("".join(el.itertext()))

    cover = find("coverPage")
    session = find("session", cover)
    dates = find("event", cover, refersTo="#session").findall(q("date"))
    agenda = find("inline", cover, name="agenda item")
    adopted = re.fullmatch(r"(.+?)\s+on\s+(\d{1,2}\s+\w+\s+\d{4})",
                           text_of(find("docTitle", cover)))
    assert adopted, path
    preface = find("preface")
    number = text_of(find("docNumber", preface)).rstrip(".")
    distribution = text_of(find("docStatus", cover))
    original = text_of(find("inline", cover, name="originalLanguage"))

    preamble = find("preamble")
    formula = text_of(find("formula", preamble)).rstrip(",").strip()
    blocks: list[Block] = []
    for container in preamble.findall(q("container")):
        (p,) = container.findall(q("p"))
        blocks.append(Block("preambular", None, _runs(p, notes)))
    for paragraph in find("mainBody").findall(q("paragraph")):
        block = _paragraph(paragraph, notes)
        if blocks and blocks[-1].kind == "operative" and not plain(blocks[-1].runs) \
                and not blocks[-1].subs and block.number is None:
            # 54/35: <num>1.</num> with empty content, its text in the next, unnumbered paragraph
            block = Block("operative", blocks.pop().number, block.runs, block.subs)
        blocks.append(block)

    conclusions = find("conclusions")
    meeting = find("location", conclusions)
    adoption_date = find("docDate", conclusions)
    outcome = find("outcome", find("vote", conclusions))
    voting = find("voting")
    recorded = voting.get("outcome") == "adoptedRecordedVote"
    sentence, heads, lists, vote, counts = None, [], [], None, None
    if recorded:
        sentence = squash((outcome.text or "") + "".join(
            "".join(c.itertext()) + (c.tail or "") for c in outcome if c.tag == q("quantity")))
        keys = {"inFavour": "in_favour", "against": "against", "abstaining": "abstaining"}
        vote = {}
        for part in outcome.findall(q("outcome")):
            heads.append(squash(part.text or ""))
            printed = text_of(find("organization", part))
            lists.append(printed)
            vote[keys[part.get("refersTo")]] = split_states(printed.rstrip("]").strip())
        analysis = {keys[c.get("refersTo")]: c for c in voting.findall(q("count"))}
        counts = tuple(int(analysis[k].get("value")) for k in keys.values())
        for key, count in zip(keys.values(), counts, strict=True):
            voters = analysis[key].findall(f".//{q('organization')}")
            assert len(voters) == count == len(vote[key]), (path.name, key)
    closing = text_of(outcome)

    annexes = [_annex(doc, notes, path) for doc in statement.iter(q("doc"))
               if doc.get("name") == "annex"]

    return Resolution(
        name=path.stem,
        symbol=text_of(find("docNumber", cover, refersTo="#symbol")),
        organ=text_of(find("docAuthority", cover, refersTo="#issuingBody")),
        distribution=distribution.split(":", 1)[1].strip(),
        date=find("docDate", cover).get("date"),
        date_text=text_of(find("docDate", cover)),
        original=original.split(":", 1)[1].strip(),
        body=text_of(find("docAuthority", cover, refersTo="#subsidiaryBody")),
        session=int(session.get("value")),
        session_name=text_of(session),
        session_dates=f"{text_of(dates[0])}–{text_of(dates[1])}",
        agenda_item=agenda.get("title"),
        agenda_title=text_of(find("inline", cover, name="agenda item name")),
        adopted_by=adopted.group(1),
        kind="resolution",
        number=number,
        title=text_of(find("docTitle", preface)),
        formula=formula,
        blocks=blocks,
        notes=notes,
        meeting=text_of(meeting),
        adoption_date=adoption_date.get("date"),
        adoption_date_text=text_of(adoption_date),
        without_vote=voting.get("outcome") == "adoptedWithoutVote",
        vote_sentence=sentence,
        vote_heads=heads,
        vote_lists=lists,
        vote=vote,
        vote_counts=counts,
        closing=closing,
        annexes=annexes,
    )


def _runs(el: ET.Element, notes: dict[str, str], style: str = "text") -> list[Run]:
    """The inline content of ``el``; authorial notes become note runs and go into ``notes``."""
    out: list[Run] = []
    if el.text:
        out.append(Run(style, el.text))
    for child in el:
        tag = child.tag.removeprefix(f"{{{AKN}}}")
        if tag == "authorialNote":
            marker = child.get("marker")
            assert marker not in notes, f"note {marker} twice"
            notes[marker] = squash("".join(child.itertext()))
            out.append(Run("note", marker))
        elif tag == "span":
            kind = {"italic": "i", "bold": "b"}.get(child.get("class") or "", style)
            out += _runs(child, notes, kind if style == "text" else style)
        elif tag == "a":
            out.append(Run("link", "".join(child.itertext())))
        else:  # <eol/>, <docDate>, <organization>: their text
            out += _runs(child, notes, style)
        if child.tail:
            out.append(Run(style, child.tail))
    return out


_BARE_NUMBER = re.compile(r"^\s*(\d{1,3})\.?[ \t]+")


def _paragraph(paragraph: ET.Element, notes: dict[str, str]) -> Block:
    num = paragraph.find(q("num"))
    number = num.text.strip().rstrip(".") if num is not None else None
    content = paragraph.find(q("content"))
    if content is not None:
        (p,) = content.findall(q("p"))
        runs = _runs(p, notes)
        subs: list[Sub] = []
    else:
        listing = paragraph.find(q("list"))
        (p,) = listing.find(q("intro")).findall(q("p"))
        runs = _runs(p, notes)
        subs = []
        for point in listing.findall(q("point")):
            (pp,) = point.find(q("content")).findall(q("p"))
            label = point.find(q("num")).text.strip()
            assert re.fullmatch(r"\([a-z]{1,2}\)", label), label
            subs.append(Sub(label.strip("()"), _runs(pp, notes)))
        assert not listing.findall(q("wrapUp"))
    if number is None and runs and runs[0].kind == "text" and _BARE_NUMBER.match(runs[0].text):
        # 54/27: paragraph 5 lost its <num>; its text opens "5\t": the number is stated there
        m = _BARE_NUMBER.match(runs[0].text)
        number = m.group(1)
        runs = [Run("text", runs[0].text[m.end():]), *runs[1:]]
    return Block("operative" if number else "para", number, runs, subs)


_SUB_TEXT = re.compile(r"^\(([a-z]{1,2})\)\s+")


def _annex(doc: ET.Element, notes: dict[str, str], path: Path) -> Annex:
    """An attachment: its first chapter heading is the label, the second the title; then headings
    and paragraphs. A paragraph opening "(a) " is a subparagraph of the paragraph before it."""
    paragraphs = doc.find(q("mainBody")).findall(q("paragraph"))
    label, title = (plain(_runs(p.find(q("content")).find(q("p")), notes)) for p in paragraphs[:2])
    blocks: list[Block] = []
    for paragraph in paragraphs[2:]:
        cls = paragraph.get("class")
        block = _paragraph(paragraph, notes)
        if cls in ("HChG", "H1G") and block.number is None:
            blocks.append(Block("heading", None, block.runs, level=1 if cls == "HChG" else 2))
            continue
        first = block.runs[0] if block.runs else None
        m = _SUB_TEXT.match(first.text.lstrip()) if first and first.kind == "text" else None
        if m and block.number is None and blocks and blocks[-1].kind == "para":
            runs = [Run("text", first.text.lstrip()[m.end():]), *block.runs[1:]]
            blocks[-1].subs.append(Sub(m.group(1), runs))
            continue
        blocks.append(Block("para", block.number, block.runs, block.subs))
    assert label.startswith("Annex"), (path.name, label)
    return Annex(label, title, blocks)


def split_states(printed: str) -> list[str]:
    """ "A, B, C and D" -> [A, B, C, D], keeping names that contain " and " whole."""
    items = [s.strip() for s in printed.split(", ")]
    last = items.pop()
    if last in STATES_WITH_AND:
        return [*items, last]
    for name in STATES_WITH_AND:
        if last.startswith(name + " and "):
            return [*items, name, last[len(name) + 5:]]
        if last.endswith(" and " + name):
            return [*items, last[: -len(name) - 5], name]
    if " and " not in last:
        return [*items, last]
    head, tail = last.rsplit(" and ", 1)
    assert " and " not in head, last
    return [*items, head, tail]


# --- the text an extractor gives back --------------------------------------------------------


@dataclass
class Style:
    calls: str  # "sup": <sup>2</sup>; "unicode": ²
    links: str  # "plain": the link text; "artefact": [text](#), a link the extractor emptied
    run_together: bool  # agenda title, adopted-by line, title and formula on one line
    hash_heading: bool  # "# General Assembly"
    symbol_line: bool  # "United Nations" and the symbol printed above the masthead
    notes_first: bool  # at a page end: the notes, then the rule (else the rule, then the notes)
    italic_heads: bool  # "*In favour:*" in the vote record
    first_page: int  # characters of body text on page 1 and on the other pages
    page: tuple[int, int]


def style_for(name: str, seed: int | None = None) -> tuple[Style, random.Random]:
    rng = random.Random(zlib.crc32(name.encode()) if seed is None else seed)
    style = Style(
        calls=rng.choice(["sup", "unicode"]),
        links=rng.choice(["plain", "artefact"]),
        run_together=rng.random() < 0.5,
        hash_heading=rng.random() < 0.5,
        symbol_line=rng.random() < 0.5,
        notes_first=rng.random() < 0.5,
        italic_heads=rng.random() < 0.5,
        first_page=rng.randint(900, 1800),
        page=(2400, 3600),
    )
    return style, rng


def call(label: str, style: Style) -> str:
    return f"<sup>{label}</sup>" if style.calls == "sup" else label.translate(SUPERSCRIPT)


def render(runs: list[Run], style: Style) -> str:
    """Runs as an extractor writes them: ``*italic*``, ``**bold**`` (white space moved out of the
    markers), note calls, links; then one line."""
    merged: list[Run] = []
    for run in runs:
        if merged and run.kind == merged[-1].kind and run.kind in ("text", "i", "b"):
            merged[-1] = Run(run.kind, merged[-1].text + run.text)
        else:
            merged.append(run)
    out = []
    for run in merged:
        if run.kind == "note":
            out.append(call(run.text, style))
        elif run.kind == "link":
            out.append(f"[{run.text}](#)" if style.links == "artefact" else run.text)
        elif run.kind in ("i", "b"):
            m = re.fullmatch(r"(\s*)(.*?)(\s*)", run.text, re.S)
            mark = "*" if run.kind == "i" else "**"
            out.append(f"{m.group(1)}{mark}{m.group(2)}{mark}{m.group(3)}" if m.group(2)
                       else run.text)
        else:
            out.append(run.text)
    return squash("".join(out))


def _calls_in(text: str, style: Style) -> list[str]:
    if style.calls == "sup":
        return re.findall(r"<sup>(\d+)</sup>", text)
    return [m.translate(FROM_SUPERSCRIPT) for m in re.findall(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", text)]


def masthead(res: Resolution, style: Style) -> str:
    agenda = _wrap(res.agenda_title, 48)
    lines = ["", "", ""]
    if style.symbol_line:
        lines += ["United Nations", "", res.symbol, ""]
    lines += [
        f"# {res.organ}" if style.hash_heading else res.organ,
        "",
        f"Distr.: {res.distribution}  ",
        res.date_text,
        "",
        f"Original: {res.original}",
        "",
        "---",
        "",
        f"**{res.body}****{res.session_name}**",
        "",
        res.session_dates,
        "",
        f"Agenda item {res.agenda_item}",
        "",
    ]
    adopted = f"{res.adopted_by}  \non {res.adoption_date_text}"
    title = f"{res.number}. {res.title}"
    formula = f"*{res.formula},*"
    if style.run_together:
        lines.append(f"**{agenda}****{adopted}****{title}***{formula[1:]}")
    else:
        lines += [f"**{agenda}**", "", f"**{adopted}**", "", f"**{title}**", "", formula]
    return "\n".join(lines)


def _wrap(text: str, width: int) -> str:
    """Hard-wrapped as in the PDF: lines end with two spaces (a Markdown hard break)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "  \n".join(lines)


def _items(blocks: list[Block], style: Style) -> list[str]:
    """One line per paragraph: the block, then each subparagraph."""
    out = []
    for block in blocks:
        text = render(block.runs, style)
        if block.kind == "heading":
            out.append(f"**{plain(block.runs)}**")
            continue
        out.append(f"{block.number}. {text}" if block.number else text)
        out += [f"({sub.label}) {render(sub.runs, style)}" for sub in block.subs]
    return out


def _cut(text: str, target: int) -> int | None:
    """Where a page end may cut ``text``: a space between two words, the second in lower case,
    outside emphasis, links and note calls; the one nearest ``target``."""
    best = None
    for m in re.finditer(r"(?<=[A-Za-z]) (?=[a-z])", text):
        i = m.start()
        if i < 60 or len(text) - i < 60:
            continue
        before = text[:i]
        if before.count("*") % 2 or before.count("[") != before.count("]") or \
                before.count("<sup>") != before.count("</sup>"):
            continue
        if best is None or abs(i - target) < abs(best - target):
            best = i
    return best


def to_text(res: Resolution, seed: int | None = None) -> str:
    """The resolution as a PDF extractor writes it (deterministic for a given file and seed)."""
    style, rng = style_for(res.name, seed)
    out = [masthead(res, style)]
    pending: list[str] = []  # notes called on the current page, not yet printed
    budget, used = style.first_page, 0

    def page_end() -> None:
        defs = [f"{call(label, style)} {res.notes[label]}" for label in pending]
        pending.clear()
        rule = ["", "---", ""]
        out.extend([*defs, *rule] if style.notes_first else [*rule, *defs])

    def flow(items: list[str], force_split: bool) -> None:
        """Paragraphs onto pages. A page end cuts the paragraph that overflows the page where it
        can; with ``force_split`` one long paragraph (chosen at random) is cut in any case, so
        every text has a paragraph cut in two."""
        nonlocal budget, used
        forced = None
        if force_split:
            cuttable = [i for i, item in enumerate(items) if len(item) > 300
                        and _cut(item, len(item) // 2)]
            forced = rng.choice(cuttable) if cuttable else None
        for n, item in enumerate(items):
            room = budget - used
            if len(item) > room or n == forced:
                cut = _cut(item, room if n != forced else len(item) // 2)
                if cut is not None and (room > 150 or n == forced):
                    first, second = item[:cut], item[cut + 1:]
                    out.append(first)
                    pending.extend(_calls_in(first, style))
                    page_end()
                    out.append(second)
                    pending.extend(_calls_in(second, style))
                    budget, used = rng.randint(*style.page), len(second)
                    continue
                if used:
                    page_end()
                    budget, used = rng.randint(*style.page), 0
            out.append(item)
            pending.extend(_calls_in(item, style))
            used += len(item)

    items = _items(res.blocks, style)
    flow(items, force_split=True)
    meeting = f"*{res.meeting}  \n{res.adoption_date_text}*"
    if res.without_vote:
        out += [meeting, res.closing]
    else:
        heads = [f"*{h}*" if style.italic_heads else h for h in res.vote_heads]
        record = [res.vote_sentence]
        for head, names in zip(heads, res.vote_lists, strict=True):
            record += [head, names]
        out += [meeting, *record]
    if pending:
        out += ["", *[f"{call(label, style)} {res.notes[label]}" for label in pending]]
        pending.clear()
    out += ["", "---", ""]
    for annex in res.annexes:
        budget, used = rng.randint(*style.page), 0
        flow([f"**{annex.label}**", f"**{annex.title}**", *_items(annex.blocks, style)], False)
        out += ["", "---", ""]
    return "\n\n".join(out).rstrip() + "\n"
