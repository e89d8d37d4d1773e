"""Fuzzing, bounded: broken sources of every kind, and what must hold for each however broken.

The inputs are the real documents of the repository (examples/, the extracted texts of
tests/fixtures/seeds and tests/fixtures/pdftotext, the UN's AKN XML), mutated at the level of
bytes, characters and lines (tests/fuzz_inputs.py), documents made up from scratch, and arbitrary
text. For each, tests/fuzz_oracle.py checks every property: reading gives a document or a
SourceError, never another exception; every error and finding names line 0 or a line of the file;
``check`` never raises nor reports an internal error in a rule; ``check --fix`` changes no word;
every writer runs; the JSON is valid against docs/ast.schema.json and comes back as the tree; the
AKN parses and is valid against the OASIS schema; the Markdown written reads back; nothing takes
more than 20 s. A few inputs are also printed to PDF.

Hypothesis runs derandomized with no example database (profile ``ci``): every run tries the same
inputs, so the suite never fails on a change that did not cause the failure; its caches go to
the temporary folder, never into the repository. Finding new failures is the job of ``make
fuzz`` (50,000 random inputs, scripts/fuzz.py) and of ``UNRENDER_FUZZ_PROFILE=explore``, which
draws fresh inputs, ten times as many, and keeps failing ones there to replay them.
"""

from __future__ import annotations

import operator
import os
import random
import tempfile
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")

import fuzz_oracle  # noqa: E402
from fuzz_inputs import (  # noqa: E402
    CONTROLS,
    GENERATORS,
    KINDS,
    MARKERS,
    NESTABLE,
    OPS,
    SCRIPTS,
    Mutation,
    huge_number,
    load_seeds,
    mutate,
)
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.configuration import set_hypothesis_home_dir  # noqa: E402
from hypothesis.database import DirectoryBasedExampleDatabase  # noqa: E402

from unrender.diagnostics import SourceError  # noqa: E402
from unrender.readers import read_string  # noqa: E402

# Hypothesis keeps caches (and, to explore, failing inputs) in a folder it would make in the
# working directory, the repository: keep them in the temporary folder instead.
STORAGE = Path(tempfile.gettempdir()) / "unrender-hypothesis"
set_hypothesis_home_dir(str(STORAGE))

_COMMON = {"deadline": None, "print_blob": True,
           "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.large_base_example]}
settings.register_profile("ci", derandomize=True, database=None, **_COMMON)
settings.register_profile("explore", derandomize=False, **_COMMON,
                          database=DirectoryBasedExampleDatabase(STORAGE / "examples"))
PROFILE = os.environ.get("UNRENDER_FUZZ_PROFILE", "ci")
SCALE = 10 if PROFILE == "explore" else 1


def fuzz(examples: int):
    """The profile's settings, with ``examples`` inputs (ten times as many to explore)."""
    return settings(settings.get_profile(PROFILE), max_examples=examples * SCALE)


SEEDS = load_seeds()
BY_KIND = {kind: [s for s in SEEDS if s.kind == kind] for kind in KINDS}

payloads = st.one_of(
    st.sampled_from(CONTROLS),
    st.sampled_from(MARKERS),
    st.builds(operator.mul, st.sampled_from(NESTABLE), st.integers(1, 2000)),  # nesting, runs
    st.builds(huge_number, st.integers(1, 5000)),
    st.text(st.sampled_from(SCRIPTS), max_size=40),  # every script
    st.text(max_size=8),  # any character at all
)
mutations = st.builds(Mutation, op=st.sampled_from(OPS), at=st.integers(0, 1 << 20),
                      extent=st.integers(0, 5000), payload=payloads)


def assert_holds(data: bytes, fmt: str | None, *, pdf: bool = False) -> fuzz_oracle.Outcome:
    with tempfile.TemporaryDirectory() as work:
        out = fuzz_oracle.examine(data, fmt, Path(work), pdf=pdf)
    assert not out.failures, "\n\n".join(map(str, out.failures))
    return out


# --- the properties, on mutated documents, made-up ones and any text ---------------------------


@pytest.mark.parametrize("kind", KINDS)
@fuzz(examples=25)
@given(data=st.data())
def test_mutated_documents(kind, data):
    seed = data.draw(st.sampled_from(BY_KIND[kind]), label="seed")
    changes = data.draw(st.lists(mutations, max_size=6), label="mutations")
    donor = data.draw(st.sampled_from(SEEDS), label="lines spliced from")
    forced = data.draw(st.booleans(), label="--from the seed's reader")
    assert_holds(mutate(seed, changes, donor), kind if forced else None)


@fuzz(examples=30)
@given(kind=st.sampled_from(KINDS), seed=st.integers(0, 2**32 - 1), forced=st.booleans())
def test_made_up_documents(kind, seed, forced):
    # a seeded generator rather than st.randoms(), whose draws shrink towards 0 and so make
    # the smallest documents (no key, no paragraph) most of the time
    assert_holds(GENERATORS[kind](random.Random(seed)), kind if forced else None)


HEADS = ["", "---\nbody: General Assembly\n---\n\n", "The General Assembly,\n\n",
         '<?xml version="1.0"?>\n<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/'
         'akn/3.0"><statement name="resolution"><mainBody><p>']


@fuzz(examples=30)
@given(head=st.sampled_from(HEADS), text=st.text(max_size=400),
       fmt=st.sampled_from([None, *KINDS]))
def test_any_text(head, text, fmt):
    assert_holds((head + text).encode("utf-8"), fmt)


@fuzz(examples=3)
@given(seed=st.sampled_from(BY_KIND["markdown"]), changes=st.lists(mutations, max_size=3))
def test_mutated_examples_print_to_pdf(seed, changes):
    """PDF costs ~0.3 s: a few only here, one input in 200 in ``make fuzz``."""
    assert_holds(mutate(seed, changes), None, pdf=True)


def test_an_unmutated_example_holds_and_prints():
    out = assert_holds(BY_KIND["markdown"][0].data, None, pdf=True)
    assert out.read and out.reader == "markdown" and not out.known


# --- the properties can fail ---------------------------------------------------------------------

SOURCE = b"---\nbody: General Assembly\n---\n\n*Recalling* its work,\n\n1. *Decides* \x01 to act.\n"


def examine(data: bytes = SOURCE, fmt: str | None = None) -> list[str]:
    with tempfile.TemporaryDirectory() as work:
        return [f.kind for f in fuzz_oracle.examine(data, fmt, Path(work)).failures]


def test_the_oracle_sees_an_xml_writer_that_writes_a_control_character(monkeypatch):
    from unrender.ast import Text

    def with_control(doc):  # in the tree, whatever the readers drop
        doc = apply(doc)
        doc.formula.append(Text("\x01"))
        return doc

    apply = fuzz_oracle.transforms.apply
    monkeypatch.setattr(fuzz_oracle.transforms, "apply", with_control)
    assert examine() == []
    monkeypatch.setattr("unrender.writers.akn.xml_chars", lambda xml: xml)
    assert examine() == ["akn-not-well-formed"]


def test_the_oracle_sees_a_traceback_and_a_line_past_the_end(monkeypatch):
    import unrender.readers.markdown as reader

    def broken(text, path):
        raise ValueError("a bug")

    monkeypatch.setattr(reader, "read_markdown", broken)
    assert {"read-traceback", "check-traceback"} <= set(examine())

    def far(text, path):
        raise SourceError(path, text.count("\n") + 2, "an error past the end")

    monkeypatch.setattr(reader, "read_markdown", far)
    assert examine() == ["line-out-of-range", "line-out-of-range"]  # the reader, the check


def test_the_oracle_sees_a_fix_that_changes_a_word(monkeypatch):
    from unrender.lint import runner

    def rewording(text, edits):
        return text.replace("Decides", "Decided"), 1

    monkeypatch.setattr(runner, "apply_edits", rewording)
    bad = SOURCE.replace(b"act.", b"act")  # UN005: a final full stop is missing, a safe fix
    assert "fix-changed-words" in examine(bad)


def test_the_oracle_sees_a_hang(monkeypatch):
    import time

    monkeypatch.setattr("unrender.writers.html.render_html", lambda doc, mode: time.sleep(5))
    with tempfile.TemporaryDirectory() as work:
        out = fuzz_oracle.examine(SOURCE, None, Path(work), limit=0.5)
    assert [f.kind for f in out.failures] == ["hang"]
    assert "render_html" in out.failures[0].detail or "sleep" in out.failures[0].detail


# --- found by fuzzing, fixed since ------------------------------------------------------------


def test_a_recursive_yaml_alias_is_an_error():
    with pytest.raises(SourceError):
        read_string("---\nbody: General Assembly\ndate: &a [*a]\n---\n\n1. *Decides* x.\n",
                    "x.md")


def test_an_error_after_u2028_names_a_line_of_the_file():
    text = ("---\nbody: General Assembly\ntitle: a" + "\u2028" * 10 + "b\nbad\n---\n\n"
            "1. *Decides* x.\n")
    with pytest.raises(SourceError) as info:
        read_string(text, "x.md")
    assert info.value.diagnostic.line == 4  # "bad", in a file of seven lines (not 14)


def test_a_truncated_akn_files_error_names_its_last_line():
    with pytest.raises(SourceError) as info:
        read_string('<?xml version="1.0"?>\n<akomaNtoso>\n', "x.xml")
    assert info.value.diagnostic.line == 2  # the last of its two lines
    assert "at the end of the file" in info.value.diagnostic.message


def test_akn_nested_thousands_deep_is_an_error():
    deep = "<i>" * 5000 + "x" + "</i>" * 5000
    with pytest.raises(SourceError):
        read_string('<?xml version="1.0"?><akomaNtoso xmlns="http://docs.oasis-open.org/'
                    'legaldocml/ns/akn/3.0"><statement name="resolution"><meta/><mainBody>'
                    f"<paragraph><content><p>{deep}</p></content></paragraph></mainBody>"
                    "</statement></akomaNtoso>", "x.xml")
