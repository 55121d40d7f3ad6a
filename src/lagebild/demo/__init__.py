"""The bundled demo corpus (written by the lagebild project) and the ``lagebild demo`` job."""

from __future__ import annotations

import shlex
from importlib import resources
from pathlib import Path

from rich.console import Console

from lagebild import services
from lagebild.report.html import write_report
from lagebild.services import queries

DEMO_DB = "lagebild-demo.db"
DEMO_REPORT = "lagebild-demo.html"


def corpus_dir() -> Path:
    """The folder of demo articles inside the installed package."""
    return Path(str(resources.files("lagebild.demo") / "corpus"))


def run_demo(out_dir: Path, *, workers: int = 1, console: Console | None = None) -> str:
    """Ingest, analyse and link the demo corpus into a fresh SQLite file and write the report."""
    console = console or Console(stderr=True)
    out_dir = out_dir.resolve()  # the summary prints absolute paths: usable from any folder
    out_dir.mkdir(parents=True, exist_ok=True)
    db = out_dir / DEMO_DB
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    store = services.open_store(db)
    with console.status("ingesting the demo corpus …"):
        ingested = services.ingest_paths(store, [corpus_dir()], glob="*.txt")
    with console.status(f"analysing {len(ingested.added)} articles …"):
        analysed = services.analyze(store, workers=workers)
    with console.status("linking …"):
        services.link_store(store, full=True)
    report = write_report(store, out_dir / DEMO_REPORT)
    info = queries.info(store)["counts"]
    store.close()
    problems = ingested.problems + analysed.problems
    lines = [
        f"lagebild demo: {len(ingested.added)} articles ingested, {len(analysed.analyzed)} analysed"
        + (f", {len(problems)} problem(s)" if problems else ""),
        "  " + ", ".join(_count(info[key], one, many) for key, one, many in (
            ("entities", "entity", "entities"), ("stories", "story", "stories"), ("facts", "fact", "facts"),
            ("discrepancies", "discrepancy", "discrepancies"))),
        f"  store:  {db}",
        f"  report: {report}",
        f"  browse: lagebild serve --db {shlex.quote(str(db))}   (then open http://127.0.0.1:8000/)",
    ]
    lines += [f"  problem: {source}: {reason}" for source, reason in problems]
    return "\n".join(lines)


def _count(n: int, one: str, many: str) -> str:
    """A count with its noun in the right number ("1 discrepancy", "3 discrepancies")."""
    return f"{n} {one if n == 1 else many}"
