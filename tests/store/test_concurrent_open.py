"""Several processes creating one new store at once: every one of them opens it and stores its
article (before, on SQLite one run in ten and on PostgreSQL most runs failed with "table articles
already exists" or a duplicate type)."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path
from typing import Any

import pytest

from lagebild.model import Article
from lagebild.store.base import Store

WRITERS = 6


def _open_and_add(url: str, n: int, start: Any, results: Any) -> None:
    start.wait()
    try:
        store = Store.open(url)
        store.add_article(Article.create(f"Artikel Nummer {n} über die Lage in Kiew.", language="de"))
        store.close()
        results.put((n, "ok"))
    except Exception as exc:  # reported to the parent, which fails the test with it
        results.put((n, f"{type(exc).__name__}: {exc}"))


def _race(url: str) -> list[tuple[int, str]]:
    ctx = mp.get_context("spawn")
    start, results = ctx.Barrier(WRITERS), ctx.Queue()
    procs = [ctx.Process(target=_open_and_add, args=(url, n, start, results)) for n in range(WRITERS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    return sorted(results.get(timeout=5) for _ in procs)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_store_new_store_opened_by_many_processes_at_once(backend: str, tmp_path: Path, request: Any) -> None:
    url = str(tmp_path / "new.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    outcomes = _race(url)
    assert outcomes == [(n, "ok") for n in range(WRITERS)]
    store = Store.open(url)
    try:
        assert store.count("articles") == WRITERS
    finally:
        store.close()
