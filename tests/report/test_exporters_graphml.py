"""The GraphML export reads back with networkx (as Gephi would read it): one node per entity with
its name and type, one directed edge per pair a fact links, with the fact's type, label, status
and count of independent origins; odd characters survive the round trip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lagebild.report import exporters

nx = pytest.importorskip("networkx", reason="pip install networkx (the test extra)")


def _doc() -> dict[str, Any]:
    entities = [
        {"id": "gpe:KP", "name": "Nordkorea", "type": "GPE", "aliases": ["Nordkorea", "Pjöngjang"], "mentions": []},
        {"id": "gpe:RU", "name": "Russland", "type": "GPE", "aliases": ["Russland"], "mentions": []},
        {"id": "org:a&b", "name": 'A & B "<Werke>"', "type": "ORG", "aliases": [], "mentions": []},
    ]
    facts = [
        {"id": "fact:1", "type": "SUPPLY", "label": "SUPPLY Nordkorea → Russland: Granaten", "status": "disputed",
         "independent_origins": 2, "args": {"supplier": [{"entity": "gpe:KP", "name": "Nordkorea"}],
                                            "recipient": [{"entity": "gpe:RU", "name": "Russland"}]}},
        {"id": "fact:2", "type": "MEET", "label": "MEET Nordkorea / Russland / A & B", "status": "asserted",
         "independent_origins": None, "args": {"participants": [{"entity": "gpe:KP"}, {"entity": "gpe:RU"},
                                                                {"entity": "org:a&b"}]}},
        {"id": "fact:3", "type": "SUPPLY", "label": "SUPPLY ? → Russland", "status": "asserted",
         "independent_origins": 1, "args": {"recipient": [{"entity": "gpe:RU"}]}},
    ]
    return {"entities": entities, "facts": facts, "events": []}


def test_exporters_graphml_reads_back_with_networkx(tmp_path: Path) -> None:
    doc = _doc()
    graph = nx.read_graphml(exporters.write_graphml(doc, tmp_path / "g.graphml"))
    assert graph.is_directed()
    assert {n: (d["name"], d["type"]) for n, d in graph.nodes(data=True)} == {
        "gpe:KP": ("Nordkorea", "GPE"), "gpe:RU": ("Russland", "GPE"), "org:a&b": ('A & B "<Werke>"', "ORG")}
    supply = graph.get_edge_data("gpe:KP", "gpe:RU")
    assert [d for d in supply.values() if d["type"] == "SUPPLY"] == [
        {"type": "SUPPLY", "label": "SUPPLY Nordkorea → Russland: Granaten", "status": "disputed",
         "independent_origins": 2}]
    meets = [(a, b) for a, b, d in graph.edges(data=True) if d["type"] == "MEET"]
    assert sorted(meets) == [("gpe:KP", "gpe:RU"), ("gpe:KP", "org:a&b"), ("gpe:RU", "org:a&b")]
    assert graph.number_of_edges() == len(exporters.graph_edges(doc)) == 4  # fact:3 has no supplier
