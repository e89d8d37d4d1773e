"""Code 39 barcode: decode the SVG back to characters with an independent table."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from unrender.writers.barcode import code39_svg, job_digits

# Code 39 as the specification tabulates it: b/B narrow/wide bar, w/W narrow/wide space.
SPEC = {
    "0": "bwbWBwBwb", "1": "BwbWbwbwB", "2": "bwBWbwbwB", "3": "BwBWbwbwb", "4": "bwbWBwbwB",
    "5": "BwbWBwbwb", "6": "bwBWBwbwb", "7": "bwbWbwBwB", "8": "BwbWbwBwb", "9": "bwBWbwBwb",
    "A": "BwbwbWbwB", "B": "bwBwbWbwB", "C": "BwBwbWbwb", "D": "bwbwBWbwB", "E": "BwbwBWbwb",
    "F": "bwBwBWbwb", "G": "bwbwbWBwB", "H": "BwbwbWBwb", "I": "bwBwbWBwb", "J": "bwbwBWBwb",
    "K": "BwbwbwbWB", "L": "bwBwbwbWB", "M": "BwBwbwbWb", "N": "bwbwBwbWB", "O": "BwbwBwbWb",
    "P": "bwBwBwbWb", "Q": "bwbwbwBWB", "R": "BwbwbwBWb", "S": "bwBwbwBWb", "T": "bwbwBwBWb",
    "U": "BWbwbwbwB", "V": "bWBwbwbwB", "W": "BWBwbwbwb", "X": "bWbwBwbwB", "Y": "BWbwBwbwb",
    "Z": "bWBwBwbwb", "-": "bWbwbwBwB", ".": "BWbwbwBwb", " ": "bWBwbwBwb", "*": "bWbwBwBwb",
    "$": "bWbWbWbwb", "/": "bWbWbwbWb", "+": "bWbwbWbWb", "%": "bwbWbWbWb",
}
DECODE = {pattern: char for char, pattern in SPEC.items()}
SVG = "{http://www.w3.org/2000/svg}"


def _pt(value: str) -> float:
    return float(value.removesuffix("pt"))


def decode(svg: str) -> str:
    """Read the bars back: classify each bar and space narrow or wide, look up 9 at a time."""
    root = ET.fromstring(svg)
    bars = sorted((float(r.get("x")), float(r.get("width"))) for r in root.iter(f"{SVG}rect"))
    assert len(bars) % 5 == 0, "Code 39 has 5 bars per character"
    widths = [w for _, w in bars]
    widths += [bars[i + 1][0] - (x + w) for i, (x, w) in enumerate(bars[:-1])]
    threshold = (min(widths) + max(widths)) / 2
    out = []
    for start in range(0, len(bars), 5):
        char = bars[start:start + 5]
        pattern = ""
        for i, (x, w) in enumerate(char):
            pattern += "B" if w > threshold else "b"
            if i < 4:
                space = char[i + 1][0] - (x + w)
                pattern += "W" if space > threshold else "w"
        if start:  # the gap between characters is one narrow space
            gap = char[0][0] - sum(bars[start - 1])
            assert gap < threshold
        assert pattern in DECODE, f"not a Code 39 character: {pattern}"
        out.append(DECODE[pattern])
    return "".join(out)


def test_decodes_un_job_number():
    svg = code39_svg("1816895")
    assert decode(svg) == "*1816895*"


def test_every_character_round_trips():
    data = "".join(c for c in SPEC if c != "*")
    assert len(data) == 43
    assert decode(code39_svg(data)) == f"*{data}*"


def test_size_matches_un_page_one():
    root = ET.fromstring(code39_svg("1816895"))
    width, height = _pt(root.get("width")), _pt(root.get("height"))
    assert root.get("width").endswith("pt") and root.get("height").endswith("pt")
    assert width == pytest.approx(101.2, abs=5)
    assert 10 <= height <= 12
    view_box = [float(v) for v in root.get("viewBox").split()]
    assert view_box == [0, 0, width, height]
    rects = list(root.iter(f"{SVG}rect"))
    right = max(float(r.get("x")) + float(r.get("width")) for r in rects)
    assert right == pytest.approx(width, abs=0.01)


def test_vector_only_no_text():
    svg = code39_svg("1816895", height_pt=10)
    assert "<text" not in svg and "font" not in svg
    assert _pt(ET.fromstring(svg).get("height")) == 10


def test_parameters_change_geometry():
    wide = ET.fromstring(code39_svg("1816895", narrow_pt=1.0, ratio=2.5))
    assert _pt(wide.get("width")) == pytest.approx(9 * (6 + 3 * 2.5) + 8)
    assert decode(code39_svg("1816895", narrow_pt=1.0, ratio=2.5)) == "*1816895*"


@pytest.mark.parametrize("data", ["abc", "18-16895a", "*12*", "12_3", "é", ""])
def test_rejects_what_code39_cannot_carry(data):
    with pytest.raises(ValueError):
        code39_svg(data)


@pytest.mark.parametrize(
    ("job", "digits"),
    [
        ("18-16895", "1816895"),
        ("GE.22-10304", "2210304"),
        ("18-16895 (E)", "1816895"),
        (" GE.22-10304(E) ", "2210304"),
        ("N23-12345", None),
        ("", None),
        ("A/73/L.4", None),
    ],
)
def test_job_digits(job, digits):
    if digits is None:
        with pytest.raises(ValueError):
            job_digits(job)
    else:
        assert job_digits(job) == digits
        assert re.fullmatch(r"\d+", digits)
