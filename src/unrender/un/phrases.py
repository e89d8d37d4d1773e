"""Opening phrases of preambular and operative paragraphs, counted in real UN resolutions."""

from __future__ import annotations

import csv
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


def match_opening(text: str, kind: Kind) -> str | None:
    """The known phrase that opens ``text`` as whole words, or None."""
    for phrase in phrases(kind):
        if text.startswith(phrase):
            rest = text[len(phrase):len(phrase) + 1]
            if not rest or not (rest.isalnum() or rest in "-’'"):
                return phrase
    return None
