"""``unrender check``: the UN editorial rules (un-style.md §11) as a linter.

:func:`check` runs every registered rule over a :class:`~unrender.ast.Document` and returns
:class:`Violation` records (``path:line:col: CODE message``). Rules live in
:mod:`unrender.lint.rules` (structure, typography, metadata),
:mod:`unrender.lint.rules_numbers` and :mod:`unrender.lint.rules_terms`, each a small function
registered with a stable code; safe fixes are edits of the Markdown source, applied by
:mod:`unrender.lint.fix`.

This package imports no writer (and so never WeasyPrint): checking must stay fast.
"""

from __future__ import annotations

from unrender.lint.core import RULES, Edit, Rule, Violation, check, select_rules

__all__ = ["RULES", "Edit", "Rule", "Violation", "check", "select_rules"]
