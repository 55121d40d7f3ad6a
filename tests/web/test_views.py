"""Server-rendered pages: every page answers, article text is escaped, headers are strict."""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from pathlib import Path
from typing import Any

import pytest

from tests.api.fixtures import build_store
from tests.web.conftest import add_payload_article


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict]:
    db = tmp_path_factory.mktemp("views") / "site.db"
    ids = build_store(db)
    ids["xss"] = add_payload_article(Path(db))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from lagebild.app import create_app

    return TestClient(create_app(str(db))), ids


def test_views_every_page_answers(site) -> None:
    client, ids = site
    for path in ("/", "/stories/s1", "/stories/s2", f"/articles/{ids['de']}", f"/articles/{ids['de']}?event=1",
                 f"/articles/{ids['de']}?focus=0-20", "/entities", "/entities?q=kreml", "/entities/e_kp",
                 "/facts/f_supply", "/search?q=Raketen", "/search?q=", "/static/lagebild.css", "/static/lagebild.js"):
        response = client.get(path)
        assert response.status_code == 200, path


def test_views_unknown_things_are_html_404(site) -> None:
    client, ids = site
    for path in ("/stories/nope", "/articles/nope", "/entities/nope", "/facts/nope", f"/articles/{ids['de']}?event=99"):
        response = client.get(path)
        assert response.status_code == 404 and "text/html" in response.headers["content-type"], path
    assert client.get(f"/articles/{ids['de']}?focus=abc").status_code == 422


def test_views_story_page_shows_summary_timeline_facts_graph_sources(site) -> None:
    client, ids = site
    html = client.get("/stories/s1").text
    assert f'/articles/{ids["de"]}?focus=' in html  # a citation of the summary
    assert 'class="timeline"' in html and 'class="graph"' in html
    assert "White House briefing" in html and "Südkoreanischer Geheimdienst" in html
    assert html.count('<tr class="fact') == 4 and "eine Million Schuss" in html


def test_views_article_page_marks_the_cited_sentence(site) -> None:
    client, ids = site
    html = client.get(f"/articles/{ids['de']}?event=0").text
    assert 'id="focus"' in html and "k-focus" in html and "k-trigger" in html


def test_views_article_text_is_escaped_everywhere(site) -> None:
    client, ids = site
    for path in (f"/articles/{ids['xss']}", "/stories/xss:story", "/entities/xss:entity", "/facts/xss:fact",
                 "/search?q=Bericht", "/", "/entities?q=img"):
        html = client.get(path).text
        assert "<script>window" not in html and "<img src=" not in html and "<svg onload" not in html, path
    assert "&lt;script&gt;window.__xss" in client.get(f"/articles/{ids['xss']}").text


def test_views_security_headers(site) -> None:
    client, _ = site
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"


def test_views_story_page_lists_discrepancies_first_by_fact_labels(site) -> None:
    client, _ = site
    html = client.get("/stories/s1").text
    top = html.index('id="discrepancies"')
    assert top < html.index('id="summary"') < html.index('id="facts"')  # first thing after the title
    section = html[top:html.index("</section>", top)]
    assert '<a href="/facts/f_supply">' in section
    assert "Nordkorea liefert Russland Munition</a> vs. " in section and "Kim und Putin treffen sich" in section
    assert ">fact<" not in section  # the facts by their labels, not a bare "fact"


def test_views_story_page_cites_outlet_and_date(site) -> None:
    client, _ = site
    html = client.get("/stories/s1").text
    summary = html[html.index('id="summary"'):html.index('id="timeline"')]
    cites = re.findall(r'class="cite"[^>]*>\[([^\]]+)\]</a>', summary)
    assert cites and all(re.fullmatch(r".+, \d\d\.\d\d\.\d{4}", c) for c in cites)  # "Tagesblatt, 05.01.2024"


def test_views_story_page_links_its_downloads_and_they_download(site) -> None:
    client, _ = site
    html = client.get("/stories/s1").text
    block = html[html.index('id="downloads"'):]
    block = block[:block.index("</p>")]
    links = dict((label.strip(), href.replace("&amp;", "&")) for href, label in
                 re.findall(r'<a class="download" href="([^"]+)" download>([^<]+)</a>', block))
    expected = {"ftm": ("application/x-ndjson", "FollowTheMoney"), "graphml": ("application/graphml+xml", "GraphML"),
                "facts.csv": ("text/csv", "CSV"), "json": ("application/json", "JSON")}
    assert len(links) == len(expected)
    for fmt, (media, word) in expected.items():
        (label, href), = [(k, v) for k, v in links.items() if v.endswith(f"format={fmt}")]
        assert word in label and href.startswith("/api/v1/stories/s1/export?")
        response = client.get(href)
        assert response.status_code == 200 and response.headers["content-type"].startswith(media), fmt
        assert response.content.strip(), fmt
    doc = client.get(links["the picture (JSON, export contract)"]).json()
    rows = list(csv.reader(io.StringIO(client.get(links["facts table (CSV)"]).text)))
    assert rows[0][:3] == ["id", "type", "label"] and len(rows) == len(doc["facts"]) + 1
    ftm_text = client.get(links["entities for Aleph (FollowTheMoney, JSON Lines)"]).text
    ftm = [json.loads(line) for line in ftm_text.splitlines()]
    assert ftm and all(e["schema"] and e["id"] for e in ftm) and len({e["id"] for e in ftm}) == len(ftm)
    assert {"Article", "Person"} <= {e["schema"] for e in ftm}
    graph = client.get(links["entity graph for Gephi (GraphML)"]).text
    assert "<graphml" in graph and "Kyrylo Budanow" in graph


def _bars(html: str) -> dict[str, bool]:
    """Each timeline bar's fact → whether it is shown."""
    return {fact: "off" not in cls.split() for cls, fact in
            re.findall(r'<g class="(tl-bar[^"]*)"[^>]*data-fact="([^"]+)"', html)}


def test_views_story_timeline_zoom_is_kept_in_the_url(site) -> None:
    client, _ = site
    whole = client.get("/stories/s1").text
    everything = _bars(whole)
    assert len(everything) >= 3 and all(everything.values())
    start, end = re.search(r'id="timeline-svg"[^>]* data-start="([^"]+)" data-end="([^"]+)"', whole).groups()
    assert 'id="tl-link" href="/stories/s1#timeline"' in whole  # the whole time: no zoom to share
    html = client.get("/stories/s1?tl_since=2023-09-01&tl_until=2023-09-30").text
    zoomed = _bars(html)
    assert zoomed.keys() == everything.keys()  # every bar is there, so the script can zoom out again
    assert zoomed["f_meet"] and zoomed["f_supply"] and not all(zoomed.values())
    assert f'data-start="{start}" data-end="{end}" data-view-start="2023-09-01" data-view-end="2023-09-30"' in html
    assert '<span id="tl-range">2023-09-01 – 2023-09-30</span>' in html
    assert "since=2023-09-01&amp;until=2023-09-30" in html  # "these facts" follows the zoom
    assert 'id="tl-link" href="/stories/s1?tl_since=2023-09-01&amp;tl_until=2023-09-30#timeline"' in html
    later = _bars(client.get("/stories/s1?tl_since=2024-01-01").text)  # one end: the other is the facts' own
    assert not later["f_meet"] and any(later.values())
    assert client.get("/stories/s1?tl_since=September").status_code == 422
    far = client.get("/stories/s1?tl_since=1900-01-01&tl_until=2999-12-31").text  # clamped to ten years around
    assert 'data-view-start="1900-01-01"' not in far and all(_bars(far).values())
