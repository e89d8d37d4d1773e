"""Bounds on hostile or oversized sources: a clear error instead of a traceback or a blow-up.

Readers enforce the size and nesting limits, so every later stage (transforms, writers, lint
rules, WeasyPrint) may walk the document tree recursively without meeting Python's recursion
limit; ``unrender build`` checks the PDF limits before any work. The measurements behind each
limit are in benchmarks/README.md ("Limits"; ``make bench-limits``).
"""

from __future__ import annotations

from unrender.ast import (
    Block,
    Document,
    Emph,
    Footnote,
    Inline,
    Link,
    Strong,
    Subparagraph,
    inline_runs,
    plain_text,
)
from unrender.diagnostics import SourceError

# Characters in a source file. A resolution is rarely over 300 KB (the UN's largest AKN file of
# 138: 252 KB). Costs grow linearly with the size and with the density of markup: 10 MB of
# paragraphs take `unrender check` up to 16 s and 280 MB, `build -t html,json,akn` up to 36 s
# and 420 MB; 10 MB with an italic word, a citation and a dash every 30 characters take 44 s
# and 880 MB, and 200 s and 2.4 GB (half of it the JSON). The limit bounds that worst case.
MAX_SOURCE_CHARS = 10 * 2**20

# Elements inside elements in an AKN file. The UN's own files nest at most 13 deep (138 files of
# the HRC, GA and ECOSOC, measured); the AKN reader recurses about twice per level.
MAX_XML_DEPTH = 100

# Levels of nesting in the document tree: subparagraphs within subparagraphs and markup within
# markup (italics in bold in a link …), counted together. UN texts use 3 at most ("(a)", "(i)",
# an italic word). Measured breaking points, at Python's default recursion limit: WeasyPrint at
# 100 nested subparagraphs, copy.deepcopy (transforms) and the HTML writer at 200 nested
# markup; 32 leaves room for both at once.
MAX_NESTING = 32

# What WeasyPrint is asked to print. It lays out every page in memory, at about 0.2 s and 1 MB a
# page (1 MB of text: 290 pages, 60 s, 360 MB), and it lays out a page's footnotes again for
# each note it adds to the page (1,000 notes: 40 s; 5,000: 6 minutes and 830 MB). The longest
# resolutions, treaties annexed, run to about 100 pages.
MAX_PDF_CHARS = 1_200_000  # of text, notes included: about 350 pages
MAX_PDF_FOOTNOTES = 1_000
CHARS_PER_PAGE = 3_400  # of a UN page of paragraphs, measured on the PDFs unrender prints


# Bytes of a source file: UTF-8 takes at most four a character. A bigger file is refused before
# it is read into memory.
MAX_SOURCE_BYTES = 4 * MAX_SOURCE_CHARS


def too_big(size: str) -> str:
    return (f"too big to read: {size}, where unrender reads at most {MAX_SOURCE_CHARS:,} "
            "characters (a resolution is rarely over 300,000): split the document")


def check_source_size(text: str, path: str) -> None:
    """Raise :class:`SourceError` for a source longer than :data:`MAX_SOURCE_CHARS`."""
    if len(text) > MAX_SOURCE_CHARS:
        raise SourceError(path, 0, too_big(f"{len(text):,} characters"))


def check_printable(doc: Document, path: str) -> None:
    """Raise :class:`SourceError` for a document too long, or with too many footnotes, for
    WeasyPrint to print in a minute or two; the other formats have no such limit."""
    advice = "build the other formats (-t html,json,akn), or split the document"
    notes = len(doc.footnotes)
    if notes > MAX_PDF_FOOTNOTES:
        raise SourceError(path, 0, f"too many footnotes for a PDF: {notes:,}, where unrender "
                          f"prints at most {MAX_PDF_FOOTNOTES:,} (WeasyPrint lays out a page's "
                          f"notes again for every note it adds): {advice}")
    chars = sum(len(plain_text(run)) for run in inline_runs(doc))
    if chars > MAX_PDF_CHARS:
        raise SourceError(path, 0, f"too long for a PDF: {chars:,} characters of text, about "
                          f"{_pages(chars):,} pages, where unrender prints at most "
                          f"{MAX_PDF_CHARS:,} (about {_pages(MAX_PDF_CHARS):,} pages, a minute "
                          f"or so in WeasyPrint): {advice}")


def _pages(chars: int) -> int:
    return int(round(chars / CHARS_PER_PAGE, -1))


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
