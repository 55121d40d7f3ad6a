"""Draw the sentences of the project's event corpus (seeded, reproducible).

    python3 training/events/sample.py --out /tmp/evpool

Reads the permissively licensed sources of :mod:`lagebild.eval.eventsources` from ``../shared/data``
and writes ``<lang>.pool.jsonl`` (the drawn sentences, with source, key, document, text and which
broad topic net drew them) and annotation batches ``batches/<lang>-NN.tsv`` (id, text).

Drawing: about half the sentences are drawn at random from the whole source (real news mostly
carries no event); the other half through broad topic nets, one per event type, so that every
type gets enough mentions.  The nets are wide word-stem lists written for drawing only (they
over-draw on purpose: "Angriff" in football, "Treffen" of a club); annotators decide by reading,
and the extractor never sees the nets.  Whole documents are never split across batches' splits:
the train/dev/test split is by document (see ``split.py``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from lagebild.eval.eventsources import SOURCES, read_source

NETS = {
    "de": {
        "ATTACK": r"angriff|anschlag|attack|bombard|beschoss|beschuss|schüsse|erschoss|getötet|tötete|verletzt|"
                  r"gefecht|kämpfe|explosion|sprengsatz|rakete|luftschlag|angegriffen|erobert|massaker|überfall",
        "SUPPLY": r"liefer|waffen|rüstungsexport|exportgenehmig|hilfe|finanzier|zugesagt|spende|milliarden|"
                  r"militärhilfe|bereitgestellt|bereitstell|überwies",
        "MEET": r"treffen|trafen|traf |gipfel|gespräch|telefonat|telefonierte|empfing|zusammenkunft|konferenz",
        "VISIT": r"besuch|reiste|reist |gereist|visite|staatsbesuch|delegation|flog nach",
        "AGREE": r"abkommen|vertrag|einig|vereinbar|waffenstillstand|waffenruhe|unterzeichn|pakt|koalition|deal",
        "NEGOTIATE": r"verhandl|friedensgespräch|friedensprozess|vermittl|sondierung|gesprächsrunde",
        "SANCTION": r"sanktion|embargo|strafmaßnahm|boykott|einreiseverbot|eingefroren|strafzöll",
        "CONDEMN": r"verurteil|kritisier|kritik|prangert|empört|missbillig|protestier|als .{0,30}bezeichnet",
        "ACCUSE": r"vorwurf|vorgeworfen|wirft .{0,40} vor|beschuldig|verantwortlich gemacht|macht .{0,40}verantwortlich|"
                  r"anklage|angeklagt|bezichtig",
        "DENY": r"bestreit|bestritt|dementier|zurückgewiesen|wies .{0,40}zurück|weist .{0,40}zurück|leugne|abgelehnt",
    },
    "en": {
        "ATTACK": r"attack|bomb|strike|shell|shot |shooting|killed|wounded|fighting|clash|explosion|rocket|missile|"
                  r"airstrike|raid|captured|insurgent",
        "SUPPLY": r"supplied|supply|deliver|weapons|arms |aid |funding|pledged|donat|provided|export",
        "MEET": r"\bmet\b|meeting|summit|talks with|phone call|spoke with|conference",
        "VISIT": r"visit|traveled|travelled|trip to|arrived in|delegation",
        "AGREE": r"agreement|agreed|deal\b|treaty|ceasefire|truce|accord|signed",
        "NEGOTIATE": r"negotiat|peace talks|peace process|mediat|talks\b",
        "SANCTION": r"sanction|embargo|boycott|tariff|freez|blacklist",
        "CONDEMN": r"condemn|criticiz|criticis|denounc|slammed|decried|deplor",
        "ACCUSE": r"accus|blame|charged with|alleg|indict|responsible for",
        "DENY": r"\bden(y|ied|ies)\b|rejected|dismissed|refused",
    },
}
SIZES = {"de": (1500, 900), "en": (700, 300)}  # (through nets, at random), round 1
ROUND2 = {"de": (1500, 1000), "en": (800, 400)}  # round 2: drawn from what round 1 left
ROUND3 = {"de": (2000, 2000), "en": (1000, 1000)}  # round 3: from what rounds 1 and 2 left
BATCH = 150


def draw(language: str, data_root: Path, seed: int, exclude: frozenset = frozenset(),
         sizes: tuple[int, int] | None = None) -> list[dict]:
    rng = random.Random(seed)
    sentences = []
    for dataset, file in SOURCES[language]:
        for s in read_source(data_root, dataset, file):
            if 25 <= len(s.text) <= 400 and (s.dataset, s.file, s.key) not in exclude:
                sentences.append(s)
    nets = {t: re.compile(p, re.I) for t, p in NETS[language].items()}
    by_net: dict[str, list] = {t: [s for s in sentences if n.search(s.text)] for t, n in nets.items()}
    n_net, n_random = sizes or SIZES[language]
    per_type = n_net // len(nets)
    chosen: dict[tuple, tuple] = {}
    for t, pool in by_net.items():
        rng.shuffle(pool)
        for s in pool[:per_type]:
            chosen.setdefault((s.dataset, s.file, s.key), (s, t))
    rest = [s for s in sentences if (s.dataset, s.file, s.key) not in chosen]
    rng.shuffle(rest)
    for s in rest[:n_random]:
        chosen[(s.dataset, s.file, s.key)] = (s, "random")
    items = list(chosen.values())
    rng.shuffle(items)
    first = len(exclude)
    out = []
    for i, (s, net) in enumerate(items):
        out.append({"id": f"{language}-{i + first:04d}", "dataset": s.dataset, "file": s.file, "key": s.key, "doc": s.doc,
                    "published": s.published, "net": net, "text": s.text})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[3] / "shared" / "data")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2612)
    args = parser.parse_args()
    (args.out / "batches").mkdir(parents=True, exist_ok=True)
    for language in ("de", "en"):
        items = draw(language, args.data, args.seed)
        for k, sizes in enumerate((ROUND2[language], ROUND3[language]), start=1):
            taken = frozenset((i["dataset"], i["file"], i["key"]) for i in items)
            items += draw(language, args.data, args.seed + k, taken, sizes)
        with (args.out / f"{language}.pool.jsonl").open("w", encoding="utf-8") as handle:
            for item in items:
                handle.write(json.dumps(item, ensure_ascii=False) + "\n")
        for b in range(0, len(items), BATCH):
            with (args.out / "batches" / f"{language}-{b // BATCH:02d}.tsv").open("w", encoding="utf-8") as handle:
                for item in items[b:b + BATCH]:
                    handle.write(f"{item['id']}\t{item['text']}\n")
        print(language, len(items), "sentences")


if __name__ == "__main__":
    main()
