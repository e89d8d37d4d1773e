"""Rules whose findings the readers make: what only the text as written shows (the counts a vote
record prints, text no rule of structure could place, a value worked out rather than read).

The readers tag each finding with one of these codes (or with the code of an existing rule,
such as UN017 for a name in a vote record that is not a State's); `check` and `build` report
them with the rest, so `--select`, `--ignore` and `<!-- unrender: ignore … -->` apply to them.
"""

from __future__ import annotations

from unrender.diagnostics import (
    FOOTNOTE_RECOVERY,
    FURNITURE,
    INFERRED,
    UNRECOGNISED,
    VOTE_RECORD,
)
from unrender.lint.core import reader_rule

reader_rule(UNRECOGNISED, "unrecognised-text", "warning",
            "Text or markup the reader cannot place (a header line, an element of the XML, a "
            "comment's directive) is said, with what was done with it: nothing is dropped "
            "silently.")
reader_rule(VOTE_RECORD, "vote-record", "error",
            "A recorded vote's counts agree with its lists of States, and each number with its "
            "noun: \"by 33 votes to 13, with 1 abstention\".")
reader_rule(FOOTNOTE_RECOVERY, "footnote-recovery", "warning",
            "Footnotes found in extracted text whose call or number cannot be matched are said, "
            "so that no note lands in the wrong place unnoticed.")
reader_rule(INFERRED, "inferred-metadata", "warning",
            "What the reader works out rather than reads (a symbol from the resolution's "
            "number) is said, so that it can be checked.")
reader_rule(FURNITURE, "page-furniture", "warning",
            "The job number reads like 18-16895 or GE.22-10304 (or no barcode is printed), and "
            "every sponsor's mark has its note.")
