"""Where the templates, styles, fonts and data are: inside the installed package, or at the top
of a source checkout (the wheel copies the top-level templates/ and styles/ into the package).

Plain paths rather than ``importlib.resources``: the package is always installed unzipped, and
that module alone adds measurable start-up time to ``unrender check``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def resource_dir(name: str) -> Path:
    """``templates`` or ``styles``: the installed copy first, then the checkout's."""
    for candidate in (_PACKAGE / name, _PACKAGE.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"unrender is missing its {name}/ folder; reinstall the package")


def read_style(name: str) -> str:
    return (resource_dir("styles") / name).read_text("utf-8")


def read_data(name: str) -> str:
    """A file of ``unrender/data/`` (opening phrases, State names)."""
    return (_PACKAGE / "data" / name).read_text("utf-8")
