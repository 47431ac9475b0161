from __future__ import annotations

from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared next to the repository: the seed article and the development gold sets."""
    return REPOSITORY.parent / "shared"
