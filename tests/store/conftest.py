"""One store test suite, run on every backend: SQLite always, PostgreSQL where a server answers."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from lagebild.store import Store

PG_URL = os.environ.get("LAGEBILD_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def _pg_available() -> str | None:
    try:
        engine = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://"),
                               connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
        return None
    except Exception as exc:  # the reason goes into the skip message
        return str(exc).splitlines()[0]


@pytest.fixture(scope="session")
def pg_reason() -> str | None:
    return _pg_available()


@pytest.fixture
def pg_url(pg_reason):
    """A PostgreSQL URL on a fresh schema, dropped afterwards."""
    if pg_reason:
        pytest.skip(f"PostgreSQL at {PG_URL} does not answer: {pg_reason}")
    schema = f"lbtest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://"))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = Store.open(tmp_path / "store.db")
    else:
        s = Store.open(request.getfixturevalue("pg_url"))
    yield s
    s.close()
