"""The command line end to end: ingest → analyze → link → export / report, bad input, crashes."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from lagebild import settings
from lagebild.cli.main import EXIT_SKIPPED, app
from tests.conftest import shared_path

runner = CliRunner()


def run(*args: str, ok: tuple[int, ...] = (0,)):
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code in ok, result.output
    return result


def schema() -> dict:
    return json.loads(resources.files("lagebild.schema").joinpath("lagebild-1.schema.json").read_text("utf-8"))


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.write_bytes if isinstance(text, bytes) else path.write_text)(text)
    return path


@pytest.mark.parametrize("command", [[], ["ingest"], ["analyze"], ["link"], ["export"], ["report"], ["info"],
                                     ["demo"], ["eval"], ["serve"], ["entities"], ["entities", "merge"]])
def test_cli_help_everywhere(command):
    result = run(*command, "--help")
    assert "Usage" in result.output


def test_cli_ingest_export_on_the_seeds_validates(tmp_path):
    seeds = shared_path("seeds")
    db = str(tmp_path / "seeds.db")
    run("ingest", "--db", db, str(seeds))
    # the .txt files and seeds.jsonl carry the same three articles: stored once each
    info = json.loads(run("info", "--db", db, "--json").output)
    assert info["counts"]["articles"] == 3
    run("analyze", "--db", db, "--workers", "1")
    again = run("analyze", "--db", db, "--workers", "1")
    assert "analyzed 0 article(s), 3 already up to date" in again.output
    linked = run("link", "--db", db).output.strip()
    assert re.fullmatch(r"linked 3 articles in \d+(\.\d)? m?s: \d+ new facts?, \d+ stor(y|ies) touched, "
                        r"\d+ discrepanc(y|ies)(, \d+ duplicate articles?)?", linked), linked
    assert "{" not in linked and "full" not in linked
    assert run("link", "--db", db).output.startswith("nothing new to link (")
    out = tmp_path / "picture.json"
    run("export", "--db", db, "--format", "json", "-o", str(out))
    doc = json.loads(out.read_text())
    jsonschema.validate(doc, schema())
    assert len(doc["articles"]) == 3
    text = {a["id"]: a for a in doc["articles"]}
    assert {a["published"] for a in text.values()} >= {"2024-01-21"}
    run("export", "--db", db, "--format", "csv", "-o", str(tmp_path / "csv"))
    assert {p.name for p in (tmp_path / "csv").iterdir()} == {"entities.csv", "events.csv", "facts.csv"}
    run("export", "--db", db, "--format", "graphml", "-o", str(tmp_path / "g.graphml"))
    assert (tmp_path / "g.graphml").read_text().startswith("<?xml")


def test_cli_bad_inputs_are_reported_and_skipped(tmp_path):
    src = tmp_path / "in"
    write(src / "good.txt", "---\ntitle: Gut\npublished: 2024-02-01\nlanguage: de\n---\nMoskau bestreitet die Lieferungen.")
    write(src / "binary.txt", b"\x00\x01\x02\x03" * 100)
    write(src / "empty.txt", "")
    write(src / "broken.jsonl", '{"text": "Pjöngjang liefert Granaten.", "language": "de"}\n{not json\n')
    write(src / "big.txt", "x" * 2000)
    db = str(tmp_path / "bad.db")
    result = run("ingest", "--db", db, "--max-bytes", "1000", str(src), ok=(EXIT_SKIPPED,))
    for name in ("binary.txt", "empty.txt", "broken.jsonl:2", "big.txt"):
        assert name in result.output, result.output
    info = json.loads(run("info", "--db", db, "--json").output)
    assert info["counts"]["articles"] == 2
    assert info["counts"]["problems"] == 4
    # a second run stores nothing twice and loses nothing
    run("ingest", "--db", db, "--max-bytes", "1000", str(src), ok=(EXIT_SKIPPED,))
    assert json.loads(run("info", "--db", db, "--json").output)["counts"]["articles"] == 2


def test_cli_rejects_bad_options(tmp_path):
    result = runner.invoke(app, ["ingest", "--db", str(tmp_path / "x.db"), "--published", "gestern", "x"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "x.db"), "--format", "pdf"])
    assert result.exit_code == 2 and "unknown format" in result.output


@pytest.mark.parametrize("command, name", [(["ingest"], "db"), (["ingest"], "max_bytes"), (["analyze"], "workers"),
                                           (["demo"], "workers"), (["serve"], "db")])
def test_cli_help_shows_each_setting_with_its_variable_and_default(command, name):
    item = settings.setting(name)
    text = " ".join(runner.invoke(app, [*command, "--help"], env={"COLUMNS": "400"}).output.split())
    assert item.help in text and f"${item.env} or {item.default}" in text


def test_cli_bad_setting_is_reported_not_raised(tmp_path, monkeypatch):
    monkeypatch.setenv("LAGEBILD_WORKERS", "many")
    result = runner.invoke(app, ["analyze", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "$LAGEBILD_WORKERS" in result.output and "'workers'" in result.output


def test_cli_kill_9_during_ingest_leaves_a_consistent_store(tmp_path):
    src = tmp_path / "many"
    n = 1500
    for i in range(n):
        write(src / f"{i:05d}.txt", f"---\nlanguage: de\n---\nMeldung Nummer {i}: Moskau und Pjöngjang vertiefen ihre Beziehungen.")
    db = tmp_path / "kill.db"
    cmd = [sys.executable, "-m", "lagebild.cli", "ingest", "--db", str(db), str(src)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:  # wait until some articles are committed, then kill hard
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    if conn.execute("select count(*) from articles").fetchone()[0] > 50:
                        break
            except sqlite3.OperationalError:
                pass
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        stored = conn.execute("select count(*) from articles").fetchone()[0]
        assert conn.execute("select count(*) from articles where text is null or text = ''").fetchone()[0] == 0
    assert 0 < stored < n, "the kill came too late to test anything"
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == n


def test_cli_report_escapes_article_text(tmp_path):
    db = str(tmp_path / "x.db")
    write(tmp_path / "evil.txt", "---\nlanguage: de\ntitle: <img src=x onerror=alert(1)>\n---\n"
                                 "Moskau <script>alert('x')</script> liefert nichts.")
    run("ingest", "--db", db, str(tmp_path / "evil.txt"))
    run("analyze", "--db", db, "--workers", "1")
    run("link", "--db", db)
    out = tmp_path / "r.html"
    run("report", "--db", db, "-o", str(out))
    html = out.read_text()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html


def test_cli_demo_builds_store_and_report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path.parent)
    result = run("demo", "--out", tmp_path.name, "--workers", "1")  # a relative folder
    assert (tmp_path / "lagebild-demo.db").exists()
    html = (tmp_path / "lagebild-demo.html").read_text()
    assert "lagebild serve" in result.output and "lagebild-demo.html" in result.output
    shown = dict(line.strip().split(": ", 1) for line in result.output.splitlines()
                 if line.strip().startswith(("store:", "report:")))
    # both printed absolute, so they work from any folder
    assert Path(shown["store"].strip()) == (tmp_path / "lagebild-demo.db").resolve()
    assert Path(shown["report"].strip()) == (tmp_path / "lagebild-demo.html").resolve()
    assert html.count('class="source"') >= 20
    doc = json.loads(run("export", "--db", str(tmp_path / "lagebild-demo.db")).output)
    jsonschema.validate(doc, schema())
    assert {a["language"] for a in doc["articles"]} == {"de", "en"}
    assert len(doc["stories"]) >= 2 and doc["entities"]
    counts = next(line for line in result.output.splitlines() if " stor" in line and " fact" in line)
    assert re.fullmatch(r"\s*\d+ entit(y|ies), \d+ stor(y|ies), \d+ facts?, \d+ discrepanc(y|ies)", counts)
    assert not re.search(r"\b1 (entities|stories|facts|discrepancies)\b", counts)
