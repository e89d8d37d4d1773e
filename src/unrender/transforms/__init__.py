"""Transforms: passes over a :class:`Document` that return it improved.

Each pass is a function ``Document -> Document`` that edits the tree it is given; :func:`apply`
runs the standard passes on a copy, so the reader's tree stays as read.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from unrender.ast import Document
from unrender.transforms.links import link_references
from unrender.transforms.openings import italicize_openings
from unrender.transforms.typography import typeset

Pass = Callable[[Document], Document]

STANDARD: tuple[Pass, ...] = (italicize_openings, typeset, link_references)


def apply(doc: Document, passes: tuple[Pass, ...] = STANDARD) -> Document:
    doc = copy.deepcopy(doc)
    for step in passes:
        doc = step(doc)
    return doc
