"""Bounded load run against ``lagebild serve``: p50/p95/p99 latency of the story page, the facts
list, a full-text search and the entity page under N concurrent clients on loopback.

    python benchmarks/api_build_store.py --out /tmp/lagebild-100k.db --articles 100000
    python benchmarks/api_load.py --db /tmp/lagebild-100k.db --clients 20 --requests 3000
    python benchmarks/api_load.py --db postgresql://postgres@127.0.0.1:5432/lagebild_million  # pg_million.py

The server runs in child processes (``--workers``, uvicorn); the clients are one asyncio loop with
``--clients`` connections, each sending its next request as soon as the last one is answered
(closed loop; ``--think-ms`` adds a pause per client), until ``--requests`` requests (mixed evenly over the four kinds) are done.
URLs are drawn at random (seeded) from many stories, fact filters, German word forms and entities, so
a cache cannot answer them all.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from lagebild.store import Store

WORDS = ["Raketen", "Rakete", "Lieferungen", "Munition", "Granaten", "Sanktionen", "Truppen", "Treffen",
         "Geheimdienst", "Artilleriemunition", "Beistandspakt", "Nordkorea", "Pjöngjang", "Besuch", "Drohnen",
         "Lieferung", "Schuss", "Waffen", "missiles", "sanctions", "Kursk", "Putin", "Kim", "Budanow"]
KINDS = ("story", "facts", "search", "entity")
#: request kinds one may add with --kinds: the transfer register page (filters and sorts drawn at random)
EXTRA_KINDS = ("register",)
REGISTER_QUERIES = ["", "supplier=Nordkorea", "supplier=nord", "recipient=Russland", "item=artillery-ammunition",
                    "item=unclassed", "status=corroborated", "since=2023&until=2024", "sort=quantity&dir=desc",
                    "sort=independent_origins&dir=desc", "sort=supplier", "offset=200"]
FACT_TYPES = ["SUPPLY", "MEET", "VISIT", "AGREE", "SANCTION", "CONDEMN", "ACCUSE", "DENY", "ATTACK"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, workers: int) -> subprocess.Popen:
    code = f"from lagebild.app import serve; serve({db!r}, '127.0.0.1', {port}, workers={workers})"
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "LAGEBILD_API_TOKEN": ""})
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/stories?limit=1", timeout=5).read()
            return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"server exited: {proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("server did not start")


def plan(db: str, total: int, seed: int, kinds: tuple[str, ...] = KINDS) -> list[tuple[str, str]]:
    store = Store.open(db, create=False)
    stories = sorted(store.all_ids("stories"))
    entities = sorted(r.id for r in store.entities_of_type(None))
    n_facts = store.count("facts")
    store.close()
    rng = random.Random(seed)
    urls = []
    for i in range(total):
        kind = kinds[i % len(kinds)]
        if kind == "story":
            urls.append((kind, f"/stories/{rng.choice(stories)}"))
        elif kind == "facts":
            choice = rng.random()
            if choice < 0.4:
                url = f"/api/v1/facts?limit=50&offset={rng.randrange(0, max(n_facts - 50, 1))}"
            elif choice < 0.7:
                url = f"/api/v1/facts?limit=50&type={rng.choice(FACT_TYPES)}&offset={rng.randrange(0, 500)}"
            else:
                url = f"/api/v1/facts?limit=50&story={rng.choice(stories)}"
            urls.append((kind, url))
        elif kind == "entity":
            urls.append((kind, f"/entities/{urllib.request.quote(rng.choice(entities), safe=':')}"))
        elif kind == "register":
            urls.append((kind, f"/register?{rng.choice(REGISTER_QUERIES)}"))
        else:
            words = rng.sample(WORDS, rng.choice((1, 1, 2)))
            urls.append((kind, f"/api/v1/search?limit=20&q={urllib.request.quote(' '.join(words))}"))
    return urls


class Connection:
    """One keep-alive HTTP/1.1 connection, as small as a load client can be: on a 2-core machine
    the client shares the CPU with the server, so its own cost per request must stay low (httpx
    spent ~1.3 ms of CPU per request here, more than a tenth of what it measured)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode("ascii"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = dict(line.split(":", 1) for line in lines[1:] if ":" in line)
        length = {k.strip().lower(): v.strip() for k, v in headers.items()}.get("content-length")
        if length is None:
            raise RuntimeError(f"{path}: response without Content-Length")
        await self.reader.readexactly(int(length))
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            await self.writer.wait_closed()


async def run(base: str, urls: list[tuple[str, str]], clients: int, think_ms: float = 0.0) -> dict[str, list[float]]:
    host, port = base.removeprefix("http://").split(":")
    latencies: dict[str, list[float]] = {kind: [] for kind in KINDS + EXTRA_KINDS}
    errors: dict[str, int] = {}
    queue: asyncio.Queue = asyncio.Queue()
    for item in urls:
        queue.put_nowait(item)

    async def worker() -> None:
        conn = Connection(host, int(port))
        try:
            while not queue.empty():
                kind, url = queue.get_nowait()
                started = time.perf_counter()
                status = await conn.get(url)
                latencies[kind].append((time.perf_counter() - started) * 1000)
                if status != 200:
                    errors[f"{kind} {status}"] = errors.get(f"{kind} {status}", 0) + 1
                if think_ms:
                    await asyncio.sleep(think_ms / 1000)
        finally:
            await conn.close()

    await asyncio.gather(*(worker() for _ in range(clients)))
    latencies = {kind: values for kind, values in latencies.items() if values}
    latencies["_errors"] = errors  # type: ignore[assignment]
    return latencies


def cpu_seconds(root: int) -> float | None:
    """User + system CPU seconds of a process and all its descendants (Linux /proc; None elsewhere),
    so the server's cost per request can be read independently of how busy the machine is."""
    try:
        stats = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                stats[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    except OSError:
        return None
    tree, ticks = {root}, 0
    for _ in range(4):  # uvicorn: supervisor -> workers (-> their helpers)
        tree |= {pid for pid, (ppid, _) in stats.items() if ppid in tree}
    ticks = sum(stats[pid][1] for pid in tree if pid in stats)
    return ticks / os.sysconf("SC_CLK_TCK")


def summarize(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {"n": len(ordered), "p50_ms": round(statistics.median(ordered), 1), "p95_ms": round(pick(0.95), 1),
            "p99_ms": round(pick(0.99), 1), "max_ms": round(ordered[-1], 1), "mean_ms": round(statistics.fmean(ordered), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="the store: an SQLite file or a PostgreSQL URL")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server processes")
    parser.add_argument("--warmup", type=int, default=150)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--think-ms", type=float, default=0.0,
                        help="pause of each client between its requests (0: back-to-back, saturating)")
    parser.add_argument("--kinds", default=",".join(KINDS),
                        help="comma-separated request kinds to mix (default: the four kinds above; "
                             "'register' adds the transfer register page)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    port = free_port()
    server = start_server(args.db, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    try:
        kinds = tuple(k for k in args.kinds.split(",") if k in KINDS + EXTRA_KINDS) or KINDS
        asyncio.run(run(base, plan(args.db, args.warmup, args.seed + 1, kinds), args.clients))
        urls = plan(args.db, args.requests, args.seed, kinds)
        server_cpu, client_cpu = cpu_seconds(server.pid), time.process_time()
        started = time.perf_counter()
        latencies = asyncio.run(run(base, urls, args.clients, args.think_ms))
        wall = time.perf_counter() - started
        client_cpu = time.process_time() - client_cpu
        server_cpu = None if server_cpu is None else (cpu_seconds(server.pid) or 0.0) - server_cpu
    finally:
        server.terminate()
        server.wait(timeout=20)
    errors = latencies.pop("_errors")
    store = Store.open(args.db, create=False)
    size = {t: store.count(t) for t in ("articles", "stories", "facts")}
    store.close()
    report = {"store": size, "clients": args.clients, "think_ms": args.think_ms, "server_workers": args.workers,
              "requests": len(urls),
              "wall_s": round(wall, 1), "throughput_rps": round(len(urls) / wall, 1), "errors": errors,
              "load_average": os.getloadavg(), "cpus": os.cpu_count(),
              "cpu_ms_per_request": {"server": None if server_cpu is None else round(1000 * server_cpu / len(urls), 2),
                                     "client": round(1000 * client_cpu / len(urls), 2)},
              "latency": {kind: summarize(values) for kind, values in latencies.items()}}
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
