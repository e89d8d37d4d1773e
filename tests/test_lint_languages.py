"""`unrender check` in the six languages: rules that know English only are off in the others
(``lint.skip_rules`` of each language file), so the UN's own translations of a resolution are
not flooded with English findings."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from unrender.lint.runner import check_file
from unrender.un.locale import LANGUAGES, locale

FIXTURES = Path(__file__).parent / "fixtures" / "akn"

# What is left on the UN's own editions, each a finding to look at rather than noise:
# UN031 the "[on the report of the Third Committee …]" cover line the AKN reader does not keep,
# UN013/UN024/UN014/UN004 the files' own punctuation and quotes.
EXPECTED = {
    "other/A_HRC_RES_54_18A.xml": {"UN014": 8},
    "other/A_HRC_RES_54_18C.xml": {},
    "other/A_HRC_RES_54_18F.xml": {},
    "other/A_HRC_RES_54_18R.xml": {},
    "other/A_HRC_RES_54_18S.xml": {"UN004": 1},
    "ga76-six-languages/A_RES_76_140-2119150A.xml": {"UN013": 3, "UN031": 1},
    "ga76-six-languages/A_RES_76_140-2119150C.xml": {"UN031": 1},
    "ga76-six-languages/A_RES_76_140-2119150E.xml": {"UN031": 1},
    "ga76-six-languages/A_RES_76_140-2119150F.xml": {"UN013": 2, "UN031": 1},
    "ga76-six-languages/A_RES_76_140-2119150R.xml": {"UN031": 1},
    "ga76-six-languages/A_RES_76_140-2119150S.xml": {"UN024": 2, "UN031": 1},
}


def _codes(path: Path) -> Counter[str]:
    return Counter(v.code for v in check_file(path).violations)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_translations_get_no_english_findings(name: str) -> None:
    assert dict(_codes(FIXTURES / name)) == EXPECTED[name]


def test_english_rules_still_run_on_english() -> None:
    assert not locale("en").get("lint.skip_rules")
    assert all("UN001" in locale(lang).get("lint.skip_rules") for lang in LANGUAGES
               if lang != "en")
