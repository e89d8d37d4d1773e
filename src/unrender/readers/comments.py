"""HTML comments in the authoring source: notes for the drafters, never printed.

``<!-- … -->`` is how Markdown writers leave notes, and CommonMark gives it a meaning: a comment
that starts a line is a block of its own (it ends the paragraph before it), one inside a line is
inline. The Markdown reader parses with raw HTML off — it would escape ``<!--`` and print it — so
comments are blanked out before parsing, keeping every line where it was:

- a comment on lines of its own becomes blank lines (a paragraph break, as in CommonMark);
- a comment inside a line is removed with the spaces before it ("text <!-- x --> more" reads
  "text more");
- a comment that starts inside a paragraph must close on its own line: removing its inner lines
  would either split the paragraph or move the lines after it.

``<!-- unrender: ignore UN012 -->`` tells ``unrender check`` to skip rules (codes or prefixes;
none means every rule) in the paragraph the comment sits in or, when it stands on lines of its
own, in the paragraph that follows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unrender.diagnostics import SourceError

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_DIRECTIVE = re.compile(r"^\s*unrender\s*:\s*(\S+)\s*(.*?)\s*$", re.S)


@dataclass
class Comment:
    line: int  # first line (1-based)
    end_line: int
    text: str  # between <!-- and -->
    standalone: bool  # on lines of its own


@dataclass
class Suppression:
    """Rules a comment turns off, over lines ``first``..``last`` of the source."""

    first: int
    last: int
    codes: list[str] = field(default_factory=list)  # empty: every rule
    line: int = 0  # of the comment


@dataclass
class Scan:
    text: str  # the source with comments blanked, line for line
    comments: list[Comment]


def _body_start(text: str) -> int:
    """Offset of the first character after the front matter (comments in YAML are ``#``)."""
    m = _FRONT_MATTER.match(text)
    return m.end() if m else 0


def scan(text: str, path: str, keep_columns: bool = False) -> Scan:
    """Blank every comment of ``text`` as the module docstring says. Raises SourceError for a
    comment that is never closed or that leaves a paragraph mid-way.

    With ``keep_columns`` comments become spaces instead, so that every other character keeps
    its line and column (for the linter, whose fixes are edits at columns of the source)."""
    start = _body_start(text)
    if "<!--" not in text[start:]:
        return Scan(text, [])
    head, lines = text[:start], text[start:].split("\n")
    first_line = head.count("\n") + 1
    comments: list[Comment] = []
    i = 0
    while i < len(lines):
        col = _opening(lines[i])
        if col < 0:
            i += 1
            continue
        end_i, end_col = _closing(lines, i, col + 4)
        if end_i < 0:
            raise SourceError(path, first_line + i, "this comment is never closed: end it "
                              "with -->")
        before, after = lines[i][:col], lines[end_i][end_col:]
        if before.strip() and end_i > i:
            raise SourceError(path, first_line + i, "a comment inside a paragraph must close "
                              "on the same line; put a longer comment on lines of its own")
        comments.append(Comment(first_line + i, first_line + end_i,
                                _between(lines, i, col + 4, end_i, end_col - 3),
                                standalone=not before.strip() and not after.strip()))
        if keep_columns:
            for k in range(i, end_i + 1):
                lines[k] = _spaces(lines[k], col if k == i else 0, end_col if k == end_i else None)
        elif before.strip():  # inline: drop it with the spaces before it
            lines[i] = before.rstrip(" \t") + after
        else:
            lines[i:end_i + 1] = [""] * (end_i - i) + [after.lstrip(" \t") if after.strip() else ""]
        i = i if before.strip() else end_i  # the same line may hold another comment
    return Scan(head + "\n".join(lines), comments)


def _opening(line: str, start: int = 0) -> int:
    """Column of the first ``<!--`` not escaped as ``\\<!--`` (how text is written), or -1."""
    col = line.find("<!--", start)
    while col > 0:
        before = col  # count the backslashes just before, in place (a slice each time is
        while before and line[before - 1] == "\\":  # quadratic on a line of "\\<!--")
            before -= 1
        if (col - before) % 2 == 0:
            break
        col = line.find("<!--", col + 1)
    return col


def _spaces(line: str, start: int, end: int | None) -> str:
    end = len(line) if end is None else end
    return line[:start] + " " * (end - start) + line[end:]


def _between(lines: list[str], i: int, col: int, end_i: int, end_col: int) -> str:
    if i == end_i:
        return lines[i][col:end_col]
    return "\n".join([lines[i][col:], *lines[i + 1:end_i], lines[end_i][:end_col]])


def _closing(lines: list[str], i: int, col: int) -> tuple[int, int]:
    """(line index, column after "-->") of the comment opened before ``lines[i][col]``."""
    for k in range(i, len(lines)):
        found = lines[k].find("-->", col if k == i else 0)
        if found >= 0:
            return k, found + 3
    return -1, -1


def suppressions(blanked: str, comments: list[Comment]) -> list[Suppression]:
    """The ``unrender: ignore`` comments, each with the source lines it covers."""
    lines = blanked.split("\n")
    out: list[Suppression] = []
    for c in comments:
        m = _DIRECTIVE.match(c.text)
        if not m or m.group(1).lower() != "ignore":
            continue
        codes = [code.upper() for code in re.split(r"[\s,]+", m.group(2)) if code]
        first, last = _paragraph(lines, c.line if not c.standalone else _next_text(lines, c))
        out.append(Suppression(first, last, codes, c.line))
    return out


def unknown_directives(comments: list[Comment]) -> list[tuple[int, str]]:
    """(line, directive) of ``unrender:`` comments that say something other than ``ignore``."""
    found = []
    for c in comments:
        m = _DIRECTIVE.match(c.text)
        if m and m.group(1).lower() != "ignore":
            found.append((c.line, m.group(1)))
    return found


def _next_text(lines: list[str], c: Comment) -> int:
    """The first non-blank line after a comment that stands on lines of its own."""
    number = c.end_line + 1
    while number <= len(lines) and not lines[number - 1].strip():
        number += 1
    return number


def _paragraph(lines: list[str], line: int) -> tuple[int, int]:
    """First and last line of the run of non-blank lines through ``line``."""
    if line > len(lines):
        return line, line
    first = last = line
    while first > 1 and lines[first - 2].strip():
        first -= 1
    while last < len(lines) and lines[last].strip():
        last += 1
    return first, last
