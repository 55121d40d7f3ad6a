"""Speed and load time of the entity stage: ``python3 training/ner/bench.py``.

Loads both taggers in a fresh process (timed), then runs the entity stage (tagger + gazetteer +
resolution) over the demo corpus repeated, on one core, and prints tokens per second.
"""

from __future__ import annotations

import sys
import time
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    t0 = time.perf_counter()
    from lagebild.analyze.entities import ner

    ner.Tagger("de")
    ner.Tagger("en")
    load = time.perf_counter() - t0
    from lagebild.analyze.entities import stage as entities
    from lagebild.analyze.text.sentences import tokenizer

    corpus = resources.files("lagebild.demo.corpus")
    texts = [p.read_text("utf-8") for p in corpus.iterdir() if p.name.endswith(".txt")] * 20
    docs = [tokenizer("de")(t) for t in texts]
    for d in docs:
        for tok in d:
            tok.is_sent_start = tok.i == 0 or d[tok.i - 1].text in (".", "!", "?")
    entities.find(texts[0], docs[0], "de")  # warm up
    ntok = sum(len(d) for d in docs)
    t1 = time.perf_counter()
    for text, d in zip(texts, docs):
        entities.find(text, d, "de")
    stage = time.perf_counter() - t1
    t2 = time.perf_counter()
    for d in docs:
        ner.load("de").find(d)
    tagger = time.perf_counter() - t2
    print(f"load both taggers: {load:.2f}s")
    print(f"entity stage (tagger+gazetteer+resolution): {ntok / stage:,.0f} tokens/s; tagger alone "
          f"{ntok / tagger:,.0f} tokens/s ({ntok} tokens)")


if __name__ == "__main__":
    main()
