"""The store suite: the same tests on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from sqlalchemy import inspect

from lagebild.model import Article, EntityMention, Sentence
from lagebild.model import Analysis
from lagebild.store import resolve_url


def _article(text: str, **kw) -> Article:
    return Article.create(text, source="test", language="de", **kw)


def test_store_adds_article_once(store):
    a = _article("Nordkorea soll Munition an Russland geliefert haben.", published=date(2024, 1, 21))
    assert store.add_article(a) is True
    assert store.add_article(a) is False
    assert store.count("articles") == 1
    back = store.get_article(a.id)
    assert back.text == a.text and back.published == date(2024, 1, 21) and back.language == "de"


def test_store_same_text_after_normalisation_is_one_article(store):
    a = _article("Kirby sagte das.\r\n\r\n\r\nMehr  nicht. ")
    b = _article("Kirby sagte das.\n\nMehr nicht.")
    assert a.id == b.id
    store.add_article(a)
    assert store.add_article(b) is False


def test_store_iter_articles_orders_by_date_unknown_last(store):
    items = [_article("A.", published=date(2024, 3, 1)), _article("B."), _article("C.", published=date(2023, 9, 1))]
    for a in items:
        store.add_article(a)
    assert [a.text for a in store.iter_articles()] == ["C.", "A.", "B."]
    assert {a.text for a in store.iter_articles([items[0].id])} == {"A."}


def test_store_saves_and_replaces_analysis(store):
    a = _article("Pjöngjang liefert Raketen.")
    store.add_article(a)
    layers = {"sentences": [Sentence(0, len(a.text)).to_dict()],
              "entities": [EntityMention(0, 9, "Pjöngjang", "GPE", "gpe:KP", "Nordkorea", form="metonym").to_dict()]}
    store.save_analysis(Analysis(a.id, layers, {"sentences": "s.v1", "entities": "e.v1"}), "s.v1|e.v1")
    assert store.pending_analysis("s.v1|e.v1") == []
    assert store.pending_analysis("s.v1|e.v2") == [a.id]
    assert store.load_layers(a.id)["entities"][0]["key"] == "gpe:KP"
    store.save_analysis(Analysis(a.id, {"sentences": []}, {"sentences": "s.v2"}), "s.v2")
    assert store.load_layers(a.id) == {"sentences": []}
    assert dict(store.iter_layers("sentences")) == {a.id: []}


def test_store_add_articles_in_one_batch(store):
    first = _article("Kim traf Putin in Wostotschny.", published=date(2023, 9, 13), title="Gipfel",
                     meta={"feed": "x", "tags": ["a", "ü"], "n": 1})
    store.add_article(first)
    items = [_article(f"Meldung {i}: Lieferung über \\ Tab\t und Zeile\n{i}.", published=date(2024, 1, i + 1))
             for i in range(5)]
    added = store.add_articles([items[0], first, items[1], items[0], *items[2:]])
    assert added == [a.id for a in items]  # the stored one and the repeat left out, order kept
    assert store.add_articles(items) == [] and store.add_articles([]) == []
    assert store.count("articles") == 6
    for a in [first, *items]:
        back = store.get_article(a.id)
        assert (back.text, back.title, back.published, back.meta, back.language) == (
            a.text, a.title, a.published, a.meta or {}, "de")


def test_store_add_articles_large_batch_skips_stored_ones(store):
    items = [_article(f"Nachricht Nummer {i} über Lieferungen.", published=date(2024, 2, 1 + i % 28)) for i in range(120)]
    assert store.add_articles(items[:10]) == [a.id for a in items[:10]]
    added = store.add_articles([*reversed(items), items[50]])  # more rows than one small insert
    assert added == [a.id for a in reversed(items[10:])]
    assert store.count("articles") == 120
    assert store.get_article(items[77].id).text == items[77].text
    assert store.search("Lieferungen", limit=5).total == 120


def test_store_ingest_articles_batches_report_each_article(store, monkeypatch):
    from lagebild.services import commands

    monkeypatch.setattr(commands, "INGEST_BATCH", 2)
    items = [_article(f"Bericht {i}.") for i in range(5)]
    store.add_article(items[3])
    report = commands.ingest_articles(store, [items[0], items[1], items[1], items[2], items[3], items[4]])
    assert report.added == [items[0].id, items[1].id, items[2].id, items[4].id]
    assert report.existing == [items[1].id, items[3].id]
    assert store.count("articles") == 5


def test_store_save_analyses_replaces_a_batch(store):
    arts = [_article(f"Artikel {i}.") for i in range(3)]
    store.add_articles(arts)
    store.save_analysis(Analysis(arts[0].id, {"sentences": [], "quotes": []}, {"sentences": "s.v1"}), "old")
    store.save_analyses([
        (Analysis(a.id, {"sentences": [{"start": 0, "end": len(a.text)}], "entities": [{"text": "Ä", "n": i}]},
                  {"sentences": "s.v2", "entities": "e.v2"}), "new") for i, a in enumerate(arts)])
    assert store.pending_analysis("new") == []
    assert store.load_layers(arts[0].id) == {"sentences": [{"start": 0, "end": len(arts[0].text)}],
                                             "entities": [{"text": "Ä", "n": 0}]}
    assert sorted(a for a, _ in store.iter_layers("entities")) == sorted(a.id for a in arts)
    assert store.count("analyses") == 6 and store.count("analysis_runs") == 3


def test_store_migrations_create_every_table(store):
    tables = set(inspect(store.engine).get_table_names())
    assert {"articles", "analyses", "analysis_runs", "entities", "facts", "stories", "alembic_version"} <= tables


def test_store_migrate_twice_is_a_no_op(store):
    store.migrate()
    store.migrate()
    assert store.count("articles") == 0


def test_store_logs_problems_and_reports_info(store):
    store.log_problem("ingest", "bad.txt", "empty file")
    store.add_article(_article("Ein Satz.", published=date(2024, 1, 2)))
    info = store.info()
    assert info["counts"]["problems"] == 1 and info["counts"]["articles"] == 1
    assert info["languages"] == {"de": 1}
    assert info["published"] == ["2024-01-02", "2024-01-02"]


def test_store_resolve_url_forms(monkeypatch, tmp_path):
    monkeypatch.delenv("LAGEBILD_DB", raising=False)
    assert resolve_url(None) == "sqlite:///lagebild.db"
    assert resolve_url(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'x.db'}"
    assert resolve_url("postgresql://u@h/db").startswith("postgresql+psycopg://")
    monkeypatch.setenv("LAGEBILD_DB", "other.db")
    assert resolve_url(None) == "sqlite:///other.db"


def test_store_schema_module_matches_the_migrations(store):
    """schema.py and the Alembic migrations describe the same database (autogenerate finds nothing)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from lagebild.store.schema import metadata, modelled

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": modelled})
        assert compare_metadata(context, metadata) == []


def test_store_link_write_of_many_rows_refreshes_statistics(store, monkeypatch):
    from lagebild.store import bulk

    monkeypatch.setattr(bulk, "ANALYZE_AFTER", 3)
    store.write_link_state(rows={}, dropped_index=(), new_index=[("name", f"k{i}", f"e{i}") for i in range(4)],
                           link_articles={}, mentions={}, story_of={}, duplicates={}, fact_events={})
    assert store.index_refs("name", ["k1", "k9"]) == {"k1": {"e1"}}
    if store.dialect == "postgresql":  # the planner knows the rows are there
        with store.engine.connect() as conn:
            tuples = conn.exec_driver_sql("SELECT reltuples FROM pg_class WHERE oid = 'link_index'::regclass").scalar()
        assert tuples == 4
