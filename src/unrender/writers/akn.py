"""The document tree as Akoma Ntoso: ``unrender build --format akn``.

The output follows the United Nations' own AKN4UN markup of its resolutions (the Human Rights
Council's XML editions, tests/fixtures/akn/), element for element where the tree says the same
thing, and is valid against the OASIS Akoma Ntoso 3.0 schema (tests/fixtures/akn-schema/):

* ``<akomaNtoso><statement name="resolution">`` (``resolutionDraft``, ``decision``,
  ``decisionDraft`` for the other kinds, as the AKN4UN guidelines name them);
* ``meta/identification``: FRBR URIs built as the UN builds them,
  ``/akn/un/statement/deliberation/unga-hrc/2023-10-11/54-10/`` (author, date of adoption,
  number), ``…/eng@/`` for the expression and ``…/eng@.xml`` for the manifestation;
  ``meta/analysis/parliamentary/voting`` with the counts of a recorded vote; ``meta/references``;
* ``coverPage``: the masthead (symbol, organ, distribution, date, original language, body,
  session and its dates, agenda items, "Resolution adopted by …");
* ``preface``: sponsors (drafts), number and title;
* ``preamble``: the enacting ``formula`` and one ``container`` per preambular paragraph;
* ``mainBody``: one ``paragraph`` (``eId="para_N"``, ``class="SingleTxtG"``) per operative
  paragraph with ``num`` and ``content/p``, or ``list/intro`` and ``point`` s for subparagraphs;
  headings are paragraphs of the UN's heading classes (``HChG``, ``H1G``, ``H23G``);
* an ``authorialNote`` (``marker``, ``placement="bottom"``) at each footnote call;
* ``conclusions``: meeting, date and the vote record; ``attachments``: one ``doc name="annex"``
  per annex.

eIds are numbered through the document as the UN numbers them (``formula_1``, ``container_2`` …,
``para_13`` …), so they are unique. Inline markup: Emph -> ``<i>``, Strong -> ``<b>``, Link ->
``<a href>``, LineBreak -> ``<br/>``. Nothing is indented inside an element that holds text, so
the text of the output is exactly the text of the tree -- but for the characters XML 1.0 cannot
carry at all, not even as a character reference (:func:`xml_chars`).
"""

from __future__ import annotations

import datetime as _dt
import itertools
import re
import xml.etree.ElementTree as ET

from unrender.ast import (
    Adoption,
    Annex,
    Block,
    Document,
    Emph,
    Heading,
    Inline,
    LineBreak,
    Link,
    Meta,
    NoteRef,
    Preambular,
    Strong,
    Subparagraph,
    Text,
    plain_text,
)
from unrender.un.bodies import MAIN_COMMITTEES, masthead_organ
from unrender.un.dates import MONTHS, format_date

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
AKN4UN = "http://un.org/akn4un"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (f"{AKN} http://docs.oasis-open.org/legaldocml/akn-core/v1.0/os/part2-specs/"
                   "schemas/akomantoso30.xsd")

# AKN4UN's names of the deliberative document kinds (the @name of <statement>).
STATEMENT_NAMES = {
    "resolution": "resolution",
    "draft resolution": "resolutionDraft",
    "decision": "decision",
    "draft decision": "decisionDraft",
}

# The author component of the FRBR URI, and the FRBRauthor of the work, per body.
_AUTHORS = {
    "General Assembly": ("unga", "ga"),
    "Human Rights Council": ("unga-hrc", "ga"),
    "First Committee": ("unga-c1", "ga"),
    "Second Committee": ("unga-c2", "ga"),
    "Third Committee": ("unga-c3", "ga"),
    "Fourth Committee": ("unga-c4", "ga"),
    "Special Political and Decolonization Committee": ("unga-c4", "ga"),
    "Fifth Committee": ("unga-c5", "ga"),
    "Sixth Committee": ("unga-c6", "ga"),
    "Security Council": ("unsc", "sc"),
    "Economic and Social Council": ("ecosoc", "ecosoc"),
}

_LANGUAGES = {"en": "eng", "fr": "fra", "es": "spa", "ru": "rus", "ar": "ara", "zh": "zho"}

# Heading paragraphs: the UN's paragraph styles by level.
_HEADING_CLASSES = {1: "HChG", 2: "H1G"}
_TEXT_CLASS = "SingleTxtG"

# Inline markup: an element holding one of these is text and is never indented inside (only an
# element holding other elements and no text is, as the UN's files are).
_INLINE_MARKUP = {"i", "b", "u", "a", "sup", "sub", "br", "authorialNote", "quantity",
                  "organization", "outcome"}

_NO_DATE = _dt.date(1, 1, 1)  # the UN's own placeholder for an unknown date

# What XML 1.0 forbids (§2.2: Char is tab, newline, carriage return, U+0020-U+D7FF,
# U+E000-U+FFFD and above): C0 controls, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPACING = {"\x0b": " ", "\x0c": " "}  # a vertical tab or form feed parts words: keep a space


def _q(tag: str) -> str:
    return f"{{{AKN}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, _q(tag), {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _camel(name: str) -> str:
    """"Human Rights Council" -> "humanRightsCouncil" (an eId from a name)."""
    words = re.findall(r"[A-Za-z0-9]+", name)
    if not words:
        return "body"
    return words[0].lower() + "".join(w[:1].upper() + w[1:].lower() for w in words[1:])


def _join(names: list[str]) -> str:
    """"A, B and C" -- no serial comma, as in UN vote lists and sponsor lines."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _abstentions(abstaining: int) -> tuple[str, str]:
    """The words around the abstention count: "with 12 abstentions", "with no abstentions"."""
    if abstaining == 0:
        return "with no abstentions", ""
    return "with ", " abstention" if abstaining == 1 else " abstentions"


# --- the FRBR identity ----------------------------------------------------------------------------


def frbr_work_uri(meta: Meta, adoption: Adoption | None) -> str:
    """``/akn/un/statement/deliberation/unga-hrc/2023-10-11/54-10/`` as the UN's files have it."""
    author = _AUTHORS.get(meta.body, (_camel(meta.body).lower(), "un"))[0]
    return f"/akn/un/statement/deliberation/{author}/{_work_date(meta, adoption)}/{_number(meta)}/"


def _work_date(meta: Meta, adoption: Adoption | None) -> str:
    date = (adoption.date if adoption else None) or meta.date or _NO_DATE
    return date.isoformat()


def _number(meta: Meta) -> str:
    """The number component: "54/10" -> "54-10"; a draft's symbol "A/HRC/50/L.13" -> "50-L.13"."""
    number = meta.number or ""
    if number and re.fullmatch(r"[A-Za-z0-9-]+(/[A-Za-z0-9-]+)*", number):
        return number.replace("/", "-")
    if meta.symbol:
        parts = meta.symbol.split("/")
        start = next((i for i, p in enumerate(parts) if p[:1].isdigit()), len(parts) - 1)
        tail = "-".join(parts[start:])
        tail = re.sub(r"[^A-Za-z0-9.\-]", "", tail)
        if tail:
            return tail
    return f"{meta.session or 0}-draft" if "draft" in meta.kind else f"{meta.session or 0}-nn"


def _language(meta: Meta) -> str:
    return _LANGUAGES.get(meta.language, meta.language)


# --- writing --------------------------------------------------------------------------------------


def to_akn(doc: Document) -> str:
    """The document as AKN4UN XML (UTF-8 text with an XML declaration, final newline)."""
    return _Writer(doc).write()


class _Writer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.meta = doc.meta
        self.counter = 0  # the running number of paragraphs, as the UN numbers eIds
        self.note_ids: dict[str, int] = {}
        self.refs: dict[str, tuple[str, str, str]] = {}  # eId -> (TLC kind, href, showAs)
        self.body_id = _camel(self.meta.body)
        self.markers = _markers(doc)
        self.open_notes: set[str] = set()  # the notes being written, inside one another
        self.label_ids: set[str] = set()  # eIds made from subparagraph labels
        # doc.footnote(label) scans the list: once per call is quadratic with thousands of notes
        self.notes = {note.label: note for note in reversed(doc.footnotes)}  # the first wins

    def next_id(self) -> int:
        self.counter += 1
        return self.counter

    def label_id(self, prefix: str, label: str) -> str:
        """``prefix`` + the label's letters: "para_3_list_point_a". Two labels can give the
        same letters ("a" and "a)", or "x" and "" which gives "x"); the second gets "_2"."""
        eid = base = prefix + _eid_label(label)
        n = 1
        while eid in self.label_ids:
            n += 1
            eid = f"{base}_{n}"
        self.label_ids.add(eid)
        return eid

    def ref(self, eid: str, kind: str, href: str, show_as: str) -> str:
        self.refs.setdefault(eid, (kind, href, show_as))
        return f"#{eid}"

    # --- document ---

    def write(self) -> str:
        ET.register_namespace("", AKN)
        ET.register_namespace("akn4un", AKN4UN)
        ET.register_namespace("xsi", XSI)
        root = ET.Element(_q("akomaNtoso"), {f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
        statement = _sub(root, "statement", name=STATEMENT_NAMES.get(self.meta.kind, "resolution"))
        meta = _sub(statement, "meta")
        # The document is written first; the references it makes are listed in meta after.
        cover = self.cover_page()
        preface = self.preface()
        preamble, main = self.body()
        conclusions = self.conclusions()
        attachments = self.attachments()
        self.fill_meta(meta)
        for el in (cover, preface, preamble, main, conclusions, attachments):
            if el is not None:
                statement.append(el)
        _indent(root)
        xml = xml_chars(ET.tostring(root, encoding="unicode"))
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"

    # --- meta ---

    def fill_meta(self, meta: ET.Element) -> None:
        self.identification(meta, "!main/", None)
        if self.doc.adoption is not None:
            self.analysis(meta, self.doc.adoption)
        self.references(meta)
        self.presentation(meta)

    def presentation(self, meta: ET.Element) -> None:
        """The job number (and release date) of the first page's footer, where the UN puts it."""
        m = self.meta
        if not m.job and not m.release_date:
            return
        footer = ET.SubElement(_sub(meta, "presentation", source="#un"),
                               f"{{{AKN4UN}}}footerFirstPage")
        left = ET.SubElement(footer, f"{{{AKN4UN}}}footerFirstPageLeft")
        code = ET.SubElement(left, f"{{{AKN4UN}}}internalCode")
        if m.job:
            _sub(code, "docketNumber", m.job, refersTo="#publicationJobNumber")
        if m.release_date:
            _sub(code, "docDate", m.release_date.strftime("%d%m%y"),
                 date=m.release_date.isoformat(), refersTo="#releaseDate")

    def identification(self, meta: ET.Element, component: str, suffix: str | None) -> None:
        """FRBR identity; ``suffix`` names an attachment ("annex") inside the work."""
        m = self.meta
        ident = _sub(meta, "identification", source="#DGACM")
        self.ref("DGACM", "TLCOrganization", "/akn/ontology/organization/un/DGACM", "DGACM")
        work = frbr_work_uri(m, self.doc.adoption)
        lang = _language(m)
        part = component + (suffix or "")
        author_code = _AUTHORS.get(m.body, ("", "un"))[1]
        issued = (m.date or m.release_date or (self.doc.adoption.date if self.doc.adoption
                                               else None) or _NO_DATE).isoformat()
        w = _sub(ident, "FRBRWork")
        _sub(w, "FRBRthis", value=work + part)
        _sub(w, "FRBRuri", value=work)
        _sub(w, "FRBRdate", date=_work_date(m, self.doc.adoption),
             name="adoption" if self.doc.adoption and self.doc.adoption.date else "issuance")
        _sub(w, "FRBRauthor", href=author_code, as_="author")
        _sub(w, "FRBRcountry", value="un")
        e = _sub(ident, "FRBRExpression")
        _sub(e, "FRBRthis", value=f"{work}{lang}@{part}")
        _sub(e, "FRBRuri", value=f"{work}{lang}@/")
        _sub(e, "FRBRdate", date=issued, name="publication")
        _sub(e, "FRBRauthor", href=author_code, as_="issuer")
        _sub(e, "FRBRlanguage", language=lang)
        f = _sub(ident, "FRBRManifestation")
        _sub(f, "FRBRthis", value=f"{work}{lang}@/{part.rstrip('/')}.xml")
        _sub(f, "FRBRuri", value=f"{work}{lang}@.xml")
        _sub(f, "FRBRdate", date=issued, name="markup")
        _sub(f, "FRBRauthor", href="DGACM", as_="editor")

    def analysis(self, meta: ET.Element, adoption: Adoption) -> None:
        if adoption.vote is None and not adoption.without_vote:
            return
        parl = _sub(_sub(meta, "analysis", source="#un"), "parliamentary")
        if adoption.vote is None:
            voting = _sub(parl, "voting", outcome="adoptedWithoutVote")
            _sub(voting, "quorum", value="")
            return
        voting = _sub(parl, "voting", outcome="adoptedRecordedVote")
        vote = adoption.vote
        for key, names in (("inFavour", vote.in_favour), ("against", vote.against),
                           ("abstaining", vote.abstaining)):
            count = _sub(voting, "count", value=str(len(names)), refersTo=key)
            if names:
                voters = ET.SubElement(count, f"{{{AKN4UN}}}voters")
                for name in names:
                    _sub(voters, "organization", name, refersTo="memberState")

    def references(self, meta: ET.Element) -> None:
        refs = _sub(meta, "references", source="#DGACM")
        order = ("TLCOrganization", "TLCConcept", "TLCRole", "TLCTerm", "TLCPerson",
                 "TLCLocation", "TLCEvent")
        for kind in order:
            for eid, (k, href, show_as) in self.refs.items():
                if k == kind:
                    _sub(refs, kind, eId=eid, href=href, showAs=show_as)

    # --- cover page and preface ---

    def cover_page(self) -> ET.Element:
        m = self.meta
        cover = ET.Element(_q("coverPage"), {"eId": "coverPage_1"})
        p = _sub(cover, "p")
        publisher = self.ref("publisher", "TLCRole", "/akn/ontology/role/un/publisher",
                             "Publisher")
        span = _sub(p, "span", refersTo=publisher, class_="upperLeft")
        _sub(span, "docAuthority", "United Nations", refersTo=publisher)
        if m.symbol:
            p = _sub(cover, "p", class_="upperRight")
            _sub(p, "docNumber", m.symbol,
                 refersTo=self.ref("symbol", "TLCConcept", "/akn/ontology/reference/un/symbol",
                                   "Symbol"))
            # Symbol footnotes no sponsor calls ("*" on a reissued symbol) are called here.
            called = {mark for s in m.sponsors for mark in s.marks}
            for mark in m.notes:
                if mark not in called:
                    self.note(p, mark, [Text(m.notes[mark])])
        p = _sub(cover, "p", class_="upperLeft")
        _sub(p, "docAuthority", masthead_organ(m.body), class_="rightBig",
             refersTo=self.ref("issuingBody", "TLCRole", "/akn/role/concept/un/issuingBody",
                               "Issuing body"))
        if m.distribution:
            key = f"{_camel(m.distribution)}Distribution"
            _sub(_sub(cover, "p"), "docStatus", f"Distr.: {m.distribution}", class_="rightSmall",
                 refersTo=self.ref(key, "TLCConcept", f"/akn/ontology/concept/un/{key}",
                                   f"{m.distribution} distribution"))
        if m.date:
            _sub(_sub(cover, "p"), "docDate", format_date(m.date), date=m.date.isoformat(),
                 class_="rightSmall",
                 refersTo=self.ref("dateOfIssuance", "TLCConcept",
                                   "/akn/ontology/concept/un/dateOfIssuance", "Date of issuance"))
        if m.original:
            lang = _camel(m.original)
            _sub(_sub(cover, "p"), "inline", f"Original: {m.original}", name="originalLanguage",
                 refersTo=self.ref(lang, "TLCConcept", f"/akn/ontology/concept/un/language/{lang}",
                                   m.original))
        body_ref = self.ref(self.body_id, "TLCOrganization",
                            f"/akn/ontology/organization/un/{self.body_id}", m.body)
        if m.body == "Human Rights Council" or m.body in MAIN_COMMITTEES:
            _sub(_sub(cover, "p"), "docAuthority", m.body,
                 refersTo=self.ref("subsidiaryBody", "TLCRole",
                                   "/akn/role/concept/un/subsidiaryBody", "Subsidiary body"))
        if m.session_name or m.session:
            from unrender.un.ordinals import session_name

            name = m.session_name or session_name(m.session or 0)
            attrs = {"refersTo": body_ref, "value": str(m.session or 0),
                     "eId": "coverPage_1__session_1"}
            _sub(_sub(cover, "p"), "session", name, **attrs)
        if m.session_dates:
            event = _sub(_sub(cover, "p"), "event",
                         refersTo=self.ref("session", "TLCEvent",
                                           "/akn/ontology/event/un/session", "Session"))
            self.session_dates(event, m.session_dates)
        for item in m.agenda:
            _sub(_sub(cover, "p"), "inline", f"Agenda item {item.item}", name="agenda item",
                 title=item.item)
            if item.title:
                _sub(_sub(cover, "p"), "inline", item.title, name="agenda item name")
        adopted = self.adopted_line()
        if adopted:
            p = _sub(cover, "p")
            _sub(p, "docTitle", adopted)
            reference = self.doc.adoption.reference if self.doc.adoption else None
            if reference:
                _sub(p, "inline", f"[{reference}]", name="adoptionReference")
        return cover

    def session_dates(self, event: ET.Element, text: str) -> None:
        """"11 September–13 October 2023" -> two <date>s, as the UN marks them; else the text."""
        month = "|".join(MONTHS)
        m = re.fullmatch(rf"\s*(\d{{1,2}})(?:\s+({month}))?(?:\s+(\d{{4}}))?\s*([–-])\s*"
                         rf"(\d{{1,2}})\s+({month})\s+(\d{{4}})\s*", text)
        if not m:
            event.text = text
            return
        d1, m1, y1, dash, d2, m2, y2 = m.groups()
        try:
            end = _dt.date(int(y2), MONTHS.index(m2) + 1, int(d2))
            start = _dt.date(int(y1 or y2), MONTHS.index(m1 or m2) + 1, int(d1))
        except ValueError:
            event.text = text
            return
        first, _, second = text.strip().partition(dash)
        # Only a space between the two dates, as in the UN's files (a reader supplies the dash).
        _sub(event, "date", first.strip(), date=start.isoformat(),
             refersTo=self.ref("startDate", "TLCConcept", "/akn/ontology/concept/un/startDate",
                               "Start date")).tail = " "
        _sub(event, "date", second.strip(), date=end.isoformat(),
             refersTo=self.ref("endDate", "TLCConcept", "/akn/ontology/concept/un/endDate",
                               "End date"))

    def adopted_line(self) -> str | None:
        """"Resolution adopted by the Human Rights Council on 11 October 2023"."""
        m = self.meta
        if "draft" in m.kind or m.body == "Security Council":
            return None
        line = f"{m.kind.capitalize()} adopted by the {m.body}"
        adoption = self.doc.adoption
        if adoption and adoption.date:
            line += f" on {format_date(adoption.date)}"
        return line

    def preface(self) -> ET.Element | None:
        m = self.meta
        preface = ET.Element(_q("preface"))
        if m.sponsors:
            p = _sub(preface, "p", class_="sponsors")
            last: ET.Element | None = None
            for i, sponsor in enumerate(m.sponsors):
                sep = "" if i == 0 else (" and " if i == len(m.sponsors) - 1 else ", ")
                _append_text(p, last, sep)
                last = _sub(p, "organization", sponsor.name,
                            refersTo=self.ref("memberState", "TLCOrganization",
                                              "/akn/ontology/organization/un/memberState",
                                              "Member State"))
                for mark in sponsor.marks:
                    last = self.note(p, mark, [Text(m.notes.get(mark, ""))])
            _append_text(p, last, f": {m.kind}")
        if m.number or m.title:
            p = _sub(preface, "p")
            if m.number:
                number = m.number if "draft" in m.kind or m.number.endswith((".", "…")) \
                    else f"{m.number}."
                _sub(p, "docNumber", number)
            if m.title:
                title = _sub(p, "docTitle",
                             refersTo=self.ref("resolutionTitle", "TLCTerm",
                                               "/akn/ontology/reference/un/resolutionTitle",
                                               "Resolution title"))
                span = _sub(title, "span", class_="bold")
                lines = m.title.split("\n")
                span.text = lines[0]
                for line in lines[1:]:
                    _sub(span, "br").tail = line
        return preface if len(preface) else None

    # --- body ---

    def body(self) -> tuple[ET.Element | None, ET.Element]:
        blocks = self.doc.body
        lead = 0
        while lead < len(blocks) and isinstance(blocks[lead], Preambular):
            lead += 1
        preamble = None
        if self.doc.formula or lead:
            preamble = ET.Element(_q("preamble"))
            if self.doc.formula:
                formula = _sub(preamble, "formula", name="enactingFormula",
                               eId=f"formula_{self.next_id()}")
                self.inlines(_sub(formula, "p"), self.doc.formula)
            for block in blocks[:lead]:
                self.container(preamble, block)
        main = ET.Element(_q("mainBody"))
        for block in blocks[lead:]:
            self.block(main, block)
        if not len(main):  # a text of preambular paragraphs only: the schema wants a mainBody
            _sub(main, "p")
        return preamble, main

    def container(self, parent: ET.Element, block: Preambular) -> None:
        first = block.content[0] if block.content else None
        name = plain_text([first]).strip() if isinstance(first, Emph) else ""
        eid = f"container_{self.next_id()}"
        container = _sub(parent, "container", name=name or "preambular", eId=eid)
        self.inlines(_sub(container, "p"), block.content)
        if block.subparagraphs:
            blist = _sub(container, "blockList", eId=f"{eid}__list")
            for sub in block.subparagraphs:
                self.item(blist, sub, f"{eid}__list")

    def item(self, parent: ET.Element, sub: Subparagraph, prefix: str) -> None:
        eid = self.label_id(f"{prefix}__item_", sub.label)
        item = _sub(parent, "item", eId=eid)
        _sub(item, "num", f"({sub.label})")
        self.inlines(_sub(item, "p"), sub.content)
        if sub.subparagraphs:
            blist = _sub(item, "blockList", eId=f"{eid}__list")
            for child in sub.subparagraphs:
                self.item(blist, child, f"{eid}__list")

    def block(self, parent: ET.Element, block: Block) -> None:
        eid = f"para_{self.next_id()}"
        if isinstance(block, Heading):
            cls = _HEADING_CLASSES.get(block.level, "H23G")
            para = _sub(parent, "paragraph", eId=eid, class_=cls)
            if block.number:
                _sub(para, "num", block.number)
            content = _sub(para, "content", eId=f"{eid}__content")
            self.inlines(_sub(_sub(content, "p"), "b"), block.content)
            return
        para = _sub(parent, "paragraph", eId=eid, class_=_TEXT_CLASS)
        if isinstance(block, Preambular):  # a preambular paragraph after the operative part
            para.set("refersTo", "#preambular")
            self.ref("preambular", "TLCConcept", "/akn/ontology/concept/un/preambularParagraph",
                     "Preambular paragraph")
        number = getattr(block, "number", None)
        if number:
            _sub(para, "num", _num(number))
        self.content(para, block.content, block.subparagraphs, eid)

    def content(self, parent: ET.Element, content: list[Inline], subs: list[Subparagraph],
                eid: str) -> None:
        if not subs:
            self.inlines(_sub(_sub(parent, "content", eId=f"{eid}__content"), "p"), content)
            return
        lst = _sub(parent, "list", eId=f"{eid}_list")
        if content:
            self.inlines(_sub(_sub(lst, "intro", eId=f"{eid}_list_intro"), "p"), content)
        for sub in subs:
            pid = self.label_id(f"{eid}_list_point_", sub.label)
            point = _sub(lst, "point", eId=pid)
            _sub(point, "num", f"({sub.label})")
            self.content(point, sub.content, sub.subparagraphs, pid)

    # --- inline ---

    def inlines(self, parent: ET.Element, nodes: list[Inline]) -> None:
        last: ET.Element | None = None  # the last child written; text after it is its tail
        for node in nodes:
            if isinstance(node, Text):
                _append_text(parent, last, node.text)
            elif isinstance(node, LineBreak):
                last = _sub(parent, "br")
            elif isinstance(node, NoteRef):
                note = self.notes.get(node.label)
                if note is None:
                    continue
                if note.label in self.open_notes:  # a note that calls itself: its marker only
                    last = _sub(parent, "sup", self.markers[note.label])
                    continue
                self.open_notes.add(note.label)
                last = self.note(parent, self.markers[note.label], note.content)
                self.open_notes.discard(note.label)
            else:
                tag = "i" if isinstance(node, Emph) else "b" if isinstance(node, Strong) else "a"
                last = _sub(parent, tag)
                if isinstance(node, Link):
                    last.set("href", node.target)
                self.inlines(last, node.children)

    def note(self, parent: ET.Element, marker: str, content: list[Inline]) -> ET.Element:
        seen = self.note_ids.get(marker, 0) + 1
        self.note_ids[marker] = seen
        key = re.sub(r"[^A-Za-z0-9]", "", marker) or f"star{len(marker)}"
        eid = f"authorialNote_{key}" + (f"_{seen}" if seen > 1 else "")
        note = _sub(parent, "authorialNote", marker=marker, placement="bottom", eId=eid)
        # The UN's notes open with a tab (the space after the printed marker): their text never
        # runs into the text before the call.
        p = _sub(note, "p", "\t")
        self.inlines(p, content)
        return note

    # --- closing ---

    def conclusions(self) -> ET.Element | None:
        adoption = self.doc.adoption
        if adoption is None:
            return None
        out = ET.Element(_q("conclusions"), {"eId": "conclusions"})
        if adoption.meeting or adoption.date:
            event = _sub(_sub(out, "p"), "event",
                         refersTo=self.ref("adoption", "TLCEvent",
                                           "/akn/ontology/event/un/adoption", "Adoption"))
            if adoption.meeting:
                ordinal = adoption.meeting.split()[0]
                _sub(event, "location", adoption.meeting, title=ordinal,
                     refersTo=self.ref("adoptionMeeting", "TLCLocation",
                                       "/akn/ontology/location/un/adoptionMeeting",
                                       "Meeting of adoption"))
            if adoption.meeting and adoption.date:
                _sub(event, "eol")
            if adoption.date:
                _sub(event, "docDate", format_date(adoption.date), date=adoption.date.isoformat(),
                     refersTo=self.ref("adoptionDate", "TLCConcept",
                                       "/akn/ontology/concept/un/dateOfAdoption",
                                       "Date of adoption"))
        if adoption.without_vote or adoption.vote is not None:
            vote = _sub(_sub(out, "p"), "vote", by=f"#{self.body_id}",
                        as_=self.ref("author", "TLCRole", "/akn/ontology/role/un/author",
                                     "Author"))
            if adoption.vote is None:
                _sub(vote, "outcome", "[Adopted without a vote.]",
                     refersTo=self.ref("adoptedWithoutVote", "TLCConcept",
                                       "/akn/ontology/concept/un/voting/adoptedWithoutVote",
                                       "Adopted without a vote"))
            else:
                self.vote_record(vote, adoption)
        return out if len(out) else None

    def vote_record(self, parent: ET.Element, adoption: Adoption) -> None:
        v = adoption.vote
        assert v is not None
        outcome = _sub(parent, "outcome",
                       refersTo=self.ref("adoptedRecordedVote", "TLCConcept",
                                         "/akn/ontology/concept/un/voting/adoptedRecordedVote",
                                         "Adopted by a recorded vote"))
        outcome.text = "[Adopted by a recorded vote of "
        refs = {key: self.ref(key, "TLCTerm", f"/akn/ontology/concept/un/voting/{key}", show)
                for key, show in (("inFavour", "In favour"), ("against", "Against"),
                                  ("abstaining", "Abstaining"))}
        n_for, n_against, n_abst = len(v.in_favour), len(v.against), len(v.abstaining)
        q = _sub(outcome, "quantity", str(n_for), normalized=str(n_for),
                 refersTo=refs["inFavour"])
        q.tail = " to "
        q = _sub(outcome, "quantity", str(n_against), normalized=str(n_against),
                 refersTo=refs["against"])
        before, after = _abstentions(n_abst)
        q.tail = ", " + before
        if n_abst:
            q = _sub(outcome, "quantity", str(n_abst), normalized=str(n_abst),
                     refersTo=refs["abstaining"])
            q.tail = after
        q.tail += ". The voting was as follows: "
        member = self.ref("memberState", "TLCOrganization",
                          "/akn/ontology/organization/un/memberState", "Member State")
        last = q  # no text between the lists: the UN's files have none (the heads open lines)
        for key, head, names in (("inFavour", "In favour:", v.in_favour),
                                 ("against", "Against:", v.against),
                                 ("abstaining", "Abstaining:", v.abstaining)):
            if not names:
                continue
            last = _sub(outcome, "outcome", head, refersTo=key)
            _sub(last, "eol")
            _sub(last, "organization", _join(names), refersTo=member)
        last.tail = (last.tail or "").rstrip() + "]"

    # --- annexes ---

    def attachments(self) -> ET.Element | None:
        if not self.doc.annexes:
            return None
        out = ET.Element(_q("attachments"))
        several = len(self.doc.annexes) > 1
        for i, annex in enumerate(self.doc.annexes, 1):
            doc = _sub(_sub(out, "attachment"), "doc", name="annex")
            self.identification(_sub(doc, "meta"), "!main/", f"annex_{i}" if several else "annex")
            self.annex_body(_sub(doc, "mainBody"), annex)
        return out

    def annex_body(self, main: ET.Element, annex: Annex) -> None:
        for inlines in ([Text(annex.label)], annex.title):
            if not plain_text(inlines).strip() and inlines is annex.title:
                continue
            eid = f"para_{self.next_id()}"
            para = _sub(main, "paragraph", eId=eid, class_="HChG")
            content = _sub(para, "content", eId=f"{eid}__content")
            self.inlines(_sub(_sub(content, "p"), "b"), inlines)
        for block in annex.blocks:
            self.block(main, block)


# --- helpers --------------------------------------------------------------------------------------


def _markers(doc: Document) -> dict[str, str]:
    """The marker printed at each footnote's calls: its number; but the labels themselves when
    they are numbers rising in the order of the notes (the UN's own markers, as an AKN4UN file
    gives them, which need not start at 1)."""
    notes = sorted(doc.footnotes, key=lambda f: f.number)
    labels = [f.label for f in notes]
    if all(label.isdigit() for label in labels) and \
            all(int(a) < int(b) for a, b in itertools.pairwise(labels)):
        return {label: str(int(label)) for label in labels}
    return {f.label: str(f.number) for f in notes}


def _num(number: str) -> str:
    """An operative number as printed: "1" -> "1."; a label with its own punctuation as is."""
    return number if number.endswith((".", ")")) else f"{number}."


def _eid_label(label: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", label) or "x"


def _append_text(parent: ET.Element, last: ET.Element | None, text: str) -> None:
    if not text:
        return
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def _indent(el: ET.Element, level: int = 0) -> None:
    """Indent the structure, two spaces a level, as the UN's files are: inside an element that
    holds only elements, never inside one that holds text or inline markup."""
    if not len(el) or (el.text and el.text.strip()):
        return
    if any((child.tail and child.tail.strip()) or _local(child.tag) in _INLINE_MARKUP
           for child in el):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        _indent(child, level + 1)
        child.tail = pad
    el[-1].tail = "\n" + "  " * level


def xml_chars(xml: str) -> str:
    """``xml`` without the characters XML 1.0 forbids. ElementTree writes them as they are, and
    the output would not parse. The readers drop them from a source with a warning; this is the
    last line of defence, for a tree that came from anywhere (the whole text is filtered, so
    attribute values are covered too: every character of markup is printable ASCII)."""
    return _NOT_XML.sub(lambda m: _SPACING.get(m.group(), ""), xml)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
