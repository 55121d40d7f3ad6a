"""Pure helpers that turn query results into what the templates draw.

Nothing here writes HTML: the templates do, with autoescaping on, so article text is always
escaped.  Highlighting splits the article text at every span boundary into segments that know
which kinds cover them; the timeline and the graph are laid out here and drawn as inline SVG.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
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


ZOOM_MARGIN = 3660  # days the timeline may be zoomed out beyond its facts (the page's script allows the same)


def timeline_layout(entries: Sequence[dict[str, Any]], width: int = TIMELINE_WIDTH,
                    view: tuple[date | None, date | None] | None = None) -> dict[str, Any] | None:
    """Bars on a shared time axis: each fact spans its interval (a day, a month, a year …).

    ``view``: the part of the axis shown (a zoomed, shared view; either end may be None for the
    facts' own), kept within :data:`ZOOM_MARGIN` days of the facts; a bar outside it is kept but
    marked ``off`` (the page's script shows it again when one zooms out)."""
    if not entries:
        return None
    starts = [date.fromisoformat(e["span"]["start"]) for e in entries]
    ends = [date.fromisoformat(e["span"]["end"]) for e in entries]
    first, last = min(starts), max(ends)
    lo, hi = first, last
    if view is not None:
        margin = timedelta(days=ZOOM_MARGIN)
        lo = max(view[0] or first, first - margin)
        hi = min(max(view[1] or last, lo), last + margin)
    days = max((hi - lo).days + 1, 1)
    left, usable = 10, width - 20
    scale = usable / days
    bars, row = [], 0
    for e, s, f in zip(entries, starts, ends):
        off = f < lo or s > hi
        a, b = max(s, lo), min(f, hi)
        x = left + (a - lo).days * scale if not off else left
        w = max(((b - a).days + 1) * scale, 4) if not off else 4
        bars.append({"x": round(x, 1), "y": 30 + row * ROW, "w": round(w, 1), "fact": e["fact"], "label": e["label"],
                     "time": e["time"], "precision": e["span"]["precision"], "type": e["type"].lower(),
                     "start": s.isoformat(), "end": f.isoformat(), "off": off, **_label_place(x, w, width)})
        row += 0 if off else 1
    ticks = []
    for year in range(lo.year, hi.year + 1):
        for month in (1, 4, 7, 10) if days < 3 * 366 else (1,):
            d = date(year, month, 1)
            if lo <= d <= hi:
                ticks.append({"x": round(left + (d - lo).days * scale, 1), "label": d.strftime("%Y-%m")})
    bands = [{**b, "x": round(left + (b["lo"] - lo).days * scale, 1),
              "w": round(((b["hi"] - b["lo"]).days + 1) * scale, 1), "start": b["lo"].isoformat(),
              "end": b["hi"].isoformat()} for b in time_bands(lo, hi)]
    return {"width": width, "height": 40 + max(row, 1) * ROW, "bars": bars,
            "ticks": ticks, "bands": bands, "start": first.isoformat(), "end": last.isoformat(),
            "view_start": lo.isoformat(), "view_end": hi.isoformat(), "zoomed": (lo, hi) != (first, last),
            "types": sorted({b["type"] for b in bars})}


def time_bands(lo: date, hi: date) -> list[dict[str, Any]]:
    """Calendar bands over ``lo``–``hi`` (years, quarters, months or days, whichever gives a few
    dozen at most), each clipped to the range; the page zooms into a band when it is clicked.
    (The page's script draws the same bands for the range it zooms to.)"""
    days = (hi - lo).days + 1
    unit = "year" if days > 3 * 366 else "quarter" if days > 370 else "month" if days > 62 else "day"
    out = []
    cur = date(lo.year, 1, 1) if unit == "year" else date(lo.year, 1 + (lo.month - 1) // 3 * 3, 1) \
        if unit == "quarter" else date(lo.year, lo.month, 1) if unit == "month" else lo
    while cur <= hi:
        if unit == "year":
            nxt, label = date(cur.year + 1, 1, 1), str(cur.year)
        elif unit in ("quarter", "month"):
            step = 3 if unit == "quarter" else 1
            month = cur.month - 1 + step
            nxt = date(cur.year + month // 12, month % 12 + 1, 1)
            label = f"{cur.year} Q{(cur.month - 1) // 3 + 1}" if unit == "quarter" else cur.strftime("%Y-%m")
        else:
            nxt, label = date.fromordinal(cur.toordinal() + 1), cur.isoformat()
        out.append({"lo": max(cur, lo), "hi": min(date.fromordinal(nxt.toordinal() - 1), hi), "label": label,
                    "unit": unit})
        cur = nxt
    return out


def _label_place(x: float, w: float, width: int) -> dict[str, Any]:
    """Label right of the bar, or left of it when the bar ends near the right edge."""
    if x + w + 6 < width - 280:
        return {"text_x": round(x + w + 6, 1), "text_anchor": "start"}
    if x > 280:
        return {"text_x": round(x - 6, 1), "text_anchor": "end"}
    return {"text_x": round(x + 4, 1), "text_anchor": "start"}  # a wide bar: label inside it


# --- graph ----------------------------------------------------------------------------------------

GRAPH_SIZE = 560
_CAPITAL = "loc:capital-"
GRAVITY = 0.9  # the force layout's pull to the centre, per pixel off it


def _node_of(entity: str) -> str:
    """The graph's node of an entity: a capital stands for its country ("Pjöngjang liefert" is
    North Korea acting), so that "Nordkorea" and "Pyongyang" are one node."""
    return "gpe:" + entity[len(_CAPITAL):] if entity.startswith(_CAPITAL) else entity


def graph_layout(facts: Iterable[dict[str, Any]], size: int = GRAPH_SIZE, max_nodes: int = 24) -> dict[str, Any] | None:
    """Who supplies / meets / sanctions … whom: one node per entity (a capital folded into its
    country), one edge per (type, from, to), laid out by a small force simulation (the page's
    script lets one drag the nodes and filter the edge types)."""
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
            na, nb = _node_of(a["entity"]), _node_of(b["entity"])
            if na == nb:
                continue
            for value, node in ((a, na), (b, nb)):
                if value["entity"] == node or node not in names:  # the country's own name wins
                    names[node] = arg_label(value)
            edge = edges.setdefault((fact["type"], na, nb), {"type": fact["type"], "source": na, "target": nb,
                                                             "facts": []})
            edge["facts"].append(fact["id"])
    if not edges:
        return None
    degree: dict[str, int] = {}
    for e in edges.values():
        for n in (e["source"], e["target"]):
            degree[n] = degree.get(n, 0) + len(e["facts"])
    keep = sorted(sorted(degree, key=lambda n: (-degree[n], names[n]))[:max_nodes], key=lambda n: names[n])
    links = [(e["source"], e["target"]) for e in edges.values() if e["source"] in keep and e["target"] in keep]
    places = force_layout(keep, links, size)
    nodes = {}
    for n in keep:
        x, y = places[n]
        nodes[n] = {"id": n, "name": names[n], "x": x, "y": y, "degree": degree[n],
                    "r": round(min(5 + 1.5 * math.sqrt(degree[n]), 14), 1),
                    "anchor": "start" if x < size * 0.7 else "end"}
    lines = []
    for e in edges.values():
        if e["source"] in nodes and e["target"] in nodes:
            a, b = nodes[e["source"]], nodes[e["target"]]
            lines.append({**e, "x1": a["x"], "y1": a["y"], "x2": b["x"], "y2": b["y"],
                          "mx": round((a["x"] + b["x"]) / 2, 1), "my": round((a["y"] + b["y"]) / 2, 1),
                          "directed": not events_model.TYPES[e["type"]].symmetric, "count": len(e["facts"])})
    types = sorted({e["type"] for e in lines})
    return {"size": size, "nodes": list(nodes.values()), "edges": lines, "types": types,
            "legend": [{"type": t, "count": sum(e["count"] for e in lines if e["type"] == t),
                        "directed": not events_model.TYPES[t].symmetric} for t in types]}


def force_layout(nodes: Sequence[str], links: Sequence[tuple[str, str]], size: int,
                 rounds: int = 60) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold positions inside a ``size`` square (a margin kept for the labels):
    linked nodes pull together, every two push apart, all drift to the centre; deterministic
    (it starts on a circle).  Plain Python: a graph has at most a few dozen nodes, and numpy's
    cost per call (a dozen calls a round) was most of a story page's time."""
    count = len(nodes)
    margin = 60
    inner = size - 2 * margin
    low, high, centre = margin, size - margin, size / 2
    turns = [2 * math.pi * i / max(count, 1) - math.pi / 2 for i in range(count)]
    xs = [centre + inner / 2.5 * math.cos(a) for a in turns]
    ys = [centre + inner / 2.5 * math.sin(a) for a in turns]
    if count >= 3:
        index = {n: i for i, n in enumerate(nodes)}
        pairs = [(index[a], index[b]) for a, b in links]
        k = 0.65 * inner / math.sqrt(count)
        kk = k * k
        for step in range(rounds):
            mx, my = [0.0] * count, [0.0] * count
            for i in range(count):  # every two push apart: k²/d along the line between them
                xi, yi, ax, ay = xs[i], ys[i], mx[i], my[i]
                for j in range(i + 1, count):
                    dx, dy = xi - xs[j], yi - ys[j]
                    d2 = dx * dx + dy * dy
                    push = kk / (d2 if d2 > 1e-4 else 1e-4)
                    dx, dy = dx * push, dy * push
                    ax += dx
                    ay += dy
                    mx[j] -= dx
                    my[j] -= dy
                mx[i], my[i] = ax, ay
            for a, b in pairs:  # linked nodes pull together: d²/k
                dx, dy = xs[a] - xs[b], ys[a] - ys[b]
                pull = max(math.sqrt(dx * dx + dy * dy), 0.01) / k
                mx[a] -= dx * pull
                my[a] -= dy * pull
                mx[b] += dx * pull
                my[b] += dy * pull
            temp = inner / 8 * (1 - step / rounds) + 0.5
            for i in range(count):
                ax, ay = mx[i] + (centre - xs[i]) * GRAVITY, my[i] + (centre - ys[i]) * GRAVITY
                length = max(math.sqrt(ax * ax + ay * ay), 0.01)
                scale = min(length, temp) / length
                xs[i] = min(max(xs[i] + ax * scale, low), high)
                ys[i] = min(max(ys[i] + ay * scale, low), high)
    return {n: (round(x, 1), round(y, 1)) for n, x, y in zip(nodes, xs, ys)}


def args_view(args: dict[str, Any]) -> list[tuple[str, str]]:
    return [(role, ", ".join(arg_label(v) for v in arg_values(value))) for role, value in (args or {}).items()]
