"""The hand-keyed examples say exactly what the UN documents say: every word of each seed's body
(preamble, operative part, footnotes) is in the example, none added, in the same order."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from unrender.ast import all_subparagraphs, plain_text
from unrender.readers import read_file

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"

_FORMULA = re.compile(r"The (Human Rights Council|General Assembly),")
_END = re.compile(r"^\*?\d+(st|nd|rd|th) meeting|^\[Adopted")
_MARKUP = re.compile(r"<sup>\d+</sup>|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\\\*|[*_#]")
_LINK = re.compile(r"\[([^\]]*)\]\(#\)")  # extraction artefact: [55/2](#)
_SYMBOL_NOTE = re.compile(r"^\\\*")
_NOTE_LINE = re.compile(r"^(<sup>\d+</sup>|[¹²³⁴⁵⁶⁷⁸⁹]+ )")


def words(text: str) -> list[str]:
    text = _LINK.sub(r"\1", text).replace("\\(", "(").replace("\\)", ")")
    text = _MARKUP.sub("", text)
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " ",
                                         "…": "..."}))
    return [w.strip('"') for w in text.split() if w.strip('"')]


def seed_words(path: Path) -> tuple[list[str], list[str]]:
    """(body words, footnote words) between the enacting formula and the meeting line."""
    body: list[str] = []
    notes: list[str] = []
    inside = False
    for line in path.read_text("utf-8").splitlines():
        if not inside:
            inside = bool(_FORMULA.search(line))
            if inside:  # the formula may share its line with the title in an extraction
                line = line[_FORMULA.search(line).end():]
            continue
        if _END.search(line.strip()):
            break
        if line.strip() == "---" or _SYMBOL_NOTE.match(line):
            continue
        if _NOTE_LINE.match(line):
            notes += words(line)
        else:
            body += words(line)
    return body, notes


def example_words(path: Path) -> tuple[list[str], list[str]]:
    doc, _ = read_file(path)
    body: list[str] = []
    for block in doc.body:
        prefix = f"{block.number}." if getattr(block, "number", None) else ""
        body += words(f"{prefix} {plain_text(block.content)}")
        for sub in all_subparagraphs(block.subparagraphs):
            body += words(f"({sub.label}) {plain_text(sub.content)}")
    notes = [w for note in doc.footnotes for w in words(plain_text(note.content))]
    return body, notes


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_example_keeps_every_word_of_the_seed(seed):
    seed_body, seed_notes = seed_words(seed)
    body, notes = example_words(ROOT / "examples" / f"{seed.stem}.md")
    assert len(seed_body) > 1000
    assert body == seed_body  # same words, same order
    assert Counter(notes) == Counter(seed_notes)  # footnotes stranded anywhere in the seed
