"""Fixtures: a hand-filled store and a test client over it (token "s3cret" unless said otherwise)."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path
from typing import Any

import pytest

from tests.api.fixtures import build_store

TOKEN = "s3cret"


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    path = tmp_path_factory.mktemp("api") / "fixture.db"
    return path, build_store(path)


@pytest.fixture
def store_copy(built_store: tuple[Path, dict[str, Any]], tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """A private copy of the fixture store, for tests that write."""
    path, ids = built_store
    copy = tmp_path / "copy.db"
    shutil.copy(path, copy)
    return copy, ids


@pytest.fixture(scope="session")
def ids(built_store: tuple[Path, dict[str, Any]]) -> dict[str, Any]:
    return built_store[1]


def make_client(db: Path, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from lagebild.app import create_app

    return TestClient(create_app(str(db), **kwargs))


@pytest.fixture(scope="session")
def client(built_store: tuple[Path, dict[str, Any]]) -> Any:
    return make_client(built_store[0], token=TOKEN)
