"""The table of UN State names and the splitting of vote lists and sponsor lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unrender.un.states import (
    canonical,
    join_states,
    known_states,
    normalise,
    split_states,
    states,
)

FIXTURES = Path(__file__).parent / "fixtures" / "states"
# Vote lists and sponsor lines of the HRC's 54th session (Akoma Ntoso texts) and of the seed
# resolutions, each with the count the text states and the names the UN Digital Library records.
LISTS = json.loads((FIXTURES / "vote-and-sponsor-lists.json").read_text(encoding="utf-8"))
# Every name in the Digital Library's vote and sponsor records of that session ("UNITED STATES").
LIBRARY_NAMES = (FIXTURES / "hrc54-library-names.txt").read_text(encoding="utf-8").split("\n")


def test_193_members() -> None:
    members = [s.name for s in states() if s.status == "member"]
    assert len(members) == 193
    assert len(set(members)) == 193


def test_observers_and_eu() -> None:
    by_status = {s.name: s.status for s in states()}
    assert by_status["Holy See"] == "observer"
    assert by_status["State of Palestine"] == "observer"
    assert by_status["European Union"] == "organization"
    assert set(by_status.values()) == {"member", "observer", "organization"}


def test_no_key_means_two_states() -> None:
    seen: dict[str, str] = {}
    for state in states():
        for variant in (state.name, *state.aliases):
            key = normalise(variant)
            assert seen.setdefault(key, state.name) == state.name, variant
            assert "," not in key  # the splitter relies on it
    assert len(known_states()) == len(seen)


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Côte d’Ivoire", "Côte d’Ivoire"),
        ("Côte d'Ivoire", "Côte d’Ivoire"),
        ("CÔTE D'IVOIRE", "Côte d’Ivoire"),
        ("Cote d'Ivoire", "Côte d’Ivoire"),
        ("Democratic People's Republic of Korea", "Democratic People’s Republic of Korea"),
        ("Lao People's Democratic Republic", "Lao People’s Democratic Republic"),
        ("Netherlands", "Netherlands (Kingdom of the)"),
        ("NETHERLANDS (KINGDOM OF THE)", "Netherlands (Kingdom of the)"),
        ("Turkey", "Türkiye"),
        ("TÜRKİYE", "Türkiye"),
        ("UNITED KINGDOM", "United Kingdom of Great Britain and Northern Ireland"),
        ("United States", "United States of America"),
        ("Czech Republic", "Czechia"),
        ("Swaziland", "Eswatini"),
        ("The former Yugoslav Republic of Macedonia", "North Macedonia"),
        ("Guinea\u2011Bissau", "Guinea-Bissau"),
        ("Lux\u00adembourg", "Luxembourg"),
        ("  Viet\nNam ", "Viet Nam"),
        ("Palestine", "State of Palestine"),
    ],
)
def test_canonical(written: str, name: str) -> None:
    assert canonical(written) == name


def test_canonical_unknown() -> None:
    assert canonical("Heard Island and McDonald Islands") is None
    assert canonical("Niger and Nigeria") is None
    assert canonical("") is None


@pytest.mark.parametrize("name", [n for n in LIBRARY_NAMES if n])
def test_library_names_resolve(name: str) -> None:
    assert canonical(name) is not None


@pytest.mark.parametrize("case", LISTS, ids=[f"{c['source']} {c['kind']}" for c in LISTS])
def test_real_lists_split(case: dict) -> None:
    names, problems = split_states(case["text"])
    assert problems == []
    if case["count"] is not None:
        assert len(names) == case["count"]
    assert len(set(names)) == len(names)
    if case["library_names"]:
        assert set(names) == {canonical(n) for n in case["library_names"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Trinidad and Tobago and United Kingdom of Great Britain and Northern Ireland",
            ["Trinidad and Tobago", "United Kingdom of Great Britain and Northern Ireland"],
        ),
        (
            "Bolivia (Plurinational State of), Burkina Faso",
            ["Bolivia (Plurinational State of)", "Burkina Faso"],
        ),
        (
            "Saint Vincent and the Grenadines and Sao Tome and Principe",
            ["Saint Vincent and the Grenadines", "Sao Tome and Principe"],
        ),
        (
            "Antigua and Barbuda, Bosnia and Herzegovina and Saint Kitts and Nevis.",
            ["Antigua and Barbuda", "Bosnia and Herzegovina", "Saint Kitts and Nevis"],
        ),
        ("Costa Rica and Mexico]", ["Costa Rica", "Mexico"]),
        ("Costa Rica and Mexico.\n]\n", ["Costa Rica", "Mexico"]),
        ("Niger and Nigeria", ["Niger", "Nigeria"]),
        ("Dominica, Dominican Republic", ["Dominica", "Dominican Republic"]),
        ("Sudan and South Sudan", ["Sudan", "South Sudan"]),
        (
            "Guinea, Guinea-Bissau, Equatorial Guinea and Papua New Guinea",
            ["Guinea", "Guinea-Bissau", "Equatorial Guinea", "Papua New Guinea"],
        ),
        (
            "Congo and Democratic Republic of the Congo",
            ["Congo", "Democratic Republic of the Congo"],
        ),
        (
            "Ukraine, United Kingdom of Great\nBritain and  Northern Ireland and\nUnited States",
            [
                "Ukraine",
                "United Kingdom of Great Britain and Northern Ireland",
                "United States of America",
            ],
        ),
        (
            "Côte d'Ivoire, Democratic People's Republic of Korea and Lao People’s "
            "Democratic Republic",
            [
                "Côte d’Ivoire",
                "Democratic People’s Republic of Korea",
                "Lao People’s Democratic Republic",
            ],
        ),
        ("China, Cuba and Russian Federation", ["China", "Cuba", "Russian Federation"]),
        (
            "Azerbaijan, Paraguay and State of Palestine",
            ["Azerbaijan", "Paraguay", "State of Palestine"],
        ),
        ("Chile, Peru, and European Union", ["Chile", "Peru", "European Union"]),
        ("Holy See", ["Holy See"]),
        ("", []),
    ],
)
def test_tricky_splits(text: str, expected: list[str]) -> None:
    assert split_states(text) == (expected, [])


def test_unknown_names_are_kept() -> None:
    names, problems = split_states("Chile, Ruritania, Heard Island and McDonald Islands and Peru")
    assert names == ["Chile", "Ruritania", "Heard Island and McDonald Islands", "Peru"]
    assert problems == ["Ruritania", "Heard Island and McDonald Islands"]


def test_unknown_neighbours_stay_together() -> None:
    # Two unknown names joined by "and" cannot be told apart from one name: kept whole.
    names, problems = split_states("Ruritania and Freedonia, Chile")
    assert names == ["Ruritania and Freedonia", "Chile"]
    assert problems == ["Ruritania and Freedonia"]


def test_unknown_piece_keeps_its_spelling() -> None:
    names, problems = split_states("Mexico, Atlantis  of\nthe West and Chile.")
    assert names == ["Mexico", "Atlantis of the West", "Chile"]
    assert problems == ["Atlantis of the West"]


def test_unknown_piece_stops_before_a_known_name() -> None:
    names, problems = split_states("Freedonia and Trinidad and Tobago")
    assert names == ["Freedonia", "Trinidad and Tobago"]
    assert problems == ["Freedonia"]


def test_join() -> None:
    assert join_states([]) == ""
    assert join_states(["Chile"]) == "Chile"
    assert join_states(["Chile", "Peru"]) == "Chile and Peru"
    assert join_states(["Chile", "Peru", "Mexico"]) == "Chile, Peru and Mexico"


def test_round_trip_all_names() -> None:
    names = [s.name for s in states()]
    assert split_states(join_states(names)) == (names, [])
    reverse = names[::-1]
    assert split_states(join_states(reverse)) == (reverse, [])


def test_round_trip_all_aliases() -> None:
    pairs = [(alias, s.name) for s in states() for alias in s.aliases]
    assert pairs
    names, problems = split_states(join_states([alias for alias, _ in pairs]))
    assert problems == []
    assert names == [name for _, name in pairs]
