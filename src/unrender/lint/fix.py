"""Applying the fixes of violations to Markdown source text."""

from __future__ import annotations

from collections.abc import Iterable

from unrender.lint.core import RULES, Edit, Violation


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """``text`` with the non-overlapping ``edits`` applied; also how many were applied.

    Edits that overlap an earlier one, or point outside the text, are skipped (the next round
    of checking finds them again).
    """
    lines = text.split("\n")
    chosen: list[Edit] = []
    for edit in sorted(set(edits)):
        if not 1 <= edit.line <= len(lines) or edit.end > len(lines[edit.line - 1]):
            continue
        if chosen and chosen[-1].line == edit.line and edit.start < chosen[-1].end:
            continue
        if chosen and chosen[-1].line == edit.line and edit.start == chosen[-1].start == \
                chosen[-1].end == edit.end:
            continue  # two insertions at one place: keep the first
        chosen.append(edit)
    for edit in reversed(chosen):
        line = lines[edit.line - 1]
        lines[edit.line - 1] = line[: edit.start] + edit.text + line[edit.end:]
    return "\n".join(lines), len(chosen)


def is_unsafe(v: Violation) -> bool:
    """Does the fix of ``v`` change words (applied only with --unsafe-fixes)?"""
    rule = RULES.get(v.code)
    return bool(rule and rule.unsafe_fix)


def fixable_edits(violations: Iterable[Violation], unsafe: bool = False) -> list[Edit]:
    """The edits of the violations' fixes: the safe ones, and with ``unsafe`` all of them."""
    return [edit for v in violations if v.fix and (unsafe or not is_unsafe(v))
            for edit in v.fix]
