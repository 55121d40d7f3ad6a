"""Build a large store for the API load benchmark by replicating the analysed demo corpus.

Each copy of a demo article gets a marker sentence appended (so its text, and with it its id, is
new while every stored offset stays valid) and keeps its analysis layers and entity links.  Copies
are grouped: ``--group`` consecutive copies share one story and one fact per demo story and fact,
so stories grow to realistic sizes (a few hundred articles) instead of staying singletons.  The
full-text index and the story/fact views are then built through the real paths
(``Store.index_articles``, ``lagebild.link.views.refresh_all``).

    python benchmarks/api_build_store.py --out /tmp/lagebild-100k.db --articles 100000
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

from lagebild.model.article import article_id


def build_demo(folder: Path) -> Path:
    from lagebild.demo import DEMO_DB, run_demo

    run_demo(folder, workers=1)
    return folder / DEMO_DB


def replicate(demo: Path, out: Path, articles: int, group: int) -> dict[str, int]:
    from lagebild.store import Store

    for suffix in ("", "-wal", "-shm"):
        Path(f"{out}{suffix}").unlink(missing_ok=True)
    Store.open(out).close()  # an empty store at the newest schema
    con = sqlite3.connect(out)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("ATTACH DATABASE ? AS demo", (str(demo),))
    originals = con.execute("SELECT id, text FROM demo.articles ORDER BY id").fetchall()
    copies = -(-articles // len(originals))
    rows = []
    for k in range(copies):
        for old, text in originals:
            if len(rows) == articles:
                break
            new_text = text if k == 0 else f"{text}\n\nKopie {k}."
            rows.append((old, article_id(new_text) if k else old, k, k // group, "" if k == 0 else f"\n\nKopie {k}."))
    con.execute("CREATE TEMP TABLE copies (old TEXT, new TEXT PRIMARY KEY, k INT, grp INT, suffix TEXT)")
    con.executemany("INSERT INTO copies VALUES (?, ?, ?, ?, ?)", rows)
    con.execute("CREATE INDEX temp.ix_copies_old ON copies (old)")
    statements = [
        "INSERT INTO articles SELECT c.new, a.source, a.title, a.outlet, a.url, "
        " date(a.published, '+' || (c.k % 300) || ' days'), a.published_inferred, a.language, a.external_id, "
        " a.text || c.suffix, a.meta, a.ingested_at FROM copies c JOIN demo.articles a ON a.id = c.old",
        "INSERT INTO analyses SELECT c.new, x.layer, x.stage, x.data FROM copies c JOIN demo.analyses x "
        " ON x.article_id = c.old",
        "INSERT INTO analysis_runs SELECT c.new, x.signature, x.analyzed_at FROM copies c "
        " JOIN demo.analysis_runs x ON x.article_id = c.old",
        "INSERT INTO entities SELECT * FROM demo.entities",
        "INSERT INTO mention_entities SELECT c.new, m.idx, m.entity_id, m.score, m.evidence FROM copies c "
        " JOIN demo.mention_entities m ON m.article_id = c.old",
        "INSERT INTO stories SELECT s.id || '~' || g.grp, s.title, s.data FROM demo.stories s "
        " CROSS JOIN (SELECT DISTINCT grp FROM copies) g",
        "INSERT INTO story_articles SELECT c.new, sa.story_id || '~' || c.grp FROM copies c "
        " JOIN demo.story_articles sa ON sa.article_id = c.old",
        "INSERT INTO facts SELECT f.id || '~' || g.grp, f.type, f.label, f.time, f.status, f.independent_origins, "
        " f.first_reported, f.story_id || '~' || g.grp, f.data, f.confidence, f.rules, f.named_ids FROM demo.facts f "
        " CROSS JOIN (SELECT DISTINCT grp FROM copies) g",
        "INSERT INTO fact_events SELECT c.new, e.idx, e.fact_id || '~' || c.grp, e.origin, e.data FROM copies c "
        " JOIN demo.fact_events e ON e.article_id = c.old",
        "INSERT INTO summaries SELECT s.story_id || '~' || g.grp, s.language, s.data FROM demo.summaries s "
        " CROSS JOIN (SELECT DISTINCT grp FROM copies) g",
        "INSERT INTO discrepancies SELECT * FROM demo.discrepancies",
    ]
    for sql in statements:
        con.execute(sql)
    con.commit()
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("articles", "analyses", "stories", "facts", "fact_events", "mention_entities")}
    con.execute("DETACH DATABASE demo")
    con.close()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="the SQLite file to write")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--group", type=int, default=25, help="copies per story/fact group")
    parser.add_argument("--demo", type=Path, help="an analysed demo store (default: build one now)")
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        demo = args.demo or build_demo(Path(tmp))
        counts = replicate(demo, args.out, args.articles, args.group)
    copied = time.perf_counter()
    from lagebild.link.views import refresh_all
    from lagebild.store import Store

    store = Store.open(args.out)
    indexed = store.index_articles()
    done = time.perf_counter()
    viewed = refresh_all(store)
    store.close()
    print(f"{args.out}: {counts}")
    print(f"copied in {copied - started:.1f} s; full-text index of {indexed} articles in {done - copied:.1f} s; "
          f"views of {viewed['stories']} stories and {viewed['facts']} facts in {time.perf_counter() - done:.1f} s")


if __name__ == "__main__":
    main()
