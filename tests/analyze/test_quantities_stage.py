"""The quantity stage in the pipeline: registration, offsets, skipping time expressions, seeds."""

from __future__ import annotations

import json
from datetime import date

from lagebild.analyze.quantities.stage import STAGE, find_quantities
from lagebild.model import Article
from lagebild.analyze.pipeline import Pipeline, registered
from tests.conftest import shared_path

CHAIN = ("lagebild.sentences", "lagebild.timex", "lagebild.quantities")


def test_quantities_stage_is_registered_at_version_2():
    spec = registered()[STAGE]
    assert spec.version == "2"
    assert "timexes" in spec.requires
    assert spec.provides == ("quantities",)


def test_quantities_stage_records_offsets_and_skips_dates():
    text = "Am 2. Januar 2024 lieferte Nordkorea monatlich rund 300.000 Schuss Munition. Seit zwei Wochen ruht es."
    doc = Pipeline.build(CHAIN).annotate(Article.create(text, language="de", published=date(2024, 1, 21)))
    found = doc.get("quantities")
    assert [(q.text, q.value, q.unit, q.per) for q in found] == [
        ("monatlich rund 300.000 Schuss Munition", 300000.0, "Schuss Munition", "P1M")]
    for q in found:
        assert doc.text[q.start:q.end] == q.text
        assert q.stage == "lagebild.quantities.v2"


def test_quantities_without_timexes_still_find_counts():
    found = find_quantities("Russland erhielt 2 Millionen Granaten.", "de")
    assert [(q.value, q.unit) for q in found] == [(2e6, "Granaten")]


def test_quantities_seeds_are_annotated():
    path = shared_path("seeds", "seeds.jsonl")
    pipeline = Pipeline.build(CHAIN)
    total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        published = date.fromisoformat(item["published"]) if item.get("published") else None
        article = Article.create(item["text"], language=item.get("language"), published=published)
        for q in pipeline.annotate(article).get("quantities"):
            assert article.text[q.start:q.end] == q.text
            total += 1
    assert total > 0
