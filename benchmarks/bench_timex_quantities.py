"""Speed of the time-expression and quantity stages on the 10kGNAD test articles.

    python benchmarks/bench_timex_quantities.py [--limit N] [--shared ../shared]

Reports CPU milliseconds per 1,000 characters for ``find_timexes`` alone and for both finders
together (the stages' own work: the sentences they get from the pipeline are not counted).  The
articles are analysed with the sentence splitter's output so that tense lookups see real
sentences; the publication date is a fixed day (the corpus has none).
"""

from __future__ import annotations

import argparse
import csv
import lzma
import time
from datetime import date
from pathlib import Path

from lagebild.analyze.quantities.stage import find_quantities
from lagebild.analyze.quantities.rules import patterns
from lagebild.analyze.time.stage import compiled, find_timexes
from lagebild.model import Article
from lagebild.analyze.pipeline import Pipeline


def read_articles(path: Path, limit: int | None) -> list[str]:
    texts = []
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for row in csv.reader(f, delimiter=";", quotechar="'"):
            if len(row) >= 2:
                texts.append(row[1])
    return texts[:limit] if limit else texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    texts = read_articles(args.shared / "data" / "10kgnad" / "test.csv.xz", args.limit)
    splitter = Pipeline.build(["lagebild.sentences"])
    docs = [splitter.annotate(Article.create(t, language="de", published=date(2016, 5, 1))) for t in texts]
    chars = sum(len(d.text) for d in docs)
    compiled("de")
    patterns("de")
    t_timex = t_both = 0.0
    n_timex = n_quant = 0
    for d in docs:
        sentences = d.get("sentences")
        a = time.process_time()
        timexes = find_timexes(d.text, d.article.published, "de", sentences)
        b = time.process_time()
        quantities = find_quantities(d.text, "de", timexes, sentences)
        c = time.process_time()
        t_timex += b - a
        t_both += c - a
        n_timex += len(timexes)
        n_quant += len(quantities)
    per = 1000.0 / (chars / 1000.0)
    print(f"{len(docs)} articles, {chars} characters: {n_timex} time expressions, {n_quant} quantities")
    print(f"timex:            {t_timex * per:.3f} ms per 1,000 characters")
    print(f"timex+quantities: {t_both * per:.3f} ms per 1,000 characters")


if __name__ == "__main__":
    main()
