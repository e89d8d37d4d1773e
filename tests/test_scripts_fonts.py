"""Arabic and Chinese print in fonts that have their glyphs: the bundled Naskh face and the
system's Noto Serif CJK SC (fonts-noto-cjk). A page that printed blanks would pass a text
test, so the fonts the PDF embeds are checked too."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from unrender.build import build
from unrender.system import FONTS, has_font

SIX = Path(__file__).parent / "fixtures" / "akn" / "ga76-six-languages"


def _fonts(pdf: Path) -> set[str]:
    names = set()
    for page in PdfReader(pdf).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def _build(name: str, tmp_path: Path):
    result = build(SIX / name, ("pdf",), tmp_path)
    pdf = tmp_path / (Path(name).stem + ".pdf")
    glyphs = [w.message for w in result.warnings if "no glyph" in w.message]
    return pdf, glyphs


def test_arabic_prints_in_the_bundled_naskh_face(tmp_path: Path) -> None:
    pdf, glyphs = _build("A_RES_76_140-2119150A.xml", tmp_path)
    assert glyphs == []
    assert "UN-Arabic" in _fonts(pdf)


def test_chinese_prints_in_noto_serif_cjk(tmp_path: Path) -> None:
    cjk = FONTS[0]
    if not has_font(cjk) and os.environ.get("UNRENDER_ALLOW_MISSING_FONTS") != "1":
        pytest.fail(f"{cjk.family} is not installed: apt-get install {cjk.package} "
                    "(or set UNRENDER_ALLOW_MISSING_FONTS=1 to skip this test)")
    if not has_font(cjk):
        pytest.skip(f"{cjk.family} not installed and UNRENDER_ALLOW_MISSING_FONTS=1")
    pdf, glyphs = _build("A_RES_76_140-2119150C.xml", tmp_path)
    assert glyphs == []
    assert any(name.startswith("Noto-Serif-CJK-SC") for name in _fonts(pdf))
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages[:1])
    assert "改善农村地区妇女和女童的境况" in text.replace(" ", "").replace("\n", "")
