"""Shared fixtures.  Tests that read ../shared skip with a clear message when it is missing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LAGEBILD_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the calling test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is missing (../shared/ exists only on the developers' machines and in CI)")
    return path


@pytest.fixture
def shared() -> Path:
    return shared_path()


@pytest.fixture
def seeds_dir() -> Path:
    return shared_path("seeds")
