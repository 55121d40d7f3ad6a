"""Where the per-article analysis runs: this machine's processes, or a Ray cluster.

An engine takes a stream of articles and the names of the stages, and yields
``(article, analysis)`` pairs, or ``(article, exception)`` for an article that failed, so that one
bad article never stops a run.  Engines only compute: reading the articles from the store and
writing the analyses back stay with the caller (:func:`lagebild.services.analyze`), so every engine
writes through the same store the same way, and a Ray cluster never needs to reach the database.

- ``local`` — this process (one worker) or a local process pool (:mod:`lagebild.engines.local`).
- ``ray`` — one Ray actor per core that builds the pipeline once, fed batches of articles
  (:mod:`lagebild.engines.ray`); needs the optional ``ray`` package (``pip install 'lagebild[ray]'``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from lagebild.errors import EngineError
from lagebild.model import Analysis, Article

#: the engines ``lagebild analyze --engine`` knows
ENGINES = ("local", "ray")

Result = tuple[Article, Analysis | BaseException]


class Engine(Protocol):
    """Runs the per-article stages ``names`` over ``articles``."""

    name: str

    def run(self, articles: Iterable[Article], *, names: tuple[str, ...]) -> Iterator[Result]:
        """Yield one ``(article, analysis or exception)`` per article, in input order."""
        ...


def make_engine(name: str = "local", *, workers: int = 1, address: str | None = None) -> Engine:
    """The engine called ``name``: ``local`` with ``workers`` processes, or ``ray`` with ``workers``
    actors (0: one per CPU of the cluster) on the cluster at ``address`` (None: a Ray started on this
    machine for the run)."""
    if name == "local":
        if address:
            raise EngineError("--ray-address only applies to --engine ray")
        from lagebild.engines.local import LocalEngine  # lazy: only the chosen engine is loaded

        return LocalEngine(workers=workers)
    if name == "ray":
        from lagebild.engines.ray import RayEngine  # lazy: Ray is optional and slow to import

        return RayEngine(workers=workers, address=address)
    raise EngineError(f"unknown engine {name!r}; known engines: {', '.join(ENGINES)}")


__all__ = ["ENGINES", "Engine", "Result", "make_engine"]
