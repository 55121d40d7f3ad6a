"""Near-duplicate signatures, discrepancies and independent origins: the pure helpers of the link stage
(figures and times: tests/model)."""

from __future__ import annotations

import pytest

from lagebild.link import dedup, discrepancies
from lagebild.link import corroboration as origins


def test_dedup_light_edit_is_similar_other_text_is_not() -> None:
    base = ("Das Weiße Haus wirft Moskau vor, nordkoreanische Raketen gegen die Ukraine eingesetzt zu haben. "
            "Nach Angaben des Sprechers seien mehrere Raketen am Wochenende auf Ziele im Osten gefeuert worden. "
            "Die Regierung in Kiew forderte neue Sanktionen gegen beide Staaten und mehr Luftabwehr.")
    edited = base.replace("am Wochenende", "am Samstag") + " Mit Material der Agenturen."
    other = "Der FC Beispielstadt gewann das Pokalfinale nach Verlängerung mit zwei Toren von Kim."
    sig = dedup.signature(base)
    assert dedup.similarity(sig, dedup.signature(edited)) >= dedup.THRESHOLD
    assert dedup.similarity(sig, dedup.signature(other)) < 0.2
    assert set(dedup.bands(sig)) & set(dedup.bands(dedup.signature(edited)))


def _fact(fid: str, value: float, time: str, article: str) -> dict:
    mention = {"article": article, "start": 0, "end": 5, "outlet": "X", "published": "2024-01-20",
               "origin": {"label": "X"}, "sentence": [0, 5]}
    return {"id": fid, "type": "SUPPLY", "time": time, "label": fid, "story_id": "s",
            "data": {"quantity": {"value": value, "text": str(value)}, "mentions": [mention],
                     "entities": {"supplier": ["gpe:KP"], "recipient": ["gpe:RU"]}}}


@pytest.mark.parametrize("a, b, kind", [
    (("a", 1e6, "2024-01", "x"), ("b", 2e6, "2024-07", "y"), None),  # an evolution over time
    (("a", 1e6, "2023", "x"), ("b", 1.5e6, "2023", "y"), "quantity"),  # two figures for one delivery
    (("a", 3e6, "2024-01", "x"), ("b", 1e6, "2024-07", "y"), None),  # a change over time, not a contradiction
    (("a", 3e6, "2024-01", "x"), ("b", 1e6, "2024-01", "y"), "quantity"),  # two figures for one month
    (("a", 1e6, "2023", "x"), ("b", 1.05e6, "2023", "y"), None),  # within the tolerance
])
def test_discrepancies_evolution_is_not_contradiction(a: tuple, b: tuple, kind: str | None) -> None:
    found = discrepancies.find([_fact(*a), _fact(*b)])
    assert [d["kind"] for d in found] == ([kind] if kind else [])


def test_origins_independent_count_bodies_not_people_or_outlets() -> None:
    def o(event: str, key: str, kind: str = "speaker", counted: bool = True, **kw: str) -> dict:
        return {"key": key, "label": kw.pop("label", key), "kind": kind, "counted": counted, "events": [event], **kw}

    found = [
        o("a:0", "gpe:US", label="Vereinigte Staaten (Nationaler Sicherheitsrat)", source="John Kirby",
          body="Nationaler Sicherheitsrat", channel="Weißes Haus"),
        o("b:0", "gpe:US", label="Vereinigte Staaten (US-Außenministerium)", source="Antony Blinken",
          body="US-Außenministerium"),
        o("c:0", "gpe:UA", label="Ukraine (HUR)", source="Kyrylo Budanov", body="HUR", channel="Financial Times"),
        o("d:0", "unnamed", kind="unnamed", counted=False, label="ungenannte Quellen", source="Berichten"),
        o("e:0", "gpe:RU", kind="denial", counted=False, label="Russland", source="Dmitri Peskow"),
    ]
    entries = origins.independent(found, {"a:0": "a", "b:0": "b", "c:0": "c", "d:0": "d", "e:0": "e"})
    assert origins.count(entries) == 2
    us = entries[0]
    assert us["key"] == "gpe:US" and us["sources"] == ["John Kirby", "Antony Blinken"]
    assert us["label"] == "Vereinigte Staaten (Nationaler Sicherheitsrat, US-Außenministerium)"
    text = origins.explain(entries, "de")
    assert text.startswith("2 unabhängig: Vereinigte Staaten") and "Ukraine (HUR)" in text
    assert "bestreitet" in text and "ungenannt" in text


def test_origins_unnamed_counts_only_when_nothing_named() -> None:
    entries = origins.independent(
        [{"key": "unnamed", "label": "unnamed sources", "kind": "unnamed", "counted": False, "events": ["a:0"]}],
        {"a:0": "a"})
    assert origins.count(entries) == 1