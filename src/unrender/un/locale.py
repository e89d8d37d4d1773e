"""The six official languages as data: one YAML file per language in ``unrender/data/locales/``
(labels printed on the page, what the readers recognise, what the linter checks, typography),
the way pandoc keeps its translations. Code asks for a key; it never spells a label itself.

A file names only what differs by language. A key missing from a language falls back to the
English file, so a new label added to ``en.yaml`` prints (in English) before it is translated;
``tests/test_locales.py`` lists what each language still lacks."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from unrender.resources import read_data

# The UN's order: Arabic, Chinese, English, French, Russian, Spanish.
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
DEFAULT = "en"

# Other spellings of a language users write in `language:` or AKN's FRBRlanguage.
_ALIASES = {
    "ara": "ar", "arabic": "ar", "zho": "zh", "chi": "zh", "chinese": "zh", "zh-cn": "zh",
    "zh-hans": "zh", "eng": "en", "english": "en", "fra": "fr", "fre": "fr", "french": "fr",
    "rus": "ru", "russian": "ru", "spa": "es", "spanish": "es",
}


def language_code(value: str | None) -> str | None:
    """``"fra"``, ``"French"``, ``"fr-FR"`` -> ``"fr"``; None for a language the UN does not
    print in."""
    if not value:
        return None
    key = value.strip().lower().replace("_", "-")
    key = _ALIASES.get(key, key)
    if key in LANGUAGES:
        return key
    base = key.split("-")[0]
    base = _ALIASES.get(base, base)
    return base if base in LANGUAGES else None


def language_names() -> tuple[str, ...]:
    """The codes and the names of the six languages, for a "did you mean" on a misspelt one."""
    return (*LANGUAGES, *(a for a in _ALIASES if a.isalpha() and len(a) > 3))


@dataclass(frozen=True)
class Locale:
    """One language's data. ``get("labels.distribution.General")`` walks the YAML mapping."""

    code: str
    data: dict[str, Any] = field(repr=False)
    fallback: Locale | None = field(default=None, repr=False)

    def get(self, key: str, default: Any = None) -> Any:
        value = _walk(self.data, key)
        if value is None and self.fallback is not None:
            value = self.fallback.get(key)
        return default if value is None else value

    def label(self, key: str, **values: object) -> str:
        """A printed label, with ``{name}`` fields filled: ``label("labels.agenda_item",
        items="3")``. A key no language has is a bug in unrender, not in the document."""
        template = self.get(f"labels.{key}" if not key.startswith("labels.") else key)
        if not isinstance(template, str):
            raise KeyError(f"no label {key!r} in the {self.code} locale")
        return template.format(**values) if values else template

    @property
    def direction(self) -> str:
        return str(self.get("direction", "ltr"))

    @property
    def babel(self) -> str:
        """The Babel/CLDR locale of dates and numbers."""
        return str(self.get("babel", self.code))


def _walk(data: Any, key: str) -> Any:
    for part in key.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


@cache
def locale(code: str | None) -> Locale:
    """The data of language ``code`` (any spelling :func:`language_code` knows); English for a
    language the UN does not print in."""
    lang = language_code(code) or DEFAULT
    english = None if lang == DEFAULT else locale(DEFAULT)
    data = yaml.safe_load(read_data(f"locales/{lang}.yaml")) or {}
    return Locale(lang, data, english)
