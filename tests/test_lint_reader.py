"""What the readers notice is a finding of `check` (with a code, in every output format) and of
`build` (said once, never twice): rules UN031–UN035, and UN017 from a vote record."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unrender.build import build
from unrender.cli import app
from unrender.lint.runner import check_file, run

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seeds" / "hrc-res-47-9.txt"
AKN = ROOT / "tests" / "fixtures" / "akn" / "A_HRC_RES_54_15E.xml"
RECORD = "recorded vote of 30 to 14, with 3 abstentions"
RECORD_LINE = 179  # the line of the vote record in the seed


def _seed(tmp_path: Path, record: str, name: str = "vote.txt") -> Path:
    text = SEED.read_text("utf-8")
    assert RECORD in text
    path = tmp_path / name
    path.write_text(text.replace(RECORD, record), encoding="utf-8")
    return path


def _found(path: Path, code: str) -> list:
    return [v for v in check_file(path).violations if v.code == code]


def test_un031_text_the_reader_cannot_place(tmp_path):
    text = AKN.read_text("utf-8").replace("<mainBody>", "<mainBody><foo>kept words</foo>", 1)
    path = tmp_path / "r.xml"
    path.write_text(text, encoding="utf-8")
    found = _found(path, "UN031")
    line = text[:text.index("<foo>")].count("\n") + 1
    assert [(v.line, v.severity) for v in found] == [(line, "warning")]
    assert "unexpected element" in found[0].message and "foo" in found[0].message
    assert _found(AKN, "UN031") == []


def test_un031_unknown_directive_in_a_comment(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("---\nbody: General Assembly\n---\n\n<!-- unrender: ignroe UN012 -->\n\n"
                    "1. *Decides* to test.\n", encoding="utf-8")
    assert [v.line for v in _found(path, "UN031")] == [5]


def test_un032_counts_that_disagree_with_the_lists(tmp_path):
    path = _seed(tmp_path, "recorded vote of 31 to 14, with 3 abstentions")
    found = _found(path, "UN032")
    assert [(v.line, v.severity) for v in found] == [(RECORD_LINE, "error")]
    assert "says 31 to 14, with 3 abstentions, but its lists name 30, 14 and 3" in found[0].message
    assert _found(SEED, "UN032") == []


def test_un032_a_number_and_its_noun_agree(tmp_path):
    assert [v.line for v in _found(_seed(tmp_path, "recorded vote of 30 to 14, with 3 "
                                                   "abstention"), "UN032")] == [RECORD_LINE]
    one = _found(_seed(tmp_path, "recorded vote of 30 to 14, with 1 abstentions"), "UN032")
    assert any('write "1 abstention"' in v.message for v in one)


def test_un033_a_footnote_whose_call_is_not_found(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("The General Assembly,\n\n1. Decides to test the matter.\n\n"
                    "<sup>1</sup> A note nobody calls.\n", encoding="utf-8")
    found = _found(path, "UN033")
    assert [v.line for v in found] == [5] and "was not found" in found[0].message


def test_un034_a_symbol_worked_out_from_the_number():
    found = _found(SEED, "UN034")
    assert len(found) == 1 and "A/HRC/RES/47/9 inferred" in found[0].message


def test_un035_job_number_and_sponsor_marks(tmp_path):
    path = tmp_path / "d.md"
    path.write_text("---\nbody: Human Rights Council\nkind: draft resolution\njob: 123\n"
                    "sponsors:\n  - France*\n---\n\n1. *Decides* to test.\n", encoding="utf-8")
    found = _found(path, "UN035")
    assert [v.line for v in found] == [4, 5]
    assert "job number '123'" in found[0].message and "mark * of France" in found[1].message


def test_a_readers_finding_is_in_every_output_format(tmp_path):
    path = _seed(tmp_path, "recorded vote of 31 to 14, with 3 abstentions")
    for fmt, expected in (
        ("text", f"{path}:{RECORD_LINE}:1: error: UN032 the vote record says 31 to 14"),
        ("full", f"{path}:{RECORD_LINE}:1: error: UN032 the vote record says 31 to 14"),
        ("github", f"::error file={path},line={RECORD_LINE},col=1,title=UN032::UN032"),
    ):
        out = io.StringIO()
        assert run([path], output_format=fmt, out=out) == 1
        assert expected in out.getvalue(), (fmt, out.getvalue())
    out = io.StringIO()
    run([path], output_format="json", out=out)
    record = [f for f in json.loads(out.getvalue()) if f["code"] == "UN032"]
    assert record == [{"path": str(path), "line": RECORD_LINE, "col": 1, "code": "UN032",
                       "message": record[0]["message"], "severity": "error", "fixable": False,
                       "unsafe_fix": False}]


def test_a_readers_finding_can_be_ignored(tmp_path):
    path = _seed(tmp_path, "recorded vote of 31 to 14, with 3 abstentions")
    assert [v for v in check_file(path, ignore=["UN032"]).violations if v.code == "UN032"] == []
    assert [v.code for v in check_file(path, select=["UN032"]).violations] == ["UN032"]


def test_build_says_each_finding_once(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("---\nbody: General Assembly\nsymbol: A/RES/80/1\nsession: 79\njob: 123\n"
                    "---\n\n1. *Decides* to test;\n\n1. *Decides* to test.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(path), "-t", "json"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if ": warning: " in line]
    assert len(lines) == len(set(lines))
    # the reader's and the rules' words for one problem: one finding each
    assert sum("numbered twice" in line for line in lines) == 1
    assert sum("session 79 does not match" in line for line in lines) == 1
    assert any(": warning: UN035 job number" in line for line in lines)
    assert all(": warning: UN0" in line for line in lines), lines


@pytest.mark.parametrize("strict", [False, True])
def test_build_reports_the_readers_finding_and_strict_makes_it_an_error(tmp_path, strict):
    path = _seed(tmp_path, "recorded vote of 31 to 14, with 3 abstentions")
    if not strict:
        warnings = [str(w) for w in build(path, ("json",)).warnings]
        assert sum(": warning: UN032 " in w for w in warnings) == 1
        return
    result = CliRunner().invoke(app, ["build", str(path), "-t", "json", "--strict"])
    assert result.exit_code == 1 and f"{path}:{RECORD_LINE}: error: UN032" in result.output
