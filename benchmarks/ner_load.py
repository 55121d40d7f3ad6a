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


def main() -> int:
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"imports {runs[-1]['import_s']:.2f} s, models (de + en taggers, gazetteers) {runs[-1]['load_s']:.2f} s")
    best = min(r["load_s"] for r in runs)
    print(f"best model load time: {best:.2f} s (target ≤ 2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
