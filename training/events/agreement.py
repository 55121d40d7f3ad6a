"""Agreement of two independent annotation passes over the same sentences.

    python3 training/events/agreement.py --pool /tmp/evpool

Compares ``agree/second.jsonl`` (the second annotator) with the first annotators' lines for the
same ids (``ann/*.jsonl``), both turned into offsets as ``corpus.py`` does, with the scoring of
:mod:`lagebild.eval.eventcorpus` (pass one as gold, pass two as system; F1 is symmetric):
detection F1 (type + overlapping trigger), argument F1, and status agreement on matched events
(with Cohen's kappa).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from corpus import convert

from lagebild.eval.eventcorpus import CorpusSentence, GoldEvent, match_events, score_corpus


def _events(records: list[dict]) -> list[GoldEvent]:
    return [GoldEvent(e["type"], tuple(e["trigger"]), e["status"], None,
                      {r: [tuple(s) for s in spans] for r, spans in e["args"].items()}) for e in records]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pool", type=Path, required=True)
    args = parser.parse_args()
    pool = {}
    for language in ("de", "en"):
        for line in (args.pool / f"{language}.pool.jsonl").read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            pool[item["id"]] = item
    first = {}
    for path in sorted((args.pool / "ann").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                first[data["id"]] = data
    second = [json.loads(line) for line in (args.pool / "agree" / "second.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]
    stats: Counter = Counter()
    items, predicted = [], []
    for data in second:
        if data["id"] not in first:
            continue
        item = pool[data["id"]]
        gold = _events(convert(item, first[data["id"]], stats))
        items.append(CorpusSentence(item["id"], item["doc"], item["id"][:2], item["text"], None, gold))
        predicted.append(_events(convert(item, data, stats)))
    result = score_corpus(items, predicted)
    pairs = Counter()
    for item, system in zip(items, predicted):
        for g, s in match_events(item.events, system):
            pairs[(item.events[g].status, system[s].status)] += 1
    total = sum(pairs.values())
    observed = sum(v for (a, b), v in pairs.items() if a == b) / total
    row, col = Counter(), Counter()
    for (a, b), v in pairs.items():
        row[a] += v
        col[b] += v
    expected = sum(row[k] * col[k] for k in row) / total ** 2
    kappa = (observed - expected) / (1 - expected) if expected < 1 else 1.0
    by_language = {}
    for language in ("de", "en"):
        keep = [k for k, i in enumerate(items) if i.language == language]
        part = score_corpus([items[k] for k in keep], [predicted[k] for k in keep])
        by_language[language] = {"sentences": len(keep), "detection_f1": part["metrics"]["detection"]["f1"],
                                 "args_f1": part["metrics"]["args"]["f1"]}
    print(json.dumps({"sentences": len(items), "events_pass1": result["gold_events"],
                      "events_pass2": result["predicted_events"],
                      "detection": result["metrics"]["detection"], "args": result["metrics"]["args"],
                      "status_agreement": round(observed, 4), "status_kappa": round(kappa, 4),
                      "by_language": by_language,
                      "per_type_f1": {t: c["f1"] for t, c in result["per_type"].items()}}, indent=1))


if __name__ == "__main__":
    main()
