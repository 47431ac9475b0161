"""tidings.toml: a project's model and actor dictionaries without repeating options."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tidings.config import load_config
from tidings.errors import TidingsError

TIDINGS = str(Path(sys.executable).with_name("tidings"))


def test_the_configuration_names_dictionaries_relative_to_itself(tmp_path):
    (tmp_path / "actors").mkdir()
    (tmp_path / "tidings.toml").write_text(
        '[coder]\nmodel = "sm"\nactors = ["actors/ngos.tsv"]\n', encoding="utf-8"
    )
    config = load_config(tmp_path / "tidings.toml")
    assert config.model == "sm"
    assert config.actors == (str(tmp_path / "actors" / "ngos.tsv"),)


def test_a_broken_configuration_is_a_clear_error(tmp_path):
    path = tmp_path / "tidings.toml"
    path.write_text("[coder\nmodel = sm", encoding="utf-8")
    with pytest.raises(TidingsError, match="tidings.toml: not a valid TOML file"):
        load_config(path)


def test_the_cli_uses_the_dictionaries_of_the_configuration(tmp_path):
    (tmp_path / "ngos.tsv").write_text(
        "code\tname\taliases\ttype\tvalid_from\tvalid_to\trole\tnote\n"
        "NGOHRIWTC\tWater Transparency Coalition\tWTC\torganization\t\t\twatchdog\t\n",
        encoding="utf-8",
    )
    (tmp_path / "tidings.toml").write_text('[coder]\nactors = ["ngos.tsv"]\n', encoding="utf-8")
    result = subprocess.run(
        [TIDINGS, "actors", "resolve", "the Water Transparency Coalition"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "NGOHRIWTC" in result.stdout and "ngos.tsv" in result.stdout


def test_the_configuration_names_lexicons_relative_to_itself(tmp_path):
    (tmp_path / "tidings.toml").write_text('[coder]\nlexicon = "lexicon/my-verbs.tsv"\n', encoding="utf-8")
    config = load_config(tmp_path / "tidings.toml")
    assert config.lexicon == (str(tmp_path / "lexicon" / "my-verbs.tsv"),)
    assert config.actors == ()
