"""The staged per-article pipeline.

A stage is a registered, versioned factory.  It declares the layers it ``requires`` and those
it ``provides``; :meth:`Pipeline.build` checks the chain and names what is missing.  Building a
stage calls its factory once (load models there, never at import time); the callable it returns
gets a :class:`Doc` and returns the layers it found (*find*), which the runner then writes onto
the doc (*annotate*).

Layers named in :data:`TRANSIENT` live only in memory while one article is analysed (the
spaCy ``Doc`` with tokens; :meth:`Pipeline.run` frees what a stage's ``scope`` holds for it); every
other layer is a list of records and is stored together with
the name and version of the stage that made it.
"""

from __future__ import annotations

import importlib
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from itertools import chain, islice
from dataclasses import dataclass, field
from typing import Any

from lagebild.errors import PipelineError
from lagebild.model import Article
from lagebild.model.analysis import Analysis

#: layers that are not stored
TRANSIENT = frozenset({"tokens"})

#: the modules that register the built-in stages (imported when a pipeline is built)
STAGE_MODULES = (
    "lagebild.analyze.text.sentences",
    "lagebild.analyze.entities.stage",
    "lagebild.analyze.time.stage",
    "lagebild.analyze.quantities.stage",
    "lagebild.analyze.quotes.stage",
    "lagebild.analyze.events.stage",
)

#: languages whose models a stage loads when it is built (German: the default of an article
#: without a language); a stage loads any other language's models at its first article
PRELOAD = ("de",)

#: the default chain, by stage name
DEFAULT_STAGES = (
    "lagebild.sentences",
    "lagebild.entities",
    "lagebild.timex",
    "lagebild.quantities",
    "lagebild.quotes",
    "lagebild.events",
)

StageFn = Callable[["Doc"], dict[str, Any]]


@dataclass
class Doc:
    """One article while it is analysed: the article plus the layers found so far."""

    article: Article
    layers: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def language(self) -> str:
        return self.article.language or "de"

    def get(self, layer: str) -> Any:
        return self.layers.get(layer, [])


@dataclass(frozen=True)
class StageSpec:
    name: str
    version: str
    factory: Callable[..., StageFn]
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    help: str = ""

    @property
    def qualified(self) -> str:
        return f"{self.name}.v{self.version}"


_REGISTRY: dict[str, StageSpec] = {}


def stage(
    name: str, *, version: str, requires: Iterable[str] = (), provides: Iterable[str] = ()
) -> Callable[[Callable[..., StageFn]], Callable[..., StageFn]]:
    """Register a stage factory under ``name`` (e.g. ``lagebild.timex``) at ``version``."""

    def register(factory: Callable[..., StageFn]) -> Callable[..., StageFn]:
        spec = StageSpec(name, str(version), factory, tuple(requires), tuple(provides),
                         (factory.__doc__ or "").strip().split("\n")[0])
        _REGISTRY[name] = spec
        return factory

    return register


def registered() -> dict[str, StageSpec]:
    """All known stages (the built-in modules are imported first)."""
    for module in STAGE_MODULES:
        importlib.import_module(module)
    return dict(_REGISTRY)


def check_chain(names: Iterable[str] = DEFAULT_STAGES) -> list[StageSpec]:
    """The specs of the stages ``names``, checked in order (each one's ``requires`` provided by an
    earlier one); nothing is built, no model is loaded."""
    known = registered()
    specs: list[StageSpec] = []
    available: set[str] = set()
    for name in names:
        spec = known.get(name)
        if spec is None:
            raise PipelineError(f"unknown stage {name!r}; known stages: {', '.join(sorted(known))}")
        missing = [layer for layer in spec.requires if layer not in available]
        if missing:
            raise PipelineError(
                f"stage {spec.qualified} requires {', '.join(missing)}, which no earlier stage "
                f"provides (chain: {', '.join(s.name for s in specs) or 'empty'})"
            )
        available.update(spec.provides)
        specs.append(spec)
    return specs


def chain_signature(names: Iterable[str] = DEFAULT_STAGES) -> str:
    """The signature a pipeline of ``names`` stores with its analyses, without building it."""
    return "|".join(s.qualified for s in check_chain(names))


class Pipeline:
    """A checked chain of built stages."""

    def __init__(self, specs: list[StageSpec], fns: list[StageFn]) -> None:
        self.specs = specs
        self._fns = fns

    @classmethod
    def build(cls, names: Iterable[str] = DEFAULT_STAGES, **options: Any) -> "Pipeline":
        specs = check_chain(names)
        return cls(specs, [spec.factory(**options) for spec in specs])

    @property
    def versions(self) -> dict[str, str]:
        return {layer: s.qualified for s in self.specs for layer in s.provides if layer not in TRANSIENT}

    @property
    def signature(self) -> str:
        return "|".join(s.qualified for s in self.specs)  # as chain_signature

    def annotate(self, article: Article) -> Doc:
        doc = Doc(article)
        for spec, fn in zip(self.specs, self._fns):
            found = fn(doc)
            unexpected = set(found) - set(spec.provides)
            if unexpected:
                raise PipelineError(f"stage {spec.qualified} returned undeclared layers {sorted(unexpected)}")
            doc.layers.update(found)
        return doc

    @contextmanager
    def scope(self, article: Article) -> Iterator[None]:
        """Inside the ``scope(article)`` (a context manager) of every stage callable that has one:
        what the stage holds for one article only (spaCy's strings of the article's tokens) is freed
        when the article is done, so that it does not pile up in a worker that analyses article
        after article."""
        with ExitStack() as scopes:
            for fn in self._fns:
                scope = getattr(fn, "scope", None)
                if scope is not None:
                    scopes.enter_context(scope(article))
            yield

    def run(self, article: Article) -> Analysis:
        """The stored layers of ``article``, the whole run inside :meth:`scope`."""
        with self.scope(article):
            doc = self.annotate(article)
            layers = {
                name: [record.to_dict() for record in records]
                for name, records in doc.layers.items()
                if name not in TRANSIENT
            }
        return Analysis(article.id, layers, self.versions)


# --- process pool ---------------------------------------------------------------------------

_WORKER: dict[str, Pipeline] = {}


def _init_worker(names: tuple[str, ...]) -> None:
    parent = os.getppid()
    threading.Thread(target=_exit_with_parent, args=(parent,), name="parent-watch", daemon=True).start()
    _WORKER["pipeline"] = Pipeline.build(names)


def _exit_with_parent(parent: int, every: float = 0.5) -> None:
    """End this pool worker once the process that started it is gone (killed with ``kill -9``, the
    pool never tells its workers; they would sit on their queue holding their models' memory)."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def _run_in_worker(article: Article) -> Analysis | BaseException:
    try:
        return _WORKER["pipeline"].run(article)
    except Exception as exc:  # reported per article by the caller
        return exc


def _run_batch_in_worker(articles: list[Article]) -> list[Analysis | BaseException]:
    return [_run_in_worker(article) for article in articles]


def run_many(
    articles: Iterable[Article], *, names: Iterable[str] = DEFAULT_STAGES, workers: int = 1, window: int = 64,
    batch: int = 4,
) -> Iterator[tuple[Article, Analysis | BaseException]]:
    """Analyse articles, in this process (``workers <= 1``) or on a local process pool.

    Yields ``(article, analysis)`` in input order; a failing article yields its exception
    instead, so one bad article never stops the run.  Articles are read as they are needed: at
    most ``window`` are in flight on the pool, so memory does not grow with the corpus.  A pool
    worker gets ``batch`` articles at a time (one task per article costs the parent, which shares
    the cores with the workers, more than the pickling of the articles themselves).
    """
    names = tuple(names)
    stream = iter(articles)
    head = list(islice(stream, 2))
    if workers <= 1 or len(head) < 2:
        pipeline = Pipeline.build(names)
        for article in chain(head, stream):
            try:
                yield article, pipeline.run(article)
            except Exception as exc:
                yield article, exc
        return
    stream = chain(head, stream)
    batch = max(1, min(batch, window))  # a batch larger than the window would put more in flight
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(names,)) as pool:
        pending: deque[tuple[list[Article], Future]] = deque()
        while chunk := list(islice(stream, batch)):
            pending.append((chunk, pool.submit(_run_batch_in_worker, chunk)))
            if len(pending) * batch >= window:
                done, future = pending.popleft()
                yield from zip(done, future.result())
        while pending:
            done, future = pending.popleft()
            yield from zip(done, future.result())
