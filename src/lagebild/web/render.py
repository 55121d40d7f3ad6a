"""Pure helpers that turn query results into what the templates draw.

Nothing here writes HTML: the templates do, with autoescaping on, so article text is always
escaped.  Highlighting splits the article text at every span boundary into segments that know
which kinds cover them; the timeline and the graph are laid out here and drawn as inline SVG.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from lagebild.model import events as events_model
from lagebild.services.queries import arg_label, arg_values, fact_roles

#: span kinds in the order their highlight is layered (outermost first)
KINDS = ("focus", "event", "quote", "cue", "trigger", "entity", "timex", "quantity", "hit")


def segments(text: str, spans: Iterable[dict[str, Any]], focus: tuple[int, int] | None = None,
             hits: Sequence[tuple[int, int]] = ()) -> list[dict[str, Any]]:
    """Split ``text`` into runs, each with the kinds and details of the spans that cover it.

    The run that starts the focus range gets ``anchor="focus"``; the first run of each event gets
    ``anchor="ev-<index>"``.  Spans outside the text are dropped (offsets are never trusted blindly).
    """
    items = [s for s in spans if 0 <= s["start"] < s["end"] <= len(text)]
    if focus and 0 <= focus[0] < focus[1] <= len(text):
        items.append({"kind": "focus", "start": focus[0], "end": focus[1], "text": text[focus[0]:focus[1]]})
    items += [{"kind": "hit", "start": s, "end": e} for s, e in hits if 0 <= s < e <= len(text)]
    cuts = sorted({0, len(text), *(s["start"] for s in items), *(s["end"] for s in items)})
    runs: list[dict[str, Any]] = []
    anchored: set[str] = set()
    for a, b in zip(cuts, cuts[1:]):
        covering = [s for s in items if s["start"] <= a and s["end"] >= b]
        run: dict[str, Any] = {"text": text[a:b], "start": a, "end": b,
                               "kinds": sorted({s["kind"] for s in covering}, key=KINDS.index),
                               "title": "; ".join(_describe(s) for s in covering if s["kind"] != "hit"),
                               "href": None, "anchor": None, "types": []}
        for s in covering:
            if s["kind"] == "entity" and s.get("entity"):
                run["href"] = f"/entities/{s['entity']}"
            if s["kind"] == "event" and s.get("type"):
                run["types"].append(s["type"].lower())
        starting = [s for s in covering if s["start"] == a and s["kind"] in ("focus", "event")]
        for s in sorted(starting, key=lambda s: s["kind"] != "focus"):  # the focus anchor wins a tie
            key = "focus" if s["kind"] == "focus" else f"ev-{s['index']}"
            if key not in anchored:
                run["anchor"] = key
                anchored.add(key)
                break
        runs.append(run)
    return runs


def _describe(span: dict[str, Any]) -> str:
    kind = span["kind"]
    if kind == "entity":
        return f"{span.get('label') or 'entity'}: {span.get('name') or span.get('text')}"
    if kind == "timex":
        return f"time {span.get('type')}: {span.get('value')}"
    if kind == "quantity":
        value = span.get("value") if span.get("value") is not None else f"{span.get('low')}–{span.get('high')}"
        return f"quantity: {value} {span.get('unit') or ''}".strip()
    if kind == "quote":
        speaker = (span.get("speaker") or {}).get("name") or (span.get("speaker") or {}).get("text") or "?"
        return f"{span.get('quote_kind') or ''} quote, speaker: {speaker}".strip()
    if kind == "cue":
        return "quote cue"
    if kind == "event":
        confidence = span.get("confidence")
        sure = f", confidence {confidence:.2f}" if isinstance(confidence, (int, float)) else ""
        return f"event {span.get('type')} ({span.get('status')}{sure})"
    if kind == "trigger":
        return f"trigger of {span.get('type')}"
    if kind == "focus":
        return "cited sentence"
    return kind


def sentence_around(sentences: Sequence[dict[str, Any]], start: int, end: int) -> tuple[int, int]:
    """The sentence(s) covering ``start``–``end`` (the span itself when no sentence layer exists)."""
    first = next((s for s in sentences if s["start"] <= start < s["end"]), None)
    last = next((s for s in sentences if s["start"] < end <= s["end"]), None)
    return (first["start"] if first else start, last["end"] if last else end)


# --- facts table ----------------------------------------------------------------------------------


def fact_row(fact: dict[str, Any]) -> dict[str, Any]:
    """who / what / how much / when / sources of one fact, ready for a table row."""
    roles = fact_roles(fact)
    names = lambda values: ", ".join(dict.fromkeys(arg_label(v) for v in values if arg_label(v)))  # noqa: E731
    who = names(roles["who"])
    whom = names(roles["whom"])
    what = names(roles["what"])
    outlets: dict[str, dict[str, Any]] = {}
    for m in fact.get("mentions", []):
        outlets.setdefault(m.get("outlet") or m.get("cite") or "source", m)
    first = (fact.get("mentions") or [None])[0]
    return {
        "who": who, "whom": whom, "what": what, "how_much": names(roles["quantity"]),
        "when": fact.get("time") or "", "precision": (fact.get("time_span") or {}).get("precision"),
        "sources": [{"outlet": o, "article": m["article"], "event": m["event"]} for o, m in outlets.items()],
        "first": first, "origins": [origin_label(o) for o in fact.get("origins") or []],
    }


def origin_label(origin: Any) -> str:
    """An origin's readable label; its id or key is never shown ("unnamed source" when it has no label)."""
    if isinstance(origin, dict):
        return str(origin.get("name") or origin.get("label") or origin.get("text") or "unnamed source")
    return str(origin)


# --- timeline -------------------------------------------------------------------------------------

TIMELINE_WIDTH = 900
ROW = 22


def timeline_layout(entries: Sequence[dict[str, Any]], width: int = TIMELINE_WIDTH) -> dict[str, Any] | None:
    """Bars on a shared time axis: each fact spans its interval (a day, a month, a year …)."""
    if not entries:
        return None
    starts = [date.fromisoformat(e["span"]["start"]) for e in entries]
    ends = [date.fromisoformat(e["span"]["end"]) for e in entries]
    lo, hi = min(starts), max(ends)
    days = max((hi - lo).days + 1, 1)
    left, usable = 10, width - 20
    scale = usable / days
    bars = []
    for i, (e, s, f) in enumerate(zip(entries, starts, ends)):
        x = left + (s - lo).days * scale
        w = max(((f - s).days + 1) * scale, 4)
        bars.append({"x": round(x, 1), "y": 30 + i * ROW, "w": round(w, 1), "fact": e["fact"], "label": e["label"],
                     "time": e["time"], "precision": e["span"]["precision"], "type": e["type"].lower(),
                     **_label_place(x, w, width)})
    ticks = []
    for year in range(lo.year, hi.year + 1):
        for month in (1, 4, 7, 10) if days < 3 * 366 else (1,):
            d = date(year, month, 1)
            if lo <= d <= hi:
                ticks.append({"x": round(left + (d - lo).days * scale, 1), "label": d.strftime("%Y-%m")})
    return {"width": width, "height": 40 + len(bars) * ROW, "bars": bars, "ticks": ticks,
            "start": lo.isoformat(), "end": hi.isoformat()}


def _label_place(x: float, w: float, width: int) -> dict[str, Any]:
    """Label right of the bar, or left of it when the bar ends near the right edge."""
    if x + w + 6 < width - 280:
        return {"text_x": round(x + w + 6, 1), "text_anchor": "start"}
    if x > 280:
        return {"text_x": round(x - 6, 1), "text_anchor": "end"}
    return {"text_x": round(x + 4, 1), "text_anchor": "start"}  # a wide bar: label inside it


# --- graph ----------------------------------------------------------------------------------------

GRAPH_SIZE = 560


def graph_layout(facts: Iterable[dict[str, Any]], size: int = GRAPH_SIZE, max_nodes: int = 24) -> dict[str, Any] | None:
    """Who supplies / meets / sanctions … whom: nodes on a circle, one edge per (type, from, to)."""
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    names: dict[str, str] = {}
    for fact in facts:
        etype = events_model.TYPES.get(fact.get("type", ""))
        if etype is None:
            continue
        roles = fact_roles(fact)
        sources = [v for v in roles["who"] if v.get("entity")]
        targets = [v for v in roles["whom"] if v.get("entity")]
        pairs = [(a, b) for a in sources for b in targets]
        if etype.symmetric:  # participants, parties: an edge between every two
            pairs = [(a, b) for i, a in enumerate(sources) for b in sources[i + 1:]]
        for a, b in pairs:
            if a["entity"] == b["entity"]:
                continue
            names.setdefault(a["entity"], arg_label(a))
            names.setdefault(b["entity"], arg_label(b))
            key = (fact["type"], a["entity"], b["entity"])
            edge = edges.setdefault(key, {"type": fact["type"], "source": a["entity"], "target": b["entity"],
                                          "facts": []})
            edge["facts"].append(fact["id"])
    if not edges:
        return None
    degree: dict[str, int] = {}
    for e in edges.values():
        for n in (e["source"], e["target"]):
            degree[n] = degree.get(n, 0) + len(e["facts"])
    keep = sorted(degree, key=lambda n: (-degree[n], names[n]))[:max_nodes]
    centre, radius = size / 2, size / 2 - 90
    nodes = {}
    for i, n in enumerate(sorted(keep, key=lambda n: names[n])):
        angle = 2 * math.pi * i / len(keep) - math.pi / 2
        nodes[n] = {"id": n, "name": names[n], "x": round(centre + radius * math.cos(angle), 1),
                    "y": round(centre + radius * math.sin(angle), 1), "degree": degree[n],
                    "anchor": "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"}
    lines = []
    for e in edges.values():
        if e["source"] in nodes and e["target"] in nodes:
            a, b = nodes[e["source"]], nodes[e["target"]]
            lines.append({**e, "x1": a["x"], "y1": a["y"], "x2": b["x"], "y2": b["y"],
                          "mx": round((a["x"] + b["x"]) / 2, 1), "my": round((a["y"] + b["y"]) / 2, 1),
                          "directed": not events_model.TYPES[e["type"]].symmetric, "count": len(e["facts"])})
    return {"size": size, "nodes": list(nodes.values()), "edges": lines,
            "types": sorted({e["type"] for e in lines})}


def args_view(args: dict[str, Any]) -> list[tuple[str, str]]:
    return [(role, ", ".join(arg_label(v) for v in arg_values(value))) for role, value in (args or {}).items()]
