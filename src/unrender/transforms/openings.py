"""Italicize the opening phrase of preambular and operative paragraphs (un-style.md §5.2–5.3).

The phrase comes from the counted list of real UN openings ("Recalling also", "Calls upon",
"Taking note with appreciation"); a paragraph whose author already marked italics is left alone.
"""

from __future__ import annotations

from unrender.ast import Document, Emph, Inline, Operative, Preambular, Text
from unrender.un.phrases import Kind, match_opening


def italicize_openings(doc: Document) -> Document:
    for block in doc.body:
        if isinstance(block, Preambular):
            block.content = italicize(block.content, "preambular")
        elif isinstance(block, Operative):
            block.content = italicize(block.content, "operative")
    return doc


def italicize(content: list[Inline], kind: Kind) -> list[Inline]:
    if not content or not isinstance(content[0], Text):
        return content  # explicit markup (or nothing) at the start: the author's choice wins
    first = content[0]
    stripped = first.text.lstrip()
    phrase = match_opening(stripped, kind)
    if phrase is None:
        return content
    lead = first.text[: len(first.text) - len(stripped)]
    rest = stripped[len(phrase):]
    head: list[Inline] = [Text(lead)] if lead else []
    return [*head, Emph([Text(phrase)]), *([Text(rest)] if rest else []), *content[1:]]
