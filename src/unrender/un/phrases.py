"""Opening phrases of preambular and operative paragraphs, counted in real UN resolutions."""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources
from typing import Literal

Kind = Literal["preambular", "operative"]


@cache
def phrases(kind: Kind) -> tuple[str, ...]:
    """Known phrases of one kind, longest first (so "Recalling also" wins over "Recalling")."""
    text = resources.files("unrender.data").joinpath("opening-phrases.tsv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    found = {row["phrase"] for row in rows if row["kind"] == kind}
    return tuple(sorted(found, key=lambda p: (-len(p), p)))


# Fixed continuations the UN italicizes with the phrase (un-style.md §5.2): "Taking note with
# appreciation", "Recognizing with deep concern", "Noting with concern also".
_CONTINUATION = re.compile(
    r"(?:\s+with\s+(?:(?:great|deep|grave|serious|particular|profound)\s+)?"
    r"(?:appreciation|concern|satisfaction|interest|regret|alarm|gratitude))?"
    r"(?:(?<=call)\s+upon)?(?:\s+(?:also|further|again))?(?![\w\-’'])"
)


def match_opening(text: str, kind: Kind) -> str | None:
    """The known phrase (with any fixed continuation) that opens ``text`` as whole words."""
    for phrase in phrases(kind):
        if text.startswith(phrase):
            rest = text[len(phrase):len(phrase) + 1]
            if not rest or not (rest.isalnum() or rest in "-’'"):
                more = _CONTINUATION.match(text, len(phrase))
                return text[: more.end()] if more else phrase
    return None
