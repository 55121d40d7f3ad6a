"""The event finder's named steps: word lists from data, clauses, weapons, phrases, frame filling."""

from __future__ import annotations

import pytest

from lagebild.analyze.events import arguments, clauses, find, phrases, triggers, vocabulary, weapons
from lagebild.analyze.events.candidates import Cand, name_like, prep_before
from lagebild.analyze.text.speech import tokens


def _toks(text: str):
    return tokens(text, 0, len(text))


def _at(toks, word: str) -> int:
    return next(k for k, t in enumerate(toks) if t.text == word)


def test_vocabulary_lists_come_from_both_languages():
    v = vocabulary.vocabulary()
    assert {"truppen", "forces"} <= v.collective_nouns
    assert "präsident" in v.gov_nouns and "präsident" not in v.collective_nouns
    assert v.fallback_pps["SANCTION"] == {"target": ("gegen", "on", "against"), "reason": ("wegen", "over", "for"),
                                          "sanctioner": ("des", "der")}
    assert v.weapon_re.fullmatch("artilleriegranaten") and v.weapon_re.fullmatch("missiles")
    assert {"waffenstillstand", "arms"} <= v.not_weapon
    assert vocabulary.vocabulary() is v  # read once


@pytest.mark.parametrize("language, word, expected", [
    ("de", "geliefert", True), ("de", "lieferungen", True), ("en", "shipped", True), ("en", "weather", False),
])
def test_triggers_is_trigger_word(language, word, expected):
    assert triggers.is_trigger_word(language, word) is expected


def test_triggers_frames_read_roles_and_requirements():
    frames = [t for t in triggers.triggers("en") if t.pattern.fullmatch("give")]
    assert frames and frames[0].requires == "weapon" and frames[0].roles["to"] == "recipient"
    assert {status for status, _ in triggers.markers("de")} == {"denied", "alleged", "hedged", "planned"}


@pytest.mark.parametrize("text, language, count", [
    ("Putin sagte, Nordkorea habe Munition geliefert.", "de", 2),
    ("Russland liefert Waffen; Nordkorea schickt Soldaten.", "de", 2),
    ("Officials said that North Korea shipped shells.", "en", 2),
    ("Nordkorea liefert Munition an Russland.", "de", 1),
])
def test_clauses_split_where_a_clause_opens(text, language, count):
    assert len(clauses.clauses(_toks(text), language=language)) == count


@pytest.mark.parametrize("text, expected", [
    ("Pjöngjang lieferte ballistische Raketen und Munition an Moskau.", "ballistische Raketen und Munition"),
    ("Moskau lieferte Abschussrampen für ballistische Raketen.", "Abschussrampen für ballistische Raketen"),
    ("North Korea shipped artillery shells to Russia.", "artillery shells"),
    ("Moskau und Kiew vereinbarten einen Waffenstillstand.", None),
])
def test_weapons_weapon_phrase(text, expected):
    toks = _toks(text)
    found = weapons.weapon(toks, 0, len(toks), 1)
    assert (text[toks[found[0]].start:toks[found[1] - 1].end] if found else None) == expected


def test_arguments_put_numbers_participants_and_keeps_taken_roles():
    args: dict = {}
    arguments.put(args, "participant", Cand(0, 1, 0, 5, None, "name", "PER"))
    arguments.put(args, "participant", Cand(2, 3, 10, 15, None, "name", "PER"))
    arguments.put(args, "participant", Cand(4, 5, 20, 25, None, "name", "PER"))
    arguments.put(args, "supplier", Cand(6, 7, 30, 35, None, "name", "GPE"))
    arguments.put(args, "supplier", Cand(8, 9, 40, 45, None, "name", "GPE"))
    arguments.put(args, "recipient", Cand(0, 1, 0, 5, None, "name", "PER"))  # already an argument
    assert args == {"participant": (0, 5, None), "participant2": (10, 15, None), "participant3": (20, 25, None),
                    "supplier": (30, 35, None)}


@pytest.mark.parametrize("text, language, passive", [
    ("Die Munition wurde geliefert.", "de", True),
    ("Nordkorea hat Munition geliefert.", "de", False),
    ("The shells were shipped to Russia.", "en", True),
    ("North Korea shipped shells.", "en", False),
])
def test_arguments_is_passive(text, language, passive):
    toks = _toks(text)
    i = next(k for k, t in enumerate(toks) if triggers.is_trigger_word(language, t.lower))
    assert arguments.is_passive(toks, (0, len(toks)), i, language) is passive


def test_phrases_pp_phrase_and_subject_np():
    text = "Rund 50 Staaten verurteilten die Angriffe auf die Energieinfrastruktur der Ukraine."
    toks = _toks(text)
    i = _at(toks, "Angriffe")
    a, b = phrases.pp_phrase(toks, 0, len(toks), i, ("auf",), True)
    assert text[toks[a].start:toks[b - 1].end] == "die Energieinfrastruktur der Ukraine"
    a, b = phrases.subject_np(toks, 0, _at(toks, "verurteilten"), "de")
    assert text[toks[a].start:toks[b - 1].end] == "Rund 50 Staaten"


def test_candidates_prep_before_and_name_like():
    toks = _toks("Das Treffen zwischen Moskau und Pjöngjang")
    moskau = Cand(3, 4, toks[3].start, toks[3].end, None, "name", "GPE")
    pjoengjang = Cand(5, 6, toks[5].start, toks[5].end, None, "name", "GPE")
    assert prep_before(toks, moskau, "de") == "zwischen"
    assert prep_before(toks, pjoengjang, "de") == "&"
    assert name_like(["Choe", "Son-hui"]) and not name_like(["Raketen"])


def test_find_in_clause_fills_a_frame():
    text = "Nordkorea lieferte Russland Munition."
    toks = _toks(text)
    cands = [Cand(0, 1, 0, 9, None, "name", "GPE"), Cand(2, 3, toks[2].start, toks[2].end, None, "name", "GPE")]
    [ev] = find.find_in_clause(text, toks, (0, len(toks)), cands, "de", None)
    assert ev.type == "SUPPLY"
    assert {role: text[a:b] for role, (a, b, _) in ev.args.items()} == {
        "supplier": "Nordkorea", "recipient": "Russland", "item": "Munition"}


@pytest.mark.parametrize("etype, scope, attributed, future, expected", [
    ("SUPPLY", "moskau bestreitet, dass pjöngjang munition liefert", False, False, "denied"),
    ("DENY", "moskau bestreitet die lieferungen", False, False, "asserted"),
    ("SUPPLY", "pjöngjang soll munition geliefert haben", True, False, "alleged"),
    ("SUPPLY", "pjöngjang könnte munition liefern", False, False, "hedged"),
    ("VISIT", "die geplante reise nach moskau", False, False, "planned"),
    ("SUPPLY", "nordkorea liefert munition", False, True, "planned"),
    ("SUPPLY", "nordkorea liefert munition", True, False, "reported"),
])
def test_status_event_status_order(etype, scope, attributed, future, expected):
    from lagebild.analyze.events.status import event_status
    from lagebild.model import Attribution

    who = Attribution("Seoul", 0, 5, None, None, "source") if attributed else None
    trigger = {"VISIT": "reise", "DENY": "bestreitet"}.get(etype, "liefer")
    assert event_status(etype, scope, trigger, who, "de", future) == expected


@pytest.mark.parametrize("text, kind", [
    ("nach US-Erkenntnissen", "intelligence"), ("Experten", "experts"), ("laut Kyiv Independent", "outlet"),
    ("KCNA", "outlet"), ("Wladimir Putin", "speaker"), ("Seoul", "source"),
])
def test_attribution_source_kind(text, kind):
    from lagebild.analyze.events.attribution import source_kind

    assert source_kind(text, None) == kind
