"""The same API over a PostgreSQL store (German/English text-search configurations)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.api.conftest import make_client
from tests.api.fixtures import build_store

pytestmark = pytest.mark.postgres
ADMIN = "postgresql+psycopg://postgres@/postgres?host=/var/run/postgresql"


@pytest.fixture(scope="module")
def pg_client() -> Any:
    import sqlalchemy as sa

    try:
        admin = sa.create_engine(ADMIN, isolation_level="AUTOCOMMIT")
        name = f"lagebild_api_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.execute(sa.text(f"CREATE DATABASE {name}"))
    except Exception as exc:  # noqa: BLE001 - no server here
        pytest.skip(f"no PostgreSQL server at {ADMIN}: {exc}")
    url = f"postgresql://postgres@/{name}?host=/var/run/postgresql"
    ids = build_store(url)
    client = make_client(url)
    yield client, ids
    client.app.state.store.close()
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.mark.parametrize(("path", "total"), [
    ("/api/v1/stories", 2), ("/api/v1/facts?type=SANCTION", 2), ("/api/v1/facts?entity=e_kp", 3),
    ("/api/v1/facts?since=2024-01-15", 2), ("/api/v1/entities?q=pjöngjang", 1), ("/api/v1/quotes?speaker=e_bud", 1),
    ("/api/v1/search?q=Raketen", 2), ("/api/v1/search?q=Lieferungen", 1), ("/api/v1/search?q=missile", 1),
    ("/api/v1/search?q=Raketen&order=recent", 2), ("/api/v1/articles?story=s1", 3),
])
def test_postgres_lists(pg_client, path: str, total: int) -> None:
    client, _ = pg_client
    response = client.get(path)
    assert response.status_code == 200 and response.json()["total"] == total


def test_postgres_details_and_pages(pg_client) -> None:
    client, ids = pg_client
    story = client.get("/api/v1/stories/s1").json()
    assert len(story["facts"]) == 4 and story["sources"]
    article = client.get(f"/api/v1/articles/{ids['de']}").json()
    assert all(article["text"][s["start"]:s["end"]] == s["text"] for s in article["spans"])
    for path in ("/", "/stories/s1", f"/articles/{ids['de']}?event=0", "/search?q=Rakete", "/entities/e_kp"):
        assert client.get(path).status_code == 200, path


def test_postgres_fact_confidences_stored_and_filled_from_the_events(pg_client) -> None:
    from tests.web.test_workbench import _refill_confidences, _set_confidences

    client, ids = pg_client
    store = client.app.state.store
    facts = ["f_supply", "f_meet", "f_us_sanction", "f_eu_sanction"]
    assert set(store.fact_confidences(facts).values()) == {(None, True)}  # the rules' events: no confidence
    url = store.engine.url.render_as_string(hide_password=False)
    _set_confidences(url, ids, {("de", 0): 0.95, ("de", 1): 0.4, ("en", 0): None, ("en", 1): 0.6,
                                ("de2", 0): 0.85})
    expected = {"f_supply": (0.95, True), "f_meet": (0.4, False), "f_us_sanction": (0.6, False),
                "f_eu_sanction": (0.85, False)}
    assert store.fact_confidences(facts) == expected
    _refill_confidences(url)  # as migration 0008 fills a store linked before it
    assert store.fact_confidences(facts) == expected


def test_postgres_fact_named_ids_filled_from_the_data(pg_client) -> None:
    from sqlalchemy import update

    from lagebild.link.facts import named_ids
    from lagebild.store import schema as t
    from tests.web.test_workbench import _refill_named_ids

    client, _ = pg_client
    store = client.app.state.store
    data = {"entities": {"supplier": ["gpe:KP", "loc:capital-KP"]}, "within": {"loc:capital-KP": "gpe:KP"},
            "origins": [{"key": "org:kcna", "label": "KCNA: Pjöngjang", "speaker": "per:56c8a1a43868"}]}
    with store.engine.begin() as conn:
        conn.execute(update(t.facts).where(t.facts.c.id == "f_meet").values(data=data, named_ids=None))
    assert _refill_named_ids(store.engine.url.render_as_string(hide_password=False))["f_meet"] == named_ids(data)
    assert [f["id"] for f in client.get("/api/v1/facts?entity=org:kcna").json()["items"]] == ["f_meet"]
    found = client.get("/api/v1/facts?min_confidence=0.7").json()
    assert sorted(f["id"] for f in found["items"]) == ["f_eu_sanction", "f_supply"]
