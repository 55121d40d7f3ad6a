"""Discrepancies between facts of one family, disputes, and the timeline.

Facts of one family (same type, same core arguments) whose quantities differ are compared by
time.  Different figures for about the same time are a *quantity* discrepancy ("rund eine
Million" and "etwa 1,5 Millionen" for the deliveries until the end of 2023); figures for different
times are an *evolution* ("1 million by January", then "2 million by July"), never a
discrepancy.  A figure without a time of its own holds as of the day it was first reported; times
less than three weeks apart count as the same time, since "bis Jahresende" and a report date
early in January name the same state of affairs.  A bound ("mehr als eine Million") disagrees only
with figures outside it.  Two actual (not planned) meetings, visits or agreements of the same
parties reported within days with different day dates are a *date* discrepancy.
"""

from __future__ import annotations

import hashlib
from itertools import combinations
from typing import Any

from lagebild.link.facts import quantities_agree
from lagebild.model import events as events_model
from lagebild.model import timevalue

DATE_TYPES = frozenset({"MEET", "VISIT", "AGREE"})
#: figures whose times (own or report date) are at most this many days apart count as the same time
REPORT_WINDOW_DAYS = 21


def _did(kind: str, ids: list[str]) -> str:
    return "disc:" + hashlib.sha1((kind + "|" + "|".join(sorted(ids))).encode("utf-8")).hexdigest()[:12]


def _sources(fact: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"article": m["article"], "start": m["start"], "end": m["end"], "outlet": m.get("outlet"),
             "published": m.get("published"), "origin": m["origin"]["label"]}
            for m in fact["data"]["mentions"]]


def _value(fact: dict[str, Any]) -> float | None:
    q = fact["data"].get("quantity")
    return float(q["value"]) if q and q.get("value") is not None else None


def _reference_time(fact: dict[str, Any]) -> timevalue.TimeValue | None:
    return timevalue.parse(fact.get("time"))


def _as_of(fact: dict[str, Any]) -> tuple[timevalue.TimeValue | None, bool]:
    """The time a figure holds for: the fact's own time, else the day it was first reported
    (a cumulative figure without a date is "as of" its report).  The flag says which."""
    own = _reference_time(fact)
    if own is not None:
        return own, False
    return timevalue.parse(fact.get("first_reported")), True


def _same_time(a: dict[str, Any], b: dict[str, Any]) -> bool:
    (ta, _), (tb, _) = _as_of(a), _as_of(b)
    if ta is None or tb is None:
        return True
    apart = max((tb.first - ta.last).days, (ta.first - tb.last).days, 0)
    return apart <= REPORT_WINDOW_DAYS


def _figure(fact: dict[str, Any]) -> str:
    q = fact["data"]["quantity"]
    value = _value(fact)
    shown = f"{value:,.0f}" if value is not None and value == int(value) else str(value)
    when, reported = _as_of(fact)
    stamp = f"reported {when.value}" if reported and when else (when.value if when else "no date")
    return f"{shown} ({q.get('text') or shown}; {stamp})"


def _months(fact: dict[str, Any], margin: int = 0) -> list[str]:
    when = _as_of(fact)[0]
    if when is None:
        return ["none"]
    y, m = when.first.year, when.first.month - margin
    last = when.last.year * 12 + when.last.month - 1 + margin
    out = []
    while (y * 12 + m - 1) <= last and len(out) < 15:
        y, m = (y - 1, m + 12) if m <= 0 else (y, m)
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def comparable(fact: dict[str, Any]) -> bool:
    """Whether a fact can take part in a discrepancy at all: it has a figure, or it is an actual
    meeting, visit or agreement with a day date."""
    if _value(fact) is not None:
        return True
    t = _reference_time(fact)
    return fact["type"] in DATE_TYPES and not fact["data"].get("planned") and t is not None \
        and t.precision == "day"


def bucket_keys(fact: dict[str, Any]) -> list[str]:
    """Where a fact is filed for comparison: its family in each month its figure holds for."""
    if not comparable(fact):
        return []
    return [f"F:{fact['data']['family']}@{m}" for m in _months(fact)]


def search_keys(fact: dict[str, Any]) -> list[str]:
    """Where its possible counterparts are filed: the same months and one on either side (times
    up to :data:`REPORT_WINDOW_DAYS` apart count as the same time)."""
    if not comparable(fact):
        return []
    return [f"F:{fact['data']['family']}@{m}" for m in _months(fact, margin=1)]


def compare(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any] | None:
    """A discrepancy record for two facts of one family, or None (agreement or evolution)."""
    va, vb = _value(a), _value(b)
    ta, tb = _reference_time(a), _reference_time(b)
    if va is not None and vb is not None and not quantities_agree(a["data"]["quantity"], b["data"]["quantity"]):
        if not _same_time(a, b):
            return None  # figures for different times: an evolution, not a contradiction
        detail = f"different figures for the same happening at about the same time: {_figure(a)} vs {_figure(b)}"
        sides = [{"fact": f["id"], "value": _value(f), "quantity": f["data"]["quantity"].get("text"),
                  "time": f.get("time"), "sources": _sources(f)} for f in (a, b)]
        return {"id": _did("quantity", [a["id"], b["id"]]), "kind": "quantity",
                "data": {"facts": [a["id"], b["id"]], "detail": detail, "sides": sides}}
    if a["type"] in DATE_TYPES and not a["data"].get("planned") and not b["data"].get("planned") \
            and ta is not None and tb is not None and ta.precision == tb.precision == "day" \
            and ta.value != tb.value and abs((ta.first - tb.first).days) <= 7:
        pa, pb = timevalue.parse(a.get("first_reported")), timevalue.parse(b.get("first_reported"))
        if pa and pb and abs((pa.first - pb.first).days) <= 7:
            sides = [{"fact": f["id"], "time": f.get("time"), "sources": _sources(f)} for f in (a, b)]
            return {"id": _did("date", [a["id"], b["id"]]), "kind": "date",
                    "data": {"facts": [a["id"], b["id"]], "detail": "different dates for one happening",
                             "sides": sides}}
    return None


def _articles(fact: dict[str, Any]) -> set[str]:
    return {m["article"] for m in fact["data"]["mentions"]}


def _anchored(fact: dict[str, Any]) -> bool:
    """Only facts with at least one core argument entity are compared."""
    return any(fact["data"]["entities"].get(r) for r in events_model.identity_roles(fact["type"]))


def find(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """All discrepancies among the facts of one family (never within one article)."""
    out = []
    ordered = sorted((f for f in facts if _anchored(f)), key=lambda f: f["id"])
    for a, b in combinations(ordered, 2):
        if _articles(a) == _articles(b) and len(_articles(a)) == 1:
            continue
        found = compare(a, b)
        if found is not None:
            out.append(found)
    return out


def against(fact: dict[str, Any], others: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Discrepancies between one fact and the other facts of its family."""
    if not _anchored(fact):
        return []
    out = []
    for other in sorted(others, key=lambda f: f["id"]):
        if other["id"] == fact["id"] or not _anchored(other):
            continue
        if _articles(fact) == _articles(other) and len(_articles(fact)) == 1:
            continue
        a, b = sorted((fact, other), key=lambda f: f["id"])
        found = compare(a, b)
        if found is not None:
            out.append(found)
    return out


def denials(facts: list[dict[str, Any]]) -> dict[str, str]:
    """Facts denied by a party: fact id → the denying DENY fact (same story, speaker among its parties)."""
    deny = [f for f in facts if f["type"] == "DENY"]
    out: dict[str, str] = {}
    for fact in facts:
        if fact["type"] == "DENY":
            continue
        parties = {e for r in events_model.identity_roles(fact["type"]) for e in fact["data"]["entities"].get(r, [])}
        for d in deny:
            if d.get("story_id") != fact.get("story_id"):
                continue
            speakers = set(d["data"]["entities"].get("speaker", []))
            if speakers & parties and timevalue.compatible(d.get("time"), fact.get("time")):
                out[fact["id"]] = d["id"]
                break
    return out


def timeline(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Facts ordered by time at their own precision, each with its sentences."""
    rows = []
    for fact in sorted(facts, key=lambda f: (timevalue.sort_key(f.get("time")), f.get("first_reported") or "",
                                             f["id"])):
        when = fact.get("time") or fact.get("first_reported")
        rows.append({
            "time": when, "precision": timevalue.precision(when) if when else None,
            "time_from": "event" if fact.get("time") else "first_reported",
            "fact": fact["id"], "label": fact["label"], "story": fact.get("story_id"),
            "sentences": [{"article": m["article"], "start": m["sentence"][0], "end": m["sentence"][1]}
                          for m in fact["data"]["mentions"]],
        })
    return rows
