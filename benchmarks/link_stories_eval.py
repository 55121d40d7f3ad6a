"""Story clustering quality: B-cubed and pairwise P/R/F1 against a labelled set.

    python benchmarks/link_stories_eval.py [--db /tmp/lagebild-stories-eval.db] [--fresh]

The labelled set: the demo corpus (its three stories in ``lagebild/demo/stories.json``) plus the
702 German Wikinews articles of ../shared/data/spkatt2023-task2-news (train + trial; title and
date from the file name, text rebuilt from the tokens).  The Wikinews stories are the project's
own labels, made from titles and dates: :data:`WIKINEWS_STORIES` groups the articles that follow
one developing story; every other article is a story of its own.  The script analyses the
texts with the sentence and entity stages (cached in ``--db``), links them with a full re-link
and scores the stories; ``heldout`` is the half of the Wikinews articles with an odd document
number (the link parameters were set looking only at the demo corpus and the even half).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import yaml
from sqlalchemy import select

from lagebild.link import link
from lagebild.model import Article
from lagebild.analyze.pipeline import Pipeline
from lagebild.store import schema as t
from lagebild.store.base import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "spkatt2023-task2-news"
DEMO = ROOT / "src" / "lagebild" / "demo"
STAGES = ("lagebild.sentences", "lagebild.entities")

#: our labels: Wikinews document numbers that belong to one developing story
WIKINEWS_STORIES = {
    "papst-golf": [5114, 5178],
    "discovery-sts114": [7537, 8562, 9679, 9996],
    "bundestagswahl-2005": [12491, 12667],
    "vogelgrippe-2005": [14002, 14955],
    "eissporthalle-bad-reichenhall": [18890, 21224],
    "klien-koerperverletzung": [22510, 24558],
    "graf-zeppelin-wrack": [30456, 30570],
    "aethiopien-ueberschwemmungen": [30965, 31627],
    "lokfuehrerstreik-2007": [43924, 45701],
    "myanmar-nargis": [50164, 50226],
    "tesla-europa-2008": [50858, 50935],
    "us-wahl-2008": [50736, 51123, 52330],
    "demjanjuk-auslieferung": [56965, 58108],
    "iran-opposition-2009": [60160, 60764],
    "libyen-un-sicherheitsrat": [66568, 67014],
    "fukushima": [67057, 67374],
    "timoschenko-prozess": [69852, 70915],
    "hongkong-proteste-2014": [77468, 77549],
    "syrien-ostern-2017": [80888, 80961],
    "handball-em-2020": [83753, 83783],
}

_NAME = re.compile(r"^(\d+) - (.*) \((\d{4}-\d{2}-\d{2})\)\.json$")


def wikinews() -> list[tuple[Article, str]]:
    files = sorted(SHARED.glob("train/task2/*.json")) + sorted(SHARED.glob("trial/*.json"))
    label_of = {n: story for story, ns in WIKINEWS_STORIES.items() for n in ns}
    out = []
    for path in files:
        m = _NAME.match(path.name)
        if not m:
            continue
        number, title, day = int(m[1]), m[2], m[3]
        doc = json.loads(path.read_text("utf-8"))
        text = "\n".join(" ".join(s["Tokens"]) for s in doc["Sentences"])
        published = None if day.startswith("0001") else date.fromisoformat(day)
        art = Article.create(text, title=title, published=published, language="de", outlet="Wikinews",
                             external_id=f"wikinews:{number}")
        out.append((art, label_of.get(number, f"wikinews:{number}")))
    return out


def demo() -> list[tuple[Article, str]]:
    labels = json.loads((DEMO / "stories.json").read_text("utf-8"))["stories"]
    label_of = {f: story for story, files in labels.items() for f in files}
    out = []
    for path in sorted((DEMO / "corpus").glob("*.txt")):
        _, front, body = path.read_text("utf-8").split("---", 2)
        meta = yaml.safe_load(front)
        published = meta.get("published")
        art = Article.create(body, title=meta.get("title"), outlet=meta.get("outlet"), language=meta.get("language"),
                             published=published if isinstance(published, date) else None,
                             external_id=f"demo:{path.name}")
        out.append((art, label_of.get(path.name, path.name)))
    return out


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for a, g in gold.items():
        by_gold[g].add(a)
        by_pred[pred[a]].add(a)
    p = sum(len(by_gold[gold[a]] & by_pred[pred[a]]) / len(by_pred[pred[a]]) for a in gold) / len(gold)
    r = sum(len(by_gold[gold[a]] & by_pred[pred[a]]) / len(by_gold[gold[a]]) for a in gold) / len(gold)
    return {"P": round(p, 3), "R": round(r, 3), "F1": round(2 * p * r / (p + r), 3)}


def pairwise(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    ids = sorted(gold)
    tp = fp = fn = 0
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            same_g, same_p = gold[a] == gold[b], pred[a] == pred[b]
            tp += same_g and same_p
            fp += same_p and not same_g
            fn += same_g and not same_p
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"P": round(p, 3), "R": round(r, 3), "F1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "gold_pairs": tp + fn}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", default="/tmp/lagebild-stories-eval.db")
    ap.add_argument("--fresh", action="store_true", help="re-analyse everything")
    ap.add_argument("--show-demo", action="store_true", help="list the demo articles with gold and predicted story")
    args = ap.parse_args()
    if not SHARED.exists():
        sys.exit(f"{SHARED} is missing")
    if args.fresh:
        for p in Path(args.db).parent.glob(Path(args.db).name + "*"):
            p.unlink()
    store = Store.open(args.db)
    items = demo() + wikinews()
    pipeline = Pipeline.build(STAGES)
    todo = [a for a, _ in items]
    with store.engine.connect() as conn:
        analysed = set(conn.execute(select(t.analysis_runs.c.article_id)).scalars())
    t0 = time.perf_counter()
    for art in todo:
        if art.id in analysed:
            continue
        store.add_article(art)
        store.save_analysis(pipeline.run(art), pipeline.signature)
    analyse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    stats = link(store, full=True)
    link_s = time.perf_counter() - t0
    with store.engine.connect() as conn:
        pred = dict(conn.execute(select(t.story_articles.c.article_id, t.story_articles.c.story_id)).all())
    gold = {a.id: label for a, label in items}
    ext = {a.id: a.external_id or "" for a, _ in items}
    parts = {
        "all": gold,
        "demo": {a: g for a, g in gold.items() if ext[a].startswith("demo:")},
        "wikinews": {a: g for a, g in gold.items() if ext[a].startswith("wikinews:")},
        "wikinews_tune": {a: g for a, g in gold.items()
                          if ext[a].startswith("wikinews:") and int(ext[a].split(":")[1]) % 2 == 0},
        "wikinews_heldout": {a: g for a, g in gold.items()
                             if ext[a].startswith("wikinews:") and int(ext[a].split(":")[1]) % 2 == 1},
    }
    result = {"articles": len(gold), "stories_predicted": len(set(pred.values())),
              "stories_gold": len(set(gold.values())), "analyse_s": round(analyse_s, 1),
              "link_s": round(link_s, 2), "link_stats": {k: stats.get(k) for k in ("articles", "duplicates")}}
    for name, part in parts.items():
        sub_pred = {a: pred[a] for a in part}
        result[name] = {"n": len(part), "bcubed": bcubed(part, sub_pred), "pairwise": pairwise(part, sub_pred)}
    print(json.dumps(result, indent=1))
    if args.show_demo:
        names = {p: f"S{i}" for i, p in enumerate(sorted({pred[a] for a in parts["demo"]}))}
        for a in sorted(parts["demo"], key=lambda a: ext[a]):
            print(f"{ext[a]:<50} gold={gold[a]:<16} pred={names[pred[a]]}")


if __name__ == "__main__":
    main()
