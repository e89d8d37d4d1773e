"""What the machine lacks is said once, by `unrender doctor` and `build -v`, never as a warning
about the user's document: the suite passes with or without libharfbuzz-subset0."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from unrender import system
from unrender.build import build
from unrender.cli import app

SOURCE = "---\nbody: General Assembly\ntitle: A test\n---\n\n1. Decides to test.\n"
SUBSET_NOTE = "libharfbuzz-subset0 is not installed"


@pytest.fixture
def without_harfbuzz_subset(monkeypatch):
    """WeasyPrint as on a machine without libharfbuzz-subset0: it subsets with fontTools and
    logs, for every font of every build, that it does."""
    from unrender.writers.pdf import _weasyprint

    _weasyprint()
    import weasyprint.pdf.fonts

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)


def test_a_missing_harfbuzz_subset_is_not_a_warning_about_the_document(tmp_path,
                                                                       without_harfbuzz_subset):
    src = tmp_path / "r.md"
    src.write_text(SOURCE, encoding="utf-8")
    result = build(src, ("pdf",))
    assert [w for w in result.warnings if w.message.startswith("PDF:")] == []
    assert len(result.machine_notes) == 1 and SUBSET_NOTE in result.machine_notes[0]
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("verbose", [False, True])
def test_build_says_the_machine_note_once_and_only_with_verbose(tmp_path, verbose,
                                                                 without_harfbuzz_subset):
    sources = []
    for name in ("a.md", "b.md"):
        sources.append(tmp_path / name)
        sources[-1].write_text(SOURCE, encoding="utf-8")
    args = ["build", *map(str, sources), "-t", "pdf", *(["-v"] if verbose else [])]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "PDF:" not in result.output and "HarfBuzz" not in result.output
    assert result.output.count(SUBSET_NOTE) == (1 if verbose else 0)


def test_doctor_lists_libraries_packages_fonts_and_tools():
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    for heading in ("System libraries", "Python packages", "Fonts (bundled)", "Tools"):
        assert heading in result.output
    for name in ("pango-1.0", "harfbuzz-subset", "weasyprint", "LiberationSerif-Regular.ttf",
                 "pdftotext"):
        assert name in result.output
    subset = next(line for line in result.output.splitlines() if "harfbuzz-subset" in line)
    library = next(lib for lib in system.LIBRARIES if lib.name == "harfbuzz-subset")
    assert subset.split()[0] == ("ok" if system.has_library(library) else "optional")


def test_doctor_fails_when_a_required_library_is_missing(monkeypatch):
    monkeypatch.setattr(system, "has_library", lambda lib: lib.name != "pango-1.0")
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 1
    assert "missing  pango-1.0" in result.output
    assert "sudo apt-get install libpango-1.0-0" in result.output


def test_an_optional_library_missing_does_not_fail_doctor(monkeypatch):
    monkeypatch.setattr(system, "has_library", lambda lib: lib.required)
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 0
    assert "optional harfbuzz-subset" in result.output


def test_the_set_up_check_names_what_is_missing(monkeypatch, capsys):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "check_system.py"
    spec = importlib.util.spec_from_file_location("check_system", path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    monkeypatch.setattr(script.system, "has_library", lambda lib: lib.name != "harfbuzz")
    assert script.main() == 1
    assert "libharfbuzz0b" in capsys.readouterr().out
    monkeypatch.setattr(script.system, "has_library", lambda lib: True)
    assert script.main() == 0
