"""The web page in a real browser: Playwright driving Debian's Chromium against a live server.

Needs ``pip install playwright`` and ``apt-get install -y chromium`` (Playwright's own browser
download is never used); skipped with the reason when either is missing.
"""

from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("LAGEBILD_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser() -> Any:
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


def _json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def test_browser_story_list_to_fact_to_highlighted_sentence(page: Any, server: str) -> None:
    stories = _json(server + "/api/v1/stories?limit=500")["items"]
    story = next(s for s in stories if s["facts"] and not s["id"].startswith("xss:"))
    page.goto(server + "/")
    link = page.locator(f'a.story-link[href="/stories/{story["id"]}"]')
    link.click()
    page.wait_for_url(f"**/stories/{story['id']}")
    assert page.locator("h1").inner_text().strip() == story["title"].strip()
    assert page.locator("table.facts tr.fact").count() >= 1
    assert page.locator("svg.timeline, #timeline .empty").count() >= 1

    fact_link = page.locator("table.facts a.fact-link").first
    fact_id = fact_link.locator("xpath=ancestor::tr").get_attribute("data-fact")
    fact_link.click()
    page.wait_for_url("**/articles/**#focus")
    focus = page.locator("#focus")
    assert focus.count() == 1 and focus.is_visible()
    assert "k-focus" in (focus.get_attribute("class") or "")
    assert focus.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    # the highlighted sentence is one that states the fact (offsets from the API)
    fact = _json(f"{server}/api/v1/facts/{fact_id}")
    article_id = page.url.split("/articles/")[1].split("?")[0]
    sentences = [m["text"] for m in fact["mentions"] if m["article"] == article_id and m.get("text")]
    highlighted = "".join(page.locator(".k-focus").all_text_contents())
    assert any(s[:40] in highlighted for s in sentences)


def test_browser_search_finds_a_german_word_form(page: Any, server: str) -> None:
    page.goto(server + "/")
    page.fill("#search-q", "Rakete")
    page.press("#search-q", "Enter")
    page.wait_for_url("**/search?q=Rakete*")
    assert page.locator("ol.hits li.hit").count() >= 1
    marked = {m.strip() for m in page.locator("ol.hits mark").all_inner_texts()}
    assert "Raketen" in marked  # the plural, found by the singular
    page.locator("a.hit-link").first.click()
    assert page.locator("#text .k-hit").count() >= 1


def test_browser_article_spans_are_highlighted_by_kind(page: Any, server: str, web_store: dict) -> None:
    articles = _json(server + "/api/v1/articles?limit=5")["items"]
    article = _json(f"{server}/api/v1/articles/{articles[-1]['id']}")
    page.goto(f"{server}/articles/{article['id']}")
    kinds = {s["kind"] for s in article["spans"]}
    for kind in kinds:
        assert page.locator(f"#text .k-{kind}").count() >= 1, kind
    assert page.locator("#text").inner_text() == article["text"]
    if "entity" in kinds:  # the toggle hides a kind without touching the text
        page.locator('input.toggle[data-kind="entity"]').uncheck()
        assert "hide-entity" in page.locator("#text").get_attribute("class")


def test_browser_entity_page_lists_aliases(page: Any, server: str) -> None:
    entity = _json(server + "/api/v1/entities?limit=1")["items"][0]
    page.goto(server + "/entities")
    page.locator(f'a[href="/entities/{entity["id"]}"]').first.click()
    assert page.locator("h1").inner_text().startswith(entity["name"])
    assert page.locator("ul.aliases li").count() == max(len(entity["aliases"]), 1)


def test_browser_script_payloads_in_articles_never_run(page: Any, server: str, web_store: dict) -> None:
    article = web_store["xss_article"]
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for path in (f"/articles/{article}", f"/articles/{article}?event=0", "/stories/xss:story", "/entities/xss:entity",
                 "/entities?q=script", "/search?q=Bericht+Rakete", "/facts/xss:fact", "/"):
        page.goto(server + path)
        page.wait_for_load_state("load")
        page.mouse.move(200, 300)
        assert page.evaluate("typeof window.__xss") == "undefined", path
        assert page.locator("#text img, #text script, #text svg, main img, main script").count() == 0, path
    assert page.dialogs == [] and errors == []
    page.goto(f"{server}/articles/{article}")
    text = page.locator("#text").inner_text()
    assert "<script>window.__xss" in text and "onerror=" in text  # shown as text, not run
