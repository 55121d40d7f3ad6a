"""The commands (every write) shared by the CLI, the API, the web page and the report: ingest,
analyze, link, judge (entities the same or different), export."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from lagebild import link, settings
from lagebild.ingest import Limits, Overrides, read_sources
from lagebild.ingest.dates import infer_date
from lagebild.ingest.watch import Watch
from lagebild.model import events as events_model
from lagebild.errors import InputError
from lagebild.model import Article
from lagebild.analyze.pipeline import Pipeline, chain_signature
from lagebild.engines import ENGINES, make_engine
from lagebild.model import Analysis
from lagebild.model.titles import display_title
from lagebild.store import Store

Progress = Callable[[int, int], None] | None


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)


@dataclass
class AnalyzeReport:
    analyzed: list[str] = field(default_factory=list)
    up_to_date: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)


#: articles per transaction of :func:`ingest_articles` (one ``COPY`` on PostgreSQL)
INGEST_BATCH = 500


def ingest_articles(store: Store, articles: Iterable[Article], report: IngestReport | None = None) -> IngestReport:
    """Store articles in batches of :data:`INGEST_BATCH`, one transaction each; an article already
    stored is left as it is."""
    report = report or IngestReport()
    batch: list[Article] = []

    def flush() -> None:
        added = set(store.add_articles(batch))
        for article in batch:
            (report.added if article.id in added else report.existing).append(article.id)
            added.discard(article.id)  # a repeat within the batch counts as existing
        batch.clear()

    for article in articles:
        batch.append(article)
        if len(batch) >= INGEST_BATCH:
            flush()
    flush()
    return report


def _store_items(
    store: Store, items: Iterable[Article | InputError], stage: str,
    on_item: Callable[[Article | InputError, bool | None], None] | None,
) -> IngestReport:
    """Store what a reader found, one article at a time; a problem is reported and logged under ``stage``."""
    report = IngestReport()
    for item in items:
        if isinstance(item, InputError):
            report.problems.append((item.source, item.reason))
            store.log_problem(stage, item.source, item.reason)
            if on_item:
                on_item(item, None)
            continue
        added = store.add_article(item)
        (report.added if added else report.existing).append(item.id)
        if on_item:
            on_item(item, added)
    return report


def ingest_paths(
    store: Store, paths: Sequence[str | Path], *, glob: str | None = None, overrides: Any = None,
    max_bytes: int | None = None, limits: Limits | None = None, stdin: TextIO | None = None,
    on_item: Callable[[Article | InputError, bool | None], None] | None = None,
    on_file: Callable[[str], None] | None = None,
) -> IngestReport:
    """Read files, directories, feeds or stdin and store every readable article.

    Each bad item is reported (and logged in the store's ``problems``) and skipped; the others
    are committed one by one, so nothing stored is ever lost to a later failure.  ``limits``:
    the bounds on each file (default: the settings); ``max_bytes`` replaces its size limit.
    """
    if limits is None:
        limits = Limits.from_settings(settings.load())
    items = read_sources(paths, glob=glob, overrides=overrides or Overrides(), max_bytes=max_bytes, limits=limits,
                         stdin=stdin, on_file=on_file)
    return _store_items(store, items, "ingest", on_item)


def analyze(
    store: Store, *, stages: Sequence[str] | None = None, workers: int = 1, force: bool = False,
    progress: Progress = None, engine: str = "local", ray_address: str | None = None,
) -> AnalyzeReport:
    """Run the per-article stages on every article not yet analysed with this chain of versions,
    on ``engine`` (:mod:`lagebild.engines`: ``local`` processes, or ``ray`` at ``ray_address``, else
    ``RAY_ADDRESS``, else a Ray started on this machine for the run)."""
    names = tuple(stages or settings.load().stages)
    if engine == "ray":
        ray_address = ray_address or settings.ray_address()
    runner = make_engine(engine, workers=workers, address=ray_address)
    if runner.name == "local":
        signature = Pipeline.build(names).signature  # checks the chain and loads the models before any work
    else:
        signature = chain_signature(names)  # the models load on the workers, not here
    ids = store.article_ids() if force else store.pending_analysis(signature)
    report = AnalyzeReport(up_to_date=store.count("articles") - len(ids))
    total = len(ids)
    if progress:
        progress(0, total)
    articles = store.iter_articles(ids)
    for done, (article, result) in enumerate(runner.run(articles, names=names), start=1):
        if isinstance(result, Analysis):
            store.save_analysis(result, signature)
            report.analyzed.append(article.id)
        else:
            reason = f"{type(result).__name__}: {result}"
            report.problems.append((article.source or article.id, reason))
            store.log_problem("analyze", article.source or article.id, reason)
        if progress:
            progress(done, total)
    return report


def link_store(store: Store, *, full: bool = False, progress: Progress = None) -> dict[str, Any]:
    """Link what was analysed since the last run (or everything with ``full``)."""
    return link.link(store, full=full, progress=progress,
                     min_confidence=settings.load().event_min_confidence)


@dataclass
class WatchReport:
    """One round of ``watch``: the sources by state, what was stored, analysed and linked."""

    round: int
    sources: int
    unchanged: int
    changed: int
    failed: int
    ingest: IngestReport
    analysis: AnalyzeReport | None = None
    linked: dict[str, Any] | None = None


def watch_round(
    store: Store, watch: Watch, *, stages: Sequence[str] | None = None, workers: int = 1,
    on_item: Callable[[Article | InputError, bool | None], None] | None = None,
) -> WatchReport:
    """One round of a :class:`~lagebild.ingest.watch.Watch`: ask every source, store the new
    articles one by one (problems reported and logged), then analyse and link them, so that the
    picture is current when the round ends.  Nothing new: nothing analysed, nothing linked."""
    found = watch.round()
    report = _store_items(store, found.found, "watch", on_item)
    result = WatchReport(found.number, len(found.states), found.count("unchanged"), found.count("changed"),
                         found.count("failed"), report)
    if report.added:
        result.analysis = analyze(store, stages=stages, workers=workers)
        result.linked = link_store(store)
    return result


def judge(store: Store, a: str, b: str, verdict: str) -> dict[str, Any]:
    """Record that entities ``a`` and ``b`` (ids or alias names) are the ``same`` or ``different``
    (merge or split) and re-link so that the judgement holds everywhere."""
    return link.judge(store, a, b, verdict)


def index_for_search(store: Store, ids: Iterable[str] | None = None) -> int:
    """Index the queued articles and ``ids`` for full-text search; how many were indexed."""
    return store.index_articles(ids)


def open_store(db: str | Path | None = None, *, create: bool = True) -> Store:
    """The store at ``db`` (path or URL), migrated to the newest schema; a new one only with ``create``."""
    return Store.open(db, create=create)


# --- the export contract (DESIGN §4) ---------------------------------------------------------

SCHEMA_ID = "lagebild/1"


def _mention_entities(store: Store, article_ids: Collection | None) -> dict[tuple[str, int], tuple[str, str]]:
    return {key: value for key, value in store.mention_entity_names().items()
            if article_ids is None or key[0] in article_ids}


def _span(span: dict[str, Any]) -> dict[str, Any]:
    return {"start": span.get("start"), "end": span.get("end"), "text": span.get("text")}


def _entity_ref(mentions: list[dict], idx: int | None, canon: dict, article: str) -> tuple[str | None, str | None]:
    if idx is None:
        return None, None
    if (article, idx) in canon:
        return canon[(article, idx)]
    if 0 <= idx < len(mentions):
        m = mentions[idx]
        return None, m.get("name") or m.get("text")
    return None, None


def article_sections(store: Store, article_ids: Collection | None = None) -> dict[str, list[dict[str, Any]]]:
    """The per-article parts of the export: articles, timexes, quantities, quotes, events."""
    canon = _mention_entities(store, article_ids)
    stories = store.story_of_articles()
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in ("articles", "timexes", "quantities", "quotes", "events")}
    for article in store.iter_articles(article_ids):
        out["articles"].append({
            "id": article.id, "source": article.source, "title": article.title, "outlet": article.outlet,
            "published": article.published.isoformat() if article.published else None,
            "language": article.language, "story": stories.get(article.id),
            "name": display_title(article.title, article.text, article.source),
        })
        layers = store.load_layers(article.id)
        mentions = layers.get("entities", [])
        for x in layers.get("timexes", []):
            out["timexes"].append({"article": article.id, "start": x["start"], "end": x["end"], "text": x["text"],
                                   "type": x["type"], "value": x["value"]})
        for q in layers.get("quantities", []):
            out["quantities"].append({"article": article.id, **{k: q.get(k) for k in (
                "start", "end", "text", "value", "low", "high", "approximate", "unit", "per")}})
        for q in layers.get("quotes", []):
            cue = q.get("cue") or {}
            sp = q.get("speaker") or {}
            entity, name = _entity_ref(mentions, sp.get("mention"), canon, article.id)
            out["quotes"].append({
                "article": article.id, "start": q["start"], "end": q["end"], "text": q["text"], "kind": q["kind"],
                "cue": _span(cue),
                "speaker": {"entity": entity, "name": name or sp.get("name") or sp.get("text"),
                            "start": sp.get("start"), "end": sp.get("end")},
                **({"cue_extra": _span(q["cue_extra"])} if q.get("cue_extra") else {}),
                **({"gaps": [_span(g) for g in q["gaps"]]} if q.get("gaps") else {}),
                **({"frame": [_span(f) for f in q["frame"]]} if q.get("frame") else {}),
                **({"addressee": _span(q["addressee"])} if q.get("addressee") else {}),
                **({"quoted": [_span(x) for x in q["quoted"]]} if q.get("quoted") else {}),
            })
        for i, ev in enumerate(layers.get("events", [])):
            pairs = []
            for role, arg in events_model.each_arg(ev.get("args")):
                entity, name = _entity_ref(mentions, arg.get("mention"), canon, article.id)
                pairs.append((role, {"entity": entity, "name": name, "text": arg.get("text"), "value": arg.get("value")}))
            args = events_model.group_args(ev["type"], pairs)
            att = ev.get("attribution") or {}
            a_entity, a_name = _entity_ref(mentions, att.get("mention"), canon, article.id)
            out["events"].append({
                "id": f"{article.id}:{i}", "type": ev["type"], "article": article.id, "start": ev["start"],
                "end": ev["end"], "text": ev["text"], "args": args, "time": ev.get("time"),
                "attribution": {"entity": a_entity, "name": a_name or att.get("text"), "text": att.get("text")}
                if att else None,
                "status": ev.get("status", "asserted"),
                "confidence": ev.get("confidence"),
            })
    return out


def story_article_ids(store: Store, story_id: str) -> set[str]:
    return store.story_article_ids(story_id)


def export_picture(store: Store, story_id: str | None = None) -> dict[str, Any]:
    """The whole situation picture as one JSON-ready document (schema ``lagebild/1``)."""
    ids = story_article_ids(store, story_id) if story_id else None
    doc: dict[str, Any] = {"schema": SCHEMA_ID}
    doc.update(article_sections(store, ids))
    linked = link.export_sections(store, ids)
    for key in ("entities", "facts", "stories", "timeline", "discrepancies", "summaries"):
        doc[key] = linked.get(key, [])
    return doc


def _dated(article: Article) -> Article:
    """``article`` with the publication date its text states, where it has none."""
    if article.published is not None:
        return article
    found = infer_date(article.text)
    return article if found is None else article.with_(published=found, published_inferred=True)


def link_apart(articles: Sequence[Article], *, stages: Sequence[str], db: str | Path | None = None,
               progress: Progress = None) -> dict[str, Any]:
    """Ingest ``articles`` into a scratch store (``db``, or a temporary one), analyse them with
    ``stages`` and link them in full: the evaluation of stories runs the link stage this way.

    An undated article takes the publication date its text states, as ``ingest`` gives it (a
    dateline, or a byline such as derStandard's closing "(jmy, 15.2.2016)").

    Returns ``story_of`` (article id -> story id), ``titles`` (story id -> title) and the
    seconds spent analysing and linking.  Analyses already in ``db`` are reused; a ``db`` that
    holds other articles is refused (they would be linked with these).
    """
    articles = [_dated(a) for a in articles]
    tmp = tempfile.TemporaryDirectory(prefix="lagebild-scratch-") if db is None else None
    path = Path(tmp.name) / "scratch.db" if tmp is not None else Path(db)  # type: ignore[arg-type]
    try:
        store = Store.open(str(path))
        ids = {a.id for a in articles}
        for article in articles:
            store.add_article(article)
        others = len(set(store.article_ids()) - ids)
        if others:
            raise InputError(f"the scratch store {path} holds {others} other articles (they would be linked "
                             "with these): give each set of articles a store of its own")
        pipeline = Pipeline.build(tuple(stages))
        by_id = {a.id: a for a in articles}
        todo = [a for a in store.pending_analysis(pipeline.signature) if a in by_id]
        t0 = time.perf_counter()
        for n, aid in enumerate(todo, 1):
            store.save_analysis(pipeline.run(by_id[aid]), pipeline.signature)
            if progress:
                progress(n, len(todo))
        analyse_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        link_store(store, full=True)
        link_s = time.perf_counter() - t0
        story_of = store.story_of_articles()
        titles = {sid: store.story_title(sid) or "" for sid in set(story_of.values())}
        store.engine.dispose()
    finally:
        if tmp is not None:
            tmp.cleanup()
    return {"story_of": story_of, "titles": titles, "analyse_s": round(analyse_s, 1), "link_s": round(link_s, 2)}
