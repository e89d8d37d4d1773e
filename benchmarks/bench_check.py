"""How fast `unrender check` answers: the whole command, cold, on each seed and example.

Prints the median wall time of N runs of `python -m unrender check FILE` per file, and the time
of the lint work alone in a warm process. Not a test: it asserts nothing.
Run: `python benchmarks/bench_check.py [--runs 7]` (or `make bench-check`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt")) + sorted(
    (ROOT / "examples").glob("*.md"))


def cold(path: Path, runs: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "unrender", "check", str(path)], env=env,
                       capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def warm(path: Path, runs: int) -> float:
    sys.path.insert(0, str(ROOT / "src"))
    from unrender.lint.runner import check_file

    check_file(path)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        check_file(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def compile_bytecode() -> None:
    """Write the package's .pyc files first, as an install does: with PYTHONDONTWRITEBYTECODE set
    (some shells and CI images set it) every run would otherwise recompile the sources."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], env=env,
                   check=True, capture_output=True)


def floor(runs: int) -> float:
    """Start-up plus importing the third-party libraries the Markdown reader needs: no check
    can be faster than this."""
    code = "import markdown_it, yaml, mdit_py_plugins.footnote, mdit_py_plugins.front_matter"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    compile_bytecode()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    print(f"interpreter start-up: {time.perf_counter() - start:.3f} s")
    print(f"start-up + import markdown-it-py, PyYAML (the floor): {floor(runs):.3f} s\n")
    print("| file | cold `unrender check` (median) | warm check_file (median) |")
    print("|---|---|---|")
    for path in FILES:
        print(f"| {path.name} | {cold(path, runs):.3f} s | {warm(path, runs) * 1000:.1f} ms |")


if __name__ == "__main__":
    main()
