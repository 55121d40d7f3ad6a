"""Start-up of an analysis worker in a fresh process (issue 18 target: imports + models ≤ 1.5 s).

    python benchmarks/startup.py             # 3 fresh processes, each figure printed, then the best
    python benchmarks/startup.py --runs 5

Each run is a new Python process that does what a worker does before and at its first articles:

- ``imports``: importing the pipeline module and the stage modules (spaCy among them);
- ``build``: ``Pipeline.build`` of the default chain (the models a stage loads when it is built);
- ``pipeline build``: both together, the issue's "imports + models";
- ``first article``: analysing one German article (what is loaded at first use, plus the work);
- ``first English``: then one English article (the English models load at their first article);
- ``to first article``: from the start of the imports to the first analysis done.

The machine's load average is printed before and after: on a busy machine every figure is slower.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

CHILD = r"""
import json, time
t0 = time.perf_counter()
from lagebild.analyze.pipeline import DEFAULT_STAGES, Pipeline, registered
from lagebild.model import Article
registered()
t1 = time.perf_counter()
pipeline = Pipeline.build(DEFAULT_STAGES)
t2 = time.perf_counter()
pipeline.run(Article.create(
    "Der russische Präsident Wladimir Putin hat am Montag in Moskau den türkischen Außenminister "
    "Hakan Fidan empfangen. „Wir sind zu Gesprächen bereit“, sagte Putin nach dem Treffen. Die "
    "Vereinten Nationen meldeten 3.000 Vertriebene.", source="startup:de", language="de"))
t3 = time.perf_counter()
pipeline.run(Article.create(
    "President Joe Biden met Chancellor Olaf Scholz in Washington on Friday. \"We stand together,\" "
    "Biden said. The United Nations reported 3,000 displaced people.", source="startup:en", language="en"))
t4 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "build": t2 - t1, "pipeline build": t2 - t0,
                  "first article": t3 - t2, "to first article": t3 - t0, "first English": t4 - t3}))
"""

COLUMNS = ("imports", "build", "pipeline build", "first article", "to first article", "first English")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average before: {load()}")
    print("  ".join(f"{c:>16}" for c in COLUMNS))
    rows = []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print("  ".join(f"{rows[-1][c]:15.2f}s" for c in COLUMNS), flush=True)
    print("  ".join(f"{min(r[c] for r in rows):15.2f}s" for c in COLUMNS), " (best of each)")
    print(f"load average after: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
