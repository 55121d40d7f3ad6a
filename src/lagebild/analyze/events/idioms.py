"""Ordinary uses of trigger words: the idioms and everyday readings the learned model takes for an
event ("auf Eis legen" → ATTACK, "zum Einsatz kommen" of a processor → ATTACK, "erhielt einen
Anruf" → SUPPLY, "verweist auf" → CONDEMN, "schloss nicht aus" or "did not deny" → DENY, people
turned back at a border, a place closed, a paper sent).  :func:`rejected` names the reading it
rejects; it looks at the trigger and the words of its clause near it, never at gold data.  Used by
:func:`lagebild.analyze.events.checks.apply`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lagebild.analyze.events.status_checks import clause_after as _after, clause_before as _before
from lagebild.analyze.events.status_checks import trigger_index as _trigger_index
from lagebild.analyze.events.vocabulary import vocabulary
from lagebild.analyze.text.speech import Tok
from lagebild.model import Event

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
