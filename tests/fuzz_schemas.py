"""The schemas the outputs are checked against: the JSON tree's (checked fast enough for fuzzing,
see :class:`CachedSchema`) and the Akoma Ntoso XSD."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "docs" / "ast.schema.json"
XSD = ROOT / "tests" / "fixtures" / "akn-schema" / "akomantoso30.xsd"


@cache
def json_schema() -> CachedSchema:
    """docs/ast.schema.json, loaded once."""
    return CachedSchema(json.loads(SCHEMA.read_text("utf-8")))


class CachedSchema:
    """docs/ast.schema.json, checked as jsonschema checks it but fifty times faster on mutated
    documents: the blocks, footnotes and annexes are validated one at a time against their
    ``$defs`` and remembered, so a block seen before (in the seed, or in the last mutant) is
    not validated again. Source lines are taken out of the key (an inserted line moves every
    block after it) and checked on their own against ``$defs/line``, which is all the schema
    says of them. The top-level lists are independent of the rest (no keyword relates them),
    so validating the rest with their items left open, then each item, is the same check.
    And the unions of nodes told apart by ``type`` (``oneOf`` six kinds of inline node, which
    jsonschema tries every one of) are checked as ``if type is X then X``: the same answer,
    since each kind requires its own constant ``type``."""

    LIMIT = 100_000  # blocks remembered

    def __init__(self, schema: dict) -> None:
        import copy

        import jsonschema

        def validator(s: dict):
            return jsonschema.Draft202012Validator(
                s, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)

        assert _line_refs(schema) and set(_line_refs(schema)) == {"#/$defs/line"}
        assert schema["$defs"]["line"] == {**schema["$defs"]["line"], "type": "integer",
                                           "minimum": 0}
        self.lists = {name: prop["items"]["$ref"].rsplit("/", 1)[1]
                      for name, prop in schema["properties"].items()
                      if prop.get("type") == "array" and "$ref" in prop.get("items", {})}
        schema = _tagged_unions(copy.deepcopy(schema))
        skeleton = copy.deepcopy(schema)
        for name in self.lists:
            skeleton["properties"][name]["items"] = {}
        self.skeleton = validator(skeleton)
        self.items = {d: validator({"$ref": f"#/$defs/{d}", "$defs": schema["$defs"]})
                      for d in set(self.lists.values())}
        self.seen: dict[tuple[str, str], str] = {}

    def error(self, data: dict) -> str:
        """The first error, as ``path: message``, or ""."""
        for e in self.skeleton.iter_errors(data):
            return f"{list(e.absolute_path)}: {e.message}"
        for name, ref in self.lists.items():
            for i, item in enumerate(data.get(name) or []):
                lines: list[object] = []
                key = (ref, json.dumps(_zero_lines(item, lines), sort_keys=True))
                if key not in self.seen:
                    if len(self.seen) > self.LIMIT:
                        self.seen.clear()
                    found = next(iter(self.items[ref].iter_errors(item)), None)
                    self.seen[key] = found and f"{list(found.absolute_path)}: {found.message}"
                bad = [n for n in lines if type(n) is not int or n < 0]
                if self.seen[key] or bad:
                    return f"[{name!r}, {i}] " + (self.seen[key] or f"line {bad[0]!r}")
        return ""


def _tagged_unions(schema: dict) -> dict:
    """``schema`` with each ``oneOf`` of object kinds that require a constant ``type`` turned
    into ``if``/``then`` on that constant (and ``type`` one of them)."""
    defs = schema["$defs"]

    def tag(ref: object) -> str | None:
        if not isinstance(ref, dict) or set(ref) != {"$ref"}:
            return None
        target = defs.get(ref["$ref"].removeprefix("#/$defs/"), {})
        const = target.get("properties", {}).get("type", {}).get("const")
        return const if "type" in target.get("required", []) else None

    for definition in defs.values():
        choices = definition.get("oneOf")
        tags = [tag(c) for c in choices or []]
        if not choices or None in tags or len(set(tags)) != len(tags):
            continue
        del definition["oneOf"]
        definition["allOf"] = [{"type": "object", "required": ["type"],
                                "properties": {"type": {"enum": tags}}}] + [
            {"if": {"properties": {"type": {"const": t}}}, "then": c}
            for t, c in zip(tags, choices, strict=True)]
    return schema


def _line_refs(schema: object) -> list[str]:
    """What every property named ``line`` refers to, anywhere in the schema."""
    if isinstance(schema, list):
        return [r for s in schema for r in _line_refs(s)]
    if not isinstance(schema, dict):
        return []
    found = [schema["properties"]["line"].get("$ref", "?")] \
        if isinstance(schema.get("properties"), dict) and "line" in schema["properties"] else []
    return found + [r for v in schema.values() for r in _line_refs(v)]


def _zero_lines(value: object, lines: list[object]) -> object:
    """``value`` with every ``line`` set to 0; the values taken out go to ``lines``."""
    if isinstance(value, list):
        return [_zero_lines(v, lines) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for k, v in value.items():
        if k == "line":
            lines.append(v)
            out[k] = 0
        else:
            out[k] = _zero_lines(v, lines)
    return out


@cache
def akn_schema():
    """The OASIS Akoma Ntoso 3.0 schema, as tests/test_writer_akn.py validates with it."""
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(XSD)))
