"""Cited resolutions and document symbols become links to the UN's document system (undocs.org).

"resolution 70/1" links to A/RES/70/1 in a General Assembly text; "Human Rights Council resolution
53/11" to A/HRC/RES/53/11; every number in a list after "resolutions" links too. Numbers whose
organ the text does not make clear (a bare "resolution 2000/22" in a Council text) stay plain.
"""

from __future__ import annotations

import re

from unrender.ast import Document, Emph, Inline, Link, Strong, Text, inline_runs
from unrender.un.bodies import enacting_body
from unrender.un.symbols import CITED_SYMBOL, resolution_symbol, symbol_url

_RESOLUTION_WORD = re.compile(
    r"\b(?:(General Assembly|Human Rights Council)\s+)?[Rr]esolutions?\s"
)
_NUMBER = re.compile(r"(?<![\w/.])\d{1,2}/\d{1,3}(?![\w/])")
# a list of resolution numbers goes on through commas, "and", dates and "on <subject>" clauses,
# and ends at a semicolon, a full stop or a colon
_LIST_END = re.compile(
    r"[;:.](?:\s|$)|\)|\b(?:General Assembly|Human Rights Council|Security Council|"
    r"Economic and Social Council|Commission)\b"
)


def link_references(doc: Document) -> Document:
    default_organ = enacting_body(doc.meta.body)
    for run in inline_runs(doc):
        _link_run(run, default_organ)
    return doc


def _link_run(nodes: list[Inline], default_organ: str) -> None:
    out: list[Inline] = []  # a new list, not slices replaced in place: each moved the rest
    for node in nodes:
        if isinstance(node, Text):
            out += _link_text(node.text, default_organ)
            continue
        if isinstance(node, (Emph, Strong)):
            _link_run(node.children, default_organ)
        out.append(node)
    nodes[:] = out


def _targets(text: str, default_organ: str) -> list[tuple[int, int, str]]:
    """(start, end, url) of every link in ``text``, in order, not overlapping."""
    found: list[tuple[int, int, str]] = []
    for m in CITED_SYMBOL.finditer(text):
        found.append((m.start(), m.end(), symbol_url(m.group(0).rstrip(".,;:"))))
    words = [(m, organ) for m in _RESOLUTION_WORD.finditer(text)
             if (organ := m.group(1) or (default_organ if default_organ == "General Assembly"
                                         else None))]
    # A list runs from its word to the list's end; a number belongs to every word of its list
    # before it (the first of their links wins: "Human Rights Council resolution 5/1 and
    # resolution 5/2" links both to the Council's). Each number is looked at once and each
    # list's end looked for once: a paragraph of thousands of "resolution" was quadratic.
    list_end, organs = -1, {}  # the organs of the list's words so far, each once
    for k, (m, organ) in enumerate(words):
        if list_end < m.end():  # past the end of the list the words before are in
            end = _LIST_END.search(text, m.end())
            list_end, organs = (end.start() if end else len(text)), {}
        organs[organ] = None
        stop = min(list_end, words[k + 1][0].start()) if k + 1 < len(words) else list_end
        for num in _NUMBER.finditer(text, m.end(), stop):
            urls = [symbol_url(symbol) for o in organs
                    if (symbol := resolution_symbol(num.group(0), o))]
            if urls:
                found.append((num.start(), num.end(), min(urls)))
    found.sort()
    out: list[tuple[int, int, str]] = []
    for start, end, url in found:
        if not out or start >= out[-1][1]:
            out.append((start, end, url))
    return out


def _link_text(text: str, default_organ: str) -> list[Inline]:
    targets = _targets(text, default_organ)
    if not targets:
        return [Text(text)]
    out: list[Inline] = []
    pos = 0
    for start, end, url in targets:
        end = start + len(text[start:end].rstrip(".,;:"))
        if start > pos:
            out.append(Text(text[pos:start]))
        out.append(Link(url, [Text(text[start:end])]))
        pos = end
    if pos < len(text):
        out.append(Text(text[pos:]))
    return out
