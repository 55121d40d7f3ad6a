"""Throughput of ingest and of each per-article stage, and peak memory.

    python benchmarks/throughput.py                      # 10kGNAD test articles from ../shared/data
    python benchmarks/throughput.py --limit 200          # quicker
    python benchmarks/throughput.py --corpus DIR_OR_FILE # any corpus lagebild can ingest

Prints, per stage, articles/s, ms per 1,000 characters and tokens/s (one process, one core),
then the whole chain, the ingest rate into a fresh SQLite store, and the peak resident memory.
"""

from __future__ import annotations

import argparse
import csv
import io
import lzma
import resource
import sys
import tempfile
import time
from pathlib import Path

from lagebild.model import Article
from lagebild.analyze.pipeline import DEFAULT_STAGES, Pipeline
from lagebild.analyze.pipeline import Doc
from lagebild.store import Store

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "10kgnad" / "test.csv.xz"


def read_10kgnad(path: Path, limit: int | None) -> list[Article]:
    text = lzma.open(path, "rt", encoding="utf-8").read()
    rows = csv.reader(io.StringIO(text), delimiter=";", quotechar="'")
    articles = []
    for i, row in enumerate(rows):
        if limit is not None and i >= limit:
            break
        if len(row) >= 2 and row[1].strip():
            articles.append(Article.create(row[1], source=f"10kgnad:{i}", language="de", outlet="derStandard"))
    return articles


def corpus_missing(path: Path) -> bool:
    """Whether the benchmark corpus is absent; if so, says so on stderr (the caller exits with 2)."""
    if path.exists():
        return False
    print(f"corpus {path} is missing (../shared/data exists only on the developers' machines); pass --corpus",
          file=sys.stderr)
    return True


def read_corpus(path: Path, limit: int | None) -> list[Article]:
    if path.name.endswith(".csv.xz"):
        return read_10kgnad(path, limit)
    from lagebild.ingest import read_sources

    items = [a for a in read_sources([path]) if isinstance(a, Article)]
    return items[:limit] if limit else items


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args()
    if corpus_missing(args.corpus):
        return 2
    articles = read_corpus(args.corpus, args.limit)
    chars = sum(len(a.text) for a in articles)
    print(f"corpus: {args.corpus} — {len(articles)} articles, {chars:,} characters")

    t0 = time.perf_counter()
    pipeline = Pipeline.build(DEFAULT_STAGES)
    load_s = time.perf_counter() - t0
    print(f"pipeline built (models loaded) in {load_s:.2f} s: {pipeline.signature}")

    per_stage = {spec.qualified: 0.0 for spec in pipeline.specs}
    tokens = 0
    total_t0 = time.perf_counter()
    for article in articles:
        doc = Doc(article)
        with pipeline.scope(article):  # as Pipeline.run: spaCy's memory zone once its strings are kept
            for spec, fn in zip(pipeline.specs, pipeline._fns):
                s0 = time.perf_counter()
                doc.layers.update(fn(doc))
                per_stage[spec.qualified] += time.perf_counter() - s0
            tokens += len(doc.layers["tokens"])
    total_s = time.perf_counter() - total_t0

    print(f"\n{'stage':34} {'articles/s':>11} {'ms/1k chars':>12} {'tokens/s':>11}")
    for name, secs in per_stage.items():
        print(f"{name:34} {len(articles) / secs:11.1f} {1000 * secs / (chars / 1000):12.3f} {tokens / secs:11,.0f}")
    print(f"{'all stages':34} {len(articles) / total_s:11.1f} {1000 * total_s / (chars / 1000):12.3f} "
          f"{tokens / total_s:11,.0f}")

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.db")
        s0 = time.perf_counter()
        for article in articles:
            store.add_article(article)
        ingest_s = time.perf_counter() - s0
        s0 = time.perf_counter()
        for article in articles[:200]:
            store.save_analysis(pipeline.run(article), pipeline.signature)
        n = min(200, len(articles))
        save_s = time.perf_counter() - s0
        store.close()
    print(f"\ningest into SQLite: {len(articles) / ingest_s:.1f} articles/s")
    print(f"analyze + store (first {n}): {n / save_s:.1f} articles/s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
