"""A million-article team store on PostgreSQL: ingest rate, size per article, full-text search.

    createdb -h 127.0.0.1 -U postgres lagebild_million
    python benchmarks/pg_million.py --db postgresql://postgres@127.0.0.1:5432/lagebild_million \\
        --articles 1000000 --json /tmp/pg_million.json

How the store is built (synthetic from real text, like ``api_build_store.py`` for SQLite): the
demo corpus (24 real German and English articles) is analysed and linked once in SQLite; the store
is then filled with copies of it.  Copy *k* of an article is its text with the sentence
``Kopie k.`` appended (a new text, hence a new id, while every stored offset stays valid), dated
``k mod 300`` days later, with the demo's analysis layers.  Articles and analyses go through the
store's bulk writes (``Store.add_articles`` and ``Store.save_analyses``: ``COPY`` on PostgreSQL),
in transactions of ``--batch`` articles, timed apart: the *ingest rate*.  The server keeps the
German/English full-text column (a generated ``tsvector``) and its GIN index in step while the
rows arrive, so its cost is part of the rate.  Then the demo's link results are replicated in the
server (``--group`` consecutive copies share one story and one fact per demo story and fact, so
stories grow to a few hundred articles) and the API's read models are built through the real path
(``lagebild.link.views.refresh_all``); ``benchmarks/api_load.py --db URL`` then loads the store.

The store has no link bookkeeping (``link_articles``, ``link_index``): the copies are
near-duplicates, which the link stage would fold, so link costs are measured on the synthetic
corpus of ``benchmarks/link_speed.py`` instead.  Every table of the database is dropped first.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import text

from lagebild.model import Analysis, Article
from lagebild.model.article import article_id
from lagebild.store import Store
from lagebild.store.bulk import copy_rows

sys.path.insert(0, str(Path(__file__).parent))
from api_build_store import build_demo  # noqa: E402
from link_speed import reset_database  # noqa: E402

#: the demo's link results replicated per group of copies: table → its columns
LINK_TABLES = ("entities", "mention_entities", "stories", "story_articles", "facts", "fact_events", "summaries",
               "discrepancies")
REPLICATE = (
    "INSERT INTO entities SELECT * FROM demo.entities",
    "INSERT INTO mention_entities (article_id, idx, entity_id, score, evidence) "
    " SELECT c.new, m.idx, m.entity_id, m.score, m.evidence FROM demo.copies c "
    " JOIN demo.mention_entities m ON m.article_id = c.old",
    "INSERT INTO stories (id, title, data) SELECT s.id || '~' || g.grp, s.title, s.data FROM demo.stories s "
    " CROSS JOIN (SELECT DISTINCT grp FROM demo.copies) g",
    "INSERT INTO story_articles (article_id, story_id) SELECT c.new, sa.story_id || '~' || c.grp "
    " FROM demo.copies c JOIN demo.story_articles sa ON sa.article_id = c.old",
    "INSERT INTO facts (id, type, label, time, status, independent_origins, first_reported, story_id, data, "
    " confidence, rules) SELECT f.id || '~' || g.grp, f.type, f.label, f.time, f.status, f.independent_origins, "
    " f.first_reported, f.story_id || '~' || g.grp, f.data, f.confidence, f.rules FROM demo.facts f "
    " CROSS JOIN (SELECT DISTINCT grp FROM demo.copies) g",
    "INSERT INTO fact_events (article_id, idx, fact_id, origin, data) "
    " SELECT c.new, e.idx, e.fact_id || '~' || c.grp, e.origin, e.data FROM demo.copies c "
    " JOIN demo.fact_events e ON e.article_id = c.old",
    "INSERT INTO summaries (story_id, language, data) SELECT s.story_id || '~' || g.grp, s.language, s.data "
    " FROM demo.summaries s CROSS JOIN (SELECT DISTINCT grp FROM demo.copies) g",
    "INSERT INTO discrepancies SELECT * FROM demo.discrepancies",
)
QUERIES = ["Raketen", "Munition Russland", "Lieferungen", "Sanktionen", "Nordkorea Putin", "missiles",
           "Drohnen Iran", "Geheimdienst", "Artilleriemunition", "Beistandspakt"]


def load_demo(demo: Path) -> list[tuple[Article, Analysis, str]]:
    """The demo's articles, each with its analysis and pipeline signature."""
    store = Store.open(demo, create=False)
    con = sqlite3.connect(demo)
    signatures = dict(con.execute("SELECT article_id, signature FROM analysis_runs"))
    stages = {(a, layer): stage for a, layer, stage in con.execute("SELECT article_id, layer, stage FROM analyses")}
    con.close()
    out = []
    for article in store.iter_articles():
        layers = store.load_layers(article.id)
        versions = {layer: stages[(article.id, layer)] for layer in layers}
        out.append((article, Analysis(article.id, layers, versions), signatures[article.id]))
    store.close()
    return out


def copy_of(article: Article, k: int) -> Article:
    """Copy ``k`` of a demo article (copy 0 is the article itself)."""
    if k == 0:
        return article
    body = f"{article.text}\n\nKopie {k}."
    published = article.published + timedelta(days=k % 300) if article.published else None
    return Article(id=article_id(body), text=body, source=article.source, title=article.title,
                   outlet=article.outlet, url=article.url, published=published,
                   published_inferred=article.published_inferred, language=article.language,
                   external_id=article.external_id, meta=article.meta)


def ingest(store: Store, originals: list[tuple[Article, Analysis, str]], total: int, batch: int,
           every: int, start: int = 0) -> tuple[dict[str, float], list[tuple[str, str, int]]]:
    """Write copies ``start`` to ``total`` in batches; seconds spent on articles and on analyses,
    and the (original, copy, k) of every copy written."""
    spent = {"articles_s": 0.0, "analyses_s": 0.0, "build_s": 0.0}
    made: list[tuple[str, str, int]] = []
    pending: list[tuple[Article, Analysis, str]] = []
    started = time.perf_counter()

    def flush() -> None:
        t0 = time.perf_counter()
        added = store.add_articles([a for a, _, _ in pending])
        t1 = time.perf_counter()
        store.save_analyses([(an, sig) for _, an, sig in pending])
        t2 = time.perf_counter()
        spent["articles_s"] += t1 - t0
        spent["analyses_s"] += t2 - t1
        if len(added) != len(pending):
            raise SystemExit(f"{len(pending) - len(added)} copies were stored already: is the database empty?")
        pending.clear()

    k, seen = start // len(originals), start // len(originals) * len(originals)
    while seen < total:
        for article, analysis, signature in originals:
            if seen == total:
                break
            seen += 1
            if seen <= start:
                continue
            t0 = time.perf_counter()
            copy = copy_of(article, k)
            pending.append((copy, Analysis(copy.id, analysis.layers, analysis.versions), signature))
            made.append((article.id, copy.id, k))
            spent["build_s"] += time.perf_counter() - t0
            if len(pending) == batch:
                flush()
                if seen % every < batch:
                    wall = time.perf_counter() - started
                    print(f"  {seen:>9,} articles  {wall:7.1f} s  {len(made) / wall:7.0f} articles/s  "
                          f"load {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
        k += 1
    if pending:
        flush()
    return spent, made


def replicate_links(store: Store, demo: Path, made: list[tuple[str, str, int]], group: int,
                    mentions: bool) -> dict[str, int]:
    """The demo's link results, per group of copies, written in the server (the entity links of
    the mentions only with ``mentions``)."""
    con = sqlite3.connect(demo)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS demo CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA demo")
        for table in LINK_TABLES:
            conn.exec_driver_sql(f"CREATE TABLE demo.{table} (LIKE public.{table})")
            cursor = con.execute(f"SELECT * FROM {table}")
            copy_rows(conn, f"demo.{table}", [d[0] for d in cursor.description], cursor)
        conn.exec_driver_sql("CREATE TABLE demo.copies (old text, new text, k int, grp int)")
        copy_rows(conn, "demo.copies", ["old", "new", "k", "grp"], ((o, n, k, k // group) for o, n, k in made))
        conn.exec_driver_sql("CREATE INDEX ON demo.copies (old)")
        conn.exec_driver_sql("ANALYZE demo.copies")
        for sql in REPLICATE:
            if mentions or "INTO mention_entities" not in sql:
                conn.exec_driver_sql(sql)
        conn.exec_driver_sql("DROP SCHEMA demo CASCADE")
    con.close()
    with store.engine.begin() as conn:  # fresh statistics for the planner, as autovacuum would make
        conn.exec_driver_sql("ANALYZE")
    return {table: store.count(table) for table in ("stories", "facts", "fact_events", "mention_entities")}


def sizes(store: Store, articles: int) -> dict[str, object]:
    """The database's size and the biggest tables' (with their indexes and TOAST), per article."""
    with store.engine.connect() as conn:
        total = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
        tables = conn.execute(text(
            "SELECT c.relname, pg_total_relation_size(c.oid), pg_indexes_size(c.oid) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public' "
            "ORDER BY 2 DESC LIMIT 8")).all()
        fts = conn.execute(text("SELECT pg_relation_size('ix_articles_search_vector')")).scalar_one()
    mib = 1024 * 1024
    return {"database_mib": round(total / mib), "bytes_per_article": round(total / articles),
            "fulltext_index_mib": round(fts / mib),
            "tables_mib": {name: {"total": round(size / mib), "indexes": round(index / mib)}
                           for name, size, index in tables}}


def search_times(store: Store, repeat: int) -> dict[str, object]:
    """Milliseconds per search on the store (as the API orders: ranked up to RANK_LIMIT matches; newest first), and the hits of each query."""
    out: dict[str, object] = {}
    for order in ("auto", "recent"):
        times, hits = [], {}
        for _ in range(repeat):
            for query in QUERIES:
                t0 = time.perf_counter()
                result = store.search(query, limit=20, order=order)
                times.append((time.perf_counter() - t0) * 1000)
                hits[query] = result.total
        out[order] = {"p50_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}
    out["hits"] = hits
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="a PostgreSQL URL (its tables are dropped first)")
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=5000, help="articles per transaction")
    parser.add_argument("--group", type=int, default=25, help="copies per story/fact group")
    parser.add_argument("--demo", type=Path, help="an analysed demo store (default: build one now)")
    parser.add_argument("--every", type=int, default=100_000, help="print progress every so many articles")
    parser.add_argument("--steps", default="ingest,links,measure",
                        help="what to do: ingest (empties the database), migrate (bring a filled store to the "
                             "newest schema, timed), links (replicate the link results, build the views), measure "
                             "(sizes, searches); later steps reuse the store")
    parser.add_argument("--start", type=int, default=0,
                        help="ingest: begin at this copy and keep what is stored (a second writer beside a first)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the search queries")
    parser.add_argument("--copies", type=Path, default=Path("pg_million_copies.tsv"),
                        help="where ingest lists (original, copy, k) for the links step")
    parser.add_argument("--linked", type=int, help="replicate the link results of only the first so many copies "
                        "(default: all); the others stay unlinked, as articles not yet linked would")
    parser.add_argument("--mentions", action="store_true",
                        help="replicate the entity links of every copy too (about 30 rows an article)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    steps = set(args.steps.split(","))
    report: dict[str, object] = {"load_average_before": os.getloadavg()}
    with tempfile.TemporaryDirectory() as tmp:
        demo = args.demo or build_demo(Path(tmp))
        store = Store.open(args.db, migrate=False)
        if store.dialect != "postgresql":
            raise SystemExit("--db must be a PostgreSQL URL")
        if "migrate" in steps:  # indexes new since the store was filled are built now
            t0 = time.perf_counter()
            store.migrate()
            report["migrate_s"] = round(time.perf_counter() - t0, 1)
        if "ingest" in steps:
            if not args.start:
                reset_database(store)
            t0 = time.perf_counter()
            spent, made = ingest(store, load_demo(demo), args.articles, args.batch, args.every, args.start)
            ingest_s = time.perf_counter() - t0
            stored = store.count("articles")
            args.copies.write_text("".join(f"{o}\t{n}\t{k}\n" for o, n, k in made))
            written = len(made)
            report["ingest"] = {"articles": stored, "written": written, "batch": args.batch,
                                "seconds": round(ingest_s, 1), "articles_per_s": round(written / ingest_s),
                                "articles_only_per_s": round(written / spent["articles_s"]),
                                "analyses_only_per_s": round(written / spent["analyses_s"]),
                                **{k: round(v, 1) for k, v in spent.items()}}
        if "links" in steps:
            if args.copies.exists():
                made = [(o, n, int(k)) for o, n, k in (line.split("\t") for line in args.copies.read_text().splitlines())]
            else:  # the copies are the same every time: list them again
                originals = [a for a, _, _ in load_demo(demo)]
                wanted = args.linked or args.articles
                made = [(a.id, copy_of(a, k).id, k) for k in range(wanted // len(originals) + 1)
                        for a in originals][:wanted]
            made = made[:args.linked] if args.linked else made
            t0 = time.perf_counter()
            counts = replicate_links(store, demo, made, args.group, args.mentions)
            report["link_results"] = {**counts, "seconds": round(time.perf_counter() - t0, 1)}
            from lagebild.link.views import refresh_all

            t0 = time.perf_counter()
            report["views"] = {**refresh_all(store), "seconds": round(time.perf_counter() - t0, 1)}
    if "measure" in steps:
        report["size"] = sizes(store, store.count("articles"))
        report["search"] = search_times(store, args.repeat)
    report["load_average_after"] = os.getloadavg()
    store.close()
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
