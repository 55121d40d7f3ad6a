"""The HTML report: a story opens with its discrepancies, named by the facts' labels; citations
read "Outlet, date"; articles are named (an untitled one by its lead sentence), never by id or path."""

from __future__ import annotations

import re
from typing import Any

import pytest

from lagebild.report import html as report_html

TEXTS = {
    "0123456789abcdef": "Nordkorea hat Russland eine Million Granaten geliefert. Das sagte ein Sprecher.",
    "fedcba9876543210": "North Korea supplied three million shells to Russia in December, officials said.",
}


def _doc() -> dict[str, Any]:
    articles = [
        {"id": "0123456789abcdef", "source": "/data/feeds/gnad50.jsonl:45", "title": None, "outlet": None,
         "published": "2024-01-21", "language": "de", "story": "story:1"},
        {"id": "fedcba9876543210", "source": "https://example.org/a", "title": "Three million shells",
         "outlet": "Harbour Wire", "published": "2024-01-22", "language": "en", "story": "story:1"},
    ]
    facts = [
        {"id": "fact:one", "type": "SUPPLY", "label": "SUPPLY Nordkorea → Russland (eine Million Granaten)",
         "time": "2023-12", "status": "disputed", "independent_origins": 1, "events": ["0123456789abcdef:0"],
         "origins": [{"id": "src:sprecher", "label": "ein Sprecher", "kind": "source", "events": []}]},
        {"id": "fact:three", "type": "SUPPLY", "label": "SUPPLY Nordkorea → Russland (three million shells)",
         "time": "2023-12", "status": "disputed", "independent_origins": 1, "events": ["fedcba9876543210:0"],
         "origins": [{"id": "outlet:harbour-wire", "label": "Harbour Wire", "kind": "outlet", "events": []}]},
    ]
    events = [{"id": "0123456789abcdef:0", "type": "SUPPLY", "article": "0123456789abcdef", "start": 0, "end": 54,
               "text": TEXTS["0123456789abcdef"][:54], "args": {}, "time": "2023-12", "attribution": None,
               "status": "reported"},
              {"id": "fedcba9876543210:0", "type": "SUPPLY", "article": "fedcba9876543210", "start": 0, "end": 80,
               "text": TEXTS["fedcba9876543210"], "args": {}, "time": "2023-12", "attribution": None,
               "status": "reported"}]
    return {
        "articles": articles, "entities": [], "events": events, "quotes": [], "facts": facts,
        "stories": [{"id": "story:1", "title": "", "articles": [a["id"] for a in articles]}],
        "timeline": [{"time": "2023-12", "fact": "fact:one", "label": facts[0]["label"]}],
        "discrepancies": [{"facts": ["fact:one", "fact:three"], "kind": "quantity", "detail": "1000000 vs 3000000",
                           "id": "disc:1"}],
        "summaries": [{"story": "story:1", "language": "de", "sentences": [
            {"text": "Nordkorea lieferte im Dezember 2023 eine Million Granaten an Russland.",
             "article": "0123456789abcdef", "start": 0, "end": 54, "fact": "fact:one", "kind": "generated",
             "cites": [{"article": "fedcba9876543210", "start": 0, "end": 80}]}]}],
    }


@pytest.fixture
def report(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(report_html, "export_picture", lambda store: _doc())
    monkeypatch.setattr(report_html.queries, "article_text_and_layers",
                        lambda store, aid: (TEXTS[aid], {"sentences": [{"start": 0, "end": len(TEXTS[aid])}]}))
    return report_html.render_report(None)  # type: ignore[arg-type]


def _story(report: str) -> str:
    start = report.index('id="story-story:1"')
    return report[start:report.index("</section>", start)]


def test_html_story_opens_with_its_discrepancies(report: str) -> None:
    section = _story(report)
    top = section.index('class="discrepancies"')
    assert top < section.index("<h3>Summary</h3>") < section.index("<h3>Facts</h3>")
    block = section[top:section.index("</div>", top)]
    assert ('<a href="#fact-fact:one">SUPPLY Nordkorea → Russland (eine Million Granaten)</a> vs. '
            '<a href="#fact-fact:three">SUPPLY Nordkorea → Russland (three million shells)</a>') in block


def test_html_untitled_story_and_article_get_their_lead(report: str) -> None:
    assert "<h2>Nordkorea hat Russland eine Million Granaten geliefert.</h2>" in _story(report)
    assert '<a href="#article-0123456789abcdef">Nordkorea hat Russland eine Million Granaten geliefert.</a>' in report


def test_html_citations_name_outlet_and_date(report: str) -> None:
    cites = re.findall(r'<a class="cite" href="#s-[^"]+">\[([^\]]+)\]</a>', report)
    assert "Nordkorea hat Russland eine Million…, 21.01.2024" in cites
    assert "Harbour Wire, 22.01.2024" in cites
    assert all(re.fullmatch(r".+, \d\d\.\d\d\.\d{4}", c) for c in cites)


def test_html_shows_no_id_or_path(report: str) -> None:
    shown = re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", report, flags=re.S))
    assert not re.search(r"\b[0-9a-f]{16}\b|gnad50|\.jsonl|\bNone\b|src:|fact:|story:", shown)
