"""A small store filled by hand: articles, analysis layers and link tables (our own news-style text)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from lagebild.model import Article
from lagebild.model import Analysis
from lagebild.store import Store
from lagebild.store import schema as t

TEXT_DE = (
    "Nordkorea hat Russland nach Angaben aus Seoul eine Million Schuss Artilleriemunition geliefert. "
    "Die Lieferungen begannen im September 2023, sagte ein Sprecher des Verteidigungsministeriums.\n\n"
    "„Wir sehen die Raketen bereits an der Front“, sagte Kyrylo Budanow der Zeitung. "
    "Kim Jong Un und Wladimir Putin trafen sich im September 2023 in Wostotschny."
)
TEXT_EN = (
    "North Korea has supplied Russia with ballistic missiles, the White House said on Thursday. "
    "The United States imposed new sanctions on the suppliers in January 2024."
)
TEXT_DE2 = (
    "Eine nordkoreanische Rakete schlug nach ukrainischen Angaben in Charkiw ein. "
    "Die Europäische Union verhängte im Februar 2024 neue Sanktionen gegen Nordkorea."
)

ENTITIES = {
    "e_kp": ("Nordkorea", "GPE", ["Nordkorea", "North Korea", "Pjöngjang", "Pyongyang"]),
    "e_ru": ("Russland", "GPE", ["Russland", "Russia", "Moskau", "der Kreml"]),
    "e_us": ("Vereinigte Staaten", "GPE", ["United States", "USA", "Washington"]),
    "e_eu": ("Europäische Union", "ORG", ["Europäische Union", "EU"]),
    "e_bud": ("Kyrylo Budanow", "PER", ["Kyrylo Budanow", "Budanov", "Budanow"]),
    "e_kim": ("Kim Jong Un", "PER", ["Kim Jong Un", "Kim"]),
    "e_put": ("Wladimir Putin", "PER", ["Wladimir Putin", "Putin", "Vladimir Putin"]),
}


def span(text: str, surface: str, after: int = 0) -> dict[str, Any]:
    start = text.index(surface, after)
    return {"start": start, "end": start + len(surface), "text": surface}


def sentences(text: str) -> list[dict[str, int]]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in ".“" and (i + 1 == len(text) or text[i + 1] in " \n") and ch == ".":
            out.append({"start": start, "end": i + 1})
            start = i + 1
            while start < len(text) and text[start] in " \n":
                start += 1
    return out


def mention(text: str, surface: str, label: str, key: str | None = None) -> dict[str, Any]:
    return {**span(text, surface), "label": label, "key": key, "name": surface, "ref": None, "form": "name",
            "stage": "test"}


def build_store(path: Path | str) -> dict[str, Any]:
    """Store with three articles in one story, five facts, a summary; returns the ids used."""
    store = Store.open(str(path))
    de = Article.create(TEXT_DE, title="Nordkorea liefert Munition an Russland", published=date(2024, 1, 5),
                        language="de", outlet="Tagesblatt", source="test:de")
    en = Article.create(TEXT_EN, title="White House: North Korea supplied missiles", published=date(2024, 1, 4),
                        language="en", outlet="Wire", source="test:en")
    de2 = Article.create(TEXT_DE2, title="Rakete in Charkiw", published=date(2024, 2, 20), language="de",
                         outlet="Abendpost", source="test:de2")
    for article in (de, en, de2):
        store.add_article(article)

    # --- layers ------------------------------------------------------------------------------
    ents_de = [mention(TEXT_DE, "Nordkorea", "GPE", "gpe:KP"), mention(TEXT_DE, "Russland", "GPE", "gpe:RU"),
               mention(TEXT_DE, "Kyrylo Budanow", "PER"), mention(TEXT_DE, "Kim Jong Un", "PER"),
               mention(TEXT_DE, "Wladimir Putin", "PER")]
    tmx_de = [{**span(TEXT_DE, "im September 2023"), "type": "DATE", "value": "2023-09", "mod": None,
               "anchored": False, "stage": "test"}]
    qty_de = [{**span(TEXT_DE, "eine Million Schuss Artilleriemunition"), "value": 1000000.0, "low": None,
               "high": None, "approximate": False, "unit": "Schuss Artilleriemunition", "per": None, "stage": "test"}]
    quote = span(TEXT_DE, "„Wir sehen die Raketen bereits an der Front“")
    quotes_de = [{**quote, "kind": "direct", "cue": span(TEXT_DE, "sagte", quote["end"]),
                  "speaker": {**span(TEXT_DE, "Kyrylo Budanow"), "mention": 2, "name": "Kyrylo Budanow"},
                  "stage": "test"}]
    s1 = sentences(TEXT_DE)
    supply_de = {"type": "SUPPLY", "start": s1[0]["start"], "end": s1[0]["end"],
                 "text": TEXT_DE[s1[0]["start"]:s1[0]["end"]], "trigger": span(TEXT_DE, "geliefert"),
                 "args": {"supplier": {**span(TEXT_DE, "Nordkorea"), "mention": 0},
                          "recipient": {**span(TEXT_DE, "Russland"), "mention": 1},
                          "quantity": {**span(TEXT_DE, "eine Million Schuss Artilleriemunition"), "quantity": 0,
                                       "value": 1000000}},
                 "time": "2023-09", "attribution": {"text": "Seoul", "kind": "source"}, "status": "reported",
                 "stage": "test"}
    meet_sent = next(s for s in s1 if TEXT_DE[s["start"]:s["end"]].startswith("Kim"))
    meet_de = {"type": "MEET", "start": meet_sent["start"], "end": meet_sent["end"],
               "text": TEXT_DE[meet_sent["start"]:meet_sent["end"]], "trigger": span(TEXT_DE, "trafen"),
               "args": {"participants": {**span(TEXT_DE, "Kim Jong Un"), "mention": 3}},
               "time": "2023-09", "attribution": None, "status": "asserted", "stage": "test"}
    store.save_analysis(Analysis(de.id, {"sentences": s1, "entities": ents_de, "timexes": tmx_de,
                                         "quantities": qty_de, "quotes": quotes_de, "events": [supply_de, meet_de]},
                                 {"sentences": "test"}), "sig")
    ents_en = [mention(TEXT_EN, "North Korea", "GPE", "gpe:KP"), mention(TEXT_EN, "Russia", "GPE", "gpe:RU"),
               mention(TEXT_EN, "White House", "ORG"), mention(TEXT_EN, "United States", "GPE", "gpe:US")]
    s2 = sentences(TEXT_EN)
    supply_en = {"type": "SUPPLY", "start": s2[0]["start"], "end": s2[0]["end"],
                 "text": TEXT_EN[s2[0]["start"]:s2[0]["end"]], "trigger": span(TEXT_EN, "supplied"),
                 "args": {"supplier": {**span(TEXT_EN, "North Korea"), "mention": 0},
                          "recipient": {**span(TEXT_EN, "Russia"), "mention": 1}},
                 "time": None, "attribution": {"text": "the White House", "kind": "source"}, "status": "reported",
                 "stage": "test"}
    sanction_en = {"type": "SANCTION", "start": s2[1]["start"], "end": s2[1]["end"],
                   "text": TEXT_EN[s2[1]["start"]:s2[1]["end"]], "trigger": span(TEXT_EN, "imposed"),
                   "args": {"sanctioner": {**span(TEXT_EN, "United States"), "mention": 3}},
                   "time": "2024-01", "attribution": None, "status": "asserted", "stage": "test"}
    store.save_analysis(Analysis(en.id, {"sentences": s2, "entities": ents_en, "timexes": [], "quantities": [],
                                         "quotes": [], "events": [supply_en, sanction_en]}, {}), "sig")
    ents_de2 = [mention(TEXT_DE2, "Charkiw", "LOC"), mention(TEXT_DE2, "Europäische Union", "ORG"),
                mention(TEXT_DE2, "Nordkorea", "GPE", "gpe:KP")]
    s3 = sentences(TEXT_DE2)
    sanction_de = {"type": "SANCTION", "start": s3[1]["start"], "end": s3[1]["end"],
                   "text": TEXT_DE2[s3[1]["start"]:s3[1]["end"]], "trigger": span(TEXT_DE2, "verhängte"),
                   "args": {"sanctioner": {**span(TEXT_DE2, "Europäische Union"), "mention": 1},
                            "target": {**span(TEXT_DE2, "Nordkorea"), "mention": 2}},
                   "time": "2024-02", "attribution": None, "status": "asserted", "stage": "test"}
    store.save_analysis(Analysis(de2.id, {"sentences": s3, "entities": ents_de2, "timexes": [], "quantities": [],
                                          "quotes": [], "events": [sanction_de]}, {}), "sig")

    # --- link tables -------------------------------------------------------------------------
    ref = lambda eid: {"entity": eid, "name": ENTITIES[eid][0]}  # noqa: E731
    with store.engine.begin() as conn:
        conn.execute(insert(t.entities), [{"id": k, "name": v[0], "type": v[1], "aliases": v[2], "data": {}}
                                          for k, v in ENTITIES.items()])
        conn.execute(insert(t.mention_entities), [
            {"article_id": de.id, "idx": 0, "entity_id": "e_kp"}, {"article_id": de.id, "idx": 1, "entity_id": "e_ru"},
            {"article_id": de.id, "idx": 2, "entity_id": "e_bud"}, {"article_id": de.id, "idx": 3, "entity_id": "e_kim"},
            {"article_id": de.id, "idx": 4, "entity_id": "e_put"},
            {"article_id": en.id, "idx": 0, "entity_id": "e_kp"}, {"article_id": en.id, "idx": 1, "entity_id": "e_ru"},
            {"article_id": en.id, "idx": 3, "entity_id": "e_us"},
            {"article_id": de2.id, "idx": 1, "entity_id": "e_eu"}, {"article_id": de2.id, "idx": 2, "entity_id": "e_kp"},
        ])
        conn.execute(insert(t.stories).values(id="s1", title="Nordkoreanische Waffen für Russland",
                                           data={"first": "2024-01-04", "last": "2024-02-20"}))
        conn.execute(insert(t.stories).values(id="s2", title="Leere Geschichte", data={}))
        conn.execute(insert(t.story_articles), [{"article_id": a.id, "story_id": "s1"} for a in (de, en, de2)])
        facts = [
            {"id": "f_supply", "type": "SUPPLY", "label": "Nordkorea liefert Russland Munition", "time": "2023-09",
             "status": "reported", "independent_origins": 2, "first_reported": date(2024, 1, 4), "story_id": "s1",
             "data": {"args": {"supplier": ref("e_kp"), "recipient": ref("e_ru"),
                               "quantity": {"text": "eine Million Schuss", "value": 1000000}},
                      "origins": ["Südkoreanischer Geheimdienst", "White House briefing"], "discrepancies": ["d1"]}},
            {"id": "f_meet", "type": "MEET", "label": "Kim und Putin treffen sich", "time": "2023-09",
             "status": "asserted", "independent_origins": 1, "first_reported": date(2024, 1, 5), "story_id": "s1",
             "data": {"args": {"participants": [ref("e_kim"), ref("e_put")]}, "origins": ["Tagesblatt"]}},
            {"id": "f_us_sanction", "type": "SANCTION", "label": "USA verhängen Sanktionen", "time": "2024-01",
             "status": "asserted", "independent_origins": 1, "first_reported": date(2024, 1, 4), "story_id": "s1",
             "data": {"args": {"sanctioner": ref("e_us"), "target": ref("e_kp")}, "origins": ["Wire"]}},
            {"id": "f_eu_sanction", "type": "SANCTION", "label": "EU verhängt Sanktionen gegen Nordkorea",
             "time": "2024-02", "status": "asserted", "independent_origins": 1, "first_reported": date(2024, 2, 20),
             "story_id": "s1", "data": {"args": {"sanctioner": ref("e_eu"), "target": ref("e_kp")},
                                        "origins": ["Abendpost"]}},
        ]
        for fact in facts:  # as the link stage stores them: the rules found their events, which give no
            # confidence; the entity ids its arguments name, between spaces
            named = {v["entity"] for arg in fact["data"]["args"].values() for v in (arg if isinstance(arg, list)
                     else [arg]) if v.get("entity")}
            fact.update(confidence=None, rules=True, named_ids=" " + " ".join(sorted(named)) + " ")
        conn.execute(insert(t.facts), facts)
        conn.execute(insert(t.fact_events), [
            {"article_id": de.id, "idx": 0, "fact_id": "f_supply", "origin": "Südkoreanischer Geheimdienst"},
            {"article_id": en.id, "idx": 0, "fact_id": "f_supply", "origin": "White House briefing"},
            {"article_id": de.id, "idx": 1, "fact_id": "f_meet", "origin": "Tagesblatt"},
            {"article_id": en.id, "idx": 1, "fact_id": "f_us_sanction", "origin": "Wire"},
            {"article_id": de2.id, "idx": 0, "fact_id": "f_eu_sanction", "origin": "Abendpost"},
        ])
        first = s1[0]
        conn.execute(insert(t.summaries).values(story_id="s1", language="de", data={"sentences": [
            {"text": "Nordkorea soll Russland eine Million Schuss geliefert haben.", "article": de.id,
             "start": first["start"], "end": first["end"], "fact": "f_supply"}]}))
        conn.execute(insert(t.discrepancies).values(id="d1", kind="quantity", data={
            "facts": ["f_supply", "f_meet"], "detail": "made-up difference for the test"}))
    store.close()
    return {"de": de.id, "en": en.id, "de2": de2.id, "story": "s1", "empty_story": "s2",
            "texts": {de.id: TEXT_DE, en.id: TEXT_EN, de2.id: TEXT_DE2}, "at": datetime.now()}
