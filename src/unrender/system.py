"""What this machine has for unrender: the system libraries WeasyPrint loads, and tools.

Standard library only: ``scripts/check_system.py`` runs it before unrender is installed, and
``unrender doctor`` runs it after.
"""

from __future__ import annotations

import ctypes.util
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Library:
    name: str  # as ctypes.util.find_library knows it
    package: str  # the Debian/Ubuntu package that provides it
    purpose: str
    required: bool = True
    version_function: str = ""  # a C function returning the version as a string, if any


LIBRARIES = (
    Library("pango-1.0", "libpango-1.0-0", "text layout", version_function="pango_version_string"),
    Library("pangoft2-1.0", "libpangoft2-1.0-0", "fonts for text layout"),
    Library("harfbuzz", "libharfbuzz0b", "text shaping", version_function="hb_version_string"),
    Library("harfbuzz-subset", "libharfbuzz-subset0",
            "fast font subsetting (without it PDFs are written with fontTools, more slowly)",
            required=False),
)


@dataclass(frozen=True)
class Tool:
    command: str
    package: str
    purpose: str


TOOLS = (
    Tool("pdftotext", "poppler-utils", "extract the text of a UN PDF, for `unrender build` or "
         "`unrender import`"),
)


@dataclass(frozen=True)
class Font:
    family: str  # as fontconfig names it
    package: str
    purpose: str


FONTS = (
    Font("Noto Serif CJK SC", "fonts-noto-cjk",
         "Chinese text (about 56 MB, too large to bundle; without it Chinese prints blank)"),
)


def has_font(font: Font) -> bool:
    """Does fontconfig know the family? (WeasyPrint finds system fonts through it.)"""
    try:
        found = subprocess.run(["fc-list", f"{font.family}:", "family"], capture_output=True,
                               text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return font.family in found


def has_library(library: Library) -> bool:
    return ctypes.util.find_library(library.name) is not None


def library_version(library: Library) -> str:
    """The version the library reports of itself, or "" (not found, or it has no such call)."""
    found = ctypes.util.find_library(library.name)
    if not found or not library.version_function:
        return ""
    try:
        function = getattr(ctypes.CDLL(found), library.version_function)
    except (OSError, AttributeError):
        return ""
    function.restype = ctypes.c_char_p
    return function().decode("ascii", "replace")


def missing_libraries(required: bool) -> list[Library]:
    """The required (or the optional) libraries this machine lacks."""
    return [lib for lib in LIBRARIES if lib.required == required and not has_library(lib)]


def has_tool(tool: Tool) -> bool:
    return shutil.which(tool.command) is not None


def install_hint(packages: Iterable[str]) -> str:
    return f"sudo apt-get install {' '.join(packages)}"
