"""Hostile and oversized sources, made on the fly: for ``bench_limits.py`` and tests/test_limits.py.

Every maker returns the text of one source file. Sizes and depths are parameters so that the
benchmark can use the sizes the issue names (10 MB, a 1 MB line, 10^5 levels, 5,000 notes) and
the tests smaller ones that exercise the same code paths. Nothing here reads or writes a file.
"""

from __future__ import annotations

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SENTINEL = "SENTINEL-3f9c1e-must-never-appear"  # the content of a file an entity points to

FRONT_MATTER = """---
body: General Assembly
kind: resolution
symbol: A/RES/80/1
date: 5 November 2025
session: 80
number: "80/1"
title: Limits of the toolchain
adoption:
  meeting: 30th plenary meeting
  date: 1 November 2025
---

*The General Assembly,*

"""

_PREAMBLE = ("*Recalling* its resolution 47/{n} of 24 November 1992 on the need to end the "
             "embargo, and the statements of the Heads of State or Government of Latin America "
             "and the Caribbean regarding the need to put an end to the economic embargo,")
_OPERATIVE = ("{n}. *Requests* the Secretary-General, in consultation with the appropriate "
              "organs and agencies of the United Nations system, to prepare report {n} on the "
              "implementation of the present resolution and to submit it to the Assembly;")


def markdown_paragraphs(size: int) -> str:
    """A resolution of about ``size`` characters: half preambular, half operative paragraphs."""
    preamble: list[str] = []
    operative: list[str] = []
    n = 0
    total = len(FRONT_MATTER)
    while total < size:
        n += 1
        para = _PREAMBLE.format(n=n) if n % 2 else _OPERATIVE.format(n=len(operative) + 1)
        (preamble if n % 2 else operative).append(para)
        total += len(para) + 2
    operative[-1] = operative[-1].rstrip(";") + "."
    return FRONT_MATTER + "\n\n".join(preamble + operative) + "\n"


def markdown_long_line(size: int, spaces: bool = True) -> str:
    """One preambular paragraph of ``size`` characters on one line, of words or of one word."""
    if spaces:
        words = "the sovereign equality of States and freedom of trade, "
        body = (words * (size // len(words) + 1))[:size].rstrip(" ,")
    else:
        body = "x" * size
    return FRONT_MATTER + f"*Recalling* {body},\n\n*Decides* to remain seized of the matter.\n"


def markdown_footnotes(count: int) -> str:
    """``count`` operative paragraphs, each citing a footnote of its own."""
    paras = [f"{n}. *Takes note* of the report of the Secretary-General A/80/{n};[^{n}]"
             for n in range(1, count + 1)]
    paras[-1] = paras[-1].replace(";", ".")
    notes = [f"[^{n}]: A/80/{n}, para. {n}." for n in range(1, count + 1)]
    return (FRONT_MATTER + _PREAMBLE.format(n=1) + "\n\n" + "\n\n".join(paras) + "\n\n"
            + "\n".join(notes) + "\n")


def markdown_nested(kind: str, depth: int) -> str:
    """A paragraph nested ``depth`` levels deep: ``emphasis`` (``***…``), ``strong``, ``links``
    (``[[[…](…)``), ``quotes`` (``>>>…``), ``lists`` (``1. 1. 1. …``) or ``bullets``."""
    body = {
        "emphasis": "*" * depth + "Recalling" + "*" * depth + " the Charter,",
        "strong": "**" * depth + "Recalling" + "**" * depth + " the Charter,",
        "links": "[" * depth + "Recalling" + "](https://un.org)" * depth + " the Charter,",
        "quotes": ">" * depth + " *Recalling* the Charter,",
        "lists": "1. " * depth + "*Decides* to remain seized of the matter.",
        "bullets": "- " * depth + "*Decides* to remain seized of the matter.",
    }[kind]
    return FRONT_MATTER + body + "\n"


def markdown_pieces(count: int, piece: str = "*word{i}* resolution 70/{n} -") -> str:
    """One preambular paragraph of ``count`` pieces (``{i}``: the piece's number, ``{n}`` a
    resolution number): thousands of italics, citations and dashes in one paragraph."""
    body = " ".join(piece.format(i=i, n=i % 300 + 1) for i in range(count))
    return FRONT_MATTER + f"*Recalling* {body} the Charter,\n\n*Decides* to remain seized.\n"


def yaml_nested(depth: int) -> str:
    """Front matter whose title is a list nested ``depth`` deep (YAML flow style)."""
    return FRONT_MATTER.replace("title: Limits of the toolchain",
                                "title: " + "[" * depth + "x" + "]" * depth)


# --- extracted text -----------------------------------------------------------------------------

TEXT_HEADER = """A/RES/80/1

United Nations

General Assembly

Distr.: General
5 November 2025

Eightieth session
Agenda item 43

Resolution adopted by the General Assembly on
1 November 2025

80/1. Limits of the toolchain

The General Assembly,

"""

TEXT_CLOSING = "30th plenary meeting\n1 November 2025\n"


def text_paragraphs(size: int) -> str:
    """Text as extracted from a UN PDF, of about ``size`` characters: paragraphs, hard-wrapped
    lines, a page rule with page furniture every 40 paragraphs, the meeting lines at the end."""
    out: list[str] = [TEXT_HEADER]
    total = len(TEXT_HEADER)
    n = 0
    while total < size:
        n += 1
        para = (_PREAMBLE.format(n=n) if n <= 4 else _OPERATIVE.format(n=n - 4)).replace("*", "")
        para = para.replace(" and the statements", "\nand the statements")
        out.append(para + "\n\n")
        total += len(para) + 2
        if n % 40 == 0:
            furniture = f"---\n\n{n // 40 + 1}/9999 18-18418\n\nA/RES/80/1\n\n"
            out.append(furniture)
            total += len(furniture)
    out[-1] = out[-1].replace(";\n\n", ".\n\n")
    out.append(TEXT_CLOSING)
    return "".join(out)


def text_long_line(size: int, spaces: bool = True) -> str:
    """Extracted text whose first paragraph is one line of ``size`` characters."""
    if spaces:
        words = "the sovereign equality of States and freedom of trade, "
        body = (words * (size // len(words) + 1))[:size].rstrip(" ,")
    else:
        body = "x" * size
    return (TEXT_HEADER + f"Recalling {body},\n\nDecides to remain seized of the matter.\n\n"
            + TEXT_CLOSING)


def text_nested(depth: int) -> str:
    """Extracted text with a paragraph in ``depth`` levels of emphasis."""
    return (TEXT_HEADER + "*" * depth + "Recalling" + "*" * depth + " the Charter,\n\n"
            "Decides to remain seized of the matter.\n\n" + TEXT_CLOSING)


# --- AKN4UN XML ---------------------------------------------------------------------------------

_AKN_HEAD = f"""<?xml version="1.0" encoding="UTF-8"?>
{{doctype}}<akomaNtoso xmlns="{AKN_NS}">
  <statement name="resolution">
    <coverPage><p><docNumber refersTo="#symbol">A/HRC/RES/80/1</docNumber></p></coverPage>
    <preamble>
      <formula><p>The Human Rights Council,</p></formula>
      <container><p><i>Recalling</i> the Charter {{entity}},</p></container>
    </preamble>
    <mainBody>
"""
_AKN_TAIL = """    </mainBody>
    <conclusions>
      <p><location>30th meeting</location> <docDate date="2025-11-01">1 November 2025</docDate></p>
      <p><vote><outcome refersTo="#adoptedWithoutVote">[Adopted without a vote.]</outcome>
      </vote></p>
    </conclusions>
  </statement>
</akomaNtoso>
"""
_AKN_PARAGRAPH = """      <paragraph eId="para_{n}">
        <num>{n}.</num>
        <content><p><i>Requests</i> the Secretary-General, in consultation with the appropriate
          organs and agencies of the United Nations system, to prepare report {n} on the
          implementation of the present resolution and to submit it to the Council;</p></content>
      </paragraph>
"""


def akn(body: str = "", doctype: str = "", entity: str = "") -> str:
    """A small AKN4UN resolution; ``body`` goes into ``mainBody``, ``doctype`` before the root,
    ``entity`` (a reference such as ``&lol9;``) into the preamble's text."""
    head = _AKN_HEAD.format(doctype=doctype + "\n" if doctype else "", entity=entity)
    body = body or _AKN_PARAGRAPH.format(n=1)
    return head + _last_full_stop(body) + _AKN_TAIL


def _last_full_stop(body: str) -> str:
    """The last operative paragraph ends with a full stop, as the UN's do."""
    head, sep, tail = body.rpartition("Council;")
    return head + "Council." + tail if sep else body


def akn_paragraphs(size: int) -> str:
    """An AKN resolution of about ``size`` characters of operative paragraphs."""
    paras: list[str] = []
    total = 0
    while total < size:
        paras.append(_AKN_PARAGRAPH.format(n=len(paras) + 1))
        total += len(paras[-1])
    return akn("".join(paras))


def akn_one_line(size: int) -> str:
    """A minified AKN file: about ``size`` characters with no line break at all."""
    return " ".join(akn_paragraphs(size).split())


def akn_nested(depth: int, tag: str = "i") -> str:
    """A paragraph whose text is ``depth`` elements deep: ``<i>`` (inline) or ``hcontainer``
    (sections in the main body)."""
    if tag == "hcontainer":
        inner = "<p>Text.</p>"
        return akn("<hcontainer>" * depth + inner + "</hcontainer>" * depth)
    content = f"<{tag}>" * depth + "Requests" + f"</{tag}>" * depth
    return akn(f"<paragraph><num>1.</num><content><p>{content} the report.</p></content>"
               "</paragraph>")


def akn_pieces(count: int, piece: str = "<span>word{i} </span>") -> str:
    """An operative paragraph of ``count`` inline elements."""
    body = "".join(piece.format(i=i) for i in range(count))
    return akn(f"<paragraph><num>1.</num><content><p><i>Decides</i> {body}</p></content>"
               "</paragraph>")


def akn_nested_points(depth: int) -> str:
    """An operative paragraph with a subparagraph nested ``depth`` deep: (a) holds (a) …"""
    point = "<point><num>(a)</num><content><p>text;</p></content>{inner}</point>"
    inner = ""
    for _ in range(depth):
        inner = "<list>" + point.format(inner=inner) + "</list>"
    return akn(f"<paragraph><num>1.</num><content><p><i>Decides</i>:</p></content>{inner}"
               "</paragraph>")


def akn_billion_laughs(levels: int = 10) -> str:
    """The classic: ten entities, each ten of the one before (10^9 "lol"s from 3 KB)."""
    decls = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)]
    doctype = "<!DOCTYPE akomaNtoso [\n  " + "\n  ".join(decls) + "\n]>"
    return akn(doctype=doctype, entity=f"&lol{levels - 1};")


def akn_quadratic_blowup(entity_size: int = 100_000, references: int = 10_000) -> str:
    """One big entity referenced many times: no nesting, so nesting limits do not catch it."""
    doctype = f'<!DOCTYPE akomaNtoso [<!ENTITY a "{"a" * entity_size}">]>'
    return akn(doctype=doctype, entity="&a;" * references)


def akn_external_entity(target: str, public: bool = False) -> str:
    """An entity whose text is the file (or URL) ``target``: SYSTEM, or PUBLIC with an id."""
    ref = f'PUBLIC "-//UNRENDER//TEST//EN" "{target}"' if public else f'SYSTEM "{target}"'
    return akn(doctype=f"<!DOCTYPE akomaNtoso [<!ENTITY ext {ref}>]>", entity="&ext;")


def akn_parameter_entity(target: str) -> str:
    """A parameter entity that would pull an external DTD into the internal subset."""
    return akn(doctype=f'<!DOCTYPE akomaNtoso [<!ENTITY % pe SYSTEM "{target}"> %pe;]>')


def akn_external_dtd(target: str) -> str:
    """A document type declaration naming an external DTD."""
    return akn(doctype=f'<!DOCTYPE akomaNtoso SYSTEM "{target}">')


def akn_plain_doctype() -> str:
    """A harmless ``<!DOCTYPE akomaNtoso>``: still a DTD, which AKN input never has."""
    return akn(doctype="<!DOCTYPE akomaNtoso>")


def text_footnotes(count: int, per_page: int = 20, flat: bool = False,
                   lost_calls: bool = False) -> str:
    """Extracted text with ``count`` footnotes, ``per_page`` to a page. Markdown-style
    extraction by default (calls ``<sup>n</sup>``, note lines before the page rule); ``flat``
    is plain pdftotext (calls as digits after the punctuation, notes as number and text lines
    under a rule of underscores: at most 999 notes, a call of at most two digits);
    ``lost_calls``: plain pdftotext that lost every call, for the reader to place."""
    out: list[str] = [TEXT_HEADER, _PREAMBLE.format(n=0).replace("*", "") + "\n\n"]
    for first in range(1, count + 1, per_page):
        numbers = range(first, min(first + per_page, count + 1))
        for n in numbers:
            # "report 7 on": a bare number the reader could take for a lost call of note 7
            para = _OPERATIVE.format(n=n).replace("*", "").replace(f"report {n} on", "a report on")
            call = "" if lost_calls else f"{n}" if flat else f"<sup>{n}</sup>"
            out.append(para.replace(";", f";{' ' if flat else ''}{call}", 1) + "\n\n")
        if flat or lost_calls:
            out.append("__________________\n" + "".join(f"{n}\n\nA/80/{n}, para. {n}.\n\n"
                                                     for n in numbers))
        else:
            out.append("".join(f"<sup>{n}</sup> A/80/{n}, para. {n}.\n\n" for n in numbers))
        out.append(f"---\n\n{first // per_page + 2}/999 25-01234\n\n")
    text = "".join(out)
    last = text.rfind(";")
    return text[:last] + "." + text[last + 1:] + TEXT_CLOSING
