"""The HTML page (screen mode): well-formed, self-contained, accessible footnotes, every word.

The page is parsed with Python's own :mod:`html.parser` into a small element tree; nothing here
uses unrender's template or writer code to decide what is right.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from unrender import transforms
from unrender.ast import Adoption, Vote
from unrender.readers.markdown import read_markdown
from unrender.writers.html import render_html

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
}
# spans the page sets apart with CSS (inline-block width), not with a space: "1." + "Reaffirms"
SEPARATE_CLASSES = {"num", "label", "number", "mark", "section-number"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list = field(default_factory=list)  # Element or str
    line: int = 0

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs) -> list[Element]:
        out = []
        for el in self.iter():
            if tag and el.tag != tag:
                continue
            if "class_" in attrs and attrs["class_"] not in el.classes:
                continue
            if any(el.attrs.get(k) != v for k, v in attrs.items() if k != "class_"):
                continue
            out.append(el)
        return out

    def text(self, skip=lambda el: False) -> str:
        parts: list[str] = []
        self._text(parts, skip)
        return "".join(parts)

    def _text(self, parts: list[str], skip) -> None:
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif not skip(child):
                sep = child.tag in BLOCK or child.classes & SEPARATE_CLASSES
                if sep:
                    parts.append(" ")
                child._text(parts, skip)
                if sep:
                    parts.append(" ")


class TreeBuilder(HTMLParser):
    """Strict enough to notice unbalanced tags; ``errors`` lists what did not nest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.errors: list[str] = []
        self.doctype = None

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        el = Element(tag, {k: v or "" for k, v in attrs}, self.stack[-1], line=self.getpos()[0])
        self.stack[-1].children.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        el = Element(tag, {k: v or "" for k, v in attrs}, self.stack[-1], line=self.getpos()[0])
        self.stack[-1].children.append(el)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.stack[-1].tag != tag:
            self.errors.append(f"line {self.getpos()[0]}: </{tag}> closes <{self.stack[-1].tag}>")
            while len(self.stack) > 1 and self.stack[-1].tag != tag:
                self.stack.pop()
        if len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> TreeBuilder:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder


def is_call(el: Element) -> bool:
    return el.attrs.get("role") in ("doc-noteref", "doc-backlink")


def located(words: list[str], ws: list[str], start: int) -> int | None:
    """Index of the first run of ``ws`` in ``words`` at or after ``start``."""
    n = len(ws)
    for i in range(start, len(words) - n + 1):
        if words[i : i + n] == ws:
            return i
    return None


@pytest.fixture(scope="module")
def pages(examples):
    cache: dict[str, tuple[str, TreeBuilder]] = {}

    def get(name: str):
        if name not in cache:
            html = examples[name].html.read_text(encoding="utf-8")
            cache[name] = (html, parse(html))
        return cache[name]

    return get


@pytest.fixture
def page(pages, example):
    return pages(example.name)


# --- structure ------------------------------------------------------------------------------------


def test_parses_and_nests(page):
    html, tree = page
    assert tree.doctype and tree.doctype.lower() == "doctype html"
    assert tree.errors == []
    assert [el.tag for el in tree.root.children if isinstance(el, Element)] == ["html"]
    assert html.count("<body") == 1 and html.rstrip().endswith("</html>")


def test_document_skeleton(example, page):
    _, tree = page
    root = tree.root.find_all("html")[0]
    assert root.attrs.get("lang") == example.doc.meta.language == "en"
    head = root.find_all("head")
    assert len(head) == 1
    titles = head[0].find_all("title")
    assert len(titles) == 1
    title = " ".join(titles[0].text().split())
    assert title and " ".join((example.doc.meta.title or "").split()) in title
    if example.doc.meta.symbol:
        assert example.doc.meta.symbol in title
    charset = [m for m in head[0].find_all("meta") if m.attrs.get("charset")]
    assert charset and charset[0].attrs["charset"].lower() == "utf-8"
    assert any(m.attrs.get("name") == "viewport" for m in head[0].find_all("meta"))
    assert len(root.find_all("article")) == 1
    assert len(root.find_all("h1")) == 1, "one top-level heading: the title"


def test_one_list_item_per_operative_paragraph(example, page):
    _, tree = page
    items = [
        li
        for ol in tree.root.find_all("ol", class_="operative")
        for li in ol.children
        if isinstance(li, Element) and li.tag == "li"
    ]
    operative = example.doc.operative
    assert len(items) == len(operative)
    for li, para in zip(items, operative, strict=True):
        if para.number is None:
            assert not li.find_all("span", class_="num")
            continue
        assert li.attrs.get("value") == para.number, "the list item carries the author's number"
        nums = li.find_all("span", class_="num")
        assert len(nums) == 1 and nums[0].text().strip() == f"{para.number}."


def test_ids_unique_and_every_fragment_link_lands(page):
    _, tree = page
    ids = Counter(el.attrs["id"] for el in tree.root.iter() if "id" in el.attrs)
    assert [i for i, n in ids.items() if n > 1] == []
    for el in tree.root.find_all("a"):
        href = el.attrs.get("href", "")
        if href.startswith("#"):
            assert href[1:] in ids, f"link to missing #{href[1:]}"


def test_footnotes_are_accessible_endnotes(example, page):
    _, tree = page
    doc = example.doc
    sections = tree.root.find_all(role="doc-endnotes")
    if not doc.footnotes and not doc.meta.notes:
        assert sections == []
        return
    assert len(sections) == 1
    notes = sections[0].find_all("li", role="doc-endnote")
    assert len(notes) == len(doc.footnotes) + len(doc.meta.notes)
    ids = {el.attrs["id"] for el in tree.root.iter() if "id" in el.attrs}
    for note in doc.footnotes:
        li = [n for n in notes if n.attrs.get("value") == str(note.number)]
        assert len(li) == 1, f"footnote {note.number} not listed once"
        (li,) = li
        assert li.attrs.get("id") in ids
        backs = li.find_all("a", role="doc-backlink")
        assert len(backs) == 1, f"footnote {note.number} has {len(backs)} back-links"
        target = backs[0].attrs.get("href", "")
        assert target.startswith("#") and target[1:] in ids
        call = next(el for el in tree.root.iter() if el.attrs.get("id") == target[1:])
        assert call.attrs.get("role") == "doc-noteref"
        assert call.attrs.get("href") == "#" + li.attrs["id"], "the call links to its note"
        assert call.text().strip() == str(note.number)
    calls = tree.root.find_all("a", role="doc-noteref")
    numbered = [c for c in calls if c.text().strip().isdigit()]
    cited = sum(1 for u in example.units() for _ in u.calls)
    assert len(numbered) >= cited >= len(doc.footnotes)


def test_every_word_in_order(example, page, text_tools):
    _, tree = page
    article = tree.root.find_all("article")[0]
    endnotes = {id(el) for s in article.find_all(role="doc-endnotes") for el in s.iter()}
    text = article.text(skip=lambda el: is_call(el) or id(el) in endnotes)
    words = text_tools.words(text)
    cursor = 0
    for unit in example.units():
        at = located(words, unit.words, cursor)
        assert at is not None, (
            f"{unit.kind} (line {unit.line}) missing or out of order: "
            f"{unit.text[:90]!r}; found anywhere: "
            f"{located(words, unit.words, 0)}"
        )
        assert (
            located(words, unit.words, at + 1) is None
            or sum(u.words == unit.words for u in example.units()) > 1
        ), f"{unit.kind} printed twice"
        cursor = at + len(unit.words)


def test_footnote_words_in_order(example, page, text_tools):
    _, tree = page
    sections = tree.root.find_all(role="doc-endnotes")
    if not example.doc.footnotes:
        return
    items = sections[0].find_all("li", role="doc-endnote")
    for note, unit in zip(
        sorted(example.doc.footnotes, key=lambda n: n.number),
        example.footnote_units(),
        strict=True,
    ):
        li = next(li for li in items if li.attrs.get("value") == str(note.number))
        text = li.text(skip=lambda el: is_call(el) or "mark" in el.classes)
        assert text_tools.words(text) == unit.words
    for mark, note in example.doc.meta.notes.items():
        li = [
            li
            for li in items
            if "symbol-note" in li.classes
            and li.find_all("span", class_="mark")[0].text().strip() == mark
        ]
        assert len(li) == 1
        assert text_tools.words(
            li[0].text(skip=lambda el: "mark" in el.classes)
        ) == text_tools.words(note)


def test_vote_record(example, page, text_tools):
    adoption = example.doc.adoption
    if not (adoption and adoption.vote and example.doc.meta.body == "Human Rights Council"):
        pytest.skip("no recorded vote")
    _, tree = page
    vote = tree.root.find_all("div", class_="vote")
    assert len(vote) == 1
    paras = [" ".join(p.text().split()) for p in vote[0].find_all("p")]
    v = adoption.vote
    assert paras[0].startswith(
        f"[Adopted by a recorded vote of {len(v.in_favour)} to {len(v.against)}, with "
    )
    lists = [
        (h, names)
        for h, names in (
            ("In favour:", v.in_favour),
            ("Against:", v.against),
            ("Abstaining:", v.abstaining),
        )
        if names
    ]
    assert paras[1::2] == [h for h, _ in lists]
    for (_, names), printed, last in zip(
        lists, paras[2::2], [i == len(lists) - 1 for i in range(len(lists))], strict=True
    ):
        joined = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
        assert printed == joined + ("]" if last else "")


TWICE = """---
body: General Assembly
title: Footnotes cited twice
---

*The General Assembly,*

*Recalling* the first report,[^a] the second report[^b] and again the first report,[^a]

1. *Decides* to remain seized of the matter.[^b]

[^a]: Alpha report of the Secretary-General.
[^b]: Beta report of the Secretary-General.
"""


def test_footnote_cited_twice_keeps_ids_unique():
    doc, _ = read_markdown(TWICE, "twice.md")
    tree = parse(render_html(transforms.apply(doc), "screen"))
    ids = Counter(el.attrs["id"] for el in tree.root.iter() if "id" in el.attrs)
    assert [i for i, n in ids.items() if n > 1] == []
    calls = tree.root.find_all("a", role="doc-noteref")
    assert [c.text().strip() for c in calls] == ["1", "2", "1", "2"], (
        "a repeated call repeats the number"
    )
    assert all(c.attrs["href"][1:] in ids for c in calls)
    notes = tree.root.find_all("li", role="doc-endnote")
    assert len(notes) == 2
    for li in notes:
        backs = li.find_all("a", role="doc-backlink")
        assert backs and all(b.attrs["href"][1:] in ids for b in backs)


# --- self-contained -------------------------------------------------------------------------------

ALLOWED_URL = re.compile(r"^(#[\w.:-]+|https://undocs\.org/\S+)$")


def test_css_inlined_and_no_outside_resources(page):
    _, tree = page
    links = tree.root.find_all("link")
    assert not [ln for ln in links if "stylesheet" in ln.attrs.get("rel", "")]
    styles = tree.root.find_all("style")
    assert len(styles) == 1 and len(styles[0].text()) > 500, "the stylesheet is inlined"
    css = styles[0].text()
    assert "@import" not in css
    assert not re.search(r"url\(\s*['\"]?(?!data:)", css), "CSS loads nothing from outside"
    assert not tree.root.find_all("script")
    for el in tree.root.iter():
        for attr in ("src", "href", "srcset", "poster", "action", "data"):
            if attr in el.attrs:
                value = el.attrs[attr]
                ok = ALLOWED_URL.match(value) or (el.tag == "img" and value.startswith("data:"))
                assert ok, f"<{el.tag} {attr}={value!r}> reaches outside the page"
    for el in tree.root.iter():
        assert not any(k.startswith("on") for k in el.attrs), f"event handler on <{el.tag}>"


def test_undocs_links_name_a_symbol(page):
    """Each undocs.org link names one document symbol, as printed in its text."""
    _, tree = page
    for a in tree.root.find_all("a"):
        href = a.attrs.get("href", "")
        if href.startswith("https://undocs.org/"):
            symbol = href.removeprefix("https://undocs.org/")
            assert re.fullmatch(r"[A-Z][A-Za-z0-9./()\-]*[A-Za-z0-9)]", symbol), href
            assert " " not in symbol and "–" not in symbol, href


# --- escaping -------------------------------------------------------------------------------------

HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'


def hostile_html(tmp_path: Path, mode: str = "screen") -> str:
    source = f"""---
body: General Assembly
symbol: A/RES/99/1
title: 'Title {HOSTILE.replace("'", "''")}'
---

*The General Assembly,*

*Recalling* the text {HOSTILE},[^1]

1. *Decides* that {HOSTILE} is text.

[^1]: Note {HOSTILE}.
"""
    path = tmp_path / "hostile.md"
    path.write_text(source, encoding="utf-8")
    doc, _ = read_markdown(path.read_text(encoding="utf-8"), str(path))
    return render_html(transforms.apply(doc), mode)


@pytest.mark.parametrize("mode", ["screen", "print"])
def test_user_text_is_escaped(tmp_path, mode):
    html = hostile_html(tmp_path, mode)
    tree = parse(html)
    assert tree.root.find_all("script") == []
    assert [i for i in tree.root.find_all("img") if i.attrs.get("src") == "x"] == []
    assert not any(k.startswith("on") for el in tree.root.iter() for k in el.attrs)
    assert "<script" not in html.lower() and "<img src=x" not in html.lower()
    text = " ".join(tree.root.text().split())
    assert "<script>alert(1)</script>" in text, "the text survives, as text"
    assert text.count("<img src=x onerror=alert(1)>") >= 3


# --- vote sentence forms in the page --------------------------------------------------------------


def _voted(lists: tuple[list[str], list[str], list[str]]) -> str:
    doc, _ = read_markdown(
        """---
body: Human Rights Council
symbol: A/HRC/RES/99/1
title: A voted text
adoption:
  meeting: 40th meeting
  date: 7 April 2025
---

*The Human Rights Council,*

*Recalling* its earlier resolutions,

1. *Decides* to remain seized of the matter.
""",
        "voted.md",
    )
    doc.adoption = Adoption(meeting="40th meeting", date=doc.adoption.date, vote=Vote(*lists))
    return render_html(transforms.apply(doc), "screen")


def test_vote_block_without_abstentions_or_opponents():
    tree = parse(_voted((["Algeria", "Benin"], ["Chile"], [])))
    paras = [
        " ".join(p.text().split())
        for p in tree.root.find_all("div", class_="vote")[0].find_all("p")
    ]
    assert paras == [
        "[Adopted by a recorded vote of 2 to 1, with no abstentions. The voting was as follows:",
        "In favour:",
        "Algeria and Benin",
        "Against:",
        "Chile]",
    ]
    tree = parse(_voted((["Algeria", "Benin", "Cuba"], [], ["Chile"])))
    paras = [
        " ".join(p.text().split())
        for p in tree.root.find_all("div", class_="vote")[0].find_all("p")
    ]
    assert paras == [
        "[Adopted by a recorded vote of 3 to 0, with 1 abstention. The voting was as follows:",
        "In favour:",
        "Algeria, Benin and Cuba",
        "Abstaining:",
        "Chile]",
    ]


# --- a real browser, if there is one --------------------------------------------------------------

CHROMIUM = next(
    (
        p
        for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser", shutil.which("chromium") or "")
        if p and Path(p).exists()
    ),
    None,
)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_phone_screenshot_is_not_blank(ga_res, tmp_path):
    from PIL import Image

    shot = tmp_path / "phone.png"
    try:
        subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--user-data-dir={tmp_path / 'profile'}",
                f"--screenshot={shot}",
                "--window-size=390,844",
                ga_res.html.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError) as exc:
        pytest.skip(f"chromium could not take a screenshot here: {exc}")
    image = Image.open(shot).convert("L")
    assert image.size == (390, 844)
    ink = image.point(lambda v: 255 if v < 128 else 0)
    box = ink.getbbox()
    assert box is not None, "the screenshot is blank"
    share = ink.histogram()[255] / (390 * 844)
    assert 0.01 < share < 0.5, f"{share:.1%} of the screenshot is dark"
    # on a phone the page has no horizontal overflow: ink reaches neither edge
    assert box[0] > 2 and box[2] < 388, f"text touches the screen edge: {box}"
