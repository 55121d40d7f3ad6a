"""Highlight segments, timeline and graph layout (pure functions)."""

from __future__ import annotations

import pytest

from lagebild.api import timex
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


@pytest.mark.parametrize(("value", "start", "end", "precision"), [
    ("2024-01-16", "2024-01-16", "2024-01-16", "day"),
    ("2023-09", "2023-09-01", "2023-09-30", "month"),
    ("2024-02", "2024-02-01", "2024-02-29", "month"),
    ("2022", "2022-01-01", "2022-12-31", "year"),
    ("2024-W03", "2024-01-15", "2024-01-21", "week"),
    ("2024-Q2", "2024-04-01", "2024-06-30", "quarter"),
    ("2023-WI", "2023-12-01", "2024-02-29", "season"),
    ("202", "2020-01-01", "2029-12-31", "decade"),
])
def test_timex_span_of_values(value: str, start: str, end: str, precision: str) -> None:
    assert timex.span_dict(value) == {"start": start, "end": end, "precision": precision}


@pytest.mark.parametrize("value", [None, "", "P1Y", "XXXX-12-25", "PRESENT_REF", "2023-13", "2023-W60"])
def test_timex_span_of_values_off_the_calendar(value) -> None:
    assert timex.span(value) is None


def test_timex_window_rejects_words() -> None:
    with pytest.raises(ValueError, match="since"):
        timex.window("gestern", None)


def test_render_timeline_bars_span_their_precision() -> None:
    entries = [{"time": "2023", "fact": "a", "label": "A", "type": "SUPPLY", "span": timex.span_dict("2023")},
               {"time": "2023-06-01", "fact": "b", "label": "B", "type": "MEET", "span": timex.span_dict("2023-06-01")}]
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
