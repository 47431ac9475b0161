"""The compiled knowledge in the user's cache: read back while its sources stay the same, built again
as soon as one changes, and never trusted when damaged."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from tidings import data_files
from tidings.actors import kb as kb_module
from tidings.actors.kb import KnowledgeBase
from tidings.compiled import cache_dir, compiled, fingerprint

DAY = dt.date(2024, 3, 4)
COALITION = (
    "code\tname\taliases\ttype\tvalid_from\tvalid_to\trole\tnote\n"
    "{code}\tWater Transparency Coalition\tWTC\torganization\t\t\twatchdog\t\n"
)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def code_of(knowledge: KnowledgeBase, alias: str) -> str | None:
    found = knowledge.entry_for(alias, DAY)
    return found[0].code if found else None


def test_an_edited_user_dictionary_is_read_again(cache, tmp_path):
    user = tmp_path / "project.tsv"
    user.write_text(COALITION.format(code="NGOHRIWTC"), encoding="utf-8")
    assert code_of(KnowledgeBase(user_files=[user]), "WTC") == "NGOHRIWTC"
    assert list(cache.glob("knowledge-*.marshal"))
    user.write_text(COALITION.format(code="NGOENVWTC"), encoding="utf-8")
    assert code_of(KnowledgeBase(user_files=[user]), "WTC") == "NGOENVWTC"


def test_an_edited_bundled_file_rebuilds_the_knowledge(cache, tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(data_files.DATA_DIR / "actors", data / "actors")
    monkeypatch.setattr(data_files, "DATA_DIR", data)
    monkeypatch.setattr(kb_module, "DATA_DIR", data)
    assert code_of(KnowledgeBase(), "Water Transparency Coalition") is None
    with (data / "actors" / "organizations.tsv").open("a", encoding="utf-8") as handle:
        handle.write(COALITION.splitlines()[1].format(code="NGOHRIWTC") + "\n")
    assert code_of(KnowledgeBase(), "Water Transparency Coalition") == "NGOHRIWTC"
    assert len(list(cache.glob("knowledge-*.marshal"))) == 2


def test_the_same_sources_are_read_back_without_building(cache, tmp_path):
    source = tmp_path / "places.tsv"
    source.write_text("name\nKhanasir\n", encoding="utf-8")
    builds = []

    def build():
        builds.append(1)
        return {"names": source.read_text(encoding="utf-8").split()[1:]}

    assert compiled("places", fingerprint(source), build) == {"names": ["Khanasir"]}
    assert compiled("places", fingerprint(source), build) == {"names": ["Khanasir"]}
    assert len(builds) == 1
    source.write_text("name\nKhanasir\nTell Abyad\n", encoding="utf-8")
    assert compiled("places", fingerprint(source), build) == {"names": ["Khanasir", "Tell", "Abyad"]}
    assert len(builds) == 2


def test_a_damaged_copy_is_built_again(cache):
    assert compiled("sample", fingerprint("v1"), lambda: [1, 2, 3]) == [1, 2, 3]
    (copy,) = cache_dir().glob("sample-*.marshal")
    copy.write_bytes(copy.read_bytes()[:5])
    assert compiled("sample", fingerprint("v1"), lambda: [4, 5]) == [4, 5]
