"""The stage registry and the chain check."""

from __future__ import annotations

import pytest

from lagebild.errors import PipelineError
from lagebild.model import Article
from lagebild.analyze.pipeline import DEFAULT_STAGES, Pipeline, registered, run_many, stage


def test_pipeline_default_chain_builds_and_declares_versions():
    p = Pipeline.build()
    assert [s.name for s in p.specs] == list(DEFAULT_STAGES)
    assert set(p.versions) == {"sentences", "entities", "timexes", "quantities", "quotes", "events"}
    assert all(".v" in v for v in p.versions.values())


def test_pipeline_names_what_is_missing():
    with pytest.raises(PipelineError, match=r"requires .*entities"):
        Pipeline.build(["lagebild.sentences", "lagebild.quotes"])


def test_pipeline_unknown_stage_lists_known_ones():
    with pytest.raises(PipelineError, match="unknown stage 'nope'.*lagebild.sentences"):
        Pipeline.build(["nope"])


def test_pipeline_every_stage_documents_itself():
    for spec in registered().values():
        assert spec.help, spec.name
        assert spec.provides, spec.name


def test_pipeline_offsets_point_at_surface_forms():
    text = "Nach US-Erkenntnissen hat Russland Raketen aus Nordkorea abgefeuert. „Das ist neu“, sagte Kirby."
    analysis = Pipeline.build().run(Article.create(text, language="de"))
    for layer, records in analysis.layers.items():
        for r in records:
            if "text" in r:
                assert text[r["start"]:r["end"]] == r["text"], (layer, r)


@stage("test.explodes_on_boom", version="1", requires=("sentences",), provides=("nothing",))
def _make_boom(**_):
    """A test stage that fails on articles containing BOOM."""
    def run(doc):
        if "BOOM" in doc.text:
            raise RuntimeError("boom in " + doc.article.id)
        return {"nothing": []}

    return run


def test_pipeline_run_many_reports_failures_per_article():
    good = Article.create("Moskau bestreitet alles.", language="de")
    bad = Article.create("BOOM sagt der Text.", language="de")
    results = {a.id: r for a, r in run_many([good, bad], names=["lagebild.sentences", "test.explodes_on_boom"])}
    assert results[good.id].layers["sentences"]
    assert isinstance(results[bad.id], RuntimeError) and bad.id in str(results[bad.id])


def test_pipeline_run_many_on_a_process_pool_gives_the_same_result():
    arts = [Article.create(f"Pjöngjang liefert {i} Raketen an Moskau.", language="de") for i in range(6)]
    one = {a.id: r.layers for a, r in run_many(arts, workers=1)}
    two = {a.id: r.layers for a, r in run_many(arts, workers=2)}
    assert one == two


def test_pipeline_run_many_reads_articles_as_needed():
    arts = [Article.create(f"Moskau erhält {i} Granaten aus Nordkorea.", language="de") for i in range(8)]
    pulled = []

    def source():
        for a in arts:
            pulled.append(a.id)
            yield a

    results = run_many(source(), workers=2, window=2)
    first_article, _ = next(results)
    assert first_article.id == arts[0].id and len(pulled) <= 3
    rest = [a.id for a, _ in results]
    assert [first_article.id, *rest] == [a.id for a in arts]
    windowed = {a.id: r.layers for a, r in run_many(arts, workers=2, window=3)}
    assert windowed == {a.id: r.layers for a, r in run_many(arts, workers=1)}
