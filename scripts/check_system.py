"""Before installing: are the system libraries WeasyPrint needs on this machine? Say which are
missing and how to install them, instead of failing later with a cryptic import error."""

from __future__ import annotations

import ctypes.util
import sys

NEEDED = {
    "pango-1.0": "libpango-1.0-0",
    "pangoft2-1.0": "libpangoft2-1.0-0",
    "harfbuzz": "libharfbuzz0b",
}
RECOMMENDED = {"harfbuzz-subset": "libharfbuzz-subset0"}  # fast font subsetting


def main() -> int:
    missing = [pkg for lib, pkg in NEEDED.items() if ctypes.util.find_library(lib) is None]
    slow = [pkg for lib, pkg in RECOMMENDED.items() if ctypes.util.find_library(lib) is None]
    if slow:
        names = " ".join(slow)
        print(f"note: install {names} for faster PDF output (apt-get install {names})")
    if missing:
        print("unrender needs these system libraries: " + " ".join(missing))
        print(f"  Debian/Ubuntu: sudo apt-get install {' '.join(missing + slow)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
