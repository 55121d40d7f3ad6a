"""Every REST endpoint: shapes, pagination, filters, offsets, errors as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lagebild.api.routes import QuotePageOut
from lagebild.model import Analysis
from lagebild.store import Store
from tests.api.conftest import TOKEN, make_client
from tests.api.fixtures import span


def test_routes_openapi_document_lists_the_api(client: Any) -> None:
    doc = client.get("/openapi.json").json()
    paths = set(doc["paths"])
    for path in ("/api/v1/stories", "/api/v1/stories/{story_id}", "/api/v1/stories/{story_id}/export",
                 "/api/v1/facts", "/api/v1/facts/{fact_id}", "/api/v1/entities", "/api/v1/entities/{entity_id}",
                 "/api/v1/quotes", "/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/search"):
        assert path in paths
    assert "post" in doc["paths"]["/api/v1/articles"]


def test_routes_stories_list_and_pagination(client: Any) -> None:
    page = client.get("/api/v1/stories").json()
    assert page["total"] == 2 and page["items"][0]["id"] == "s1"
    assert page["items"][0]["articles"] == 3 and page["items"][0]["facts"] == 4
    second = client.get("/api/v1/stories", params={"limit": 1, "offset": 1}).json()
    assert [s["id"] for s in second["items"]] == ["s2"] and second["limit"] == 1 and second["offset"] == 1


def test_routes_story_detail_has_every_part(client: Any, ids: dict) -> None:
    story = client.get("/api/v1/stories/s1").json()
    assert story["title"] == "Nordkoreanische Waffen für Russland"
    sentence = story["summary"]["sentences"][0]
    text = ids["texts"][sentence["article"]]
    assert text[sentence["start"]:sentence["end"]].startswith("Nordkorea hat Russland")
    assert {f["id"] for f in story["facts"]} == {"f_supply", "f_meet", "f_us_sanction", "f_eu_sanction"}
    assert [e["time"] for e in story["timeline"]] == ["2023-09", "2023-09", "2024-01", "2024-02"]
    assert {"Nordkorea", "Kyrylo Budanow"} <= {e["name"] for e in story["entities"]}
    origins = {o["origin"]: [x["outlet"] for x in o["outlets"]] for o in story["sources"]}
    assert origins["White House briefing"] == ["Wire"]
    assert story["discrepancies"][0]["kind"] == "quantity"


def test_routes_story_export_follows_the_contract(client: Any) -> None:
    pytest.importorskip("lagebild.link", reason="the link stage is not in this build yet")
    from lagebild import link

    if not hasattr(link, "export_sections"):
        pytest.skip("lagebild.link.export_sections is not in this build yet")
    doc = client.get("/api/v1/stories/s1/export").json()
    assert doc["schema"] == "lagebild/1" and len(doc["articles"]) == 3


@pytest.mark.parametrize(("params", "expected"), [
    ({"type": "SANCTION"}, {"f_us_sanction", "f_eu_sanction"}),
    ({"type": "MEET"}, {"f_meet"}),
    ({"status": "reported"}, {"f_supply"}),
    ({"entity": "e_kp"}, {"f_supply", "f_us_sanction", "f_eu_sanction"}),
    ({"entity": "e_kim"}, {"f_meet"}),
    ({"story": "s2"}, set()),
    ({"since": "2024-01-15"}, {"f_us_sanction", "f_eu_sanction"}),
    ({"until": "2023"}, {"f_supply", "f_meet"}),
    ({"since": "2023-09-20", "until": "2023-09-20"}, {"f_supply", "f_meet"}),
    ({"type": "SANCTION", "since": "2024-02"}, {"f_eu_sanction"}),
])
def test_routes_facts_filters(client: Any, params: dict, expected: set) -> None:
    page = client.get("/api/v1/facts", params=params).json()
    assert {f["id"] for f in page["items"]} == expected and page["total"] == len(expected)


def test_routes_facts_order_and_pages(client: Any) -> None:
    first = client.get("/api/v1/facts", params={"limit": 2}).json()
    assert first["total"] == 4 and len(first["items"]) == 2
    assert first["items"][0]["id"] == "f_supply"  # most independent origins first
    rest = client.get("/api/v1/facts", params={"limit": 2, "offset": 2}).json()
    assert not {f["id"] for f in first["items"]} & {f["id"] for f in rest["items"]}


def test_routes_fact_detail_points_at_sentences(client: Any, ids: dict) -> None:
    fact = client.get("/api/v1/facts/f_supply").json()
    assert fact["events"] == sorted(fact["events"], key=lambda e: e != f"{ids['en']}:0") or fact["events"]
    assert fact["independent_origins"] == 2
    for m in fact["mentions"]:
        assert ids["texts"][m["article"]][m["start"]:m["end"]] == m["text"]


def test_routes_entities_search_by_any_alias(client: Any) -> None:
    for alias in ("Pjöngjang", "north korea", "Pyong"):
        found = client.get("/api/v1/entities", params={"q": alias}).json()["items"]
        assert [e["id"] for e in found] == ["e_kp"], alias
    assert client.get("/api/v1/entities", params={"type": "PER"}).json()["total"] == 3
    entity = client.get("/api/v1/entities/e_bud").json()
    assert "Budanov" in entity["aliases"] and entity["quotes"]["total"] == 1


def test_routes_quotes_by_speaker_and_article(client: Any, ids: dict) -> None:
    quotes = client.get("/api/v1/quotes", params={"speaker": "e_bud"}).json()
    assert quotes["total"] == 1
    q = quotes["items"][0]
    assert ids["texts"][q["article"]][q["start"]:q["end"]] == q["text"] and q["speaker"]["name"] == "Kyrylo Budanow"
    assert client.get("/api/v1/quotes", params={"article": ids["de"]}).json()["total"] == 1
    assert client.get("/api/v1/quotes", params={"speaker": "e_kim"}).json()["total"] == 0
    assert client.get("/api/v1/quotes").status_code == 422


def test_routes_articles_list_and_spans(client: Any, ids: dict) -> None:
    page = client.get("/api/v1/articles", params={"story": "s1"}).json()
    assert page["total"] == 3 and page["items"][0]["id"] == ids["de2"]  # newest first
    assert client.get("/api/v1/articles", params={"language": "en"}).json()["total"] == 1
    article = client.get(f"/api/v1/articles/{ids['de']}").json()
    kinds = {s["kind"] for s in article["spans"]}
    assert kinds == {"entity", "timex", "quantity", "quote", "cue", "event", "trigger"}
    for s in article["spans"]:
        assert article["text"][s["start"]:s["end"]] == s["text"]
    supply = next(s for s in article["spans"] if s["kind"] == "event" and s["type"] == "SUPPLY")
    assert supply["fact"] == "f_supply"
    assert next(s for s in article["spans"] if s["kind"] == "entity")["entity"] == "e_kp"


def test_routes_search_german_word_forms(client: Any, ids: dict) -> None:
    page = client.get("/api/v1/search", params={"q": "Raketen"}).json()
    assert {h["article"] for h in page["items"]} == {ids["de"], ids["de2"]}
    for hit in page["items"]:
        for h in hit["snippet"]["highlights"]:
            assert ids["texts"][hit["article"]][h["start"]:h["end"]].lower().startswith("rakete")
    assert client.get("/api/v1/search", params={"q": "Rakete", "limit": 1}).json()["total"] == 2
    assert client.get("/api/v1/search", params={"q": "Lieferung"}).json()["items"][0]["article"] == ids["de"]


@pytest.mark.parametrize("path", ["/api/v1/stories/nope", "/api/v1/facts/nope", "/api/v1/entities/nope",
                                  "/api/v1/articles/nope", "/api/v1/stories/nope/export", "/api/v1/nothing"])
def test_routes_unknown_ids_are_json_404(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    body = response.json()
    assert body["error"]["status"] == 404 and body["error"]["message"]


@pytest.mark.parametrize(("path", "params"), [
    ("/api/v1/facts", {"limit": 0}), ("/api/v1/facts", {"limit": 100000}), ("/api/v1/facts", {"offset": -1}),
    ("/api/v1/facts", {"type": "PICNIC"}), ("/api/v1/facts", {"since": "last week"}),
    ("/api/v1/search", {}), ("/api/v1/search", {"q": "..."}), ("/api/v1/entities", {"type": "X"}),
])
def test_routes_bad_parameters_are_json_422(client: Any, path: str, params: dict) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert "message" in response.json()["error"]


ONE = {"text": "Die Ukraine meldete am Montag neue Angriffe mit Drohnen auf Kiew.", "title": "Angriffe",
       "language": "de", "published": "2024-03-04", "outlet": "Testblatt"}


def test_routes_post_without_token_is_401(client: Any) -> None:
    assert client.post("/api/v1/articles", json=ONE).status_code == 401
    wrong = client.post("/api/v1/articles", json=ONE, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["error"]["status"] == 401


def test_routes_post_is_off_without_a_configured_token(built_store, monkeypatch) -> None:
    monkeypatch.delenv("LAGEBILD_API_TOKEN", raising=False)
    off = make_client(built_store[0])
    response = off.post("/api/v1/articles", json=ONE, headers={"Authorization": "Bearer anything"})
    assert response.status_code == 401 and "off" in response.json()["error"]["message"]


def test_routes_oversized_body_is_413(built_store) -> None:
    small = make_client(built_store[0], token=TOKEN, max_body=2000)
    big = {**ONE, "text": "Wort " * 1000}
    response = small.post("/api/v1/articles", json=big, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413 and "larger than 2000 bytes" in response.json()["error"]["message"]


def test_routes_oversized_chunked_body_is_413(built_store) -> None:
    """A body sent in chunks (no Content-Length) over the limit: 413, as for a declared one (was 400)."""
    import json

    small = make_client(built_store[0], token=TOKEN, max_body=2000)
    raw = json.dumps({**ONE, "text": "Wort " * 1000}).encode("utf-8")

    def chunks():
        for i in range(0, len(raw), 500):
            yield raw[i:i + 500]

    response = small.post("/api/v1/articles", content=chunks(),
                          headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert response.status_code == 413 and "larger than 2000 bytes" in response.json()["error"]["message"]
    ok = small.post("/api/v1/articles", content=iter([json.dumps(ONE).encode("utf-8")]),
                    headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert ok.status_code in (200, 201)


def test_routes_post_rejects_malformed_articles(client: Any) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/api/v1/articles", json={"title": "no text"}, headers=headers).status_code == 422
    assert client.post("/api/v1/articles", json={"articles": []}, headers=headers).status_code == 422
    bad = client.post("/api/v1/articles", content=b"{not json", headers={**headers, "Content-Type": "application/json"})
    assert bad.status_code == 422


def test_routes_post_ingests_analyses_and_indexes(store_copy, monkeypatch) -> None:
    path, _ = store_copy
    import lagebild.services.commands as services

    calls = []
    monkeypatch.setattr(services, "link_store", lambda store, **kw: calls.append("link") or {})
    client = make_client(path, token=TOKEN)
    body = {"articles": [ONE, {**ONE, "text": "Zweite Meldung: Drohnen griffen am Dienstag den Osten an."}]}
    response = client.post("/api/v1/articles", json=body, headers={"X-API-Token": TOKEN})
    assert response.status_code == 201, response.text
    report = response.json()
    assert len(report["added"]) == 2 and report["analyzed"] >= 2 and calls == ["link"]
    again = client.post("/api/v1/articles", json=ONE, headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert again["added"] == [] and len(again["existing"]) == 1
    found = client.get("/api/v1/search", params={"q": "Drohne"}).json()
    assert found["total"] == 2
    article = client.get(f"/api/v1/articles/{report['added'][0]}").json()
    assert any(s["kind"] == "entity" for s in article["spans"])


def _with_quote_roles(db: Path, ids: dict) -> dict[str, dict[str, Any]]:
    """Give the fixture's quote a frame, an addressee and nested quoted words (as the quotes stage
    stores them); returns the three spans."""
    text = ids["texts"][ids["de"]]
    store = Store.open(str(db))
    layers = store.load_layers(ids["de"])
    (quote,) = layers["quotes"]
    roles = {"frame": span(text, "sagte Kyrylo Budanow der Zeitung"), "addressee": span(text, "der Zeitung"),
             "quoted": span(text, "bereits an der Front")}
    layers["quotes"] = [{**quote, "frame": [roles["frame"]], "addressee": roles["addressee"],
                         "quoted": [roles["quoted"]]}]
    store.save_analysis(Analysis(ids["de"], layers, {}), "sig")
    return roles


def test_routes_quotes_show_frame_addressee_and_quoted_words(store_copy: tuple[Path, dict]) -> None:
    db, ids = store_copy
    roles = _with_quote_roles(db, ids)
    text = ids["texts"][ids["de"]]
    client = make_client(db)
    for params in ({"speaker": "e_bud"}, {"article": ids["de"]}):
        body = client.get("/api/v1/quotes", params=params).json()
        QuotePageOut.model_validate(body)  # the response is what the OpenAPI document says
        (q,) = body["items"]
        assert q["frame"] == [roles["frame"]] and q["addressee"] == roles["addressee"]
        assert q["quoted"] == [roles["quoted"]] and q["gaps"] == [] and q["cue_extra"] is None
        for s in (*q["frame"], q["addressee"], *q["quoted"], q["cue"]):
            assert text[s["start"]:s["end"]] == s["text"]
    assert client.get("/api/v1/entities/e_bud").json()["quotes"]["items"][0]["addressee"] == roles["addressee"]
    article = client.get(f"/api/v1/articles/{ids['de']}").json()
    (q,) = [s for s in article["spans"] if s["kind"] == "quote"]
    assert q["frame"] == [roles["frame"]] and q["addressee"] == roles["addressee"] and q["quoted"] == [roles["quoted"]]


def test_routes_quote_without_roles_has_empty_ones(store_copy: tuple[Path, dict]) -> None:
    db, ids = store_copy  # a copy: tests before this one may re-analyse the shared store's articles
    client = make_client(db)
    (q,) = client.get("/api/v1/quotes", params={"article": ids["de"]}).json()["items"]
    assert q["frame"] == [] and q["addressee"] is None and q["quoted"] == [] and q["gaps"] == []
    (s,) = [s for s in client.get(f"/api/v1/articles/{ids['de']}").json()["spans"] if s["kind"] == "quote"]
    assert s["frame"] == [] and s["addressee"] is None and s["quoted"] == []


def test_openapi_documents_the_quote_roles(client: Any) -> None:
    doc = client.get("/openapi.json").json()
    ref = doc["paths"]["/api/v1/quotes"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    page = doc["components"]["schemas"][ref.rsplit("/", 1)[1]]
    item = doc["components"]["schemas"][page["properties"]["items"]["items"]["$ref"].rsplit("/", 1)[1]]
    assert {"frame", "addressee", "quoted", "cue", "speaker", "start", "end"} <= set(item["properties"])


def test_routes_quotes_of_a_speaker_are_read_until_the_page_and_one_more(store_copy: tuple[Path, dict]) -> None:
    from sqlalchemy import delete, insert

    from lagebild.services import queries
    from lagebild.store import schema as t

    db, ids = store_copy
    store = Store.open(str(db))
    for key in ("en", "de2"):  # Budanov (mention 0) is quoted in the two other articles too
        text = ids["texts"][ids[key]]
        layers = store.load_layers(ids[key])
        layers["quotes"] = [{"start": 0, "end": 20, "text": text[:20], "kind": "indirect", "cue": None,
                             "speaker": {"start": 0, "end": 5, "text": text[:5], "mention": 0}, "stage": "test"}]
        store.save_analysis(Analysis(ids[key], layers, {}), "sig")
        with store.engine.begin() as conn:
            me = t.mention_entities.c
            conn.execute(delete(t.mention_entities).where((me.article_id == ids[key]) & (me.idx == 0)))
            conn.execute(insert(t.mention_entities).values(article_id=ids[key], idx=0, entity_id="e_bud"))
    every = queries.list_quotes(store, speaker="e_bud", limit=5)
    assert (every.total, len(every.items), every.to_dict().get("total_exact", True)) == (3, 3, True)
    first = queries.list_quotes(store, speaker="e_bud", limit=1)  # two found: the third article is not read
    assert (first.total, len(first.items), first.to_dict()["total_exact"]) == (2, 1, False)
    assert queries.list_quotes(store, speaker="e_bud", limit=1, offset=2).items[0]["article"] == ids["de2"]
    capped = queries.list_quotes(store, speaker="e_bud", limit=5, scan=2)
    assert (capped.total, capped.to_dict()["total_exact"]) == (2, False)
    store.close()
