"""Latency of the workbench pages on one store, in process (no network): the facts explorer with
and without filters, the register, the source map, the outlets and a story page.

    python benchmarks/api_build_store.py --out /tmp/lagebild-100k.db --articles 100000
    python benchmarks/workbench_pages.py --db /tmp/lagebild-100k.db --repeat 20

Prints, per page, the first (cold) request and p50/p95 of the repeats.  The corpus-wide
aggregates (filter choices, source map, outlets) are kept a minute per store, so the repeats of
those pages show the kept answer and the cold column the scan.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from urllib.parse import quote


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="the store (path or URL)")
    parser.add_argument("--repeat", type=int, default=20, help="requests per page after the first")
    args = parser.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from lagebild.app import create_app

    client = TestClient(create_app(args.db))
    stories = client.get("/api/v1/stories?limit=1").json()["items"]
    outlet = next(iter(client.get("/api/v1/articles?limit=1").json()["items"]), {}).get("outlet") or ""
    pages = ["/facts", "/facts?type=SUPPLY", "/facts?sort=time", "/facts?sort=mentions&type=ATTACK",
             f"/facts?outlet={quote(outlet)}", "/facts?since=2024-01&until=2024-03", "/facts?confidence=0.9",
             "/facts?type=SUPPLY&confidence=0.9", "/register", "/register?sort=quantity&dir=desc", "/sources",
             "/outlets", "/quotes"]
    if stories:
        pages += [f"/stories/{quote(stories[0]['id'])}", f"/facts?story={quote(stories[0]['id'])}&sort=time"]
    print(f"{'page':45} {'cold ms':>9} {'p50 ms':>8} {'p95 ms':>8}")
    for page in pages:
        start = time.perf_counter()
        response = client.get(page)
        cold = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (page, response.status_code)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            client.get(page)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        print(f"{page[:45]:45} {cold:9.1f} {statistics.median(times):8.1f} {p95:8.1f}")


if __name__ == "__main__":
    main()
