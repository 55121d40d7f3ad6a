"""Fact merging: capitals match their state, missing arguments match, conflicts never merge;
an article's unnamed claims fold into the origin it names."""

from __future__ import annotations

import pytest

from lagebild.link import facts as fx


def mention(event: str, visitor: list[str], destination: list[str], names: dict[str, str], *,
            origin: dict | None = None, status: str = "planned", time: str | None = None) -> dict:
    entities = {k: v for k, v in (("visitor", visitor), ("destination", destination)) if v}
    return {"event": event, "article": event.split(":")[0], "idx": 0, "type": "VISIT", "status": status,
            "time": time, "entities": entities, "quantity": None, "published": "2024-01-21",
            "origin": {"counted": True, **(origin or {"key": "outlet:x", "label": "x", "kind": "outlet"})},
            "dup_of": None,
            "within": {e: c for es in entities.values() for e in es if (c := fx.container(e, names.get(e)))}}


NAMES = {"gpe:KP": "Nordkorea", "loc:a": "Pjöngjang", "loc:b": "Pyongyang", "loc:c": "Moskau",
         "per:putin": "Wladimir Putin", "per:lawrow": "Sergej Lawrow", "loc:d": "Wostotschny"}


def fact_of(m: dict) -> dict:
    fact = fx.new_fact(m, "story:1")
    fx.add_mention(fact, m, None)
    return fact


@pytest.mark.parametrize("first,second,joins", [
    # a capital and its state, under any entity id
    ((["per:putin"], ["loc:a"]), (["per:putin"], ["gpe:KP"]), True),
    # two spellings of one capital
    ((["per:putin"], ["loc:a"]), (["per:putin"], ["loc:b"]), True),
    # a missing visitor is no conflict
    ((["per:putin"], ["loc:a"]), ([], ["gpe:KP"]), True),
    # conflicting values never merge
    ((["per:putin"], ["loc:a"]), (["per:lawrow"], ["gpe:KP"]), False),
    ((["per:putin"], ["loc:a"]), (["per:putin"], ["loc:c"]), False),
    ((["per:putin"], ["loc:d"]), (["per:putin"], ["gpe:KP"]), False),
])
def test_facts_places_match_their_state(first, second, joins):
    fact = fact_of(mention("a1:0", *first, NAMES))
    assert (fx.compatible(mention("a2:0", *second, NAMES), fact) is not None) == joins


def test_facts_capital_finds_state_facts_by_key():
    keys = fx.lookup_keys(mention("a1:0", [], ["loc:b"], NAMES))
    assert "VISIT|destination=gpe:KP" in keys


def test_facts_unnamed_claims_fold_into_the_named_origin():
    kcna = {"key": "org:kcna", "label": "KCNA", "kind": "report"}
    vague = {"key": "unnamed", "label": "ungenannte Quellen", "kind": "unnamed", "counted": False,
             "source": "nordkoreanischen Angaben"}
    fact = fact_of(mention("a1:0", ["per:putin"], ["loc:a"], NAMES, origin=vague))
    for m in (mention("a1:1", ["per:putin"], ["gpe:KP"], NAMES, origin=kcna),
              mention("a2:0", ["per:putin"], ["loc:b"], NAMES, origin=kcna)):
        fx.add_mention(fact, m, fx.compatible(m, fact))
    assert fact["independent_origins"] == 1
    other = mention("a3:0", ["per:putin"], ["gpe:KP"], NAMES)  # another outlet's own claim
    fx.add_mention(fact, other, None)
    assert fact["independent_origins"] == 2


def test_facts_a_state_agency_and_its_government_are_one_origin():
    kcna = {"key": "org:kcna", "label": "KCNA", "kind": "report"}
    state = {"key": "gpe:KP", "label": "Nordkorea", "kind": "source", "source": "nordkoreanischen Angaben"}
    fact = fact_of(mention("a1:0", ["per:putin"], ["gpe:KP"], NAMES, origin=state))
    m = mention("a2:0", ["per:putin"], ["gpe:KP"], NAMES, origin=kcna)
    fx.add_mention(fact, m, fx.compatible(m, fact))
    assert fact["independent_origins"] == 1
    yonhap = {"key": "org:yonhap", "label": "Yonhap", "kind": "report"}  # an agency no government runs
    m = mention("a3:0", ["per:putin"], ["gpe:KP"], NAMES, origin=yonhap)
    fx.add_mention(fact, m, fx.compatible(m, fact))
    assert fact["independent_origins"] == 2


@pytest.mark.parametrize("a,b,agree", [
    ({"value": 1e6}, {"value": 1.05e6}, True),
    ({"value": 1e6}, {"value": 1.5e6}, False),
    ({"value": 1e6, "low": 1e6}, {"value": 1.5e6}, True),
    ({"value": 3e6, "low": 3e6}, {"value": 1e6}, False),
])
def test_facts_quantities_agree_with_bounds(a, b, agree):
    assert fx.quantities_agree(a, b) == agree


@pytest.mark.parametrize("language, text, value", [
    ("de", "2 Billionen Euro", 2e12), ("de", "eine Milliarde Euro", 1e9), ("en", "2 billion dollars", 2e9),
])
def test_facts_figure_of_an_argument_without_quantity_reads_its_language(language, text, value):
    # the quantity stage gave no quantity: linking reads the figure from the argument text
    article = {"id": "a1", "language": language, "outlet": "Beispielblatt", "published": "2024-01-21"}
    event = {"type": "SUPPLY", "start": 0, "end": 20, "text": text, "args": {"quantity": {"text": text}}}
    [m] = fx.event_mentions(article, {"events": [event]}, {}, {}, None)
    assert m["quantity"]["value"] == pytest.approx(value)


def attack(event: str, attacker: list[str], target: list[str], *, place: list[str] | None = None,
           items: list[str] | None = None, time: str | None = None) -> dict:
    entities = {k: v for k, v in (("attacker", attacker), ("target", target), ("place", place or [])) if v}
    return {"event": event, "article": event.split(":")[0], "idx": 0, "type": "ATTACK", "status": "asserted",
            "time": time, "entities": entities, "quantity": None, "published": "2016-02-15", "items": items or [],
            "origin": {"key": "outlet:x", "label": "x", "kind": "outlet", "counted": True}, "dup_of": None,
            "within": {}}


@pytest.mark.parametrize("second, joins", [
    (attack("a2:0", ["gpe:TR"], ["org:pkk"]), True),  # the same parties, nothing against it
    (attack("a2:0", ["gpe:TR"], []), False),  # "Turkey struck": not every Turkish strike of those weeks
    (attack("a2:0", ["gpe:TR"], [], items=["drones"]), True),  # … unless the weapon agrees
    (attack("a2:0", ["gpe:TR"], [], time="2016-02-13"), True),  # … or the day
    (attack("a2:0", ["gpe:TR"], ["org:pkk"], place=["loc:sarkel"]), False),  # another village
])
def test_facts_attacks_missing_a_party_need_more_to_merge(second: dict, joins: bool) -> None:
    fact = fact_of(attack("a1:0", ["gpe:TR"], ["org:pkk"], place=["loc:cizre"], items=["drones"], time="2016-02-13"))
    assert (fx.compatible(second, fact) is not None) == joins


def speech(type_: str, args: dict, entities: dict) -> dict:
    m = {"event": "a1:0", "article": "a1", "idx": 0, "type": type_, "status": "asserted", "time": None,
         "args": {r: {"entity": None, "name": None, "text": t, "value": None} for r, t in args.items()},
         "entities": entities, "quantity": None, "published": "2024-01-21", "language": "de",
         "origin": {"key": "outlet:x", "label": "x", "kind": "outlet", "counted": True}, "dup_of": None,
         "within": {}}
    return fact_of(m)


@pytest.mark.parametrize("type_, args, entities, expected", [
    # "Zuletzt hatten rund 50 Staaten die Lieferung nordkoreanischer Raketen an Russland … verurteilt"
    ("CONDEMN", {"speaker": "rund 50 Staaten",
                 "about": "die Lieferung nordkoreanischer Raketen an Russland und deren Einsatz gegen die Ukraine"}, {},
     "CONDEMN rund 50 Staaten: die Lieferung nordkoreanischer Raketen an…"),
    # "mit den Sanktionen des Westens": a role without an entity shows its text
    ("SANCTION", {"sanctioner": "Westens", "target": "Russland"}, {"target": ["gpe:RU"]}, "SANCTION Westens → Russland"),
    # a text that only points elsewhere is no name
    ("CONDEMN", {"speaker": "ihre Waffenpartnerschaft", "target": "Moskau"}, {"target": ["gpe:RU"]},
     "CONDEMN ? → Russland"),
    ("ACCUSE", {"target": "Nordkorea"}, {"target": ["gpe:KP"]}, "ACCUSE ? → Nordkorea"),
    # a pronoun, since events take them as argument candidates, names no one in a label
    ("ACCUSE", {"speaker": "Nordkorea", "target": "Ihm"}, {"speaker": ["gpe:KP"]}, "ACCUSE Nordkorea → ?"),
    ("ATTACK", {"attacker": "They", "target": "Russland"}, {"target": ["gpe:RU"]}, "ATTACK ? → Russland"),
])
def test_facts_label_shows_text_where_no_entity_fills_a_role(type_, args, entities, expected) -> None:
    assert fx.label(speech(type_, args, entities), {"gpe:RU": "Russland", "gpe:KP": "Nordkorea"}) == expected


@pytest.mark.parametrize("time, status, published, kept", [
    ("2024-SU", "reported", "2024-01-20", None),  # "since the summer", read as the coming summer
    ("2023-SU", "reported", "2024-01-20", "2023-SU"),
    ("2024-01", "asserted", "2024-01-20", "2024-01"),  # the month of the report holds
    ("2024-01-20", "asserted", "2024-01-20", "2024-01-20"),
    ("2024-01-21", "asserted", "2024-01-20", None),
    ("2024-06", "planned", "2024-01-20", "2024-06"),  # a planned visit may lie ahead
    ("2024-01", "planned", "2024-01-20", "2024-01"),  # it may still come this month
    ("2023-09", "planned", "2024-01-20", None),  # "had invited him in September": the invitation's date
    ("2024-01-19", "planned", "2024-01-20", None),  # "intends to visit, KCNA reported on Friday"
    ("2024-SU", "reported", None, "2024-SU"),  # an undated report cannot tell
])
def test_facts_a_past_happening_is_not_dated_after_its_report(time, status, published, kept) -> None:
    assert fx.past_time(time, status, published) == kept


@pytest.mark.parametrize("args, kept", [
    ({}, False),  # "Kyiv has urged its partners to follow up with sanctions …": no one, nothing
    ({"target": {"text": "the Korean", "start": 10, "end": 20}}, False),  # a participant that names no entity
    ({"target": {"text": "Iran", "start": 10, "end": 14, "mention": 0}}, True),
    ({"reason": {"text": "Darfur", "start": 10, "end": 16}}, True),
])
def test_facts_an_event_with_no_entity_and_nothing_named_makes_no_fact(args, kept):
    article = {"id": "a1", "language": "en", "outlet": "Northgate Wire", "published": "2024-01-10"}
    event = {"type": "SANCTION", "start": 0, "end": 40, "text": "x" * 40, "args": args, "confidence": 0.5}
    found = fx.event_mentions(article, {"events": [event]}, {0: "gpe:IR"}, {"gpe:IR": "Iran"}, None)
    assert bool(found) == kept


@pytest.mark.parametrize("confidences, best, rules", [
    ([0.7, 0.9], 0.9, False),  # the learned extractor's best event
    ([0.7, None], 0.7, True),  # and an event of the rules, which gives no confidence
    ([None], None, True),
])
def test_facts_keep_the_best_confidence_and_whether_rules_back_them(confidences, best, rules) -> None:
    found = [{**mention(f"a{i}:0", ["per:putin"], ["loc:a"], NAMES), "confidence": c}
             for i, c in enumerate(confidences)]
    fact = fact_of(found[0])
    for m in found[1:]:
        fx.add_mention(fact, m, None)
    assert (fact["confidence"], fact["rules"]) == (best, rules)


def _plan_doc(text: str, published: str, visit_clause: str, trigger: str, others: tuple = ()) -> "Doc":
    from tests.link.conftest import Doc

    d = Doc(text, published=published)
    for surface, label in others:
        d.ent(surface, label)
    putin = d.ent("Putin", "PER", name="Wladimir Putin")
    pyongyang = d.ent("Pjöngjang", "GPE", key="gpe:KP", name="Nordkorea", form="metonym")
    d.event("VISIT", visit_clause, trigger, {"visitor": putin, "destination": pyongyang}, status="planned")
    return d


def test_facts_a_plan_told_in_two_stories_months_apart_is_one_fact(store) -> None:
    from lagebild.link import export_sections, link

    first = _plan_doc("Beim Treffen im Kosmodrom Wostotschny lud Kim den Kremlchef Putin zu einem Gegenbesuch nach "
                      "Pjöngjang ein. Raumfahrt, Satelliten und Raketentriebwerke standen im Mittelpunkt der "
                      "Besichtigung der Startrampen.", "2023-09-14",
                      "lud Kim den Kremlchef Putin zu einem Gegenbesuch nach Pjöngjang ein", "Gegenbesuch",
                      (("Kim", "PER"), ("Wostotschny", "LOC")))
    second = _plan_doc("Die Zölle auf Weizen und Gerste steigen im Frühjahr deutlich. Getreidehändler in Rostow "
                       "klagen über volle Silos und fallende Preise. Putin will nach Pjöngjang reisen, hieß es am "
                       "Rande der Agrarmesse.", "2024-01-21", "Putin will nach Pjöngjang reisen", "reisen",
                       (("Rostow", "LOC"), ("Getreidehändler", "ORG"), ("Agrarmesse", "ORG")))
    ids = [d.save(store) for d in (first, second)]
    link(store)
    part = export_sections(store, ids)
    assert len(part["stories"]) == 2  # the two articles tell different stories
    visits = [f for f in part["facts"] if f["type"] == "VISIT"]
    assert len(visits) == 1 and len(visits[0]["events"]) == 2
