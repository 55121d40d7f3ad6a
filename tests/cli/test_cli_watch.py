"""``lagebild watch`` and ``lagebild ingest URL`` against a site on 127.0.0.1: new items are
ingested, analysed and linked, an unchanged round says so and stores nothing, Ctrl-C stops
cleanly with the store intact; bad arguments are refused with their reason."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lagebild import services
from lagebild.cli.main import EXIT_SKIPPED, app
from lagebild.services import queries
from tests.ingest.test_watch import _publish
from tests.ingest.webserver import Site, site  # noqa: F401 - the fixture

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def _counts(db: Path) -> dict[str, int]:
    store = services.open_store(db, create=False)
    try:
        return queries.info(store)["counts"]
    finally:
        store.close()


@pytest.mark.slow
def test_cli_watch_ingests_analyses_links_then_skips_an_unchanged_round(site: Site, tmp_path: Path) -> None:
    feed = _publish(site, ["/politik/munition", "/politik/treffen"])
    db = tmp_path / "live.db"
    result = runner.invoke(app, ["watch", feed, "--db", str(db), "--every", "0s", "--rounds", "2", "--workers", "1",
                                 "--pause", "0"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2, lines
    assert "round 1: 1 source(s), 0 unchanged, 1 changed, 0 failed; 2 new article(s)" in lines[0]
    assert "; analysed 2; linked 2 articles in " in lines[0] and "new fact" in lines[0], lines[0]
    assert "round 2: 1 source(s), 1 unchanged, 0 changed, 0 failed; 0 new article(s), 0 already stored, " \
           "0 skipped" in lines[1]
    assert "analysed" not in lines[1]
    counts = _counts(db)
    assert (counts["articles"], counts["analysis_runs"]) == (2, 2)
    assert counts["entities"] > 0 and counts["stories"] > 0  # linked
    assert site.statuses("/feed.xml") == [200, 304]


def test_cli_watch_reports_a_failing_source_with_exit_3(site: Site, tmp_path: Path) -> None:
    result = runner.invoke(app, ["watch", site.url("/gone.xml"), "--db", str(tmp_path / "w.db"), "--every", "0",
                                 "--rounds", "1"])
    assert result.exit_code == EXIT_SKIPPED, result.output
    assert f"skipped {site.url('/gone.xml')}: HTTP 404 Not Found" in " ".join(result.stderr.split())
    assert "1 failed; 0 new article(s)" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--every", "soon"], "--every takes a number of seconds, minutes or hours"),
    (["--every", "1m", "feeds/missing.txt"], "neither an http(s) address"),
])
def test_cli_watch_refuses_bad_arguments(args: list[str], message: str, tmp_path: Path) -> None:
    sources = [a for a in args if not a.startswith("-") and a not in ("soon", "1m")] or ["https://example.org/f"]
    options = [a for a in args if a not in sources]
    result = runner.invoke(app, ["watch", *sources, "--db", str(tmp_path / "w.db"), *options])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert not (tmp_path / "w.db").exists()


@pytest.mark.slow
def test_cli_watch_stops_cleanly_on_ctrl_c(site: Site, tmp_path: Path) -> None:
    feed = _publish(site, ["/politik/munition"])
    db = tmp_path / "live.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, "-m", "lagebild", "watch", feed, "--db", str(db), "--every", "1h",
                             "--workers", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        first = proc.stdout.readline()  # the first round's line: then it sleeps
        assert "round 1:" in first and "1 new article(s)" in first, first + proc.stderr.read()
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "stopped after 1 round(s)" in err and "Traceback" not in err
    assert _counts(db)["articles"] == 1


def test_cli_ingest_a_url(site: Site, tmp_path: Path) -> None:
    _publish(site, ["/politik/munition"])
    db = str(tmp_path / "u.db")
    result = runner.invoke(app, ["ingest", site.url("/politik/munition"), "--db", db])
    assert result.exit_code == 0, result.output
    assert "ingested 1 new article(s), 0 already stored, 0 skipped" in result.stdout
    result = runner.invoke(app, ["ingest", site.url("/politik/missing"), "--db", db])
    assert result.exit_code == EXIT_SKIPPED
    assert f"{site.url('/politik/missing')}: HTTP 404 Not Found" in " ".join(result.stderr.split())


def test_cli_watch_state_file_makes_a_second_run_conditional(site: Site, tmp_path: Path) -> None:
    feed = _publish(site, ["/politik/munition"])
    args = ["watch", feed, "--db", str(tmp_path / "s.db"), "--rounds", "1", "--no-follow",
            "--state", str(tmp_path / "watch.json"), "--workers", "1"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "1 new article(s)" in first.stdout
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "1 unchanged, 0 changed, 0 failed; 0 new article(s)" in second.stdout
    assert site.statuses("/feed.xml") == [200, 304]
