"""Stories: scoring (rare and core entities, time, undated articles) and the link stage joining
German and English reports of one event without chaining stories that share only their states."""

from __future__ import annotations

import math
from datetime import date

import pytest

from lagebild.link import export_sections, link
from lagebild.link import stories as st
from lagebild.store.base import Store
from tests.link import scenario
from tests.link.conftest import Doc


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


def test_stories_the_entity_an_article_names_most_weighs_most() -> None:
    """Two candidates in a story about Griss and Hofer: the article that names Griss eight times
    is about her and is nearer the story than one naming her once beside other people."""
    story = st.new_story("a1", "t")
    for _ in range(3):
        st.add_article(story, {"entities": ["per:griss", "per:hofer"], "terms": {"wahl": 2}}, None, "de", "t")
    idf = {"per:griss": 3.0, "per:hofer": 3.0, "per:x": 3.0, "per:y": 3.0}
    about = {"entities": ["per:griss", "per:x", "per:y"], "entity_counts": {"per:griss": 8}, "terms": {},
             "language": "de"}
    passing = {**about, "entity_counts": {"per:griss": 1, "per:x": 4, "per:y": 4}}
    assert st.entity_weights(about, idf)["per:griss"] == pytest.approx(3.0 * (1 + st.SALIENCE * math.log(8)))
    assert st.entity_weights(passing, idf)["per:griss"] == 3.0
    assert st.score(about, None, story, idf)["entities"] > st.score(passing, None, story, idf)["entities"] + 0.1


def test_stories_undated_articles_need_the_stricter_bar() -> None:
    dated = st.new_story("a1", "t")
    st.add_article(dated, {"entities": [], "terms": {}}, date(2024, 1, 1), "de", "t")
    undated = st.new_story("a2", "t")
    assert st.join_bar(date(2024, 1, 2), dated) == st.JOIN
    assert st.join_bar(None, dated) == st.JOIN_UNDATED == st.join_bar(date(2024, 1, 2), undated)
    assert st.JOIN_UNDATED > st.JOIN


def test_stories_terms_weigh_by_their_rarity_in_general_text() -> None:
    """A word any report uses ("kommt", "April") weighs less than one that names the matter."""
    table = st.background("de")
    assert table is not None and len(table[0]) > 10_000
    assert st.background_weight("kommt", table) < st.background_weight("kandida", table) \
        < st.background_weight("stichwa", table)
    assert st.background_weight("qqqqzzz", table) > max(table[0].values())
    assert st.background("en") is not None and st.background("xx") is None
    assert st.background_weight("says", st.background("en")) < st.background_weight("missile", st.background("en"))
    story = st.new_story("a1", "t")
    st.add_article(story, {"entities": [], "terms": {"stichwa": 2, "kommt": 2, "plakate": 1}}, None, "de", "t")
    rare = st.score({"entities": [], "terms": {"stichwa": 2, "reform": 2}, "language": "de"}, None, story, {})
    common = st.score({"entities": [], "terms": {"kommt": 2, "reform": 2}, "language": "de"}, None, story, {})
    assert rare["terms"] > common["terms"]


def test_stories_dated_and_undated_find_each_other() -> None:
    """An undated article looks among the stories of every month linked so far, a dated one among
    its months' and the undated ones."""
    features = {"entities": ["per:hofer"], "entity_keys": ["per:hofer"], "terms": {"stichwa": 3}}
    filed_dated = set(st.index_keys(features, date(2016, 4, 24)))
    filed_undated = set(st.index_keys(features, None))
    assert set(st.query_keys(features, None, {"2016-04", "2015-09"})) & filed_dated
    assert not set(st.query_keys(features, None, {"2015-09"})) & filed_dated
    assert set(st.query_keys(features, date(2016, 5, 2))) & filed_undated
    assert not set(st.query_keys(features, date(2016, 12, 2))) & filed_dated  # eight months on: not active


def test_stories_link_joins_an_undated_report_to_a_dated_story(store: Store) -> None:
    """derStandard closes most articles with a dated byline, some with none: both sides meet."""
    dated = Doc("Im Rennen um die Hofburg liegen Hofer und Van der Bellen vor der Stichwahl voran; die "
                "Wahlkarten werden am Montag ausgezählt, die Wahlbeteiligung stieg.", published="2016-04-24")
    undated = Doc("Vor der Stichwahl um die Hofburg werben Hofer und Van der Bellen um Wähler; die Wahlkarten "
                  "entscheiden womöglich, sagen Meinungsforscher.")
    other = Doc("Der Lebensmittelkonzern nimmt seine Fertignudeln aus dem Verkauf, die Behörde hält sie für "
                "unsicher und gesundheitsgefährdend.", published="2016-04-25")
    for doc in (dated, other, undated):
        doc.save(store)
        link(store)
    story_of = store.story_of_articles()
    assert story_of[dated.article.id] == story_of[undated.article.id] != story_of[other.article.id]


def test_stories_nearness_in_time_raises_the_score(monkeypatch) -> None:
    story = _story(["gpe:RU", "gpe:KP", "per:kirby"], language="en")
    features = {"entities": ["gpe:RU", "gpe:KP", "per:kirby"], "terms": {}, "language": "de"}
    idf = {e: 2.0 for e in features["entities"]}
    near = st.score(features, date(2023, 10, 20), story, idf)
    paused = st.score(features, date(2023, 10, 30), story, idf)  # 16 days on: past GRACE_DAYS, before the decay bites
    assert near["near"] and not paused["near"]
    assert near["score"] > paused["score"]
    monkeypatch.setattr(st, "NEAR_BONUS", 0.0)
    plain = st.score(features, date(2023, 10, 20), story, idf)
    assert near["score"] == pytest.approx((1 + 0.1) * plain["score"], abs=1e-3)
    assert not st.score(features, None, story, idf)["near"]  # undated: no time to be near in


def _iran_de() -> Doc:
    d = Doc("Der Iran hat nach Angaben aus Kiew weitere Kampfdrohnen an Russland geliefert. Teheran wies die "
            "Vorwürfe der Ukraine als haltlos zurück und sprach von westlicher Propaganda.",
            published="2024-01-22", language="de", outlet="Mainufer Rundschau",
            title="Kiew: Iran liefert weitere Kampfdrohnen an Moskau")
    d.ent("Iran", "GPE", key="gpe:IR", name="Iran")
    d.ent("Kiew", "GPE", key="gpe:UA", name="Ukraine", form="metonym")
    d.ent("Russland", "GPE", key="gpe:RU", name="Russland")
    d.ent("Teheran", "GPE", key="gpe:IR", name="Iran", form="metonym")
    d.ent("Ukraine", "GPE", key="gpe:UA", name="Ukraine")
    return d


def _iran_en() -> Doc:
    d = Doc("Tehran rejected claims by Kyiv that it had sent more attack drones to Russia, calling them "
            "baseless. Iran has denied arming Moscow since the start of the war in Ukraine.",
            published="2024-01-23", language="en", outlet="Northgate Wire",
            title="Iran rejects Ukrainian drone claims")
    d.ent("Tehran", "GPE", key="gpe:IR", name="Iran", form="metonym")
    d.ent("Kyiv", "GPE", key="gpe:UA", name="Ukraine", form="metonym")
    d.ent("Russia", "GPE", key="gpe:RU", name="Russia")
    d.ent("Iran", "GPE", key="gpe:IR", name="Iran")
    d.ent("Moscow", "GPE", key="gpe:RU", name="Russia", form="metonym")
    d.ent("Ukraine", "GPE", key="gpe:UA", name="Ukraine")
    return d


BACKGROUND = ["Getreideexporte über das Schwarze Meer", "Gefangenenaustausch an der Grenze",
              "Gasleitungen durch Mitteleuropa", "Sanktionen gegen Banken", "Olympische Spiele ohne Flagge",
              "Kulturgüter aus besetzten Museen", "Minenräumung auf Feldern", "Flüchtlinge in Polen"]


def _background(topic: str, month: int) -> Doc:
    """An article of 2023 on another topic that names Russia and Ukraine: the states are common, as in real news."""
    d = Doc(f"Russland und die Ukraine streiten weiter: {topic}. Die Ukraine fordert Gespräche.",
            published=f"2023-{month:02d}-10", language="de", outlet="Archiv", title=topic)
    d.ent("Russland", "GPE", key="gpe:RU", name="Russland")
    d.ent("Ukraine", "GPE", key="gpe:UA", name="Ukraine")
    return d


def _stories_of(store: Store, docs: list[Doc]) -> list[str]:
    for month, topic in enumerate(BACKGROUND, 1):
        _background(topic, month).save(store)
    ids = [d.save(store) for d in docs]
    link(store)
    story_of = {a: s["id"] for s in export_sections(store)["stories"] for a in s["articles"]}
    return [story_of[i] for i in ids]


def test_stories_link_joins_reports_across_languages(store: Store) -> None:
    """German and English reports of one event share keyed entities and persons, hardly a word."""
    shells_en, shells_de, visit_de, visit_en = _stories_of(
        store, [scenario.budanov_en(), scenario.budanow_de(), scenario.kcna_de(), scenario.kcna_en()])
    assert shells_en == shells_de
    assert visit_de == visit_en


def test_stories_link_shared_states_do_not_chain(store: Store) -> None:
    """Iran's drones and North Korea's shells, both for Russia in the same days, stay two stories."""
    shells_en, shells_de, drones_de, drones_en, seoul = _stories_of(
        store, [scenario.budanov_en(), scenario.budanow_de(), _iran_de(), _iran_en(), scenario.seoul_de()])
    assert shells_en == shells_de == seoul
    assert drones_de == drones_en
    assert drones_de != shells_de


def test_stories_a_shared_footer_is_no_common_story(store) -> None:
    """Unrelated agency stubs that end with the same footer sentence stay apart, and the footer's
    words are no story terms once another article ended with it."""
    from sqlalchemy import select

    from lagebild.link import link
    from lagebild.store import schema as t
    from tests.link.conftest import Doc

    footer = (" Der Volltext dieses auf Agenturmeldungen basierenden Artikels steht aus rechtlichen Gründen "
              "nicht mehr zur Verfügung.")
    for lead in ("Der Lebensmittelkonzern nimmt seine Fertignudeln aus dem Verkauf, die Behörde hält sie für "
                 "unsicher und gesundheitsgefährdend.",
                 "Vor allem auf den internationalen Märkten konnte der Videodienst im letzten Quartal viele neue "
                 "Abonnenten gewinnen.",
                 "Das umstrittene Gefangenenlager soll noch vor dem Ende der Amtszeit geschlossen werden, sagte ein "
                 "Sprecher am Dienstag."):
        Doc(lead + footer).save(store)
        link(store)
    with store.engine.connect() as conn:
        rows = [r.data for r in conn.execute(select(t.stories.c.data))]
    assert len(rows) == 3
    with_footer = [d for d in rows if any("volltex" in terms for terms in d["lang_terms"].values())]
    assert len(with_footer) == 1  # only the first stub: no article had ended with it before
