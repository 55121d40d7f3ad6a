"""Highlight segments, timeline and graph layout (pure functions)."""

from __future__ import annotations

import math
from datetime import date

from lagebild.model import timevalue
from lagebild.web import render

TEXT = "Kim Jong Un traf Putin im September 2023 in Wostotschny."


def _span(kind: str, surface: str, **extra) -> dict:
    start = TEXT.index(surface)
    return {"kind": kind, "start": start, "end": start + len(surface), "text": surface, "index": 0, **extra}


def test_render_segments_cover_the_text_exactly_once() -> None:
    spans = [_span("entity", "Kim Jong Un", entity="per:kim"), _span("event", "Kim Jong Un traf Putin", type="MEET"),
             _span("timex", "im September 2023")]
    runs = render.segments(TEXT, spans, focus=(0, len(TEXT)))
    assert "".join(r["text"] for r in runs) == TEXT
    first = runs[0]
    assert first["text"] == "Kim Jong Un" and first["kinds"] == ["focus", "event", "entity"]
    assert first["href"] == "/entities/per:kim" and first["anchor"] == "focus"
    assert any(r["kinds"] == ["focus", "timex"] and r["text"] == "im September 2023" for r in runs)


def test_render_segments_drop_spans_outside_the_text() -> None:
    runs = render.segments("kurz", [{"kind": "entity", "start": 2, "end": 99, "text": "x", "index": 0}])
    assert [r["text"] for r in runs] == ["kurz"] and runs[0]["kinds"] == []


def test_render_sentence_around_widens_to_sentences() -> None:
    sentences = [{"start": 0, "end": 10}, {"start": 11, "end": 30}]
    assert render.sentence_around(sentences, 13, 15) == (11, 30)
    assert render.sentence_around([], 13, 15) == (13, 15)


def test_render_timeline_bars_span_their_precision() -> None:
    entries = [{"time": "2023", "fact": "a", "label": "A", "type": "SUPPLY", "span": timevalue.interval("2023")},
               {"time": "2023-06-01", "fact": "b", "label": "B", "type": "MEET", "span": timevalue.interval("2023-06-01")}]
    layout = render.timeline_layout(entries)
    year, day = layout["bars"]
    assert year["w"] > 50 * day["w"] / 4 and year["x"] <= day["x"] <= year["x"] + year["w"]
    assert render.timeline_layout([]) is None


def test_render_graph_edges_follow_roles() -> None:
    ref = lambda e: {"entity": e, "name": e.upper()}  # noqa: E731
    facts = [{"id": "f1", "type": "SUPPLY", "args": {"supplier": [ref("kp")], "recipient": [ref("ru")]}},
             {"id": "f2", "type": "MEET", "args": {"participants": [ref("kim"), ref("putin")]}},
             {"id": "f3", "type": "SUPPLY", "args": {"supplier": ref("kp"), "recipient": ref("ru")}},
             {"id": "f4", "type": "CONDEMN", "args": {"speaker": ref("kp")}}]
    graph = render.graph_layout(facts)
    edges = {(e["type"], e["source"], e["target"]): e for e in graph["edges"]}
    assert edges[("SUPPLY", "kp", "ru")]["count"] == 2 and edges[("SUPPLY", "kp", "ru")]["directed"]
    assert not edges[("MEET", "kim", "putin")]["directed"]
    assert {n["name"] for n in graph["nodes"]} == {"KP", "RU", "KIM", "PUTIN"}
    assert render.graph_layout([]) is None


def test_render_graph_one_node_per_country_and_a_legend() -> None:
    ref = lambda e, n: {"entity": e, "name": n}  # noqa: E731
    facts = [{"id": "f1", "type": "SUPPLY", "args": {"supplier": ref("loc:capital-KP", "Pyongyang"),
                                                     "recipient": ref("gpe:RU", "Russland")}},
             {"id": "f2", "type": "SANCTION", "args": {"sanctioner": ref("gpe:US", "USA"),
                                                       "target": ref("gpe:KP", "Nordkorea")}},
             {"id": "f3", "type": "MEET", "args": {"participants": [ref("loc:capital-RU", "Moskau"),
                                                                   ref("gpe:KP", "Nordkorea")]}}]
    graph = render.graph_layout(facts)
    assert sorted(n["name"] for n in graph["nodes"]) == ["Nordkorea", "Russland", "USA"]
    assert {(e["type"], e["source"], e["target"]) for e in graph["edges"]} == {
        ("SUPPLY", "gpe:KP", "gpe:RU"), ("SANCTION", "gpe:US", "gpe:KP"), ("MEET", "gpe:RU", "gpe:KP")}
    assert [(l["type"], l["directed"]) for l in graph["legend"]] == [("MEET", False), ("SANCTION", True),
                                                                     ("SUPPLY", True)]


def test_render_force_layout_keeps_nodes_apart_and_on_the_canvas() -> None:
    nodes = [f"n{i}" for i in range(12)]
    links = [(nodes[i], nodes[i + 1]) for i in range(11)]
    places = render.force_layout(nodes, links, 560)
    assert places == render.force_layout(nodes, links, 560)  # deterministic
    assert all(60 <= x <= 500 and 60 <= y <= 500 for x, y in places.values())
    gaps = [math.dist(places[a], places[b]) for i, a in enumerate(nodes) for b in nodes[i + 1:]]
    assert min(gaps) > 15
    linked = sum(math.dist(places[a], places[b]) for a, b in links) / len(links)
    assert linked < sum(gaps) / len(gaps)  # linked nodes sit closer than the average pair


def test_render_timeline_bands_cover_the_range_at_a_readable_grain() -> None:
    from datetime import date

    years = render.time_bands(date(2019, 3, 1), date(2024, 6, 30))
    assert [b["label"] for b in years] == ["2019", "2020", "2021", "2022", "2023", "2024"]
    assert years[0]["lo"] == date(2019, 3, 1) and years[-1]["hi"] == date(2024, 6, 30)
    months = render.time_bands(date(2023, 9, 15), date(2024, 1, 10))
    assert [b["label"] for b in months] == ["2023-09", "2023-10", "2023-11", "2023-12", "2024-01"]
    assert all(a["hi"].toordinal() + 1 == b["lo"].toordinal() for a, b in zip(months, months[1:]))
    assert len(render.time_bands(date(2023, 9, 1), date(2023, 9, 5))) == 5


def test_render_timeline_view_lays_out_the_zoomed_range() -> None:
    entries = [{"time": t, "fact": t, "label": t, "type": "MEET", "span": timevalue.interval(t)}
               for t in ("2023-01-10", "2023-06", "2024")]
    whole = render.timeline_layout(entries)
    assert not whole["zoomed"] and (whole["view_start"], whole["view_end"]) == ("2023-01-10", "2024-12-31")
    zoomed = render.timeline_layout(entries, view=(date(2023, 6, 1), date(2023, 6, 30)))
    assert zoomed["zoomed"] and (zoomed["start"], zoomed["end"]) == (whole["start"], whole["end"])
    bars = {b["fact"]: b for b in zoomed["bars"]}
    assert bars["2023-01-10"]["off"] and not bars["2023-06"]["off"] and bars["2024"]["off"]
    assert bars["2023-06"]["x"] == 10 and bars["2023-06"]["w"] == whole["width"] - 20  # the month fills the view
    assert [b["label"] for b in zoomed["bands"]][:2] == ["2023-06-01", "2023-06-02"]  # days, when zoomed to a month
    assert zoomed["height"] < whole["height"]
