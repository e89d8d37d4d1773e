"""The same input gives the same bytes: the same source in two folders, under two time zones and
two locales, gives byte-identical PDF, HTML, JSON and AKN, with no date but
``SOURCE_DATE_EPOCH``'s and no path of the machine.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
import zlib
from datetime import datetime, timezone
from pathlib import Path

import pytest

from unrender.build import build
from unrender.diagnostics import SourceError

ROOT = Path(__file__).resolve().parents[1]
UNRENDER = [sys.executable, "-m", "unrender"]  # the real entry point (launcher), as installed
FORMATS = ("pdf", "html", "json", "akn")
OUTPUTS = ("r.pdf", "r.html", "r.json", "r.akn.xml")
BUILD = ["build", "r.md", "-q", "-t", ",".join(FORMATS)]

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
NEW_SOURCE = SOURCE.format(title="A new title")


def _env(**extra: str) -> dict[str, str]:
    """This machine's environment without the variables under test, running this tree's code."""
    drop = {"SOURCE_DATE_EPOCH", "TZ", "LANG", "LANGUAGE"}
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("LC_")}
    env["PYTHONPATH"] = str(ROOT / "src")
    return {**env, **extra}


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
