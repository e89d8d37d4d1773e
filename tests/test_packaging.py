"""The wheel a user installs: what it ships, what it leaves out, and its package page."""

from __future__ import annotations

import email
import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    if importlib.util.find_spec("hatchling") is None:
        pytest.skip("hatchling is not installed in this environment")
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return zipfile.ZipFile(next(out.glob("unrender-*.whl")))


def _metadata(wheel: zipfile.ZipFile) -> email.message.Message:
    name = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    return email.message_from_bytes(wheel.read(name))


def test_wheel_ships_templates_styles_fonts_data_and_types(wheel):
    names = set(wheel.namelist())
    for needed in ("unrender/templates/resolution.html.j2", "unrender/styles/print.css",
                   "unrender/styles/screen.css",
                   "unrender/styles/fonts/LiberationSerif-Regular.ttf",
                   "unrender/styles/fonts/LICENSE-Liberation.txt",
                   "unrender/data/opening-phrases.tsv", "unrender/data/un-states.tsv",
                   "unrender/py.typed"):
        assert needed in names


def test_wheel_leaves_the_test_only_schema_out(wheel):
    assert not [n for n in wheel.namelist() if n.endswith(".xsd")]


def test_wheel_carries_its_licences(wheel):
    licences = [n for n in wheel.namelist() if "/licenses/" in n]
    assert any(n.endswith("/licenses/LICENSE") for n in licences)
    assert any(n.endswith("LICENSE-Liberation.txt") for n in licences)
    meta = _metadata(wheel)
    assert meta["License-Expression"] == "MIT"
    assert "MIT License" in (ROOT / "LICENSE").read_text("utf-8")


def test_package_metadata_names_pythons_and_topics(wheel):
    meta = _metadata(wheel)
    classifiers = meta.get_all("Classifier")
    lowest = meta["Requires-Python"].removeprefix(">=")
    assert f"Programming Language :: Python :: {lowest}" in classifiers
    assert "Typing :: Typed" in classifiers
    requires = meta.get_all("Requires-Dist")
    assert not any(r.startswith("pygments") for r in requires)  # nothing imports it
    assert any(r.startswith("tomli") and "python_version < '3.11'" in r for r in requires)


def test_package_page_has_no_link_that_leads_nowhere(wheel):
    description = _metadata(wheel).get_payload()
    assert "](docs/" not in description and "](examples/" not in description
    assert "docs/img/ga-res-73-8-page1.png in the source distribution" in description
    assert "unrender build draft.md" in description  # the rest of the README is there


def test_package_page_links_into_the_repository_once_it_has_an_address():
    spec = importlib.util.spec_from_file_location("hatch_readme",
                                                  ROOT / "scripts" / "hatch_readme.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    text = "See [the format](docs/source-format.md), [x](https://a.org).\n![Page](docs/p.png)\n"
    linked = hook.package_description(text, "https://git.example/un/unrender/")
    assert "[the format](https://git.example/un/unrender/blob/HEAD/docs/source-format.md)" in linked
    assert "![Page](https://git.example/un/unrender/raw/HEAD/docs/p.png)" in linked
    assert "[x](https://a.org)" in linked
    plain = hook.package_description(text, None)
    assert plain.startswith("See the format (docs/source-format.md), [x](https://a.org).")
