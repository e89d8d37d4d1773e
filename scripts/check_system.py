"""Before installing: are the system libraries WeasyPrint needs on this machine? Say which are
missing and how to install them, instead of failing later with a cryptic import error."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

# unrender is not installed yet; its probe of the machine uses the standard library only, so it
# is loaded from its file (not from a path entry: the package's ast.py would shadow the stdlib's)
_PROBE = Path(__file__).resolve().parents[1] / "src" / "unrender" / "system.py"
_spec = importlib.util.spec_from_file_location("unrender_system", _PROBE)
system = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = system  # dataclasses looks the module up while building the classes
_spec.loader.exec_module(system)


def main() -> int:
    missing = [lib.package for lib in system.missing_libraries(required=True)]
    optional = [lib.package for lib in system.missing_libraries(required=False)]
    if optional:
        print(f"note: {' '.join(optional)} is not installed: PDFs are written more slowly "
              f"({system.install_hint(optional)}); `unrender doctor` lists what this machine has")
    for font in system.FONTS:
        if not system.has_font(font):
            print(f"note: the font {font.family} is not installed, needed for {font.purpose} "
                  f"({system.install_hint([font.package])})")
    if missing:
        print("unrender needs these system libraries: " + " ".join(missing))
        print(f"  Debian/Ubuntu: {system.install_hint(missing + optional)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
