"""Rules on words (un-style.md §11 items 15–16): names the UN never abbreviates, "Member
States", and Oxford spelling with -ize."""

from __future__ import annotations
