"""Web fixtures: the demo store (or the hand-filled one) with an article full of script payloads,
and a real server on a free loopback port for the browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from lagebild.model import Article
from lagebild.model import Analysis
from lagebild.store import Store
from lagebild.store import schema as t

PAYLOAD_TEXT = (
    'Ein Bericht <script>window.__xss = "script";</script> über Nordkorea. '
    'Das Bild <img src=x onerror="window.__xss = \'img\'"> zeigt eine Rakete. '
    '<svg onload="window.__xss = \'svg\'"></svg> <a href="javascript:window.__xss=1">Link</a> Ende.'
)
PAYLOAD_NAME = '<img src=y onerror="window.__xss=\'entity\'">'


def add_payload_article(db: Path) -> str:
    """An article whose text, title, entity, story and fact all carry HTML/script payloads."""
    store = Store.open(str(db))
    article = Article.create(PAYLOAD_TEXT, title='<script>window.__xss="title"</script>Angriff',
                             language="de", outlet="<b onmouseover=alert(1)>Outlet</b>", source="test:xss")
    store.add_article(article)
    text = article.text
    start = text.index("<script>")
    img = text.index("<img")
    img_end = text.index(">", img) + 1
    layers = {
        "sentences": [{"start": 0, "end": len(text)}],
        "entities": [{"start": start, "end": start + 8, "text": text[start:start + 8], "label": "ORG", "key": None,
                      "name": PAYLOAD_NAME, "ref": None, "form": "name", "stage": "test"}],
        "timexes": [], "quantities": [], "quotes": [],
        "events": [{"type": "ATTACK", "start": img, "end": img_end, "text": text[img:img_end],
                    "trigger": {"start": img, "end": img + 4, "text": text[img:img + 4]}, "args": {},
                    "time": "2024-01", "attribution": None, "status": "asserted", "stage": "test"}],
    }
    store.save_analysis(Analysis(article.id, layers, {}), "test")
    with store.engine.begin() as conn:
        conn.execute(insert(t.entities).values(id="xss:entity", name=PAYLOAD_NAME, type="ORG",
                                               aliases=[PAYLOAD_NAME, "<script>alert(2)</script>"], data={}))
        conn.execute(insert(t.mention_entities).values(article_id=article.id, idx=0, entity_id="xss:entity"))
        conn.execute(insert(t.stories).values(id="xss:story", title='<script>window.__xss="story"</script>XSS',
                                              data={}))
        conn.execute(insert(t.story_articles).values(article_id=article.id, story_id="xss:story"))
        conn.execute(insert(t.facts).values(
            id="xss:fact", type="ATTACK", label='<img src=z onerror="window.__xss=\'fact\'">', time="2024-01",
            status="asserted", independent_origins=1, first_reported=None, story_id="xss:story",
            data={"entities": {"attacker": ["xss:entity"]}, "origins": [{"label": "<script>o()</script>"}]}))
        conn.execute(insert(t.fact_events).values(article_id=article.id, idx=0, fact_id="xss:fact",
                                                  origin="<i>origin</i>"))
        conn.execute(insert(t.summaries).values(story_id="xss:story", language="de", data={"sentences": [
            {"text": '<script>window.__xss="summary"</script>', "article": article.id, "start": start,
             "end": start + 8, "fact": "xss:fact"}]}))
    store.close()
    return article.id


def build_demo_or_fixture(folder: Path) -> tuple[Path, str]:
    """The demo corpus store when the demo job works here, else the hand-filled store."""
    try:
        from lagebild.demo import DEMO_DB, run_demo

        run_demo(folder, workers=1)
        return folder / DEMO_DB, "demo"
    except Exception:  # noqa: BLE001 - the demo is another part of the project; fall back
        from tests.api.fixtures import build_store

        db = folder / "fixture.db"
        build_store(db)
        return db, "fixture"


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("web")
    db, kind = build_demo_or_fixture(folder)
    xss = add_payload_article(db)
    return {"db": db, "kind": kind, "xss_article": xss}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(web_store: dict[str, Any]) -> Any:
    """``lagebild.api.serve`` in a child process on a free loopback port; yields the base URL."""
    port = free_port()
    code = f"from lagebild.app import serve; serve({str(web_store['db'])!r}, '127.0.0.1', {port})"
    env = {**os.environ, "LAGEBILD_API_TOKEN": ""}
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/api/v1/stories?limit=1", timeout=2):
                break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited: {proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError("the server did not start within 60 s")
    yield base
    proc.terminate()
    proc.wait(timeout=10)
