"""The fact rows of lists and story pages: per-dialect SQL, and cacheable by SQLAlchemy."""

from __future__ import annotations

import warnings

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SAWarning

from lagebild.store import readmodels as views


def test_fact_select_is_cacheable_without_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", SAWarning)
        assert views.fact_select()._generate_cache_key() is not None


def test_fact_select_leaves_the_mention_list_in_the_database() -> None:
    lite = str(views.fact_select().compile(dialect=sqlite.dialect()))
    assert "json_remove(facts.data, '$.mentions')" in lite
    assert "json_extract(facts.data, '$.mentions[0]')" in lite
    pg = str(views.fact_select().compile(dialect=postgresql.dialect()))
    assert "(CAST(facts.data AS jsonb) - 'mentions')" in pg
    assert "(CAST(facts.data AS jsonb) -> 'mentions' -> 0)" in pg
