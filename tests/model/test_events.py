"""The one event model: DESIGN §2's table, and every layer naming only its roles."""

from __future__ import annotations

import ast
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import lagebild
from lagebild import services
from lagebild.link import link
from lagebild.model import events as m
from lagebild.report.exporters import graph_edges
from lagebild.store.base import Store
from tests.link.conftest import Doc

#: DESIGN §2, "type | arguments", as written there
DESIGN_TABLE = {
    "SUPPLY": ("supplier", "recipient", "item", "quantity", "time", "place"),
    "ATTACK": ("attacker", "weapon", "target", "place", "time"),
    "MEET": ("participants", "place", "time"),
    "VISIT": ("visitor", "destination", "time"),
    "AGREE": ("parties", "object", "time"),
    "NEGOTIATE": ("parties", "object", "time"),
    "SANCTION": ("sanctioner", "target", "reason", "time"),
    "CONDEMN": ("speaker", "target", "about", "time"),
    "ACCUSE": ("speaker", "target", "about", "time"),
    "DENY": ("speaker", "target", "about", "time"),
}
SRC = Path(lagebild.__file__).parent


def test_events_model_is_the_design_table() -> None:
    assert {t: m.TYPES[t].role_names for t in m.TYPES} == DESIGN_TABLE
    assert {r for t in ("MEET", "AGREE", "NEGOTIATE") for r in m.TYPES[t].roles if r.many} == {
        m.TYPES["MEET"].role("participants"), m.TYPES["AGREE"].role("parties")}
    for t in m.TYPES.values():
        assert set(t.identity) <= set(t.role_names) and set(t.anchors) <= set(t.role_names)
        assert t.symmetric == (t.name in {"MEET", "AGREE", "NEGOTIATE"})


def test_events_model_groups_and_flattens_list_roles() -> None:
    grouped = m.group_args("MEET", [("participants", "a"), ("place", "p"), ("participants", "b")])
    assert grouped == {"participants": ["a", "b"], "place": "p"}
    assert list(m.each_arg(grouped)) == [("participants", "a"), ("participants", "b"), ("place", "p")]
    with pytest.raises(ValueError, match="unknown event type"):
        m.event_type("MEETING")


def test_events_model_export_schema_is_built_from_the_model() -> None:
    schema = json.loads(resources.files("lagebild").joinpath("schema/lagebild-1.schema.json").read_text("utf-8"))
    defs = schema["$defs"]
    assert defs["event"]["properties"]["args"] == m.json_schema_args()
    assert defs["eventType"]["enum"] == list(m.EVENT_TYPES)
    assert defs["status"]["enum"] == list(m.STATUSES)
    assert set(defs["fact"]["properties"]["args"]["propertyNames"]["enum"]) == set(m.ROLE_NAMES)


def _string_constants(path: Path) -> set[str]:
    return {n.value for n in ast.walk(ast.parse(path.read_text("utf-8"))) if isinstance(n, ast.Constant)
            and isinstance(n.value, str)}


# the finder's numbered slots ("participant2") are its own; the stage maps them onto the model
SLOT_OWNERS = {"analyze/events"}
LEGACY = re.compile(r"^(participant|party)\d*$")


@pytest.mark.parametrize("path", sorted(p for p in SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_events_model_no_layer_names_a_role_the_model_lacks(path: Path) -> None:
    rel = str(path.relative_to(SRC))
    if any(rel.startswith(owner) for owner in SLOT_OWNERS):
        return
    bad = sorted(s for s in _string_constants(path) if LEGACY.match(s))
    assert not bad, f"{rel} names roles the event model does not have: {bad} (use lagebild.model.events)"


def test_events_model_extracted_roles_are_model_roles() -> None:
    from lagebild.eval.events import DEFAULT_GOLD, predict, read_events_gold

    gold = read_events_gold(DEFAULT_GOLD)
    predicted, _ = predict(gold)
    seen = 0
    for item in predicted:
        for e in item["events"]:
            assert set(e["args"]) <= set(m.TYPES[e["type"]].role_names), e
            for role, value in e["args"].items():
                assert isinstance(value, list) == m.TYPES[e["type"]].role(role).many, (e["type"], role)
                seen += 1
    assert seen > 100
    for g in gold:
        for e in g["events"]:
            assert set(e["args"]) <= set(m.TYPES[e["type"]].role_names), e


def _meeting(text: str, published: str, a: str, b: str, language: str = "de") -> Doc:
    d = Doc(text, published=published, language=language, outlet="Test")
    pa = d.ent(a, "PER")
    pb = d.ent(b, "PER")
    d.event("MEET", text.rstrip("."), text.split()[2], {"participants": [pa, pb]}, time=published[:7])
    return d


def test_events_model_meetings_merge_across_articles_and_languages(tmp_path: Any) -> None:
    store = Store.open(tmp_path / "meet.db")
    try:
        _meeting("Wladimir Putin und Kim Jong-un trafen sich in Wostotschny.", "2023-09-13",
                 "Wladimir Putin", "Kim Jong-un").save(store)
        _meeting("Vladimir Putin and Kim Jong Un met at Vostochny.", "2023-09-13",
                 "Vladimir Putin", "Kim Jong Un", "en").save(store)
        link(store)
        ex = services.export_picture(store)
    finally:
        store.close()
    meets = [f for f in ex["facts"] if f["type"] == "MEET"]
    assert len(meets) == 1 and len(meets[0]["events"]) == 2, meets
    fact = meets[0]
    assert "?" not in fact["label"] and "Putin" in fact["label"] and "Kim" in fact["label"]
    assert len(fact["args"]["participants"]) == 2
    for e in ex["events"]:
        assert [a["text"] for a in e["args"]["participants"]] in (["Wladimir Putin", "Kim Jong-un"],
                                                                    ["Vladimir Putin", "Kim Jong Un"])
    validator = jsonschema.Draft202012Validator(json.loads(
        resources.files("lagebild").joinpath("schema/lagebild-1.schema.json").read_text("utf-8")))
    assert not list(validator.iter_errors(ex))
    edges = graph_edges({"facts": ex["facts"], "events": []})
    assert [(x["type"], x["id"]) for x in edges] == [("MEET", fact["id"])]
