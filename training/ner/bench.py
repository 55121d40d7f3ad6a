"""Speed and load time of the entity stage: ``python3 training/ner/bench.py [--lang de|en]``.

Loads both taggers in a fresh process (timed), then runs the entity stage (tagger + gazetteer +
resolution) over the demo corpus articles of that language (``language:`` in their header)
repeated, on one core, and prints tokens per second.
"""

from __future__ import annotations

import argparse
import sys
import time
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lang", choices=("de", "en"), default="de")
    ap.add_argument("--repeat", type=int, default=20)
    lang = ap.parse_args().lang
    repeat = ap.parse_args().repeat
    t0 = time.perf_counter()
    from lagebild.analyze.entities import ner

    ner.Tagger("de")
    ner.Tagger("en")
    load = time.perf_counter() - t0
    from lagebild.analyze.entities import stage as entities
    from lagebild.analyze.text.sentences import tokenizer

    corpus = resources.files("lagebild.demo.corpus")
    texts = []
    for p in sorted(corpus.iterdir(), key=lambda p: p.name):
        if not p.name.endswith(".txt"):
            continue
        raw = p.read_text("utf-8")
        head, _, body = raw.partition("\n---\n") if raw.startswith("---\n") else ("", "", raw)
        if f"language: {lang}" in head or (not head and lang == "de"):
            texts.append(body)
    texts *= repeat
    docs = [tokenizer(lang)(t) for t in texts]
    for d in docs:
        for tok in d:
            tok.is_sent_start = tok.i == 0 or d[tok.i - 1].text in (".", "!", "?")
    entities.find(texts[0], docs[0], lang)  # warm up
    ntok = sum(len(d) for d in docs)
    t1 = time.perf_counter()
    for text, d in zip(texts, docs):
        entities.find(text, d, lang)
    stage = time.perf_counter() - t1
    t2 = time.perf_counter()
    for d in docs:
        ner.load(lang).find(d)
    tagger = time.perf_counter() - t2
    print(f"load both taggers: {load:.2f}s")
    print(f"{lang} entity stage (tagger+gazetteer+resolution): {ntok / stage:,.0f} tokens/s; tagger alone "
          f"{ntok / tagger:,.0f} tokens/s ({ntok} tokens, {len(texts) // repeat} articles x {repeat})")


if __name__ == "__main__":
    main()
