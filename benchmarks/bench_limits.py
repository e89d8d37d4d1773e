"""Hostile and oversized sources through the real commands: exit status, time, peak memory.

    python benchmarks/bench_limits.py               # or: make bench-limits (about 13 minutes)
    python benchmarks/bench_limits.py --only akn    # the cases whose name contains "akn"
    python benchmarks/bench_limits.py --scale 0.1   # a tenth of the sizes, for a quick look

Each case (benchmarks/hostile_inputs.py makes the files) runs as ``python -m unrender check``
or ``build`` in a subprocess of its own, under a cap on its address space (``--mem-gib``) and a
timeout, so that a blow-up cannot take the machine down. Prints a Markdown table: case,
command, exit status, wall time, peak resident memory (``ru_maxrss`` from ``os.wait4``),
whether a Python traceback was printed, and the first line of the message. A file next to the
XML cases holds a sentinel that external entities point to; the script says whether it ever
appeared in an output or a message. Not a test: it asserts nothing. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(HERE))

import hostile_inputs as h  # noqa: E402

MB = 1_000_000
CHECK = ("check",)
OTHERS = ("build", "-t", "html,json,akn")
PDF = ("build", "-t", "pdf")
BUILD = ("build",)  # PDF and HTML, the default


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    make: Callable[[float], str]  # scale -> the file's text
    commands: tuple[tuple[str, ...], ...]
    timeout: float = 600


def _n(size: float, scale: float) -> int:
    return max(1, int(size * scale))


CASES = [
    # --- AKN: entities, DTDs, nesting -----------------------------------------------------------
    Case("akn: billion laughs", "laughs.xml", lambda s: h.akn_billion_laughs(), (CHECK, BUILD)),
    Case("akn: quadratic blow-up", "blowup.xml", lambda s: h.akn_quadratic_blowup(),
         (CHECK, BUILD)),
    Case("akn: external entity (SYSTEM)", "external.xml",
         lambda s: h.akn_external_entity("sentinel.txt"), (CHECK, BUILD)),
    Case("akn: external entity (PUBLIC)", "public.xml",
         lambda s: h.akn_external_entity("sentinel.txt", public=True), (CHECK, BUILD)),
    Case("akn: parameter entity", "parameter.xml",
         lambda s: h.akn_parameter_entity("sentinel.txt"), (CHECK, BUILD)),
    Case("akn: external DTD (URL)", "dtd.xml",
         lambda s: h.akn_external_dtd("http://127.0.0.1:9/akn.dtd"), (CHECK, BUILD)),
    Case("akn: <!DOCTYPE> alone", "doctype.xml", lambda s: h.akn_plain_doctype(),
         (CHECK, BUILD)),
    Case("akn: <i> 10^5 deep", "deep-inline.xml",
         lambda s: h.akn_nested(_n(100_000, s)), (CHECK, BUILD)),
    Case("akn: sections 10^5 deep", "deep-sections.xml",
         lambda s: h.akn_nested(_n(100_000, s), "hcontainer"), (CHECK, BUILD)),
    Case("akn: subparagraphs 32 deep (the limit)", "points-32.xml",
         lambda s: h.akn_nested_points(32), (CHECK, BUILD)),
    Case("akn: subparagraphs 33 deep", "points-33.xml",
         lambda s: h.akn_nested_points(33), (CHECK,)),
    # --- Markdown and extracted text: nesting ---------------------------------------------------
    Case("md: emphasis 10^5 deep (***…)", "deep-emphasis.md",
         lambda s: h.markdown_nested("emphasis", _n(100_000, s)), (CHECK, BUILD)),
    Case("md: bold 32 deep (the limit)", "strong-32.md",
         lambda s: h.markdown_nested("strong", 32), (CHECK, BUILD)),
    Case("md: links 10^5 deep ([[[…)", "deep-links.md",
         lambda s: h.markdown_nested("links", _n(100_000, s)), (CHECK,)),
    Case("md: block quotes 10^5 deep", "deep-quotes.md",
         lambda s: h.markdown_nested("quotes", _n(100_000, s)), (CHECK,)),
    Case("md: lists 10^5 deep", "deep-lists.md",
         lambda s: h.markdown_nested("lists", _n(100_000, s)), (CHECK,)),
    Case("txt: emphasis 10^5 deep", "deep-emphasis.txt",
         lambda s: h.text_nested(_n(100_000, s)), (CHECK,)),
    Case("md: YAML list 10^5 deep in the title", "deep-yaml.md",
         lambda s: h.yaml_nested(_n(100_000, s)), (CHECK,)),
    # --- patterns that backtrack (in files of other engineers: see README) ----------------------
    Case("txt: formula line + 1,000 spaces", "formula-spaces.txt",
         lambda s: h.TEXT_HEADER.replace("The General Assembly,",
                                         "The General Assembly" + " " * 1000 + "x")
         + "Decides to remain seized of the matter.\n", (CHECK,), timeout=60),
    Case("md: sponsor 'Albania' + 40 '*' + 'x'", "sponsor-stars.md",
         lambda s: h.FRONT_MATTER.replace("kind: resolution",
                                          "kind: draft resolution\nsponsors: [Albania"
                                          + "*" * 40 + "x]"),
         (CHECK,), timeout=60),
    # --- big sources ----------------------------------------------------------------------------
    Case("md: 10 MB of paragraphs", "big.md",
         lambda s: h.markdown_paragraphs(_n(10 * MB, s)), (CHECK, OTHERS, PDF)),
    Case("txt: 10 MB extracted text", "big.txt",
         lambda s: h.text_paragraphs(_n(10 * MB, s)), (CHECK, OTHERS, PDF)),
    Case("akn: 10 MB", "big.xml", lambda s: h.akn_paragraphs(_n(10 * MB, s)),
         (CHECK, OTHERS, PDF)),
    Case("md: 12 MB (over the source limit)", "huge.md",
         lambda s: h.markdown_paragraphs(_n(12 * MB, s)), (CHECK,)),
    Case("md: 1 MB of paragraphs (PDF near its limit)", "1mb.md",
         lambda s: h.markdown_paragraphs(_n(MB, s)), (PDF,)),
    Case("md: one line of 1 MB", "line.md", lambda s: h.markdown_long_line(_n(MB, s)),
         (CHECK, OTHERS, PDF)),
    Case("md: one 1 MB word", "word.md",
         lambda s: h.markdown_long_line(_n(MB, s), spaces=False), (CHECK, OTHERS, PDF)),
    Case("txt: one line of 1 MB", "line.txt", lambda s: h.text_long_line(_n(MB, s)),
         (CHECK, OTHERS)),
    Case("txt: one 1 MB word", "word.txt",
         lambda s: h.text_long_line(_n(MB, s), spaces=False), (CHECK, OTHERS)),
    Case("akn: 1 MB on one line", "oneline.xml", lambda s: h.akn_one_line(_n(MB, s)),
         (CHECK, OTHERS)),
    Case("md: one paragraph of 10^5 italic words, citations, dashes", "pieces.md",
         lambda s: h.markdown_pieces(_n(100_000, s)), (CHECK, OTHERS)),
    Case("md: one paragraph of 10^5 lines", "lines.md",
         lambda s: h.markdown_pieces(_n(100_000, s), "word{i}\n"), (CHECK, OTHERS)),
    Case("akn: one paragraph of 10^5 <span>s", "spans.xml",
         lambda s: h.akn_pieces(_n(100_000, s)), (CHECK, OTHERS)),
    # --- footnotes ------------------------------------------------------------------------------
    Case("md: 5,000 footnotes", "notes.md", lambda s: h.markdown_footnotes(_n(5000, s)),
         (CHECK, OTHERS, PDF)),
    Case("md: 1,000 footnotes (PDF at its limit)", "notes-1000.md",
         lambda s: h.markdown_footnotes(_n(1000, s)), (PDF,)),
    Case("txt: 5,000 footnotes", "notes.txt", lambda s: h.text_footnotes(_n(5000, s)),
         (CHECK, OTHERS)),
    Case("txt: 999 footnotes, calls lost", "lost-calls.txt",
         lambda s: h.text_footnotes(_n(999, s), lost_calls=True), (CHECK,)),
]


@dataclass
class Run:
    case: str
    command: str
    status: str
    wall: float
    rss: int
    traceback: bool
    message: str
    leaked: bool  # the sentinel's text was in the output or in a file written


def _limit(mem_gib: float) -> Callable[[], None]:
    def apply() -> None:
        cap = int(mem_gib * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        os.nice(10)  # the machine is shared

    return apply


def run(case: Case, command: tuple[str, ...], folder: Path, mem_gib: float) -> Run:
    argv = [sys.executable, "-m", "unrender", *command, case.file]
    if command[0] == "build":
        argv += ["-o", "out"]
    path = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=folder, env=env, stdout=out, stderr=err,
                                preexec_fn=_limit(mem_gib))
        status, usage = _wait(proc, case.timeout)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    rss = usage.ru_maxrss // (1024 * 1024 if sys.platform == "darwin" else 1024) if usage else 0
    written = sorted((folder / "out").glob("*")) if (folder / "out").is_dir() else []
    leaked = h.SENTINEL in stdout + stderr or any(h.SENTINEL.encode() in p.read_bytes()
                                                   for p in written)
    for path in written:  # the outputs of 10 MB sources are big: keep none
        path.unlink()
    return Run(case.name, " ".join(command), status, wall, rss, "Traceback" in stderr,
               _message(stdout, stderr, command[0]), leaked)


def _wait(proc: subprocess.Popen, timeout: float) -> tuple[str, os.struct_rusage | None]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            code = proc.returncode
            return (str(code) if code >= 0 else f"signal {-code}"), usage
        time.sleep(0.05)
    proc.kill()
    _, _, usage = os.wait4(proc.pid, 0)
    return f"timeout {timeout:.0f} s", usage


def _message(stdout: str, stderr: str, verb: str) -> str:
    lines = [line for line in (stderr + "\n" + stdout).splitlines() if line.strip()]
    for line in lines:
        if ": error:" in line or " UN000 " in line or line.startswith(("Traceback", "MemoryError")):
            return line
    if "Traceback" in stderr:
        return stderr.strip().splitlines()[-1]
    shown = stdout if verb == "check" else stderr
    tail = [line for line in shown.splitlines() if line.strip()]
    return tail[-1] if tail else ""


def table(runs: list[Run], width: int) -> str:
    head = ("| case | command | exit | time s | peak RSS MiB | traceback | first line of the "
            "message |")
    rule = "|:--|:--|--:|--:|--:|:--|:--|"
    rows = [f"| {r.case} | `{r.command}` | {r.status} | {r.wall:.2f} | {r.rss} | "
            f"{'yes' if r.traceback else 'no'} | {_cell(r.message, width)} |" for r in runs]
    return "\n".join([head, rule, *rows])


def _cell(text: str, width: int) -> str:
    text = text if len(text) <= width else text[: width - 1] + "…"
    return text.replace("|", "\\|")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="only the cases whose name contains this")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply sizes and depths")
    parser.add_argument("--mem-gib", type=float, default=4.0, help="address-space cap per run")
    parser.add_argument("--width", type=int, default=140, help="characters of each message")
    args = parser.parse_args()
    cases = [c for c in CASES if args.only.lower() in c.name.lower()]
    print(f"unrender limits — Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, scale {args.scale}, address space capped at "
          f"{args.mem_gib:g} GiB\n")
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="unrender-limits-") as tmp:
        folder = Path(tmp)
        (folder / "sentinel.txt").write_text(h.SENTINEL, encoding="utf-8")
        for case in cases:
            (folder / case.file).write_text(case.make(args.scale), encoding="utf-8")
            for command in case.commands:
                runs.append(run(case, command, folder, args.mem_gib))
                print(f"  {case.name}: {runs[-1].command} — {runs[-1].status} in "
                      f"{runs[-1].wall:.1f} s", file=sys.stderr, flush=True)
            (folder / case.file).unlink()
    print(table(runs, args.width))
    leaked = [f"{r.case} ({r.command})" for r in runs if r.leaked]
    print("\nThe sentinel file's text appeared in: "
          f"{', '.join(leaked) or 'no output and no message'}.")


if __name__ == "__main__":
    main()
