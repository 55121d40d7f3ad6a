"""Story clustering quality on every story gold at once: B-cubed and pairwise P/R/F1.

    python benchmarks/link_stories_eval.py [--data ../shared/data] [--db-dir /tmp] [--only demo,derstandard]

The golds (scored by ``lagebild eval stories``, :mod:`lagebild.eval.stories`; each split is
ingested, analysed and linked on its own):

``demo``         the demo corpus's three stories (``lagebild/demo/stories.json``; 24 articles).
``derstandard``  ``corpus/stories/derstandard``: 206 undated, untitled derStandard articles read
                 into stories by us (see its README); ``dev`` to tune, ``test`` to report.
``wikinews``     ``corpus/stories/wikinews``: 700 German Wikinews articles, 20 stories made from
                 titles and dates, the rest singletons; ``tune`` (even numbers) and ``heldout``.

Analyses are kept in one scratch store per gold and split under ``--db-dir``, so a second run only links.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lagebild.eval.stories import DEFAULT_GOLD, evaluate_stories
from lagebild.services import link_apart

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "stories"
GOLDS = {
    "demo": (DEFAULT_GOLD, (None,)),
    "derstandard": (CORPUS / "derstandard", ("dev", "test")),
    "wikinews": (CORPUS / "wikinews", ("tune", "heldout")),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--db-dir", type=Path, default=Path("/tmp"))
    ap.add_argument("--only", default=",".join(GOLDS), help="comma-separated golds to score")
    args = ap.parse_args()
    wanted = [g for g in args.only.split(",") if g]
    if any(g != "demo" for g in wanted) and not args.data.exists():
        sys.exit(f"{args.data} is missing: only the demo can be scored (--only demo)")
    out = {}
    for name in wanted:
        gold, splits = GOLDS[name]
        for split in splits:
            r = evaluate_stories(gold, system=link_apart, data_root=args.data, split=split,
                                 db=args.db_dir / f"lagebild-stories-{name}-{split or 'all'}.db")
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
