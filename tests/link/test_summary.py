"""The story summary: facts ranked by origins and recency, told once each, in German or English,
with figures as written, absolute dates, the status, and a citation of outlet, date and sentence."""

from __future__ import annotations

from typing import Any

import pytest

from lagebild.link import summary

RU, KP, UA = "gpe:RU", "gpe:KP", "gpe:UA"
NAMES_DE = {RU: "Russland", KP: "Nordkorea", UA: "Ukraine", "per:putin": "Wladimir Putin",
            "per:choe": "Choe Son-hui", "per:kirby": "John Kirby"}
NAMES_EN = {RU: "Russia", KP: "North Korea", UA: "Ukraine", "per:putin": "Vladimir Putin",
            "per:choe": "Choe Son-hui", "per:kirby": "John Kirby"}


def mention(article: str, text: str, sentence: str, *, language: str = "de", outlet: str = "Lagezeitung",
            published: str = "2024-01-21", status: str = "asserted", args: dict[str, Any] | None = None,
            quantity: str | None = None, origin: dict[str, Any] | None = None, idx: int = 0) -> dict[str, Any]:
    start = text.index(sentence)
    q = None
    if quantity is not None:
        q = {"text": quantity, "value": 1_000_000, "low": None, "high": None, "approximate": True,
             "unit": "Schuss Munition" if language == "de" else "rounds of ammunition"}
    return {"event": f"{article}:{idx}", "article": article, "idx": idx, "sentence": [start, start + len(sentence)],
            "language": language, "outlet": outlet, "published": published, "status": status,
            "args": args or {}, "quantity": q, "time": None,
            "origin": origin or {"key": "outlet:x", "label": outlet, "kind": "outlet"}}


def fact(fid: str, type_: str, entities: dict[str, list[str]], mentions: list[dict[str, Any]], *,
         time: str | None = None, origins: int = 1, planned: bool = False,
         names: dict[str, str] = NAMES_DE) -> dict[str, Any]:
    for m in mentions:  # the canonical names of the entities, as the link stage writes them
        for role, ids in entities.items():
            if role not in m["args"]:
                value = [{"entity": e, "name": names[e], "text": names[e]} for e in ids]
                m["args"][role] = value if type_ == "MEET" else value[0]
    quantity = next((m["quantity"] for m in mentions if m["quantity"]), None)
    return {"id": fid, "type": type_, "time": time, "independent_origins": origins,
            "first_reported": min(m["published"] for m in mentions), "story_id": "story:s",
            "data": {"mentions": mentions, "entities": entities, "quantity": quantity, "planned": planned,
                     "statuses": sorted({m["status"] for m in mentions}),
                     "last_reported": max(m["published"] for m in mentions)}}


# --- generated sentences ----------------------------------------------------------------------------

GEN_TEXT = "Nordkorea hat Russland Munition geliefert. North Korea supplied ammunition to Russia."


def _supply(language: str, status: str = "asserted", origin: dict[str, Any] | None = None) -> dict[str, Any]:
    names = NAMES_EN if language == "en" else NAMES_DE
    sentence = GEN_TEXT.split(". ")[1] if language == "en" else GEN_TEXT.split(". ")[0]
    figure = "about one million rounds of ammunition" if language == "en" else "etwa eine Million Schuss Munition"
    m = mention("a1", GEN_TEXT, sentence, language=language, status=status, quantity=figure, origin=origin,
                args={"item": {"entity": None, "text": "Munition" if language == "de" else "ammunition"}})
    return fact("fact:s", "SUPPLY", {"supplier": [KP], "recipient": [RU]}, [m], time="2024-01-02", names=names)


@pytest.mark.parametrize(("language", "status", "expected"), [
    ("de", "asserted", "Nordkorea lieferte am 2. Januar 2024 etwa eine Million Schuss Munition an Russland."),
    ("de", "alleged", "Laut John Kirby soll Nordkorea am 2. Januar 2024 etwa eine Million Schuss Munition "
                      "an Russland geliefert haben."),
    ("de", "reported", "Laut John Kirby lieferte Nordkorea am 2. Januar 2024 etwa eine Million Schuss Munition "
                       "an Russland."),
    ("en", "asserted", "North Korea supplied about one million rounds of ammunition to Russia on 2 January 2024."),
    ("en", "reported", "According to John Kirby, North Korea supplied about one million rounds of ammunition "
                       "to Russia on 2 January 2024."),
    ("en", "alleged", "According to John Kirby, North Korea is said to have supplied about one million rounds "
                      "of ammunition to Russia on 2 January 2024."),
])
def test_summary_generate_supply_keeps_figure_date_and_status(language: str, status: str, expected: str) -> None:
    kirby = {"key": "per:kirby", "label": "John Kirby", "kind": "speaker"}
    assert summary.generate(_supply(language, status, kirby), language) == expected


def test_summary_generate_planned_visit_and_meeting() -> None:
    text = "Putin will Nordkorea besuchen. Putin und Choe trafen sich."
    visit = fact("fact:v", "VISIT", {"visitor": ["per:putin"], "destination": [KP]},
                 [mention("a1", text, "Putin will Nordkorea besuchen.", status="planned",
                          origin={"key": "org:kcna", "label": "KCNA", "kind": "report"})], planned=True)
    assert summary.generate(visit, "de") == "Laut KCNA will Wladimir Putin Nordkorea besuchen."
    meet = fact("fact:m", "MEET", {"participants": ["per:putin", "per:choe"]},
                [mention("a1", text, "Putin und Choe trafen sich.")], time="2024-W03")
    assert summary.generate(meet, "de") == ("Wladimir Putin und Choe Son-hui trafen sich in der Woche vom "
                                            "15. Januar 2024.")
    assert summary.generate(meet, "en") == "Wladimir Putin and Choe Son-hui met in the week of 15 January 2024."


def test_summary_generate_needs_someone_who_acts() -> None:
    text = "Die Ukraine wurde angegriffen."
    attack = fact("fact:a", "ATTACK", {"target": [UA]}, [mention("a1", text, text)])
    assert summary.generate(attack, "de") is None


def test_summary_generate_never_writes_an_id_as_source() -> None:
    m = _supply("de", "reported", {"key": "article:0123456789abcdef", "label": "0123456789abcdef", "kind": "source"})
    assert summary.generate(m, "de") == ("Nordkorea lieferte am 2. Januar 2024 etwa eine Million Schuss Munition "
                                         "an Russland.")


# --- relative dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "sentence", "surface", "value", "expected"), [
    ("de", "Putin traf Choe diese Woche im Kreml.", "diese Woche", "2024-W03",
     "Putin traf Choe diese Woche (Woche vom 15. Januar 2024) im Kreml."),
    ("de", "Kirby sagte letzte Woche, die Raketen seien geliefert.", "letzte Woche", "2024-W02",
     "Kirby sagte letzte Woche (Woche vom 8. Januar 2024), die Raketen seien geliefert."),
    ("de", "Das betonte Kirby am Donnerstag.", "am Donnerstag", "2024-01-18",
     "Das betonte Kirby am Donnerstag (18. Januar 2024)."),
    ("de", "Ziele in Charkiw wurden am 2. Januar getroffen.", "am 2. Januar", "2024-01-02",
     "Ziele in Charkiw wurden am 2. Januar 2024 getroffen."),
    ("de", "Putin traf Kim im September 2023.", "im September 2023", "2023-09",
     "Putin traf Kim im September 2023."),
    ("en", "Kirby said last week that the missiles had arrived.", "last week", "2024-W02",
     "Kirby said last week (week of 8 January 2024) that the missiles had arrived."),
    ("en", "The strike came on Thursday.", "on Thursday", "2024-01-18",
     "The strike came on Thursday (18 January 2024)."),
])
def test_summary_anchor_adds_absolute_dates(language: str, sentence: str, surface: str, value: str,
                                            expected: str) -> None:
    prefix = "Erster Satz. "
    text = prefix + sentence
    start = text.index(surface)
    timex = {"start": start, "end": start + len(surface), "text": surface, "type": "DATE", "value": value}
    assert summary.anchor(sentence, len(prefix), [timex], language) == expected


# --- choosing and ranking -------------------------------------------------------------------------------

TEXTS = {
    "a1": ("Hintergrund: Russland kämpft seit Jahren mit Sanktionen des Westens. "
           "Ein Sprecher sagte, Nordkorea habe Russland etwa eine Million Schuss Munition geliefert. "
           "Putin traf Choe diese Woche im Kreml."),
    "a2": ("Putin und Choe Son-hui kamen diese Woche in Moskau zusammen. "
           "Russland griff am 2. Januar Charkiw mit nordkoreanischen Raketen an."),
    "a3": "Russia struck Kharkiv with North Korean missiles on 2 January. Putin met Choe this week.",
}


def _timexes(article: str) -> list[dict[str, Any]]:
    text = TEXTS[article]
    out = []
    for surface, value in (("diese Woche", "2024-W03"), ("am 2. Januar", "2024-01-02"), ("this week", "2024-W03"),
                           ("on 2 January", "2024-01-02")):
        at = text.find(surface)
        if at >= 0:
            out.append({"start": at, "end": at + len(surface), "text": surface, "type": "DATE", "value": value})
    return out


def _story() -> list[dict[str, Any]]:
    t1, t2, t3 = TEXTS["a1"], TEXTS["a2"], TEXTS["a3"]
    supply = fact("fact:supply", "SUPPLY", {"supplier": [KP], "recipient": [RU]}, [
        mention("a1", t1, "Ein Sprecher sagte, Nordkorea habe Russland etwa eine Million Schuss Munition geliefert.",
                status="reported", quantity="etwa eine Million Schuss Munition",
                args={"item": {"entity": None, "text": "Munition"}}, published="2024-01-20")],
        origins=3)
    meet_a = fact("fact:meet1", "MEET", {"participants": ["per:putin", "per:choe"]}, [
        mention("a1", t1, "Putin traf Choe diese Woche im Kreml.", idx=1)], time="2024-W03", origins=2)
    meet_b = fact("fact:meet2", "MEET", {"participants": ["per:choe", "per:putin"]}, [
        mention("a2", t2, "Putin und Choe Son-hui kamen diese Woche in Moskau zusammen.", outlet="Nordkurier",
                published="2024-01-19"),
        mention("a3", t3, "Putin met Choe this week.", language="en", outlet="Wire", idx=1)],
        time="2024-W03", origins=1)
    strike = fact("fact:strike", "ATTACK", {"attacker": [RU], "target": [UA]}, [
        mention("a2", t2, "Russland griff am 2. Januar Charkiw mit nordkoreanischen Raketen an.",
                outlet="Nordkurier", published="2024-01-19", idx=1),
        mention("a3", t3, "Russia struck Kharkiv with North Korean missiles on 2 January.", language="en",
                outlet="Wire")], time="2024-01-02", origins=3)
    background = fact("fact:sanction", "SANCTION", {"target": [RU]}, [
        mention("a1", t1, "Hintergrund: Russland kämpft seit Jahren mit Sanktionen des Westens.", idx=2)])
    return [background, meet_b, strike, meet_a, supply]


def test_summary_build_tells_the_key_facts_first_and_once() -> None:
    sentences = summary.build(_story(), "de", TEXTS.get, [], _timexes)
    facts = [s["fact"] for s in sentences]
    assert facts[:2] == ["fact:strike", "fact:supply"]  # three origins each; the strike is the newer
    assert sum(f in ("fact:meet1", "fact:meet2") for f in facts) == 1  # one meeting, told once
    assert "fact:sanction" not in facts  # background that names nobody who acts stays out
    texts = [s["text"] for s in sentences]
    assert texts[0] == "Russland griff am 2. Januar 2024 Charkiw mit nordkoreanischen Raketen an."
    assert "etwa eine Million Schuss Munition" in texts[1]
    assert "diese Woche (Woche vom 15. Januar 2024)" in texts[2]


def test_summary_build_cites_outlet_date_and_sentence() -> None:
    for s in summary.build(_story(), "de", TEXTS.get, [], _timexes):
        text = TEXTS[s["article"]]
        assert text[s["start"]:s["end"]].endswith(".") and s["outlet"] and s["published"]
        for c in s["cites"]:
            assert c["outlet"] != s["outlet"] and TEXTS[c["article"]][c["start"]:c["end"]]


def test_summary_build_in_english_chooses_english_sentences() -> None:
    sentences = summary.build(_story(), "en", TEXTS.get, [], _timexes)
    assert sentences[0]["text"] == "Russia struck Kharkiv with North Korean missiles on 2 January 2024."
    assert sentences[0]["kind"] == "chosen"
    # the meeting is told by its English mention (of the other fact of that meeting), once
    assert sentences[1]["text"] == "Putin met Choe this week (week of 15 January 2024)."
    assert {c["outlet"] for c in sentences[1]["cites"]} == {"Nordkurier", "Lagezeitung"}
    # a fact reported in German only comes after those told in English
    assert [s["fact"] for s in sentences][2:] == ["fact:supply"]


def test_summary_build_two_figures_are_two_sentences() -> None:
    text = "Nordkorea lieferte eine Million Granaten. Später waren es zwei Millionen Granaten."
    one = fact("fact:1", "SUPPLY", {"supplier": [KP], "recipient": [RU]},
               [mention("a1", text, "Nordkorea lieferte eine Million Granaten.", quantity="eine Million Granaten")],
               time="2023")
    two = fact("fact:2", "SUPPLY", {"supplier": [KP], "recipient": [RU]},
               [mention("a1", text, "Später waren es zwei Millionen Granaten.", quantity="zwei Millionen Granaten",
                        idx=1)], time="2023")
    two["data"]["quantity"]["value"] = 2_000_000
    texts = [s["text"] for s in summary.build([one, two], "de", {"a1": text}.get, [])]
    assert len(texts) == 2 and any("zwei Millionen Granaten" in t for t in texts)


def test_summary_build_leaves_out_a_fact_its_told_sentence_holds() -> None:
    text = "Putin traf Choe diese Woche im Kreml während einer Reise Choes."
    meet = fact("fact:m", "MEET", {"participants": ["per:putin", "per:choe"]}, [mention("a1", text, text)],
                time="2024-W03", origins=2)
    trip = fact("fact:v", "VISIT", {"visitor": ["per:choe"], "destination": [RU]}, [mention("a1", text, text, idx=1)],
                time="2024-W03")
    week = [{"start": 16, "end": 27, "text": "diese Woche", "type": "DATE", "value": "2024-W03"}]
    told = summary.build([meet, trip], "de", {"a1": text}.get, [], lambda _a: week)
    assert [(s["fact"], s["kind"]) for s in told] == [("fact:m", "chosen")]


@pytest.mark.parametrize(("language", "expected"), [
    ("de", "Nordkorea lieferte am 2. Januar 2024 etwa eine Million Schuss Munition an Russland "
           "(von Nordkorea bestritten)."),
    ("en", "North Korea supplied about one million rounds of ammunition to Russia on 2 January 2024 "
           "(denied by North Korea)."),
])
def test_summary_build_names_who_denies_a_fact(language: str, expected: str) -> None:
    supply = _supply(language)
    names = NAMES_EN if language == "en" else NAMES_DE
    denial = fact("fact:d", "DENY", {"speaker": [KP]}, [mention("a1", GEN_TEXT, GEN_TEXT.split(". ")[0],
                                                                language=language, idx=1)], names=names)
    supply["data"]["denied_by"] = "fact:d"
    told = summary.build([supply, denial], language, {"a1": GEN_TEXT}.get, [])
    assert told[0]["text"] == expected


def test_summary_generate_says_names_with_their_article() -> None:
    text = "Die USA und der Iran einigten sich. Die USA verhängten Sanktionen gegen den Iran."
    us, ir = "gpe:US", "gpe:IR"
    names = {**NAMES_DE, us: "Vereinigte Staaten", ir: "Iran"}
    agree = fact("fact:a", "AGREE", {"parties": [us, ir]}, [mention("a1", text, "Die USA und der Iran einigten sich.")],
                 names=names)
    agree["data"]["mentions"][0]["args"]["parties"] = [{"entity": us, "name": "Vereinigte Staaten"},
                                                       {"entity": ir, "name": "Iran"}]
    assert summary.generate(agree, "de") == "Die Vereinigten Staaten und der Iran einigten sich."
    sanction = fact("fact:s", "SANCTION", {"sanctioner": [us], "target": [ir]},
                    [mention("a1", text, "Die USA verhängten Sanktionen gegen den Iran.")], names=names)
    assert summary.generate(sanction, "de") == "Die Vereinigten Staaten verhängten Sanktionen gegen den Iran."


def test_summary_build_names_the_source_a_quoted_sentence_leaves_out() -> None:
    text = "Kirby sprach im Weißen Haus. Es gebe Hinweise, dass Moskau und Teheran verhandelten."
    kirby = {"key": "per:kirby", "label": "John Kirby", "kind": "speaker"}
    talks = fact("fact:n", "NEGOTIATE", {"parties": [RU, "gpe:IR"]},
                 [mention("a1", text, "Es gebe Hinweise, dass Moskau und Teheran verhandelten.", status="reported",
                          origin=kirby, args={"parties": [{"entity": RU, "name": "Russland"},
                                                          {"entity": "gpe:IR", "name": "Iran"}]})])
    told = summary.build([talks], "de", {"a1": text}.get, [])
    assert told[0]["text"] == "Es gebe Hinweise, dass Moskau und Teheran verhandelten (laut John Kirby)."


def test_summary_shells_and_missiles_are_two_happenings() -> None:
    shells, missiles = _supply("de"), _supply("de")
    missiles["id"] = "fact:m"
    shells["data"]["items"], missiles["data"]["items"] = ["artillery-ammunition"], ["ballistic-missiles"]
    missiles["data"]["quantity"] = None
    assert not summary.same_happening(shells, missiles)
    missiles["data"]["items"] = []  # a class unknown on one side may be the same transfer
    assert summary.same_happening(shells, missiles)


@pytest.mark.parametrize("origin, named", [
    ({"key": "gpe:US", "label": "Vereinigte Staaten (Nationaler Sicherheitsrat)", "kind": "speaker",
      "source": "John Kirby"}, ["John Kirby"]),  # who spoke, not the body
    ({"key": "gpe:US", "label": "Vereinigte Staaten", "kind": "source", "source": "US-Erkenntnissen"},
     ["Vereinigte Staaten"]),
    ({"key": "unnamed", "label": "ungenannte Quellen", "kind": "unnamed", "source": "Berichten"}, []),
])
def test_summary_names_who_spoke_and_never_an_unnamed_source(origin: dict[str, Any], named: list[str]) -> None:
    assert summary._origin_names([{"origin": origin}]) == named


@pytest.mark.parametrize("text, language, expected", [
    ("Der Kreml wies die Berichte zurück.", "de", "Der Kreml wies die Berichte zurück."),
    ("Russia and North Korea deny any arms trade.", "en", "Russia and North Korea deny any arms trade."),
    ("Teheran bestreitet, Russland für den Krieg aufzurüsten.", "de", "Teheran bestreitet, Russland für den Krieg aufzurüsten."),
    ("Nordkorea habe Raketen geliefert.", "de", "Nordkorea habe Raketen geliefert (laut Russland)."),
])
def test_summary_a_denial_names_its_own_source(text: str, language: str, expected: str) -> None:
    mention = {"origin": {"key": "gpe:RU", "label": "Russland", "kind": "speaker", "counted": True}}
    assert summary._with_source(text, mention, language) == expected


def test_summary_states_are_named_in_the_summarys_language() -> None:
    arg = lambda e, n: {"entity": e, "name": n, "text": n}  # noqa: E731
    fact = {"type": "SANCTION", "data": {"entities": {"sanctioner": ["gpe:RU"], "target": ["per:kim"]}, "mentions": [
        {"language": "en", "args": {"sanctioner": arg("gpe:RU", "Russland"), "target": arg("per:kim", "Kim Jong-un")}}]}}
    assert summary._names(fact, "en") == {"gpe:RU": "Russia", "per:kim": "Kim Jong-un"}
    assert summary._names(fact, "de")["gpe:RU"] == "Russland"
