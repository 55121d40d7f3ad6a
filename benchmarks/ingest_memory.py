"""Peak memory of ingesting one large file, per input format (issue 19, finding 7).

For each format a file of ``--mb`` megabytes is written (German news-like paragraphs; JSON Lines
and feeds as many articles, text, Markdown and HTML as one), then ingested into a new SQLite
store by a fresh process with ``max_bytes``, ``max_line`` and ``file_seconds`` raised to admit it.  Printed per
format: the process's peak resident memory, the same process's peak on a 1 kB file of the same
format (imports, models of nothing: the baseline), and (peak - baseline) / file size, the figure
that grows with the input.

    python benchmarks/ingest_memory.py --mb 50            # all formats
    python benchmarks/ingest_memory.py --mb 50 --only html
    python benchmarks/ingest_memory.py --mb 20 --check    # the memory regression check

With ``--check`` it exits with status 1 when a format's growth exceeds its ceiling in
:data:`CEILINGS` (the figures of docs/reliability.md with some room), naming the format: a
benchmark to run before a release or in a nightly job, not a unit test (it writes and reads
files of ``--mb`` megabytes and takes minutes).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SENTENCES = [
    "Die ukrainische Armee meldete am Montag neue Angriffe auf die Region Charkiw.",
    "Nach Angaben des Verteidigungsministeriums wurden drei Drohnen abgefangen.",
    "Ein Sprecher der Regierung in Kiew sagte, die Lage bleibe angespannt.",
    "Russland wies die Vorwürfe zurück und sprach von einer Provokation.",
    "Beobachter der OSZE berichteten von Beschuss in der Nähe der Frontlinie.",
]
FORMATS = ("txt", "md", "jsonl", "html", "rss")
#: the most (peak - baseline) / file size that ``--check`` lets pass, per format
CEILINGS = {"txt": 6.0, "md": 6.5, "jsonl": 1.0, "html": 7.0, "rss": 8.0}


def _paragraph(n: int) -> str:
    return " ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(4)) + f" (Meldung {n})"


def _paragraphs(size: int):
    n, written = 0, 0
    while written < size:
        p = _paragraph(n)
        written += len(p.encode("utf-8")) + 2
        n += 1
        yield p


def write_input(fmt: str, path: Path, size: int) -> Path:
    """A file of about ``size`` bytes in format ``fmt``."""
    with open(path, "w", encoding="utf-8") as fh:
        if fmt == "txt":
            for p in _paragraphs(size):
                fh.write(p + "\n\n")
        elif fmt == "md":
            fh.write("---\ntitle: Lagebericht\npublished: 2024-01-15\n---\n# Lagebericht\n\n")
            for n, p in enumerate(_paragraphs(size)):
                fh.write((f"## Abschnitt {n}\n\n" if n % 20 == 0 else "") + f"**Kiew** {p}\n\n")
        elif fmt == "jsonl":
            batch: list[str] = []
            for n, p in enumerate(_paragraphs(size)):
                batch.append(p)
                if len(batch) == 8:
                    fh.write(json.dumps({"id": f"m{n}", "title": f"Meldung {n}", "published": "2024-01-15",
                                         "text": "\n\n".join(batch)}, ensure_ascii=False) + "\n")
                    batch = []
            if batch:
                fh.write(json.dumps({"id": "last", "text": "\n\n".join(batch)}, ensure_ascii=False) + "\n")
        elif fmt == "html":
            fh.write('<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Lagebericht</title>'
                     '<meta property="og:site_name" content="Beispielzeitung"></head><body><article>'
                     "<h1>Lagebericht</h1>\n")
            for p in _paragraphs(size):
                fh.write(f"<p>{p}</p>\n")
            fh.write("</article></body></html>\n")
        elif fmt == "rss":
            fh.write('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Beispielzeitung</title>\n')
            for n, p in enumerate(_paragraphs(size)):
                fh.write(f"<item><title>Meldung {n}</title><guid>m{n}</guid>"
                         f"<pubDate>Mon, 15 Jan 2024 10:00:00 GMT</pubDate><description>{p}</description></item>\n")
            fh.write("</channel></rss>\n")
        else:
            raise ValueError(fmt)
    return path


CHILD = """
import resource, sys
from lagebild.ingest import Limits
from lagebild.services import commands
from lagebild.store import Store
store = Store.open(sys.argv[2])
report = commands.ingest_paths(store, [sys.argv[1]], limits=Limits(max_bytes=1 << 40, max_line=1 << 40,
                                                                     file_seconds=3600))
store.close()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, len(report.added), len(report.problems),
      repr(report.problems[:2]))
"""


def measure(path: Path, db: Path) -> tuple[int, int, int, str]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(path), str(db)], capture_output=True, text=True,
                          check=True)
    peak, added, problems, first = done.stdout.strip().split(" ", 3)
    return int(peak), int(added), int(problems), first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50, help="size of each input file in MB (default 50)")
    parser.add_argument("--only", action="append", choices=FORMATS, help="only this format (repeatable)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a format grows past its ceiling")
    args = parser.parse_args()
    over: list[str] = []
    size = int(args.mb * 1_000_000)
    print(f"{'format':6} {'file MB':>8} {'peak MiB':>9} {'base MiB':>9} {'(peak-base)/size':>17} articles skipped")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for fmt in args.only or FORMATS:
            small = write_input(fmt, folder / f"small.{fmt}", 1_000)
            big = write_input(fmt, folder / f"big.{fmt}", size)
            base, *_ = measure(small, folder / f"small-{fmt}.db")
            peak, added, problems, first = measure(big, folder / f"big-{fmt}.db")
            actual = big.stat().st_size
            print(f"{fmt:6} {actual / 1e6:8.1f} {peak / 2**20:9.0f} {base / 2**20:9.0f} "
                  f"{(peak - base) / actual:16.1f}x {added:8} {problems:7}" + (f"  {first}" if problems else ""),
                  flush=True)
            big.unlink()
            if (peak - base) / actual > CEILINGS[fmt] or problems:
                over.append(f"{fmt}: {(peak - base) / actual:.1f}x its size (ceiling {CEILINGS[fmt]}x)"
                            + (f", {problems} skipped" if problems else ""))
    if args.check:
        print("memory check: " + ("; ".join(over) if over else "every format within its ceiling"))
        if over:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
