"""CSV and GraphML exports, written from the JSON export document."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from lagebild.model import events as events_model



def _cell(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_csv(doc: dict[str, Any], folder: Path) -> list[Path]:
    """entities.csv, events.csv and facts.csv in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "entities": (["id", "name", "type", "aliases", "mentions"],
                     [{**e, "aliases": "|".join(e["aliases"]), "mentions": len(e["mentions"])} for e in doc["entities"]]),
        "events": (["id", "type", "article", "start", "end", "text", "args", "time", "attribution", "status"],
                   doc["events"]),
        "facts": (["id", "type", "label", "args", "time", "events", "origins", "independent_origins",
                   "first_reported", "status"], doc["facts"]),
    }
    written = []
    for name, (columns, rows) in tables.items():
        path = folder / f"{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: _cell(row.get(k)) for k in columns})
        written.append(path)
    return written


def graph_edges(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Edges between canonical entities from the facts (or events, before linking)."""
    edges = []
    for item in doc["facts"] or doc["events"]:
        etype = events_model.TYPES.get(item["type"])
        args = item.get("args") or {}
        if etype is None:
            continue
        if etype.edge:
            sources, targets = (_entities(args.get(r)) for r in etype.edge)
            pairs = [(a, b) for a in sources for b in targets]
        else:  # symmetric: an edge between every two participants / parties
            members = list(dict.fromkeys(e for r in etype.side("who") for e in _entities(args.get(r))))
            pairs = [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]
        for a, b in pairs:
            if a != b:
                edges.append({"source": a, "target": b, "type": item["type"], "id": item["id"],
                              "label": item.get("label") or item.get("text", ""), "status": item.get("status"),
                              "independent_origins": item.get("independent_origins")})
    return edges


def _entities(value: Any) -> list[str]:
    """Entity ids of one role: an argument dict (events) or a list of them (facts)."""
    items = value if isinstance(value, list) else [value] if value else []
    return [x["entity"] for x in items if isinstance(x, dict) and x.get("entity")]


def write_graphml(doc: dict[str, Any], path: Path) -> Path:
    """Entities as nodes, facts between them as directed edges."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
        '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
        '  <key id="etype" for="edge" attr.name="type" attr.type="string"/>',
        '  <key id="label" for="edge" attr.name="label" attr.type="string"/>',
        '  <key id="status" for="edge" attr.name="status" attr.type="string"/>',
        '  <key id="origins" for="edge" attr.name="independent_origins" attr.type="int"/>',
        '  <graph id="lagebild" edgedefault="directed">',
    ]
    for e in doc["entities"]:
        lines.append(f'    <node id={quoteattr(e["id"])}><data key="name">{_x(e["name"])}</data>'
                     f'<data key="type">{_x(e["type"])}</data></node>')
    known = {e["id"] for e in doc["entities"]}
    for i, edge in enumerate(graph_edges(doc)):
        if edge["source"] in known and edge["target"] in known:
            lines.append(
                f'    <edge id="e{i}" source={quoteattr(edge["source"])} target={quoteattr(edge["target"])}>'
                f'<data key="etype">{_x(edge["type"])}</data><data key="label">{_x(edge["label"])}</data>'
                f'<data key="status">{_x(edge["status"] or "")}</data>'
                f'<data key="origins">{int(edge["independent_origins"] or 0)}</data></edge>')
    lines += ["  </graph>", "</graphml>", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _x(text: Any) -> str:
    return escape(str(text))
