"""Story scoring: shared rare entities weigh more than shared common ones."""

from __future__ import annotations

from datetime import date

from lagebild.link import stories as st


def _story(entities: list[str], language: str = "de") -> dict:
    story = st.new_story("a1", "t")
    st.add_article(story, {"entities": entities, "terms": {"rakete": 2}}, date(2023, 10, 14), language, "t")
    return story


def test_stories_rare_shared_entities_raise_the_overlap(monkeypatch) -> None:
    monkeypatch.setattr(st, "RARE_BONUS", 0.15)
    story = _story(["gpe:RU", "gpe:KP", "per:kirby", "org:nsc"], language="en")
    features = {"entities": ["gpe:RU", "gpe:KP", "per:kirby", "org:nsc", "loc:x", "loc:y"],
                "terms": {"granate": 1}, "language": "de"}
    common = {e: 2.0 for e in features["entities"]}
    rare = {**common, "per:kirby": 6.0, "org:nsc": 6.0}
    plain = st.score(features, date(2024, 1, 5), story, common)
    boosted = st.score(features, date(2024, 1, 5), story, rare)
    assert plain["rare"] == 0 and boosted["rare"] == 2
    assert boosted["entities"] >= min(1.0, plain["entities"] + 2 * st.RARE_BONUS) - 0.1  # the overlap is capped at 1
    assert boosted["score"] > plain["score"]


def test_stories_rare_entities_the_story_lacks_add_nothing() -> None:
    story = _story(["gpe:RU", "gpe:KP"], language="en")
    features = {"entities": ["gpe:RU", "per:kirby"], "terms": {}, "language": "de"}
    scored = st.score(features, date(2023, 10, 20), story, {"gpe:RU": 2.0, "per:kirby": 6.0})
    assert scored["rare"] == 0
