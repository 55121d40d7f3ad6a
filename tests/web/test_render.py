"""Highlight segments, timeline and graph layout (pure functions)."""

from __future__ import annotations

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
