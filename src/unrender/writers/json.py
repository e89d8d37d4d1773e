"""The document tree as JSON: ``unrender build --format json``.

The output is described by docs/ast.schema.json and docs/json.md. It is the AST itself, field for
field, plus a ``type`` discriminator on inline nodes and blocks, and two convenience lists
(``preamble``, ``operative``) that repeat blocks of ``body``. Dates are ISO strings.

:func:`from_dict` rebuilds the tree, so ``from_dict(to_dict(doc)) == doc`` -- except
``Document.source`` (the path of the source file, a detail of the machine that built the JSON),
which is not written and comes back as ``None``.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import types
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from unrender.ast import (
    Adoption,
    Annex,
    Block,
    Document,
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
    Text,
)

FORMAT = "unrender-ast"
VERSION = 1

# The ``type`` discriminator of inline nodes and blocks.
_TAGS: dict[type, str] = {
    Text: "text",
    Emph: "emph",
    Strong: "strong",
    Link: "link",
    NoteRef: "noteref",
    LineBreak: "linebreak",
    Heading: "heading",
    Preambular: "preambular",
    Operative: "operative",
    Para: "para",
}
_CLASSES: dict[str, type] = {tag: cls for cls, tag in _TAGS.items()}


# --- writing ------------------------------------------------------------------------------------


def to_json(doc: Document) -> str:
    """The document as JSON text (UTF-8 characters as themselves, indent 2, final newline)."""
    # what json.dumps writes, without its list of every piece (indenting takes the Python
    # encoder, whose pieces cost ten times the text: 1.1 GB for a 110 MB document)
    out = io.StringIO()
    for piece in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(to_dict(doc)):
        out.write(piece)
    out.write("\n")
    return out.getvalue()


def to_dict(doc: Document) -> dict[str, Any]:
    """The document as plain JSON-ready data; keys in a fixed order."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "meta": _encode(doc.meta),
        "formula": _encode(doc.formula),
        "body": _encode(doc.body),
        "preamble": _encode(doc.preamble),
        "operative": _encode(doc.operative),
        "footnotes": _encode(doc.footnotes),
        "adoption": None if doc.adoption is None else _encode_adoption(doc.adoption),
        "annexes": _encode(doc.annexes),
    }


def _encode(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        tag = _TAGS.get(type(value))
        if tag is not None:
            out["type"] = tag
        for f in fields(value):
            out[f.name] = _encode(getattr(value, f.name))
        return out
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def _encode_adoption(adoption: Adoption) -> dict[str, Any]:
    """``vote`` when there was one, ``without_vote: true`` when there was none; never ``false``."""
    out: dict[str, Any] = {
        "meeting": adoption.meeting,
        "date": _encode(adoption.date),
        "reference": adoption.reference,
    }
    if adoption.vote is not None:
        out["vote"] = _encode(adoption.vote)
    if adoption.without_vote:
        out["without_vote"] = True
    out["line"] = adoption.line
    return out


# --- reading ------------------------------------------------------------------------------------


def from_dict(data: dict[str, Any]) -> Document:
    """Rebuild the tree from :func:`to_dict` output (or parsed :func:`to_json` text).

    ``preamble`` and ``operative`` are ignored (they repeat ``body``); ``source`` is ``None``.
    Raises ValueError on data that is not this format.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"not {FORMAT} JSON (expected \"format\": \"{FORMAT}\")")
    if data.get("version") != VERSION:
        raise ValueError(f"unsupported {FORMAT} version {data.get('version')!r} (know {VERSION})")
    adoption = data.get("adoption")
    return Document(
        meta=_decode(data["meta"], Meta),
        formula=_decode(data["formula"], list[Inline]),
        body=_decode(data["body"], list[Block]),
        footnotes=_decode(data.get("footnotes", []), list[Footnote]),
        adoption=None if adoption is None else _decode(adoption, Adoption),
        annexes=_decode(data.get("annexes", []), list[Annex]),
    )


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _decode(value: Any, hint: Any) -> Any:
    origin = get_origin(hint)
    if origin is Union or origin is types.UnionType:
        arms = [a for a in get_args(hint) if a is not type(None)]
        if value is None:
            if len(arms) < len(get_args(hint)):
                return None
            raise ValueError(f"null where {hint} is required")
        if len(arms) == 1:
            return _decode(value, arms[0])
        cls = _CLASSES.get(value.get("type")) if isinstance(value, dict) else None
        if cls not in arms:
            raise ValueError(f"unknown node type {value!r:.80}")
        return _decode(value, cls)
    if origin is list:
        _expect(value, list, hint)
        (item,) = get_args(hint)
        return [_decode(v, item) for v in value]
    if origin is dict:
        _expect(value, dict, hint)
        _, item = get_args(hint)
        return {k: _decode(v, item) for k, v in value.items()}
    if origin is Literal:
        if value not in get_args(hint):
            raise ValueError(f"{value!r} is not one of {get_args(hint)}")
        return value
    if hint is _dt.date:
        _expect(value, str, hint)
        return _dt.date.fromisoformat(value)
    if is_dataclass(hint):
        _expect(value, dict, hint)
        hints = _hints(hint)
        kwargs = {f.name: _decode(value[f.name], hints[f.name]) for f in fields(hint)
                  if f.name in value}
        try:
            return hint(**kwargs)
        except TypeError as exc:  # a required field is missing
            raise ValueError(f"{hint.__name__}: {exc}") from None
    if hint in (str, int, bool):
        _expect(value, hint, hint)
    return value


def _expect(value: Any, kind: type, hint: Any) -> None:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"expected {getattr(hint, '__name__', hint)}, got {value!r:.80}")
