"""Story clustering quality on every story gold at once: B-cubed and pairwise P/R/F1.

    python benchmarks/link_stories_eval.py [--data ../shared/data] [--db-dir /tmp] [--only demo,derstandard] [--among-all]

The golds (scored by ``lagebild eval stories``, :mod:`lagebild.eval.stories`; each split is
ingested, analysed and linked on its own):

``demo``         the demo corpus's three stories (``lagebild/demo/stories.json``; 24 articles).
``derstandard``  ``corpus/stories/derstandard``: 206 undated, untitled derStandard articles read
                 into stories by us (see its README); ``dev`` to tune, ``test`` to report.
``wikinews``     ``corpus/stories/wikinews``: 700 German Wikinews articles, 20 stories made from
                 titles and dates, the rest singletons; ``tune`` (even numbers) and ``heldout``.

Analyses are kept in one scratch store per gold and split under ``--db-dir``, so a second run only links.

``--among-all`` (our own variant beside the official per-split figures): the splits of a gold are
linked together in one store, so each article may join a story of any split, as in a real store
holding them all; each split is then scored on its own articles (B-cubed with their predicted
stories counted whole, other splits' articles in them included; pairwise within the split).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lagebild.eval.stories import DEFAULT_GOLD, evaluate_stories, link_gold, read_gold, score_stories
from lagebild.services import link_apart

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "stories"
GOLDS = {
    "demo": (DEFAULT_GOLD, (None,)),
    "derstandard": (CORPUS / "derstandard", ("dev", "test")),
    "wikinews": (CORPUS / "wikinews", ("tune", "heldout")),
}


def bcubed_among(everyone: dict[str, str], pred: dict[str, str], subset: dict[str, str]) -> dict[str, float]:
    """B-cubed averaged over the articles of ``subset``, their predicted stories counted whole (an
    article of another split in one's story lowers its precision; no gold story spans two splits)."""
    members: dict[str, set[str]] = {}
    for a in everyone:
        members.setdefault(pred[a], set()).add(a)
    gold_of: dict[str, set[str]] = {}
    for a, g in everyone.items():
        gold_of.setdefault(g, set()).add(a)
    p = r = 0.0
    for a in subset:
        both = len(members[pred[a]] & gold_of[everyone[a]])
        p += both / len(members[pred[a]])
        r += both / len(gold_of[everyone[a]])
    p, r = p / len(subset), r / len(subset)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def among_all(name: str, gold: Path, splits: tuple[str, ...], args: argparse.Namespace) -> dict[str, dict]:
    """Every split of ``gold`` linked in one store; the figures of each split on its own articles."""
    members = {split: read_gold(gold, args.data, split) for split in splits}
    items = [a for split in splits for a in members[split]]
    pred, titles, timing = link_gold(items, link_apart, args.db_dir / f"lagebild-stories-{name}-among-all.db")
    everyone = {a.id: a.story for a in items}
    out = {}
    for split in splits:
        truth = {a.id: a.story for a in members[split]}
        r = score_stories(truth, pred)
        r["metrics"]["bcubed"] = bcubed_among(everyone, pred, truth)
        r["blank_titles"] = sum(1 for s in {pred[a] for a in truth} if not (titles.get(s) or "").strip())
        out[split] = {**r, **timing}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--db-dir", type=Path, default=Path("/tmp"))
    ap.add_argument("--only", default=",".join(GOLDS), help="comma-separated golds to score")
    ap.add_argument("--among-all", action="store_true",
                    help="link the splits of a gold together, score each split on its own articles")
    args = ap.parse_args()
    wanted = [g for g in args.only.split(",") if g]
    if any(g != "demo" for g in wanted) and not args.data.exists():
        sys.exit(f"{args.data} is missing: only the demo can be scored (--only demo)")
    out = {}
    for name in wanted:
        gold, splits = GOLDS[name]
        results = (among_all(name, gold, splits, args) if args.among_all and len(splits) > 1 else
                   {split: evaluate_stories(gold, system=link_apart, data_root=args.data, split=split,
                                            db=args.db_dir / f"lagebild-stories-{name}-{split or 'all'}.db")
                    for split in splits})
        for split, r in results.items():
            m = r["metrics"]
            out[f"{name}/{split}" if split else name] = {
                "articles": r["articles"], "gold_stories": r["gold_stories"], "predicted": r["predicted_stories"],
                "largest": r["largest_predicted_story"], "blank_titles": r["blank_titles"],
                "bcubed": [m["bcubed"][k] for k in ("precision", "recall", "f1")],
                "pairwise": [m["pairwise"][k] for k in ("precision", "recall", "f1")],
                "all_alone_f1": m["bcubed_all_alone"]["f1"], "one_story_f1": m["bcubed_one_story"]["f1"],
                "link_s": r["link_s"]}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
