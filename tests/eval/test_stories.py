"""lagebild eval stories: B-cubed and pairwise figures, gold reading, and the task end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lagebild.errors import GoldError, LagebildError
from lagebild.eval import TASKS, evaluate
from lagebild.eval.stories import DEFAULT_GOLD, bcubed, pairwise, read_gold, score_stories, text_sha1
from lagebild.services import link_apart
from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parents[2]


def test_stories_bcubed_averages_per_article_singletons_included() -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    pred = {"a": "x", "b": "y", "c": "y"}
    # a: P 1/1, R 1/2; b: P 1/2, R 1/2; c: P 1/2, R 1/1
    assert bcubed(gold, pred) == {"precision": round(2 / 3, 4), "recall": round(2 / 3, 4), "f1": round(2 / 3, 4)}
    assert bcubed(gold, gold) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_stories_pairwise_counts_pairs_in_one_story() -> None:
    gold = {"a": "1", "b": "1", "c": "1", "d": "2"}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y"}
    scored = pairwise(gold, pred)
    assert (scored["tp"], scored["fp"], scored["fn"]) == (1, 1, 2)
    assert scored["precision"] == 0.5 and scored["recall"] == round(1 / 3, 4)


def test_stories_baselines_beside_the_system() -> None:
    gold = {"a": "1", "b": "1", "c": "2", "d": "3"}
    result = score_stories(gold, {a: a for a in gold})
    m = result["metrics"]
    assert m["bcubed"]["f1"] == m["bcubed_all_alone"]["f1"]
    assert m["bcubed_all_alone"]["precision"] == 1.0 and m["bcubed_one_story"]["recall"] == 1.0
    assert result["gold_stories"] == 3 and result["gold_singletons"] == 2 and result["largest_gold_story"] == 2


def test_stories_gold_inline_text_and_sha1_check(tmp_path: Path) -> None:
    ok = tmp_path / "ok.jsonl"
    ok.write_text("\n".join(json.dumps(r) for r in [
        {"id": "x1", "story": "s", "text": "Erster Text.", "published": "2024-01-02"},
        {"id": "x2", "story": "s", "text": "Zweiter Text."}]) + "\n", encoding="utf-8")
    items = read_gold(ok)
    assert [(a.id, a.story, str(a.published)) for a in items] == [("x1", "s", "2024-01-02"), ("x2", "s", "None")]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x1", "story": "s", "source": {"dataset": "10kgnad", "file": "test.csv.xz",
                                                                     "key": "0"}, "sha1": "0" * 40}) + "\n")
    with pytest.raises(GoldError, match="bad.jsonl:1"):
        read_gold(bad, data_root=tmp_path)  # the source file is missing there
    with pytest.raises(GoldError, match="no data folder"):
        read_gold(bad, data_root=None)


def test_stories_demo_gold_reads_the_packaged_corpus() -> None:
    items = read_gold(DEFAULT_GOLD)
    assert len(items) == 24 and len({a.story for a in items}) == 3
    assert TASKS["stories"].default_gold == DEFAULT_GOLD


def test_stories_task_refuses_unknown_options() -> None:
    with pytest.raises(LagebildError, match="takes no option"):
        evaluate("stories", DEFAULT_GOLD, language="de")


@pytest.mark.slow
def test_stories_task_end_to_end_on_the_demo() -> None:
    with pytest.raises(LagebildError, match="needs the link stage"):
        evaluate("stories")
    result = evaluate("stories", system=link_apart)
    assert result["task"] == "stories" and result["articles"] == 24
    assert 0.0 <= result["f1"] <= 1.0 and result["f1"] == result["metrics"]["bcubed"]["f1"]
    assert result["blank_titles"] == 0  # every story has a title, also where articles have none


def test_stories_link_apart_dates_articles_by_their_byline(tmp_path) -> None:
    """As ``ingest`` would: an undated article takes the date its closing byline states."""
    from lagebild.model import Article
    from lagebild.store import Store

    texts = ["Die Kandidaten streiten im Wahlkampf um die Stichwahl. (jmy, 15.2.2016)",
             "Ein Bericht ohne Datum über die Stichwahl und den Wahlkampf."]
    arts = [Article.create(t, language="de") for t in texts]
    out = link_apart(arts, stages=("lagebild.sentences",), db=tmp_path / "s.db")
    assert set(out["story_of"]) == {a.id for a in arts}
    store = Store.open(str(tmp_path / "s.db"))
    dated, undated = (store.get_article(a.id) for a in arts)
    assert str(dated.published) == "2016-02-15" and dated.published_inferred
    assert undated.published is None


@pytest.mark.shared
def test_stories_derstandard_gold_matches_its_source() -> None:
    data = shared_path("data")
    shared_path("data", "10kgnad", "test.csv.xz")
    for split in ("dev", "test"):
        items = read_gold(ROOT / "corpus" / "stories" / "derstandard", data, split)
        assert len(items) > 90
        assert all(a.published is None and a.title is None for a in items)
    dev = ROOT / "corpus" / "stories" / "derstandard" / "dev.jsonl"
    lines = [json.loads(x) for x in dev.read_text(encoding="utf-8").split("\n") if x]
    assert all("text" not in r and len(r["sha1"]) == 40 for r in lines)  # ids and hashes only, never the text
    assert text_sha1("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709"
