"""Discrepancies and evolutions between facts of one family, disputes, and the timeline.

Facts of one family (same type, same core arguments) whose figures differ are compared as typed
figures (:class:`~lagebild.model.numbers.Figure`: amount or rate per a period, running total or
addition) at the time each holds for.  :func:`relate` says what two facts are to each other and
why (a :class:`Verdict` with one reason per feature):

* a **discrepancy** (kind ``quantity``): incompatible values for the same happening at the same
  time: both amounts, or both rates (compared per one period), neither a running total against
  an addition, of one kind of unit, held at times at most :data:`REPORT_WINDOW_DAYS` apart
  ("rund eine Million" and "etwa 1,5 Millionen" for the deliveries until the end of 2023); also a
  running total ("bisher", "so far") that is smaller than an earlier figure: a count to date
  cannot fall;
* an **evolution** (kind ``evolution``): a running total at different dates that grows ("1
  million by January", "2 million by July"), a rate against a total ("3 million a year" against
  "1 million by January", whatever their dates), a rate that changed, an addition against a
  running total.  An evolution is told, never a dispute: :func:`against`, whose records make facts
  *disputed*, gives discrepancies only; :func:`evolutions` gives the evolutions;
* nothing to tell: figures that agree ("200,000 a month" and "2.4 million a year"), two
  additions at different times (two deliveries), different kinds of unit.

The time a figure holds for: the fact's own time, else the day it was first reported; never
later than its first report (a count for "2024" reported in May holds as of May).  A running
total holds at the end of its time ("bis Ende 2023": as of the end of 2023).  A bound ("mehr als
eine Million") disagrees only with figures outside it.  Two actual (not planned) meetings, visits
or agreements of the same parties reported within days with different day dates are a *date*
discrepancy.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lagebild.link.facts import QUANTITY_TOLERANCE
from lagebild.model import events as events_model
from lagebild.model import timevalue
from lagebild.model.numbers import Figure

DATE_TYPES = frozenset({"MEET", "VISIT", "AGREE"})
#: figures whose times (own or report date) are at most this many days apart count as the same time
REPORT_WINDOW_DAYS = 21
#: kinds of records that make their facts disputed
DISPUTING = frozenset({"quantity", "date"})
EVOLUTION = "evolution"
_AVERAGE_MONTH = 365.25 / 12


def _did(kind: str, ids: list[str]) -> str:
    """A record's id: ``disc:…`` for a discrepancy, ``evo:…`` for an evolution (:func:`disputing`
    tells them apart by it)."""
    prefix = "evo:" if kind == EVOLUTION else "disc:"
    return prefix + hashlib.sha1((kind + "|" + "|".join(sorted(ids))).encode("utf-8")).hexdigest()[:12]


def disputing(record_ids: list[str] | None) -> bool:
    """Whether a fact's list of record ids holds a discrepancy (an evolution disputes nothing)."""
    return any(not rid.startswith("evo:") for rid in record_ids or [])


def _sources(fact: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"article": m["article"], "start": m["start"], "end": m["end"], "outlet": m.get("outlet"),
             "published": m.get("published"), "origin": m["origin"]["label"]}
            for m in fact["data"]["mentions"]]


def _figure(fact: dict[str, Any]) -> Figure | None:
    return Figure.of(fact["data"].get("quantity"))


def _value(fact: dict[str, Any]) -> float | None:
    q = fact["data"].get("quantity")
    return float(q["value"]) if q and q.get("value") is not None else None


def _reference_time(fact: dict[str, Any]) -> timevalue.TimeValue | None:
    return timevalue.parse(fact.get("time"))


@dataclass(frozen=True)
class AsOf:
    """The days a fact's figure holds for, and how that was decided (for the analyst's note)."""

    first: date
    last: date
    shown: str  # "by 2023", "2024-01", "as of 2024-05-14"
    reported: bool  # no time of its own: the day it was first reported

    def apart(self, other: AsOf) -> int:
        """Days between the two (0 when they overlap)."""
        return max((other.first - self.last).days, (self.first - other.last).days, 0)


def as_of(fact: dict[str, Any]) -> AsOf | None:
    """The time a fact's figure holds for: its own time, never past its first report (a figure for
    "2024" reported in May holds as of May); a running total at the end of that time; without a
    time of its own, the day it was first reported (a cumulative figure without a date is "as of"
    its report)."""
    own, report = _reference_time(fact), timevalue.parse(fact.get("first_reported"))
    figure = _figure(fact)
    total = figure is not None and figure.tally == "total"
    if own is None:
        if report is None:
            return None
        return AsOf(report.first, report.last, f"as of {report.value}", True)
    first, last, shown = own.first, own.last, own.value
    if report is not None and first <= report.last < last:
        last, shown = report.last, f"{own.value} (as of {report.value})"
    if total:
        return AsOf(last, last, f"by {shown}", False)
    return AsOf(first, last, shown, False)


def _same_time(a: dict[str, Any], b: dict[str, Any]) -> bool:
    ta, tb = as_of(a), as_of(b)
    return ta is None or tb is None or ta.apart(tb) <= REPORT_WINDOW_DAYS


def _months(fact: dict[str, Any], margin: int = 0) -> list[str]:
    when = as_of(fact)
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
    if _figure(fact) is not None:
        return True
    t = _reference_time(fact)
    return fact["type"] in DATE_TYPES and not fact["data"].get("planned") and t is not None \
        and t.precision == "day"


def _over_time(fact: dict[str, Any]) -> str | None:
    """``total`` for a running total, ``rate`` for a rate: figures compared across any time (a
    running total that shrinks months later is a discrepancy; a rate against a total an evolution)."""
    figure = _figure(fact)
    if figure is None:
        return None
    return "rate" if figure.is_rate else "total" if figure.tally == "total" else None


def bucket_keys(fact: dict[str, Any]) -> list[str]:
    """Where a fact is filed for comparison: its family in each month its figure holds for; a
    running total or a rate also under its family's running totals or rates."""
    if not comparable(fact):
        return []
    family = fact["data"]["family"]
    kind = _over_time(fact)
    return [f"F:{family}@{m}" for m in _months(fact)] + ([f"F:{family}@{kind}"] if kind else [])


def search_keys(fact: dict[str, Any]) -> list[str]:
    """Where its possible counterparts are filed: the same months and one on either side (times
    up to :data:`REPORT_WINDOW_DAYS` apart count as the same time); for a running total or a
    rate, also every running total and rate of its family."""
    if not comparable(fact):
        return []
    family = fact["data"]["family"]
    across = [f"F:{family}@total", f"F:{family}@rate"] if _over_time(fact) else []
    return [f"F:{family}@{m}" for m in _months(fact, margin=1)] + across


# --- what two facts are to each other -------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """What two facts of one family are to each other: ``kind`` ``quantity`` or ``date`` (a
    discrepancy), ``evolution``, or None (nothing to tell); ``note`` says it as an analyst would,
    ``reasons`` gives one line per feature that decided it."""

    kind: str | None
    note: str
    reasons: dict[str, str] = field(default_factory=dict)

    @property
    def disputing(self) -> bool:
        return self.kind in DISPUTING


def _unit_class(q: dict[str, Any]) -> str:
    """What a figure counts, coarsely: a currency or measure code ("USD", "%", "km"), else things."""
    unit = (q.get("unit") or "").strip()
    if unit == "%" or (unit and " " not in unit and (len(unit) <= 3 or unit.isupper())):
        return unit
    return "count"


def _origin(fact: dict[str, Any]) -> str:
    labels = [o["label"] for o in fact["data"].get("origins") or [] if o.get("label")]
    if not labels:
        labels = [m["origin"]["label"] for m in fact["data"]["mentions"] if m.get("origin", {}).get("label")]
    labels = list(dict.fromkeys(labels))
    return "; ".join(labels[:2]) + (" …" if len(labels) > 2 else "")


def _side(fact: dict[str, Any], figure: Figure, when: AsOf | None) -> str:
    """``1,000,000 ("one million artillery shells") by 2023 (Kyrylo Budanov)``."""
    surface = f" (“{figure.text}”)" if figure.text else ""
    stamp = f" {when.shown}" if when else " (no date)"
    origin = _origin(fact)
    return f"{figure.shown()}{surface}{stamp}" + (f" ({origin})" if origin else "")


def _months_of(total: Figure, rate: Figure) -> str:
    """How long the rate needs for the total: "about 4 months at that rate"."""
    if total.high == float("inf") or rate.low <= 0:
        return ""
    months = total.low / (rate.per_period("P1M").low)
    return f"; at that rate {total.shown()} is about {months:.0f} months' worth" if months >= 1 else ""


def _figures(a: dict[str, Any], b: dict[str, Any], fa: Figure, fb: Figure) -> Verdict:
    """The verdict on two facts with figures (see the module docstring)."""
    ta, tb = as_of(a), as_of(b)
    reasons = {"family": f"{a['type']} with the same core arguments",
               "figures": f"{fa.shown()} ({fa.kind}) vs {fb.shown()} ({fb.kind})"}
    ua, ub = _unit_class(a["data"]["quantity"]), _unit_class(b["data"]["quantity"])
    if ua != ub:
        reasons["unit"] = f"{ua} vs {ub}: different things counted"
        return Verdict(None, "figures of different units", reasons)
    apart = ta.apart(tb) if ta and tb else None
    same = apart is None or apart <= REPORT_WINDOW_DAYS
    reasons["time"] = (f"{ta.shown if ta else 'no date'} vs {tb.shown if tb else 'no date'}: "
                       + ("about the same time" if same else f"{apart} days apart"))
    if fa.is_rate != fb.is_rate:
        total, rate = (fa, fb) if fb.is_rate else (fb, fa)
        what = {"total": "a running total", "new": "an addition"}.get(total.tally or "", "a total")
        reasons["kind"] = f"a rate against {what}: they measure different things"
        return Verdict(EVOLUTION, f"a rate against {what}{_months_of(total, rate)}", reasons)
    if {fa.tally, fb.tally} == {"total", "new"}:
        reasons["kind"] = "an addition against a running total"
        return Verdict(EVOLUTION, "an addition against a running total", reasons)
    order = fa.order(fb, QUANTITY_TOLERANCE)
    if order == 0:
        if fa.is_rate and fa.per != fb.per:
            reasons["figures"] += f" ({fb.shown()} ≈ {fb.per_period(fa.per).shown()})"  # type: ignore[arg-type]
        return Verdict(None, "the figures agree", reasons)
    what = "rates" if fa.is_rate else "figures"
    if same or ta is None or tb is None:
        return Verdict("quantity", f"different {what} for the same happening at about the same time", reasons)
    (early, fe), (late, fl) = sorted(((ta, fa), (tb, fb)), key=lambda x: (x[0].first, x[0].last))
    if fa.is_rate:
        return Verdict(EVOLUTION, "the rate changed over time", reasons)
    if fe.tally == fl.tally == "new":
        return Verdict(None, "two additions at different times: two deliveries", reasons)
    if fe.order(fl, QUANTITY_TOLERANCE) < 0:
        grows = "new" not in (fe.tally, fl.tally)
        return Verdict(EVOLUTION, "a running total that grows" if grows else "a later, larger figure beside an "
                       "addition", reasons)
    if fl.tally == "total" and fe.tally != "new":
        reasons["tally"] = f"the later figure is a running total ({late.shown}) below the earlier ({early.shown})"
        return Verdict("quantity", "a running total that shrinks (a count to date cannot fall)", reasons)
    return Verdict(EVOLUTION, "a later, smaller figure: a new batch or a period of its own, not said to be a "
                              "running total", reasons)


def relate(a: dict[str, Any], b: dict[str, Any]) -> Verdict:
    """What two facts of one family are to each other, and why."""
    ia, ib = a["data"].get("items") or [], b["data"].get("items") or []
    if ia and ib and not set(ia) & set(ib):  # shells and missiles: two transfers, nothing to compare
        return Verdict(None, "different items")
    fa, fb = _figure(a), _figure(b)
    if fa is not None and fb is not None:
        return _figures(a, b, fa, fb)
    ta, tb = _reference_time(a), _reference_time(b)
    if a["type"] in DATE_TYPES and not a["data"].get("planned") and not b["data"].get("planned") \
            and ta is not None and tb is not None and ta.precision == tb.precision == "day" \
            and ta.value != tb.value and abs((ta.first - tb.first).days) <= 7:
        pa, pb = timevalue.parse(a.get("first_reported")), timevalue.parse(b.get("first_reported"))
        if pa and pb and abs((pa.first - pb.first).days) <= 7:
            return Verdict("date", "different dates for one happening",
                           {"time": f"{ta.value} vs {tb.value}", "reported": f"{pa.value} vs {pb.value}"})
    return Verdict(None, "nothing to compare")


def _record(a: dict[str, Any], b: dict[str, Any], verdict: Verdict) -> dict[str, Any]:
    ids = [a["id"], b["id"]]
    if verdict.kind == "date":
        sides = [{"fact": f["id"], "time": f.get("time"), "sources": _sources(f)} for f in (a, b)]
        return {"id": _did("date", ids), "kind": "date",
                "data": {"facts": ids, "detail": verdict.note, "sides": sides, "reasons": verdict.reasons}}
    def when(f: dict[str, Any]) -> tuple[date, date]:
        w = as_of(f)
        return (w.first, w.last) if w else (date.max, date.max)

    shown = [_side(f, fig, as_of(f)) for f in sorted((a, b), key=when) if (fig := _figure(f)) is not None]
    if verdict.kind == EVOLUTION:
        detail = f"{shown[0]}, {shown[1]}: {verdict.note} — evolution"
    else:
        detail = f"{verdict.note}: {shown[0]} vs {shown[1]}"
    sides = [{"fact": f["id"], "value": _value(f), "quantity": f["data"]["quantity"].get("text"),
              "per": f["data"]["quantity"].get("per"), "tally": f["data"]["quantity"].get("tally"),
              "time": f.get("time"), "as_of": (w.shown if (w := as_of(f)) else None), "sources": _sources(f)}
             for f in (a, b)]
    return {"id": _did(verdict.kind or "", ids), "kind": verdict.kind,
            "data": {"facts": ids, "detail": detail, "sides": sides, "reasons": verdict.reasons}}


def compare(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any] | None:
    """A discrepancy record for two facts of one family, or None (agreement or evolution)."""
    verdict = relate(a, b)
    return _record(a, b, verdict) if verdict.disputing else None


def evolution(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any] | None:
    """An evolution record for two facts of one family (kind ``evolution``, never disputing), or None."""
    verdict = relate(a, b)
    return _record(a, b, verdict) if verdict.kind == EVOLUTION else None


def _articles(fact: dict[str, Any]) -> set[str]:
    return {m["article"] for m in fact["data"]["mentions"]}


def _anchored(fact: dict[str, Any]) -> bool:
    """Only facts with at least one core argument entity are compared."""
    return any(fact["data"]["entities"].get(r) for r in events_model.identity_roles(fact["type"]))


def _pairs(fact: dict[str, Any], others: list[dict[str, Any]]):
    """The pairs (in id order) of ``fact`` with each other anchored fact of its family that does not
    come from the same single article."""
    if not _anchored(fact):
        return
    for other in sorted(others, key=lambda f: f["id"]):
        if other["id"] == fact["id"] or not _anchored(other):
            continue
        if fact["data"].get("family", "") != other["data"].get("family", ""):
            continue
        if _articles(fact) == _articles(other) and len(_articles(fact)) == 1:
            continue
        yield tuple(sorted((fact, other), key=lambda f: f["id"]))


def _related(fact: dict[str, Any], others: list[dict[str, Any]], kinds: frozenset[str]) -> list[dict[str, Any]]:
    out = []
    for a, b in _pairs(fact, others):
        verdict = relate(a, b)
        if verdict.kind in kinds:
            out.append(_record(a, b, verdict))
    return out


def find(facts: list[dict[str, Any]], kinds: frozenset[str] = DISPUTING) -> list[dict[str, Any]]:
    """All records of ``kinds`` (discrepancies unless told) among the facts of one family (never
    within one article)."""
    ordered = sorted(facts, key=lambda f: f["id"])
    out = []
    for i, fact in enumerate(ordered):
        out.extend(_related(fact, ordered[i + 1:], kinds))
    return out


def against(fact: dict[str, Any], others: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Discrepancies between one fact and the other facts of its family: the records that make
    facts disputed (evolutions are never among them)."""
    return _related(fact, others, DISPUTING)


def evolutions(fact: dict[str, Any], others: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Evolutions between one fact and the other facts of its family (kind ``evolution``): told
    beside the discrepancies, never a dispute."""
    return _related(fact, others, frozenset({EVOLUTION}))


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
