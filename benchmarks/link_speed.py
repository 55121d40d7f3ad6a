"""Link-stage speed on a synthetic corpus: full re-link of N articles, then incremental additions.

    python benchmarks/link_speed.py --articles 10000 --db /tmp/link10k.db
    python benchmarks/link_speed.py --articles 100000 --db /tmp/link100k.db --add 30
    python benchmarks/link_speed.py --articles 30000 --db postgresql://postgres@127.0.0.1:5432/link30k

The corpus is synthetic (stories with their own people, organizations, states and vocabulary,
articles of 8–14 sentences with entity mentions, SUPPLY/MEET events and quantities), written
straight into the store as analyses, so the figures are the link stage alone.  A store that
already holds the articles is reused (``--reuse``), so the 100k state is built once.  On
PostgreSQL (``--db`` a URL: its tables are dropped first unless ``--reuse``) the CPU of the server
processes is reported beside this process's.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from lagebild.link import link
from lagebild.model import Analysis, Article
from lagebild.store.base import Store

SYLLABLES = "ka ri mo su le na to vi de ra ko mi sha lo ne pa go du be ti".split()
STATES = [("gpe:KP", "Nordkorea"), ("gpe:RU", "Russland"), ("gpe:UA", "Ukraine"), ("gpe:US", "USA"),
          ("gpe:CN", "China"), ("gpe:IR", "Iran"), ("gpe:DE", "Deutschland"), ("gpe:FR", "Frankreich")]
FILLER = ("der die das und mit für nach laut sagte am im auf von zu es sei wurde hatte "
          "the and said with for on in of to was has").split()


def word(rng: random.Random, n: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


class Synth:
    def __init__(self, seed: int, stories: int) -> None:
        self.rng = random.Random(seed)
        self.stories = []
        start = date(2020, 1, 1)
        for s in range(stories):
            people = [f"{word(self.rng, 2).title()} {word(self.rng, 3).title()}" for _ in range(3)]
            orgs = [word(self.rng, 3).upper()[:4] for _ in range(2)]
            vocab = [word(self.rng, 4) for _ in range(40)]
            states = self.rng.sample(STATES, 2)
            day0 = start + timedelta(days=self.rng.randrange(0, 4 * 365))
            self.stories.append((people, orgs, vocab, states, day0))

    def article(self, i: int) -> tuple[Article, dict]:
        rng = self.rng
        people, orgs, vocab, states, day0 = rng.choice(self.stories)
        parts: list[str] = []
        pos = 0
        sentences, entities, events, quantities = [], [], [], []

        def add(text: str) -> tuple[int, int]:
            nonlocal pos
            parts.append(text)
            s = pos
            pos += len(text)
            return s, pos

        for k in range(rng.randint(8, 14)):
            s0 = pos
            words = [rng.choice(vocab if rng.random() < 0.5 else FILLER) for _ in range(rng.randint(8, 16))]
            add(" ".join(words[:4]).capitalize() + " ")
            kind = rng.random()
            if kind < 0.4:
                name = rng.choice(people)
                s, e = add(name)
                entities.append({"start": s, "end": e, "text": name, "label": "PER", "key": None, "name": None,
                                 "ref": None, "form": "name", "stage": "synth"})
            elif kind < 0.7:
                key, name = rng.choice(states)
                s, e = add(name)
                entities.append({"start": s, "end": e, "text": name, "label": "GPE", "key": key, "name": name,
                                 "ref": None, "form": "name", "stage": "synth"})
            else:
                org = rng.choice(orgs)
                s, e = add(org)
                entities.append({"start": s, "end": e, "text": org, "label": "ORG", "key": None, "name": None,
                                 "ref": None, "form": "acronym", "stage": "synth"})
            add(" " + " ".join(words[4:]))
            if rng.random() < 0.15:
                (k1, n1), (k2, n2) = states
                qs, qe = add(" und lieferte 1000 Granaten")
                quantities.append({"start": qs + 13, "end": qe - 9, "text": "1000", "value": 1000.0})
                a, b = len(entities), len(entities) + 1
                s1, e1 = add(f" von {n1}")
                entities.append({"start": s1 + 5, "end": e1, "text": n1, "label": "GPE", "key": k1, "name": n1,
                                 "ref": None, "form": "name", "stage": "synth"})
                s2, e2 = add(f" an {n2}")
                entities.append({"start": s2 + 4, "end": e2, "text": n2, "label": "GPE", "key": k2, "name": n2,
                                 "ref": None, "form": "name", "stage": "synth"})
                events.append({"type": "SUPPLY", "start": s0, "end": pos, "text": "", "trigger": {
                    "start": qs + 5, "end": qs + 13, "text": "lieferte"}, "args": {
                    "supplier": {"start": s1 + 5, "end": e1, "text": n1, "mention": a},
                    "recipient": {"start": s2 + 4, "end": e2, "text": n2, "mention": b},
                    "quantity": {"start": qs + 13, "end": qe - 9, "text": "1000", "quantity": len(quantities) - 1}},
                    "time": None, "attribution": None, "status": "asserted"})
            add(". ")
            sentences.append({"start": s0, "end": pos - 1})
        text = "".join(parts).rstrip()
        for ev in events:
            ev["text"] = text[ev["start"]:ev["end"]]
        published = day0 + timedelta(days=rng.randrange(0, 60))
        art = Article(id=f"synth{i:09d}", text=text, published=published, language="de",
                      outlet=f"Outlet {rng.randrange(50)}", title=" ".join(rng.sample(vocab, 4)))
        return art, {"sentences": sentences, "entities": entities, "events": events, "quantities": quantities,
                     "quotes": [], "timexes": []}


def fill(store: Store, synth: Synth, start: int, count: int) -> None:
    """Store articles ``start`` to ``start + count`` with their analyses, 2,000 per transaction."""
    for base in range(start, start + count, 2000):
        items = [synth.article(i) for i in range(base, min(base + 2000, start + count))]
        store.add_articles([art for art, _ in items])
        store.save_analyses([(Analysis(art.id, layers, {k: "synth" for k in layers}), "synth") for art, layers in items])


def server_cpu(store: Store) -> float | None:
    """CPU seconds the PostgreSQL server processes serving this database have spent (Linux /proc;
    None for SQLite, whose work is in this process), so that the link's cost on the server counts."""
    if store.dialect != "postgresql":
        return None
    with store.engine.connect() as conn:
        pids = conn.exec_driver_sql(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()").scalars().all()
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def reset_database(store: Store) -> None:
    """Drop every table of a PostgreSQL store and migrate it afresh (an empty store)."""
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    store.migrate()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--db", default="/tmp/lagebild-link-bench.db")
    ap.add_argument("--add", type=int, default=20, help="articles added one at a time after the full link")
    ap.add_argument("--reuse", action="store_true", help="keep a store that already holds the corpus")
    args = ap.parse_args()
    if "://" in args.db:  # a PostgreSQL URL: the database is emptied unless --reuse
        store = Store.open(args.db)
        if not args.reuse:
            reset_database(store)
    else:
        path = Path(args.db)
        if path.exists() and not args.reuse:
            for p in path.parent.glob(path.name + "*"):
                p.unlink()
        store = Store.open(path)
    synth = Synth(1, max(10, args.articles // 12))
    have = store.count("articles")
    result: dict[str, object] = {"articles": args.articles}
    if have < args.articles:
        t0 = time.perf_counter()
        fill(store, synth, have, args.articles - have)
        result["fill_s"] = round(time.perf_counter() - t0, 1)
        t0, c0, s0 = time.perf_counter(), time.process_time(), server_cpu(store)
        stats = link(store, full=True)
        result["full_link_s"] = round(time.perf_counter() - t0, 1)
        result["full_link_cpu_s"] = round(time.process_time() - c0, 1)
        if s0 is not None:  # the server's share (its processes that stayed connected)
            result["full_link_server_cpu_s"] = round(server_cpu(store) - s0, 1)
        result["full_stats"] = {k: stats.get(k) for k in ("articles", "facts", "duplicates")}
    if store.dialect == "sqlite":  # a store at rest: the write-ahead log folded back
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    adds, cpu, viewed, served = [], [], [], []
    base = store.count("articles")
    for k in range(args.add):
        fill(store, synth, base + k, 1)
        t0, c0, s0 = time.perf_counter(), time.process_time(), server_cpu(store)
        stats = link(store)
        adds.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        if s0 is not None:
            served.append((server_cpu(store) - s0) * 1000)
        viewed.append(stats.get("views_seconds", 0.0) * 1000)

    def summary(values: list[float]) -> dict[str, float]:
        return {"median": round(statistics.median(values), 1),
                "p90": round(sorted(values)[int(0.9 * (len(values) - 1))], 1), "max": round(max(values), 1)}

    if adds:
        result["incremental_ms"] = {**summary(adds), "n": len(adds)}
        result["incremental_cpu_ms"] = summary(cpu)
        result["incremental_views_ms"] = summary(viewed)  # the part spent on the API's read models
        if served:
            result["incremental_server_cpu_ms"] = summary(served)
    result["stories"] = store.count("stories")
    result["entities"] = store.count("entities")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
