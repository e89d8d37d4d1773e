"""``unrender doctor``: what this machine has for unrender, and what to install.

Everything a bug report needs in one place: versions, the system libraries WeasyPrint loads (and
the optional one whose absence only makes PDFs slower), the bundled fonts, and the tools the
documentation mentions.
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass
from importlib import metadata

from unrender import system
from unrender.resources import resource_dir

PACKAGES = ("weasyprint", "markdown-it-py", "mdit-py-plugins", "jinja2", "pyyaml", "typer",
            "rich")


@dataclass(frozen=True)
class Line:
    status: str  # "ok", "missing", "optional" (missing, not needed), "note"
    name: str
    detail: str = ""


@dataclass
class Report:
    sections: list[tuple[str, list[Line]]]

    @property
    def healthy(self) -> bool:
        """Nothing required is missing (optional libraries and tools may be)."""
        return not any(line.status == "missing" for _, lines in self.sections for line in lines)

    def render(self) -> str:
        out = []
        for title, lines in self.sections:
            out.append(title)
            width = max((len(line.name) for line in lines), default=0)
            for line in lines:
                out.append(f"  {line.status:<8} {line.name:<{width}}  {line.detail}".rstrip())
        packages = [*(lib.package for lib in system.missing_libraries(required=True)),
                    *(lib.package for lib in system.missing_libraries(required=False)),
                    *(tool.package for tool in system.TOOLS if not system.has_tool(tool)),
                    *(font.package for font in system.FONTS if not system.has_font(font))]
        if packages:
            out.append(f"\nTo install what is missing: {system.install_hint(packages)}")
        return "\n".join(out)


def diagnose() -> Report:
    from unrender import __version__

    sections = [
        ("unrender", [Line("ok", "unrender", __version__),
                      Line("ok", "python", f"{platform.python_version()} ({sys.executable})")]),
        ("System libraries", _libraries()),
        ("Python packages", [_package(name) for name in PACKAGES]),
        ("Fonts (bundled)", _fonts()),
        ("Fonts (system)", [_system_font(font) for font in system.FONTS]),
        ("Tools", [_tool(tool) for tool in system.TOOLS]),
    ]
    return Report(sections)


def _libraries() -> list[Line]:
    lines = []
    for lib in system.LIBRARIES:
        if system.has_library(lib):
            lines.append(Line("ok", lib.name, _join(system.library_version(lib), lib.purpose)))
        else:
            status = "missing" if lib.required else "optional"
            lines.append(Line(status, lib.name, f"not installed ({lib.package}): {lib.purpose}"))
    return [*lines, _engine()]


def _engine() -> Line:
    """Does WeasyPrint load them? (A library can be found and still fail to load.)"""
    try:
        from unrender.writers.pdf import _weasyprint

        _weasyprint()
    except (ImportError, OSError) as exc:
        return Line("missing", "weasyprint", f"cannot load: {exc}")
    return Line("ok", "weasyprint", "loads its libraries")


def _join(*parts: str) -> str:
    return "  ".join(part for part in parts if part)


def _package(name: str) -> Line:
    try:
        return Line("ok", name, metadata.version(name))
    except metadata.PackageNotFoundError:
        return Line("missing", name, "not installed: reinstall unrender")


def _fonts() -> list[Line]:
    folder = resource_dir("styles") / "fonts"
    faces = sorted(p.name for p in folder.glob("*.ttf"))
    if not faces:
        return [Line("missing", "fonts", f"no fonts in {folder}: reinstall unrender")]
    return [Line("ok", face) for face in faces]


def _system_font(font: system.Font) -> Line:
    if system.has_font(font):
        return Line("ok", font.family, font.purpose)
    return Line("optional", font.family, f"not installed ({font.package}): {font.purpose}")


def _tool(tool: system.Tool) -> Line:
    if system.has_tool(tool):
        return Line("ok", tool.command, tool.purpose)
    return Line("optional", tool.command, f"not installed ({tool.package}): {tool.purpose}")
