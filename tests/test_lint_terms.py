"""The word and consistency rules UN027–UN030: each flags a bad snippet at the right line and
column, passes the UN's own usage (the tricky non-cases), and its fix gives a clean text."""

from __future__ import annotations

from test_lint import DRAFT, GOOD, OP1, OP2, PRE1, PRE2, codes_at, lint

from unrender.lint import check
from unrender.lint.fix import apply_edits, fixable_edits
from unrender.readers.markdown import read_markdown

PRE2_TEXT = "its resolution 5/2"


def _found(text: str, code: str) -> list:
    return [v for v in lint(text) if v.code == code]


def _fixed(text: str, code: str) -> str:
    """``text`` with the fixes of ``code`` applied until none is left (as --fix does)."""
    for _ in range(5):
        edits = fixable_edits(_found(text, code), unsafe=True)
        if not edits:
            break
        text, _count = apply_edits(text, edits)
    return text


def _col(text: str, line: int, fragment: str) -> int:
    return text.splitlines()[line - 1].index(fragment) + 1


def _line_of(text: str, start: str) -> int:
    return next(n for n, ln in enumerate(text.splitlines(), 1) if ln.startswith(start))


# --- UN027 abbreviations -----------------------------------------------------------------------


def test_un027_abbreviations_flagged_at_line_and_column():
    bad = GOOD.replace(PRE2_TEXT, "the UN report, the GA and the SG, and the Secretary General")
    found = _found(bad, "UN027")
    assert [v.line for v in found] == [PRE2] * 4
    assert [v.col for v in found] == [_col(bad, PRE2, w) for w in
                                      ("UN report", "GA and", "SG,", "Secretary General")]
    assert all(v.fix and v.severity == "warning" for v in found)
    fixed = _fixed(bad, "UN027")
    assert ("the United Nations report, the General Assembly and the Secretary-General, and the "
            "Secretary-General,") in fixed
    assert _found(fixed, "UN027") == []
    # a name the PDF extractor cut ("UN-SPIDER" in A/RES/73/6) is not the abbreviation
    assert _found(GOOD.replace(PRE2_TEXT, "the Platform (UN -SPIDER)"), "UN027") == []


def test_un027_security_council_flagged_without_fix():
    bad = GOOD.replace(PRE2_TEXT, "the report of the SC")
    found = _found(bad, "UN027")
    assert [v.line for v in found] == [PRE2] and "Security Council" in found[0].message
    assert found[0].fix is None  # "SC" may be a Standing Committee
    # at the end of a sentence, and where the fix would be wrong
    assert [v.fix is not None for v in _found(GOOD.replace(PRE2_TEXT, "the GA."), "UN027")] == \
        [True]
    for phrase in ("the UN’s role", "the work of the U.N."):
        found = _found(GOOD.replace(PRE2_TEXT, phrase), "UN027")
        assert [(v.line, v.fix) for v in found] == [(PRE2, None)], phrase


def test_un027_member_states():
    for wrong in ("member states", "Member states", "member States", "member state"):
        bad = GOOD.replace("the report;", f"the efforts of {wrong} of the United Nations;")
        found = _found(bad, "UN027")
        assert [(v.line, v.col) for v in found] == [(OP1, _col(bad, OP1, wrong))], wrong
        fixed = _fixed(bad, "UN027")
        want = "Member States" if wrong.endswith("s") else "Member State"
        assert f"the efforts of {want} of the United Nations;" in fixed
        assert _found(fixed, "UN027") == []
    # another organization's members: lower-case m, but still "States"
    other = GOOD.replace("the report;", "the member states of the European Union;")
    assert [v.line for v in _found(other, "UN027")] == [OP1]
    assert "the member States of the European Union;" in _fixed(other, "UN027")


def test_un027_un_usage_is_not_flagged():
    ok = [
        "member States of the European Union",
        "member States of the Council of Europe and member States of regional organizations",
        "the European Union and its member States",
        "the federal member states of Somalia and the federal member state of Puntland",
        "non-member States and Member States of the Organization",
        "Member States",
        "the United Nations Entity for Gender Equality and the Empowerment of Women (UN-Women), "
        "UN Women and UN-Habitat",
        "resolutions A/HRC/RES/50/1 and S/RES/2334 (2016), press release GA/12345 and SG/SM/1",
        "the Secretary General of the Council of Europe",
        "the Secretary-General and the Under-Secretary-General",
        "UNESCO, UNDP and the SCO",
    ]
    for phrase in ok:
        assert codes_at(GOOD.replace(PRE2_TEXT, phrase), "UN027") == [], phrase
    french = GOOD.replace("title: Test\n", "title: Test\nlanguage: fr\n").replace(
        PRE2_TEXT, "the UN")
    assert codes_at(french, "UN027") == []


# --- UN028 ize-spelling ------------------------------------------------------------------------


def test_un028_ise_spelling_flagged_and_fixed():
    bad = GOOD.replace("*Recalling* its resolution 5/1",
                       "*Recognising* the organisation’s role in REALISING and prioritising")
    found = _found(bad, "UN028")
    assert [v.line for v in found] == [PRE1] * 4
    assert [v.col for v in found] == [_col(bad, PRE1, w) for w in
                                      ("Recognising", "organisation", "REALISING", "prioritising")]
    assert all(v.fix for v in found)
    fixed = _fixed(bad, "UN028")
    assert "*Recognizing* the organization’s role in REALIZING and prioritizing" in fixed
    assert _found(fixed, "UN028") == []


def test_un028_inflections_are_flagged():
    words = ("emphasised mobilises utilisation criticising characterised minimise harmonisation "
             "standardised stigmatisation criminalises finalised operationalising civilisations "
             "urbanisation unrecognised reorganise decentralisation destabilising organisers")
    bad = GOOD.replace(PRE2_TEXT, words)
    assert len(_found(bad, "UN028")) == len(words.split())


def test_un028_words_that_rightly_end_in_ise_are_not_flagged():
    words = ("advise arise comprise compromise devise exercise expertise enterprise franchise "
             "premises promise revised supervise surprise televised otherwise precise raising "
             "praise noise treatise analyse analysed paralyse crises practise liaise seized "
             "criticism organism realism")
    assert codes_at(GOOD.replace(PRE2_TEXT, words), "UN028") == []
    oecd = "the Organisation for Economic Co-operation and Development"
    assert codes_at(GOOD.replace(PRE2_TEXT, oecd), "UN028") == []
    french = GOOD.replace("title: Test\n", "title: Test\nlanguage: fr\n").replace(
        PRE2_TEXT, "les organisations")
    assert codes_at(french, "UN028") == []


# --- UN029 session-consistency -------------------------------------------------------------------


def _with(meta: str, text: str = GOOD) -> str:
    return text.replace("title: Test\n", f"title: Test\n{meta}")


def test_un029_session_and_symbol_disagree():
    bad = _with("session: 54\n")
    assert codes_at(bad, "UN029") == [_line_of(bad, "session:")]
    named = _with("session: Fifty-fourth session\n")
    assert codes_at(named, "UN029") == [_line_of(named, "session:")]
    assert codes_at(_with("session: 53\n"), "UN029") == []
    assert codes_at(_with("session: Fifty-third session\n"), "UN029") == []


def test_un029_number_of_a_draft():
    bad = _with("session: 53\nnumber: 52/...\n", DRAFT)
    assert codes_at(bad, "UN029") == [_line_of(bad, "number:")]
    assert codes_at(_with("session: 53\nnumber: 53/...\n", DRAFT), "UN029") == []
    # an adopted resolution's number against its symbol is UN015's, not reported twice
    res = GOOD.replace('number: "53/99"', 'number: "52/99"')
    assert codes_at(res, "UN015") == [4] and codes_at(res, "UN029") == []


def test_un029_session_dates_and_adoption_year():
    bad = _with("session: 53\nsession_dates: 19 June–14 July 2022\n")
    assert codes_at(bad, "UN029") == [_line_of(bad, "session_dates:")]
    ok = _with("session: 53\nsession_dates: 19 June–14 July 2023\n")
    assert codes_at(ok, "UN029") == []
    spanning = _with("session_dates: 12 September 2022–5 September 2023\n")
    assert codes_at(spanning, "UN029") == []
    # a draft issued before its session began
    early = _with("session: 53\nsession_dates: 19 June–14 July 2024\ndate: 4 July 2023\n", DRAFT)
    assert codes_at(early, "UN029") == [_line_of(early, "session_dates:")]
    assert codes_at(_with("session_dates: 19 June–14 July\n"), "UN029") == []  # no year: skip


def test_un029_session_name_from_another_reader():
    # Markdown derives the name from the number; a tree from XML may carry both
    doc, _ = read_markdown(_with("session: 53\n"), "t.md")
    assert [v for v in check(doc, path="t.md") if v.code == "UN029"] == []
    doc.meta.session_name = "Fifty-fourth session"
    assert [v.code for v in check(doc, path="t.md") if v.code == "UN029"] == ["UN029"]


# --- UN030 subparagraph-ending -------------------------------------------------------------------


def _subs(subs: str, text: str = GOOD) -> str:
    return text.replace("1. *Welcomes* the report;", "1. *Requests*:\n" + subs)


def test_un030_intermediate_subparagraph_flagged_and_fixed():
    bad = _subs("   (a) To do this,\n   (b) To do that;")
    found = _found(bad, "UN030")
    assert [v.line for v in found] == [OP1 + 1] and found[0].fix
    fixed = _fixed(bad, "UN030")
    assert "   (a) To do this;\n   (b) To do that;" in fixed
    assert _found(fixed, "UN030") == [] and codes_at(fixed, "UN004") == []
    missing = _subs("   (a) To do this\n   (b) To do that;")
    assert "   (a) To do this;\n" in _fixed(missing, "UN030")


def test_un030_nested_subparagraphs():
    bad = _subs("   (a) To do this;\n   (i) first.\n   (ii) second;\n   (b) To do that;")
    assert codes_at(bad, "UN030") == [OP1 + 1, OP1 + 2]  # (a) needs ":", (i) needs ";"
    fixed = _fixed(bad, "UN030")
    assert "   (a) To do this:\n   (i) first;\n" in fixed and _found(fixed, "UN030") == []
    # the last of a nested list before the next letter ends with ";" too
    inner_last = _subs("   (a) To do this:\n   (i) first;\n   (ii) second,\n   (b) To do that;")
    assert codes_at(inner_last, "UN030") == [OP1 + 3]


def test_un030_accepted_endings_and_no_double_report():
    ok = _subs("   (a) To do this; and\n   (b) To do that; or\n   (c) The last;")
    assert codes_at(ok, "UN030") == []
    # the last subparagraph of a non-final paragraph is UN004's, of the final one UN005's
    last = _subs("   (a) To do this;\n   (b) To do that,")
    assert codes_at(last, "UN030") == [] and codes_at(last, "UN004") == [OP1 + 2]
    final = GOOD.replace("2. *Decides* to remain seized of the matter.",
                         "2. *Decides*:\n   (a) To act,\n   (b) To remain seized of the matter;")
    assert codes_at(final, "UN030") == [OP2 + 1] and codes_at(final, "UN005") == [OP2 + 2]
    # a bare "and" needs rewording: reported, not fixed
    bare = _found(_subs("   (a) To do this and\n   (b) To do that;"), "UN030")
    assert [v.line for v in bare] == [OP1 + 1] and bare[0].fix is None


def test_un030_preambular_subparagraphs_are_lenient():
    def pre(subs: str) -> str:
        return GOOD.replace("*Recalling also* its resolution 5/2,",
                            "*Recalling also* its resolution 5/2, in which it:\n" + subs)

    for ending in (",", ";", "; and"):
        assert codes_at(pre(f"(a) Decided this{ending}\n(b) Decided that,"), "UN030") == []
    bad = _found(pre("(a) Decided this.\n(b) Decided that,"), "UN030")
    assert [v.line for v in bad] == [PRE2 + 1] and bad[0].fix is None  # "," or ";": open
