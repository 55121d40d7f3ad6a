"""The reliability and security campaign (issue 19): bad input, kill -9, concurrent writers,
hash seeds, the API under generated requests, script payloads in a real browser.

    nice -n 10 python benchmarks/reliability_campaign.py                     # the full campaign
    python benchmarks/reliability_campaign.py --fuzz 40 --kills 2 --parts fuzz,kill

Parts (``--parts``, default all):
  fuzz        hypothesis-generated files for every reader (.txt .md .html .jsonl .rss .atom .xml,
              an unknown suffix) and stdin, mutated with hostile pieces (alias and entity bombs,
              deep nesting, lone surrogates, NUL bytes, impossible dates, script urls, long lines):
              no traceback, each input stored or reported with its name and reason, no hang, memory
              bounded.
  kill        ``kill -9`` at a random moment of ``ingest``, ``analyze --workers 2`` and ``link``, on
              SQLite and PostgreSQL; then the integrity check, no orphaned rows, no surviving worker
              process, the stage run again, and the same counts as a run never killed.
  concurrent  two ingests on one new store; ingest beside analyze; ingest beside link; on both
              backends: no error, nothing lost or duplicated.
  hashseed    link under two PYTHONHASHSEEDs: the same export.
  api         schemathesis over the whole OpenAPI document (no 5xx), wrong tokens (401), bodies
              over the limit, declared or chunked (413), injection and traversal requests.
  browser     an XSS corpus (script tags, event handlers, javascript: and data: urls in texts,
              titles, outlets and urls) ingested, analysed, linked and every page opened in Chromium,
              with and without the pages' CSP: nothing executes, no script url is a link.

Each part prints its figures; the run ends with one line per part and exits 1 when anything
failed.  PostgreSQL is used where ``LAGEBILD_TEST_PG`` (default
postgresql://postgres@127.0.0.1:5432/test) answers; Chromium from ``LAGEBILD_CHROMIUM``
(default /usr/bin/chromium).  ``tests/reliability/test_campaign.py`` runs a small sample of each
part in CI.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

PG_URL = os.environ.get("LAGEBILD_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
CHROMIUM = os.environ.get("LAGEBILD_CHROMIUM", "/usr/bin/chromium")
PARTS = ("fuzz", "kill", "concurrent", "hashseed", "api", "browser")
STAGES = ("ingest", "analyze", "link")

#: the tables each stage writes, compared with a run never killed
STAGE_TABLES = {
    "ingest": ("articles",),
    "analyze": ("articles", "analyses", "analysis_runs"),
    "link": ("articles", "analyses", "entities", "mention_entities", "stories", "story_articles", "facts",
             "fact_events", "discrepancies", "summaries"),
}

#: rows that must point at a row of another table: (table, column, target table, target column)
REFERENCES = (
    ("analyses", "article_id", "articles", "id"),
    ("analysis_runs", "article_id", "articles", "id"),
    ("mention_entities", "article_id", "articles", "id"),
    ("mention_entities", "entity_id", "entities", "id"),
    ("story_articles", "article_id", "articles", "id"),
    ("story_articles", "story_id", "stories", "id"),
    ("facts", "story_id", "stories", "id"),
    ("fact_events", "fact_id", "facts", "id"),
    ("fact_events", "article_id", "articles", "id"),
    ("summaries", "story_id", "stories", "id"),
    ("story_views", "story_id", "stories", "id"),
    ("fact_views", "fact_id", "facts", "id"),
)


@dataclass
class Part:
    """One part's figures (printed) and failures (each a sentence; none means the part held)."""

    name: str
    figures: dict[str, Any] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def fail(self, message: str) -> None:
        self.failures.append(message)
        print(f"  FAIL {self.name}: {message}", flush=True)

    def line(self) -> str:
        figures = ", ".join(f"{k} {v}" for k, v in self.figures.items())
        verdict = "ok" if not self.failures else f"{len(self.failures)} FAILED"
        return f"{self.name}: {verdict} ({figures}; {self.seconds:.0f} s)"


def env(**extra: str) -> dict[str, str]:
    """The environment for a lagebild child process: this checkout's sources, no stray settings."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("LAGEBILD_")}
    base["PYTHONPATH"] = str(SRC) + (os.pathsep + base["PYTHONPATH"] if base.get("PYTHONPATH") else "")
    return {**base, **extra}


def cli(*args: str, **popen: Any) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "lagebild", *args], env=popen.pop("env", None) or env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def run_cli(*args: str, timeout: float = 600, ok: tuple[int, ...] = (0, 3), **kw: Any) -> subprocess.CompletedProcess:
    proc = cli(*args, **kw)
    out, err = proc.communicate(timeout=timeout)
    if proc.returncode not in ok:
        raise RuntimeError(f"lagebild {' '.join(args[:1])} exited {proc.returncode}: {err[-1500:]}")
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


# --- stores on both backends ---------------------------------------------------------------


def pg_available() -> str | None:
    """None when PostgreSQL answers, else why not."""
    from sqlalchemy import create_engine, text

    try:
        engine = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://"),
                               connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
        return None
    except Exception as exc:  # the reason is printed
        return str(exc).splitlines()[0]


class Stores:
    """New stores on one backend: SQLite files in a folder, or PostgreSQL schemas dropped at the end."""

    def __init__(self, backend: str, folder: Path) -> None:
        self.backend, self.folder, self.schemas = backend, folder, []

    def new(self, name: str) -> str:
        if self.backend == "sqlite":
            path = self.folder / f"{name}-{uuid.uuid4().hex[:6]}.db"
            return str(path)
        from sqlalchemy import create_engine, text

        schema = f"lbcampaign_{uuid.uuid4().hex[:12]}"
        admin = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://"))
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
        self.schemas.append(schema)
        sep = "&" if "?" in PG_URL else "?"
        return f"{PG_URL}{sep}options=-csearch_path%3D{schema}"

    def close(self) -> None:
        if not self.schemas:
            return
        from sqlalchemy import create_engine, text

        admin = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://"))
        with admin.begin() as conn:
            for schema in self.schemas:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def _engine(url: str) -> Any:
    from sqlalchemy import create_engine

    from lagebild.store.base import resolve_url

    return create_engine(resolve_url(url).replace("postgresql://", "postgresql+psycopg://"))


def counts(url: str, tables: tuple[str, ...]) -> dict[str, int]:
    from sqlalchemy import text

    engine = _engine(url)
    try:
        with engine.connect() as conn:
            return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}
    finally:
        engine.dispose()


def integrity(url: str) -> list[str]:
    """What is wrong with a store: the database's own check (SQLite), rows whose reference
    points nowhere, articles marked analysed without their layers."""
    from sqlalchemy import inspect, text

    problems = []
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                verdict = conn.execute(text("PRAGMA integrity_check")).scalar_one()
                if verdict != "ok":
                    problems.append(f"integrity_check: {verdict}")
                for row in conn.execute(text("PRAGMA foreign_key_check")):
                    problems.append(f"foreign key: {tuple(row)}")
            present = set(inspect(conn).get_table_names())
            for table, column, target, key in REFERENCES:
                if table not in present or target not in present:
                    continue
                n = conn.execute(text(f"SELECT count(*) FROM {table} x WHERE x.{column} IS NOT NULL AND NOT EXISTS "
                                      f"(SELECT 1 FROM {target} y WHERE y.{key} = x.{column})")).scalar_one()
                if n:
                    problems.append(f"{n} {table} row(s) whose {column} is no {target}.{key}")
            if {"analysis_runs", "analyses"} <= present:
                layers = conn.execute(text("SELECT count(DISTINCT layer) FROM analyses")).scalar_one()
                short = conn.execute(text(
                    "SELECT count(*) FROM analysis_runs r WHERE (SELECT count(*) FROM analyses a "
                    "WHERE a.article_id = r.article_id) < :n"), {"n": layers}).scalar_one()
                if short:
                    problems.append(f"{short} article(s) marked analysed with layers missing")
    finally:
        engine.dispose()
    return problems


def check_integrity(url: str, tally: dict[str, int], part: Part, where: str) -> None:
    """Count and report (as ``where: problems``) what :func:`integrity` finds in the store."""
    problems = integrity(url)
    if problems:
        tally["integrity errors"] += len(problems)
        part.fail(f"{where}: {problems}")


# --- a corpus of distinct articles ------------------------------------------------------------


def make_corpus(folder: Path, n: int) -> Path:
    """``n`` distinct articles as .txt files: the demo corpus, and beyond it its articles again
    with their paragraphs in another order under a numbered heading."""
    from lagebild.demo import corpus_dir

    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(corpus_dir().glob("*.txt"))
    for i in range(n):
        src = sources[i % len(sources)]
        text = src.read_text("utf-8")
        if i >= len(sources):
            head, body = "", text
            if text.startswith("---\n"):
                front, _, body = text[4:].partition("\n---\n")
                head = "---\n" + front + "\n---\n"
            paragraphs = [p for p in body.split("\n\n") if p.strip()]
            k = (i // len(sources)) % len(paragraphs)
            text = head + f"Meldung {i}.\n\n" + "\n\n".join(paragraphs[k:] + paragraphs[:k]) + "\n"
        (folder / f"{i:04d}.txt").write_text(text, encoding="utf-8")
    return folder


# --- part: fuzz ------------------------------------------------------------------------------

HOSTILE = [
    "---\na: &a [1,2]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\ntitle: *c\n---\n",
    '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>',
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
    "published: 2024-13-45\n", "published: 2024-01-02T10:00:00+99:00\n", "date: 0000-00-00\n",
    '"\\uD800"', "\ud800", "\x00", "\ufeff", "\r", "\u2028", "\x1b[31m",
    "[" * 3000, "{" * 3000, "<div>" * 3000, "- " * 3000,
    "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "title: !!python/object/apply:os.system ['true']\n",
    "&#0; &#x110000; &#xD800; &lt;&amp;", "%s%n%x", "' OR 1=1 --", "../" * 40 + "etc/passwd",
    "A" * 5000, "ä" * 3000, "\u202e", "🙂" * 500,
]

SUFFIXES = (".txt", ".md", ".html", ".jsonl", ".rss", ".atom", ".xml", ".meldung")


def _fuzz_strategy() -> Any:
    from hypothesis import strategies as st

    words = st.lists(st.sampled_from(
        "Kiew Moskau Nordkorea Raketen meldete Montag Angriff Sprecher sagte laut Regierung Bericht "
        "the attack Monday said according reports 1 Million 2024 15. Januar".split()), min_size=3, max_size=40)
    noise = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=80))
    # news-like words, mostly with something hostile or random put in somewhere
    text = st.builds(lambda w, piece, at: " ".join(w[:at % len(w)] + [piece] + w[at % len(w):]),
                     words, st.one_of(st.just(""), noise, noise), st.integers(0, 40))
    meta = st.dictionaries(st.sampled_from(["title", "published", "date", "outlet", "url", "language", "id", "x"]),
                           st.one_of(text, st.integers(), st.none(), st.lists(text, max_size=3)), max_size=5)

    def render(kind: str, body: str, data: dict, extra: str) -> str:
        if kind == ".md" or kind == ".txt":
            head = "---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in data.items()) + "---\n" if data else ""
            return extra + head + body if extra.startswith("---") else head + body + extra
        if kind == ".html":
            return (f"<!doctype html><html lang=de><head><title>{data.get('title', '')}</title></head><body>"
                    f"<article><h1>{data.get('title', '')}</h1><p>{body}</p><p>{extra}</p></article></body></html>")
        if kind == ".jsonl":
            return json.dumps({**data, "text": body + extra}, default=str) + "\n" + extra + "\n"
        if kind in (".rss", ".xml"):
            return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{data.get("outlet", "")}</title>'
                    f"<item><title>{data.get('title', '')}</title><link>{data.get('url', '')}</link>"
                    f"<description>{body}{extra}</description><pubDate>{data.get('date', '')}</pubDate>"
                    "</item></channel></rss>")
        if kind == ".atom":
            return (f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{data.get("outlet", "")}</title>'
                    f"<entry><title>{data.get('title', '')}</title><content>{body}{extra}</content></entry></feed>")
        return body + extra

    def mutate(raw: bytes, cuts: list[tuple[int, int]]) -> bytes:
        data = bytearray(raw)
        for position, value in cuts:
            if not data:
                break
            i = position % len(data)
            if value < 0:
                del data[i:]  # truncated
            else:
                data[i] = value % 256
        return bytes(data)

    encodings = st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-16", "latin-1", "utf-8-sig"])
    cuts = st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(-1, 255)), max_size=3)
    return st.builds(lambda kind, body, data, extra, encoding, cuts: (
        kind, mutate(render(kind, body, data, extra).encode(
            encoding, "surrogatepass" if encoding.startswith("utf") else "replace"), cuts)),
        st.sampled_from(SUFFIXES + ("-",)), text, meta, st.one_of(st.just(""), st.sampled_from(HOSTILE)),
        encodings, cuts)


def part_fuzz(part: Part, folder: Path, examples: int, seed: int, hang_seconds: float = 20.0) -> None:
    """Each generated input alone through ``ingest_paths`` into one store (stdin for '-')."""
    import io

    import warnings

    from hypothesis import HealthCheck, Phase, given, seed as hypothesis_seed, settings
    from hypothesis.errors import HypothesisWarning

    from lagebild.ingest import Limits

    warnings.filterwarnings("ignore", category=HypothesisWarning)
    from lagebild.services import commands
    from lagebild.store import Store

    store = Store.open(str(folder / "fuzz.db"))
    limits = Limits(file_seconds=10)
    tally = {"inputs": 0, "stored": 0, "reported": 0, "crashes": 0, "hangs": 0, "unreported": 0, "cut off": 0}
    slowest = [0.0]
    start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    @hypothesis_seed(seed)
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(_fuzz_strategy())
    def one(case: tuple[str, bytes]) -> None:
        kind, raw = case
        tally["inputs"] += 1
        n = tally["inputs"]
        seen: list[tuple[str, bool | None, str]] = []

        def on_item(item: Any, added: bool | None) -> None:
            seen.append((item.source, added, getattr(item, "reason", "")))

        started = time.monotonic()
        try:
            if kind == "-":
                name = "stdin"
                stream = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", errors="strict")
                commands.ingest_paths(store, ["-"], stdin=stream, limits=limits, on_item=on_item)
            else:
                path = folder / "in" / f"{n:05d}{kind}"
                path.parent.mkdir(exist_ok=True)
                path.write_bytes(raw)
                name = str(path)
                commands.ingest_paths(store, [path], limits=limits, on_item=on_item)
        except BaseException as exc:  # the finding itself: anything escaping is a crash
            if isinstance(exc, KeyboardInterrupt):
                raise
            tally["crashes"] += 1
            part.fail(f"{kind} input {n}: {type(exc).__name__}: {exc} (input {raw[:200]!r})")
            return
        took = time.monotonic() - started
        slowest[0] = max(slowest[0], took)
        if took > hang_seconds:
            tally["hangs"] += 1
            part.fail(f"{kind} input {n} took {took:.1f} s")
        mine = [s for s in seen if s[0] == name or s[0].startswith(name + ":") or s[0].startswith(name + "#")]
        if not mine:
            tally["unreported"] += 1
            part.fail(f"{kind} input {n}: neither stored nor reported (input {raw[:200]!r})")
        elif any(added is None and not reason.strip() for _, added, reason in mine):
            tally["unreported"] += 1
            part.fail(f"{kind} input {n}: reported without a reason")
        if any(added is not None for _, added, _ in mine):
            tally["stored"] += 1
        if any(added is None for _, added, _ in mine):
            tally["reported"] += 1
        if any("file_seconds" in reason for _, _, reason in mine):
            tally["cut off"] += 1

    one()
    for article in store.iter_articles():  # everything stored reads back and encodes
        article.text.encode("utf-8")
    store.close()
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start_rss) / 1024
    if grown > 1024:
        part.fail(f"memory grew by {grown:.0f} MiB over the fuzz run")
    part.figures.update(tally)
    part.figures["slowest input s"] = round(slowest[0], 2)
    part.figures["memory growth MiB"] = round(grown)


# --- part: kill -9 -------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def stage_args(stage: str, url: str, corpus: Path) -> list[str]:
    if stage == "ingest":
        return ["ingest", str(corpus), "--db", url]
    if stage == "analyze":
        return ["analyze", "--db", url, "--workers", "2"]
    return ["link", "--db", url]


@dataclass
class Reference:
    """A run never killed: counts after each stage and how long each stage took."""

    counts: dict[str, dict[str, int]]
    seconds: dict[str, float]


def in_process(url: str, stages: tuple[str, ...], corpus: Path | None = None) -> dict[str, float]:
    """Run ``stages`` on the store at ``url`` in this process (no start-up per stage, models
    loaded once); the seconds each took."""
    from lagebild.services import commands
    from lagebild.store import Store

    took = {}
    store = Store.open(url)
    try:
        for stage in stages:
            started = time.monotonic()
            if stage == "ingest":
                commands.ingest_paths(store, [corpus])
            elif stage == "analyze":
                commands.analyze(store, workers=1)
            else:
                commands.link_store(store)
            took[stage] = time.monotonic() - started
    finally:
        store.close()
    return took


def reference_run(stores: Stores, corpus: Path) -> Reference:
    """The counts after each stage of a run never killed (in this process)."""
    url = stores.new("reference")
    result = Reference({}, {})
    for stage in STAGES:
        result.seconds.update(in_process(url, (stage,), corpus))
        result.counts[stage] = counts(url, STAGE_TABLES[stage])
    return result


def _prepared(stores: Stores, stage: str, corpus: Path, cache: dict[str, str]) -> str:
    """A store with the stages before ``stage`` done (SQLite: copied from one made once)."""
    before = STAGES[:STAGES.index(stage)]
    if stores.backend == "sqlite" and before:
        key = before[-1]
        if key not in cache:
            url = stores.new(f"base-{key}")
            in_process(url, before, corpus)
            cache[key] = url
        url = stores.new(f"kill-{stage}")
        shutil.copy(cache[key], url)
        return url
    url = stores.new(f"kill-{stage}")
    in_process(url, before, corpus)
    return url


#: seconds a lagebild command needs before its stage starts (imports, models), added to the
#: stage's own time when the moment of the kill is drawn
STARTUP = 4.0


def part_kill(part: Part, folder: Path, corpus: Path, kills: int, seed: int, backends: list[str],
              stages: tuple[str, ...] = STAGES) -> None:
    """``kills`` runs per backend, the stages in turn, each killed at a random moment."""
    rng = random.Random(seed)
    done = {"kills": 0, "integrity errors": 0, "lost or duplicated": 0, "orphaned workers": 0}
    for backend in backends:
        stores = Stores(backend, folder)
        try:
            ref = reference_run(stores, corpus)
            print(f"  kill {backend}: clean run in process " + ", ".join(f"{s} {ref.seconds[s]:.1f} s" for s in STAGES)
                  + f"; after link {ref.counts['link']}", flush=True)
            cache: dict[str, str] = {}
            whole = {stage: STARTUP + ref.seconds[stage] for stage in STAGES}  # a command's time, learnt
            for n in range(kills):
                stage = stages[n % len(stages)]
                for _attempt in range(3):  # a command that ended before its moment is tried again, sooner
                    url = _prepared(stores, stage, corpus, cache)
                    # a moment inside the command: from its start (loading) to near its end (writing)
                    delay = rng.uniform(0.2, whole[stage] * 0.95)
                    proc = cli(*stage_args(stage, url, corpus))
                    started = time.monotonic()
                    watched: set[int] = set()
                    while time.monotonic() < started + delay and proc.poll() is None:
                        watched.update(_children(proc.pid))
                        time.sleep(0.05)
                    finished = proc.poll() is not None
                    if not finished:
                        os.kill(proc.pid, signal.SIGKILL)
                        proc.communicate()
                        break
                    proc.communicate()
                    whole[stage] = time.monotonic() - started
                done["kills"] += 0 if finished else 1
                limit = time.monotonic() + 10
                while time.monotonic() < limit and any(_alive(w) for w in watched):
                    time.sleep(0.2)
                left = [w for w in watched if _alive(w)]
                if left:
                    done["orphaned workers"] += len(left)
                    part.fail(f"{backend} {stage}: {len(left)} worker(s) alive 10 s after kill -9")
                    for w in left:
                        os.kill(w, signal.SIGKILL)
                check_integrity(url, done, part, f"{backend} {stage} killed after {delay:.1f} s")
                run_cli(*stage_args(stage, url, corpus))  # again, to completion
                got = counts(url, STAGE_TABLES[stage])
                if got != ref.counts[stage]:
                    done["lost or duplicated"] += 1
                    part.fail(f"{backend} {stage} killed after {delay:.1f} s, run again: {got} "
                              f"!= never killed {ref.counts[stage]}")
                check_integrity(url, done, part, f"{backend} {stage} after the second run")
                print(f"  kill {backend} {stage} at {delay:.1f} s"
                      + (" (had finished)" if finished else "") + ": checked", flush=True)
        finally:
            stores.close()
    part.figures.update(done)


# --- part: concurrent writers --------------------------------------------------------------


SCENARIOS = ("ingest+ingest", "ingest+analyze", "ingest+link")


def part_concurrent(part: Part, folder: Path, corpus: Path, rounds: int, backends: list[str],
                    scenarios: tuple[str, ...] = SCENARIOS) -> None:
    """Two writers at once: two ingests of overlapping halves of the corpus on one new store; an
    ingest beside analyze, and beside link, on a store holding the first half."""
    files = sorted(corpus.glob("*.txt"))
    third = max(1, len(files) // 3)
    halves = {"a": files[:2 * third], "b": files[third:]}  # overlapping: the middle third twice
    dirs = {}
    for key, members in halves.items():
        d = folder / f"half-{key}"
        d.mkdir(exist_ok=True)
        for f in members:
            shutil.copy(f, d / f.name)
        dirs[key] = d
    tally = {"concurrent runs": 0, "errors": 0, "lost or duplicated": 0, "integrity errors": 0}
    for backend in backends:
        stores = Stores(backend, folder)
        try:
            ref = reference_run(stores, corpus)
            for _ in range(rounds):
                for scenario in scenarios:
                    url = stores.new("conc")
                    first = dirs["a"]
                    if scenario != "ingest+ingest":
                        in_process(url, ("ingest", "analyze") if scenario == "ingest+link" else ("ingest",), first)
                    other = {"ingest+ingest": ["ingest", str(first), "--db", url],
                             "ingest+analyze": ["analyze", "--db", url, "--workers", "1"],
                             "ingest+link": ["link", "--db", url]}[scenario]
                    procs = [cli("ingest", str(dirs["b"]), "--db", url), cli(*other)]
                    for proc in procs:
                        _, err = proc.communicate(timeout=900)
                        tally["concurrent runs"] += 1
                        if proc.returncode not in (0, 3) or "Traceback" in err:
                            tally["errors"] += 1
                            part.fail(f"{backend} {scenario}: {' '.join(proc.args[3:5])} exited {proc.returncode}: "
                                      f"{err[-600:]}")
                    check_integrity(url, tally, part, f"{backend} {scenario}")
                    # finish the chain one step at a time: the result must equal the clean run's
                    in_process(url, ("analyze", "link"))
                    got = counts(url, STAGE_TABLES["analyze"])
                    if got != ref.counts["analyze"]:
                        tally["lost or duplicated"] += 1
                        part.fail(f"{backend} {scenario}: {got} != clean run {ref.counts['analyze']}")
                    linked = counts(url, ("articles", "story_articles"))
                    if linked["story_articles"] != linked["articles"]:
                        tally["lost or duplicated"] += 1
                        part.fail(f"{backend} {scenario}: {linked['articles']} articles but "
                                  f"{linked['story_articles']} in stories")
                    print(f"  concurrent {backend} {scenario}: checked", flush=True)
        finally:
            stores.close()
    part.figures.update(tally)


# --- part: hash seeds ----------------------------------------------------------------------


def part_hashseed(part: Part, folder: Path, corpus: Path, seeds: tuple[str, ...] = ("1", "2", "31337")) -> None:
    base = folder / "hash-base.db"
    in_process(str(base), ("ingest", "analyze"), corpus)
    pictures = []
    for seed in seeds:
        db = folder / f"hash-{seed}.db"
        shutil.copy(base, db)
        run_cli("link", "--db", str(db), env=env(PYTHONHASHSEED=seed))
        out = folder / f"hash-{seed}.json"
        run_cli("export", "--db", str(db), "--format", "json", "-o", str(out), env=env(PYTHONHASHSEED=seed))
        doc = json.loads(out.read_text("utf-8"))
        pictures.append({k: v for k, v in doc.items() if k not in ("generated", "generated_at", "created")})
    for seed, picture in zip(seeds[1:], pictures[1:]):
        for section in pictures[0]:
            if picture.get(section) != pictures[0][section]:
                part.fail(f"'{section}' differs between PYTHONHASHSEED={seeds[0]} and {seed}")
    part.figures.update({"seeds": len(seeds), "stories": len(pictures[0].get("stories", [])),
                         "facts": len(pictures[0].get("facts", []))})


# --- part: the API -------------------------------------------------------------------------

TOKEN = "campaign-token"

ATTACKS = [
    "/api/v1/articles/..%2F..%2F..%2Fetc%2Fpasswd", "/api/v1/stories/' OR '1'='1", "/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/api/v1/search?q=' OR 1=1 --", "/api/v1/search?q=%00", "/api/v1/search?q=" + "a" * 5000,
    "/search?q=<script>alert(1)</script>", "/api/v1/facts?limit=-1", "/api/v1/facts?limit=100000000000000000000",
    "/api/v1/stories?offset=-5", "/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
    "/api/v1/entities/%00", "/api/v1/articles?outlet=%27%3B%20DROP%20TABLE%20articles%3B--",
    "/stories/<svg onload=alert(1)>", "/api/v1/stories/" + "x" * 10000, "/api/v1/search?q=" + "%ff%fe" * 10,
]


def part_api(part: Part, folder: Path, db: Path, examples: int) -> None:
    import schemathesis
    from fastapi.testclient import TestClient
    from hypothesis import HealthCheck, Phase, given, settings

    from lagebild.app import create_app

    target = folder / "api-target.db"
    shutil.copy(db, target)
    app = create_app(str(target), token=TOKEN, max_body=20_000)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    tally = {"schemathesis cases": 0, "operations": 0, "5xx": 0, "attack requests": 0}
    for result in schema.get_all_operations():
        operation = result.ok()
        tally["operations"] += 1
        headers = {"Authorization": f"Bearer {TOKEN}"} if operation.method.upper() == "POST" else {}

        @settings(max_examples=examples if operation.method.upper() == "GET" else max(3, examples // 5),
                  deadline=None, database=None, phases=[Phase.generate], suppress_health_check=list(HealthCheck))
        @given(operation.as_strategy())
        def check(case: Any) -> None:
            tally["schemathesis cases"] += 1
            response = case.call(headers=headers, timeout=120)
            if response.status_code >= 500:
                tally["5xx"] += 1
                part.fail(f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:200]}")

        check()
    client = TestClient(app)
    article = {"text": "Ein kurzer Bericht aus Kiew."}
    for token in ("", "wrong", TOKEN + "x", TOKEN.upper()):
        r = client.post("/api/v1/articles", json=[article], headers={"Authorization": f"Bearer {token}"} if token else {})
        tally["attack requests"] += 1
        if r.status_code != 401:
            part.fail(f"POST with token {token!r}: {r.status_code}, not 401")
    big = json.dumps([{"text": "x" * 30_000}])
    r = client.post("/api/v1/articles", content=big, headers={"Authorization": f"Bearer {TOKEN}",
                                                                 "Content-Type": "application/json"})
    tally["attack requests"] += 1
    if r.status_code != 413:
        part.fail(f"declared body over the limit: {r.status_code}, not 413")

    def chunks() -> Iterator[bytes]:
        for i in range(0, len(big), 4096):
            yield big[i:i + 4096].encode()

    r = client.post("/api/v1/articles", content=chunks(), headers={"Authorization": f"Bearer {TOKEN}",
                                                                    "Content-Type": "application/json"})
    tally["attack requests"] += 1
    if r.status_code != 413:
        part.fail(f"chunked body over the limit: {r.status_code}, not 413")
    for path in ATTACKS:
        r = client.get(path)
        tally["attack requests"] += 1
        if r.status_code >= 500 or "root:x:0:0" in r.text:
            part.fail(f"GET {path[:80]}: {r.status_code} {r.text[:120]}")
        if r.headers.get("content-type", "").startswith("text/html"):
            if "content-security-policy" not in {k.lower() for k in r.headers}:
                part.fail(f"GET {path[:80]}: an HTML answer without a CSP")
            if "<script>alert(1)</script>" in r.text or "<svg onload" in r.text:
                part.fail(f"GET {path[:80]}: the payload came back unescaped")
    part.figures.update(tally)


# --- part: the browser ----------------------------------------------------------------------

XSS = [
    "<script>window.__xss='script'</script>", "<img src=x onerror=\"window.__xss='img'\">",
    "<svg onload=\"window.__xss='svg'\"></svg>", "<a href=\"javascript:window.__xss='a'\">klick</a>",
    "\"><script>window.__xss='attr'</script>", "'-alert(1)-'", "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<body onload=alert(1)>", "<details open ontoggle=alert(1)>", "{{7*7}}<script>alert(1)</script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
]
XSS_URLS = ["javascript:alert(1)", "JaVaScRiPt:window.__xss='url'", "data:text/html,<script>alert(1)</script>",
            " javascript:alert(1)", "vbscript:msgbox(1)", "https://example.org/\"><script>alert(1)</script>"]


def xss_corpus(path: Path) -> Path:
    """JSON Lines whose texts, titles, outlets and urls carry script payloads."""
    lines = []
    for i, payload in enumerate(XSS):
        text = (f"Kiew meldete am Montag einen Angriff {payload} auf die Stadt Charkiw. Ein Sprecher der "
                f"Regierung {payload} sagte, Russland habe Raketen aus Nordkorea eingesetzt. Meldung {i}.")
        lines.append({"id": f"xss{i}", "title": f"Angriff {payload}", "outlet": f"Zeitung {payload}",
                      "url": XSS_URLS[i % len(XSS_URLS)], "published": "2024-01-15", "text": text,
                      "author": payload})
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: Path) -> Iterator[str]:
    port = _free_port()
    code = f"from lagebild.app import serve; serve({str(db)!r}, '127.0.0.1', {port})"
    proc = subprocess.Popen([sys.executable, "-c", code], env=env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                with urllib.request.urlopen(base + "/api/v1/stories?limit=1", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"the server did not start: {proc.stderr.read().decode()[-1500:]}")
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


PROBE = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = (a.value || '').trim().toLowerCase();
      if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name) &&
          (v.startsWith('javascript:') || v.startsWith('data:') || v.startsWith('vbscript:'))) bad.push(el.tagName + ' ' + a.name + '=' + v.slice(0, 40));
    }
    if (el.tagName === 'SCRIPT' && /__xss|alert/.test(el.textContent)) bad.push('script ' + el.textContent.slice(0, 40));
  }
  return {xss: window.__xss || null, bad: bad};
}"""


def part_browser(part: Part, folder: Path, pages: int) -> None:
    from playwright.sync_api import sync_playwright

    db = folder / "xss.db"
    in_process(str(db), STAGES, xss_corpus(folder / "xss.jsonl"))
    tally = {"pages": 0, "with CSP": 0, "without CSP": 0, "executions": 0, "script urls as links": 0}
    with serving(db) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            for bypass in (False, True):
                context = browser.new_context(bypass_csp=bypass)
                page = context.new_page()
                dialogs: list[str] = []
                page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
                queue = ["/", "/entities", "/search?q=" + urllib.request.quote(XSS[0]),
                         "/search?q=" + urllib.request.quote(XSS[1])]
                seen: set[str] = set()
                while queue and len(seen) < pages:
                    path = queue.pop(0)
                    if path in seen:
                        continue
                    seen.add(path)
                    page.goto(base + path)
                    page.wait_for_load_state("load")
                    page.wait_for_timeout(150)  # onerror/onload payloads fire on their own
                    found = page.evaluate(PROBE)
                    tally["pages"] += 1
                    tally["without CSP" if bypass else "with CSP"] += 1
                    if found["xss"] or dialogs:
                        tally["executions"] += 1
                        part.fail(f"{path} ({'no CSP' if bypass else 'CSP'}): executed {found['xss']} {dialogs}")
                        dialogs.clear()
                    if found["bad"]:
                        tally["script urls as links"] += len(found["bad"])
                        part.fail(f"{path} ({'no CSP' if bypass else 'CSP'}): {found['bad'][:5]}")
                    for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
                        target = href.split("#")[0]
                        last = target.split("?")[0].rsplit("/", 1)[-1]
                        # pages only: not the API, static files or downloads (facts.csv, report.html)
                        if target.startswith("/") and not target.startswith(("//", "/api/", "/static/")) \
                                and "." not in last and target not in seen:
                            queue.append(target)
                # every link clicked on the first article page: none may run script
                context.close()
        finally:
            browser.close()
    part.figures.update(tally)


# --- the run -------------------------------------------------------------------------------


def run(parts: list[str], *, fuzz: int, kills: int, concurrent: int, articles: int, api_examples: int,
        pages: int, seed: int, backends: list[str] | None = None, folder: Path | None = None) -> list[Part]:
    own = folder is None
    folder = Path(tempfile.mkdtemp(prefix="lagebild-campaign-")) if own else folder
    if backends is None:
        reason = pg_available()
        backends = ["sqlite"] + ([] if reason else ["postgresql"])
        if reason:
            print(f"PostgreSQL is not used: {reason}")
    results = []
    try:
        corpus = make_corpus(folder / "corpus", articles)
        for name in parts:
            part = Part(name)
            started = time.monotonic()
            print(f"== {name}", flush=True)
            try:
                if name == "fuzz":
                    part_fuzz(part, folder, fuzz, seed)
                elif name == "kill":
                    part_kill(part, folder, corpus, kills, seed, backends)
                elif name == "concurrent":
                    part_concurrent(part, folder, corpus, concurrent, backends)
                elif name == "hashseed":
                    part_hashseed(part, folder, corpus)
                elif name == "api":
                    api_db = folder / "api-base.db"
                    if not api_db.exists():
                        in_process(str(api_db), STAGES, corpus)
                    part_api(part, folder, api_db, api_examples)
                elif name == "browser":
                    part_browser(part, folder, pages)
                else:
                    raise ValueError(f"unknown part {name!r}; parts: {', '.join(PARTS)}")
            except Exception as exc:  # a part that cannot run is a failure of the campaign
                part.fail(f"the part stopped: {type(exc).__name__}: {exc}")
            part.seconds = time.monotonic() - started
            print(part.line(), flush=True)
            results.append(part)
    finally:
        if own:
            shutil.rmtree(folder, ignore_errors=True)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parts", default=",".join(PARTS), help="comma-separated parts (default: all)")
    parser.add_argument("--fuzz", type=int, default=1000, help="fuzzed inputs (default 1000)")
    parser.add_argument("--kills", type=int, default=12, help="kill -9 runs per backend (default 12)")
    parser.add_argument("--concurrent", type=int, default=2, help="rounds of the concurrent scenarios per backend")
    parser.add_argument("--articles", type=int, default=60, help="articles in the kill and concurrency corpus")
    parser.add_argument("--api-examples", type=int, default=100, help="schemathesis cases per GET operation")
    parser.add_argument("--pages", type=int, default=60, help="pages opened per browser mode")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--backends", help="sqlite,postgresql (default: sqlite, and postgresql where it answers)")
    args = parser.parse_args()
    started = time.monotonic()
    results = run([p.strip() for p in args.parts.split(",") if p.strip()], fuzz=args.fuzz, kills=args.kills,
                  concurrent=args.concurrent, articles=args.articles, api_examples=args.api_examples,
                  pages=args.pages, seed=args.seed,
                  backends=args.backends.split(",") if args.backends else None)
    print(f"\n== campaign ({time.monotonic() - started:.0f} s)")
    for part in results:
        print(part.line())
    return 1 if any(p.failures for p in results) else 0


if __name__ == "__main__":
    sys.exit(main())
