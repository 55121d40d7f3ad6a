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


def test_stories_untitled_story_is_named_by_its_lead() -> None:
    story = st.new_story("a1", None, "Die Regierung hat am Montag ein neues Paket vorgelegt. Mehr folgt.", "feed.xml")
    assert story["title"] == "Die Regierung hat am Montag ein neues Paket vorgelegt."
    st.add_article(story, {"entities": [], "terms": {}}, None, "de", None)
    assert story["title"].startswith("Die Regierung")
    st.add_article(story, {"entities": [], "terms": {}}, None, "de", "Neues Paket")
    assert story["title"] == "Neues Paket"  # a real title replaces the lead
    st.add_article(story, {"entities": [], "terms": {}}, None, "de", "Später")
    assert story["title"] == "Neues Paket"
    assert st.new_story("a2", None, "", "feed.xml")["title"] == "feed.xml"


def test_stories_fringe_entity_of_a_long_story_counts_little() -> None:
    story = st.new_story("a1", "t")
    for _ in range(6):
        st.add_article(story, {"entities": ["gpe:AT", "per:vdb"], "entity_weights": {"gpe:AT": 1.0, "per:vdb": 4.0},
                               "terms": {"wahl": 2}}, None, "de", "t")
    st.add_article(story, {"entities": ["per:faymann"], "entity_weights": {"per:faymann": 3.0},
                           "terms": {"wahl": 1}}, None, "de", "t")
    idf = {"per:faymann": 3.0, "per:vdb": 4.0, "gpe:AT": 1.0}
    fringe = st.score({"entities": ["per:faymann"], "terms": {"asyl": 2}, "language": "de"}, None, story, idf)
    core = st.score({"entities": ["per:vdb"], "terms": {"wahl": 2}, "language": "de"}, None, story, idf)
    assert fringe["entities"] < 0.2 < core["entities"]
    assert fringe["score"] < st.JOIN_UNDATED <= core["score"]


def test_stories_undated_articles_need_the_stricter_bar() -> None:
    dated = st.new_story("a1", "t")
    st.add_article(dated, {"entities": [], "terms": {}}, date(2024, 1, 1), "de", "t")
    undated = st.new_story("a2", "t")
    assert st.join_bar(date(2024, 1, 2), dated) == st.JOIN
    assert st.join_bar(None, dated) == st.JOIN_UNDATED == st.join_bar(date(2024, 1, 2), undated)
    assert st.JOIN_UNDATED > st.JOIN
