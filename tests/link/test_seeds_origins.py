"""The seeds' origins through the whole chain (ingest, analysis, link): what an analyst counts
after reading them.  Reads ../shared/seeds; skips where it is missing."""

from __future__ import annotations

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
