"""How long unrender takes, and how much memory, on the examples. A script, not a test.

    python benchmarks/bench_build.py            # or: make bench
    python benchmarks/bench_build.py --runs 9   # more repetitions for the medians

Prints four figures (see benchmarks/README.md for what they mean):

1. the import time of WeasyPrint in a fresh interpreter (median of ``--runs``);
2. cold subprocesses: ``unrender --version`` (start-up), ``unrender build -t html`` (no
   WeasyPrint), and ``unrender build`` (PDF + HTML) of each example: wall time, pages, and the
   subprocess's peak resident memory (``ru_maxrss`` from ``os.wait4``);
3. warm, in-process: read + transform + print HTML + PDF for each example, median of ``--runs``
   after one warm-up render, in total and per page;
4. the HTML page alone (screen mode), warm, median.

Runs from a checkout without installing: ``src/`` is put on the path of this process and of the
subprocesses. Nothing is written outside a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
EXAMPLES = sorted((ROOT / "examples").glob("*.md"))


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def run_measured(argv: list[str]) -> tuple[float, int, int, str]:
    """Run ``argv``; return wall seconds, exit status, peak RSS in MiB, and stderr."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, env=child_env(), stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = err.read().decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux, in bytes on macOS
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return wall, proc.returncode, round(rss), message


def weasyprint_import(runs: int) -> list[float]:
    code = "import time; t = time.perf_counter(); import weasyprint; print(time.perf_counter() - t)"
    out = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", code],
            env=child_env(),
            capture_output=True,
            text=True,
            check=True,
        )
        out.append(float(result.stdout.strip()))
    return out


def page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def cold_builds(out_dir: Path) -> list[dict]:
    rows = []
    for source in EXAMPLES:
        argv = [sys.executable, "-m", "unrender", "build", str(source), "-o", str(out_dir), "-q"]
        wall, status, rss, message = run_measured(argv)
        if status != 0:
            raise SystemExit(f"unrender build {source.name} failed ({status}):\n{message}")
        pages = page_count(out_dir / f"{source.stem}.pdf")
        rows.append({"name": source.stem, "wall": wall, "pages": pages, "rss": rss})
    return rows


def warm_renders(runs: int) -> list[dict]:
    sys.path.insert(0, str(SRC))
    from unrender import transforms
    from unrender.readers import read_file
    from unrender.writers.html import render_html
    from unrender.writers.pdf import render_pdf

    def pdf_once(source: Path) -> int:
        doc, _ = read_file(source)
        doc = transforms.apply(doc)
        return render_pdf(render_html(doc, "print"), source.parent, doc.meta.paper).pages

    def html_once(source: Path) -> None:
        doc, _ = read_file(source)
        render_html(transforms.apply(doc), "screen")

    for source in EXAMPLES:  # warm-up: imports, fonts, stylesheets, template cache
        pdf_once(source)
        html_once(source)
    rows = []
    for source in EXAMPLES:
        pdf_times, html_times = [], []
        pages = 0
        for _ in range(runs):
            t = time.perf_counter()
            pages = pdf_once(source)
            pdf_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            html_once(source)
            html_times.append(time.perf_counter() - t)
        pdf = statistics.median(pdf_times)
        rows.append(
            {
                "name": source.stem,
                "pages": pages,
                "pdf": pdf,
                "per_page": pdf / pages,
                "spread": (min(pdf_times), max(pdf_times)),
                "html": statistics.median(html_times),
            }
        )
    return rows


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table: first column left-aligned, the figures right-aligned."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return (
            "| "
            + " | ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            )
            + " |"
        )

    rule = (
        "|"
        + "|".join(
            ":" + "-" * (w + 1) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths)
        )
        + "|"
    )
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions for medians (default 5)")
    args = parser.parse_args()
    if not EXAMPLES:
        raise SystemExit("no examples/*.md to build")

    import weasyprint

    print(
        f"unrender benchmarks — Python {platform.python_version()}, WeasyPrint "
        f"{weasyprint.__version__}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"{len(EXAMPLES)} examples, median of {args.runs}\n"
    )

    imports = weasyprint_import(args.runs)
    print(
        f"import weasyprint (fresh interpreter): {statistics.median(imports) * 1000:.0f} ms "
        f"(min {min(imports) * 1000:.0f}, max {max(imports) * 1000:.0f})\n"
    )

    with tempfile.TemporaryDirectory(prefix="unrender-bench-") as tmp:
        startup = [
            run_measured([sys.executable, "-m", "unrender", "--version"]) for _ in range(args.runs)
        ]
        html_only = [
            run_measured(
                [
                    sys.executable,
                    "-m",
                    "unrender",
                    "build",
                    str(EXAMPLES[0]),
                    "-o",
                    tmp,
                    "-t",
                    "html",
                    "-q",
                ]
            )
            for _ in range(args.runs)
        ]
        cold = cold_builds(Path(tmp))
    print(
        f"`unrender --version` (interpreter + CLI start-up): "
        f"{statistics.median(r[0] for r in startup):.2f} s, peak RSS {startup[0][2]} MiB"
    )
    print(
        f"`unrender build -t html {EXAMPLES[0].name}` (no WeasyPrint): "
        f"{statistics.median(r[0] for r in html_only):.2f} s, peak RSS {html_only[0][2]} MiB\n"
    )
    print("Cold `unrender build` (PDF + HTML), one subprocess per example:\n")
    print(
        table(
            ["example", "pages", "wall s", "peak RSS MiB"],
            [[r["name"], str(r["pages"]), f"{r['wall']:.2f}", str(r["rss"])] for r in cold],
        )
    )
    print()

    warm = warm_renders(args.runs)
    print("Warm, in process (read + transform + print HTML + PDF), median:\n")
    print(
        table(
            ["example", "pages", "PDF ms", "ms/page", "min–max ms", "HTML ms"],
            [
                [
                    r["name"],
                    str(r["pages"]),
                    f"{r['pdf'] * 1000:.0f}",
                    f"{r['per_page'] * 1000:.0f}",
                    f"{r['spread'][0] * 1000:.0f}–{r['spread'][1] * 1000:.0f}",
                    f"{r['html'] * 1000:.1f}",
                ]
                for r in warm
            ],
        )
    )
    total_pages = sum(r["pages"] for r in warm)
    total = sum(r["pdf"] for r in warm)
    print(
        f"\nAll {len(warm)} examples: {total_pages} pages in {total:.2f} s warm "
        f"({total / total_pages * 1000:.0f} ms/page); cold builds took "
        f"{sum(r['wall'] for r in cold):.2f} s, peak RSS up to {max(r['rss'] for r in cold)} MiB."
    )


if __name__ == "__main__":
    main()
