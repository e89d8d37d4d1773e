"""The long fuzz run: many mutated and made-up sources through every reader, check, check --fix
and every writer, with the properties of tests/test_fuzz.py. A script, not a test.

    python scripts/fuzz.py                       # or: make fuzz (50,000 inputs)
    python scripts/fuzz.py --inputs 2000 --seed 7
    python scripts/fuzz.py --replay build/fuzz/read-traceback-123.md --from markdown

Input ``i`` of seed ``s`` is made by ``random.Random(f"{s}:{i}")`` alone, so any input can be
made again from its number. Each runs in a worker process that is killed if it does not answer
in ``--timeout`` seconds (a hang in C code, such as a regular expression, ignores alarms).

Prints figures as it goes and at the end: inputs tried, per reader, per kind of failure, time,
inputs a second. Every failing input is written to ``--out`` with a note of what failed; the
exit status is 1 if any input failed.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import random
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from multiprocessing.connection import Connection, wait
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "src")]

import fuzz_inputs  # noqa: E402  (from tests/, shared with the test suite)

SUFFIXES = {"markdown": ".md", "text": ".txt", "akn": ".xml"}


def make_case(seed: int, i: int, seeds: list[fuzz_inputs.Seed]) -> fuzz_inputs.Case:
    return fuzz_inputs.random_case(random.Random(f"{seed}:{i}"), seeds)


def worker(conn: Connection, seed: int, pdf_every: int, timeout: float) -> None:
    """Examine the inputs whose numbers come down ``conn``; send back what was seen."""
    import fuzz_oracle

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    seeds = fuzz_inputs.load_seeds()
    work = Path(tempfile.mkdtemp(prefix="unrender-fuzz-"))
    try:
        while (i := conn.recv()) is not None:
            case = make_case(seed, i, seeds)
            folder = work / str(i)
            folder.mkdir()
            out = fuzz_oracle.examine(case.data, case.fmt, folder,
                                      pdf=bool(pdf_every) and i % pdf_every == 0,
                                      limit=timeout * 0.8)  # then the parent kills
            shutil.rmtree(folder, ignore_errors=True)
            conn.send((i, out.reader, out.read, [(f.kind, f.detail) for f in out.failures],
                       sorted({f.kind for f in out.known})))
    finally:
        shutil.rmtree(work, ignore_errors=True)


class Pool:
    """Worker processes, each with one input at a time; one that hangs is killed and replaced."""

    def __init__(self, size: int, seed: int, pdf_every: int, timeout: float) -> None:
        self.args = (seed, pdf_every, timeout)
        self.workers: list[tuple[mp.Process, Connection]] = [self._start() for _ in range(size)]
        self.busy: dict[Connection, tuple[int, float]] = {}  # conn -> (input, started)

    def _start(self) -> tuple[mp.Process, Connection]:
        parent, child = mp.Pipe()
        process = mp.Process(target=worker, args=(child, *self.args), daemon=True)
        process.start()
        child.close()
        return process, parent

    def idle(self) -> list[Connection]:
        return [conn for _, conn in self.workers if conn not in self.busy]

    def give(self, conn: Connection, i: int) -> None:
        conn.send(i)
        self.busy[conn] = (i, time.monotonic())

    def results(self, timeout: float):
        """Finished inputs as (i, reader, read, failures, known kinds); hung ones as failures
        of kind hang."""
        for conn in wait(list(self.busy), timeout=1.0):
            try:
                result = conn.recv()
            except EOFError:  # the worker died (a crash of the interpreter itself)
                i, _ = self.busy.pop(conn)
                self._replace(conn)
                yield i, "?", False, [("worker-died", "the worker process exited")], []
                continue
            self.busy.pop(conn)
            yield result
        now = time.monotonic()
        for conn, (i, started) in list(self.busy.items()):
            if now - started > timeout:
                self.busy.pop(conn)
                self._replace(conn)
                yield i, "?", False, [("hang", f"no answer after {timeout:g} s")], []

    def _replace(self, conn: Connection) -> None:
        for k, (process, c) in enumerate(self.workers):
            if c is conn:
                process.kill()
                process.join()
                self.workers[k] = self._start()

    def close(self) -> None:
        for process, conn in self.workers:
            with contextlib.suppress(OSError):  # a worker that already died
                conn.send(None)
            process.join(timeout=10)
            if process.is_alive():
                process.kill()


class Figures:
    def __init__(self) -> None:
        self.started = time.monotonic()
        self.done = 0
        self.readers: Counter[str] = Counter()
        self.read: Counter[str] = Counter()
        self.failures: Counter[str] = Counter()
        self.known: Counter[str] = Counter()
        self.failed_inputs = 0

    def add(self, reader: str, read: bool, failures: list[tuple[str, str]],
            known: list[str]) -> None:
        self.done += 1
        self.known.update(known)
        self.readers[reader] += 1
        self.read[reader] += read
        for kind in {kind for kind, _ in failures}:
            self.failures[kind] += 1
        self.failed_inputs += bool(failures)

    def rate(self) -> float:
        return self.done / max(time.monotonic() - self.started, 1e-9)

    def progress(self, total: int) -> str:
        return (f"{self.done:,}/{total:,} inputs  {self.rate():.1f}/s  "
                f"failed {self.failed_inputs}  " +
                " ".join(f"{r}={n:,}" for r, n in sorted(self.readers.items())))

    def report(self) -> str:
        elapsed = time.monotonic() - self.started
        lines = [f"inputs tried     {self.done:,}",
                 "per reader       " + ", ".join(
                     f"{r} {n:,} ({self.read[r]:,} read)" for r, n in self.readers.most_common()),
                 f"inputs failed    {self.failed_inputs:,}"]
        lines += [f"  {kind:<30} {n:,}" for kind, n in self.failures.most_common()]
        lines += [f"known, not counted ({n:,} inputs): {kind} (see fuzz_oracle.KNOWN)"
                  for kind, n in self.known.most_common()]
        lines += [f"time             {elapsed:,.0f} s",
                  f"inputs a second  {self.done / max(elapsed, 1e-9):.1f}"]
        return "\n".join(lines)


def save(out_dir: Path, case: fuzz_inputs.Case, i: int, seed: int,
         failures: list[tuple[str, str]]) -> Path:
    """The input as a file, and beside it what failed and how to run it again."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{failures[0][0].replace(':', '-')}-{seed}-{i}"
    path = out_dir / f"{stem}{SUFFIXES[case.kind]}"
    path.write_bytes(case.data)
    how = f"python scripts/fuzz.py --replay {path}" + (f" --from {case.fmt}" if case.fmt else "")
    note = [f"input {i} of seed {seed}: {case.origin}, reader {case.fmt or 'detected'}",
            f"again: {how}", ""] + [f"{kind}: {detail}" for kind, detail in failures]
    path.with_name(stem + ".failure.txt").write_text("\n".join(note) + "\n", "utf-8")
    return path


def replay(path: Path, fmt: str | None) -> int:
    import fuzz_oracle

    with tempfile.TemporaryDirectory() as work:
        out = fuzz_oracle.examine(path.read_bytes(), fmt, Path(work), pdf=True)
    print(f"reader {out.reader}, read: {out.read}" + (f", refused: {out.refused}"
                                                      if out.refused else ""))
    for failure in out.failures:
        print(failure)
    for failure in out.known:
        why = next(k.why for k in fuzz_oracle.KNOWN if k.matches(failure))
        print(f"known, not counted: {failure.kind}: {why}")
    return 1 if out.failures else 0


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt  # a kill stops the run as Ctrl-C does: with its figures


def run(args: argparse.Namespace) -> int:
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)  # also when started in the background, where it is ignored
    seeds = fuzz_inputs.load_seeds()
    figures = Figures()
    pool = Pool(args.workers, args.seed, args.pdf_every, args.timeout)
    print(f"fuzzing {args.inputs:,} inputs (seed {args.seed}, {args.workers} workers, "
          f"{len(seeds)} seed documents); failing inputs go to {args.out}", flush=True)
    following, last_print = 0, time.monotonic()
    try:
        while figures.done < args.inputs:
            for conn in pool.idle():
                if following < args.inputs:
                    pool.give(conn, following)
                    following += 1
            for i, reader, read, failures, known in pool.results(args.timeout):
                figures.add(reader, read, failures, known)
                if failures:
                    path = save(args.out, make_case(args.seed, i, seeds), i, args.seed, failures)
                    print(f"FAIL input {i}: {failures[0][0]}: "
                          f"{failures[0][1].splitlines()[-1][:160] if failures[0][1] else ''}"
                          f" -> {path}", flush=True)
            if time.monotonic() - last_print > args.every:
                print(figures.progress(args.inputs), flush=True)
                last_print = time.monotonic()
    except KeyboardInterrupt:
        print("interrupted", flush=True)
    finally:
        pool.close()
    print(figures.report(), flush=True)
    return 1 if figures.failed_inputs or figures.done < args.inputs else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=50_000, help="how many (default 50,000)")
    parser.add_argument("--seed", type=int, default=0, help="which inputs (default 0)")
    parser.add_argument("--workers", type=int, default=2, help="processes (default 2)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds one input may take before it counts as a hang")
    parser.add_argument("--pdf-every", type=int, default=200,
                        help="build the PDF of every Nth input (0: never; default 200)")
    parser.add_argument("--every", type=float, default=30.0, help="seconds between progress lines")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "fuzz",
                        help="where failing inputs go (default build/fuzz)")
    parser.add_argument("--replay", type=Path, help="run one file through the properties")
    parser.add_argument("--from", dest="fmt", choices=sorted(SUFFIXES),
                        help="with --replay: the reader (default: detected)")
    args = parser.parse_args(argv)
    if args.replay:
        return replay(args.replay, args.fmt)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
