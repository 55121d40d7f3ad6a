"""Checks after the learned event model: idioms and ordinary uses of trigger words are rejected,
real events stand, and arguments of the wrong kind (a time that is no date, a date as a target)
are dropped."""

from __future__ import annotations

from dataclasses import replace

import pytest

from lagebild.analyze.events import checks, idioms
from lagebild.analyze.text.speech import tokens
from lagebild.model import Argument, EntityMention, Event, Span, Timex


def _event(text: str, etype: str, trigger: str, args: dict | None = None) -> Event:
    at = text.index(trigger)
    return Event(etype, 0, len(text), text, Span(at, at + len(trigger), trigger), args or {}, confidence=0.5)


def _arg(text: str, part: str, **kw) -> Argument:
    at = text.index(part)
    return Argument(at, at + len(part), part, **kw)


@pytest.mark.parametrize("text, language, etype, trigger", [
    ("Die Regierung hat das Projekt vorerst auf Eis gelegt.", "de", "ATTACK", "gelegt"),
    ("Als Antrieb kommt ein pneumatisches System zum Einsatz.", "de", "ATTACK", "Einsatz"),
    ("Der Minister erhielt am Montag einen Anruf aus Washington.", "de", "SUPPLY", "erhielt"),
    ("Der Sprecher verwies auf eine Pressekonferenz am Nachmittag.", "de", "CONDEMN", "verwies"),
    ("Der Kanzler schloss weitere Sanktionen nicht aus.", "de", "DENY", "schloss"),
    ("The ministry did not deny that talks had taken place.", "en", "DENY", "deny"),
    ("Als Juniorenspieler bestritt er 15 Länderspiele.", "de", "DENY", "bestritt"),
    ("Ihren letzten WM-Test bestreitet die Riege am 30. September.", "de", "DENY", "bestreitet"),
    ("Nach dem Besuch der Volksschule machte er eine Lehre.", "de", "VISIT", "Besuch"),
    ("Er besuchte dann bis zu seinem sechzehnten Lebensjahr die Schule in Halle.", "de", "VISIT", "besuchte"),
    ("Als Nächstes traf sie auf die Titelverteidigerin.", "de", "MEET", "traf"),
    ("In den neunziger Jahren trafen die Teams in den Playoffs aufeinander.", "de", "MEET", "trafen"),
    ("Zwei Hurrikane dieser Stärke trafen auf Land.", "de", "MEET", "trafen"),
    ("Er wurde zu einer Strafe von 250 Dollar verurteilt.", "de", "CONDEMN", "verurteilt"),
    ("Kritik Drama nach einer wahren Geschichte.", "de", "CONDEMN", "Kritik"),
    ("Nach massiver Kritik will der Verein nun auf den Neubau verzichten.", "de", "CONDEMN", "Kritik"),
    ("Die Kritik konzentriert sich vor allem auf die Kosten.", "de", "CONDEMN", "Kritik"),
    ("Ungeachtet der Kritik hält der Sender an der Sendung fest.", "de", "CONDEMN", "Kritik"),
    ("Die Hütte liegt zwei Stunden südlich des Gipfels auf 2000 Meter Höhe.", "de", "MEET", "Gipfels"),
    ("Die Zusammenarbeit wirft bedeutende Bedenken für die globale Sicherheit auf.", "de", "ACCUSE", "wirft"),
    ("Das ist ein Angriff auf die Vertrauenswürdigkeit der Justiz.", "de", "ATTACK", "Angriff"),
    ("Das ist ein Angriff auf unser Sozialsystem.", "de", "ATTACK", "Angriff"),
    ("Juncker legte am Mittwoch neue Vorschläge vor.", "de", "ATTACK", "Vorschläge"),
    ("In meinem Herzen wird Wien immer einen besonderen Platz einnehmen.", "de", "ATTACK", "einnehmen"),
    ("Bei einem Raketenangriff auf die Stadt wurden zwei Krankenhäuser getroffen.", "de", "MEET", "getroffen"),
    ("Ein Haus im Zentrum der Stadt sei getroffen worden, sagten Sicherheitskräfte.", "de", "MEET", "getroffen"),
    ("Am Mittwochabend wurde der Kommandeur tödlich getroffen.", "de", "MEET", "getroffen"),
    ("Die Musiker hatten Probleme, den richtigen Ton zu treffen.", "de", "MEET", "treffen"),
    ("Die Regierung will bis Freitag eine Entscheidung treffen.", "de", "MEET", "treffen"),
    ("International law does not know how to deal with such a leader.", "en", "AGREE", "deal"),
    ("The complaints were dealt with by the board.", "en", "AGREE", "dealt"),
    ("Their so called mechanic said the engine was good.", "en", "MEET", "called"),
    ("Spring and late autumn are the best times to visit Athens.", "en", "VISIT", "visit"),
    ("He said the shells had arrived at a critical moment for the army.", "en", "VISIT", "arrived"),
    ("After a long night the ministers arrived at a compromise.", "en", "VISIT", "arrived"),
    ("Die Polizei wies an der Grenze 40 Personen zurück.", "de", "DENY", "wies"),
    ("Hunderte Migranten wurden an der Grenze zurückgewiesen.", "de", "DENY", "zurückgewiesen"),
    ("Die Behörden haben das Lokal im Mai geschlossen.", "de", "AGREE", "geschlossen"),
    ("Der Plan wurde am Montag nach Brüssel geschickt.", "de", "SUPPLY", "geschickt"),
    ("Vor einigen Wochen hatte die Regierung neue Regeln verkündet.", "de", "AGREE", "einigen"),
    ("Die Polizei hat bei einer Razzia in einer Wohnung Gewehre und Munition beschlagnahmt.", "de", "ATTACK",
     "Razzia"),
    ("Die Renovierung der Schule soll bis Ende des Jahres abgeschlossen sein.", "de", "AGREE", "abgeschlossen"),
])
def test_checks_reject_idioms_and_ordinary_uses(text, language, etype, trigger):
    toks = tokens(text, 0, len(text))
    assert idioms.rejected(_event(text, etype, trigger), text, toks, language) is not None


@pytest.mark.parametrize("text, language, etype, trigger", [
    ("Russland setzte im Donbass Streumunition ein, die Armee hat sie zum Einsatz gebracht.", "de", "ATTACK",
     "Einsatz"),
    ("Russland erhielt Granaten aus Nordkorea.", "de", "SUPPLY", "erhielt"),
    ("Der Kreml bestritt die Lieferungen.", "de", "DENY", "bestritt"),
    ("Moscow denied that it had received missiles.", "en", "DENY", "denied"),
    ("Putin besuchte am Dienstag Pjöngjang.", "de", "VISIT", "besuchte"),
    ("Putin traf Kim am Mittwoch im Kosmodrom.", "de", "MEET", "traf"),
    ("Putin traf auf dem Gipfel den chinesischen Präsidenten.", "de", "MEET", "traf"),
    ("Die EU verurteilte den Angriff auf Charkiw scharf.", "de", "CONDEMN", "verurteilte"),
    ("Der Angriff auf die Stadt forderte zwölf Tote.", "de", "ATTACK", "Angriff"),
    ("Die Armee will die Stadt Azaz einnehmen.", "de", "ATTACK", "einnehmen"),
    ("Die Außenminister haben sich in Wien getroffen.", "de", "MEET", "getroffen"),
    ("Die Außenminister wollen sich am Freitag in Wien treffen.", "de", "MEET", "treffen"),
    ("Kerry hatte Lawrow zuvor in Genf getroffen.", "de", "MEET", "getroffen"),
    ("Russland hat neue Luftschläge angekündigt.", "de", "ATTACK", "Luftschläge"),
    ("Die Opposition übte scharfe Kritik an der Regierung.", "de", "CONDEMN", "Kritik"),
    ("Der Plan ist bei den Ländern auf heftige Kritik gestoßen.", "de", "CONDEMN", "Kritik"),
    ("Der Minister steht seit Wochen in der Kritik.", "de", "CONDEMN", "Kritik"),
    ("Die Regierungschefs beraten auf dem Gipfel in Brüssel über den Haushalt.", "de", "MEET", "Gipfel"),
    ("Die Kritik der Grünen richtet sich gegen die Kosten.", "de", "CONDEMN", "Kritik"),
    ("Der Westen wirft Pjöngjang vor, Raketen geliefert zu haben.", "de", "ACCUSE", "wirft"),
    ("China signed a $70 billion deal with Iran.", "en", "AGREE", "deal"),
    ("Putin called Erdogan on Monday.", "en", "MEET", "called"),
    ("Putin plans to visit Pyongyang next week.", "en", "VISIT", "visit"),
    ("The delegation arrived at the airport of Pyongyang on Tuesday.", "en", "VISIT", "arrived"),
    ("Die Regierung wies die Vorwürfe der Opposition zurück.", "de", "DENY", "wies"),
    ("Die beiden Staaten haben am Montag ein Abkommen geschlossen.", "de", "AGREE", "geschlossen"),
    ("Die drei Parteien schlossen sich im Frühjahr zusammen.", "de", "AGREE", "schlossen"),
    ("Deutschland hat weitere Panzer in die Ukraine geschickt.", "de", "SUPPLY", "geschickt"),
    ("Die Koalitionsparteien konnten sich am Abend einigen.", "de", "AGREE", "einigen"),
    ("Die beiden Länder haben einen Handelsvertrag abgeschlossen.", "de", "AGREE", "abgeschlossen"),
])
def test_checks_keep_real_events(text, language, etype, trigger):
    toks = tokens(text, 0, len(text))
    assert idioms.rejected(_event(text, etype, trigger), text, toks, language) is None


def test_checks_retype_a_trigger_word_of_another_type():
    text = "Die Zivilisten litten unter Beschuss und Folter."
    assert checks.retyped(_event(text, "CONDEMN", "Beschuss")).type == "ATTACK"
    text = "Die Regierung hat die Vorwürfe zurückgewiesen."
    assert checks.retyped(_event(text, "CONDEMN", "zurückgewiesen")).type == "DENY"
    text = "Die EU verurteilte den Angriff."
    assert checks.retyped(_event(text, "ACCUSE", "verurteilte")).type == "CONDEMN"
    assert checks.retyped(_event(text, "CONDEMN", "verurteilte")).type == "CONDEMN"


def test_checks_drop_a_time_that_is_no_date_and_a_date_as_a_target():
    text = "Am Mittwoch griffen Truppen am Boden die Stadt an."
    when = Timex(0, 11, "Am Mittwoch", "DATE", "2024-01-17")
    event = _event(text, "ATTACK", "griffen", {
        "time": _arg(text, "Boden"), "target": _arg(text, "Mittwoch"), "attacker": _arg(text, "Truppen")})
    cleaned = checks.clean_args(event, text, [when])
    assert set(cleaned.args) == {"attacker"}
    dated = _event(text, "ATTACK", "griffen", {"time": _arg(text, "Am Mittwoch", timex=0)})
    assert checks.clean_args(dated, text, [when]).args["time"].text == "Am Mittwoch"


def _mention(text: str, part: str, label: str = "GPE") -> EntityMention:
    at = text.index(part)
    return EntityMention(at, at + len(part), part, label)


@pytest.mark.parametrize("text, names, expected", [
    ("Kiew macht Moskau für den Raketenangriff auf Charkiw verantwortlich.", ("Kiew", "Moskau", "Charkiw"),
     {"speaker": "Kiew", "target": "Moskau", "about": "den Raketenangriff auf Charkiw"}),
    ("Am Montag machte Kiew Moskau für den Angriff verantwortlich.", ("Kiew", "Moskau"),
     {"speaker": "Kiew", "target": "Moskau", "about": "den Angriff"}),
    ("Die Gruppe wird von der Regierung für den Anschlag verantwortlich gemacht.", ("Regierung",),
     {"speaker": "Regierung", "target": "Gruppe", "about": "den Anschlag"}),
])
def test_checks_accuse_roles_of_verantwortlich_machen(text, names, expected):
    toks = tokens(text, 0, len(text))
    ents = [_mention(text, n) for n in names]
    wrong = _event(text, "ACCUSE", "verantwortlich", {"speaker": _arg(text, names[-1])})  # as the model may give it
    fixed = checks.accuse_roles(wrong, text, toks, ents)
    assert {role: fixed.args[role].text for role in expected} == expected


def test_checks_merge_the_toll_of_an_attack_into_the_attack():
    text = "Bei einem Drohnenangriff wurden in Odessa drei Menschen getötet."
    toks = tokens(text, 0, len(text))
    noun = _event(text, "ATTACK", "Drohnenangriff", {"place": _arg(text, "Odessa")})
    toll = _event(text, "ATTACK", "getötet", {"target": _arg(text, "drei Menschen"), "place": _arg(text, "Odessa")})
    merged = checks.merge_tolls([noun, toll], toks)
    assert [e.trigger.text for e in merged] == ["Drohnenangriff"]
    assert {r: a.text for r, a in merged[0].args.items()} == {"place": "Odessa", "target": "drei Menschen"}
    alone = checks.merge_tolls([toll], toks)  # no attack noun: the toll is the event
    assert [e.trigger.text for e in alone] == ["getötet"]


def test_checks_drop_arguments_that_are_no_phrase():
    text = "Dubcek kritisierte, vehement, die Politiker, die habe eine ernste Chance."
    event = _event(text, "CONDEMN", "kritisierte", {
        "speaker": _arg(text, "Dubcek"), "about": _arg(text, ", vehement"),
        "target": _arg(text, "habe eine ernste Chance")})
    assert set(checks.clean_args(event, text, []).args) == {"speaker"}


@pytest.mark.parametrize("text, trigger, status", [
    ("Die Armee flog Luftangriffe auf mutmaßliche PKK-Stellungen.", "Luftangriffe", "asserted"),
    ("Die Armee plant Luftangriffe auf mutmaßliche PKK-Stellungen.", "Luftangriffe", "planned"),
    ("Die Armee soll mutmaßliche PKK-Stellungen angegriffen haben.", "angegriffen", "alleged"),
    ("Die Armee hat die Stellungen mutmaßlich angegriffen.", "angegriffen", "alleged"),
])
def test_checks_a_doubted_participant_leaves_the_event_stated(text, trigger, status):
    toks = tokens(text, 0, len(text))
    event = checks.participant_doubt(replace(_event(text, "ATTACK", trigger), status="alleged"), text, toks, "de")
    assert event.status == status


@pytest.mark.parametrize("text, language, etype, trigger, status", [
    ("Die EU forderte am Montag neue Sanktionen gegen Russland.", "de", "SANCTION", "Sanktionen", "planned"),
    ("Der Kongress billigte die Waffenlieferungen an Israel.", "de", "SUPPLY", "Waffenlieferungen", "planned"),
    ("The envoy called for peace talks with the rebels.", "en", "NEGOTIATE", "talks", "planned"),
    ("Der Minister hat die Kollegen zu einer Sondersitzung eingeladen.", "de", "MEET", "Sondersitzung", "planned"),
    ("Die Fraktion will die Regierung dazu auffordern dem Vertrag beizutreten.", "de", "AGREE", "beizutreten",
     "planned"),
    ("Die EU verhängte am Montag neue Sanktionen gegen Russland.", "de", "SANCTION", "Sanktionen", "asserted"),
    ("Die Regierung forderte, dass Russland die Angriffe einstellt.", "de", "ATTACK", "Angriffe", "asserted"),
])
def test_checks_a_demanded_or_approved_event_is_planned(text, language, etype, trigger, status):
    toks = tokens(text, 0, len(text))
    assert checks.demanded(_event(text, etype, trigger), toks, language).status == status


@pytest.mark.parametrize("text, language, etype, trigger", [
    ("Berlin lehnte weitere Waffenlieferungen an Kiew ab.", "de", "SUPPLY", "Waffenlieferungen"),
    ("Moskau verweigerte Gespräche mit der Opposition.", "de", "NEGOTIATE", "Gespräche"),
    ("The rebels refused talks with the government.", "en", "NEGOTIATE", "talks"),
])
def test_checks_a_refused_event_is_denied(text, language, etype, trigger):
    toks = tokens(text, 0, len(text))
    assert checks.demanded(_event(text, etype, trigger), toks, language).status == "denied"


def test_checks_who_denies_is_not_what_is_denied():
    text = "Der Westen wirft Russland Waffenlieferungen vor, was Moskau bestreitet."
    moskau = _arg(text, "Moskau")
    event = _event(text, "DENY", "bestreitet", {"speaker": moskau, "about": moskau})
    assert set(checks.clean_args(event, text, []).args) == {"speaker"}
    other = "Moskau bestreitet die Vorwürfe."
    args = {"speaker": _arg(other, "Moskau"), "about": _arg(other, "die Vorwürfe")}
    event = _event(other, "DENY", "bestreitet", args)
    assert set(checks.clean_args(event, other, []).args) == {"speaker", "about"}


def test_checks_drop_an_argument_inside_the_trigger():
    text = "Apple signed a deal with Fiat."
    event = _event(text, "AGREE", "deal", {"parties": (_arg(text, "Apple"), _arg(text, "Fiat")),
                                           "object": _arg(text, "deal")})
    assert set(checks.clean_args(event, text, [], "en").args) == {"parties"}


def test_checks_a_delivery_of_letter_bombs_is_an_attack():
    text = "The islamists sent letter bombs to newspaper offices in New York."
    toks = tokens(text, 0, len(text))
    event = _event(text, "SUPPLY", "sent", {"supplier": _arg(text, "The islamists"),
                                             "item": _arg(text, "letter bombs"),
                                             "recipient": _arg(text, "newspaper offices")})
    attack = checks.mail_bomb(event, toks)
    assert attack.type == "ATTACK"
    assert {r: a.text for r, a in attack.args.items()} == {"attacker": "The islamists", "weapon": "letter bombs",
                                                          "target": "newspaper offices"}
    text = "Nordkorea schickte Granaten an Russland."
    arms = _event(text, "SUPPLY", "schickte")
    assert checks.mail_bomb(arms, tokens(text, 0, len(text))) is arms


@pytest.mark.parametrize("text, role, part, language", [
    # an office is no place one travels to
    ("Putin traf Choe während einer seltenen Reise des hochrangigen Pjöngjang-Beamten.", "destination",
     "Pjöngjang-Beamten", "de"),
    # a weapon is no party to talks
    ("Es gebe Gespräche zwischen Moskau und Teheran über die Lieferung von Raketen.", "parties", "Raketen", "de"),
    # an adjective alone is not what someone is accused of
    ("Nordkorea wird beschuldigt, der russischen Regierung Raketen geliefert zu haben.", "about", "russischen", "de"),
])
def test_checks_drop_arguments_of_the_wrong_kind(text, role, part, language):
    etype = {"destination": "VISIT", "parties": "NEGOTIATE", "about": "ACCUSE"}[role]
    trigger = {"VISIT": "Reise", "NEGOTIATE": "Gespräche", "ACCUSE": "beschuldigt"}[etype]
    arg = _arg(text, part)
    event = _event(text, etype, trigger, {role: (arg,) if role == "parties" else arg})
    assert role not in checks.clean_args(event, text, (), language).args


def test_checks_keep_an_adjective_supplier_and_a_weapon_target():
    text = "Die Lieferung nordkoreanischer Raketen an Russland hat zugenommen."
    event = _event(text, "SUPPLY", "Lieferung", {"supplier": _arg(text, "nordkoreanischer")})
    assert "supplier" in checks.clean_args(event, text, (), "de").args
    text = "Die Armee hat zwei Drohnen abgeschossen."
    event = _event(text, "ATTACK", "abgeschossen", {"target": _arg(text, "Drohnen")})
    assert "target" in checks.clean_args(event, text, (), "de").args


def test_checks_a_name_in_a_place_phrase_is_the_place_not_the_attacker():
    text = "In einem Vorort von Washington hat ein Bewaffneter einen Beamten erschossen."
    ents = [EntityMention(text.index("Washington"), text.index("Washington") + 10, "Washington", "GPE")]
    event = _event(text, "ATTACK", "erschossen", {"attacker": _arg(text, "Washington", mention=0)})
    fixed = checks.located(event, tokens(text, 0, len(text)), ents)
    assert "attacker" not in fixed.args and fixed.args["place"].text == "Washington"
    text = "Russland hat in der Nacht Kiew angegriffen."
    event = _event(text, "ATTACK", "angegriffen", {"attacker": _arg(text, "Russland")})
    assert checks.located(event, tokens(text, 0, len(text)), []) is event


@pytest.mark.parametrize("text, expected", [
    ("Ein Demonstrant ist angeblich von US-Soldaten erschossen worden.", {"target": "Ein Demonstrant"}),
    # the passive of another clause leaves the attacker where it is
    ("Russland hat Raketen eingesetzt, wobei Ziele in Charkiw ins Visier genommen wurden.",
     {"attacker": "Russland"}),
])
def test_checks_the_subject_of_a_passive_attack_is_its_target(text, expected):
    trigger = "erschossen" if "erschossen" in text else "eingesetzt"
    subject = next(iter(expected.values()))
    event = _event(text, "ATTACK", trigger, {"attacker": _arg(text, subject)})
    fixed = checks.passive_roles(event, tokens(text, 0, len(text)))
    assert {r: a.text for r, a in fixed.args.items()} == expected


@pytest.mark.parametrize("text, etype, trigger, status", [
    ("Die Tochterfirma soll den Dieselantrieb für den Schützenpanzer liefern.", "SUPPLY", "liefern", "planned"),
    ("Er distanzierte sich vom Ergebnis, ohne den Vorwurf eines Wahlbetrugs zu erheben.", "ACCUSE", "Vorwurf",
     "denied"),
    # "soll … geliefert haben" stays as the rules read it
    ("Nordkorea soll Raketen geliefert haben.", "SUPPLY", "geliefert", "asserted"),
    # a noun whose clause has "soll" + infinitive is scheduled
    ("Das Gipfeltreffen soll am Montag in Genf beginnen.", "MEET", "Gipfeltreffen", "planned"),
    ("Am Montag sollen in Wien die Verhandlungen über das Abkommen beginnen.", "NEGOTIATE", "Verhandlungen",
     "planned"),
    ("Der Angriff soll von Drohnen ausgeführt worden sein.", "ATTACK", "Angriff", "asserted"),
])
def test_checks_a_task_is_planned_and_an_omission_denied(text, etype, trigger, status):
    event = replace(_event(text, etype, trigger), status="asserted")
    assert checks.task_or_omission(event, tokens(text, 0, len(text)), "de").status == status


@pytest.mark.parametrize("text, etype, trigger, status", [
    ("Das Vorhaben sei unsinnig, kritisierte der Verbandschef am Montag.", "CONDEMN", "kritisierte", "asserted"),
    ("Der Minister wies die Vorwürfe der Opposition zurück.", "DENY", "wies", "asserted"),
    # a speech act in Konjunktiv I is relayed by a third source
    ("Zudem habe er die Regierung scharf kritisiert, sagte ein Sprecher.", "CONDEMN", "kritisiert", "reported"),
    # other types keep their source
    ("Die Armee habe die Stadt angegriffen, sagte ein Sprecher.", "ATTACK", "angegriffen", "reported"),
])
def test_checks_a_speech_act_the_text_tells_is_asserted(text, etype, trigger, status):
    event = replace(_event(text, etype, trigger), status="reported")
    assert checks.speech_act_stated(event, tokens(text, 0, len(text)), "de").status == status


@pytest.mark.parametrize("text, trigger, future", [
    ("Die Stadt wird von zwei Flugzeugen angegriffen.", "angegriffen", False),
    ("Ihm wird Hochverrat vorgeworfen.", "vorgeworfen", False),
    ("Russland wird die Stadt angreifen.", "angreifen", True),
    ("Die Regierung wird die Waffen abgeben.", "abgeben", True),
])
def test_status_a_passive_of_a_separable_verb_is_no_future(text, trigger, future):
    from lagebild.analyze.events.status import is_future
    toks = tokens(text, 0, len(text))
    k = next(i for i, t in enumerate(toks) if t.text == trigger)
    assert is_future(toks, (0, len(toks)), k, "de") is future


@pytest.mark.parametrize("text, etype, trigger, status", [
    ("Die Armee konnte die Stadt aber nicht einnehmen.", "ATTACK", "einnehmen", "denied"),
    ("Die Geiseln wurden freigelassen, aber nicht getötet.", "ATTACK", "getötet", "denied"),
    ("Im Süden gab es keine größeren Kämpfe.", "ATTACK", "Kämpfe", "denied"),
    ("Die Parteien konnten sich nicht nur auf den Haushalt einigen.", "AGREE", "einigen", "asserted"),
    ("Die bereitgestellten Mittel fließen nicht in die Industrie.", "SUPPLY", "bereitgestellten", "asserted"),
    # a negated judgement is the condemnation itself
    ("Das geht gar nicht, kritisierte die Opposition.", "CONDEMN", "kritisierte", "asserted"),
])
def test_checks_a_negated_event_is_denied(text, etype, trigger, status):
    event = replace(_event(text, etype, trigger), status="asserted")
    assert checks.negated(event, tokens(text, 0, len(text)), "de").status == status


def test_status_only_the_happening_in_a_purpose_clause_is_planned():
    from lagebild.analyze.events.status import event_status
    scope = "er verhandelt derzeit mit den banken, um das vorhaben zu finanzieren."
    assert event_status("NEGOTIATE", scope, "verhandelt", None, "de", False) == "asserted"
    scope = "er reiste nach kiew, um dort mit selenskyj zu verhandeln."
    assert event_status("NEGOTIATE", scope, "verhandeln", None, "de", False) == "planned"


@pytest.mark.parametrize("text, etype, trigger, status", [
    ("He said Al Qaeda wanted to strike the US with anthrax.", "ATTACK", "strike", "planned"),
    ("Norway made a new bid to revive the peace talks.", "NEGOTIATE", "talks", "planned"),
    ("They criticised the proposed defense agreement between India and Sri Lanka.", "AGREE", "agreement", "planned"),
    ("GM said it was cancelling a deal to sell Opel to Magna.", "AGREE", "deal", "denied"),
    ("There are no plans for additional meetings with foreign powers.", "MEET", "meetings", "denied"),
    ("The army fired shells at the posts on Monday.", "ATTACK", "fired", "asserted"),
])
def test_checks_english_intent_plans_and_cancellation_denies(text, etype, trigger, status):
    event = replace(_event(text, etype, trigger), status="asserted")
    assert checks.english_intent(event, tokens(text, 0, len(text)), "en").status == status


@pytest.mark.parametrize("text, status", [
    ("There are hints that a new defense deal could be in the making.", "hedged"),
    ("The two sides signed the deal on May 5.", "asserted"),
])
def test_checks_english_hedges(text, status):
    event = replace(_event(text, "AGREE", "deal"), status="asserted")
    assert checks.english_intent(event, tokens(text, 0, len(text)), "en").status == status


@pytest.mark.parametrize("text, reporter, trigger", [
    ("Auch die Nachrichtenagentur Tass berichtete von mehreren getöteten Soldaten.", "Tass", "getöteten"),
    ("Die Armee meldete am Abend Angriffe auf zwei Dörfer.", None, "Angriffe"),
])
def test_who_reports_an_attack_is_not_its_attacker(text, reporter, trigger):
    from lagebild.analyze.events.role_checks import participants_checked

    subject = reporter or "Armee"
    event = _event(text, "ATTACK", trigger, {"attacker": _arg(text, subject)})
    kept = participants_checked(event, text, [], "de").args.get("attacker")
    assert (kept is None) == (reporter is not None)


def test_a_word_capitalised_by_its_place_is_no_noun_group_candidate():
    from lagebild.analyze.events.learned_args import candidates

    text = "Wien – Erstmals muss sich ein amtierender Präsident vor Gericht verantworten."
    toks = tokens(text, 0, len(text))
    groups = [" ".join(t.text for t in toks[c.start:c.end]) for c in candidates(toks, [], "de")]
    assert "Erstmals" not in groups
    assert "ein amtierender Präsident" in groups


def test_checks_a_lone_adjective_as_a_place_or_party_is_its_group():
    text = "Bei Gefechten nahe der libyschen Hafenstadt Sirte wurden zehn Kämpfer getötet."
    event = _event(text, "ATTACK", "Gefechten", {"place": _arg(text, "libyschen", mention=0)})
    assert checks.clean_args(event, text, (), "de").args["place"].text == "libyschen Hafenstadt"
    text = "Die evangelische Synode tagt am Montag in Linz."
    event = _event(text, "MEET", "tagt", {"participants": (_arg(text, "evangelische"),)})
    assert [a.text for a in checks.clean_args(event, text, (), "de").args["participants"]] == ["evangelische Synode"]
    text = "Die deutsch-polnischen Gespräche beginnen am Montag."
    event = _event(text, "MEET", "Gespräche", {"participants": (_arg(text, "deutsch-polnischen"),)})
    assert [a.text for a in checks.clean_args(event, text, (), "de").args["participants"]] == ["deutsch-polnischen"]


def test_checks_the_place_of_a_dateline_acts_in_nothing():
    text = "Brüssel – Einen Tag vor dem Gipfel haben die Minister am Montag Hilfsgelder beschlossen."
    event = _event(text, "MEET", "Gipfel", {"participants": (_arg(text, "Brüssel"),), "time": _arg(text, "Montag")})
    assert set(checks.dateline(event, tokens(text, 0, len(text))).args) == {"time"}
    text = "Die Minister trafen sich in Brüssel – ohne Ergebnis."
    event = _event(text, "MEET", "trafen", {"participants": (_arg(text, "Die Minister"),)})
    assert checks.dateline(event, tokens(text, 0, len(text))) is event


def test_checks_who_condemns_an_attack_is_neither_of_its_sides():
    text = "Die Außenministerin verurteilte die Luftangriffe als Bruch des Völkerrechts."
    speaker = _arg(text, "Die Außenministerin")
    condemn = _event(text, "CONDEMN", "verurteilte", {"speaker": speaker})
    attack = _event(text, "ATTACK", "Luftangriffe", {"target": speaker})
    assert checks.condemner_not_attacked([condemn, attack])[1].args == {}
    text = "Die Rebellen griffen die Stadt an, die Regierung verurteilte das."
    attack = _event(text, "ATTACK", "griffen", {"attacker": _arg(text, "Die Rebellen")})
    condemn = _event(text, "CONDEMN", "verurteilte", {"speaker": _arg(text, "die Regierung")})
    assert checks.condemner_not_attacked([attack, condemn])[0] is attack


def test_checks_a_name_at_the_edge_of_a_town_is_the_place():
    text = "Am Rande von Mossul wurden bei einem Angriff auf eine Kaserne acht Soldaten getötet."
    ents = [EntityMention(text.index("Mossul"), text.index("Mossul") + 6, "Mossul", "GPE")]
    event = _event(text, "ATTACK", "Angriff", {"attacker": _arg(text, "Mossul", mention=0)})
    fixed = checks.located(event, tokens(text, 0, len(text)), ents)
    assert "attacker" not in fixed.args and fixed.args["place"].text == "Mossul"


@pytest.mark.parametrize("text, wrong, expected", [
    # the subject in front of the verb accuses; the model took it for the accused
    ("Ungarn warf Kroatien daraufhin Untätigkeit an der Grenze vor.", "Ungarn",
     {"speaker": "Ungarn", "target": "Kroatien"}),
    # a phrase of "dem" in front: the subject follows the verb; a group after a preposition is nobody
    ("Dem Vernehmen nach wirft die Opposition in ihrem Brief dem Kanzler Wortbruch vor.", "die Opposition",
     {"speaker": "die Opposition", "target": "dem Kanzler"}),
])
def test_checks_reproach_roles_of_a_subject_first_clause(text, wrong, expected):
    toks = tokens(text, 0, len(text))
    ents = [_mention(text, "Ungarn"), _mention(text, "Kroatien")] if "Ungarn" in text else []
    event = _event(text, "ACCUSE", "warf" if " warf " in text else "wirft", {"target": _arg(text, wrong)})
    fixed = checks.reproach_roles(event, text, toks, ents)
    assert {role: fixed.args[role].text for role in expected} == expected


def test_checks_a_name_after_a_group_noun_is_that_group():
    text = "Das Dorf war im Mai von der Rebellengruppe Boko Haram überfallen worden."
    ents = [EntityMention(text.index("Boko"), text.index("Boko") + 10, "Boko Haram", "ORG")]
    event = _event(text, "ATTACK", "überfallen", {"attacker": _arg(text, "der Rebellengruppe"),
                                                  "target": _arg(text, "Boko Haram", mention=0)})
    fixed = checks.apposed(event, text, ents)
    assert fixed.args["attacker"].text == "der Rebellengruppe Boko Haram" and "target" not in fixed.args
    text = "Die Miliz Al-Shabaab griff das Hotel an."
    ents = [EntityMention(10, 20, "Al-Shabaab", "ORG")]
    event = _event(text, "ATTACK", "griff", {"attacker": _arg(text, "Miliz"), "target": _arg(text, "Al-Shabaab")})
    fixed = checks.apposed(event, text, ents)
    assert fixed.args["attacker"].text == "Miliz Al-Shabaab" and "target" not in fixed.args


def test_checks_a_stretch_of_time_receives_nothing():
    text = "Die EU sagte Hilfen für die Zeit nach dem Krieg zu."
    event = _event(text, "SUPPLY", "Hilfen", {"recipient": _arg(text, "die Zeit"), "supplier": _arg(text, "Die EU")})
    assert set(checks.clean_args(event, text, (), "de").args) == {"supplier"}
    text = "Gegen den Mann wurde nach zwei Jahren Anklage erhoben."
    event = _event(text, "ACCUSE", "Anklage", {"target": _arg(text, "den Mann wurde nach zwei Jahren")})
    assert "target" in checks.clean_args(event, text, (), "de").args


def test_checks_a_dash_that_opens_a_statement_parts_two_events():
    text = "Die Opposition wirft der Ministerin Versagen vor – Auch harte Kritik der Gewerkschaft."
    ents = [EntityMention(text.index("Gewerkschaft"), text.index("Gewerkschaft") + 12, "Gewerkschaft", "ORG")]
    event = _event(text, "CONDEMN", "Kritik", {"speaker": _arg(text, "Versagen"), "about": _arg(text, "der Ministerin")})
    fixed = checks.across_dash(event, text, tokens(text, 0, len(text)), ents)
    assert {r: a.text for r, a in fixed.args.items()} == {"speaker": "Gewerkschaft"}
    text = "Der Minister – Herr Maier – kritisierte den Plan."
    event = _event(text, "CONDEMN", "kritisierte", {"speaker": _arg(text, "Der Minister")})
    assert checks.across_dash(event, text, tokens(text, 0, len(text)), []) is event
