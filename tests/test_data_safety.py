"""Nothing the user wrote is ever overwritten or lost, and the same input gives the same bytes.

- ``kill -9`` at moments spread over a whole ``unrender build`` (over existing outputs) and a whole
  ``unrender check --fix``, and inside :func:`write_atomic` itself: every file is its old content
  byte for byte or the complete new one, and no temporary file is left in the folder;
- two builds of one file into one folder at once both succeed, and leave complete outputs;
- the same source in two folders, under two time zones and two locales, gives byte-identical PDF,
  HTML, JSON and AKN, with no date but ``SOURCE_DATE_EPOCH``'s and no path of the machine.

The kill moments come from seeded random generators (a failure reproduces) spread over durations
measured on this machine, so a loaded machine shifts what state a kill finds, never the verdict.
What the kills found is printed (``pytest -s``): how many trials kept the old files, how many
found the new ones complete, and how many stopped between two outputs.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import stat
import subprocess
import sys
import time
import zlib
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from random import Random

import pytest

from unrender import fileio
from unrender.build import build
from unrender.diagnostics import SourceError
from unrender.fileio import write_atomic

ROOT = Path(__file__).resolve().parents[1]
UNRENDER = [sys.executable, "-m", "unrender"]  # the real entry point (launcher), as installed
FORMATS = ("pdf", "html", "json", "akn")
OUTPUTS = ("r.pdf", "r.html", "r.json", "r.akn.xml")
BUILD = ["build", "r.md", "-q", "-t", ",".join(FORMATS)]
FIX = ["check", "r.md", "--fix"]

SOURCE = """---
body: General Assembly
symbol: A/RES/80/1
session: 80
number: 80/1
title: {title}
---

*Recalling* its resolution 79/1,[^1]

*Decides* to keep every file the user wrote.

[^1]: A footnote, so that the PDF has two fonts.
"""
OLD_SOURCE, NEW_SOURCE = (SOURCE.format(title=t) for t in ("The old title", "A new title"))
FIXABLE = """---
body: General Assembly
symbol: A/RES/80/2
session: 80
number: 80/2
title: A test of fixes
---

*Recalling* its resolutions 70/1 and 75/1 on "sustainable development",

*Noting* the period 2010-2015,

1. *Decides* to test "straight quotes" and the years 2016-2020;

2. *Requests* a report
"""


def _env(**extra: str) -> dict[str, str]:
    """This machine's environment without the variables under test, running this tree's code."""
    drop = {"SOURCE_DATE_EPOCH", "TZ", "LANG", "LANGUAGE"}
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("LC_")}
    env["PYTHONPATH"] = str(ROOT / "src")
    return {**env, **extra}


# --- what a folder holds after a kill ----------------------------------------------------------


def _o_tmpfile_here(folder: Path) -> bool:
    """Can this folder's file system make unnamed files? (Linux ext4, tmpfs, xfs, btrfs: yes.)"""
    try:
        os.close(os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o600))
    except (AttributeError, OSError):
        return False
    return True


def _assert_nothing_left(folder: Path, expected: set[str], killed_pid: int) -> None:
    listing = set(os.listdir(folder))
    assert expected <= listing, f"lost: {sorted(expected - listing)}"
    left = listing - expected
    if left and not _o_tmpfile_here(folder):
        # a named temp is the best such a file system allows: one the next write will sweep
        assert all(_sweepable(name) for name in left), sorted(left)
        return
    assert not left, f"left behind by writer {killed_pid}, killed with -9: {sorted(left)}"


def _sweepable(name: str) -> bool:
    """A temp of write_atomic's on this host whose writer is gone."""
    match = re.fullmatch(r"\..+\.(?P<host>[\w-]+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.tmp", name)
    return bool(match) and match["host"] == fileio._host() and not fileio._running(
        int(match["pid"]))


def _assert_complete(name: str, data: bytes) -> None:
    """A complete file: a PDF that parses to its last page, HTML to its end, JSON, XML, and a
    source that reads."""
    if name.endswith(".md"):
        from unrender.readers.markdown import read_markdown

        read_markdown(data.decode("utf-8"), name)
    elif name.endswith(".pdf"):
        import pypdf

        assert data.rstrip().endswith(b"%%EOF"), name
        reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
        assert "keep every file" in "".join(page.extract_text() for page in reader.pages)
    elif name.endswith(".html"):
        assert data.decode("utf-8").rstrip().endswith("</html>"), name
    elif name.endswith(".json"):
        json.loads(data)
    elif name.endswith(".xml"):
        from lxml import etree

        etree.fromstring(data)
    else:
        raise AssertionError("not a kind of file unrender writes")


def _state(name: str, data: bytes, old: bytes, new: bytes) -> str:
    if data == old:
        return "old"
    if data == new:
        return "new"
    try:
        _assert_complete(name, data)
        what = "complete, but not the bytes of the same build run to its end"
    except Exception as exc:
        what = f"broken ({type(exc).__name__}: {exc})"
    pytest.fail(f"{name} is neither the old file nor the new one: {len(data)} bytes, {what}")


# --- running and killing -----------------------------------------------------------------------


@dataclass
class Timeline:
    """A run timed from its start: when the first and the last file were replaced; its end."""

    first_write: float
    last_write: float
    duration: float


@dataclass(frozen=True)
class Kill:
    """When to kill -9: ``at`` seconds after the start, or, ``anchored``, after the first file
    was seen replaced (so that a loaded machine cannot make those kills miss the writing)."""

    at: float
    anchored: bool = False


def _identity(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_ino, st.st_mtime_ns


def _spawn(folder: Path, args: list[str]) -> subprocess.Popen:
    return subprocess.Popen(UNRENDER + args, cwd=folder, env=_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _measure(folders: list[Path], args: list[str], first: str, last: str) -> Timeline:
    """Run ``args`` in every folder at once, as the trials will, and time the writes."""
    before = {f: (_identity(f / first), _identity(f / last)) for f in folders}
    procs = {f: _spawn(f, args) for f in folders}
    start = time.monotonic()
    seen: dict[tuple[Path, int], float] = {}
    while any(p.poll() is None for p in procs.values()):
        now = time.monotonic() - start
        for f in folders:
            for i, name in enumerate((first, last)):
                if (f, i) not in seen and _identity(f / name) != before[f][i]:
                    seen[f, i] = now
        time.sleep(0.001)
    duration = time.monotonic() - start
    assert all(p.returncode in (0, 1) for p in procs.values())  # check: 1 for findings left
    assert len(seen) == 2 * len(folders), "a file was never rewritten"
    firsts = [t for (_, i), t in seen.items() if i == 0]
    lasts = [t for (_, i), t in seen.items() if i == 1]
    return Timeline(sum(firsts) / len(firsts), sum(lasts) / len(lasts), duration)


def _whole_run(rng: Random, timeline: Timeline, count: int) -> list[Kill]:
    """Moments spread over the whole run and a little after, each random in its slice."""
    span = 1.05 * timeline.duration
    return [Kill((i + rng.random()) * span / count) for i in range(count)]


def _start_and_kill(folder: Path, args: list[str], watched: str, kill: Kill) -> int:
    before = _identity(folder / watched)
    proc = _spawn(folder, args)
    start = time.monotonic()
    if kill.anchored:
        while proc.poll() is None and _identity(folder / watched) == before:
            time.sleep(0.0005)
        start = time.monotonic()
    time.sleep(max(0.0, start + kill.at - time.monotonic()))
    proc.kill()
    proc.wait()
    return proc.pid


def _trials(folders: list[Path], args: list[str], watched: str, kills: list[Kill],
            prepare: Callable[[Path], None], verify: Callable[[Path, int], tuple[str, ...]],
            ) -> Counter:
    """Each kill in turn, one folder per worker (so the trials run as many at once as there are
    folders): prepare the folder, start ``args``, kill -9, verify what is left; the outcomes."""

    def work(folder: Path, mine: list[Kill]) -> Counter:
        outcomes: Counter = Counter()
        for kill in mine:
            prepare(folder)
            outcomes[verify(folder, _start_and_kill(folder, args, watched, kill))] += 1
        return outcomes

    shares = [kills[i::len(folders)] for i in range(len(folders))]
    with ThreadPoolExecutor(len(folders)) as pool:
        return sum(pool.map(work, folders, shares), Counter())


def _report(what: str, outcomes: Counter) -> None:
    trials = sum(outcomes.values())
    parts = ", ".join(f"{n} {'/'.join(states)}" for states, n in sorted(outcomes.items()))
    print(f"\n{what}: {trials} trials, no temporary file left; {parts}")


# --- kill -9 -------------------------------------------------------------------------------------


def _restore(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (folder / name).write_bytes(data)


def test_kill_9_during_build_keeps_old_outputs_or_writes_complete_new_ones(tmp_path):
    folders = [tmp_path / "one", tmp_path / "two"]  # two trials at a time: half the wait
    for folder in folders:
        folder.mkdir()
        (folder / "r.md").write_text(OLD_SOURCE, encoding="utf-8")
    build(folders[0] / "r.md", FORMATS)
    old = {name: (folders[0] / name).read_bytes() for name in OUTPUTS}
    for folder in folders:
        (folder / "r.md").write_text(NEW_SOURCE, encoding="utf-8")
        _restore(folder, old)
    timeline = _measure(folders, BUILD, OUTPUTS[0], OUTPUTS[-1])
    new = {name: (folders[0] / name).read_bytes() for name in OUTPUTS}
    for name in OUTPUTS:
        _assert_complete(name, old[name])
        _assert_complete(name, new[name])
        assert old[name] != new[name], name
        assert (folders[1] / name).read_bytes() == new[name], name

    def verify(folder: Path, pid: int) -> tuple[str, ...]:
        _assert_nothing_left(folder, {"r.md", *OUTPUTS}, pid)
        assert (folder / "r.md").read_text("utf-8") == NEW_SOURCE
        return tuple(_state(n, (folder / n).read_bytes(), old[n], new[n]) for n in OUTPUTS)

    rng = Random(20240901)
    writing = 1.5 * (timeline.last_write - timeline.first_write)  # the outputs after the PDF
    kills = _whole_run(rng, timeline, 20) + [Kill(rng.random() * writing, anchored=True)
                                             for _ in range(10)]
    outcomes = _trials(folders, BUILD, OUTPUTS[0], kills, lambda f: _restore(f, old), verify)
    assert sum(outcomes.values()) >= 30
    _report(f"build kill -9 (run {timeline.duration:.2f} s, outputs written from "
            f"{timeline.first_write:.2f} to {timeline.last_write:.2f} s; states of "
            f"{'/'.join(OUTPUTS)})", outcomes)

    if not _o_tmpfile_here(tmp_path):  # then the next build sweeps what the kills left
        assert subprocess.run(UNRENDER + BUILD, cwd=folders[0], env=_env()).returncode == 0
        assert sorted(os.listdir(folders[0])) == sorted({"r.md", *OUTPUTS})


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text)


def test_kill_9_during_check_fix_keeps_the_source_or_writes_the_fixed_one(tmp_path):
    from unrender.readers.markdown import read_markdown

    folders = [tmp_path / "one", tmp_path / "two"]
    for folder in folders:
        folder.mkdir()
        (folder / "r.md").write_text(FIXABLE, encoding="utf-8")
    timeline = _measure(folders, FIX, "r.md", "r.md")
    fixed = (folders[0] / "r.md").read_bytes()
    assert (folders[1] / "r.md").read_bytes() == fixed
    assert "“straight quotes”" in fixed.decode() and "2010–2015" in fixed.decode()
    assert _words(fixed.decode()) == _words(FIXABLE)  # a safe fix changes no word
    read_markdown(fixed.decode(), "r.md")  # and the fixed source still reads

    def verify(folder: Path, pid: int) -> tuple[str, ...]:
        _assert_nothing_left(folder, {"r.md"}, pid)
        return (_state("r.md", (folder / "r.md").read_bytes(), FIXABLE.encode(), fixed),)

    rng = Random(20240902)
    low, high = timeline.first_write - 0.15 * timeline.duration, timeline.first_write + 0.01
    kills = _whole_run(rng, timeline, 20) + [Kill(rng.uniform(low, high)) for _ in range(10)]
    outcomes = _trials(folders, FIX, "r.md", kills,
                       lambda f: (f / "r.md").write_text(FIXABLE, encoding="utf-8"), verify)
    assert sum(outcomes.values()) >= 30
    _report(f"check --fix kill -9 (run {timeline.duration:.2f} s, source rewritten at "
            f"{timeline.first_write:.2f} s)", outcomes)


_WRITER = """
import sys
from pathlib import Path
from unrender.fileio import write_atomic
data = bytes([int(sys.argv[2])]) * int(sys.argv[3])
print("writing", flush=True)
write_atomic(Path(sys.argv[1]), data)
"""
_BIG = 32 << 20  # large enough that writing and fsyncing it takes a while


def _start_writer(target: Path, byte: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(target), str(byte), str(_BIG)],
                            env=_env(), stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
    return proc


def test_kill_9_inside_write_atomic_leaves_old_or_new_and_no_temp(tmp_path):
    target = tmp_path / "big.bin"
    old, new = b"\x01" * _BIG, b"\x02" * _BIG
    target.write_bytes(old)
    proc = _start_writer(target, 2)
    start = time.monotonic()
    proc.wait()
    took = time.monotonic() - start  # from the call of write_atomic to the writer's end
    assert target.read_bytes() == new

    outcomes: Counter = Counter()
    rng = Random(20240903)
    for i in range(12):
        target.write_bytes(old)
        proc = _start_writer(target, 2)
        time.sleep((i + rng.random()) * took / 10)  # over the call, and a little after
        proc.kill()
        proc.wait()
        _assert_nothing_left(tmp_path, {"big.bin"}, proc.pid)
        outcomes[(_state("big.bin", target.read_bytes(), old, new),)] += 1
    _report(f"write_atomic kill -9 ({_BIG >> 20} MB in {took:.2f} s)", outcomes)


# --- two builds at once ------------------------------------------------------------------------


def test_two_builds_of_one_file_into_one_folder_at_once(tmp_path):
    (tmp_path / "r.md").write_text(NEW_SOURCE, encoding="utf-8")
    args = [*BUILD, "-o", "out"]
    procs = [subprocess.Popen(UNRENDER + args, cwd=tmp_path, env=_env(),
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [proc.communicate(timeout=120)[1] for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], errors
    out = tmp_path / "out"
    assert sorted(os.listdir(out)) == sorted(OUTPUTS)
    for name in OUTPUTS:
        _assert_complete(name, (out / name).read_bytes())


# --- the writer itself -------------------------------------------------------------------------


def test_write_atomic_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    private = tmp_path / "draft.md"
    private.write_text("old")
    private.chmod(0o600)
    write_atomic(private, b"new")
    assert private.read_bytes() == b"new"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600

    umask = os.umask(0o027)
    try:
        write_atomic(tmp_path / "fresh.pdf", b"%PDF")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "fresh.pdf").stat().st_mode) == 0o640


def test_write_atomic_writes_through_a_symlink(tmp_path):
    real = tmp_path / "drafts" / "r.md"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "r.md"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert sorted(os.listdir(real.parent)) == ["r.md"]


def test_write_atomic_syncs_the_folder_after_the_rename(tmp_path, monkeypatch):
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        calls.append("fsync folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync file")
        real_fsync(fd)

    def replace(src, dst, **kw):
        calls.append("rename")
        real_replace(src, dst, **kw)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_atomic(tmp_path / "r.pdf", b"%PDF")
    assert calls == ["fsync file", "rename", "fsync folder"]


@pytest.mark.parametrize("unnamed", [True, False], ids=["O_TMPFILE", "named temp"])
def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path, monkeypatch, unnamed):
    if not unnamed:
        monkeypatch.delattr(os, "O_TMPFILE", raising=False)
    target = tmp_path / "r.html"
    target.write_bytes(b"old")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["r.html"]


def test_without_o_tmpfile_a_named_temp_is_used_and_renamed(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "O_TMPFILE", raising=False)
    made: list[str] = []
    real_open = os.open

    def spy(path, flags, *args, **kw):
        if flags & os.O_CREAT:
            made.append(Path(path).name)
        return real_open(path, flags, *args, **kw)

    monkeypatch.setattr(os, "open", spy)
    write_atomic(tmp_path / "r.json", b"{}")
    assert (tmp_path / "r.json").read_bytes() == b"{}"
    assert len(made) == 1 and re.fullmatch(rf"\.r\.json\.[\w-]+\.{os.getpid()}\.\w+\.tmp", made[0])
    assert os.listdir(tmp_path) == ["r.json"]


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_the_next_write_sweeps_temps_whose_writer_is_gone_and_no_other(tmp_path):
    target = tmp_path / "draft.pdf"
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        host = fileio._host()
        dead = tmp_path / f".draft.pdf.{host}.{_dead_pid()}.0123abcd.tmp"
        kept = [
            tmp_path / f".draft.pdf.{host}.{live.pid}.0123abcd.tmp",  # a build running now
            tmp_path / f".draft.pdf.otherhost.{_dead_pid()}.0123abcd.tmp",  # pids of elsewhere
            tmp_path / f".draft.html.{host}.{_dead_pid()}.0123abcd.tmp",  # another output's
            tmp_path / ".draft.pdf.notes",  # not ours at all
        ]
        for path in [dead, *kept]:
            path.write_bytes(b"partial")
        write_atomic(target, b"%PDF")
        assert not dead.exists()
        assert all(path.exists() for path in kept)
    finally:
        live.kill()
        live.wait()


def test_every_write_in_the_code_goes_through_write_atomic():
    """`build`, `check --fix` and `import` all write with write_atomic: nothing else writes."""
    writes = re.compile(r"\.write_(?:text|bytes)\(|\bopen\([^)]*['\"][rbt]*[wax+][rbt+]*['\"]"
                        r"|os\.open\(")
    found = [f"{path.relative_to(ROOT)}:{n}" for path in (ROOT / "src").rglob("*.py")
             if path.name != "fileio.py"
             for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             if writes.search(line)]
    assert found == []


# --- the same bytes anywhere, any time ---------------------------------------------------------

EMBLEM = ("<svg xmlns='http://www.w3.org/2000/svg' width='56' height='47'>"
          "<circle cx='28' cy='23' r='20'/></svg>")


def _other_locale() -> str:
    """An installed locale other than C.UTF-8: a national one if there is one, else POSIX."""
    try:
        names = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    except OSError:
        names = []
    national = [n for n in names if re.fullmatch(r"[a-z]{2}_[A-Z]{2}\.(?i:utf-?8)", n)
                and not n.startswith("en_")]
    return national[0] if national else "POSIX"


def _example(folder: Path) -> Path:
    """A real resolution (job number, barcode, dates, footnotes) with an emblem of its own."""
    folder.mkdir(parents=True)
    text = (ROOT / "examples" / "ga-res-73-8.md").read_text("utf-8")
    (folder / "emblem.svg").write_text(EMBLEM)
    source = folder / "r.md"
    source.write_text(text.replace("\njob:", "\nemblem: emblem.svg\njob:", 1), encoding="utf-8")
    return source


def _build_in(folder: Path, **env: str) -> dict[str, bytes]:
    proc = subprocess.run(UNRENDER + BUILD, cwd=folder, env=_env(**env), capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return {name: (folder / name).read_bytes() for name in OUTPUTS}


def _inflated(pdf: bytes) -> bytes:
    """The PDF with every Flate stream inflated: object streams, page contents, fonts."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompressobj().decompress(pdf[match.end():]))
    return b"\n".join(parts)


def _font_dates(pdf: bytes) -> list[int]:
    """``head.modified`` of each embedded font, in seconds since 1970."""
    import pypdf
    from fontTools.misc.timeTools import epoch_diff
    from fontTools.ttLib import TTFont

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    dates = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object().get("/FontDescriptor")
            if descriptor is None:
                descendants = font.get_object().get("/DescendantFonts") or []
                descriptor = descendants[0].get_object()["/FontDescriptor"] if descendants else None
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                data = descriptor.get_object()["/FontFile2"].get_object().get_data()
                dates.append(TTFont(io.BytesIO(data))["head"].modified + epoch_diff)
    assert dates, "no embedded font found"
    return dates


def _bundled_font_dates() -> set[int]:
    from fontTools.misc.timeTools import epoch_diff
    from fontTools.ttLib import TTFont

    return {TTFont(p, lazy=True)["head"].modified + epoch_diff
            for p in (ROOT / "styles" / "fonts").glob("*.ttf")}


def _pdf_dates(pdf: bytes) -> dict[str, str]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    info = reader.trailer.get("/Info")
    info = info.get_object() if info is not None else {}
    dates = {key: str(info[key]) for key in ("/CreationDate", "/ModDate") if key in info}
    root = reader.trailer["/Root"].get_object()
    if "/Metadata" in root:  # XMP: every date in it counts too
        xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
        for n, value in enumerate(re.findall(r"Date>([^<]+)<|Date=\"([^\"]+)\"", xmp)):
            dates[f"xmp{n}"] = "".join(value)
    return dates


def test_same_bytes_from_two_folders_time_zones_and_locales(tmp_path):
    first = _example(tmp_path / "a").parent
    second = _example(tmp_path / "deeper" / "still deeper" / "b").parent
    locale = _other_locale()
    one = _build_in(first, TZ="UTC", LC_ALL="C.UTF-8", LANG="C.UTF-8")
    two = _build_in(second, TZ="Pacific/Kiritimati", LC_ALL=locale, LANG=locale)
    print(f"\nbuilt in {first} (TZ=UTC, LC_ALL=C.UTF-8) and {second} "
          f"(TZ=Pacific/Kiritimati, LC_ALL={locale})")
    for name in OUTPUTS:
        assert one[name] == two[name], f"{name} differs between the two builds"

    # no date of the build's own in the PDF: not in its metadata, not in its fonts
    assert _pdf_dates(one["r.pdf"]) == {}
    assert set(_font_dates(one["r.pdf"])) <= _bundled_font_dates()

    # and no path of this machine in any output
    paths = {str(p) for p in (tmp_path, first, second, ROOT, Path.home(), Path(sys.prefix))}
    for name, data in one.items():
        text = _inflated(data) if name.endswith(".pdf") else data
        for path in paths:
            for encoded in (path.encode(), path.encode("utf-16-be")):
                assert encoded not in text, f"{name} carries the path {path}"


def test_source_date_epoch_is_the_pdfs_only_date(tmp_path):
    folder = _example(tmp_path / "a").parent
    instant = 1_541_030_400  # 1 November 2018, 00:00:00 UTC
    outputs = _build_in(folder, SOURCE_DATE_EPOCH=str(instant), TZ="Pacific/Kiritimati")
    stamp = datetime.fromtimestamp(instant, timezone.utc).strftime("D:%Y%m%d%H%M%SZ")
    assert _pdf_dates(outputs["r.pdf"]) == {"/CreationDate": stamp, "/ModDate": stamp}
    # fontTools stamps the subsets with the instant; HarfBuzz keeps each font's own date
    assert set(_font_dates(outputs["r.pdf"])) <= {instant} | _bundled_font_dates()
    unstamped = _build_in(folder)
    for name in ("r.html", "r.json", "r.akn.xml"):  # the date is the PDF's, no other output's
        assert outputs[name] == unstamped[name], name


def test_a_malformed_source_date_epoch_is_an_error_not_a_traceback(tmp_path):
    (tmp_path / "r.md").write_text(NEW_SOURCE, encoding="utf-8")
    proc = subprocess.run([*UNRENDER, "build", "r.md", "-t", "html,pdf"], cwd=tmp_path,
                          env=_env(SOURCE_DATE_EPOCH="yesterday"), capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("r.md: error: SOURCE_DATE_EPOCH='yesterday' is not a number")
    assert sorted(os.listdir(tmp_path)) == ["r.md"]  # nothing written, not even the HTML


@pytest.mark.parametrize("value", ["", "1.5", "-1", "+5", " 5", "253402300800", "١٢٣"])
def test_only_whole_seconds_from_1970_to_9999_are_a_source_date_epoch(tmp_path, monkeypatch,
                                                                       value):
    source = tmp_path / "r.md"
    source.write_text(NEW_SOURCE, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(SourceError, match=re.escape(f"SOURCE_DATE_EPOCH={value!r} is not a")):
        build(source, ("html", "pdf"))
    assert sorted(os.listdir(tmp_path)) == ["r.md"]


def test_source_date_epoch_is_read_for_the_pdf_and_left_as_it_was(tmp_path, monkeypatch):
    """In one process: the variable is restored after each PDF, set or not."""
    source = tmp_path / "r.md"
    source.write_text(NEW_SOURCE, encoding="utf-8")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build(source, ("pdf",))
    assert "SOURCE_DATE_EPOCH" not in os.environ
    assert _pdf_dates((tmp_path / "r.pdf").read_bytes()) == {}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    build(source, ("pdf",))
    assert os.environ["SOURCE_DATE_EPOCH"] == "0"
    assert _pdf_dates((tmp_path / "r.pdf").read_bytes())["/CreationDate"] == "D:19700101000000Z"
