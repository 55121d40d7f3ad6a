"""Local process pool vs Ray for the per-article analysis: throughput, overhead, same results.

    python benchmarks/ray_vs_local.py                          # 1,000 10kGNAD test articles, 2 workers
    python benchmarks/ray_vs_local.py --workers 1,2 --limit 300 # throughput as workers grow
    python benchmarks/ray_vs_local.py --corpus DIR_OR_FILE      # any corpus lagebild can ingest
    python benchmarks/ray_vs_local.py --plot docs/img/throughput_workers.png   # needs matplotlib

The articles are ingested once into a SQLite store; each run analyses a fresh copy of it with
``lagebild.services.analyze`` (what ``lagebild analyze --engine … --workers …`` runs), so every
figure includes start-up: starting Ray, loading the models in every worker, reading the articles
and writing the analyses back.  Each run's stored layers are compared with the first run's: the
script fails when an engine gives other results.  Ray runs on this machine (a local Ray with as
many CPUs as workers).  The machine's load average is printed before and after: on a busy machine
the figures are slower and noisier.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from throughput import DEFAULT_CORPUS, corpus_missing, read_corpus  # benchmarks/ is sys.path[0] when run as a script

from lagebild import services


def _digest(store, ids: list[str]) -> str:
    """One hash over every stored layer of every article (the results, not the timing)."""
    sha = hashlib.sha256()
    for article_id in sorted(ids):
        layers = store.load_layers(article_id)
        sha.update(json.dumps([article_id, layers], sort_keys=True, ensure_ascii=False).encode())
    return sha.hexdigest()[:16]


def _run(base: Path, tmp: Path, engine: str, workers: int) -> tuple[float, int, str]:
    db = tmp / f"{engine}-{workers}.db"
    shutil.copy(base, db)
    store = services.open_store(db, create=False)
    t0 = time.perf_counter()
    report = services.analyze(store, engine=engine, workers=workers)
    seconds = time.perf_counter() - t0
    digest = _digest(store, report.analyzed)
    store.close()
    if report.problems:
        print(f"  {len(report.problems)} article(s) failed, e.g. {report.problems[0]}", file=sys.stderr)
    return seconds, len(report.analyzed), digest


def _plot(path: Path, rows: list[tuple[str, int, float, int, str]]) -> None:
    import matplotlib  # lazy: only --plot needs it

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # lazy: as above

    fig, ax = plt.subplots(figsize=(5, 3.2))
    for engine in sorted({r[0] for r in rows}):
        points = sorted((w, n / s) for e, w, s, n, _ in rows if e == engine)
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=engine)
    ax.set_xlabel("workers")
    ax.set_ylabel("articles/s (with start-up)")
    ax.set_xticks(sorted({r[1] for r in rows}))
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    print(f"plot: {path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=1000, help="the first N articles (default 1000)")
    parser.add_argument("--workers", default="2", help="comma-separated worker counts (default 2)")
    parser.add_argument("--engines", default="local,ray", help="comma-separated engines (default local,ray)")
    parser.add_argument("--plot", type=Path, help="write a PNG of articles/s against workers (matplotlib)")
    args = parser.parse_args()
    if corpus_missing(args.corpus):
        return 2
    articles = read_corpus(args.corpus, args.limit)
    counts = [int(w) for w in args.workers.split(",")]
    engines = args.engines.split(",")
    print(f"corpus: {args.corpus} — {len(articles)} articles, {sum(len(a.text) for a in articles):,} characters")
    print(f"cores: {os.cpu_count()}, load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        base = tmp / "base.db"
        store = services.open_store(base)
        services.ingest_articles(store, articles)
        store.close()
        print(f"\n{'engine':7} {'workers':>7} {'seconds':>8} {'articles/s':>11}  results")
        for workers in counts:
            for engine in engines:
                seconds, done, digest = _run(base, tmp, engine, workers)
                rows.append((engine, workers, seconds, done, digest))
                same = "same" if digest == rows[0][4] else f"DIFFERENT ({digest} vs {rows[0][4]})"
                print(f"{engine:7} {workers:7d} {seconds:8.1f} {done / seconds:11.1f}  {same}", flush=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for workers in counts:
        by = {e: s for e, w, s, _, _ in rows if w == workers}
        if "local" in by and "ray" in by:
            print(f"Ray overhead at {workers} worker(s): {100 * (by['ray'] / by['local'] - 1):+.1f} % of the local time")
    if args.plot:
        _plot(args.plot, rows)
    return 0 if all(r[4] == rows[0][4] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
