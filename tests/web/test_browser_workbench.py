"""The workbench in a real browser: Playwright driving Debian's Chromium against a live server on
the demo store (filters, timeline zoom, register sort and downloads, source map, graph, the way
from a fact to its sentence), and on a store of untitled, undated real news (40 derStandard
articles of 10kGNAD from ../shared), where no view may show an empty link or an internal id.

Set ``LAGEBILD_SCREENSHOTS`` to a folder to keep a screenshot of each view (the README's).
"""

from __future__ import annotations

import csv
import io
import json
import lzma
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import shared_path
from tests.web.conftest import free_port

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("LAGEBILD_CHROMIUM", "/usr/bin/chromium")
SHOTS = os.environ.get("LAGEBILD_SCREENSHOTS")
#: what an internal id looks like in text: an article hash, or a typed key ("fact:…", "gpe:KP")
INTERNAL_ID = re.compile(r"\b[0-9a-f]{12,}\b|\b(?:fact|disc|story|gpe|per|org|loc|misc|outlet|event):[\w-]+")


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
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    assert page.errors == [], page.errors  # the script never throws
    context.close()


def _json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def _shot(page: Any, name: str, section: str | None = None) -> None:
    """A screenshot of the view (scrolled to ``section``) into ``LAGEBILD_SCREENSHOTS``, when set."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        if section:
            page.locator(section).scroll_into_view_if_needed()
            page.evaluate("s => document.querySelector(s).scrollIntoView({block: 'start'})", section)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=False)


def _query(url: str) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))


# --- the demo store -------------------------------------------------------------------------------


def test_browser_facts_explorer_filters_and_shares_the_view(page: Any, server: str) -> None:
    total = _json(server + "/api/v1/facts?type=SUPPLY&limit=1")["total"]
    assert total >= 1
    page.goto(server + "/facts")
    page.select_option('#fact-filter select[name="type"]', "SUPPLY")
    page.select_option('#fact-filter select[name="sort"]', "time")
    page.click('#fact-filter button[type="submit"]')
    page.wait_for_url("**/facts?*")
    assert _query(page.url)["type"] == "SUPPLY" and _query(page.url)["sort"] == "time"
    rows = page.locator("table.facts tr.fact")
    assert rows.count() == min(total, 50)
    assert all("t-supply" in (c or "") for c in rows.evaluate_all("rs => rs.map(r => r.className)"))
    assert page.locator("#facts-total").inner_text().startswith(f"{total} fact(s)")
    shown = rows.evaluate_all("rs => rs.map(r => r.dataset.fact)")
    _shot(page, "facts")
    page.goto(page.url)  # the URL is the view: opened again, the same rows
    assert page.locator("table.facts tr.fact").evaluate_all("rs => rs.map(r => r.dataset.fact)") == shown

    entity = _json(server + "/api/v1/entities?q=Pj%C3%B6ngjang&limit=1")["items"]
    if entity:  # an alias finds the entity; the rows are its facts
        page.fill('#fact-filter input[name="entity"]', "Pjöngjang")
        page.select_option('#fact-filter select[name="type"]', "")
        page.click('#fact-filter button[type="submit"]')
        page.wait_for_url("**entity=Pj*")
        expected = _json(f"{server}/api/v1/facts?entity={entity[0]['id']}&limit=1")["total"]
        assert page.locator("#facts-total").inner_text().startswith(f"{expected} fact(s)")

    with page.expect_download() as info:
        page.click("#export-csv")
    rows_csv = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert [r["fact_url"] for r in rows_csv] == [
        f"/facts/{i}" for i in page.locator("table.facts tr.fact").evaluate_all("rs => rs.map(r => r.dataset.fact)")]


def test_browser_facts_confidence_filter_and_the_whole_store_download(page: Any, server: str) -> None:
    everything = _json(server + "/api/v1/facts?limit=1")["total"]
    sure = _json(server + "/api/v1/facts?limit=1&min_confidence=0.9")["total"]
    page.goto(server + "/facts")
    page.fill('#fact-filter input[name="confidence"]', "0.9")
    page.click('#fact-filter button[type="submit"]')
    page.wait_for_url("**confidence=0.9*")
    assert page.locator("#facts-total").inner_text().startswith(f"{sure} fact(s)")
    with page.expect_download() as info:
        page.click("#export-all-csv")  # every fact that passes the filter, not only this page
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert len(rows) == sure and all(r["by_rules"] == "yes" or float(r["confidence"]) >= 0.9 for r in rows)
    page.goto(server + "/facts")
    with page.expect_download() as info:
        page.click("#export-all-json")
    body = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert body["total"] == everything == len(body["rows"]) and body["filter"] == {}


def test_browser_fact_in_the_explorer_opens_its_highlighted_sentence(page: Any, server: str) -> None:
    page.goto(server + "/facts?sort=mentions")
    link = page.locator("table.facts a.fact-link").first
    fact_id = link.locator("xpath=ancestor::tr").get_attribute("data-fact")
    link.click()
    page.wait_for_url("**/articles/**#focus")
    focus = page.locator("#focus")
    assert focus.is_visible()
    assert focus.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    fact = _json(f"{server}/api/v1/facts/{urllib.parse.quote(fact_id)}")
    article = page.url.split("/articles/")[1].split("?")[0]
    sentences = [m["text"] for m in fact["mentions"] if m["article"] == article and m.get("text")]
    assert any(s[:40] in "".join(page.locator(".k-focus").all_text_contents()) for s in sentences)
    side = page.locator("#side ul.side-facts a.jump").last  # the side panel opens a fact's sentence
    event = int(_query(side.get_attribute("href"))["event"])
    side.click()
    page.wait_for_url(f"**event={event}#focus")
    spans = _json(f"{server}/api/v1/articles/{article}")["spans"]
    stated = next(s for s in spans if s["kind"] == "event" and s["index"] == event)["text"]
    assert page.locator("#focus").is_visible() and stated[:30] in "".join(page.locator(".k-focus").all_text_contents())
    _shot(page, "article")


def _story_with(server: str, page: Any, selector: str, least: int) -> str:
    for story in _json(server + "/api/v1/stories?limit=100")["items"]:
        page.goto(f"{server}/stories/{urllib.parse.quote(story['id'])}")
        if page.locator(selector).count() >= least:
            return story["id"]
    pytest.skip(f"no story of the demo store has {least}× {selector}")


def test_browser_timeline_zooms_into_a_band_and_filters_types(page: Any, server: str) -> None:
    _story_with(server, page, "#timeline-svg g.tl-bar", 3)
    svg = page.locator("#timeline-svg")
    full = (svg.get_attribute("data-start"), svg.get_attribute("data-end"))
    assert (svg.get_attribute("data-view-start"), svg.get_attribute("data-view-end")) == full
    bands = page.locator("#timeline-svg rect.band")
    assert bands.count() >= 2
    widest = max(range(bands.count()), key=lambda i: float(bands.nth(i).get_attribute("width")))
    band = bands.nth(widest)
    lo, hi = band.get_attribute("data-start"), band.get_attribute("data-end")
    band.click(position={"x": 2, "y": 4})
    assert (svg.get_attribute("data-view-start"), svg.get_attribute("data-view-end")) == (lo, hi)
    assert page.locator("#tl-range").inner_text() == f"{lo} – {hi}"
    linked = _query(page.locator("#tl-facts").get_attribute("href"))
    assert (linked["since"], linked["until"]) == (lo, hi)
    for bar in page.locator("#timeline-svg g.tl-bar").all():  # shown: exactly the bars that meet the band
        meets = bar.get_attribute("data-start") <= hi and bar.get_attribute("data-end") >= lo
        assert bar.is_visible() == meets
    shared = _query(page.url)  # the zoom is in the URL: opening it again shows the same view
    assert (shared["tl_since"], shared["tl_until"]) == (lo, hi)
    page.goto(page.url)
    assert (svg.get_attribute("data-view-start"), svg.get_attribute("data-view-end")) == (lo, hi)
    assert page.locator("#tl-range").inner_text() == f"{lo} – {hi}"
    page.click("#tl-reset")
    assert svg.get_attribute("data-view-start") == full[0] and "tl_since" not in _query(page.url)
    page.click("#tl-in")
    narrowed = (svg.get_attribute("data-view-start"), svg.get_attribute("data-view-end"))
    assert narrowed[0] >= full[0] and narrowed[1] <= full[1] and narrowed != full
    page.click("#tl-reset")
    box = page.locator("input.tl-type").first
    kind = box.get_attribute("data-type")
    box.uncheck()
    assert page.locator(f'#timeline-svg g.tl-bar[data-type="{kind}"]:visible').count() == 0
    assert page.locator("#timeline-svg g.tl-bar:visible").count() == page.locator(
        f'#timeline-svg g.tl-bar:not([data-type="{kind}"])').count()
    _shot(page, "timeline", "#timeline")


def test_browser_graph_one_node_per_entity_legend_filter_and_drag(page: Any, server: str) -> None:
    story = _story_with(server, page, "#graph-svg g.edge", 2)
    names = page.locator("#graph-svg g.node text").evaluate_all("ts => ts.map(t => t.textContent.trim())")
    assert names and len(names) == len(set(names))
    assert not ({"Nordkorea", "Pyongyang"} <= set(names)) and not ({"Russland", "Moskau"} <= set(names))
    legend = page.locator("#graph-legend input.graph-type")
    assert legend.count() >= 1
    kind = legend.first.get_attribute("data-type")
    legend.first.uncheck()
    assert page.locator(f'#graph-svg g.edge[data-type="{kind}"]:visible').count() == 0
    legend.first.check()
    assert page.locator(f'#graph-svg g.edge[data-type="{kind}"]:visible').count() >= 1

    edge = page.locator("#graph-svg g.edge").first
    source = edge.get_attribute("data-source")
    node = page.locator(f'#graph-svg g.node[data-id="{source}"]')
    circle = node.locator("circle")
    before = float(circle.get_attribute("cx"))
    box = circle.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 60, box["y"] + 40, steps=8)
    page.mouse.up()
    after = float(circle.get_attribute("cx"))
    assert abs(after - before) > 10
    assert float(edge.locator("line").get_attribute("x1")) == pytest.approx(after, abs=0.2)  # the edge follows
    assert page.url.endswith(f"/stories/{story}") or f"/stories/{urllib.parse.quote(story)}" in page.url
    _shot(page, "graph", "#graph")


def test_browser_register_sorts_and_downloads_csv_and_xlsx(page: Any, server: str) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    page.goto(server + "/register")
    rows = page.locator("table.register tr.transfer")
    assert rows.count() >= 1
    page.click('table.register a.sort[data-col="quantity"]')
    page.wait_for_url("**sort=quantity**")
    assert _query(page.url)["dir"] == "asc"
    values = [float(v) for v in page.locator("td.quantity").evaluate_all("ts => ts.map(t => t.dataset.value)") if v]
    assert values == sorted(values)
    page.click('table.register a.sort[data-col="quantity"]')
    page.wait_for_url("**dir=desc**")
    values = [float(v) for v in page.locator("td.quantity").evaluate_all("ts => ts.map(t => t.dataset.value)") if v]
    assert values == sorted(values, reverse=True)
    shown = page.locator("table.register tr.transfer").evaluate_all("rs => rs.map(r => r.dataset.fact)")
    _shot(page, "register")
    with page.expect_download() as info:
        page.click("#register-csv")
    assert info.value.suggested_filename.endswith(".csv")
    table = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert [r["fact_url"] for r in table] == [f"/facts/{f}" for f in shown]
    with page.expect_download() as info:
        page.click("#register-xlsx")
    assert info.value.suggested_filename.endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "supplier" and [v[-1] for v in values[1:]] == [r["fact_url"] for r in table]


def test_browser_source_map_cell_opens_the_facts_it_counts(page: Any, server: str) -> None:
    page.goto(server + "/sources")
    cells = page.locator("table.source-map td.cell a")
    assert cells.count() >= 1
    assert page.locator("table.source-map th.origin").count() >= 1
    _shot(page, "sources")
    cell = cells.first
    facts = int(re.search(r"(\d+) fact", cell.get_attribute("title")).group(1))
    cell.click()
    page.wait_for_url("**/facts?origin=*")
    assert page.locator("table.facts tr.fact").count() == facts


# --- untitled, undated real news (10kGNAD) --------------------------------------------------------


def _gnad_store(folder: Path, count: int = 40) -> Path:
    """``count`` International articles of the 10kGNAD test split, as JSON Lines with the text
    alone (no title, no date, no outlet), ingested, analysed and linked."""
    from lagebild.services import commands

    source = shared_path("data", "10kgnad", "test.csv.xz")
    with lzma.open(source, "rt", encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh, delimiter=";", quotechar="'") if r[0] == "International"][:count]
    lines = folder / "gnad.jsonl"
    lines.write_text("".join(json.dumps({"text": r[1]}, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    db = folder / "gnad.db"
    store = commands.open_store(str(db))
    commands.ingest_paths(store, [str(lines)])
    commands.analyze(store, workers=1)
    commands.link_store(store)
    store.close()
    return db


@pytest.fixture(scope="module")
def gnad_server(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = _gnad_store(tmp_path_factory.mktemp("gnad"))
    port = free_port()
    code = f"from lagebild.app import serve; serve({str(db)!r}, '127.0.0.1', {port})"
    proc = subprocess.Popen([sys.executable, "-c", code], env={**os.environ, "LAGEBILD_API_TOKEN": ""},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/api/v1/stories?limit=1", timeout=2):
                break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError(f"the server did not start: {proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.3)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


EMPTY_LINKS = """() => Array.from(document.querySelectorAll('main a')).filter(a => {
  const href = a.getAttribute('href');
  return !href || href === '#' || !a.textContent.trim();
}).map(a => a.outerHTML.slice(0, 120))"""


def test_browser_untitled_undated_news_show_no_empty_link_and_no_id(page: Any, gnad_server: str) -> None:
    base = gnad_server
    stories = _json(base + "/api/v1/stories?limit=5")["items"]
    articles = _json(base + "/api/v1/articles?limit=5")["items"]
    entities = _json(base + "/api/v1/entities?limit=3")["items"]
    facts = _json(base + "/api/v1/facts?limit=3")["items"]
    assert stories and articles and facts
    assert all(not a["title"] for a in articles)  # untitled (a date comes only from a byline "(APA, 23.8.2015)")
    paths = ["/", "/facts", "/facts?sort=time", "/register", "/sources", "/outlets", "/quotes", "/entities"]
    paths += [f"/stories/{urllib.parse.quote(s['id'])}" for s in stories]
    paths += [f"/articles/{a['id']}" for a in articles] + [f"/facts/{urllib.parse.quote(f['id'])}" for f in facts]
    paths += [f"/entities/{urllib.parse.quote(e['id'])}" for e in entities]
    paths += [f"/quotes?speaker={urllib.parse.quote(e['id'])}" for e in entities]
    for path in paths:
        page.goto(base + path)
        assert page.locator("main h1").count() == 1, path
        assert page.evaluate(EMPTY_LINKS) == [], path
        text = page.locator("main").inner_text()
        assert INTERNAL_ID.findall(text) == [], path
    page.goto(base + f"/stories/{urllib.parse.quote(stories[0]['id'])}")
    assert page.locator("main h1").inner_text().strip()  # an untitled story is named by its first article
    page.goto(base + "/facts")
    link = page.locator("table.facts a.fact-link").first
    link.click()
    page.wait_for_url("**/articles/**#focus")
    assert page.locator("#focus").is_visible()
