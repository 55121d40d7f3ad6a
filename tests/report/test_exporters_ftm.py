"""The FollowTheMoney export of the demo's picture validates with the followthemoney package: every
entity has a concrete schema, known properties with valid values, its required properties, and
references that resolve to an entity of the right schema in the same export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from lagebild import services
from lagebild.cli.main import app
from lagebild.report import exporters

ftm = pytest.importorskip("followthemoney", reason="pip install followthemoney (the test extra)")
from followthemoney import model  # noqa: E402  (after the skip)
from followthemoney.exc import InvalidData  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    from lagebild.demo import DEMO_DB, run_demo

    folder = tmp_path_factory.mktemp("ftm")
    run_demo(folder, workers=1)
    db = folder / DEMO_DB
    store = services.open_store(db, create=False)
    try:
        doc = services.export_picture(store)
    finally:
        store.close()
    return db, doc


@pytest.fixture(scope="module")
def entities(demo: tuple[Path, dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    path = exporters.write_ftm(demo[1], tmp_path_factory.mktemp("ftm-out") / "picture.ftm.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _problems(entity: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> list[str]:
    schema = model.get(entity["schema"])
    if schema is None or schema.abstract:
        return [f"schema {entity['schema']!r} is unknown or abstract"]
    found = []
    properties = entity["properties"]
    for name, values in properties.items():
        prop = schema.properties.get(name)
        if prop is None:
            found.append(f"{schema.name} has no property {name!r}")
            continue
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            found.append(f"{name}: values must be a list of non-empty strings: {values!r}")
            continue
        for value in values:
            if not prop.type.validate(value):
                found.append(f"{name}: {value!r} is not a valid {prop.type.name}")
            if prop.type.name == "entity":
                target = by_id.get(value)
                if target is None:
                    found.append(f"{name}: {value} is not in the export")
                elif not model.get(target["schema"]).is_a(prop.range):
                    found.append(f"{name}: {value} is a {target['schema']}, not a {prop.range.name}")
    found += [f"required {name!r} is missing" for name in schema.required if not properties.get(name)]
    try:
        schema.validate(entity)
    except InvalidData as exc:
        found.append(f"followthemoney: {exc}")
    proxy = model.get_proxy(entity, cleaned=False)  # cleaning keeps every value as written
    if proxy.to_dict()["properties"] != properties:
        found.append(f"values change when cleaned: {proxy.to_dict()['properties']} != {properties}")
    return found


def test_exporters_ftm_every_entity_validates(entities: list[dict[str, Any]]) -> None:
    assert entities
    by_id = {e["id"]: e for e in entities}
    assert len(by_id) == len(entities), "ids must be unique"
    problems = {e["id"]: p for e in entities if (p := _problems(e, by_id))}
    assert problems == {}


def test_exporters_ftm_the_check_finds_bad_entities(entities: list[dict[str, Any]]) -> None:
    by_id = {e["id"]: e for e in entities}
    event = next(e for e in entities if e["schema"] == "Event" and e["properties"].get("involved"))
    article = next(e["id"] for e in entities if e["schema"] == "Article")
    bad = [
        {**event, "schema": "Thing"},
        {**event, "properties": {**event["properties"], "colour": ["red"]}},
        {**event, "properties": {**event["properties"], "date": ["2023-WI"]}},
        {**event, "properties": {**event["properties"], "involved": [article]}},
        {**event, "properties": {**event["properties"], "involved": ["lagebild.nowhere"]}},
        {**event, "properties": {k: v for k, v in event["properties"].items() if k != "name"}},
    ]
    for entity in bad:
        assert _problems(entity, by_id), entity


def test_exporters_ftm_covers_the_picture(demo: tuple[Path, dict[str, Any]], entities: list[dict[str, Any]]) -> None:
    doc = demo[1]
    by_id = {e["id"]: e for e in entities}
    for entity in doc["entities"]:
        schema = exporters.FTM_SCHEMA.get(entity["type"])
        if schema is None:
            mentions = [e for e in entities if e["schema"] == "Mention" and e["properties"]["name"] == [entity["name"]]]
            assert mentions, entity["id"]
            continue
        mapped = by_id[exporters.ftm_id(entity["id"])]
        assert mapped["schema"] == schema
        assert mapped["properties"]["name"] == [entity["name"]]
        assert set(entity["aliases"]) <= {entity["name"], *mapped["properties"].get("alias", [])}
    for article in doc["articles"]:
        mapped = by_id[exporters.ftm_id("article", article["id"])]
        assert mapped["schema"] == "Article"
        assert mapped["properties"].get("title") == ([article["title"]] if article.get("title") else None)
    written = json.dumps(entities, ensure_ascii=False)
    assert not [a["source"] for a in doc["articles"] if a["source"] in written]  # no local paths
    for fact in doc["facts"]:
        event = by_id[exporters.ftm_id(fact["id"])]
        assert event["schema"] == "Event"
        proof = {exporters.ftm_id("article", m["article"]) for m in fact["mentions"]}
        assert set(event["properties"]["proof"]) == proof
    supplies = [e for e in entities if e["schema"] == "UnknownLink" and e["properties"]["role"] == ["supply"]]
    assert any(e["properties"]["subject"] == ["lagebild.gpe.KP"] and e["properties"]["object"] == ["lagebild.gpe.RU"]
               for e in supplies)


@pytest.mark.parametrize(("value", "expected"), [
    ("2023-09-14", {"date": ["2023-09-14"]}),
    ("2023-09", {"date": ["2023-09"]}),
    ("2024", {"date": ["2024"]}),
    ("2024-W03", {"startDate": ["2024-01-15"], "endDate": ["2024-01-21"]}),
    ("2023-Q4", {"startDate": ["2023-10-01"], "endDate": ["2023-12-31"]}),
    (None, {}),
    ("PRESENT_REF", {}),
])
def test_exporters_ftm_time(value: str | None, expected: dict[str, list[str]]) -> None:
    assert exporters._ftm_time(value) == expected


def test_exporters_ftm_ids() -> None:
    assert exporters.ftm_id("gpe:US") == "lagebild.gpe.US"
    assert exporters.ftm_id("article", "0123abcd") == "lagebild.article.0123abcd"
    odd = exporters.ftm_id("per:Jürgen Müller")
    assert odd.startswith("lagebild.per.J-rgen-M-ller.") and odd != exporters.ftm_id("per:Jörgen Möller")
    for made in (odd, exporters.ftm_id("link", "fact:1", "gpe:KP", "gpe:RU"), exporters.ftm_id("x:a:b")):
        assert ftm.types.registry.entity.validate(made), made


def test_exporters_ftm_from_the_cli(demo: tuple[Path, dict[str, Any]], entities: list[dict[str, Any]],
                                    tmp_path: Path) -> None:
    db = str(demo[0])
    result = CliRunner().invoke(app, ["export", "--db", db, "--format", "ftm"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in result.stdout.splitlines()] == entities
    result = CliRunner().invoke(app, ["export", "--db", db, "-f", "ftm", "-o", str(tmp_path / "p.jsonl")])
    assert result.exit_code == 0, result.output
    assert len((tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()) == len(entities)
