"""Events gold validation and the type / status / argument scorer."""

from __future__ import annotations

import json

import pytest

from lagebild.errors import GoldError
from lagebild.eval.events import normalize_surface, read_events_gold, score_events, validate_item

GOLD = [
    {"sentence": "Nordkorea soll Russland Artilleriegranaten geliefert haben.", "language": "de",
     "published": "2024-03-05",
     "events": [{"type": "SUPPLY", "status": "alleged",
                 "args": {"supplier": "Nordkorea", "recipient": "Russland", "item": "Artilleriegranaten"}}]},
    {"sentence": "Russland griff Kiew an; die EU verurteilte den Angriff.", "language": "de", "published": None,
     "events": [{"type": "ATTACK", "status": "asserted", "args": {"attacker": "Russland", "target": "Kiew"}},
                {"type": "CONDEMN", "status": "asserted", "args": {"speaker": "die EU", "target": "Russland"}}]},
    {"sentence": "Das Wetter bleibt mild.", "language": "de", "published": None, "events": []},
]


@pytest.mark.parametrize(
    "surface, normalized",
    [
        ("„Die Ukraine“", "ukraine"),
        ("the United States", "united states"),
        ("  Kiew. ", "kiew"),
        ("Die", "die"),  # a lone article stays
        ("Kim  Jong Un", "kim jong un"),
    ],
)
def test_events_normalize_surface(surface, normalized):
    assert normalize_surface(surface) == normalized


def test_events_score_perfect():
    predicted = [{"events": item["events"]} for item in GOLD]
    result = score_events(GOLD, predicted)
    assert result["f1"] == 1.0
    assert all(m["f1"] == 1.0 for m in result["metrics"].values())
    assert result["errors"] == []


def test_events_score_partial_by_hand():
    predicted = [
        [{"type": "SUPPLY", "status": "asserted", "args": {"supplier": "nordkorea", "recipient": "Russland"}}],
        [{"type": "ATTACK", "status": "asserted", "args": {"attacker": "Russland", "target": "Charkiw"}}],
        [],
    ]
    result = score_events(GOLD, predicted)
    m = result["metrics"]
    assert (result["tp"], result["fp"], result["fn"]) == (2, 0, 1)
    assert (result["precision"], result["recall"], result["f1"]) == (1.0, 0.6667, 0.8)
    assert (m["type_status"]["tp"], m["type_status"]["fp"], m["type_status"]["fn"]) == (1, 1, 2)
    assert m["type_status"]["f1"] == 0.4
    assert (m["args"]["tp"], m["args"]["fp"], m["args"]["fn"]) == (3, 1, 4)
    assert m["args"]["f1"] == 0.5455
    assert result["per_type"]["CONDEMN"]["fn"] == 1
    assert len(result["errors"]) == 2


def test_events_score_empty_predictions():
    result = score_events(GOLD, [[], [], []])
    assert (result["precision"], result["recall"], result["f1"]) == (0.0, 0.0, 0.0)
    assert result["gold_events"] == 3 and result["predicted_events"] == 0


def test_events_list_arguments_count_each_member():
    gold = [{"sentence": "x", "events": [{"type": "MEET", "args": {"participants": ["Putin", "Kim"]}}]}]
    predicted = [[{"type": "MEET", "args": {"participants": "Putin"}}]]
    assert score_events(gold, predicted)["metrics"]["args"]["recall"] == 0.5


@pytest.mark.parametrize(
    "item, reason",
    [
        ({"events": []}, "'sentence'"),
        ({"sentence": "x", "language": "fr", "events": []}, "'language'"),
        ({"sentence": "x", "published": "2024-13-01", "events": []}, "'published'"),
        ({"sentence": "x"}, "'events'"),
        ({"sentence": "x", "events": [{"type": "INVADE"}]}, "unknown type"),
        ({"sentence": "x", "events": [{"type": "ATTACK", "status": "rumoured"}]}, "unknown status"),
        ({"sentence": "x", "events": [{"type": "ATTACK", "args": {"target": ""}}]}, "argument 'target'"),
    ],
)
def test_events_validate_item_rejects_malformed(item, reason):
    with pytest.raises(GoldError) as info:
        validate_item(item, "gold.jsonl", 4)
    assert reason in info.value.reason
    assert info.value.line == 4


def test_events_validate_item_fills_defaults():
    item = validate_item({"sentence": "x", "events": [{"type": "VISIT", "args": {"visitor": "Scholz"}}]}, "g")
    assert item == {"sentence": "x", "language": "de", "published": None,
                    "events": [{"type": "VISIT", "args": {"visitor": "Scholz"}, "status": "asserted"}]}


def test_events_read_gold_names_the_line(tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text(json.dumps(GOLD[0]) + "\n\n// a comment\n{broken\n", encoding="utf-8")
    with pytest.raises(GoldError) as info:
        read_events_gold(path)
    assert info.value.line == 4 and "invalid JSON" in info.value.reason
    path.write_text(json.dumps(GOLD[0]) + "\n", encoding="utf-8")
    assert len(read_events_gold(path)) == 1
