"""The English picture through the whole chain (ingest, analysis, link) on three short reports
written by the project in its own words (a paraphrase of the seeds' story): the counts an analyst
would give, as for the German seeds (tests/link/test_seeds_origins.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lagebild.services import commands
from lagebild.store.base import Store

REPORTS = [
    {
        "title": "Kyiv's spy chief: North Korean shells kept Russia's guns firing",
        "published": "2024-01-21",
        "language": "en",
        "outlet": "Harbour Ledger",
        "text": "In an interview with the Financial Times, Kyrylo Budanov, the head of Ukraine's military intelligence agency HUR, said that North Korea has become Russia's largest supplier of weapons.\nAccording to Budanov, North Korea has delivered a considerable amount of artillery ammunition to Russia. \"It gave Russia some room to breathe,\" Budanov said.\nA spokesman for Ukrainian military intelligence said on January 15 that North Korea had shipped about one million rounds of ammunition to Russia, mostly 122 mm and 152 mm artillery shells.\nBoth Kyiv and Washington have said that Russia fired North Korean ballistic missiles at Ukraine for the first time, striking targets in Kharkiv on January 2.\nNorth Korea's state news agency KCNA reported on January 21 that Russian President Vladimir Putin plans to visit North Korea in the near future."
    },
    {
        "title": "White House: Pyongyang sent Moscow missile launchers",
        "published": "2024-01-10",
        "language": "en",
        "outlet": "Evening Courier",
        "text": "John Kirby, the communications director of the National Security Council, said at the White House that, according to US intelligence, Pyongyang had recently delivered ballistic missile launchers and ammunition to Moscow.\nRussian forces fired several of these missiles at Ukraine over the turn of the year, Kirby said. \"This is a significant and concerning escalation,\" he added.\nThe Kremlin denied that North Korea had delivered any weapons to Russia."
    },
    {
        "title": "Putin prepares trip to Pyongyang",
        "published": "2024-01-22",
        "language": "en",
        "outlet": "Lakeside Tribune",
        "text": "Russian President Vladimir Putin is preparing to visit Pyongyang, according to reports.\nPutin met North Korean Foreign Minister Choe Son Hui in Moscow last week, the state news agency KCNA reported on January 21.\nUS Secretary of State Antony Blinken said that North Korea is alleged to have delivered ammunition and missiles to Russia."
    }
]


@pytest.fixture(scope="module")
def picture(tmp_path_factory: Any) -> dict[str, Any]:
    folder: Path = tmp_path_factory.mktemp("english")
    (folder / "reports.jsonl").write_text("\n".join(json.dumps(r) for r in REPORTS) + "\n", encoding="utf-8")
    store = Store.open(folder / "en.db")
    try:
        commands.ingest_paths(store, [folder / "reports.jsonl"])
        commands.analyze(store, workers=1)
        commands.link_store(store)
        yield commands.export_picture(store)
    finally:
        store.close()


def test_english_russia_fired_north_korean_missiles_has_two_origins(picture: dict[str, Any]) -> None:
    (attack,) = [f for f in picture["facts"] if f["type"] == "ATTACK"]
    assert {o["id"] for o in attack["origins"] if o["counted"]} == {"gpe:US", "gpe:UA"}


def test_english_planned_visit_has_one_origin_kcna(picture: dict[str, Any]) -> None:
    (visit,) = [f for f in picture["facts"] if f["type"] == "VISIT" and f["label"].startswith("planned")]
    assert [o["label"] for o in visit["origins"] if o["counted"]] == ["KCNA"]


def test_english_ammunition_counts_hur_once_and_the_denial_never(picture: dict[str, Any]) -> None:
    (ammo,) = [f for f in picture["facts"] if f["type"] == "SUPPLY" and "artillery ammunition" in f["label"]]
    assert {o["id"] for o in ammo["origins"] if o["counted"]} == {"gpe:US", "gpe:UA"}
    assert ammo["status"] == "disputed" and ammo["deniers"] == ["Russia"]


def test_english_kirby_and_blinken_are_one_origin(picture: dict[str, Any]) -> None:
    """Kirby (National Security Council) and Blinken (State Department) speak for one body, the
    United States, wherever they are a fact's source."""
    bodies = {(o["id"], o["label"].split(" (")[0]) for f in picture["facts"] for o in f["origins"]
              if o["counted"] and set(o["sources"]) & {"John Kirby", "Antony Blinken"}}
    named = {s for f in picture["facts"] for o in f["origins"] for s in o["sources"]}
    assert {"John Kirby", "Antony Blinken"} <= named
    assert bodies == {("gpe:US", "United States")}


def test_english_kirby_and_blinken_back_one_supply_as_one_origin(picture: dict[str, Any]) -> None:
    """Kirby's "said at the White House that, according to US intelligence, Pyongyang had recently
    delivered … ammunition to Moscow" is a supply he reports; with Blinken's it is one fact whose
    United States origin names both and counts once (issue 16)."""
    both = [f for f in picture["facts"] if f["type"] == "SUPPLY" and any(
        {"John Kirby", "Antony Blinken"} <= set(o["sources"]) for o in f["origins"])]
    assert len(both) == 1
    counted = [o for o in both[0]["origins"] if o["counted"] and set(o["sources"]) & {"John Kirby", "Antony Blinken"}]
    assert [(o["id"], o["label"].split(" (")[0]) for o in counted] == [("gpe:US", "United States")]
    assert both[0]["independent_origins"] == 2  # the United States and Ukraine (Budanov, the HUR spokesman)


def test_english_no_internal_id_in_any_label(picture: dict[str, Any]) -> None:
    from tests.link.test_seeds_origins import ID_LIKE, shown_labels

    labels = list(shown_labels(picture))
    assert len(labels) > 20
    assert [x for x in labels if ID_LIKE.search(x)] == []
