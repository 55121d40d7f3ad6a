"""Memory of one analysis worker as articles stream through it: resident memory every N articles.

    python benchmarks/memory_stream.py                       # 100,000 articles (hours on 2 cores)
    python benchmarks/memory_stream.py --articles 5000 --every 500
    python benchmarks/memory_stream.py --articles 3000 --plot docs/img/memory_articles.png

One process builds the pipeline once and runs it on article after article, as each worker of
``lagebild analyze`` does (the analyses are not stored: this measures the worker, not the store).
The articles are the 10kGNAD test articles (``--corpus``); past the end of the corpus they repeat
with every number in the text raised by the article's index, so that each copy brings new strings
(numbers, dates, amounts), as a real stream of news does.  Printed: articles done, resident memory
(MiB) and seconds; at the end the growth from article ``--from`` (default 1,000) to the last.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

from throughput import DEFAULT_CORPUS, corpus_missing, read_corpus  # benchmarks/ is sys.path[0] when run as a script

from lagebild.analyze.pipeline import DEFAULT_STAGES, Pipeline
from lagebild.model import Article

NUMBER = re.compile(r"\d+")


def rss_mib() -> float:
    """This process's resident memory now (not the peak), from /proc."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def stream(articles: list[Article], count: int):
    """``count`` articles: the corpus, then copies with every number raised by the article's index."""
    for i in range(count):
        base = articles[i % len(articles)]
        if i < len(articles):
            yield base
        else:
            text = NUMBER.sub(lambda m: str(int(m.group()) + i), base.text)
            yield Article.create(text, source=f"{base.source}+{i}", language=base.language, outlet=base.outlet)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--every", type=int, default=1000, help="print every N articles (default 1000)")
    parser.add_argument("--from", dest="start", type=int, default=1000, help="growth measured from here")
    parser.add_argument("--plot", type=Path, help="write a PNG of resident memory against articles (matplotlib)")
    args = parser.parse_args()
    if corpus_missing(args.corpus):
        return 2
    articles = read_corpus(args.corpus, None)
    print(f"corpus: {args.corpus} — {len(articles)} articles; streaming {args.articles:,}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    pipeline = Pipeline.build(DEFAULT_STAGES)
    points = [(0, rss_mib())]
    print(f"{'articles':>9} {'RSS MiB':>8} {'seconds':>8}\n{0:9d} {points[0][1]:8.0f} {0:8.0f}", flush=True)
    t0 = time.perf_counter()
    for done, article in enumerate(stream(articles, args.articles), start=1):
        pipeline.run(article)
        if done % args.every == 0 or done == args.articles:
            points.append((done, rss_mib()))
            print(f"{done:9d} {points[-1][1]:8.0f} {time.perf_counter() - t0:8.0f}", flush=True)
    base = [m for n, m in points if n >= args.start]
    if len(base) >= 2:
        print(f"growth from article {args.start:,} to {points[-1][0]:,}: "
              f"{base[0]:.0f} -> {base[-1]:.0f} MiB ({100 * (base[-1] / base[0] - 1):+.1f} %)")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.plot:
        _plot(args.plot, points)
    return 0


def _plot(path: Path, points: list[tuple[int, float]]) -> None:
    import matplotlib  # lazy: only --plot needs it

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # lazy: as above

    fig, ax = plt.subplots(figsize=(5, 3.2))
    ax.plot([p[0] for p in points], [p[1] for p in points], marker=".")
    ax.set_xlabel("articles analysed by one worker")
    ax.set_ylabel("resident memory (MiB)")
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    print(f"plot: {path}")


if __name__ == "__main__":
    sys.exit(main())
