"""Bounds on hostile or oversized sources: a clear error instead of a traceback or a blow-up.

Readers enforce the nesting limits, so every later stage (transforms, writers, lint rules,
WeasyPrint) may walk the document tree recursively without meeting Python's recursion limit.
The figures behind each limit are in benchmarks/README.md ("Limits").
"""

from __future__ import annotations

from unrender.ast import Block, Document, Emph, Footnote, Inline, Link, Strong, Subparagraph
from unrender.diagnostics import SourceError

# Elements inside elements in an AKN file. The UN's own files nest at most 13 deep (138 files of
# the HRC, GA and ECOSOC, measured); the AKN reader recurses about twice per level.
MAX_XML_DEPTH = 100

# Levels of nesting in the document tree: subparagraphs within subparagraphs and markup within
# markup (italics in bold in a link …), counted together. UN texts use 3 at most ("(a)", "(i)",
# an italic word). Measured breaking points, at Python's default recursion limit: WeasyPrint at
# 100 nested subparagraphs, copy.deepcopy (transforms) and the HTML writer at 200 nested
# markup; 32 leaves room for both at once.
MAX_NESTING = 32


def check_nesting(doc: Document, path: str) -> None:
    """Raise :class:`SourceError` at the first block nested deeper than :data:`MAX_NESTING`."""
    found = deepest_line(doc)
    if found is not None:
        raise SourceError(path, found, nesting_message())


def nesting_message() -> str:
    return (f"text nested deeper than {MAX_NESTING} levels (markup within markup, or "
            "subparagraphs within subparagraphs): simplify it")


def deepest_line(doc: Document) -> int | None:
    """The line of the first block whose nesting exceeds :data:`MAX_NESTING`, else None.
    Iterative: the tree it checks may be too deep to recurse over."""
    runs: list[tuple[list[Inline], int]] = [(doc.formula, doc.meta.line)]
    blocks: list[Block | Footnote] = [*doc.body]
    for annex in doc.annexes:
        runs.append((annex.title, annex.line))
        blocks += annex.blocks
    blocks += doc.footnotes
    for content, line in runs:
        if _too_deep(content, 0):
            return line
    for block in blocks:
        subs: list[tuple[Block | Footnote | Subparagraph, int]] = [(block, 0)]
        while subs:
            node, depth = subs.pop()
            if depth > MAX_NESTING or _too_deep(node.content, depth):
                return node.line or block.line
            subs += [(sub, depth + 1) for sub in getattr(node, "subparagraphs", ())]
    return None


def _too_deep(content: list[Inline], depth: int) -> bool:
    """Does markup in ``content``, itself at ``depth``, go deeper than :data:`MAX_NESTING`?"""
    todo = [(content, depth)]
    while todo:
        nodes, level = todo.pop()
        for node in nodes:
            if isinstance(node, (Emph, Strong, Link)):
                if level + 1 > MAX_NESTING:
                    return True
                todo.append((node.children, level + 1))
    return False
