"""Near-duplicate signatures, discrepancies and independent origins: the pure helpers of the link stage
(figures and times: tests/model)."""

from __future__ import annotations

import pytest

from lagebild.link import dedup, discrepancies
from lagebild.link.facts import independent


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


def test_facts_independent_origins_fold_echoes() -> None:
    origins = [
        {"key": "per:b@org:ft", "kind": "speaker", "speaker": "per:b", "occasion": "org:ft", "label": "B (FT)"},
        {"key": "per:b", "kind": "speaker", "speaker": "per:b", "label": "B"},
        {"key": "org:ft", "kind": "report", "label": "Financial Times"},
        {"key": "org:kcna", "kind": "report", "label": "KCNA"},
    ]
    assert [o["key"] for o in independent(origins)] == ["per:b@org:ft", "org:kcna"]
