"""The Ray engine: one actor per core builds the pipeline once; batches of articles go to
whichever actor is free, and the analyses come back to the caller in input order.

The driver (the ``lagebild analyze`` process) reads the articles from the store and writes the
analyses back through it; actors only compute.  So a cluster needs lagebild installed on every
node but no access to the database, and SQLite works as well as PostgreSQL.

Ray is joined at ``address`` (the caller resolves ``--ray-address`` and ``RAY_ADDRESS``); without
one, a Ray is started on this machine for the run with ``workers`` CPUs and shut down afterwards.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from lagebild.analyze.pipeline import Pipeline, chain_signature
from lagebild.errors import EngineError
from lagebild.model import Analysis, Article
from lagebild.settings import foreign_environment

#: articles sent to an actor at once (enough to hide the round trip, small enough to balance)
BATCH = 16
#: batches queued per actor beyond the one it works on
AHEAD = 1
#: Ray's setting of its workers' niceness (+15 by default)
NICENESS = "RAY_worker_niceness"


class Analyzer:
    """The actor: the pipeline built once, then batch after batch."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.pipeline = Pipeline.build(names)

    def signature(self) -> str:
        return self.pipeline.signature

    def run(self, articles: list[Article]) -> list[Analysis | BaseException]:
        results: list[Analysis | BaseException] = []
        for article in articles:
            try:
                results.append(self.pipeline.run(article))
            except Exception as exc:  # reported per article by the caller
                results.append(exc)
        return results


def _import_ray() -> Any:
    try:
        import ray  # lazy: optional dependency, imported only when --engine ray is chosen
    except ImportError as exc:
        raise EngineError("--engine ray needs the 'ray' package, which is not installed: "
                          "pip install 'lagebild[ray]' (or pip install ray)") from exc
    return ray


class RayEngine:
    """``workers`` actors (0: one per CPU the cluster offers) on the Ray at ``address``."""

    name = "ray"
    #: the actor class (a test swaps in a lighter one)
    actor_class: type = Analyzer

    def __init__(self, *, workers: int = 0, address: str | None = None, batch: int = BATCH) -> None:
        self.ray = _import_ray()
        self.workers = max(0, workers)
        self.address = address or None
        self.batch = max(1, batch)
        self._own_ray = False  # whether the Ray in use was started by this engine

    # --- the cluster -------------------------------------------------------------------------

    def _connect(self) -> bool:
        """Join or start Ray; True when this call started it (and so must shut it down)."""
        ray = self.ray
        self._own_ray = False
        if ray.is_initialized():
            return False
        options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                   "logging_level": "warning"}
        if not self.address:  # "local": a new Ray of our own, never one that happens to run here
            options.update(address="local", num_cpus=self.workers or (os.cpu_count() or 1))
        # Ray starts its workers at niceness +15 (RAY_worker_niceness): on a machine with other work
        # they starved.  A Ray started here takes the setting from this process's environment, so
        # all its workers (those it starts ahead of time too) run at our priority.
        try:
            if self.address:
                ray.init(**({"address": self.address} | options))
            else:
                with foreign_environment(NICENESS, "0"):
                    ray.init(**options)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise EngineError(f"cannot {'join Ray at ' + self.address if self.address else 'start Ray'}: "
                              f"{exc}") from exc
        self._own_ray = not self.address
        return True

    def _actors(self, names: tuple[str, ...]) -> list[Any]:
        """The actors, each with its pipeline built; all must run the chain this process expects."""
        ray = self.ray
        cpus = int(ray.cluster_resources().get("CPU", 0))
        count = self.workers or max(1, cpus)
        if count > cpus:  # an actor without a CPU would wait for one for ever
            raise EngineError(f"--workers {count}: the Ray cluster offers {cpus} CPU(s); ask for at most that "
                              "many (0: one per CPU)")
        # on a Ray we did not start, the actors ask for the raylet's priority themselves; that needs
        # workers of their own (started after the request, 1.6 s vs 7.6-9.7 s to two ready actors on
        # the loaded 2-core machine), where a Ray started here reuses those it started ahead of time
        options: dict[str, Any] = {"num_cpus": 1}
        if not self._own_ray:
            options["runtime_env"] = {"env_vars": {NICENESS: "0"}}
        actor = ray.remote(**options)(self.actor_class)
        actors = [actor.remote(names) for _ in range(count)]
        try:
            signatures = set(ray.get([a.signature.remote() for a in actors]))
        except ray.exceptions.RayError as exc:
            raise EngineError(f"a Ray worker could not build the stages: {exc}") from exc
        expected = chain_signature(names)
        if signatures != {expected}:
            raise EngineError(f"the Ray workers run other stage versions ({' / '.join(sorted(signatures))}) "
                              f"than this process ({expected}); install the same lagebild on every node")
        return actors

    # --- the run -----------------------------------------------------------------------------

    def run(self, articles: Iterable[Article], *, names: tuple[str, ...]
            ) -> Iterator[tuple[Article, Analysis | BaseException]]:
        started = self._connect()
        try:
            yield from self._run(articles, tuple(names))
        finally:
            if started:
                self.ray.shutdown()

    def _run(self, articles: Iterable[Article], names: tuple[str, ...]
             ) -> Iterator[tuple[Article, Analysis | BaseException]]:
        actors = self._actors(names)
        try:
            yield from self._feed(actors, iter(articles))
        finally:
            for actor in actors:
                self.ray.kill(actor)

    def _feed(self, actors: list[Any], stream: Iterator[Article]
              ) -> Iterator[tuple[Article, Analysis | BaseException]]:
        ray = self.ray
        free = deque(actor for _ in range(1 + AHEAD) for actor in actors)
        flight: dict[Any, tuple[int, Any]] = {}   # ref -> (batch number, actor)
        batches: dict[int, list[Article]] = {}
        done: dict[int, list[Analysis | BaseException]] = {}
        submitted = head = 0
        exhausted = False
        while True:
            while free and not exhausted and submitted - head < 4 * len(actors):
                batch = list(islice(stream, self.batch))
                if not batch:
                    exhausted = True
                    break
                actor = free.popleft()
                flight[actor.run.remote(batch)] = (submitted, actor)
                batches[submitted] = batch
                submitted += 1
            while head in done:
                for article, result in zip(batches.pop(head), done.pop(head)):
                    yield article, result
                head += 1
            if not flight:
                if exhausted:
                    return
                continue
            ready, _ = ray.wait(list(flight), num_returns=1)
            number, actor = flight.pop(ready[0])
            try:
                done[number] = ray.get(ready[0])
                free.append(actor)
            except ray.exceptions.RayError as exc:  # the batch fails, the run goes on without this actor
                done[number] = [EngineError(f"Ray worker failed: {exc}")] * len(batches[number])
                actors = [a for a in actors if a != actor]
                free = deque(a for a in free if a != actor)
                if not actors:
                    raise EngineError(f"every Ray worker failed; the last: {exc}") from exc
