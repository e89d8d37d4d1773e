"""The command line as a user meets it: exit codes, messages, files written and never lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from unrender import __version__
from unrender.cli import app

ROOT = Path(__file__).resolve().parents[1]
GOOD = """---
body: General Assembly
symbol: A/RES/80/1
session: 80
number: 80/1
title: A test resolution
---

Recalling its resolution 79/1,

1. Decides to test.
"""
BAD = "---\nbody: General Assembly\ncolour: blue\n---\n\n1. Decides.\n"

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_version_and_help():
    assert run("--version").output.strip() == f"unrender {__version__}"
    result = run("build", "--help")
    assert result.exit_code == 0
    for word in ("Example", "--output", "--format", "--quiet"):
        assert word in result.output


def test_build_writes_pdf_and_html_beside_the_source(tmp_path):
    src = write(tmp_path, "draft.md", GOOD)
    result = run("build", str(src))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "draft.pdf").read_bytes().startswith(b"%PDF-")
    assert "<article" in (tmp_path / "draft.html").read_text("utf-8")
    assert "built" in result.output and result.output.rstrip().endswith(", 1 page")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_output_folder_and_json_format(tmp_path):
    src = write(tmp_path, "res.md", GOOD)
    result = run("build", str(src), "-o", str(tmp_path / "out"), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "out" / "res.json").read_text("utf-8"))
    assert data["operative"][0]["number"] == "1"
    assert not (tmp_path / "out" / "res.pdf").exists()


def test_several_files_one_bad_reports_it_and_builds_the_rest(tmp_path):
    good = write(tmp_path, "good.md", GOOD)
    bad = write(tmp_path, "bad.md", BAD)
    result = run("build", str(bad), str(good), "-t", "html")
    assert result.exit_code == 1
    assert f"{bad}:3: error: unknown key 'colour'" in result.output
    assert (tmp_path / "good.html").exists() and not (tmp_path / "bad.html").exists()


def test_unknown_format_is_refused(tmp_path):
    src = write(tmp_path, "r.md", GOOD)
    result = run("build", str(src), "-t", "docx")
    assert result.exit_code != 0 and "docx" in result.output


def test_quiet_hides_warnings_but_not_errors(tmp_path):
    warned = write(tmp_path, "w.md", GOOD.replace("session: 80", "session: 79"))
    loud = run("build", str(warned), "-t", "json")
    assert "warning: UN029 session 79 does not match" in loud.output
    quiet = run("build", str(warned), "-t", "json", "-q")
    assert quiet.output == ""
    bad = write(tmp_path, "bad.md", BAD)
    assert "error" in run("build", str(bad), "-q").output


def test_a_failed_build_leaves_the_previous_output_intact(tmp_path):
    src = write(tmp_path, "r.md", GOOD)
    assert run("build", str(src), "-t", "html").exit_code == 0
    before = (tmp_path / "r.html").read_bytes()
    src.write_text(BAD, encoding="utf-8")
    assert run("build", str(src), "-t", "html").exit_code == 1
    assert (tmp_path / "r.html").read_bytes() == before


def test_never_writes_over_the_source(tmp_path):
    src = write(tmp_path, "r.html", GOOD)  # a source that happens to be named .html
    result = run("build", str(src), "-t", "html")
    assert result.exit_code == 1 and "over the source" in result.output
    assert src.read_text("utf-8") == GOOD


def test_real_entry_point_prints_no_traceback(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for content in (BAD, "", "\x00\x01binary"):
        src = write(tmp_path, "x.md", content)
        proc = subprocess.run([sys.executable, "-m", "unrender", "build", str(src)],
                              capture_output=True, text=True, env=env, timeout=120)
        assert proc.returncode == 1
        assert "Traceback" not in proc.stderr + proc.stdout
        assert proc.stderr.startswith(f"{src}")
    missing = subprocess.run([sys.executable, "-m", "unrender", "build", str(tmp_path / "no.md")],
                             capture_output=True, text=True, env=env, timeout=120)
    assert missing.returncode == 1 and "no such file" in missing.stderr


def test_build_reports_editorial_findings_and_strict_makes_them_errors(tmp_path):
    src = write(tmp_path, "r.md", GOOD.replace("Recalling its resolution 79/1,",
                                               "Recalling its resolution 79/1;"))
    result = run("build", str(src), "-t", "html")
    assert result.exit_code == 0 and (tmp_path / "r.html").exists()
    assert f"{src}:9: warning: UN002" in result.output
    (tmp_path / "r.html").unlink()
    strict = run("build", str(src), "-t", "html", "--strict")
    assert strict.exit_code == 1 and f"{src}:9: error: UN002" in strict.output
    assert not (tmp_path / "r.html").exists()


def _entry_point(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "unrender", *args], capture_output=True,
                          text=True, env=env, timeout=120)


def test_dash_h_is_help_everywhere():
    for args in ((), ("build",), ("check",), ("import",), ("doctor",)):
        proc = _entry_point(*args, "-h")
        assert proc.returncode == 0, (args, proc.stderr)
        assert proc.stdout.startswith(f"Usage: unrender {' '.join(args)}".rstrip())
        assert proc.stdout == _entry_point(*args, "--help").stdout


def test_help_names_arguments_plainly_and_keeps_examples_whole():
    for command in ("build", "check", "import"):
        text = _entry_point(command, "--help").stdout
        assert "<list[" not in text and "<path>" not in text and "<str>" not in text, text
        assert f"Usage: unrender {command} [OPTIONS] " in text
        examples = text[text.index("Examples:"):].splitlines()[1:]
        shown = [line for line in examples if line.strip()]
        # one example a line, each a whole command with its comment
        assert shown and all(line.strip().startswith("unrender ") for line in shown), shown
    assert "Usage: unrender build [OPTIONS] FILE..." in _entry_point("build", "-h").stdout


def test_an_internal_error_is_said_in_one_line_not_a_traceback(tmp_path):
    """A bug of ours (here: a reader made to fail) ends with a one-line message and exit 2,
    in the fast `check` path and the Typer commands alike; UNRENDER_DEBUG shows the trace."""
    src = write(tmp_path, "r.md", GOOD)
    boom = ("import sys, unrender.readers as r\n"
            "def fail(*a, **k): raise RuntimeError('boom')\n"
            "r.read_source = r.read_string = fail\n"
            "sys.argv = ['unrender', *sys.argv[1:]]\n"
            "from unrender.launcher import main\nmain()\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for args in (["import", str(src), "-o", str(tmp_path / "o.md")],):
        proc = subprocess.run([sys.executable, "-c", boom, *args], capture_output=True,
                              text=True, env=env, timeout=120)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.strip() == ("unrender: internal error: RuntimeError: boom (please "
                                       "report this; UNRENDER_DEBUG=1 prints the traceback)")
        debug = subprocess.run([sys.executable, "-c", boom, *args], capture_output=True,
                               text=True, env={**env, "UNRENDER_DEBUG": "1"}, timeout=120)
        assert "Traceback" in debug.stderr
    checked = subprocess.run([sys.executable, "-c", boom, "check", str(src)],
                             capture_output=True, text=True, env=env, timeout=120)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr + checked.stdout
    assert "UN000 internal error while reading (RuntimeError: boom)" in checked.stdout
