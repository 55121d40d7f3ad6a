"""Load time of the events stage's learned models (issue target: at most 2 s) in a fresh process.

    python benchmarks/events_load.py       # best of 3 fresh processes

Prints, per run, the import time of the stage and the time to load the German and English
models (trigger, status and argument classifiers) and the word clusters their features use.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ner_load import best_of  # noqa: E402

CHILD = r"""
import json, time
t0 = time.perf_counter()
from lagebild.analyze.events import learned
t1 = time.perf_counter()
for language in ("de", "en"):
    learned.load(language)
    learned.clusters(language)
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1}))
"""


def main() -> int:
    return best_of(CHILD, "de + en")


if __name__ == "__main__":
    sys.exit(main())
