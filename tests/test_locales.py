"""The language files (unrender/data/locales/*.yaml) and their loader, un/locale.py."""

from __future__ import annotations

import pytest
import yaml

from unrender.resources import read_data
from unrender.un.locale import LANGUAGES, language_code, locale


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_file_parses_and_names_itself(lang: str) -> None:
    data = yaml.safe_load(read_data(f"locales/{lang}.yaml"))
    assert data["code"] == lang
    assert data["job_letter"] in "ACEFRS"
    for section in ("labels", "typography", "reader", "lint"):
        assert isinstance(data.get(section), dict), f"{lang}.yaml has no {section}: section"


def test_only_arabic_is_written_right_to_left() -> None:
    assert [lang for lang in LANGUAGES if locale(lang).direction == "rtl"] == ["ar"]


@pytest.mark.parametrize(("spelling", "code"), [
    ("fr", "fr"), ("fra", "fr"), ("French", "fr"), ("fr-FR", "fr"), ("zh_Hans", "zh"),
    ("ara", "ar"), ("ES", "es"), ("rus", "ru"), ("Klingon", None), ("", None), (None, None),
])
def test_language_code_accepts_the_usual_spellings(spelling: str | None, code: str | None) -> None:
    assert language_code(spelling) == code


def test_a_missing_key_falls_back_to_english_and_an_unknown_one_is_a_bug() -> None:
    french = locale("fr")
    assert french.label("united_nations") == "Nations Unies"
    assert french.get("no.such.key", "default") == "default"
    with pytest.raises(KeyError):
        french.label("no_such_label")
    assert locale("tlh").code == "en"  # a language the UN does not print in: English
