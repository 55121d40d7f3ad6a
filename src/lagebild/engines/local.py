"""The local engine: this process, or a pool of worker processes on this machine."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lagebild.analyze.pipeline import run_many
from lagebild.model import Analysis, Article


class LocalEngine:
    """``workers`` processes on this machine (1: this process, no pool)."""

    name = "local"

    def __init__(self, *, workers: int = 1) -> None:
        self.workers = max(1, workers)

    def run(self, articles: Iterable[Article], *, names: tuple[str, ...]
            ) -> Iterator[tuple[Article, Analysis | BaseException]]:
        yield from run_many(articles, names=names, workers=self.workers)
