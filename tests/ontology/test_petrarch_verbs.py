"""Importing PETRARCH-2 verb dictionaries and coding with them (``--lexicon``).

The dictionary below is written for these tests in the PETRARCH-2 format documented in
tidings/ontology/petrarch_verbs.py: a synonym set, verb blocks with default and own codes,
irregular forms, a multiword verb, and patterns with ``*``, ``{...}``, ``(...)``, ``&SET``,
``$``, ``+``, ``[---]`` and ``[:code]``. Its verbs are ones the bundled lexicon does not know,
so that coding with and without it differs.

The coding tests need the trained spaCy model (en_core_web_sm), loaded once per module.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

import tidings
from tidings.errors import TidingsError
from tidings.events.lexicon import extended_lexicon
from tidings.ontology.petrarch_verbs import convert_petrarch_verbs

TIDINGS = str(Path(sys.executable).with_name("tidings"))

PETRARCH_VERBS = """\
# Verbs for the tidings test suite, in PETRARCH-2 syntax
&SUCCOUR
+RELIEF
+HUMANITARIAN_AID
+FOOD_AID

####### VERB PATTERNS #######

--- SCOLD [111] ---
SCOLD
UPBRAID  # a second verb of the block
- * (FROM +) [---]

--- BESTOW [070] ---
BESTOW
FERRY {FERRIES FERRYING FERRIED}
- * &SUCCOUR (ON +) [073]
- * (TO +) [070]

--- FORTIFY [---] ---
+BEEF_UP [154]
- * {BORDER DEFENCES} [152]

--- PUMMEL [---] ---
PUMMEL
- $ * + [190]
- * (BY $) [:190]

--- PARLEY [---] ---
PARLEY
- * (WITH) [040:040]
- * (ABOUT) [999]

~ a (a b ATTACK) SAY = a b 015
"""


def read_rows(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("petrarch-verbs")
    source = folder / "test.verbs.txt"
    source.write_text(PETRARCH_VERBS, encoding="utf-8")
    output = folder / "test-verbs.tsv"
    result = convert_petrarch_verbs(source, output)
    return source, output, result


def rows_of(output: Path, verb: str) -> list[dict[str, str]]:
    return [row for row in read_rows(output) if row["verb"] == verb]


def test_the_file_has_the_columns_of_the_bundled_verb_lexicon(converted):
    _, output, result = converted
    lines = output.read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if not line.startswith("#"))
    assert header.split("\t") == ["verb", "cameo", "frame", "requires", "symmetric", "joint", "roles", "note"]
    assert result.rows == len(read_rows(output))
    assert result.verbs == 7


def test_every_verb_of_a_block_gets_the_block_code_and_its_patterns(converted):
    _, output, _ = converted
    for verb in ("scold", "upbraid"):
        rows = rows_of(output, verb)
        assert ("111", "") in [(row["cameo"], row["requires"]) for row in rows]
        assert ("-", "from:", "from") in [(row["cameo"], row["requires"], row["roles"]) for row in rows]


def test_a_synonym_set_becomes_the_alternatives_of_the_object(converted):
    _, output, _ = converted
    row = next(row for row in rows_of(output, "ferry") if row["cameo"] == "073")
    slot, _, lemmas = row["requires"].partition(":")
    assert slot == "obj"
    assert {"relief", "humanitarian aid", "food aid"} <= set(lemmas.split("|"))


def test_a_phrase_in_braces_is_a_modifier_and_head(converted):
    _, output, _ = converted
    rows = rows_of(output, "beef up")
    assert ("154", "") in [(row["cameo"], row["requires"]) for row in rows]
    requires = next(row["requires"] for row in rows if row["cameo"] == "152")
    assert "border defence" in requires.split(":", 1)[1].split("|")


def test_plus_and_dollar_mark_target_and_source(converted):
    _, output, _ = converted
    # (TO +): the target is who it goes to; (BY $): the source is the by-phrase; [:190] the reverse.
    bestow = [(row["cameo"], row["requires"], row["roles"]) for row in rows_of(output, "bestow")]
    assert ("070", "to:", "to") in bestow
    pummel = [(row["cameo"], row["requires"], row["roles"]) for row in rows_of(output, "pummel")]
    assert ("190", "by:", "converse") in pummel
    assert ("190", "", "") in pummel  # "$ * +": subject on object, the default


def test_equal_codes_both_ways_are_a_symmetric_event(converted):
    _, output, _ = converted
    row = next(row for row in rows_of(output, "parley") if row["requires"] == "with:")
    assert (row["cameo"], row["symmetric"]) == ("040", "yes")


def test_what_cannot_be_carried_over_is_reported(converted):
    source, output, result = converted
    assert any("'999' is no CAMEO code" in warning for warning in result.warnings)
    assert any("transformations" in warning for warning in result.warnings)
    # "- * &SUCCOUR (ON +)" has two conditions; the object is kept, the pattern is in the note.
    assert result.reduced == 1
    assert any("more than one condition" in warning for warning in result.warnings)
    assert not any(row["requires"] == "about:" for row in rows_of(output, "parley"))


def test_verbs_of_saying_are_left_to_tidings(tmp_path):
    source = tmp_path / "say.verbs.txt"
    source.write_text("--- EXPLAIN [010] ---\nSAY {SAID SAYS SAYING}\nEXPOUND\n", encoding="utf-8")
    result = convert_petrarch_verbs(source, tmp_path / "say.tsv")
    assert [row["verb"] for row in read_rows(tmp_path / "say.tsv")] == ["expound"]
    assert any("verbs of saying" in warning and "say" in warning for warning in result.warnings)


def test_the_import_command_writes_the_same_file(converted, tmp_path):
    source, output, result = converted
    written = tmp_path / "cli.tsv"
    run = subprocess.run(
        [TIDINGS, "lexicon", "import-petrarch", str(source), "-o", str(written)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert f"wrote {result.rows} rows" in run.stdout
    assert "is no CAMEO code" in run.stderr
    assert read_rows(written) == read_rows(output)


def test_a_user_row_comes_before_the_bundled_row_of_its_kind(tmp_path):
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text("verb\tcameo\trequires\nshell\t195\t\nlaunch\t-\tobj:probe\n", encoding="utf-8")
    extended = extended_lexicon([lexicon])
    assert extended.verbs["shell"][0].cameo == "195"
    assert [row.cameo for row in extended.verbs["shell"][1:]] == [
        row.cameo for row in extended_lexicon().verbs["shell"]
    ]
    assert extended.verbs["launch"][0].requires.lemmas == frozenset({"probe"})
    # The bundled lexicon itself is unchanged.
    assert not any("mine.tsv" in row.origin for row in extended_lexicon().verbs["shell"])


def test_a_broken_lexicon_is_a_clear_error(tmp_path):
    broken = tmp_path / "broken.tsv"
    broken.write_text("word\tcode\ntrounce\t1999\n", encoding="utf-8")
    with pytest.raises(TidingsError, match="broken.tsv"):
        extended_lexicon([broken])
    unknown = tmp_path / "unknown.tsv"
    unknown.write_text("verb\tcameo\ntrounce\t1999\n", encoding="utf-8")
    with pytest.raises(TidingsError, match=r"unknown.tsv:trounce: unknown CAMEO code '1999'"):
        extended_lexicon([unknown])


# --- coding with the imported lexicon --------------------------------------------------------------


@pytest.fixture(scope="module")
def lexicon_coder(converted) -> tidings.Coder:
    _, output, _ = converted
    return tidings.Coder(lexicon=[str(output)])


BEEFED_UP = "Ethiopia beefed up its forces along the Sudanese border on Friday."
BESTOWED = "Rwanda bestowed food aid on Burundi on Monday."


def test_the_imported_lexicon_codes_what_the_bundled_one_does_not(lexicon_coder, coder, expect_event, show):
    assert not [event for event in coder.code(BEEFED_UP, date="2024-03-09") if event.cameo_root == "15"]
    expect_event(lexicon_coder.code(BEEFED_UP, date="2024-03-09"), cameo="154", source="ETH*")


def test_an_imported_pattern_gives_its_own_code(lexicon_coder, expect_event):
    expect_event(lexicon_coder.code(BESTOWED, date="2024-03-04"), cameo="073", source="RWA", target="BDI")


def test_an_imported_no_event_pattern_stops_the_verb(lexicon_coder, expect_event, expect_no_event):
    expect_event(lexicon_coder.code("The army scolded Kenya on Monday.", date="2024-03-04"), cameo="111")
    events = lexicon_coder.code("The army scolded journalists from Kenya on Monday.", date="2024-03-04")
    expect_no_event(events, cameo="111")


def test_the_cli_and_the_configuration_take_the_lexicon(converted, tmp_path):
    _, output, _ = converted
    article = tmp_path / "story.txt"
    article.write_text(BEEFED_UP + "\n", encoding="utf-8")

    def code(*options: str) -> str:
        run = subprocess.run(
            [TIDINGS, "code", str(article), "--date", "2024-03-09", "-f", "jsonl", *options],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        return run.stdout

    assert '"154"' not in code()
    assert '"154"' in code("--lexicon", str(output))
    (tmp_path / "tidings.toml").write_text(f'[coder]\nlexicon = ["{output}"]\n', encoding="utf-8")
    assert '"154"' in code()
