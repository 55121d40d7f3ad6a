"""Origins and corroboration (DESIGN §3), through the real link stage on hand-built analyses:
officials of one government count once, five outlets quoting one interview count once, a report
relayed by an outlet is that outlet's, what is only condemned or denied never adds an origin, and
items of different classes are different facts.  German and English."""

from __future__ import annotations

import re
from typing import Any

import pytest

from lagebild.link import link
from lagebild.model import items
from lagebild.services import commands
from lagebild.store.base import Store
from tests.link.conftest import Doc

ID_LIKE = re.compile(r"\b(?:org|src|gpe|per|loc|article|outlet|fact|story):|\b[0-9a-f]{16}\b")


def _budanov_de() -> Doc:
    d = Doc("In einem Interview mit der Financial Times sagte Kyrylo Budanow, der Leiter des ukrainischen "
            "Militärgeheimdienstes (HUR), Nordkorea habe große Mengen Artilleriemunition an Russland geliefert.",
            published="2024-01-21", outlet="Nordsee-Kurier", title="Budanow: Munition aus Nordkorea")
    d.ent("Financial Times", "ORG", key="org:ft", name="Financial Times")
    per = d.ent("Kyrylo Budanow", "PER")
    d.ent("der Leiter des ukrainischen Militärgeheimdienstes", "PER", form="role", ref=per)
    d.ent("ukrainischen", "GPE", key="gpe:UA", name="Ukraine", form="adjective")
    d.ent("HUR", "ORG", key="org:hur", name="HUR", form="acronym")
    kp = d.ent("Nordkorea", "GPE", key="gpe:KP", name="Nordkorea")
    ru = d.ent("Russland", "GPE", key="gpe:RU", name="Russland")
    d.event("SUPPLY", "Nordkorea habe große Mengen Artilleriemunition an Russland geliefert", "geliefert",
            {"supplier": kp, "recipient": ru, "item": ("text", "Artilleriemunition")}, speaker=per,
            status="reported")
    return d


def _spokesman_de() -> Doc:
    d = Doc("Ein Sprecher des ukrainischen Militärgeheimdienstes sagte, Nordkorea habe Russland etwa eine Million "
            "Schuss Munition geliefert. Nach US-Erkenntnissen hat Nordkorea auch Munition an Russland geliefert.",
            published="2024-01-22", outlet="Alpen-Bote", title="Eine Million Schuss")
    d.ent("ukrainischen", "GPE", key="gpe:UA", name="Ukraine", form="adjective")
    kp = d.ent("Nordkorea", "GPE", key="gpe:KP", name="Nordkorea")
    ru = d.ent("Russland", "GPE", key="gpe:RU", name="Russland")
    d.ent("US", "GPE", key="gpe:US", name="Vereinigte Staaten", form="acronym")
    kp2 = d.ent("Nordkorea", "GPE", 1, key="gpe:KP", name="Nordkorea")
    ru2 = d.ent("Russland", "GPE", 1, key="gpe:RU", name="Russland")
    q = d.qty("etwa eine Million", 1_000_000, "Schuss Munition")
    d.event("SUPPLY", "Nordkorea habe Russland etwa eine Million Schuss Munition geliefert", "geliefert",
            {"supplier": kp, "recipient": ru, "item": ("text", "Schuss Munition"), "quantity": ("quantity", q)},
            source_span="Ein Sprecher des ukrainischen Militärgeheimdienstes", source_kind="intelligence",
            status="reported")
    d.event("SUPPLY", "hat Nordkorea auch Munition an Russland geliefert", "geliefert",
            {"supplier": kp2, "recipient": ru2, "item": ("text", "Munition")},
            source_span="US-Erkenntnissen", source_kind="intelligence", status="reported")
    return d


def _white_house_de() -> Doc:
    d = Doc("Der Kommunikationsdirektor des Nationalen Sicherheitsrates, John Kirby, sagte im Weißen Haus, "
            "Pjöngjang habe Abschussrampen und Munition an Moskau geliefert. US-Außenminister Antony Blinken "
            "sagte, Nordkorea habe Munition und Raketen an Russland geliefert. Der Kreml bestritt, dass "
            "Nordkorea Munition an Russland geliefert habe.",
            published="2024-01-23", outlet="Rhein-Blatt", title="Washington: Waffen aus Pjöngjang")
    kirby = d.ent("John Kirby", "PER")
    d.ent("Der Kommunikationsdirektor des Nationalen Sicherheitsrates", "PER", form="role", ref=kirby)
    d.ent("Nationalen Sicherheitsrates", "ORG", key="org:nsc", name="Nationaler Sicherheitsrat")
    d.ent("Weißen Haus", "ORG", key="org:whitehouse", name="Weißes Haus")
    kp = d.ent("Pjöngjang", "GPE", key="gpe:KP", name="Nordkorea", form="metonym")
    ru = d.ent("Moskau", "GPE", key="gpe:RU", name="Russland", form="metonym")
    d.ent("US", "GPE", key="gpe:US", name="Vereinigte Staaten", form="acronym")
    blinken = d.ent("Antony Blinken", "PER")
    kp2 = d.ent("Nordkorea", "GPE", key="gpe:KP", name="Nordkorea")
    ru2 = d.ent("Russland", "GPE", key="gpe:RU", name="Russland")
    kremlin = d.ent("Kreml", "GPE", key="gpe:RU", name="Russland", form="metonym")
    kp3 = d.ent("Nordkorea", "GPE", 1, key="gpe:KP", name="Nordkorea")
    ru3 = d.ent("Russland", "GPE", 1, key="gpe:RU", name="Russland")
    d.event("SUPPLY", "Pjöngjang habe Abschussrampen und Munition an Moskau geliefert", "geliefert",
            {"supplier": kp, "recipient": ru, "item": ("text", "Abschussrampen und Munition")}, speaker=kirby,
            status="reported")
    d.event("SUPPLY", "Nordkorea habe Munition und Raketen an Russland geliefert", "geliefert",
            {"supplier": kp2, "recipient": ru2, "item": ("text", "Munition und Raketen")}, speaker=blinken,
            status="reported")
    d.event("SUPPLY", "dass Nordkorea Munition an Russland geliefert habe", "geliefert",
            {"supplier": kp3, "recipient": ru3, "item": ("text", "Munition")}, speaker=kremlin, status="denied")
    return d


def _budanov_en() -> Doc:
    d = Doc("In an interview with the Financial Times, Kyrylo Budanov, the head of Ukraine's military intelligence "
            "agency HUR, said North Korea had delivered large amounts of artillery ammunition to Russia.",
            published="2024-01-21", language="en", outlet="Harbour Ledger", title="Spy chief on shells")
    d.ent("Financial Times", "ORG", key="org:ft", name="Financial Times")
    per = d.ent("Kyrylo Budanov", "PER")
    d.ent("the head of Ukraine's military intelligence agency HUR", "PER", form="role", ref=per)
    d.ent("Ukraine", "GPE", key="gpe:UA", name="Ukraine")
    d.ent("HUR", "ORG", key="org:hur", name="HUR", form="acronym")
    kp = d.ent("North Korea", "GPE", key="gpe:KP", name="North Korea")
    ru = d.ent("Russia", "GPE", key="gpe:RU", name="Russia")
    d.event("SUPPLY", "North Korea had delivered large amounts of artillery ammunition to Russia", "delivered",
            {"supplier": kp, "recipient": ru, "item": ("text", "artillery ammunition")}, speaker=per, status="reported")
    return d


def _white_house_en() -> Doc:
    d = Doc("John Kirby, the communications director of the National Security Council, said at the White House "
            "that Pyongyang had delivered launchers and ammunition to Moscow. Secretary of State Antony Blinken "
            "said North Korea had shipped ammunition and missiles to Russia. According to US intelligence, "
            "North Korea also sent ammunition to Russia. The Kremlin denied that North Korea had delivered "
            "ammunition to Russia.",
            published="2024-01-23", language="en", outlet="Evening Courier", title="Launchers from Pyongyang")
    kirby = d.ent("John Kirby", "PER")
    d.ent("the communications director of the National Security Council", "PER", form="role", ref=kirby)
    d.ent("National Security Council", "ORG", key="org:nsc", name="National Security Council")
    d.ent("White House", "ORG", key="org:whitehouse", name="White House")
    kp = d.ent("Pyongyang", "GPE", key="gpe:KP", name="North Korea", form="metonym")
    ru = d.ent("Moscow", "GPE", key="gpe:RU", name="Russia", form="metonym")
    blinken = d.ent("Antony Blinken", "PER")
    kp2 = d.ent("North Korea", "GPE", key="gpe:KP", name="North Korea")
    ru2 = d.ent("Russia", "GPE", key="gpe:RU", name="Russia")
    d.ent("US", "GPE", key="gpe:US", name="United States", form="acronym")
    kp3 = d.ent("North Korea", "GPE", 1, key="gpe:KP", name="North Korea")
    ru3 = d.ent("Russia", "GPE", 1, key="gpe:RU", name="Russia")
    kremlin = d.ent("Kremlin", "GPE", key="gpe:RU", name="Russia", form="metonym")
    kp4 = d.ent("North Korea", "GPE", 2, key="gpe:KP", name="North Korea")
    ru4 = d.ent("Russia", "GPE", 2, key="gpe:RU", name="Russia")
    d.event("SUPPLY", "Pyongyang had delivered launchers and ammunition to Moscow", "delivered",
            {"supplier": kp, "recipient": ru, "item": ("text", "launchers and ammunition")}, speaker=kirby,
            status="reported")
    d.event("SUPPLY", "North Korea had shipped ammunition and missiles to Russia", "shipped",
            {"supplier": kp2, "recipient": ru2, "item": ("text", "ammunition and missiles")}, speaker=blinken,
            status="reported")
    d.event("SUPPLY", "North Korea also sent ammunition to Russia", "sent",
            {"supplier": kp3, "recipient": ru3, "item": ("text", "ammunition")},
            source_span="US intelligence", source_kind="intelligence", status="reported")
    d.event("SUPPLY", "that North Korea had delivered ammunition to Russia", "delivered",
            {"supplier": kp4, "recipient": ru4, "item": ("text", "ammunition")}, speaker=kremlin, status="denied")
    return d


def _picture(store: Store, docs: list[Doc]) -> dict[str, Any]:
    for d in docs:
        d.save(store)
    link(store)
    return commands.export_picture(store)


def _supply(picture: dict[str, Any], item: str) -> dict[str, Any]:
    found = [f for f in picture["facts"] if f["type"] == "SUPPLY" and item in f["label"]]
    assert len(found) == 1, [f["label"] for f in picture["facts"]]
    return found[0]


@pytest.mark.parametrize("language", ["de", "en"])
def test_origins_one_government_counts_once_and_denials_never(store: Store, language: str) -> None:
    docs = [_budanov_de(), _spokesman_de(), _white_house_de()] if language == "de" else \
        [_budanov_en(), _white_house_en()]
    picture = _picture(store, docs)
    ammo = _supply(picture, items.by_key("artillery-ammunition").name(language))
    counted = [o for o in ammo["origins"] if o["counted"]]
    assert ammo["independent_origins"] == 2
    assert {o["id"] for o in counted} == {"gpe:UA", "gpe:US"}  # Budanov + the HUR spokesman; Kirby + Blinken + intel
    assert ammo["status"] == "disputed"  # the Kremlin denies it: disputed, and not one more origin
    assert ammo["deniers"] == [{"de": "Russland", "en": "Russia"}[language]]
    assert any(o["kind"] == "denial" for o in ammo["origins"])
    ukraine = next(o for o in counted if o["id"] == "gpe:UA")
    assert "HUR" in ukraine["label"]
    launchers = _supply(picture, items.by_key("launchers").name(language))
    assert launchers["independent_origins"] == 1  # Kirby's launchers are a transfer of their own
    missiles = _supply(picture, items.by_key("ballistic-missiles").name(language))
    assert missiles["independent_origins"] == 1


@pytest.mark.parametrize("language", ["de", "en"])
def test_origins_labels_never_show_ids(store: Store, language: str) -> None:
    docs = [_budanov_de(), _spokesman_de(), _white_house_de()] if language == "de" else \
        [_budanov_en(), _white_house_en()]
    picture = _picture(store, docs)
    for fact in picture["facts"]:
        assert not ID_LIKE.search(fact["label"]), fact["label"]
        for o in fact["origins"]:
            assert not ID_LIKE.search(o["label"]), o["label"]


def test_origins_explained_in_words(store: Store) -> None:
    _picture(store, [_budanov_de(), _spokesman_de(), _white_house_de()])
    ammo = next(f for f in store_facts(store) if "Artilleriemunition" in f["label"])
    text = ammo["data"]["corroboration"]
    assert text.startswith("2 unabhängig: ")
    assert "John Kirby" in text and "Antony Blinken" in text and "Financial Times" in text
    assert "bestreitet" in text


def store_facts(store: Store) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from lagebild.store import schema as t

    with store.engine.connect() as conn:
        return [{"label": r.label, "data": r.data} for r in conn.execute(select(t.facts.c.label, t.facts.c.data))]


@pytest.mark.parametrize("language", ["de", "en"])
def test_origins_two_governments_in_one_phrase_count_twice(store: Store, language: str) -> None:
    if language == "de":
        d = Doc("Sowohl Kiew als auch Washington berichteten, dass Russland nordkoreanische Raketen gegen die "
                "Ukraine eingesetzt hat.", published="2024-01-21", outlet="Nordsee-Kurier", title="Raketen")
        d.ent("Kiew", "GPE", key="gpe:UA", name="Ukraine", form="metonym")
        d.ent("Washington", "GPE", key="gpe:US", name="Vereinigte Staaten", form="metonym")
        ru = d.ent("Russland", "GPE", key="gpe:RU", name="Russland")
        ua = d.ent("Ukraine", "GPE", key="gpe:UA", name="Ukraine")
        d.event("ATTACK", "dass Russland nordkoreanische Raketen gegen die Ukraine eingesetzt hat", "eingesetzt",
                {"attacker": ru, "target": ua}, source_span="Kiew als auch Washington", status="reported")
    else:
        d = Doc("Both Kyiv and Washington said that Russia had fired North Korean missiles at Ukraine.",
                published="2024-01-21", language="en", outlet="Harbour Ledger", title="Missiles")
        d.ent("Kyiv", "GPE", key="gpe:UA", name="Ukraine", form="metonym")
        d.ent("Washington", "GPE", key="gpe:US", name="United States", form="metonym")
        ru = d.ent("Russia", "GPE", key="gpe:RU", name="Russia")
        ua = d.ent("Ukraine", "GPE", key="gpe:UA", name="Ukraine")
        d.event("ATTACK", "that Russia had fired North Korean missiles at Ukraine", "fired",
                {"attacker": ru, "target": ua}, source_span="Kyiv and Washington", status="reported")
    picture = _picture(store, [d])
    attack = next(f for f in picture["facts"] if f["type"] == "ATTACK")
    assert attack["independent_origins"] == 2
    assert {o["id"] for o in attack["origins"]} == {"gpe:UA", "gpe:US"}


@pytest.mark.parametrize("language", ["de", "en"])
def test_origins_words_relayed_by_a_report_are_the_reports(store: Store, language: str) -> None:
    """Putin's readiness to visit, as KCNA reported it in the sentence before: one origin, KCNA."""
    if language == "de":
        d = Doc("Putin traf die Außenministerin in Moskau, wie die Nachrichtenagentur KCNA berichtete.\n"
                "Putin äußerte seine Bereitschaft, bald Nordkorea zu besuchen.",
                published="2024-01-22", outlet="Alpen-Bote", title="Besuch")
        kcna = "KCNA"
        who, visit, where = "Putin", "bald Nordkorea zu besuchen", "Nordkorea"
    else:
        d = Doc("Putin met the foreign minister in Moscow, the news agency KCNA reported.\n"
                "Putin expressed his readiness to visit North Korea soon.",
                published="2024-01-22", language="en", outlet="Lakeside Tribune", title="Visit")
        kcna = "KCNA"
        who, visit, where = "Putin", "to visit North Korea soon", "North Korea"
    putin = d.ent(who, "PER", name="Wladimir Putin")
    d.ent(kcna, "ORG", key="org:kcna", name="KCNA", form="acronym")
    d.ent(who, "PER", 1, name="Wladimir Putin", ref=putin)
    kp = d.ent(where, "GPE", key="gpe:KP", name=where)
    d.event("VISIT", visit, visit.split()[-1] if language == "de" else "visit", {"visitor": putin, "destination": kp},
            speaker=putin + 2, status="planned")
    picture = _picture(store, [d])
    fact = next(f for f in picture["facts"] if f["type"] == "VISIT")
    assert fact["independent_origins"] == 1
    assert [o["label"] for o in fact["origins"]] == ["KCNA"]


def test_origins_what_is_only_condemned_counts_no_origin(store: Store) -> None:
    d = Doc("Rund 50 Staaten verurteilten die Lieferung nordkoreanischer Raketen an Russland. "
            "Laut Kiew hat Nordkorea Raketen an Russland geliefert.",
            published="2024-01-21", outlet="Nordsee-Kurier", title="Verurteilt")
    kp = d.ent("nordkoreanischer", "GPE", key="gpe:KP", name="Nordkorea", form="adjective")
    ru = d.ent("Russland", "GPE", key="gpe:RU", name="Russland")
    d.ent("Kiew", "GPE", key="gpe:UA", name="Ukraine", form="metonym")
    kp2 = d.ent("Nordkorea", "GPE", key="gpe:KP", name="Nordkorea")
    ru2 = d.ent("Russland", "GPE", 1, key="gpe:RU", name="Russland")
    d.event("CONDEMN", "Rund 50 Staaten verurteilten die Lieferung nordkoreanischer Raketen an Russland", "verurteilten",
            {"about": ("text", "die Lieferung nordkoreanischer Raketen an Russland")})
    d.event("SUPPLY", "Rund 50 Staaten verurteilten die Lieferung nordkoreanischer Raketen an Russland", "Lieferung",
            {"supplier": kp, "recipient": ru, "item": ("text", "Raketen")})
    d.event("SUPPLY", "hat Nordkorea Raketen an Russland geliefert", "geliefert",
            {"supplier": kp2, "recipient": ru2, "item": ("text", "Raketen")}, source_span="Kiew", status="reported")
    picture = _picture(store, [d])
    supply = next(f for f in picture["facts"] if f["type"] == "SUPPLY")
    assert len(supply["events"]) == 2 and supply["independent_origins"] == 1
    assert [o["id"] for o in supply["origins"] if o["counted"]] == ["gpe:UA"]
    assert [o["kind"] for o in supply["origins"] if not o["counted"]] == ["referenced"]


@pytest.mark.parametrize("text, classes", [
    ("Abschussrampen für ballistische Raketen und Munition", ("launchers", "artillery-ammunition")),
    ("etwa eine Million Schuss Munition", ("artillery-ammunition",)),
    ("122-mm- und 152-mm-Artilleriegeschossen", ("artillery-ammunition",)),
    ("ballistic missile launchers", ("launchers",)),
    ("ammunition and missiles", ("artillery-ammunition", "ballistic-missiles")),
    ("Shahed-Drohnen", ("drones",)),
    ("Waffen", ()),
])
def test_items_classify_heads_not_modifiers(text: str, classes: tuple[str, ...]) -> None:
    assert items.classify(text) == classes


def test_origins_human_judgement_on_whom_a_person_speaks_for_wins(store: Store) -> None:
    picture = _picture(store, [_budanov_de()])
    assert [o["id"] for o in picture["facts"][0]["origins"]] == ["gpe:UA"]
    commands.judge(store, "Kyrylo Budanow", "Europäische Kommission", "speaks_for")  # any body, even a new one
    picture = commands.export_picture(store)
    (origin,) = picture["facts"][0]["origins"]
    assert origin["label"] == "Europäische Kommission" and origin["id"].startswith("body:")
    commands.judge(store, "Kyrylo Budanow", "HUR", "speaks_for")  # a gazetteer name: its state
    assert [o["id"] for o in commands.export_picture(store)["facts"][0]["origins"]] == ["gpe:UA"]


@pytest.mark.parametrize("a, b", [("The Times", "Times"), ("Financial Times", "FT"), ("Der Spiegel", "Spiegel")])
def test_origins_one_outlet_whatever_the_spelling(a: str, b: str) -> None:
    from lagebild.link.origins import outlet_key

    assert outlet_key(a) == outlet_key(b)


def test_origins_fact_page_explains_the_count_and_the_merge(store: Store, tmp_path: Any) -> None:
    from fastapi.testclient import TestClient

    from lagebild.app import create_app

    db = str(tmp_path / "page.db")
    page_store = Store.open(db)
    picture = _picture(page_store, [_budanov_de(), _spokesman_de(), _white_house_de()])
    page_store.close()
    ammo = _supply(picture, "Artilleriemunition")
    html = TestClient(create_app(db)).get(f"/facts/{ammo['id']}").text
    assert "Why 2:" in html and "2 unabhängig: " in html and "Ukraine (HUR)" in html
    assert "Denied by Russland" in html
    assert "Why these mentions are one fact" in html and "supplier — same" in html


def _kremlin_denial(language: str, outlet: str, published: str) -> Doc:
    if language == "de":
        d = Doc("Seoul meldet nordkoreanische Soldaten in Russland. Der Kreml wies die Berichte aus Südkorea zurück.",
                published=published, outlet=outlet, language="de", title="Kreml dementiert")
        ru, kr = d.ent("Kreml", "GPE", key="gpe:RU", name="Russland", form="metonym"), d.ent(
            "Südkorea", "GPE", key="gpe:KR", name="Südkorea")
        d.event("DENY", "Der Kreml wies die Berichte aus Südkorea zurück", "wies", {"speaker": ru, "target": kr})
    else:
        d = Doc("Seoul reports North Korean soldiers in Russia. The Kremlin dismissed the South Korea reports as false.",
                published=published, outlet=outlet, language="en", title="Kremlin denies")
        ru, kr = d.ent("Kremlin", "GPE", key="gpe:RU", name="Russia", form="metonym"), d.ent(
            "South Korea", "GPE", key="gpe:KR", name="South Korea")
        d.event("DENY", "The Kremlin dismissed the South Korea reports as false", "dismissed",
                {"speaker": ru, "target": kr})
    return d


def test_origins_a_speech_act_is_its_speakers_word_not_each_outlets(store: Store) -> None:
    """Two outlets telling that the Kremlin denied are one origin, the Kremlin (not two outlets,
    nor the outlet beside the Kremlin), in German and English alike; the label names the state once."""
    picture = _picture(store, [_kremlin_denial("de", "Bergland Depesche", "2024-10-18"),
                               _kremlin_denial("en", "The Quayside Dispatch", "2024-10-19")])
    (deny,) = [f for f in picture["facts"] if f["type"] == "DENY"]
    assert len(deny["events"]) == 2 and deny["independent_origins"] == 1
    assert [(o["id"], o["label"]) for o in deny["origins"]] == [("gpe:RU", "Russland")]


@pytest.mark.parametrize("text", [
    "The United States has seen evidence that North Korean soldiers are in Russia, Defense Secretary Lloyd Austin "
    "said on Wednesday.",
    "North Korean soldiers are in Russia, Lloyd Austin said on Wednesday, lending weight to reports that "
    "Pyongyang is preparing to send troops.",
])
def test_origins_a_state_near_a_known_speaker_is_not_his(store: Store, text: str) -> None:
    d = Doc(text, published="2024-10-23", language="en", outlet="The Quayside Dispatch", title="Austin")
    kp = d.ent("North Korean", "GPE", key="gpe:KP", name="North Korea", form="adjective")
    ru = d.ent("Russia", "GPE", key="gpe:RU", name="Russia")
    austin = d.ent("Lloyd Austin", "PER")
    d.event("SUPPLY", "North Korean soldiers are in Russia", "are", {"supplier": kp, "recipient": ru,
                                                                      "item": ("text", "soldiers")}, speaker=austin)
    (fact,) = _picture(store, [d])["facts"]
    assert [o["id"] for o in fact["origins"]] == ["gpe:US"]


def test_origins_a_body_does_not_dispute_what_only_it_claims() -> None:
    """'Moskau verweist auf den Beistandsvertrag' (laut Russland) is not disputed by the Kremlin's
    denial that North Korean soldiers fight; the same denial disputes what others claim."""
    from lagebild.link import corroboration

    def fact(fid: str, type_: str, entities: dict, origins: list[str]) -> dict:
        return {"id": fid, "type": type_, "story_id": "s", "time": None,
                "data": {"entities": entities, "mentions": [], "within": {},
                         "origins": [{"key": k, "counted": True} for k in origins]}}

    deny = fact("d", "DENY", {"speaker": ["gpe:RU"], "about": ["gpe:KP"]}, ["gpe:RU"])
    own = fact("a", "AGREE", {"parties": ["gpe:RU", "gpe:KP"]}, ["gpe:RU"])
    others = fact("b", "AGREE", {"parties": ["gpe:RU", "gpe:KP"]}, ["gpe:KR"])
    assert corroboration.denials([deny, own, others]) == {"b": ["d"]}


@pytest.mark.parametrize("speech_act, counted", [(True, 1), (False, 2)])
def test_origins_an_outlet_telling_of_an_accusation_is_no_origin_of_it(speech_act: bool, counted: int) -> None:
    """'The United States accuse North Korea' (speaker named) and 'wirft der Westen Pjöngjang vor'
    told by another outlet with no speaker: one accusation, the accuser's; a supply told both
    ways stays two (the second outlet asserts it on its own)."""
    from lagebild.link import corroboration

    origins = [{"key": "gpe:US", "label": "Vereinigte Staaten", "kind": "speaker", "counted": True,
                "events": ["a:0"], "outlet": "Northgate Wire"},
               {"key": "outlet:rheinische-lagezeitung", "label": "Rheinische Lagezeitung", "kind": "outlet",
                "counted": True, "events": ["b:0"], "outlet": "Rheinische Lagezeitung"}]
    entries = corroboration.independent(origins, {"a:0": "a", "b:0": "b"}, "de", speech_act=speech_act)
    assert corroboration.count(entries) == counted
    if speech_act:
        assert entries[0]["outlets"] == ["Northgate Wire", "Rheinische Lagezeitung"]


def test_origins_an_outlet_is_not_named_as_denying_what_its_source_denies() -> None:
    """'Araghchi dismissed the claims and said Tehran had not delivered such missiles': the second
    denial, without a speaker of its own, is Araghchi's too, not the outlet's."""
    from lagebild.link import corroboration

    origins = [{"key": "gpe:US", "label": "Vereinigte Staaten", "kind": "speaker", "counted": True, "events": ["a:0"]},
               {"key": "outlet:northgate-wire", "label": "Northgate Wire", "kind": "denial", "counted": False,
                "events": ["b:1"], "outlet": "Northgate Wire"},
               {"key": "gpe:IR", "label": "Iran (Abbas Araghchi)", "kind": "denial", "counted": False,
                "events": ["b:0"], "outlet": "Northgate Wire"},
               {"key": "outlet:other", "label": "Other", "kind": "denial", "counted": False, "events": ["c:0"]}]
    entries = corroboration.independent(origins, {"a:0": "a", "b:0": "b", "b:1": "b", "c:0": "c"}, "de")
    assert [(e["key"], e["kind"]) for e in entries if not e["counted"]] == [("gpe:IR", "denial"),
                                                                            ("outlet:other", "denial")]
