"""Checks after the learned model: events that idioms and ordinary verbs make, and arguments of the
wrong kind, are dropped (issue 16: "auf Eis legen" → ATTACK, "zum Einsatz kommen" of a processor →
ATTACK, "erhielt einen Anruf" → SUPPLY, "verweist auf" → CONDEMN, "schloss nicht aus" or "did not
deny" → DENY).

Each check names the reading it rejects; a check looks at the trigger, the words of its clause
near it, and the kinds of the argument spans (entities, time expressions), never at gold data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from lagebild.analyze.events.candidates import office_word
from lagebild.analyze.events.status_checks import clause_after as _after, clause_before as _before
from lagebild.analyze.events.status_checks import (
    english_intent, negated, speech_act_stated, subjunctive, task_or_omission,
)
from lagebild.analyze.events.status_checks import trigger_index as _trigger_index
from lagebild.analyze.events.patterns import TIME_RE
from lagebild.analyze.events.role_checks import (
    AUXILIARIES, LONE_ADJECTIVE, _members, accuse_roles, apposed, coordinated, exchanged, participants_checked, reproach_roles,
    possessed, sanctioning, sent_people, supplied_with, travelled_to, with_plural_office,
)
from lagebild.analyze.events.status import event_status, is_future
from lagebild.analyze.events.triggers import markers
from lagebild.analyze.events.vocabulary import vocabulary
from lagebild.analyze.text.speech import Tok
from lagebild.model import Argument, EntityMention, Event, Span, Timex
from lagebild.model import events as events_model

#: words of the weapon list that name weapons only in some contexts ("ein pneumatisches System")
SOFT_WEAPONS = frozenset("system systeme container ausrüstung technologie technologien flugzeug flugzeuge "
                         "schuss".split())
#: things one receives that are not supplies ("erhielt einen Anruf", "bekam den Preis")
NOT_SUPPLIES = re.compile(
    r"\w*(?:anruf|anrufe|brief|briefe|nachricht|nachrichten|auszeichnung|preis|preise|vertrag|belohnung|einladung|"
    r"zustimmung|kritik|stimmen?|antwort|e-mail|mail|anzeigen?|strafe|titel|namen?|note|diplom|doktorwürde|rolle|"
    r"angebot|auftrag|zuschlag|chance|gelegenheit|applaus|beifall|besuch|mandat|posten|stelle|ruf|lob|"
    r"entschließungen|genehmigung|erlaubnis|bescheid|absage|zusage|rückendeckung|unterricht|ausbildung|"
    r"staatsbürgerschaft|asyl|visum|lizenz|medaille|pokal|trophäe|ehrung|lohn|gehalt|rente|pension|punkte?|"
    r"tore?|minuten|sekunden|prozent|mehrheit|zuspruch|resonanz|rückmeldung|post|anerkennung|aufmerksamkeit|"
    r"call|calls|letter|award|prize|votes?|message|invitation|degree|title)")
#: people a border or an office turns back ("wies an der Grenze 350 Personen zurück"): no denial
TURNED_BACK = re.compile(r"\w*(?:personen|menschen|flüchtlinge|flüchtlingen|migranten|migrantinnen|asylwerber\w*|"
                         r"asylbewerber\w*|asylsuchende\w*|schutzsuchende\w*|reisende\w*|passagiere|einreisende\w*|"
                         r"ausländer\w*|antragsteller\w*)")
#: what one concludes that makes "schließen" an agreement ("ein Abkommen geschlossen"); without
#: one it is closing a place ("die Moschee wurde geschlossen")
CONCLUDED = re.compile(r"\w*(?:abkommen|vertrag|verträge|verträgen|vertrages|vertrags|vereinbarung\w*|pakt|pakts|paktes|"
                       r"frieden|friedens|waffenstillstand\w*|waffenruhe|bündnis\w*|allianz|deal|deals|kompromiss\w*|"
                       r"koalition|partnerschaft|übereinkommen|übereinkunft|abmachung\w*|ehe|bund|geschäft\w*|"
                       r"kontrakt\w*|vergleich|lücke|reihen)")
#: papers one sends that are no supply ("das Programm wurde nach Brüssel geschickt")
DOCUMENTS = re.compile(r"\w*(?:programm|programme|plan|pläne|brief|briefe|schreiben|bericht|berichte|antrag|anträge|"
                       r"entwurf|entwürfe|liste|listen|unterlagen|dokument|dokumente|papier|papiere|note|protokoll|"
                       r"gutachten|stellungnahme|fragebogen|formular|rechnung|e-mail|mail|mails|sms|nachricht\w*|"
                       r"einladung\w*|budget|haushalt|bescheid)")
#: what one attends, not visits ("besuchte die Volksschule")
SCHOOLS = re.compile(r"\w*(?:schule|schulen|gymnasium|universität|hochschule|akademie|kurs|kurse|seminar|vorlesungen?|"
                     r"unterricht|lehrgang|kindergarten|konzert|gottesdienst|messe|ausstellung|vorstellung|"
                     r"school|college|university|class|classes|course|church|website|site|concert)")
#: what one contests in sport or pays for ("bestritt 15 Länderspiele", "den Lebensunterhalt bestreiten")
CONTESTS = re.compile(r"[\w-]*(?:spiele?|spiels|test|saison|rennen|partie|partien|match|matches|turnier|wettkampf|"
                      r"wettkämpfe|lebensunterhalt|finale|duell|duelle|einsätze|auftritte?|wahlkampf|runde|etappe|"
                      r"kämpfe|kampf)")
#: a sentence to a penalty, not a condemnation ("zu einer Strafe … verurteilt")
SENTENCED = re.compile(r"\b(?:zu|zur)\b[^,;.]{0,80}?"
                       r"(?:strafe|haft|jahren?|monaten?|tode|gefängnis|bewährung|zahlung)\w*"
                       r"|\bdazu verurteilt|\bwegen\b|\bverurteilt worden|\bverurteilt wurde")
#: the idioms whose words the model takes for a trigger, by the type they would make
IDIOMS = {
    "ATTACK": re.compile(r"\bauf (?:das )?eis\b|\bfeuer und flamme\b"
                         r"|\bangriffe? auf (?:die|das|den|unser\w*|ihr\w*|sein\w*) (?:\w+(?:keit|heit|ität|ismus)"
                         r"|\w*(?:rechte?|gebot|prinzip)|vertrauenswürdigkeit|integrität|kernbereich\w*|demokratie"
                         r"|verfassung|grundgesetz|\w*freiheit|sozialsystem|sozialstaat|rechtsstaat)\b"),
    "CONDEMN": re.compile(r"\bverw[ie]+s\w*\b|\bverweis\w*\b"),
    "DENY": re.compile(r"\bschl(?:oss|ießt|ießen|ossen)\b[^,;.]{0,60}\bnicht aus\b|\bnicht ausgeschlossen\b"
                       r"|\bnicht auszuschließen\b|\b(?:did|does|do|would|could|can) not (?:deny|rule out)\b"
                       r"|\b(?:didn't|doesn't|don't|won't|couldn't|can't) (?:deny|rule out)\b|\bnot denied\b"
                       r"|\bbestreitet (?:auch )?niemand\b|\bniemand bestreitet\b"
                       r"|\bnicht bestreiten\b|\bnicht bestritten\b"),
}
#: what makes the noun "Kritik" a criticism voiced (the corpus marks it CONDEMN in 35 of its 54 uses in
#: train; the rest speak of criticism in general: "Nach massiver Kritik will …", "Die Kritik konzentriert
#: sich …", "bei aller berechtigten Kritik in der Sache"): a verb that voices or meets it near it …
CRITICISM_VERBS = re.compile(r"(?:ge)?übt\w*|übe|üben|geäußert|äußer\w*|stieß\w*|(?:ge)?stoßen|stößt|gerät|geriet\w*|"
                             r"geraten|erheb\w*|erhob\w*|einsteck\w*|erhalten|erhielt\w*|erhält|bekam\w*|bekommen|"
                             r"komm\w*|kam|kamen|zog|zogen|zieht|zuzieh\w*|zugezogen|entgegen|bekräftig\w*|anhören|"
                             r"führ\w*|hagelt\w*|laut|wiederholt\w*|(?:ge)?richtet\w*")
#: … the word after it that names what is criticised or who criticises ("Kritik an", "Kritik der Grünen") …
CRITICISM_LINKS = frozenset("an am von vom aus der des seitens gegen über seiner ihrer".split())
#: … or before it: whose criticism it is, or the state of being criticised ("in der Kritik", "so die Kritik")
CRITICISM_BEFORE = frozenset("in unter so seine seiner seinen ihre ihrer ihren meine meiner unsere unserer deren "
                             "dessen".split())
#: words that make "Gipfel" a mountain's top, no summit meeting ("südöstlich des Gipfels", "die höchsten Gipfel")
MOUNTAIN = re.compile(r"berg\w*|gebirge\w*|höhe|höchste\w*|meter|m|hütte\w*|\w*grat|grate?s?|gratäste|aussicht|"
                      r"panorama\w*|\w*touren|wander\w*|gipfelkreuz|(?:nord|süd|ost|west)\w*lich|nördlich|"
                      r"östlich|kreuzungspunkt|pass|passes")
#: nouns the rules' attack pattern "…schläge" takes in that are no strikes ("Vorschläge", "Rückschlag")
NOT_STRIKES = re.compile(r"(?:vor|rat|zu|nieder|rück|ab|aus|auf|um|durch|ein|fehl|kahl|herz|takt|ton|wellen|blitz|"
                         r"preis|gegen|vorder|hinter|nach|spar|steuer)schl[äa]g\w*")
#: verbs of weapons seized or found ("bei einem Einsatz … Waffen beschlagnahmt"): no attack
SEIZED = re.compile(r"(?:beschlagnahm|sichergestell|konfiszier|gefunden|entdeck|ausgehoben|aufgespür)\w*")
#: what one takes up that is no place taken by force ("einen besonderen Platz einnehmen")
NOT_TAKEN = re.compile(r"platz|plätze|position|rolle|haltung|stellung|medikamente?\w*|tabletten?|mahlzeit\w*|"
                       r"einnahmen|summe|betrag")
#: words beside "treffen" that make it a hit or a choice, not a meeting ("tödlich getroffen", "den Ton treffen")
TREFFEN_IDIOMS = frozenset("tödlich schwer hart ton nerv wahl auswahl aussage aussagen feststellung feststellungen "
                           "vorsorge kopf ziel".split())
#: words before "deal with" that make it the verb ("how to deal with", "we deal with")
DEAL_VERB_BEFORE = frozenset("to i we you they he she do does did would will can could should must might may 'll "
                             "not n't cannot also better".split())
#: words before "to visit" that make it generic advice ("the best times to visit Athens", "a reason to visit")
GENERIC_BEFORE_TO_VISIT = frozenset("reason reasons time times way place places city town occasion possible expensive "
                                    "interesting fine easy nice good great worth best cheap hard difficult safe "
                                    "lovely beautiful".split())
#: auxiliaries of the passive ("ein Haus sei getroffen worden")
#: what one arrives at that is no place ("the shells arrived at a critical moment", "arrived at a decision")
ARRIVED_AT_NO_PLACE = frozenset("moment moments time times point stage juncture conclusion conclusions decision "
                                "decisions agreement compromise consensus verdict result figure estimate number "
                                "understanding solution".split())
PASSIVE = frozenset("worden wurde wurden".split())
#: roles that name who acts or is acted on: never a date
PARTICIPANT_ROLES = frozenset("attacker target supplier recipient participants parties visitor destination speaker "
                              "sanctioner".split())


def _has_weapon(toks: Sequence[Tok]) -> bool:
    rx = vocabulary().weapon_re
    return any(t.is_word and t.lower not in SOFT_WEAPONS and rx.fullmatch(t.lower) for t in toks)


def _concludes(event: Event, text: str, toks: Sequence[Tok], k: int) -> bool:
    """Whether "schließen" at token ``k`` concludes something: an agreement named in its sentence or
    just after it (the sentence may be cut short: "den als Treaty No. 7 bekannten Vertrag"), or
    "schlossen sich … zusammen" (they joined)."""
    after = re.findall(r"\w+", text[event.trigger.end:event.trigger.end + 150].lower())
    return any(t.is_word and CONCLUDED.fullmatch(t.lower) for t in toks) \
        or any(CONCLUDED.fullmatch(w) for w in after) or "zusammen" in {t.lower for t in toks[k + 1:]}


def rejected(event: Event, text: str, toks: Sequence[Tok], language: str) -> str | None:
    """Why ``event`` is an idiom or an ordinary use of its trigger word, or None where it stands."""
    k = _trigger_index(toks, event)
    if k is None:
        return None
    word = toks[k].lower
    lo, hi = toks[0].start, toks[-1].end
    sentence = text[lo:hi].lower()
    rel = event.trigger.start - lo, event.trigger.end - lo
    idiom = IDIOMS.get(event.type)
    if idiom is not None:
        for m in idiom.finditer(sentence):
            near = m.start() - 40 <= rel[0] and rel[1] <= m.end() + 40
            if near or (event.type == "DENY" and m.start() <= rel[1] + 60):
                return f"idiom: {m.group()!r}"
    after, before = _after(toks, k, 8), _before(toks, k, 8)
    if event.type == "ATTACK" and word in {"einsatz", "einsätze", "eingesetzt", "einsetzen", "einzusetzen"} \
            and not _has_weapon(toks):
        return "Einsatz without a weapon (a tool or a crew in use)"
    if event.type == "ATTACK" and word in {"einsatz", "einsätze", "razzia", "razzien"} \
            and any(t.is_word and SEIZED.fullmatch(t.lower) for t in toks):
        return "an operation that seized weapons, no use of them"
    if event.type == "AGREE" and word in {"einige", "einigen", "einiger"} and k + 1 < len(toks) and toks[k + 1].is_cap:
        return "einige as a quantifier ('vor einigen Tagen'), not sich einigen"
    if event.type == "ATTACK" and NOT_STRIKES.fullmatch(word):
        return "a Vorschlag or Rückschlag, no strike"
    if event.type == "ATTACK" and (word.startswith("einnehm") or word in {"eingenommen", "nimmt", "nahm", "nahmen"}) \
            and any(NOT_TAKEN.fullmatch(t.lower) for t in after + before):
        return "a place or a stance taken, not a town"
    if event.type == "MEET" and word == "getroffen" and (
            _has_weapon(toks) or any(re.search(r"angriff|anschlag|beschuss|bombe|explosion", t.lower) for t in toks)):
        return "getroffen by a strike, not met"
    if event.type == "MEET" and word.startswith(("traf", "treff", "trif", "getroff")):
        near = {t.lower for t in before + after}
        if near & TREFFEN_IDIOMS or any(re.fullmatch(r"\w*(?:entscheidung|maßnahme|vorkehrung|vereinbarung|"
                                                      r"absprache|regelung|vorbereitung)\w*", w) for w in near):
            return "treffen as making or hitting (eine Entscheidung treffen, tödlich getroffen), not a meeting"
        if word == "getroffen" and near & PASSIVE and "sich" not in near:
            return "getroffen in the passive: hit, not met"
    if event.type == "ATTACK" and language == "en" and word in {"used", "use", "uses", "using"} \
            and not _has_weapon(after + before):
        return "use without a weapon"
    if event.type == "SUPPLY" and (word.startswith(("erh", "bek", "bezo", "bezie")) or word in {
            "received", "receive", "receives", "receiving", "got", "gets", "get"}):
        if any(t.is_word and NOT_SUPPLIES.fullmatch(t.lower) for t in after[:6]):
            return "something received that is no supply"
    if event.type == "DENY" and language != "en" and (word.startswith("zurückgew") or word in {
            "wies", "weist", "wiesen", "weisen"} and "zurück" in {t.lower for t in toks[k + 1:]}) \
            and any(t.is_word and TURNED_BACK.fullmatch(t.lower) for t in before + after):
        return "zurückweisen of people (turned back at a border), no denial"
    if event.type == "AGREE" and language != "en" and re.fullmatch(r"(?:ab)?(?:ge)?schl(?:oss|ossen|ießen|ießt|ieße)",
                                                                   word) \
            and not _concludes(event, text, toks, k):
        return "schließen without an agreement: closing a place or a door"
    if event.type == "SUPPLY" and word.startswith(("geschickt", "schick", "übermittel", "sandte", "gesandt", "sent",
                                                    "send")) \
            and any(t.is_word and DOCUMENTS.fullmatch(t.lower) for t in before + after) and not _has_weapon(toks):
        return "a paper sent, no supply"
    if event.type == "VISIT" and word.startswith(("besuch", "visit", "attend")):
        if any(t.is_word and SCHOOLS.fullmatch(t.lower) for t in after[:9]):
            return "attending a school or an event, not a visit"
    if event.type == "DENY" and word.startswith("bestr"):
        if any(t.is_word and CONTESTS.fullmatch(t.lower) for t in after + before):
            return "bestreiten: contesting a game or paying for something"
    if event.type == "MEET" and word.startswith(("traf", "treff", "trif")) and word not in {"treffen", "treffens"} or \
            event.type == "MEET" and word == "treffen" and not toks[k].is_cap:
        words = [t.lower for t in after]
        ahead = [t.lower for t in reversed(before[:3])]  # "… die auf Land trafen": the verb last
        if "auf" in ahead and ahead.index("auf") + 1 < len(ahead) and ahead[ahead.index("auf") + 1] not in {
                "dem", "der", "einem", "einer"} and (k + 1 == len(toks) or not toks[k + 1].is_word):
            return "treffen auf: an opponent or an impact, not a meeting"
        if "aufeinander" in words or ("auf" in words and "mit" not in words and words.index("auf") + 1 < len(words)
                                      and words[words.index("auf") + 1] not in {"dem", "der", "einem", "einer"}):
            return "treffen auf: an opponent or an impact, not a meeting"
    if event.type == "ACCUSE" and word in {"wirft", "warf", "warfen", "werfen", "werfe"} \
            and "vor" not in {t.lower for t in toks[k + 1:]}:
        return "werfen without vor ('wirft Bedenken auf', 'warf einen Blick')"
    if event.type == "CONDEMN" and word.startswith("verurteil") and SENTENCED.search(sentence):
        return "verurteilt zu: a court's sentence"
    if event.type == "CONDEMN" and word == "kritik" and k == 0 and len(toks) > 1 and toks[1].is_cap:
        return "Kritik as a heading"
    if event.type == "MEET" and word.startswith("gipfel") and any(t.is_word and MOUNTAIN.fullmatch(t.lower)
                                                                   for t in toks):
        return "Gipfel of a mountain, no summit"
    if event.type == "CONDEMN" and word == "kritik" and not _voiced(toks, k):
        return "Kritik in general: no one voices it, nothing is its object"
    if event.type == "AGREE" and language == "en" and word in {"deal", "deals", "dealt", "dealing"} \
            and k + 1 < len(toks) and toks[k + 1].lower == "with" \
            and (word in {"dealt", "dealing"} or k > 0 and toks[k - 1].lower in DEAL_VERB_BEFORE):
        return "deal with as a verb: handling something, no agreement"
    if event.type == "MEET" and language == "en" and word == "called" and k > 0 and toks[k - 1].lower == "so":
        return "so called: a name, no call"
    if event.type == "VISIT" and language == "en" and word.startswith("arriv") and any(
            t.lower in ARRIVED_AT_NO_PLACE for t in after[:5]):
        return "arriving at a moment or a conclusion, no visit"
    if event.type == "VISIT" and language == "en" and word == "visit" and k > 1 and toks[k - 1].lower == "to" \
            and toks[k - 2].lower in GENERIC_BEFORE_TO_VISIT:
        return "a place worth visiting: generic advice, no visit"
    return None




def _voiced(toks: Sequence[Tok], k: int) -> bool:
    """Whether the noun "Kritik" at ``k`` is criticism voiced: a verb within eight words voices or
    meets it, the word after it names its object or source, or a word before it its owner or state."""
    if k + 1 < len(toks) and toks[k + 1].lower in CRITICISM_LINKS:
        return True
    if any(t.lower in CRITICISM_BEFORE for t in _before(toks, k, 3)):
        return True
    return any(t.is_word and CRITICISM_VERBS.fullmatch(t.lower) for t in toks[max(0, k - 8):k + 9])


def _no_phrase(a: Argument) -> bool:
    """Whether an argument's text is no phrase: it starts with a punctuation mark (", vehement") or
    with an auxiliary ("habe eine ernste Chance", "können")."""
    text = a.text.lstrip()
    if not text or text[0] in ",;:.!?)]–-":
        return True
    first = text.split()[0].lower()
    return first in AUXILIARIES


#: roles that name where someone goes or something happens: never a person's office
WHERE_ROLES = frozenset({"destination", "place"})
#: roles of the parties to a talk or deal and of who acts: never a weapon ("Gespräche über Raketen")
ACTOR_ROLES = frozenset("attacker supplier recipient participants parties visitor speaker sanctioner".split())
#: nouns of a stretch of time: no one who acts or receives ("Hilfe für die Zeit nach dem Krieg")
TIME_NOUNS = frozenset("zeit zeiten phase periode zeitraum jahre jahren monate monaten wochen tage tagen "
                       "time period".split())
#: roles that name a thing: what is delivered, agreed, denied or sanctioned for
THING_ROLES = frozenset({"about", "object", "item", "reason"})


def _wrong_kind(role: str, a: Argument, language: str) -> bool:
    """Whether an argument names the wrong kind of thing for its role: an office as a destination
    ("Reise des hochrangigen Pjöngjang-Beamten"), a weapon as a party ("Gespräche zwischen Moskau und
    Teheran über Raketen"), a stretch of time as who acts or receives ("für die Zeit nach dem Konflikt"),
    a lone adjective as what is meant ("beschuldigt, der russischen …")."""
    words = a.text.split()
    if not words:
        return True
    if role in WHERE_ROLES and office_word(words[-1], language):
        return True
    if role in ACTOR_ROLES and len(words) <= 2 and vocabulary().weapon_re.fullmatch(words[-1].lower()):
        return True
    if role in ACTOR_ROLES and len(words) <= 3 and words[-1].lower().strip(".,") in TIME_NOUNS:
        return True
    return role in THING_ROLES and language != "en" and len(words) == 1 \
        and LONE_ADJECTIVE.fullmatch(words[0]) is not None


#: the noun right after a word ("Bischofskonferenz" of "die römisch-katholische Bischofskonferenz")
NEXT_NOUN = re.compile(r"[ \t]+[A-ZÄÖÜ][\w-]*")


#: roles where a lone adjective stands for the group or place it modifies (an adjective supplier or
#: attacker names its country: "nordkoreanischer Raketen")
ADJECTIVE_GROUP_ROLES = frozenset({"participants", "parties", "place", "destination"})


def _with_noun(role: str, a: Argument, text: str, trigger: Span, language: str) -> Argument:
    """A lone German adjective as a party or a place is the group or place it modifies: participant
    "evangelische" of "Die evangelische Synode tagt" is the Synode, place "libyschen" of "nahe der
    libyschen Hafenstadt Sirte" the Hafenstadt (left as it is where that noun is the trigger: "die
    deutsch-polnischen Gespräche"; a party's adjective that names an entity stays that entity)."""
    if language == "en" or (a.mention is not None and role not in WHERE_ROLES) or " " in a.text.strip() \
            or LONE_ADJECTIVE.fullmatch(a.text.strip()) is None:
        return a
    m = NEXT_NOUN.match(text, a.end)
    if m is None or (m.start() < trigger.end and trigger.start < m.end()):
        return a
    return Argument(a.start, m.end(), text[a.start:m.end()])


def clean_args(event: Event, text: str, timexes: Sequence[Timex], language: str = "de") -> Event:
    """``event`` without the arguments of the wrong kind: a time that is no date or time
    expression, a place or participant that is one ("am Boden" as a time, "Mittwoch" as a target),
    what :func:`_wrong_kind` names, and a part of the trigger itself ("deal" as what the deal
    agrees: English train + dev, none of 68 such arguments is right)."""
    spans = [(t.start, t.end) for t in timexes]
    trigger = event.trigger

    def wrong(role: str, a: Argument) -> bool:
        return _no_phrase(a) or _wrong_kind(role, a, language) or (
            a.start < trigger.end and trigger.start < a.end)

    def is_time(a: Argument) -> bool:
        return a.timex is not None or any(s < a.end and a.start < e for s, e in spans) or (
            not spans and TIME_RE.fullmatch(a.text) is not None)

    def inside_time(a: Argument) -> bool:
        return a.timex is not None or any(s <= a.start and a.end <= e for s, e in spans)

    args = {}
    for role, value in event.args.items():
        if role in ADJECTIVE_GROUP_ROLES:
            value = tuple(_with_noun(role, a, text, trigger, language) for a in value) if isinstance(value, tuple) \
                else _with_noun(role, value, text, trigger, language)
        if isinstance(value, tuple):
            value = tuple(a for a in value if not wrong(role, a))
            if not value:
                continue
        elif wrong(role, value):
            continue
        if role == "time":
            if isinstance(value, Argument) and not is_time(value):
                continue
        elif role in PARTICIPANT_ROLES or role == "place":
            if isinstance(value, tuple):
                kept = tuple(a for a in value if not inside_time(a))
                if not kept:
                    continue
                value = kept
            elif inside_time(value):
                continue
        args[role] = value
    speaker = args.get("speaker")
    if isinstance(speaker, Argument):  # "was Moskau bestreitet": who denies is not what is denied
        for role in ("about", "target"):
            other = args.get(role)
            if isinstance(other, Argument) and other.text.casefold() == speaker.text.casefold():
                del args[role]
    if len(args) == len(event.args) and all(args[r] is event.args[r] for r in args):
        return event
    time_value = event.time if "time" in args or event.args.get("time") is None else None
    return replace(event, args=args, time=time_value)


#: verbs that tell the toll of an attack the sentence names by a noun ("Bei einem Drohnenangriff wurden
#: drei Menschen getötet"): one event, the noun's (the corpus guideline)
TOLL = frozenset("getötet tötete töteten tötet getöteten getötete verletzt verletzte verletzten verwundet "
                 "starben leben killed kills wounded injured dead died".split())


def merge_tolls(events: list[Event], toks: Sequence[Tok]) -> list[Event]:
    """An attack told by a verb of its toll is the attack a noun of the same sentence names: the
    verb's event goes, and the noun's takes the roles it left empty (the dead as the target)."""
    nouns = [e for e in events if e.type == "ATTACK" and e.trigger.text.split()
             and (e.trigger.text[:1].isupper() or not e.trigger.text.endswith("ed"))
             and e.trigger.text.split()[-1].lower() not in TOLL]
    if not nouns:
        return events
    out, merged = [], {}
    for e in events:
        last = e.trigger.text.split()[-1].lower() if e.trigger.text.split() else ""
        if e.type == "ATTACK" and e not in nouns and last in TOLL:
            noun = min(nouns, key=lambda n: abs(n.trigger.start - e.trigger.start))
            base = merged.get(id(noun), noun)
            args = dict(base.args)
            taken = [(a.start, a.end) for v in args.values() for a in (v if isinstance(v, tuple) else (v,))]
            for role, value in e.args.items():
                members = value if isinstance(value, tuple) else (value,)
                if role not in args and not any(a.start < y and x < a.end for a in members for x, y in taken):
                    args[role] = value
            merged[id(noun)] = replace(base, args=args, time=base.time or e.time)
            continue
        out.append(e)
    return [merged.get(id(e), e) for e in out]


#: forms of "machen" in "macht X für Y verantwortlich" (active) and "wird für Y verantwortlich gemacht"
#: a type the model gives a trigger word that belongs to another type ("verurteilte" is no accusation,
#: "zurückgewiesen" a denial, not a condemnation)
RETYPE = (("ACCUSE", re.compile(r"verurteil\w*|condemn\w*"), "CONDEMN"),
          ("CONDEMN", re.compile(r"\w*beschuss|\w*angriffe?n?|\w*anschläge?n?|\w*anschlags?"), "ATTACK"),
          ("CONDEMN", re.compile(r"zurückgewiesen|zurückweisen|wies|wiesen|weist|bestr[ie]\w+|dementi\w+|"
                                 r"denied|denies"), "DENY"))


def retyped(event: Event) -> Event:
    word = event.trigger.text.split()[0].lower() if event.trigger.text.split() else ""
    for old, rx, new in RETYPE:
        if event.type == old and rx.fullmatch(word):
            return replace(event, type=new)
    return event


#: bombs sent by mail: sending one is an attack, never a supply ("sent letter bombs", "Briefbomben verschickt")
MAIL_BOMBS = re.compile(r"[\w-]*(?:brief|paket)-?bomben?|(?:letter|parcel|mail|package)-?bombs?")
MAIL_BOMB_WORDS = frozenset("letter parcel mail package".split())
#: a delivery's roles as the attack's, where a delivery of mail bombs is retyped
SUPPLY_AS_ATTACK = {"supplier": "attacker", "item": "weapon", "recipient": "target", "place": "place", "time": "time"}


def mail_bomb(event: Event, toks: Sequence[Tok]) -> Event:
    """A delivery of letter or parcel bombs is an attack (its supplier the attacker, the bombs the
    weapon, the recipient the target)."""
    if event.type != "SUPPLY":
        return event
    words = [t.lower for t in toks]
    if not any(MAIL_BOMBS.fullmatch(w) or w.startswith("bomb") and k > 0 and words[k - 1] in MAIL_BOMB_WORDS
               for k, w in enumerate(words)):
        return event
    args = {SUPPLY_AS_ATTACK[r]: v for r, v in event.args.items() if r in SUPPLY_AS_ATTACK}
    return replace(event, type="ATTACK", args=args)


#: "mutmaßliche PKK-Stellungen": the adjective doubts a participant, not the event
DOUBTED_PARTICIPANT = re.compile(r"(?:mutmaßlich|angeblich|suspected|alleged)(?:e|en|er|es|em)?")


def participant_doubt(event: Event, text: str, toks: Sequence[Tok], language: str) -> Event:
    """An event ``alleged`` only because an adjective doubts one of its participants ("Luftangriffe
    auf mutmaßliche PKK-Stellungen") takes the status the rest of its sentence gives it."""
    if event.status != "alleged":
        return event
    rx = next((r for status, r in markers(language) if status == "alleged"), None)
    if rx is None:
        return event
    lo = toks[0].start
    found = list(rx.finditer(text[lo:toks[-1].end].lower()))
    if not found:
        return event
    for m in found:
        word = m.group()
        if not DOUBTED_PARTICIPANT.fullmatch(word) or word in {"mutmaßlich", "angeblich", "allegedly"}:
            return event
        nxt = next((t for t in toks if t.start >= lo + m.end()), None)
        if nxt is None or not (nxt.is_cap or language == "en"):
            return event  # "mutmaßlich" before no noun: it doubts the clause
    scope = text[lo:toks[-1].end].lower()
    for m in reversed(found):  # the sentence without the doubting adjectives, as the status rules read it
        scope = scope[:m.start()] + " " * len(m.group()) + scope[m.end():]
    k = _trigger_index(toks, event) or 0
    status = event_status(event.type, scope, event.trigger.text.lower(), event.attribution, language,
                          is_future(list(toks), (0, len(toks)), k, language))
    return replace(event, status=status)


#: verbs that approve or demand a happening yet to come ("forderte neue Sanktionen", "billigte
#: Waffenlieferungen", "called for talks")
DEMANDS = re.compile(r"forder[nt]?|forderte[n]?|gefordert|aufgefordert|aufforder\w*|eingeladen|einlad\w*|lud|luden|"
                     r"zugesagt|zugestimmt|verlang[t]?|verlangte[n]?|verlangen|genehmig(?:t|te|ten|en)|"
                     r"billig(?:t|te|ten|en)|gebilligt|bewillig(?:t|te|ten|en)|demand(?:s|ed)?|approv(?:e|es|ed)|"
                     r"urg(?:e|es|ed)|authori[sz](?:e|es|ed)")


#: a German infinitive with its "zu" inside ("beizutreten", "abzuschließen"): what a demand asks for
ZU_INFINITIVE = re.compile(r"\w+zu\w{3,}en")


#: verbs of refusal ("lehnte Waffenlieferungen ab", "verweigerte Gespräche", "refused talks")
REFUSALS = re.compile(r"abgelehnt|ablehnen|lehnt|lehnte|lehnten|lehnen|verweiger(?:t|te|ten|n)|verweigert|"
                      r"refus(?:e|es|ed)|reject(?:s|ed)?|declin(?:e|es|ed)")


def demanded(event: Event, toks: Sequence[Tok], language: str) -> Event:
    """An event named by a noun (or a German infinitive with "zu") that a verb of demand, invitation
    or approval governs is ``planned`` ("Die EU forderte neue Sanktionen", "forderte die Regierung
    auf, dem Vertrag beizutreten", "The Senate approved arms deliveries", "called for talks"); one a verb
    of refusal governs is ``denied`` ("lehnte Waffenlieferungen ab", "refused talks")."""
    if event.status not in {"asserted", "reported"}:
        return event
    k = _trigger_index(toks, event)
    if k is None or k == 0:
        return event
    noun = toks[k].is_cap if language == "de" else not toks[k].lower.endswith("ed")
    if not noun and not (language == "de" and ZU_INFINITIVE.fullmatch(toks[k].lower)):
        return event
    near = _before(toks, k, 8) + _after(toks, k, 4)
    words = {t.lower for t in near}
    refused = any(t.lower in {"ab", "abgelehnt", "ablehnen"} or t.lower.startswith("verweiger")
                  for t in near + list(toks[k + 1:]))
    if any(REFUSALS.fullmatch(w) for w in words) and (language == "en" or refused):
        return replace(event, status="denied")
    if any(DEMANDS.fullmatch(w) for w in words) or (language == "en" and "called" in words and "for" in words):
        return replace(event, status="planned")
    return event


#: prepositions that put a name in a place ("in einem Vorort von Washington", "im Westen Bagdads")
LOCATIVE = frozenset("in im bei beim nahe nördlich südlich östlich westlich rande außerhalb innerhalb "
                     "near".split())


def located(event: Event, toks: Sequence[Tok], entities: Sequence[EntityMention]) -> Event:
    """An attacker that a locative preposition governs is where it happened: "In einem
    Vorort von Washington hat ein Bewaffneter …" (Washington), "Bei einem Anschlag im Westen
    Bagdads …", "Am Rande von Aleppo …": the place where the type has one, else no argument."""
    role = {"ATTACK": "attacker"}.get(event.type)
    arg = event.args.get(role) if role else None
    if not isinstance(arg, Argument):
        return event
    k = next((n for n, t in enumerate(toks) if t.start <= arg.start < t.end), None)
    if k is None:
        return event
    governed = False
    for t in reversed(toks[max(0, k - 4):k]):
        if not t.is_word:
            break
        if t.lower in LOCATIVE:
            governed = True
            break
    if not governed:
        return event
    places = {(e.start, e.end) for e in entities if e.label in {"LOC", "GPE"}}
    args = {r: v for r, v in event.args.items() if r != role}
    if events_model.TYPES[event.type].role("place") is not None and "place" not in args and (
            (arg.start, arg.end) in places or arg.mention is not None):
        args["place"] = arg
    return replace(event, args=args)


#: the prepositions of the agent of a passive ("von US-Soldaten erschossen", "killed by")
AGENT_PREPS = frozenset("von vom durch by".split())
PASSIVE_AUX = frozenset("worden wurde wurden was were been".split())


def passive_roles(event: Event, toks: Sequence[Tok]) -> Event:
    """In the passive the subject is hit, not the attacker: "Ein Demonstrant ist … von US-Soldaten
    erschossen worden" (an attacker no "von"/"by" governs becomes the target where none is given)."""
    arg = event.args.get("attacker")
    k = _trigger_index(toks, event)
    if event.type != "ATTACK" or not isinstance(arg, Argument) or k is None:
        return event
    word = toks[k].lower
    clause = _before(toks, k, 12) + _after(toks, k, 6)  # the auxiliary of the trigger's own clause
    if toks[k].is_cap or not word.endswith(("t", "en", "ed")) or not any(t.lower in PASSIVE_AUX for t in clause):
        return event
    a = next((n for n, t in enumerate(toks) if t.start <= arg.start < t.end), None)
    if a is None or any(t.lower in AGENT_PREPS for t in toks[max(0, a - 3):a]):
        return event
    args = {r: v for r, v in event.args.items() if r != "attacker"}
    if "target" not in args:
        args["target"] = arg
    return replace(event, args=args)


#: the dashes that end a dateline ("Wien – Einen Tag vor Beginn …")
DATELINE_DASHES = frozenset({"–", "—", "-"})


def dateline(event: Event, toks: Sequence[Tok]) -> Event:
    """The place a report was filed from ("Wien – Der Ministerrat hat …") acts in none of its events:
    no participant, attacker or speaker (where it happened, the place, it may be)."""
    dash = next((k for k, t in enumerate(toks[:5]) if t.text in DATELINE_DASHES), None)
    if not dash or not all(t.is_cap for t in toks[:dash]):
        return event
    end = toks[dash].start
    args = {}
    for role, value in event.args.items():
        if role in PARTICIPANT_ROLES:
            kept = tuple(a for a in _members(value) if a.start >= end)
            if not kept:
                continue
            value = kept if isinstance(value, tuple) else kept[0]
        args[role] = value
    return event if args == event.args else replace(event, args=args)


def across_dash(event: Event, text: str, toks: Sequence[Tok], entities: Sequence[EntityMention]) -> Event:
    """A dash that opens a new statement ("Die SPÖ wirft dem Minister Zynismus vor – Auch scharfe
    Kritik der Grünen.") parts two events: what stands on the other side of it from the trigger is
    none of its arguments; "Kritik der Grünen" names who criticises."""
    k = _trigger_index(toks, event)
    dashes = [toks[j].start for j in range(1, len(toks) - 1) if toks[j].text in {"–", "—"}]
    if k is None or not any(toks[j].text in {"–", "—"} and toks[j + 1].is_cap for j in range(1, len(toks) - 1)):
        return event
    trig = toks[k].start
    args = {}
    for role, value in event.args.items():
        kept = tuple(a for a in _members(value)  # a pair of dashes sets a phrase apart, not a statement
                     if sum(min(a.start, trig) < d < max(a.end, trig) for d in dashes) % 2 == 0)
        if kept:
            args[role] = kept if isinstance(value, tuple) else kept[0]
    if event.type == "CONDEMN" and "speaker" not in args and k + 2 < len(toks) and toks[k + 1].lower in {"der", "des"}:
        n = next((n for n, e in enumerate(entities) if e.start == toks[k + 2].start), None)
        if n is not None:
            e = entities[n]
            args["speaker"] = Argument(e.start, e.end, text[e.start:e.end], mention=n)
    return event if args == event.args else replace(event, args=args)


def condemner_not_attacked(events: list[Event]) -> list[Event]:
    """Who condemns is neither side of the attack the sentence names: "UNO-Generalsekretär Ban
    Ki-moon verurteilte die Angriffe" (Ban is no target of "Angriffe"; an accuser's roles are left,
    the model swaps them with the accused's: "X wurden Tötungen zur Last gelegt")."""
    speakers = {(a.start, a.end) for e in events if e.type == "CONDEMN"
                for a in _members(e.args.get("speaker", ()))}
    if not speakers:
        return events
    out = []
    for e in events:
        if e.type == "ATTACK":
            args = {}
            for role, value in e.args.items():
                if role in {"attacker", "target"}:
                    kept = tuple(a for a in _members(value) if (a.start, a.end) not in speakers)
                    if not kept:
                        continue
                    value = kept if isinstance(value, tuple) else kept[0]
                args[role] = value
            if args != e.args:
                e = replace(e, args=args)
        out.append(e)
    return out


def sole_time(events: list[Event], text: str, toks: Sequence[Tok], timexes: Sequence[Timex]) -> list[Event]:
    """The one date or time expression of a sentence with one event is that event's time where
    it has none ("Im Gespräch mit den Ministerpräsidenten gab es heute einen Beschluss")."""
    if len(events) != 1 or not toks:
        return events
    lo, hi = toks[0].start, toks[-1].end
    inside = [(k, t) for k, t in enumerate(timexes) if lo <= t.start and t.end <= hi and t.type in {"DATE", "TIME"}]
    if len(inside) != 1:
        return events
    k, t = inside[0]
    out = []
    for e in events:
        taken = [(a.start, a.end) for _, a in events_model.each_arg(e.args)]
        if "time" in e.args or any(t.start < y and x < t.end for x, y in taken):
            out.append(e)
            continue
        args = dict(e.args)
        args["time"] = Argument(t.start, t.end, text[t.start:t.end], timex=k, value=t.value)
        out.append(replace(e, args=args, time=e.time or t.value))
    return out


def apply(events: list[Event], text: str, toks: Sequence[Tok], timexes: Sequence[Timex], language: str,
          entities: Sequence[EntityMention] = ()) -> list[Event]:
    """The events of one sentence that pass the checks, their arguments cleaned."""
    if not events:
        return events
    kept = [clean_args(mail_bomb(retyped(e), toks), text, timexes, language) for e in events]
    kept = [e for e in kept if rejected(e, text, toks, language) is None]
    kept = [task_or_omission(subjunctive(passive_roles(located(demanded(participant_doubt(e, text, toks, language),
                                                                       toks, language), toks, entities), toks),
                                         toks, language), toks, language) for e in kept]
    kept = [negated(speech_act_stated(english_intent(e, toks, language), toks, language), toks, language)
            for e in kept]
    kept = [exchanged(coordinated(e, text, toks, language), text, toks, language) for e in kept]
    kept = [sanctioning(supplied_with(apposed(participants_checked(e, text, entities, language), text, entities),
                                      text, toks, language)) for e in kept]
    kept = [possessed(with_plural_office(travelled_to(e, text, toks, language), text, toks, language), text, toks,
                      language) for e in kept]
    kept = [e for e in (sent_people(e, text, toks) for e in kept) if e is not None]
    if language == "de":
        kept = [reproach_roles(accuse_roles(e, text, toks, entities), text, toks, entities) for e in kept]
    kept = condemner_not_attacked([across_dash(dateline(e, toks), text, toks, entities) for e in kept])
    kept = merge_tolls(kept, toks)
    return sole_time(kept, text, toks, timexes)
