"""Output is safe: text is escaped, rendering reads nothing outside the document's folder and the
package, and never touches the network."""

from __future__ import annotations

from pathlib import Path

import pytest

from unrender.build import build
from unrender.readers.markdown import read_markdown
from unrender.transforms import apply
from unrender.writers.html import render_html
from unrender.writers.pdf import _confined_fetcher, render_pdf

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'


def _doc(title: str = "T", body: str = "1. Decides.", extra: str = ""):
    text = f"---\nbody: General Assembly\ntitle: '{title}'\n{extra}---\n\n{body}\n"
    doc, _ = read_markdown(text, "t.md")
    return apply(doc)


@pytest.mark.parametrize("mode", ["screen", "print"])
def test_user_text_is_escaped(mode):
    html = render_html(_doc(HOSTILE, f"Recalling {HOSTILE},\n\n1. Decides {HOSTILE}."), mode)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_fetcher_refuses_files_outside_and_the_network(tmp_path):
    inside = tmp_path / "doc"
    inside.mkdir()
    (inside / "ok.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    fetcher = _confined_fetcher()(allowed=(inside,))
    assert fetcher.fetch((inside / "ok.svg").as_uri()).read().startswith(b"<svg")
    for url in ("file:///etc/passwd", (inside / ".." / "x").resolve().as_uri(),
                "https://example.org/x.png", "http://127.0.0.1/x"):
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"


def test_an_emblem_outside_the_documents_folder_is_not_read(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not really a png")
    folder = tmp_path / "docs"
    folder.mkdir()
    doc = _doc(extra="emblem: ../secret.png\n")
    pdf = render_pdf(render_html(doc, "print"), folder)
    assert any("refused" in w for w in pdf.warnings)


def test_an_emblem_inside_the_folder_is_used(tmp_path):
    (tmp_path / "emblem.svg").write_text(
        "<svg xmlns='http://www.w3.org/2000/svg' width='56' height='47'>"
        "<circle cx='28' cy='23' r='20' fill='black'/></svg>")
    src = tmp_path / "r.md"
    src.write_text("---\nbody: General Assembly\nemblem: emblem.svg\n---\n\n1. Decides.\n")
    result = build(src, ("pdf",))
    assert not any("refused" in w.message for w in result.warnings)
    import pypdfium2

    page = pypdfium2.PdfDocument(str(tmp_path / "r.pdf"))[0]
    image = page.render(scale=1).to_pil().convert("L")
    # the emblem's circle sits left of the organ name, x 64.7 → 120.8, y 71.3 → 118.3
    assert image.getpixel((92, 94)) < 80
