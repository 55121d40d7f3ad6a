"""The workbench pages on the hand-filled store: the facts explorer and its exports, the
transfer register (CSV, XLSX), the source map, the outlets and the quotes by speaker."""

from __future__ import annotations

import csv
import io
import re
import warnings
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from lagebild.store import Store
from lagebild.store import schema as t
from tests.api.fixtures import build_store


def _add_transfer(db: Path, ids: dict[str, Any]) -> None:
    """A second SUPPLY fact with an item class, bounds and a rate, which Tagesblatt has from Wire."""
    store = Store.open(str(db))
    with store.engine.begin() as conn:
        conn.execute(insert(t.facts).values(
            id="f_drones", type="SUPPLY", label="Iran liefert Russland Drohnen", time="2022-10", status="corroborated",
            independent_origins=3, first_reported=date(2024, 1, 5), story_id="s1", rules=True, named_ids=" e_ir e_ru ",
            data={"args": {"supplier": {"entity": "e_ir", "name": "Iran"}, "recipient": {"entity": "e_ru",
                                                                                        "name": "Russland"},
                           "item": {"text": "Kampfdrohnen"},
                           "quantity": {"text": "200 bis 300 Drohnen im Monat", "value": 250, "low": 200, "high": 300,
                                        "per": "month", "unit": "Drohnen"}},
                  "items": ["drones"], "origins": [{"key": "outlet:wire", "label": "Wire"}]}))
        conn.execute(insert(t.fact_events).values(article_id=ids["de"], idx=1, fact_id="f_drones",
                                                  origin="outlet:wire", data={"origin": {"label": "Wire"}}))
    store.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict]:
    db = tmp_path_factory.mktemp("workbench") / "site.db"
    ids = build_store(db)
    _add_transfer(db, ids)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from lagebild.app import create_app

    return TestClient(create_app(str(db))), ids


def _fact_ids(html: str) -> list[str]:
    return re.findall(r'<tr class="fact[^"]*" data-fact="([^"]+)"', html)


def _visible(html: str) -> str:
    main = html[html.index("<main>"):html.index("</main>")]
    return re.sub(r"<[^>]+>", " ", main)


def test_workbench_facts_filter_by_type_and_status_and_keep_the_filter(site) -> None:
    client, _ = site
    html = client.get("/facts").text
    assert sorted(_fact_ids(html)) == ["f_drones", "f_eu_sanction", "f_meet", "f_supply", "f_us_sanction"]
    html = client.get("/facts?type=SANCTION&status=asserted").text
    assert sorted(_fact_ids(html)) == ["f_eu_sanction", "f_us_sanction"]
    assert '<option value="SANCTION" selected>' in html and '<option value="asserted" selected>' in html
    assert _fact_ids(client.get("/facts?type=SUPPLY&status=asserted").text) == []


def test_workbench_facts_filter_by_entity_alias_outlet_and_origin(site) -> None:
    client, _ = site
    html = client.get("/facts?entity=Pyongyang").text  # an alias of Nordkorea
    assert sorted(_fact_ids(html)) == ["f_eu_sanction", "f_supply", "f_us_sanction"]
    assert "naming Nordkorea" in html
    assert sorted(_fact_ids(client.get("/facts?outlet=Wire").text)) == ["f_supply", "f_us_sanction"]
    assert _fact_ids(client.get("/facts?origin=White+House+briefing").text) == ["f_supply"]
    assert _fact_ids(client.get("/facts?origin=outlet:wire&outlet=Tagesblatt").text) == ["f_drones"]
    html = client.get("/facts?entity=Atlantis").text
    assert _fact_ids(html) == [] and "no entity is called" in html


def test_workbench_facts_time_range_and_sorts(site) -> None:
    client, _ = site
    assert sorted(_fact_ids(client.get("/facts?since=2024-01&until=2024-12").text)) == ["f_eu_sanction",
                                                                                        "f_us_sanction"]
    by_time = _fact_ids(client.get("/facts?sort=time").text)
    assert by_time[0] == "f_drones" and by_time[-1] == "f_eu_sanction"
    assert _fact_ids(client.get("/facts?sort=recent").text)[0] == "f_eu_sanction"
    assert _fact_ids(client.get("/facts?sort=mentions").text)[0] == "f_supply"  # the one fact with two mentions
    assert _fact_ids(client.get("/facts").text)[0] == "f_drones"  # most independent origins
    html = client.get("/facts?since=soon").text
    assert _fact_ids(html) == [] and 'class="error"' in html


def test_workbench_facts_csv_and_json_are_the_rows_shown(site) -> None:
    client, _ = site
    query = "type=SANCTION&sort=recent"
    html = client.get(f"/facts?{query}&limit=1&offset=1").text
    shown = _fact_ids(html)
    assert len(shown) == 1
    assert 'href="/facts.csv?type=SANCTION&amp;sort=recent&amp;offset=1&amp;limit=1"' in html
    response = client.get(f"/facts.csv?{query}&limit=1&offset=1")
    assert response.headers["content-type"].startswith("text/csv") and "attachment" in response.headers[
        "content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["fact_url"] for r in rows] == [f"/facts/{i}" for i in shown]
    assert rows[0]["type"] == "SANCTION" and rows[0]["time"] == "2024-01" and rows[0]["who"] == "Vereinigte Staaten"
    body = client.get(f"/facts.json?{query}").json()
    assert body["filter"] == {"type": "SANCTION", "sort": "recent"} and body["total"] == 2
    assert [r["fact_url"] for r in body["rows"]] == ["/facts/f_eu_sanction", "/facts/f_us_sanction"]
    assert client.get("/facts.csv?since=soon").status_code == 422


def test_workbench_register_rows_filters_and_sorts(site) -> None:
    client, _ = site
    html = client.get("/register").text
    facts = re.findall(r'<tr class="transfer" data-fact="([^"]+)"', html)
    assert facts == ["f_drones", "f_supply"]  # SUPPLY only, by time
    assert "drones" in html and "(unclassed)" in html and "per month" in html and "(200–300)" in html
    html = client.get("/register?sort=quantity&dir=desc").text
    assert re.findall(r'data-fact="([^"]+)"', html) == ["f_supply", "f_drones"]
    assert 'href="/register?sort=quantity&amp;dir=asc"' in html  # a second click turns the order
    assert re.findall(r'data-fact="([^"]+)"', client.get("/register?item=drones").text) == ["f_drones"]
    assert re.findall(r'data-fact="([^"]+)"', client.get("/register?supplier=nord").text) == ["f_supply"]
    assert 'class="error"' in client.get("/register?since=never").text


def test_workbench_register_csv_and_xlsx_hold_the_same_rows(site) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    client, _ = site
    rows = list(csv.DictReader(io.StringIO(client.get("/register.csv?sort=quantity&dir=desc").text)))
    assert [(r["supplier"], r["recipient"], r["item_class"]) for r in rows] == [
        ("Nordkorea", "Russland", "(unclassed)"), ("Iran", "Russland", "drones")]
    assert rows[1]["low"] == "200" and rows[1]["high"] == "300" and rows[1]["rate"] == "per month"
    response = client.get("/register.xlsx?sort=quantity&dir=desc")
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    table = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert table[0][:3] == ["supplier", "recipient", "item_class"]
    assert [r[:3] for r in table[1:]] == [[r["supplier"], r["recipient"], r["item_class"]] for r in rows]
    assert table[1][4] == 1000000 and isinstance(table[2][5], int)  # numbers stay numbers


def test_workbench_source_map_cells_open_their_facts(site) -> None:
    client, _ = site
    html = client.get("/sources").text
    cells = re.findall(r'href="/facts\?origin=([^&"]+)&amp;outlet=([^&"]+)"', html)
    assert ("White%20House%20briefing", "Wire") in cells and ("outlet%3Awire", "Tagesblatt") in cells
    assert "<b>Tagesblatt</b> passes on <b>Wire</b>" in html  # who echoes whom
    assert "outlet:wire" not in _visible(html)  # keys stay in links, never in the text
    html = client.get("/sources?story=s1").text
    assert "Südkoreanischer Geheimdienst" in html
    assert client.get("/sources?story=nope").status_code == 404


def test_workbench_outlets_and_outlet_page(site) -> None:
    client, ids = site
    html = client.get("/outlets").text
    assert re.findall(r'class="outlet-link" href="/outlets/([^"]+)"', html) == ["Abendpost", "Tagesblatt", "Wire"]
    html = client.get("/outlets/Tagesblatt").text
    assert f'href="/articles/{ids["de"]}"' in html and "Nordkorea liefert Munition an Russland" in html
    assert "Wire" in _visible(html) and 'href="/facts?outlet=Tagesblatt"' in html
    assert client.get("/outlets/Nowhere").status_code == 404


def test_workbench_quotes_by_speaker(site) -> None:
    client, ids = site
    html = client.get("/quotes").text
    assert 'href="/quotes?speaker=e_bud"' in html
    html = client.get("/quotes?speaker=Budanov").text  # an alias
    assert "Quotes by" in html and "Kyrylo Budanow" in html
    assert f'/articles/{ids["de"]}?focus=' in html and "Wir sehen die Raketen bereits an der Front" in html
    assert "No entity is called" in client.get("/quotes?speaker=Atlantis").text
    for path in ("/quotes", "/quotes?speaker=Budanov", "/facts", "/register", "/outlets"):
        assert not re.search(r"\be_[a-z]+\b|\bf_[a-z_]+\b", _visible(client.get(path).text)), path


def test_workbench_article_page_lists_its_facts_quotes_and_entities_beside_the_text(site) -> None:
    client, ids = site
    html = client.get(f"/articles/{ids['de']}").text
    side = html[html.index('<aside class="side"'):html.index("</aside>")]
    assert 'href="/facts/f_supply"' in side and "Nordkorea liefert Russland Munition" in side
    assert f'href="/articles/{ids["de"]}?event=0#focus"' in side  # a fact opens its sentence
    assert "Wir sehen die Raketen" in side and 'href="/quotes?speaker=e_bud"' in side
    assert 'href="/entities/e_kp"' in side and "Nordkorea" in side
    story = client.get("/stories/s1").text
    assert story.index('id="discrepancies"') < story.index('id="summary"')  # discrepancies on top
    assert 'class="graph-legend"' in story and 'data-start="2023-09-01"' in story and 'class="band' in story


def test_workbench_quotes_show_addressee_and_frame_where_present(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from lagebild.app import create_app
    from lagebild.model import Analysis
    from tests.api.fixtures import span

    db = tmp_path / "quotes.db"
    ids = build_store(db)
    client = TestClient(create_app(str(db)))
    plain = client.get("/quotes?speaker=e_bud").text
    assert "Wir sehen die Raketen" in plain and 'class="quote-context"' not in plain  # none stored: none shown
    text = ids["texts"][ids["de"]]
    store = Store.open(str(db))
    layers = store.load_layers(ids["de"])
    (quote,) = layers["quotes"]
    layers["quotes"] = [{**quote, "frame": [span(text, "sagte Kyrylo Budanow der Zeitung")],
                         "addressee": span(text, "der Zeitung")}]
    store.save_analysis(Analysis(ids["de"], layers, {}), "sig")
    store.close()
    html = client.get("/quotes?speaker=Budanov").text
    (item,) = re.findall(r'<ul class="quotes">(.*?)</ul>', html, re.S)
    context = re.sub(r"<[^>]+>", "", item[item.index('class="quote-context"'):]).split("\n")[0]
    assert "said to der Zeitung" in context and "introduced by “sagte Kyrylo Budanow der Zeitung”" in context
    side = client.get(f"/articles/{ids['de']}").text
    side = side[side.index('<ul class="side-quotes">'):]
    side = side[:side.index("</ul>")]
    assert "to der Zeitung" in side and "sagte Kyrylo Budanow der Zeitung" in side


def _set_confidences(db: Path, ids: dict[str, Any], sure: dict[tuple[str, int], float | None]) -> None:
    """Give the stored events confidences, as the learned extractor does ((article, index) → value),
    and their facts the best of them and whether a rule's event backs them, as the link stage does."""
    from sqlalchemy import select, update

    store = Store.open(str(db))
    key = {ids[article]: article for article in ("de", "en", "de2")}
    with store.engine.begin() as conn:
        for article in ("de", "en", "de2"):
            data = conn.execute(select(t.analyses.c.data).where(
                (t.analyses.c.article_id == ids[article]) & (t.analyses.c.layer == "events"))).scalar_one()
            data = [{**ev, "confidence": sure.get((article, i))} for i, ev in enumerate(data)]
            conn.execute(update(t.analyses).where((t.analyses.c.article_id == ids[article])
                                                  & (t.analyses.c.layer == "events")).values(data=data))
        events: dict[str, list[float | None]] = {}
        for fact, article, idx in conn.execute(select(t.fact_events.c.fact_id, t.fact_events.c.article_id,
                                                      t.fact_events.c.idx)):
            events.setdefault(fact, []).append(sure.get((key[article], idx)))
        for fact, found in events.items():
            best = max((c for c in found if c is not None), default=None)
            conn.execute(update(t.facts).where(t.facts.c.id == fact).values(confidence=best,
                                                                            rules=None in found))
    store.close()


def _refill_named_ids(db: Path | str) -> dict[str, str | None]:
    """Fill the facts' named ids from their data as migration 0010 does for a store linked before
    it; the facts' ids → what it filled."""
    from importlib import import_module

    from sqlalchemy import select, text

    fill = import_module("lagebild.store.migrations.versions.0010_fact_named_ids")._FILL
    store = Store.open(str(db))
    with store.engine.begin() as conn:
        conn.execute(text(fill[store.dialect]))
        found = dict(conn.execute(select(t.facts.c.id, t.facts.c.named_ids)).all())
    store.close()
    return found


def _refill_confidences(db: Path | str) -> None:
    """Forget the facts' stored confidences and fill them from the events layers as migration
    0008 does for a store linked before it."""
    from importlib import import_module

    from sqlalchemy import text, update

    fill = import_module("lagebild.store.migrations.versions.0008_fact_confidence")._FILL
    store = Store.open(str(db))
    with store.engine.begin() as conn:
        conn.execute(update(t.facts).values(confidence=None, rules=None))
        conn.execute(text(fill[store.dialect]))
    store.close()


@pytest.fixture(scope="module")
def sure_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict]:
    """The hand-filled store with confidences: f_supply backed by a 0.95 event and a rule's (no
    confidence), f_meet 0.4, f_us_sanction 0.6, f_eu_sanction 0.85, f_drones (the meeting's event) 0.4."""
    db = tmp_path_factory.mktemp("sure") / "site.db"
    ids = build_store(db)
    _add_transfer(db, ids)
    _set_confidences(db, ids, {("de", 0): 0.95, ("de", 1): 0.4, ("en", 0): None, ("en", 1): 0.6, ("de2", 0): 0.85})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from lagebild.app import create_app

    return TestClient(create_app(str(db))), ids


FACTS = ["f_supply", "f_meet", "f_us_sanction", "f_eu_sanction", "f_drones"]


def test_workbench_fact_confidences_are_the_best_event_and_whether_rules_back_it(sure_site, tmp_path) -> None:
    client, _ = sure_site
    store = client.app.state.store
    assert store.fact_confidences(FACTS) == {"f_supply": (0.95, True), "f_meet": (0.4, False),
                                             "f_us_sanction": (0.6, False), "f_eu_sanction": (0.85, False),
                                             "f_drones": (0.4, False)}
    assert store.fact_confidences(["f_meet"]) == {"f_meet": (0.4, False)}
    plain = tmp_path / "plain.db"
    build_store(plain)  # events without a confidence: the rules'
    assert set(Store.open(str(plain)).fact_confidences(FACTS).values()) == {(None, True)}


def test_workbench_fact_named_ids_filled_from_the_data_as_the_link_stage_names_them(tmp_path) -> None:
    from sqlalchemy import update

    from lagebild.link.facts import named_ids

    db = tmp_path / "named.db"
    build_store(db)
    data = {"entities": {"supplier": ["gpe:KP", "loc:capital-KP"]}, "within": {"loc:capital-KP": "gpe:KP"},
            "origins": [{"key": "org:kcna", "label": "KCNA: Pjöngjang", "speaker": "per:56c8a1a43868"}],
            "mentions": [{"event": "3f2a9c:0", "text": "laut KCNA: ja", "origin": {"key": "outlet:x"}}]}
    assert named_ids(data) == " gpe:KP loc:capital-KP org:kcna outlet:x per:56c8a1a43868 "
    store = Store.open(str(db))
    with store.engine.begin() as conn:
        conn.execute(update(t.facts).where(t.facts.c.id == "f_meet").values(data=data, named_ids=None))
    store.close()
    assert _refill_named_ids(db)["f_meet"] == named_ids(data)


def test_workbench_fact_confidences_filled_from_the_events_for_a_store_linked_before(tmp_path) -> None:
    db = tmp_path / "old.db"
    ids = build_store(db)
    _add_transfer(db, ids)
    _set_confidences(db, ids, {("de", 0): 0.95, ("de", 1): 0.4, ("en", 0): None, ("en", 1): 0.6, ("de2", 0): 0.85})
    _refill_confidences(db)
    assert Store.open(str(db)).fact_confidences(FACTS) == {
        "f_supply": (0.95, True), "f_meet": (0.4, False), "f_us_sanction": (0.6, False),
        "f_eu_sanction": (0.85, False), "f_drones": (0.4, False)}


@pytest.mark.parametrize("least, shown", [
    ("", ["f_drones", "f_eu_sanction", "f_meet", "f_supply", "f_us_sanction"]),
    ("0.5", ["f_eu_sanction", "f_supply", "f_us_sanction"]),
    ("0,9", ["f_supply"]),  # a decimal comma reads too; f_supply has a rule's event besides
    ("1", ["f_supply"]),
    ("0", ["f_drones", "f_eu_sanction", "f_meet", "f_supply", "f_us_sanction"]),
])
def test_workbench_facts_filter_by_confidence(sure_site, least: str, shown: list[str]) -> None:
    client, _ = sure_site
    html = client.get(f"/facts?confidence={least}").text
    assert sorted(_fact_ids(html)) == shown
    if least:
        assert f'name="confidence" value="{least}"' in html  # the filter stays in the form and the URL
        assert f"confidence={least.replace(',', '%2C')}" in html
    rows = list(csv.DictReader(io.StringIO(client.get(f"/facts.csv?confidence={least}").text)))
    assert sorted(r["fact_url"][7:] for r in rows) == shown
    api = client.get("/api/v1/facts", params={"min_confidence": least.replace(",", ".")} if least else {}).json()
    assert sorted(f["id"] for f in api["items"]) == shown and api["total"] == len(shown)


def test_workbench_facts_show_and_export_their_confidence(sure_site) -> None:
    client, _ = sure_site
    for html in (client.get("/facts?type=SANCTION&confidence=0").text, client.get("/facts?type=SANCTION").text):
        assert '<small class="confidence"' in html and ">0.85</small>" in html and ">0.60</small>" in html
    rows = {r["fact_url"]: r for r in csv.DictReader(io.StringIO(client.get("/facts.csv").text))}
    assert rows["/facts/f_eu_sanction"]["confidence"] == "0.85" and rows["/facts/f_supply"]["confidence"] == "0.95"
    assert rows["/facts/f_eu_sanction"]["by_rules"] == "no" and rows["/facts/f_supply"]["by_rules"] == "yes"
    for bad in ("high", "1.5", "-0.1", "nan"):
        assert 'class="error"' in client.get(f"/facts?confidence={bad}").text
        assert client.get(f"/facts.csv?confidence={bad}").status_code == 422
    assert client.get("/api/v1/facts?min_confidence=2").status_code == 422


def test_workbench_facts_download_the_whole_store(site) -> None:
    client, _ = site
    html = client.get("/facts?limit=2").text
    assert len(_fact_ids(html)) == 2
    assert 'id="export-all-csv" href="/facts.csv?all=1"' in html and "of all 5 facts in the store" in html
    response = client.get("/facts.csv?all=1&limit=2&offset=1")  # every fact, whatever the page
    assert response.headers["content-type"].startswith("text/csv") and "attachment" in response.headers[
        "content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 5 and rows[0]["fact_url"] == "/facts/f_drones"  # the page's order
    body = client.get("/facts.json?all=1").json()
    assert body["total"] == 5 and [r["fact_url"] for r in body["rows"]] == [r["fact_url"] for r in rows]
    html = client.get("/facts?type=SANCTION&limit=1").text
    assert 'href="/facts.json?type=SANCTION&amp;all=1"' in html and "of all 2 that pass the filter" in html
    body = client.get("/facts.json?type=SANCTION&all=1").json()
    assert body["filter"] == {"type": "SANCTION"} and len(body["rows"]) == 2
    assert client.get("/facts.json?all=1&since=soon").status_code == 422


def test_workbench_register_pages_its_rows_and_exports_them_all(site, monkeypatch) -> None:
    from lagebild.web import workbench as web_workbench

    client, _ = site
    monkeypatch.setattr(web_workbench, "REGISTER_PAGE", 1)
    html = client.get("/register").text
    assert re.findall(r'<tr class="transfer" data-fact="([^"]+)"', html) == ["f_drones"]
    assert "2 transfer(s)" in html and 'href="/register?sort=time&amp;dir=asc&amp;offset=1" rel="next"' in html
    html = client.get("/register?offset=1").text
    assert re.findall(r'<tr class="transfer" data-fact="([^"]+)"', html) == ["f_supply"] and 'rel="prev"' in html
    assert len(list(csv.DictReader(io.StringIO(client.get("/register.csv").text)))) == 2


def test_workbench_kept_aggregates_are_renewed_by_a_link_run_or_a_judgement(tmp_path: Path) -> None:
    from lagebild.services import kept as workbench

    db = tmp_path / "kept.db"
    build_store(db)
    store = Store.open(str(db))
    calls: list[int] = []
    compute = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert workbench.kept(store, "x", compute) == 1 and workbench.kept(store, "x", compute) == 1
    with store.engine.begin() as conn:  # a link run: the link stage's bookkeeping moves
        conn.execute(insert(t.link_index).values(kind="meta", key="linked_count", ref="4"))
    assert workbench.kept(store, "x", compute) == 2
    store.put_judgement("e_kim", "e_put", "different")  # the same number of facts, another picture
    assert workbench.kept(store, "x", compute) == 3 and workbench.kept(store, "x", compute) == 3
    store.close()
