"""Inputs for fuzzing: the real documents of the repository, mutated, and documents made up.

Used by tests/test_fuzz.py (driven by hypothesis, so that a failure shrinks to a small input) and
by scripts/fuzz.py (driven by :class:`random.Random`, for long runs). Both draw the same
:class:`Mutation` records, so what one finds the other can replay.

A mutation works on the UTF-8 bytes of a source, as a file on disk is: line operations split at
``\\n``; text operations snap to a character boundary (the text stays UTF-8), and the ``bytes``
operation inserts raw bytes anywhere (so invalid UTF-8, NUL and a stray BOM are tried too).

Nothing here imports unrender.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("markdown", "text", "akn")
# Bounds that keep an input the size of a real document (the largest seed is 174 KB): past
# them markdown-it alone takes seconds (about 60 µs a line), which is no finding.
MAX_RUN = 20_000  # characters of one repeated payload
MAX_INPUT = 400_000  # bytes of a mutated input


@dataclass(frozen=True)
class Seed:
    kind: str  # the reader it is written for: markdown, text or akn
    name: str  # file name, e.g. "ga-res-73-8.md"
    data: bytes


def load_seeds(root: Path = ROOT) -> list[Seed]:
    """examples/*.md, the extracted texts of tests/fixtures/{seeds,pdftotext} and the AKN XML."""
    fixtures = root / "tests" / "fixtures"
    groups = (("markdown", sorted((root / "examples").glob("*.md"))),
              ("text", sorted([*(fixtures / "seeds").glob("*.txt"),
                               *(fixtures / "pdftotext").glob("*.txt")])),
              ("akn", sorted([*(fixtures / "akn").glob("*.xml"),
                              *(fixtures / "akn" / "other").glob("*.xml")])))
    return [Seed(kind, p.name, p.read_bytes()) for kind, paths in groups for p in paths]


# --- what mutations insert ----------------------------------------------------------------------

# XML 1.0 forbids these; a source can still carry them (U+0009, U+000A, U+000D are allowed).
CONTROLS = [chr(c) for c in (*range(0x20), 0x7F)] + ["\ufffe", "\uffff"]
# Markup alone, where the readers must not lose their footing.
MARKERS = ["*", "**", "***", "_", "__", "`", "```", "~~~", "[^1]", "[^1]:", "[^", "]", "[",
           "](", "<!--", "-->", "<!-- unrender: ignore UN002 -->", "<!-- unrender: ignore",
           "---", "...", "|", "| a | b |\n|---|---|", "(a)", "(i)", "(z)", "1.", "1)", "99.",
           "0.", "#", "##", "######", "> ", "- ", "+ ", "    ", "\t", "\\", "&", "&amp;", "&#0;",
           "&#x1F;", "<", ">", "</p>", "<br>", "<sup>4</sup>", "⁴", "¹²", "<![CDATA[", "]]>",
           "<!DOCTYPE x [<!ENTITY e 'x'>]>", "&e;", "<?xml version=\"1.0\"?>", "\ufeff", "---\n",
           "body:", "body: Human Rights Council", "kind: draft resolution", "number:",
           "adoption:", "  vote:", "    in_favour: [", "sponsors:\n  - ", "notes:", "lint:",
           "{", "}", "!!python/object:os.system", "&anchor", "*anchor", "%YAML 1.2", "@", "'",
           '"', "“", "”", "’", "–", "—", "%", "per cent", "Annex", "**Annex**",
           "*The General Assembly,*", "The Human Rights Council,", "Recalling", "*Decides*",
           "[Adopted without a vote.]", "[Adopted by a recorded vote of 1 to 2, with 3",
           "In favour:", "Against:", "Abstaining:", "*34th meeting*", "12 July 2023",
           "31 February 2023", "2/7", "GE.23-12345(E)", "A/HRC/RES/53/11", "_____",
           "\u00a0", "\u00ad", "\u200b", "\u200d", "\u202e", "\u2028", "\u2029", "\u0085",
           "\x0c", "\x0b", "\r", "\r\n"]
# Strings repeated to make deep nesting, long runs and huge numbers.
NESTABLE = ["> ", "  ", "- ", "1. ", "(a) ", "*", "**", "_", "[", "](", "[^1]", "<!--", "(",
            "<i>", "<p>", "<b><i>", "9", "0", "1/", "\\", "`", "#", "|", "&", "\n", "\n\n",
            "a ", ", "]
# One character from each of many scripts, and the marks and signs that trip text handling.
SCRIPTS = ("Aa Ωω Жж Աա אב عربي ܐܒ ހށ ߊߋ देव বাং ਗੁ ગુ ଓଡ଼ தமி తెలు ಕನ್ನ മല සිං ไทย ລາວ བོད "
           "မြန် ქარ ᎠᏣ ᐃᓄ ᚠᚢ ᛒᛖ ខ្មែ ᠮᠣ 漢字 かな カナ 한글 ꀀ ꓐ "
           "𐌰𐌱 𝔄𝔅 𝟘 😀 👩🏽‍💻 🇺🇳 ̀́ ͅ ﷺ ﻼ ﬁ Ⅻ ½ ⁰ ₉ "
           "ß ẞ İ ı ǅ Σς")


def huge_number(digits: int) -> str:
    return "9" * max(1, digits)


def random_payload(rnd: random.Random) -> str:
    """Something to insert: a control character, a marker, a run, text of any script."""
    pick = rnd.random()
    if pick < 0.2:
        return rnd.choice(CONTROLS)
    if pick < 0.55:
        return rnd.choice(MARKERS)
    if pick < 0.7:
        return rnd.choice(NESTABLE) * rnd.choice((2, 8, 50, 300, 2000))  # nested, or long
    if pick < 0.75:
        return huge_number(rnd.choice((20, 400, 5000))) + rnd.choice((". ", "/", " ", ""))
    if pick < 0.9:
        return "".join(rnd.choice(SCRIPTS) for _ in range(rnd.randint(1, 40)))
    return "".join(chr(rnd.randint(0, 0x10FFFF)) for _ in range(rnd.randint(1, 8)))


# --- mutations ----------------------------------------------------------------------------------

# Operations on lines (``at``, ``extent`` are line indexes), on text (byte offsets snapped to a
# character), on bytes, and on the whole (``truncate`` keeps ``at`` bytes).
LINE_OPS = ("delete_line", "duplicate_line", "swap_lines", "insert_line", "replace_line")
TEXT_OPS = ("insert", "delete", "repeat", "truncate")
OPS = (*LINE_OPS, *TEXT_OPS, "bytes", "splice")


@dataclass(frozen=True)
class Mutation:
    op: str
    at: int = 0  # where: a line index or a byte offset, taken modulo the length
    extent: int = 0  # how much: bytes deleted, times repeated, the other line of a swap
    payload: str = ""  # what is inserted; for ``bytes``, code points < 256 are the bytes

    def apply(self, data: bytes, donor: bytes = b"") -> bytes:
        if self.op in LINE_OPS:
            return _line_op(self, data)
        if self.op == "bytes":
            at = self.at % (len(data) + 1)
            return data[:at] + self.payload.encode("latin-1", "replace") + data[at:]
        if self.op == "splice":  # a run of lines of another seed
            lines, theirs = data.split(b"\n"), donor.split(b"\n")
            start = self.extent % len(theirs)
            at = self.at % len(lines)
            lines[at:at] = theirs[start:start + 1 + len(self.payload) % 12]
            return b"\n".join(lines)
        at = _boundary(data, self.at % (len(data) + 1))
        if self.op == "truncate":
            return data[:at]
        if self.op == "delete":
            return data[:at] + data[_boundary(data, min(len(data), at + self.extent)):]
        times = max(1, min(self.extent, MAX_RUN // max(len(self.payload), 1)))
        text = self.payload * (times if self.op == "repeat" else 1)
        return data[:at] + text.encode("utf-8", "surrogatepass") + data[at:]


def _boundary(data: bytes, at: int) -> int:
    """``at`` moved forward to the start of a UTF-8 character."""
    while at < len(data) and data[at] & 0xC0 == 0x80:
        at += 1
    return at


def _line_op(m: Mutation, data: bytes) -> bytes:
    lines = data.split(b"\n")
    i = m.at % len(lines)
    new = m.payload.encode("utf-8", "surrogatepass")
    if m.op == "delete_line":
        del lines[i]
    elif m.op == "duplicate_line":
        lines[i:i] = [lines[i]] * max(1, min(m.extent, 50))
    elif m.op == "swap_lines":
        j = m.extent % len(lines)
        lines[i], lines[j] = lines[j], lines[i]
    elif m.op == "insert_line":
        lines.insert(i, new)
    else:  # replace_line
        lines[i] = new
    return b"\n".join(lines)


def random_mutation(rnd: random.Random) -> Mutation:
    op = rnd.choice(OPS)
    extent = rnd.choice((0, 1, 2, 5, 40, 300, rnd.randint(0, 5000)))
    if op == "bytes":
        payload = "".join(chr(rnd.randint(0, 255)) for _ in range(rnd.randint(1, 4)))
    else:
        payload = random_payload(rnd)
    return Mutation(op, rnd.randint(0, 1 << 20), extent, payload)


def mutate(seed: Seed, mutations: list[Mutation], donor: Seed | None = None) -> bytes:
    data = seed.data
    for m in mutations:
        data = m.apply(data, donor.data if donor else b"")[:MAX_INPUT]
    return data


@dataclass(frozen=True)
class Case:
    """One input: where it came from, the reader its seed is for, the reader forced on it
    (``--from``; None: detected, as most users have it) and its bytes."""

    origin: str
    kind: str
    fmt: str | None
    data: bytes


def random_case(rnd: random.Random, seeds: list[Seed]) -> Case:
    """A seed of a reader chosen evenly (there are 41 AKN files and 5 examples), mutated one
    to ten times; or, one time in seven, a document made from scratch."""
    kind = rnd.choice(KINDS)
    fmt = kind if rnd.random() < 0.3 else None
    if rnd.random() < 0.15:
        return Case(f"generated {kind}", kind, fmt, GENERATORS[kind](rnd))
    seed = rnd.choice([s for s in seeds if s.kind == kind])
    mutations = [random_mutation(rnd) for _ in range(rnd.choice((1, 1, 1, 2, 3, 5, 10)))]
    data = mutate(seed, mutations, rnd.choice(seeds))
    return Case(f"{seed.name}, {len(mutations)} mutations", kind, fmt, data)


# --- documents made from scratch ----------------------------------------------------------------

BODIES = ("Human Rights Council", "General Assembly", "Security Council", "Third Committee",
          "Economic and Social Council", "Council of Elrond", "")
_KEYS = ("kind", "symbol", "distribution", "date", "original", "session", "session_dates",
         "agenda", "sponsors", "notes", "number", "title", "short_title", "adoption", "job",
         "release_date", "paper", "language", "emblem", "lint", "colour")
_VALUES = ("resolution", "draft resolution", "decision", "draft decision", "A/HRC/RES/53/11",
           "A/C.3/77/L.1", "12 July 2023", "2023-07-12", "31 February 2023", "53", "0", "200",
           "-1", "Fifty-third session", '"3"', "[Azerbaijan*, Cuba]", '{"*": Note.}', '"53/11"',
           "50/...", "a4", "letter", "en", "fr", "xx", "../../etc/passwd", "{ignore: [UN0]}",
           "{meeting: 34th meeting, date: 12 July 2023, without_vote: true}",
           "{vote: {in_favour: [Cuba, Cuba], against: [Atlantis], abstaining: []}}",
           "|-\n  A title\n  broken", "[", "{", "~", "null", "true", "1e999", "!!binary AA==",
           "&a [*a]", "")
_OPENINGS = ("Recalling", "Recalling also", "Noting with concern", "Welcoming", "Decides",
             "Requests", "Encourages further efforts", "Reaffirms", "Calls upon", "Notes")
# Values each key takes in real sources, used most of the time (a made-up source that is
# refused at its first key tests little past the front matter).
_GOOD = {"kind": ("resolution", "draft resolution", "decision"), "symbol": ("A/HRC/RES/53/11",),
         "date": ("12 July 2023",), "session": ("53", "Fifty-third session"),
         "number": ('"53/11"', "50/..."), "title": ("A title", "|-\n  A title\n  broken"),
         "agenda": ('"3"',), "sponsors": ("[Azerbaijan*, Cuba]",), "notes": ('{"*": A note.}',),
         "adoption": ("{meeting: 34th meeting, date: 12 July 2023, without_vote: true}",
                      "{vote: {in_favour: [Cuba, Chile], against: [France], abstaining: []}}"),
         "paper": ("a4",), "original": ("English",), "lint": ("{ignore: [UN01]}",),
         "release_date": ("13 July 2023",), "job": ("GE.23-14131(E)",), "language": ("en",),
         "session_dates": ("19 June–14 July 2023",), "distribution": ("General",)}
_WORDS = ("the", "State", "resolution", "70/1", "of", "25 September 2015", "rights", "per cent",
          "37%", ".5", "organisation", "UN", "“quoted”", '"straight"', "2015-2030", "and",
          "A/HRC/RES/47/9", "<sup>2</sup>", "**bold**", "*it*", "_em_",
          "[link](https://undocs.org/A/RES/70/1)", "<!-- note -->", "\\*", "`code`")


def _sentence(rnd: random.Random) -> str:
    words = [rnd.choice(_WORDS) for _ in range(rnd.randint(0, 14))]
    return " ".join(words) + rnd.choice((",", ";", ".", ":", "", " and"))


def _paragraph(rnd: random.Random, number: int) -> str:
    opening = rnd.choice(_OPENINGS)
    shape = rnd.random()
    if shape < 0.35:
        return f"*{opening}* {_sentence(rnd)}"
    if shape < 0.7:
        return f"{number}. *{opening}* {_sentence(rnd)}"
    if shape < 0.8:
        labels = rnd.choice(("abc", "ivx", "aib", "123"))
        pads = ("", "", "   ", "    ")  # four spaces: an indented code block, refused
        return "\n".join(f"{rnd.choice(pads)}({c}) {_sentence(rnd)}" for c in labels)
    if shape < 0.85:
        return f"{'#' * rnd.randint(1, 4)} {rnd.choice(('I', 'A.', 'Annex', ''))} {_sentence(rnd)}"
    if shape < 0.9:
        return f"[^{rnd.choice(('1', 'n', '2', ''))}]: {_sentence(rnd)}"
    if shape < 0.95:
        return rnd.choice(("**Annex**", "Annex", "| a | b |\n|---|---|\n| 1 | 2 |", "> quoted",
                           "- item\n- item", "```\ncode\n```", "<div>html</div>", "***"))
    return _sentence(rnd)


def generate_markdown(rnd: random.Random) -> bytes:
    """A source in the authoring format: front matter of known and unknown keys, some with
    values of the wrong type, then a formula and paragraphs of every kind."""
    body = rnd.choice(BODIES[:5] if rnd.random() < 0.85 else BODIES)
    lines = ["---", f"body: {body}"] if rnd.random() < 0.95 else ["---"]
    for key in rnd.sample(_KEYS, rnd.randint(0, 8)):
        if key == "colour" and rnd.random() < 0.8:
            continue  # an unknown key: sometimes
        good = _GOOD.get(key, ("Some text",)) if rnd.random() < 0.8 else _VALUES
        lines.append(f"{key}: {rnd.choice(good)}")
    lines.append("---" if rnd.random() < 0.95 else "")
    lines.append("")
    return _body(rnd, lines)


def generate_text(rnd: random.Random) -> bytes:
    """Text as extracted from a PDF: a masthead, the formula alone on its line, paragraphs
    hard-wrapped or not, notes stranded under rules, a vote record."""
    body = rnd.choice(BODIES[:5])
    lines = rnd.sample([f"**{body}**", "**Fifty-third session**", "Agenda item 3",
                        "Distr.: General", "12 July 2023", "A/HRC/RES/53/11", "53/11. A title",
                        "Resolution adopted by the Human Rights Council on 12 July 2023",
                        "A, B* and C**: draft resolution", "* State not a member", "2/7",
                        "GE.23-14131(E)", "_______________"], rnd.randint(0, 8))
    lines += ["", f"The {body if body != 'Third Committee' else 'General Assembly'},", ""]
    out = _body(rnd, lines).decode("utf-8")
    record = rnd.choice(("", "[Adopted without a vote.]",
                         "[Adopted by a recorded vote of 2 to 1, with 1 abstention. The voting "
                         "was as follows:\nIn favour:\nCuba, Chile\nAgainst:\nFrance\n"
                         "Abstaining:\nBrazil]", "*34th meeting*\n*12 July 2023*"))
    if rnd.random() < 0.5:  # hard-wrapped, as plain pdftotext gives it
        out = "\n".join(_wrap(line, rnd.randint(20, 90)) for line in out.split("\n"))
    return (out + "\n" + record + "\n").encode("utf-8")


def generate_akn(rnd: random.Random) -> bytes:
    """An AKN4UN skeleton around made-up paragraphs, with elements and attributes left out."""
    paras = "".join(
        f'<paragraph eId="para_{i}"><num>{i}.</num><content><p><i>{rnd.choice(_OPENINGS)}</i> '
        f"{_xml_escape(_sentence(rnd))}</p></content></paragraph>"
        for i in range(rnd.randint(0, 6)))
    pre = "".join(f"<container><p>{_xml_escape(_sentence(rnd))}</p></container>"
                  for _ in range(rnd.randint(0, 4)))
    name = rnd.choice(("resolution", "resolutionDraft", "decision", "", "nonsense"))
    meta = ('<meta><identification source="#x"><FRBRWork><FRBRthis value="/akn/un/x"/>'
            '<FRBRdate date="2023-07-12" name="adoption"/></FRBRWork></identification></meta>'
            if rnd.random() < 0.7 else "")
    text = (f'<?xml version="1.0" encoding="UTF-8"?>\n<akomaNtoso xmlns='
            f'"http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="{name}">'
            f"{meta}<preamble><formula><p>The Human Rights Council,</p></formula>{pre}"
            f"</preamble><mainBody>{paras}</mainBody></statement></akomaNtoso>\n")
    return text.encode("utf-8")


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _wrap(line: str, width: int) -> str:
    out, current = [], ""
    for word in line.split(" "):
        if current and len(current) + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return "\n".join([*out, current])


def _body(rnd: random.Random, lines: list[str]) -> bytes:
    if rnd.random() < 0.8:
        lines += [f"*The {rnd.choice(BODIES)},*", ""]
    notes = []
    for number in range(1, rnd.randint(0, 12) + 1):
        paragraph = _paragraph(rnd, number)
        if rnd.random() < 0.2:  # a footnote call, defined (most of the time) at the end
            label = rnd.choice(("1", "2", "n"))
            paragraph += f"[^{label}]"
            notes += [f"[^{label}]: {_sentence(rnd)}"] if rnd.random() < 0.9 else []
        lines += [paragraph, ""]
    lines += list(dict.fromkeys(notes))
    return "\n".join(lines).encode("utf-8")


GENERATORS = {"markdown": generate_markdown, "text": generate_text, "akn": generate_akn}
