"""No internal id, hash or file path where a reader looks: every page of the web and the report,
the API's labels and every export of a small hand-written corpus (untitled JSONL articles among
it) name articles, stories, entities, origins and citations by readable names.

Ids may stand in attributes (``href``, ``id``, ``data-*``) and in id fields of the JSON; they may
not in text, tooltips, labels, names or titles.
"""

from __future__ import annotations

import csv
import html
import json
import re
import warnings
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from lagebild.report.exporters import write_csv, write_graphml
from lagebild.report.html import render_report
from lagebild.services import analyze, export_picture, ingest_paths, link_store
from lagebild.store import Store

pytestmark = pytest.mark.slow  # the whole per-article analysis runs on the corpus

ARTICLES = [
    {"published": "2024-01-21", "language": "de", "text": (
        "Nordkorea hat Russland nach Angaben eines Sprechers des ukrainischen Militärgeheimdienstes etwa eine "
        "Million Schuss Munition geliefert. Der Sprecher sagte letzte Woche, die Lieferungen liefen über den "
        "Hafen Rajin. Russland griff am 2. Januar Charkiw mit nordkoreanischen Raketen an, sagte John Kirby "
        "am Donnerstag im Weißen Haus.")},
    {"published": "2024-01-22", "language": "de", "text": (
        "Kremlchef Wladimir Putin traf den nordkoreanischen Außenminister Choe Son-hui diese Woche im Kreml. "
        "Nach Angaben der Nachrichtenagentur KCNA will Putin Nordkorea in naher Zukunft besuchen. Nordkorea "
        "hat Russland etwa eine Million Schuss Munition geliefert, sagte ein Sprecher seiner Behörde. "
        "Russland hat am 3. Januar die Hafenstadt Odessa mit Drohnen angegriffen.")},
    {"published": "2024-01-22", "language": "en", "outlet": "Harbour Wire", "title": "Putin meets Choe", "text": (
        "Russian President Vladimir Putin met North Korea's foreign minister Choe Son-hui in the Kremlin this "
        "week, the state news agency KCNA reported. North Korea has supplied Russia with about one million "
        "rounds of ammunition, Ukrainian military intelligence said last week.")},
]

HASH = re.compile(r"\b[0-9a-f]{16}\b")
PREFIXED = re.compile(r"\b(?:org|src|gpe|per|loc|misc|article|outlet|fact|story):[\w-]")
PATH = re.compile(r"[\w./\\-]+\.(?:jsonl|json|txt|md|html?|xml|csv|rss|atom)\b(?::\d+)?"
                  r"|(?<![\w/])/(?:tmp|work|home)/\S+")
NONE = re.compile(r"\bNone\b")


def offences(where: str, text: str) -> list[str]:
    found = []
    for pattern in (HASH, PREFIXED, PATH, NONE):
        for m in pattern.finditer(text):
            found.append(f"{where}: {m.group(0)!r} in …{text[max(0, m.start() - 60):m.end() + 30]!r}…")
    return found


def visible(page: str) -> str:
    """What a reader sees of an HTML page: its text and tooltips, not its markup or attributes."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    tips = " ".join(html.unescape(t) for t in re.findall(r'\btitle="([^"]*)"', page))
    text = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(text) + " " + tips


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Store]:
    folder = tmp_path_factory.mktemp("labels")
    source = folder / "reports.jsonl"
    source.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n", encoding="utf-8")
    db = folder / "labels.db"
    store = Store.open(str(db))
    ingest_paths(store, [source])
    analyze(store)
    link_store(store)
    yield db, store
    store.close()


def _client(db: Path) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from lagebild.app import create_app

    return TestClient(create_app(str(db)))


def test_labels_corpus_has_untitled_articles_and_facts(corpus: tuple[Path, Store]) -> None:
    _, store = corpus
    doc = export_picture(store)
    assert sum(1 for a in doc["articles"] if not a["title"]) == 2
    assert doc["facts"] and doc["summaries"] and doc["stories"]
    schema = json.loads(resources.files("lagebild.schema").joinpath("lagebild-1.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(json.loads(json.dumps(doc, default=str)))
    assert all(s["kind"] in ("chosen", "generated", "lead") for x in doc["summaries"] for s in x["sentences"])


def test_labels_web_pages_show_no_ids(corpus: tuple[Path, Store]) -> None:
    db, store = corpus
    doc = export_picture(store)
    client = _client(db)
    urls = ["/", "/entities", "/search?q=Nordkorea"]
    urls += [f"/stories/{s['id']}" for s in doc["stories"]]
    urls += [f"/facts/{f['id']}" for f in doc["facts"]]
    urls += [f"/articles/{a['id']}" for a in doc["articles"]]
    urls += [f"/entities/{e['id']}" for e in doc["entities"]]
    found = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        found += offences(url, visible(response.text))
    assert not found, "\n".join(found)


def test_labels_story_rows_are_named_and_clickable(corpus: tuple[Path, Store]) -> None:
    db, _ = corpus
    page = _client(db).get("/").text
    rows = re.findall(r'<a class="story-link" href="(/stories/[^"]+)">([^<]*)</a>', page)
    assert rows and all(href and name.strip() for href, name in rows)


def test_labels_report_shows_no_ids(corpus: tuple[Path, Store]) -> None:
    _, store = corpus
    page = render_report(store)
    assert not (found := offences("report", visible(page))), "\n".join(found)
    cites = re.findall(r'<a class="cite" href="#[^"]+">\[([^\]]+)\]</a>', page)
    assert cites and all(re.search(r"\d\d\.\d\d\.\d{4}$", c) for c in cites)  # "Outlet, 21.01.2024"


API_LABELS = ("title", "name", "label", "origin", "cite", "text", "outlet")


def _labels(value: Any, path: str = "") -> list[tuple[str, str]]:
    """(path, text) of every label-like string field in a JSON document."""
    out: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, str) and k in API_LABELS:
                out.append((f"{path}.{k}", v))
            else:
                out += _labels(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _labels(v, f"{path}[{i}]")
    return out


def test_labels_api_shows_no_ids(corpus: tuple[Path, Store]) -> None:
    db, store = corpus
    doc = export_picture(store)
    client = _client(db)
    urls = ["/api/v1/stories", "/api/v1/facts", "/api/v1/articles",
            "/api/v1/quotes?article=" + doc["articles"][0]["id"]]
    urls += [f"/api/v1/stories/{s['id']}" for s in doc["stories"]]
    urls += [f"/api/v1/facts/{f['id']}" for f in doc["facts"]]
    found = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        for where, text in _labels(response.json()):
            found += offences(url + where, text)
    assert not found, "\n".join(found)


def test_labels_exports_show_no_ids(corpus: tuple[Path, Store], tmp_path: Path) -> None:
    _, store = corpus
    doc = export_picture(store)
    found = []
    for a in doc["articles"]:
        found += offences("json article name", a["name"])
    for s in doc["stories"]:
        found += offences("json story title", s["title"])
    for f in doc["facts"]:
        found += offences("json fact label", f["label"])
        for o in f["origins"]:
            found += offences("json origin label", o["label"])
    for t in doc["timeline"]:
        found += offences("json timeline label", t["label"])
    for s in doc["summaries"]:
        for x in s["sentences"]:
            found += offences("json summary", x["text"])
    for path in write_csv(doc, tmp_path / "csv"):
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                for column in ("name", "label"):
                    if row.get(column):
                        found += offences(f"{path.name} {column}", row[column])
                if row.get("origins"):
                    for o in json.loads(row["origins"]):
                        found += offences(f"{path.name} origin label", o.get("label") or "")
    graph = write_graphml(doc, tmp_path / "graph.graphml").read_text(encoding="utf-8")
    for key, value in re.findall(r'<data key="(name|label)">([^<]*)</data>', graph):
        found += offences(f"graphml {key}", html.unescape(value))
    assert not found, "\n".join(found)
