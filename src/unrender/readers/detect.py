"""Which reader a file needs, told from its text alone.

Kept apart from the readers so that choosing one does not import them all: ``unrender check``
starts on every save in an editor, and each reader module costs imports and compiled patterns.
"""

from __future__ import annotations

import re

from unrender.un.bodies import BODIES

# The enacting formula alone on its line ("The General Assembly,"), bold or not. Each run of
# spaces and stars is matched by one class, never by two patterns in a row that could share
# it: with "\s*\**\s*" a long run of spaces was tried in n³ ways (8 s for 320 spaces).
FORMULA = re.compile(
    r"^[\s*]*(The (?:" + "|".join(re.escape(b) for b in BODIES) + r"))(?:[\s*]*(,))?[\s*]*$"
)


def split_runs(text: str) -> str:
    """Put every bold run on a line of its own: the extractor runs masthead lines together."""
    text = re.sub(r"\*{4,}", "\n", text)  # "**a****b**": two runs back to back
    text = re.sub(r"(?<=[^\s*])\*\*(?=\S)", "\n", text)  # "Council**Fifty-third session**"
    text = re.sub(r"(?<=\S)\*\*\*(?=\S)", "\n*", text)  # "…rights***The Council,*"
    return text


def looks_like_akn(text: str) -> bool:
    """Does ``text`` look like an XML document (the AKN reader then says if it is Akoma Ntoso)?"""
    head = text.lstrip("\ufeff \t\r\n")[:200]
    return head.startswith("<?xml") or head.startswith("<akomaNtoso")


def looks_like_extracted_text(text: str) -> bool:
    """An enacting formula at the start of a line."""
    return any(FORMULA.match(line.strip()) for line in split_runs(text).splitlines())


MARKDOWN_SUFFIXES = (".md", ".markdown")


def opens_front_matter(text: str) -> bool:
    """Does the text open with a ``---`` line, as the authoring format does?"""
    return text.lstrip("\ufeff").split("\n", 1)[0].rstrip() == "---"


def detect_format(text: str, name: str = "") -> str:
    """``akn``, ``text`` (extracted from a PDF) or ``markdown`` (the authoring format).

    A ``.md`` file, or any file that opens with front matter, is Markdown whatever its text
    says: read as anything else, a missing key or a typo would pass unnoticed."""
    if name.lower().endswith(MARKDOWN_SUFFIXES) or opens_front_matter(text):
        return "markdown"
    if looks_like_akn(text):
        return "akn"
    return "text" if looks_like_extracted_text(text) else "markdown"
