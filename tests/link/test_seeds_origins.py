"""The seeds' origins through the whole chain (ingest, analysis, link): what an analyst counts
after reading them.  Reads ../shared/seeds; skips where it is missing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from lagebild.services import commands
from lagebild.store.base import Store
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def picture(tmp_path_factory: Any) -> dict[str, Any]:
    seeds = shared_path("seeds", "seeds.jsonl")
    store = Store.open(tmp_path_factory.mktemp("seeds") / "seeds.db")
    try:
        commands.ingest_paths(store, [seeds])
        commands.analyze(store, workers=1)
        commands.link_store(store)
        yield commands.export_picture(store)
    finally:
        store.close()


def _facts(picture: dict[str, Any], type_: str, *words: str) -> list[dict[str, Any]]:
    return [f for f in picture["facts"] if f["type"] == type_ and all(w in f["label"] for w in words)]


def test_seeds_russia_fired_north_korean_missiles_has_two_origins(picture: dict[str, Any]) -> None:
    (attack,) = _facts(picture, "ATTACK", "Russland", "Ukraine")
    counted = {o["id"] for o in attack["origins"] if o["counted"]}
    assert counted == {"gpe:US", "gpe:UA"}  # the US government (Kirby, US-Erkenntnisse) and Kyiv


def test_seeds_planned_visit_has_one_origin_kcna(picture: dict[str, Any]) -> None:
    (visit,) = [f for f in _facts(picture, "VISIT", "Putin") if f["label"].startswith("planned")]
    assert visit["independent_origins"] == 1
    assert [o["label"] for o in visit["origins"] if o["counted"]] == ["KCNA"]


def test_seeds_hur_counts_once_and_items_are_separate_facts(picture: dict[str, Any]) -> None:
    (ammo,) = _facts(picture, "SUPPLY", "Artilleriemunition")
    labels = [o["label"] for o in ammo["origins"] if o["counted"]]
    assert ammo["independent_origins"] == 2 and any("HUR" in x for x in labels)  # Budanov + the HUR spokesman
    assert "Million" in ammo["label"]
    assert _facts(picture, "SUPPLY", "Abschussrampen") and _facts(picture, "SUPPLY", "Raketen")


def test_seeds_kirby_and_blinken_are_one_origin(picture: dict[str, Any]) -> None:
    """Two officials of one government (the White House's Kirby, the State Department's Blinken)
    count once: the United States, with both named as its sources."""
    (ammo,) = _facts(picture, "SUPPLY", "Artilleriemunition")
    us = [o for o in ammo["origins"] if o["counted"] and o["id"] == "gpe:US"]
    assert len(us) == 1 and {"John Kirby", "Antony Blinken"} <= set(us[0]["sources"])
    assert us[0]["label"].startswith("Vereinigte Staaten")
    assert not [o for o in ammo["origins"] if o["counted"] and o["id"] != "gpe:US"
                and set(o["sources"]) & {"John Kirby", "Antony Blinken"}]


#: what an internal id, a hash or a file path looks like inside a label
ID_LIKE = re.compile(r"\b(?:org|src|per|gpe|loc|misc|ent|article|story|fact|evo|disc):[\w.-]+"
                     r"|\b[0-9a-f]{10,}\b|[\w/-]+\.(?:jsonl|txt|html?|xml|json)\b")


def shown_labels(picture: dict[str, Any]) -> Iterator[str]:
    """Every text of the picture meant for a reader: fact and origin labels, explanations,
    deniers, story titles, article names and summary sentences."""
    for fact in picture["facts"]:
        yield fact["label"]
        yield fact.get("corroboration") or ""
        yield from fact.get("deniers") or []
        for origin in fact["origins"]:
            yield origin["label"]
            yield from origin.get("sources") or []
            yield from origin.get("channels") or []
            yield from origin.get("outlets") or []
    for story in picture["stories"]:
        yield story["title"]
    for article in picture["articles"]:
        yield article.get("name") or ""
    for summary in picture["summaries"]:
        yield from (s["text"] for s in summary["sentences"])


def test_seeds_no_internal_id_in_any_label(picture: dict[str, Any]) -> None:
    labels = list(shown_labels(picture))
    assert len(labels) > 50
    assert [x for x in labels if ID_LIKE.search(x)] == []
    assert not ID_LIKE.search("Ukraine (HUR) [Kyrylo Budanov; über Financial Times]")
    assert all(ID_LIKE.search(x) for x in ("org:ft", "src:ein-sprecher", "1f79e399460b85d7", "seeds.jsonl:45"))
