"""Load time of the entity stage's models (issue target: at most 2 s) in a fresh process.

    python benchmarks/ner_load.py          # best of 3 fresh processes

Prints, per run, the import time of the stage's modules and the time to load the German and
English taggers (CRF, network, name dictionary, word clusters) and compile the gazetteer.
"""

from __future__ import annotations

import json
import subprocess
import sys

CHILD = r"""
import json, time
t0 = time.perf_counter()
from lagebild.analyze.entities import gazetteer, ner
t1 = time.perf_counter()
for language in ("de", "en"):
    ner.Tagger(language)
    gazetteer.prepare(language)
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1}))
"""


def best_of(child: str, what: str, runs: int = 3) -> int:
    """Run ``child`` (prints ``{"import_s", "load_s"}``) in fresh processes; print each run and the best."""
    found = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True)
        found.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"imports {found[-1]['import_s']:.2f} s, models ({what}) {found[-1]['load_s']:.2f} s")
    best = min(r["load_s"] for r in found)
    print(f"best model load time: {best:.2f} s (target ≤ 2 s)")
    return 0


def main() -> int:
    return best_of(CHILD, "de + en taggers, gazetteers")


if __name__ == "__main__":
    sys.exit(main())
