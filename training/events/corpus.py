"""Turn the annotators' files into the event corpus (offsets, ids, split by document).

    python3 training/events/corpus.py --pool /tmp/evpool --out corpus/events

Reads ``<lang>.pool.jsonl`` (from ``sample.py``) and the annotations ``ann/<batch>.jsonl`` (one
line per sentence: ``{"id", "events": [{"type", "trigger", "status", "attribution", "args"}]}``
with the annotators' surface strings), finds every string in its sentence (a trigger at its
first occurrence, an argument or source at the occurrence nearest the trigger) and writes
``<lang>/{train,dev,test}.jsonl`` in the corpus format of :mod:`lagebild.eval.eventcorpus`:
references and offsets, no source text.  The split is by document, from a hash of the document
id (70 / 15 / 15), so it does not move when sentences are added.  Strings that are not in the
sentence are dropped and counted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from pathlib import Path

from lagebild.eval.eventsources import text_sha1
from lagebild.analyze.events.learned import ROLES
from lagebild.model.events import EVENT_TYPES, STATUSES

ROLE_ALIASES = {"participant": "participants", "party": "parties", "source": "speaker"}


def split_of(doc: str) -> str:
    bucket = int(hashlib.sha1(doc.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "train" if bucket < 70 else "dev" if bucket < 85 else "test"


def locate(text: str, needle: str, near: int | None = None) -> tuple[int, int] | None:
    if not needle or not isinstance(needle, str):
        return None
    found = [k for k in range(len(text)) if text.startswith(needle, k)]
    if not found:
        low = text.lower()
        found = [k for k in range(len(text)) if low.startswith(needle.lower(), k)]
    if not found:
        return None
    k = found[0] if near is None else min(found, key=lambda k: abs(k - near))
    return k, k + len(needle)


def convert(item: dict, annotation: dict, stats: Counter) -> list[dict]:
    text = item["text"]
    events = []
    for e in annotation.get("events") or []:
        etype = e.get("type")
        if etype not in EVENT_TYPES:
            stats["unknown type"] += 1
            continue
        trigger = locate(text, e.get("trigger", ""))
        if trigger is None:
            stats["trigger not found"] += 1
            continue
        status = e.get("status") or "asserted"
        if status not in STATUSES:
            stats["unknown status"] += 1
            status = "asserted"
        attribution = locate(text, e["attribution"], trigger[0]) if e.get("attribution") else None
        if e.get("attribution") and attribution is None:
            stats["source not found"] += 1
        args: dict[str, list[list[int]]] = {}
        for role, value in (e.get("args") or {}).items():
            role = ROLE_ALIASES.get(role, role)
            if role not in ROLES[etype]:
                stats["role not of the type"] += 1
                continue
            for v in value if isinstance(value, list) else [value]:
                span = locate(text, v, trigger[0]) if isinstance(v, str) else None
                if span is None:
                    stats["argument not found"] += 1
                    continue
                args.setdefault(role, []).append(list(span))
                stats["arguments"] += 1
        events.append({"type": etype, "trigger": list(trigger), "status": status,
                       "attribution": list(attribution) if attribution else None, "args": args})
        stats["events"] += 1
    return events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pool", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    stats: Counter = Counter()
    annotations = {}
    for path in sorted((args.pool / "ann").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                try:
                    data = json.loads(line)
                except json.JSONDecodeError:
                    stats["bad annotation line"] += 1
                    continue
                annotations[data["id"]] = data
    for language in ("de", "en"):
        rows: dict[str, list[dict]] = {"train": [], "dev": [], "test": []}
        for line in (args.pool / f"{language}.pool.jsonl").read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if item["id"] not in annotations:
                stats[f"{language} not annotated"] += 1
                continue
            record = {"id": item["id"], "doc": item["doc"], "language": language, "published": item["published"],
                      "source": {"dataset": item["dataset"], "file": item["file"], "key": item["key"]},
                      "sha1": text_sha1(item["text"]),
                      "events": convert(item, annotations[item["id"]], stats)}
            rows[split_of(item["doc"])].append(record)
        for split, records in rows.items():
            path = args.out / language / f"{split}.jsonl"
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8") as handle:
                for record in sorted(records, key=lambda r: r["id"]):
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            types = Counter(e["type"] for r in records for e in r["events"])
            print(language, split, len(records), "sentences", sum(types.values()), "events", dict(sorted(types.items())))
    print(dict(stats))


if __name__ == "__main__":
    main()
