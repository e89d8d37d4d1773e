"""Akoma Ntoso (AKN4UN) XML -> :class:`Document`.

The United Nations publishes its resolutions in AKN4UN, the UN's profile of OASIS LegalDocML
(Akoma Ntoso 3.0): ``<akomaNtoso><statement name="resolution">`` with ``meta`` (FRBR
identification, the voting analysis), ``coverPage`` (masthead: symbol, distribution, date,
session, agenda item), ``preface`` (number and title), ``preamble`` (formula and preambular
``container``s), ``mainBody`` (operative ``paragraph``s, ``list``/``point`` subparagraphs),
``conclusions`` (meeting, date, vote record) and ``attachments`` (annexes).

Only the standard library is used (``xml.parsers.expat`` builds an ``ElementTree`` and records
the line of every element). Namespaces are dropped: elements are known by their local names.
Whatever the reader does not understand is reported as a warning naming the element's path
(``/akomaNtoso/statement/mainBody/foo``) and its text is kept, never silently dropped.
"""

from __future__ import annotations

import datetime as _dt
import re
import xml.etree.ElementTree as ET
from xml.parsers import expat

from unrender.ast import (
    Adoption,
    AgendaItem,
    Annex,
    Block,
    Document,
    DocumentKind,
    Emph,
    Footnote,
    Heading,
    Inline,
    LineBreak,
    Link,
    Meta,
    NoteRef,
    Operative,
    Para,
    Preambular,
    Strong,
    Subparagraph,
    Text,
    Vote,
    plain_text,
)
from unrender.diagnostics import UNRECOGNISED, VOTE_RECORD, Diagnostic, SourceError
from unrender.limits import MAX_XML_DEPTH, check_nesting, check_source_size
from unrender.readers.structure import formula_for, number_notes
from unrender.un.bodies import BODIES, default_paper
from unrender.un.dates import parse_local_date
from unrender.un.locale import language_code

AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

# Body of a document by the start of its symbol (the cover's text is in the document's language).
_SYMBOL_BODIES = (
    ("A/HRC/", "Human Rights Council"),
    ("A/C.1/", "First Committee"),
    ("A/C.2/", "Second Committee"),
    ("A/C.3/", "Third Committee"),
    ("A/C.4/", "Special Political and Decolonization Committee"),
    ("A/C.5/", "Fifth Committee"),
    ("A/C.6/", "Sixth Committee"),
    ("S/", "Security Council"),
    ("E/", "Economic and Social Council"),
    ("A/", "General Assembly"),
)
_FRBR_BODIES = {"unga-hrc": "Human Rights Council", "unga": "General Assembly",
                "unsc": "Security Council", "ecosoc": "Economic and Social Council"}
_KINDS: dict[str, DocumentKind] = {
    "resolution": "resolution", "draftResolution": "draft resolution",
    "draft resolution": "draft resolution", "decision": "decision",
    "draftDecision": "draft decision", "draft decision": "draft decision",
    # the AKN4UN guidelines' names, which unrender's writer uses
    "resolutionDraft": "draft resolution", "decisionDraft": "draft decision",
}
# ISO 639-2 (FRBRlanguage) -> the two-letter code Meta.language holds, for the languages other
# than the UN's six (those: un.locale.language_code).
_LANGUAGES = {"deu": "de", "ger": "de", "por": "pt"}
# The conjunction before the last name of a vote list, by language.
_CONJUNCTIONS = {"en": " and ", "fr": " et ", "es": " y ", "ru": " и ", "ar": " و", "zh": "和"}
_LIST_SEPARATORS = re.compile(r"\s*[,،、，]\s*")
_VOTE_KEYS = {"inFavour": "in_favour", "against": "against", "abstaining": "abstaining"}

# Inline elements whose text is simply part of the sentence (semantic markup).
_TRANSPARENT = frozenset((
    "span", "inline", "docDate", "docNumber", "docTitle", "docAuthority", "docStatus",
    "docProponent", "docType", "docPurpose", "docCommittee", "docIntroducer", "docStage",
    "docJurisdiction", "session", "shortTitle", "organization", "person", "location", "date",
    "time", "quantity", "term", "concept", "entity", "role", "object", "event", "abbr", "def",
    "mmod", "mod", "mref", "rref", "remark", "vote", "outcome", "argument", "affectedDocument",
    "relatedDocument", "party", "legislature", "placeholder", "fillIn", "decoration", "u", "sub",
    "ins", "recordedTime", "noteRef", "signature", "voters",
))
# Block wrappers whose children are read as blocks of the same level.
_SECTIONS = ("hcontainer", "section", "part", "chapter", "title", "book", "tome", "article",
             "division", "subsection", "subpart", "subchapter", "subtitle", "subdivision",
             "level", "clause", "subclause", "rule", "subrule", "alinea", "transitional",
             "proviso", "blockContainer", "container", "tblock", "subparagraph")
_HEADING_CLASS = re.compile(r"^H(Ch|\d+)G[A-Z]?$")
_BARE_NUMBER = re.compile(r"^\s*(\d{1,3})\.?[ \t]+")
_NUMBER_END = ".-)．、 \t"  # "1." (English), "1-" (Arabic)
_SUB_TEXT = re.compile(r"^\s*\(([a-z]{1,2}|[ivxlc]{1,8})\)\s+")
_WS = re.compile(r"[ \t\r\n]+")
# The agenda item's number in any language: "Agenda item 29 (a)", "Point 29 a) de l'ordre du
# jour", "Пункт 74 b) повестки дня", "议程项目29(a)", "البند 29 (أ) من جدول الأعمال"; "74b" (meta).
_AGENDA_NUMBER = re.compile(r"\d+(?:\s*(?:\(\w{1,2}\)|\w{1,2}\)|(?<=\d)[a-z](?!\w)))?")
_SESSION_IN_SYMBOL = re.compile(r"^(?:A/HRC/RES/|A/RES/|A/HRC/|A/)(\d+)/")
_SAFE = ("https://", "http://")


def read_akn(text: str, path: str) -> tuple[Document, list[Diagnostic]]:
    """Read AKN4UN XML. Raises :class:`SourceError` for malformed XML or another kind of XML."""
    check_source_size(text, path)
    return _Reader(text, path).read()


# --- parsing ------------------------------------------------------------------------------------


def _local(name: str) -> str:
    return name.rpartition(" ")[2]


def parse_xml(text: str, path: str) -> tuple[ET.Element, dict[ET.Element, int], str]:
    """The element tree (local names), the line of each element, and the root's namespace.

    Hostile XML is refused before it can cost anything: any document type declaration (the
    only place entities can be declared, so no entity expansion and no external file or URL is
    ever read) and elements nested deeper than :data:`MAX_XML_DEPTH`."""
    builder = ET.TreeBuilder()
    lines: dict[ET.Element, int] = {}
    root_ns: list[str] = []
    depth = [0]
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def start(name: str, attrs: dict[str, str]) -> None:
        depth[0] += 1
        if depth[0] > MAX_XML_DEPTH:
            raise SourceError(path, parser.CurrentLineNumber, f"elements nested deeper than "
                              f"{MAX_XML_DEPTH} levels (the UN's AKN files nest at most 13)")
        if not root_ns:
            root_ns.append(name.rpartition(" ")[0])
        element = builder.start(_local(name), {_local(k): v for k, v in attrs.items()})
        lines[element] = parser.CurrentLineNumber

    def end(name: str) -> None:
        depth[0] -= 1
        builder.end(_local(name))

    def doctype(name: str, system_id: str | None, _public_id: str | None, _subset: int) -> None:
        named = f"; this one names {system_id!r}, which was not read" if system_id else ""
        raise SourceError(path, parser.CurrentLineNumber, f"DTDs are not allowed in AKN input: "
                          f"delete <!DOCTYPE {name}> (a DTD's entities can expand without bound "
                          f"or read files, and the UN's AKN files have none{named})")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        # expat counts the empty line after a final newline: an error there is the last line's
        last = max(text.count("\n") + (not text.endswith("\n")), 1)
        where = "at the end of the file" if exc.lineno > last else f"column {exc.offset + 1}"
        raise SourceError(path, min(exc.lineno, last), f"malformed XML: "
                          f"{expat.ErrorString(exc.code)} ({where})") from None
    return builder.close(), lines, root_ns[0] if root_ns else ""


def _text(el: ET.Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _find(el: ET.Element | None, tag: str, **attrs: str) -> ET.Element | None:
    if el is None:
        return None
    for found in el.iter(tag):
        if all((found.get(k) or "").lstrip("#") == v for k, v in attrs.items()):
            return found
    return None


def _date(value: str | None) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(value or "")
    except ValueError:
        return None


def _attr(el: ET.Element | None, name: str) -> str:
    return (el.get(name) or "") if el is not None else ""


def _agenda_number(text: str) -> str:
    m = _AGENDA_NUMBER.search(text or "")
    if m is None:
        return ""
    number = m.group(0)
    if number[-1].isalpha() and number[:-1].isdigit():  # "74b" (the meta's keyword)
        return f"{number[:-1]} ({number[-1]})"
    return number


def _after_colon(text: str) -> str:
    return text.split(":", 1)[1].strip() if ":" in text else text.strip()


# --- inline content -----------------------------------------------------------------------------


def tidy(nodes: list[Inline]) -> list[Inline]:
    """Runs of ASCII white space -> one space, none at the start or end, none doubled across
    markup; adjacent texts merged; empty texts and empty markup dropped (a no-break space is
    kept: it is the author's)."""
    state = {"space": True}  # the text so far ends with a space (or nothing yet)

    def walk(items: list[Inline]) -> list[Inline]:
        out: list[Inline] = []
        # the texts since the last other node, joined once: adding them one by one copied the
        # text of a paragraph of 10^5 <span>s 10^5 times
        run: list[str] = []

        def end_run() -> None:
            if run:
                out.append(Text("".join(run)))
                run.clear()

        for node in items:
            if isinstance(node, Text):
                text = _WS.sub(" ", node.text)
                if state["space"]:
                    text = text.lstrip(" ")
                if not text:
                    continue
                state["space"] = text.endswith(" ")
                run.append(text)
            elif isinstance(node, (Emph, Strong, Link)):
                children = walk(node.children)
                if children:
                    node.children = children
                    end_run()
                    out.append(node)
            elif isinstance(node, LineBreak):
                end_run()
                _rstrip(out)
                out.append(node)
                state["space"] = True
            else:
                end_run()
                out.append(node)
        end_run()
        return out

    result = walk(nodes)
    _rstrip(result)
    return _drop_empty(result)


def _rstrip(nodes: list[Inline]) -> None:
    """Drop white space at the end of ``nodes`` (descending into the last markup)."""
    for node in reversed(nodes):
        if isinstance(node, Text):
            node.text = node.text.rstrip(" ")
            if node.text:
                return
        elif isinstance(node, (Emph, Strong, Link)):
            _rstrip(node.children)
            if plain_text(node.children):
                return
        elif isinstance(node, NoteRef):
            continue
        else:
            return


def _drop_empty(nodes: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and not node.text:
            continue
        if isinstance(node, (Emph, Strong, Link)):
            node.children = _drop_empty(node.children)
            if not node.children:
                continue
        out.append(node)
    return out


# --- the reader ---------------------------------------------------------------------------------


class _Reader:
    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.warnings: list[Diagnostic] = []
        self.lines: dict[ET.Element, int] = {}
        self.notes: list[tuple[str, list[Inline], int]] = []  # label, content, line
        self.note_labels: set[str] = set()
        self.formula: list[Inline] = []
        self.body: list[Block] = []
        self.annexes: list[Annex] = []
        self.adoption: Adoption | None = None
        self.counts: dict[str, int] = {}
        self.language = "en"

    def line(self, el: ET.Element | None) -> int:
        return self.lines.get(el, 0) if el is not None else 0

    def warn(self, el: ET.Element | None, message: str, code: str = UNRECOGNISED) -> None:
        self.warnings.append(Diagnostic(self.path, self.line(el), message, code=code))

    def unknown(self, el: ET.Element, where: str, blocks: list[Block] | None = None) -> None:
        """An element the reader does not understand: a warning, and its text kept as a Para."""
        text = _text(el)
        kept = " (its text is kept as a paragraph)" if text and blocks is not None else ""
        self.warn(el, f"unexpected element {where}/{el.tag}{kept}")
        if text and blocks is not None:
            blocks.append(Para([Text(text)], line=self.line(el)))

    # --- entry point -------------------------------------------------------------------------

    def read(self) -> tuple[Document, list[Diagnostic]]:
        root, self.lines, namespace = parse_xml(self.text, self.path)
        if root.tag != "akomaNtoso":
            raise SourceError(self.path, self.line(root), f"not an Akoma Ntoso document: the root "
                              f"element is <{root.tag}>, not <akomaNtoso>")
        if namespace and namespace != AKN_NAMESPACE:
            self.warn(root, f"unexpected Akoma Ntoso namespace {namespace!r}")
        tops = list(root)
        if not tops:
            raise SourceError(self.path, self.line(root), "<akomaNtoso> holds no document")
        top = tops[0]
        for extra in tops[1:]:
            self.unknown(extra, "/akomaNtoso", self.body)
        where = f"/akomaNtoso/{top.tag}"
        if top.tag != "statement":
            self.warn(top, f"{where}: an Akoma Ntoso <{top.tag}>, read as a resolution")

        parts = {child.tag: child for child in top}
        meta = self.read_meta(parts.get("meta"), parts.get("coverPage"), parts.get("preface"),
                              top)
        for child in top:
            handler = {
                "meta": None, "coverPage": self.check_cover, "preface": self.check_preface,
                "preamble": self.read_preamble, "mainBody": self.read_main_body,
                "body": self.read_main_body, "conclusions": self.read_conclusions,
                "attachments": self.read_attachments,
            }.get(child.tag, self.unknown_part)
            if handler is not None:
                handler(child, f"{where}/{child.tag}")

        doc = Document(meta=meta, formula=[], body=self.body, adoption=self.adoption,
                       annexes=self.annexes, source=self.path)
        doc.formula = self.formula or formula_for(meta, has_preamble=bool(doc.preamble))
        doc.footnotes = self.footnotes(doc)
        check_nesting(doc, self.path)
        self.check_votes(top)
        return doc, self.warnings

    def unknown_part(self, el: ET.Element, where: str) -> None:
        self.warn(el, f"unexpected element {where} (its text is kept as a paragraph)")
        text = _text(el)
        if text:
            self.body.append(Para([Text(text)], line=self.line(el)))

    # --- metadata ----------------------------------------------------------------------------

    def read_meta(self, meta_el: ET.Element | None, cover: ET.Element | None,
                  preface: ET.Element | None, top: ET.Element) -> Meta:
        symbol = _text(_find(cover, "docNumber", refersTo="symbol")) or None
        frbr_this = _attr(_find(meta_el, "FRBRthis"), "value")
        lang = _attr(_find(meta_el, "FRBRlanguage"), "language") or "eng"
        self.language = language_code(lang) or _LANGUAGES.get(lang, lang[:2] or "en")

        body = None
        for prefix, name in _SYMBOL_BODIES:
            if symbol and symbol.startswith(prefix):
                body = name
                break
        if body is None:
            for text in (_text(_find(cover, "docAuthority", refersTo="subsidiaryBody")),
                         _text(_find(cover, "docAuthority", refersTo="issuingBody"))):
                if text in BODIES:
                    body = text
                    break
        if body is None:
            frbr_body = next((b for key, b in _FRBR_BODIES.items() if f"/{key}/" in frbr_this),
                             None)
            body = frbr_body or "General Assembly"
            if frbr_body is None:
                self.warn(cover if cover is not None else top,
                          "cannot tell the issuing body from the symbol or the cover page; "
                          "assuming the General Assembly")

        name = top.get("name") or "resolution"
        kind = _KINDS.get(name)
        if kind is None:
            self.warn(top, f"unknown kind of document {name!r}; read as a resolution")
            kind = "resolution"
        meta = Meta(body=body, kind=kind, symbol=symbol, language=self.language,
                    line=self.line(cover))

        status = _text(_find(cover, "docStatus"))
        if status:
            meta.distribution = _after_colon(status.replace("Distr.", "Distr.:", 1)
                                             if ":" not in status else status)
        issued = _find(cover, "docDate", refersTo="dateOfIssuance")
        meta.date = _date(_attr(issued if issued is not None else _find(cover, "docDate"), "date"))
        if meta.date is None:
            publication = _find(meta_el, "FRBRdate", name="publication")
            meta.date = _date(publication.get("date") if publication is not None else None)
        original = _text(_find(cover, "inline", name="originalLanguage"))
        meta.original = _after_colon(original) or None
        session = _find(cover, "session")
        if session is not None:
            value = session.get("value", "")
            meta.session = int(value) if value.isdigit() else None
            meta.session_name = _text(session) or None
        if meta.session is None and symbol and (m := _SESSION_IN_SYMBOL.search(symbol)):
            # some files (the Russian ones) leave <session> empty: the symbol still says it
            meta.session = int(m.group(1))
        event = _find(cover, "event", refersTo="session")
        if event is not None:
            dates = [_text(d) for d in event.iter("date")]
            meta.session_dates = "–".join(d for d in dates if d) or None
        agenda = _find(cover, "inline", name="agenda item")
        title = _text(_find(cover, "inline", name="agenda item name")) or None
        item = _agenda_number(agenda.get("title") or _text(agenda)) if agenda is not None else ""
        if not item:  # an empty <inline name="agenda item"> (Russian): the meta's keyword
            keyword = _find(meta_el, "keyword", refersTo="agenda")
            item = _agenda_number(_attr(keyword, "value"))
        if item or title:
            meta.agenda = [AgendaItem(item, title)]

        number = _find(preface, "docNumber")
        if number is not None:
            meta.number = _text(number).rstrip(".").strip() or None
        title = _find(preface, "docTitle")
        if title is not None:
            meta.title = _text(title) or None
        meta.paper = default_paper(body, symbol)  # type: ignore[assignment]

        voting = _find(meta_el, "voting")
        if voting is not None:
            for count in voting.findall("count"):
                key = _VOTE_KEYS.get(count.get("refersTo", "").lstrip("#"))
                if key and (count.get("value") or "").isdigit():
                    self.counts[key] = int(count.get("value", "0"))
        return meta

    def check_cover(self, cover: ET.Element, where: str) -> None:
        """The cover page is metadata; text the reader did not take from it is reported."""
        known = {"docAuthority", "docNumber", "docStatus", "docDate", "inline", "session",
                 "event", "docTitle", "img", "span"}
        for p in cover:
            for child in p:
                if child.tag not in known:
                    self.warn(child, f"unexpected element {where}/{p.tag}/{child.tag} "
                              f"(ignored: {_text(child)!r})")

    def check_preface(self, preface: ET.Element, where: str) -> None:
        for p in preface:
            for child in p:
                if child.tag not in ("docNumber", "docTitle"):
                    self.warn(child, f"unexpected element {where}/{p.tag}/{child.tag} "
                              f"(ignored: {_text(child)!r})")

    # --- inline content ----------------------------------------------------------------------

    def inlines(self, el: ET.Element, where: str, breaks: bool = False) -> list[Inline]:
        """The inline content of ``el`` (its text, children and their tails), tidied."""
        return tidy(self._inlines(el, where, breaks))

    def _inlines(self, el: ET.Element, where: str, breaks: bool) -> list[Inline]:
        out: list[Inline] = []
        if el.text:
            out.append(Text(el.text))
        for child in el:
            out += self.inline(child, f"{where}/{child.tag}", breaks)
            if child.tail:
                out.append(Text(child.tail))
        return out

    def inline(self, el: ET.Element, where: str, breaks: bool) -> list[Inline]:
        tag = el.tag
        if tag == "authorialNote":
            return [self.note(el, where)]
        if tag in ("i",) or (tag == "span" and el.get("class") == "italic"):
            return [Emph(self._inlines(el, where, breaks))]
        if tag in ("b",) or (tag == "span" and el.get("class") == "bold"):
            return [Strong(self._inlines(el, where, breaks))]
        if tag in ("a", "ref"):
            href = (el.get("href") or "").strip()
            children = self._inlines(el, where, breaks)
            return [Link(href, children)] if href.startswith(_SAFE) else children
        if tag == "br":
            return [LineBreak()]
        if tag in ("eol", "eop"):
            return [LineBreak()] if breaks else [Text(" ")]
        if tag == "sup":
            if _text(el) in ("(", ")"):  # Arabic texts bracket note calls: (¹)
                return []
            return self._inlines(el, where, breaks)
        if tag in _TRANSPARENT:
            return self._inlines(el, where, breaks)
        if tag == "img":
            self.warn(el, f"image {where} is not rendered (alt text {el.get('alt', '')!r})")
            return [Text(el.get("alt", ""))] if el.get("alt") else []
        self.warn(el, f"unexpected element {where} (its text is kept)")
        return self._inlines(el, where, breaks)

    def note(self, el: ET.Element, where: str) -> NoteRef:
        label = (el.get("marker") or "").strip() or f"n{len(self.notes) + 1}"
        while label in self.note_labels:
            label += "'"
        self.note_labels.add(label)
        content: list[Inline] = []
        for child in el:
            if content:
                content.append(Text(" "))
            if child.tag == "p":
                content += self._inlines(child, f"{where}/p", False)
            else:
                content += self.inline(child, f"{where}/{child.tag}", False)
            if child.tail:
                content.append(Text(child.tail))
        if el.text:
            content.insert(0, Text(el.text))
        content = tidy(content)
        if content and isinstance(content[0], Text) and content[0].text.startswith("()"):
            # Arabic notes open with "()", the place of the bracketed marker
            content = tidy([Text(content[0].text[2:]), *content[1:]])
        self.notes.append((label, content, self.line(el)))
        return NoteRef(label)

    def footnotes(self, doc: Document) -> list[Footnote]:
        order = number_notes(doc)
        by_label = {label: (content, line) for label, content, line in self.notes}
        return [Footnote(label, n, *by_label[label]) for n, label in enumerate(order, 1)
                if label in by_label]

    def paragraphs_of(self, el: ET.Element, where: str) -> list[Inline]:
        """The content of a block holding one or more ``p`` (several are joined by a break)."""
        content: list[Inline] = []
        for child in el:
            if content:
                content.append(LineBreak())
            if child.tag in ("p", "blockList", "intro", "heading", "subheading"):
                content += self._inlines(child, f"{where}/{child.tag}", False)
            else:
                self.warn(child, f"unexpected element {where}/{child.tag} (its text is kept)")
                content += self._inlines(child, f"{where}/{child.tag}", False)
        return tidy(content)

    # --- preamble ----------------------------------------------------------------------------

    def read_preamble(self, preamble: ET.Element, where: str) -> None:
        for child in preamble:
            path = f"{where}/{child.tag}"
            if child.tag == "formula":
                self.formula = self.paragraphs_of(child, path)
            elif child.tag in ("container", "p", "recitals", "recital", "citations", "citation"):
                if child.tag in ("recitals", "citations"):
                    self.read_preamble(child, path)
                    continue
                content = (self.inlines(child, path) if child.tag == "p"
                           else self.paragraphs_of(child, path))
                self.body.append(Preambular(content, line=self.line(child)))
            else:
                self.unknown(child, where, self.body)

    # --- main body ---------------------------------------------------------------------------

    def read_main_body(self, body: ET.Element, where: str) -> None:
        self.read_blocks(body, where, self.body, level=1, operative=True)

    def read_blocks(self, el: ET.Element, where: str, blocks: list[Block], level: int,
                    operative: bool) -> None:
        for child in el:
            path = f"{where}/{child.tag}"
            if child.tag == "paragraph":
                self.paragraph(child, path, blocks, operative)
            elif child.tag in ("crossHeading", "heading", "subheading"):
                blocks.append(Heading(level, None, self.inlines(child, path),
                                      line=self.line(child)))
            elif child.tag in _SECTIONS:
                num = child.find("num")
                heading = child.find("heading")
                if num is not None or heading is not None:
                    content = self.inlines(heading, f"{path}/heading") if heading is not None \
                        else []
                    number = _text(num).rstrip(_NUMBER_END) or None if num is not None else None
                    blocks.append(Heading(level, number, content, line=self.line(child)))
                inner = ET.Element(child.tag)
                inner.extend(c for c in child if c.tag not in ("num", "heading", "subheading"))
                for c in inner:
                    self.lines.setdefault(c, self.line(c))
                self.read_blocks(inner, path, blocks, level + 1, operative)
            elif child.tag == "p":
                blocks.append(Para(self.inlines(child, path), line=self.line(child)))
            else:
                self.unknown(child, where, blocks)

    def paragraph(self, el: ET.Element, where: str, blocks: list[Block], operative: bool) -> None:
        num = el.find("num")
        number = _text(num).rstrip(_NUMBER_END).strip() or None if num is not None else None
        content: list[Inline] = []
        subs: list[Subparagraph] = []
        for child in el:
            path = f"{where}/{child.tag}"
            if child.tag == "num":
                continue
            if child.tag == "content":
                content += self.paragraphs_of(child, path)
            elif child.tag == "list":
                intro, subs = self.read_list(child, path, blocks)
                content += intro
            elif child.tag in ("heading", "subheading"):
                content += self.inlines(child, path)
            elif child.tag == "paragraph":  # nested: read as a block of its own
                self.paragraph(child, path, blocks, operative)
            else:
                self.unknown(child, where, blocks)
        content = tidy(content)
        line = self.line(el)
        cls = el.get("class") or ""
        if number is None and content and isinstance(content[0], Text):
            m = _BARE_NUMBER.match(content[0].text)
            if m and operative:  # 54/27: a paragraph lost its <num>; its text opens "5\t"
                number = m.group(1)
                content = tidy([Text(content[0].text[m.end():]), *content[1:]])
        if operative:
            previous = blocks[-1] if blocks else None
            if number is None and isinstance(previous, Operative) and previous.number \
                    and not previous.content and not previous.subparagraphs:
                # 54/35: <num>1.</num> with empty content, its text in the next paragraph
                previous.content, previous.subparagraphs = content, subs
                return
            if number is None and _HEADING_CLASS.match(cls):
                blocks.append(Heading(2 if cls.startswith("H1") else 1, None, _unbold(content),
                                      line))
            elif number is None and not content and not subs:
                return
            else:
                blocks.append(Operative(number, content, subs, line))
            return
        # annex text
        if number is None and _HEADING_CLASS.match(cls):
            level = 1 if cls.startswith("HCh") else 2 if cls.startswith("H1") else 3
            blocks.append(Heading(level, None, _unbold(content), line))
            return
        first = content[0] if content else None
        m = _SUB_TEXT.match(first.text) if isinstance(first, Text) and number is None else None
        if m and blocks and isinstance(blocks[-1], Para):
            rest = first.text[m.end():] if isinstance(first, Text) else ""
            sub_content = tidy([Text(rest), *content[1:]])
            parent = blocks[-1]
            target = parent.subparagraphs
            if _is_roman_inner(m.group(1), target):
                target = target[-1].subparagraphs
            target.append(Subparagraph(m.group(1), sub_content, line=line))
            return
        if content or subs or number:
            blocks.append(Para(content, number, subs, line))

    def read_list(self, el: ET.Element, where: str,
                  blocks: list[Block]) -> tuple[list[Inline], list[Subparagraph]]:
        intro: list[Inline] = []
        subs: list[Subparagraph] = []
        for child in el:
            path = f"{where}/{child.tag}"
            if child.tag == "intro":
                intro += self.paragraphs_of(child, path)
            elif child.tag in ("point", "indent", "alinea", "paragraph"):
                subs.append(self.point(child, path, blocks))
            elif child.tag == "wrapUp":
                text = self.paragraphs_of(child, path)
                self.warn(child, f"{path}: text after a list is read as a paragraph of its own")
                if text:
                    blocks.append(Para(text, line=self.line(child)))
            else:
                self.unknown(child, where, blocks)
        return intro, subs

    def point(self, el: ET.Element, where: str, blocks: list[Block]) -> Subparagraph:
        num = el.find("num")
        label = _text(num).strip().strip("()").rstrip(".)").strip() if num is not None else ""
        sub = Subparagraph(label, [], line=self.line(el))
        if num is None:
            self.warn(el, f"{where}: a list item without <num>")
        content: list[Inline] = []
        for child in el:
            path = f"{where}/{child.tag}"
            if child.tag == "num":
                continue
            if child.tag == "content":
                content += self.paragraphs_of(child, path)
            elif child.tag == "list":
                intro, inner = self.read_list(child, path, blocks)
                content += intro
                sub.subparagraphs += inner
            else:
                self.unknown(child, where, blocks)
        sub.content = tidy(content)
        return sub

    # --- conclusions: the adoption -----------------------------------------------------------

    def read_conclusions(self, conclusions: ET.Element, where: str) -> None:
        adoption = Adoption(line=self.line(conclusions))
        location = _find(conclusions, "location")
        if location is None:  # the GA files: <inline name="adoptionMeeting">
            location = _find(conclusions, "inline", name="adoptionMeeting")
        if location is not None:
            adoption.meeting = _text(location) or None
        date = _find(conclusions, "docDate")
        if date is not None:
            adoption.date = _date(date.get("date"))
            if adoption.date is None and _text(date):
                try:
                    adoption.date = parse_local_date(_text(date), self.language)
                except ValueError:
                    self.warn(date, f"{where}: cannot read the adoption date {_text(date)!r}")
        vote = _find(conclusions, "vote")
        outcome = vote.find("outcome") if vote is not None else None
        kind = (outcome.get("refersTo") or "").lstrip("#") if outcome is not None else ""
        if kind == "adoptedWithoutVote":
            adoption.without_vote = True
        elif kind == "adoptedRecordedVote" and outcome is not None:
            lists: dict[str, list[str]] = {}
            for part in outcome.findall("outcome"):
                key = _VOTE_KEYS.get((part.get("refersTo") or "").lstrip("#"))
                names = _text(part.find("organization"))
                if key is None:
                    self.warn(part, f"{where}: unknown part of the vote record "
                              f"{part.get('refersTo')!r}")
                    continue
                lists[key] = self.split_names(names, self.counts.get(key), part)
            adoption.vote = Vote(lists.get("in_favour", []), lists.get("against", []),
                                 lists.get("abstaining", []))
        elif outcome is not None:
            self.warn(outcome, f"{where}: unknown outcome {kind!r} (the vote record is not "
                      f"read: {_text(outcome)!r})")
        known = {"event", "location", "eol", "docDate", "vote", "outcome", "quantity",
                 "organization", "p"}
        for el in conclusions.iter():
            if el is location:
                continue
            if el is not conclusions and el.tag not in known:
                self.warn(el, f"unexpected element {el.tag} in {where} (ignored: "
                          f"{_text(el)!r})")
        self.adoption = adoption

    def split_names(self, printed: str, count: int | None, el: ET.Element) -> list[str]:
        """ "A, B and C" -> the names as written (the count from the voting analysis helps with
        languages whose conjunction may also occur inside names)."""
        printed = printed.strip().rstrip("]").rstrip(".").strip()
        if not printed:
            return []
        if self.language == "en":
            from unrender.un.states import split_states

            names, _ = split_states(printed, as_written=True)
        else:
            names = [n for n in _LIST_SEPARATORS.split(printed) if n]
            conjunction = _CONJUNCTIONS.get(self.language)
            if conjunction and names and (count is None or len(names) < count):
                head, sep, tail = names[-1].rpartition(conjunction)
                if sep and head.strip() and tail.strip():
                    names[-1:] = [head.strip(), tail.strip()]
        if count is not None and len(names) != count:
            self.warn(el, f"the vote list names {len(names)} States where the voting analysis "
                      f"counts {count}", VOTE_RECORD)
        return names

    def check_votes(self, top: ET.Element) -> None:
        vote = self.adoption.vote if self.adoption else None
        if vote is None or not self.counts:
            return
        for key in ("in_favour", "against", "abstaining"):
            if key not in self.counts:
                self.warn(top, f"the voting analysis gives no count for {key.replace('_', ' ')}",
                          VOTE_RECORD)

    # --- attachments: annexes ----------------------------------------------------------------

    def read_attachments(self, attachments: ET.Element, where: str) -> None:
        for attachment in attachments:
            path = f"{where}/{attachment.tag}"
            if attachment.tag != "attachment":
                self.unknown(attachment, where, self.body)
                continue
            for doc in attachment:
                if doc.tag in ("doc", "statement", "documentCollection"):
                    self.annex(doc, f"{path}/{doc.tag}")
                else:
                    self.unknown(doc, path, self.body)

    def annex(self, doc: ET.Element, where: str) -> None:
        blocks: list[Block] = []
        for child in doc:
            path = f"{where}/{child.tag}"
            if child.tag in ("meta",):
                continue
            if child.tag in ("mainBody", "body"):
                self.read_blocks(child, path, blocks, level=1, operative=False)
            elif child.tag == "preface":
                for p in child:
                    blocks.append(Heading(1, None, self.inlines(p, f"{path}/{p.tag}"),
                                          line=self.line(p)))
            else:
                self.unknown(child, where, blocks)
        label: str | None = None
        title: list[Inline] = []
        # The first heading(s) are the label ("Annex") and the title.
        if blocks and isinstance(blocks[0], Heading):
            label = plain_text(blocks.pop(0).content)
            if blocks and isinstance(blocks[0], Heading) and blocks[0].level == 1:
                title = blocks.pop(0).content
        if not label:
            self.warn(doc, f"{where}: an annex without a heading; labelled \"Annex\"")
            label = "Annex"
        self.annexes.append(Annex(label, _unbold(title), blocks, line=self.line(doc)))


def _unbold(nodes: list[Inline]) -> list[Inline]:
    """An annex title set in bold by the markup: the layout sets titles bold itself."""
    if len(nodes) == 1 and isinstance(nodes[0], Strong):
        return nodes[0].children
    return nodes


def _is_roman_inner(label: str, subs: list[Subparagraph]) -> bool:
    """(i), (ii) under the last lettered item, unless "(i)" continues the letters after (h)."""
    if not subs or not re.fullmatch(r"[ivxlc]+", label):
        return False
    last = subs[-1].label
    if len(last) == 1 and len(label) == 1 and ord(label) == ord(last) + 1:
        return False
    return bool(subs[-1].subparagraphs) or label == "i"
