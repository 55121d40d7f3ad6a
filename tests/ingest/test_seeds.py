"""The seed articles in ../shared/seeds ingest as they are, .txt and .jsonl alike."""

from __future__ import annotations

import pytest

from lagebild.errors import InputError
from lagebild.ingest import count_sources, read_sources
from tests.conftest import shared_path

pytestmark = pytest.mark.shared


def test_seeds_ingest_without_errors():
    seeds = shared_path("seeds")
    items = list(read_sources([seeds]))
    assert not [i for i in items if isinstance(i, InputError)]
    txt = [a for a in items if a.source.endswith(".txt")]
    jsonl = [a for a in items if ".jsonl:" in a.source]
    assert len(txt) == len(list(seeds.glob("*.txt"))) >= 3
    assert len(jsonl) >= 3
    assert count_sources([seeds]) == len(list(seeds.iterdir()))
    for article in items:
        assert article.published is not None and not article.published_inferred
        assert article.language == "de"
        assert article.text == article.text.strip() and "\r" not in article.text


def test_seeds_txt_and_jsonl_give_the_same_ids():
    seeds = shared_path("seeds")
    items = list(read_sources([seeds]))
    by_external = {a.external_id: a for a in items if a.external_id}
    for article in items:
        if article.source.endswith(".txt"):
            twin = by_external[article.source.rsplit("/", 1)[-1].removesuffix(".txt")]
            assert twin.id == article.id
            assert twin.text == article.text
            assert twin.published == article.published
