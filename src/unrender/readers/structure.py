"""Rules of resolution structure that every reader applies the same way."""

from __future__ import annotations

import re

from unrender.ast import (
    Document,
    Emph,
    Inline,
    Meta,
    NoteRef,
    Operative,
    Para,
    Preambular,
    Subparagraph,
    Text,
    inline_runs,
    plain_text,
    walk_inlines,
)
from unrender.un.bodies import BODIES, enacting_body

_FORMULA = re.compile(
    r"^The (?:" + "|".join(re.escape(b) for b in BODIES)
    + r"|[A-Z][\w’' ]{2,60}(?:Council|Assembly|Conference|Commission|Committee))\s*,?$"
)
_ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")

Holder = Preambular | Operative | Para | Subparagraph


def is_formula(content: list[Inline]) -> bool:
    """Is this paragraph the enacting formula ("The Human Rights Council,")?"""
    return bool(_FORMULA.match(plain_text(content).strip()))


def formula_for(meta: Meta, has_preamble: bool) -> list[Inline]:
    """The enacting formula the UN prints for ``meta.body``; without a preamble it has no comma."""
    formula: list[Inline] = [Emph([Text(f"The {enacting_body(meta.body)}")])]
    return [*formula, Text(",")] if has_preamble else formula


def is_roman(label: str) -> bool:
    return bool(_ROMAN.match(label))


def _letter_follows(previous: str, label: str) -> bool:
    return len(previous) == 1 and len(label) == 1 and ord(label) == ord(previous) + 1


def attach_subparagraph(parent: Holder, sub: Subparagraph) -> None:
    """Attach ``sub`` at the right depth under ``parent``: (a), (b) at the first level; (i), (ii)
    under the last lettered item. "(i)" after "(h)" is the ninth letter, not a roman one."""
    subs = parent.subparagraphs
    if subs and is_roman(sub.label):
        last = subs[-1]
        letter_continues = _letter_follows(last.label, sub.label)
        inner = last.subparagraphs
        if inner and is_roman(inner[-1].label) and not letter_continues:
            inner.append(sub)
            return
        if sub.label == "i" and not letter_continues:
            inner.append(sub)
            return
    subs.append(sub)


def number_notes(doc: Document) -> list[str]:
    """Footnote labels in order of first call: the UN numbers notes 1, 2, 3 … as they are cited."""
    order: dict[str, None] = {}  # a dict keeps the order and finds a label at once
    for run in inline_runs(doc):
        for node in walk_inlines(run):
            if isinstance(node, NoteRef):
                order.setdefault(node.label)
    return list(order)
