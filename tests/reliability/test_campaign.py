"""A bounded sample of the reliability campaign (``benchmarks/reliability_campaign.py``) in every
test run: fuzzed input for every reader, ``kill -9`` in ingest, analyze and link, concurrent
writers, the API under generated and hostile requests, script payloads in Chromium.  The full
campaign is one command (see docs/reliability.md); this sample keeps its promises from breaking
unnoticed.  The checkers themselves are tested to fail on a planted fault."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _campaign() -> Any:
    spec = importlib.util.spec_from_file_location("reliability_campaign", ROOT / "benchmarks" / "reliability_campaign.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


campaign = _campaign()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return campaign.make_corpus(tmp_path_factory.mktemp("corpus") / "in", 9)


@pytest.fixture(scope="module")
def pg() -> None:
    reason = campaign.pg_available()
    if reason:
        pytest.skip(f"PostgreSQL at {campaign.PG_URL} does not answer: {reason}")


def _held(part: Any) -> None:
    print(part.line())
    assert part.failures == [], "\n".join(part.failures)


def test_campaign_fuzz_sample(tmp_path: Path) -> None:
    part = campaign.Part("fuzz")
    campaign.part_fuzz(part, tmp_path, examples=50, seed=19)
    _held(part)
    assert part.figures["inputs"] == 50 and part.figures["stored"] > 0 and part.figures["reported"] > 0


def test_campaign_fuzzer_finds_a_planted_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lagebild.ingest import draft

    real = draft.finish

    def crashing(d: Any, overrides: Any, max_line: int = 1_000_000) -> Any:
        if "Kiew" in d.text:
            raise ValueError("planted")
        return real(d, overrides, max_line)

    monkeypatch.setattr("lagebild.ingest.finish", crashing)
    part = campaign.Part("fuzz")
    campaign.part_fuzz(part, tmp_path, examples=60, seed=19)
    assert part.figures["crashes"] > 0 and any("planted" in f for f in part.failures)


def test_campaign_integrity_check_finds_orphans(tmp_path: Path, corpus: Path) -> None:
    import sqlite3

    db = tmp_path / "o.db"
    campaign.in_process(str(db), ("ingest",), corpus)
    assert campaign.integrity(str(db)) == []
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("INSERT INTO story_articles (article_id, story_id) VALUES ('nope', 'none')")
    problems = campaign.integrity(str(db))
    assert any("story_articles" in p and "articles.id" in p for p in problems)
    assert any("story_articles" in p and "stories.id" in p for p in problems)


# the sample: one kill per backend (link on SQLite, analyze on PostgreSQL); ingest is killed in
# tests/cli/test_cli.py, analyze's workers in test_kill_analyze.py, the rest by the campaign
@pytest.mark.slow
def test_campaign_kill_sample_sqlite(tmp_path: Path, corpus: Path) -> None:
    part = campaign.Part("kill")
    campaign.part_kill(part, tmp_path, corpus, kills=1, seed=19, backends=["sqlite"], stages=("link",))
    _held(part)
    assert part.figures["kills"] == 1


@pytest.mark.slow
@pytest.mark.postgres
def test_campaign_kill_sample_postgresql(tmp_path: Path, corpus: Path, pg: None) -> None:
    part = campaign.Part("kill")
    campaign.part_kill(part, tmp_path, corpus, kills=1, seed=20, backends=["postgresql"], stages=("analyze",))
    _held(part)
    assert part.figures["kills"] == 1


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_campaign_concurrent_sample(tmp_path: Path, corpus: Path, backend: str, request: Any) -> None:
    if backend == "postgresql":
        request.getfixturevalue("pg")
    part = campaign.Part("concurrent")
    campaign.part_concurrent(part, tmp_path, corpus, rounds=1, backends=[backend], scenarios=("ingest+ingest",))
    _held(part)
    assert part.figures["concurrent runs"] == 2


@pytest.mark.slow
def test_campaign_api_sample(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "api.db"
    campaign.in_process(str(db), campaign.STAGES, corpus)
    part = campaign.Part("api")
    campaign.part_api(part, tmp_path, db, examples=2)
    _held(part)
    assert part.figures["schemathesis cases"] >= part.figures["operations"] > 5


@pytest.mark.slow
@pytest.mark.browser
def test_campaign_browser_sample(tmp_path: Path) -> None:
    pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    if not Path(campaign.CHROMIUM).exists():
        pytest.skip(f"{campaign.CHROMIUM} is missing (apt-get install -y chromium)")
    part = campaign.Part("browser")
    campaign.part_browser(part, tmp_path, pages=6)
    _held(part)
    assert part.figures["with CSP"] >= 5 and part.figures["without CSP"] >= 5


@pytest.mark.browser
def test_campaign_browser_probe_sees_a_payload_run() -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    if not Path(campaign.CHROMIUM).exists():
        pytest.skip(f"{campaign.CHROMIUM} is missing (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=campaign.CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_page()
        page.set_content("<p>x</p><img src=x onerror=\"window.__xss='img'\"><a href='javascript:void(0)'>a</a>")
        page.wait_for_timeout(200)
        found = page.evaluate(campaign.PROBE)
        browser.close()
    assert found["xss"] == "img"
    assert any("onerror" in b for b in found["bad"]) and any("javascript:" in b for b in found["bad"])
