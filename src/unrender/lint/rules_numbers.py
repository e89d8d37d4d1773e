"""Rules on numbers and citations (un-style.md §11 items 13–14): numbers in words or figures,
"per cent", decimals, and resolutions cited by number rather than by symbol."""

from __future__ import annotations
