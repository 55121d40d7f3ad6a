"""Checks of an event's roles after the learned model, read from the clause's word order: who
accuses whom ("Kiew macht Moskau … verantwortlich", "Seit … wirft der Westen Pjöngjang vor"), the
arguments of a second clause joined by "und" and a finite verb ("… erhalten und werde sie in der
Ukraine einsetzen"), and what a supply is given in exchange for ("im Tausch gegen Munition").
:mod:`.checks` runs them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from lagebild.analyze.events.candidates import office_word
from lagebild.analyze.events.learned_args import candidates
from lagebild.analyze.events.status import event_status, is_future
from lagebild.analyze.events.status_checks import trigger_index as _trigger_index
from lagebild.analyze.text.speech import ARTICLES, PREPOSITIONS, Tok
from lagebild.model import Argument, EntityMention, Event
from lagebild.model import events as events_model

#: auxiliaries and modals: an argument that starts with one is a piece of a clause, not a phrase
AUXILIARIES = frozenset("habe hat haben hatte hatten hätte ist sind war waren wäre wird werden wurde wurden worden "
                        "kann können konnte konnten muss müssen musste soll sollen sollte will wollen wollte darf "
                        "dürfen has have had is are was were".split())
#: a German adjective on its own ("russischen" of "der russischen Regierung")
LONE_ADJECTIVE = re.compile(r"[a-zäöüß][a-zäöüß-]*(?:e|en|er|es|em)")


MAKE = frozenset("macht machte machten machen mache".split())
#: what ends the clause before a word (a comma, a colon, a parenthesis, a dash)
CLAUSE_MARKS = frozenset({",", ";", ":", "(", "–"})


def clause_start(toks: Sequence[Tok], k: int) -> int:
    """The first token of the clause that token ``k`` stands in."""
    while k > 0 and toks[k - 1].text not in CLAUSE_MARKS:
        k -= 1
    return k


def accuse_roles(event: Event, text: str, toks: Sequence[Tok], entities: Sequence[EntityMention]) -> Event:
    """"Kiew macht Moskau für den Angriff verantwortlich": the subject accuses (speaker), the object is
    accused (target), the für-phrase is what about; in "X wird … verantwortlich gemacht" X is the target."""
    if event.type != "ACCUSE" or "verantwortlich" not in {t.lower for t in toks}:
        return event
    v = next((k for k, t in enumerate(toks) if t.lower == "verantwortlich"), None)
    k = _trigger_index(toks, event)
    if v is None or k is None or abs(k - v) > 12:
        return event
    lo = clause_start(toks, v)
    m = next((j for j in range(lo, v) if toks[j].lower in MAKE), None)
    fur = next((j for j in range(lo, v) if toks[j].lower in {"für", "dafür"}), None)
    passive = v + 1 < len(toks) and toks[v + 1].lower == "gemacht"
    if fur is None or (m is None and not passive):
        return event
    spans = [(e.start, e.end, e.label) for e in entities]
    cands = [c for c in _noun_groups(toks, spans) if lo <= c[0] and c[1] <= fur]
    args = dict(event.args)
    if toks[fur].lower == "für" and fur + 1 < v:
        args["about"] = Argument(toks[fur + 1].start, toks[v - 1].end, text[toks[fur + 1].start:toks[v - 1].end])
    if passive:
        agent = [c for c in cands if c[0] > 0 and toks[c[0] - 1].lower in {"von", "vom"}]
        rest = [c for c in cands if c not in agent]
        if rest:
            args["target"] = _span_arg(text, toks, rest[0], entities)
        if agent:
            args["speaker"] = _span_arg(text, toks, agent[0], entities)
    else:
        after = [c for c in cands if c[0] > m]
        before = [c for c in cands if c[1] <= m]
        if len(after) >= 2:
            speaker, target = after[0], after[1]
        elif after:
            speaker, target = (before[-1] if before else None), after[0]
        else:
            return event
        args["target"] = _span_arg(text, toks, target, entities)
        if speaker is not None:
            args["speaker"] = _span_arg(text, toks, speaker, entities)
        else:
            args.pop("speaker", None)
    return replace(event, args=args)


#: the finite forms of "vorwerfen" whose particle "vor" stands later ("wirft der Westen Pjöngjang vor")
WERFEN = frozenset("wirft warf werfen warfen werfe wirfst".split())
#: words that open a clause in front of its verb, the subject then after it ("Seit dem Treffen wirft der Westen …")
FRONTED_ADVERBS = frozenset("im am beim vom zum zur seit inzwischen nun jetzt heute gestern damals bereits "
                            "schon zudem außerdem auch dennoch trotzdem deshalb daher immer wieder erneut".split())


def reproach_roles(event: Event, text: str, toks: Sequence[Tok], entities: Sequence[EntityMention]) -> Event:
    """"Seit dem Treffen wirft der Westen Pjöngjang vor, …": where a phrase other than the subject
    stands before the finite verb, the subject follows it and accuses, the dative after it is
    accused (where the subject stands in front, "Die CSU warf der Opposition … vor", the two after
    the verb are the accused and the charge: see :func:`_subject_first`)."""
    k = _trigger_index(toks, event)
    if event.type != "ACCUSE" or k is None or toks[k].lower not in WERFEN:
        return event
    v = next((j for j in range(k + 1, min(len(toks), k + 12)) if toks[j].lower == "vor"
              and (j + 1 == len(toks) or toks[j + 1].text in {",", ".", ";", ":"})), None)
    if v is None:
        return event
    lo = clause_start(toks, k)
    if lo == k or toks[k - 1].lower in COORDINATORS:
        return event  # no subject in front of the verb ("und warfen Merkel Führungsschwäche vor")
    spans = [(e.start, e.end, e.label) for e in entities]
    groups = _noun_groups(toks, spans)
    after = [c for c in groups if k < c[0] and c[1] <= v and toks[c[0] - 1].lower not in PREPOSITIONS["de"]]
    if toks[lo].lower not in PREPOSITIONS["de"] | FRONTED_ADVERBS | DATIVE_ARTICLES:
        return _subject_first(event, text, toks, entities, [c for c in groups if c[1] == k], after)
    if len(after) < 2:
        return event
    speaker, target = after[0], after[1]
    args = dict(event.args)
    args["speaker"] = _span_arg(text, toks, speaker, entities)
    args["target"] = _span_arg(text, toks, target, entities)
    return replace(event, args=args)


#: articles that open a dative in front of the verb, not the subject ("Dem Vernehmen nach wirft …")
DATIVE_ARTICLES = frozenset({"dem"})


def _subject_first(event: Event, text: str, toks: Sequence[Tok], entities: Sequence[EntityMention],
                   subject: list[tuple[int, int]], after: list[tuple[int, int]]) -> Event:
    """"Russland warf Polen Vernachlässigung vor": the subject in front of the verb accuses and the
    first group after it is accused; mended only where the target is the subject (roles swapped)."""
    target = event.args.get("target")
    if not subject or not after or not isinstance(target, Argument):
        return event
    a, b = toks[subject[-1][0]].start, toks[subject[-1][1] - 1].end
    if not (target.start < b and a < target.end):
        return event
    args = dict(event.args)
    args["speaker"] = _span_arg(text, toks, subject[-1], entities)
    args["target"] = _span_arg(text, toks, after[0], entities)
    return replace(event, args=args)


def _noun_groups(toks: Sequence[Tok], spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Token ranges of entity mentions and capitalised noun groups (not a time expression's words)."""
    return [(c.start, c.end) for c in candidates(toks, spans, "de")
            if not any(toks[j].lower in {"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
                                         "sonntag", "woche", "jahr", "tag", "abend", "morgen"}
                       for j in range(c.start, c.end))]


def _span_arg(text: str, toks: Sequence[Tok], span: tuple[int, int], entities: Sequence[EntityMention]) -> Argument:
    a, b = toks[span[0]].start, toks[span[1] - 1].end
    k = next((n for n, e in enumerate(entities) if e.start == a and e.end == b), None)
    return Argument(a, b, text[a:b], mention=k)


#: words that join two clauses where a finite verb follows ("… erhalten und werde sie … einsetzen")
COORDINATORS = frozenset("und oder aber sowie and or but".split())
#: finite verbs that open the second of two joined clauses
SECOND_CLAUSE_VERBS = AUXILIARIES | frozenset("werde wolle könne solle müsse will would could should might may must "
                                              "shall".split())


def coordinated(event: Event, text: str, toks: Sequence[Tok], language: str) -> Event:
    """A clause joined after the trigger by "und" and a finite verb tells a happening of its own:
    its arguments are not the event's, and its future or modal verb does not plan the event
    ("Moskau habe Raketen erhalten und werde sie in der Ukraine einsetzen": the Ukraine supplies
    nothing, the receipt is reported, not planned)."""
    k = _trigger_index(toks, event)
    if k is None:
        return event
    b = None
    for j in range(k + 1, len(toks) - 1):
        if toks[j].text in {",", ";", ":", ".", "!", "?", "–", "(", ")"}:
            break
        if toks[j].lower in COORDINATORS and toks[j + 1].lower in SECOND_CLAUSE_VERBS:
            b = j
            break
    if b is None:
        return event
    cut = toks[b].start
    args: dict = {}
    for role, value in event.args.items():
        members = value if isinstance(value, tuple) else (value,)
        kept = tuple(a for a in members if a.start < cut or events_model.is_many(event.type, role))
        if kept:  # (the parties of talks may be named in the clause after: "… und wurde von Putin empfangen")
            args[role] = kept if isinstance(value, tuple) else kept[0]
    time = event.time if "time" in args or "time" not in event.args else None
    status = event.status
    if status == "planned" and event.start < cut:
        lo = next((n for n, t in enumerate(toks) if t.start >= event.start), 0)
        status = event_status(event.type, text[event.start:cut].lower(), event.trigger.text.lower(),
                              event.attribution, language, is_future(list(toks), (lo, b), k, language))
    if args == event.args and status == event.status:
        return event
    return replace(event, args=args, time=time, status=status)


#: the phrases that name what is given in return, not what is delivered ("im Tausch gegen Munition")
EXCHANGE = re.compile(r"(?:[Ii]m )?(?:[Tt]ausch|[Aa]ustausch|Gegenzug|Gegenleistung) (?:gegen|für)(?: [a-zäöüß-]+)?"
                      r"|[Ii]n (?:exchange|return) for(?: (?:the|a|an|its|their))?")


def exchanged(event: Event, text: str, toks: Sequence[Tok], language: str) -> Event:
    """What a supply is given in exchange for is not its item: "Moskau könnte Nordkorea im Tausch
    gegen Munition Technik liefern" delivers Technik; where the clause names no other thing
    between the exchanged one and the German verb, the event has no item."""
    item = event.args.get("item")
    if event.type != "SUPPLY" or not isinstance(item, Argument):
        return event
    before = text[max(0, item.start - 40):item.start]
    if not any(m.end() >= len(before.rstrip()) - 1 for m in EXCHANGE.finditer(before)):
        return event
    args = {r: v for r, v in event.args.items() if r not in {"item", "quantity"}}
    k = _trigger_index(toks, event)
    span = [t for t in toks if item.start <= t.start and k is not None and t.end <= toks[k].start]
    first = next((n for n, t in enumerate(span) if t.is_cap), None)  # the thing given in return
    after = span[first + 1:] if first is not None else []
    stop = next((n for n, t in enumerate(after) if t.lower in PREPOSITIONS["de"] | {"im", "am", "zum", "zur"}), None)
    after = after[:stop]  # "… Technik an Nordkorea liefern": the thing, not where it goes
    if language == "de" and after and any(t.is_cap for t in after) and all(
            t.is_word and (t.is_cap or t.lower in ARTICLES["de"] or LONE_ADJECTIVE.fullmatch(t.lower)
                           or t.text[0].isdigit()) for t in after):
        a, b = after[0].start, after[-1].end
        args["item"] = Argument(a, b, text[a:b])
    return replace(event, args=args)


#: the roles of who acts or is acted on
ACTORS = frozenset("attacker target supplier recipient participants parties visitor destination speaker "
                   "sanctioner".split())
#: a source phrase's noun: what "nach US-Erkenntnissen", "nach Angaben der USA" cite is no participant
SOURCE_NOUN = r"(?:Angaben|Erkenntnisse|Erkenntnissen|Informationen|Geheimdienstinformationen|Einschätzung|" \
              r"Einschätzungen|Schätzungen|Berichten|Darstellung|Quellen|Kreisen|Regierungskreisen)"
SOURCE_COMPOUND = re.compile(r"[\w-]+-" + SOURCE_NOUN)
SOURCE_BEFORE = re.compile(r"\b(?:nach|laut)\s+(?:\w+\s+)?" + SOURCE_NOUN + r"\s+(?:der|des|von|vom|aus)\s+(?:\w+\s+)?$")
#: the roles acted on, beside the role that acts ("Deutschland, Frankreich und Großbritannien" sanction together)
ACTED_ON = {"target": ("sanctioner", "attacker", "speaker"), "recipient": ("supplier",)}
LIST_WORDS = frozenset("und and sowie oder or as well die der das the".split())


def _listed(between: str) -> bool:
    """Whether the text between two names joins them in one list ("Spanien, Italien und Portugal")."""
    words = re.findall(r"[\w-]+|[^\w\s]", between)
    return 0 < len(words) <= 12 and any(w == "," or w.lower() in {"und", "and", "sowie", "oder", "or"} for w in words) \
        and all(w == "," or w.lower() in LIST_WORDS or w[:1].isupper() for w in words)
#: a count is a toll, not what an attack hits ("mehrere Menschen getötet und Dutzende verletzt")
COUNT_WORDS = re.compile(r"(?i)dutzende|hunderte|tausende|mehrere|zahlreiche|viele|dozens|hundreds|thousands|several"
                         r"|many")
#: prepositions that tell where a thing goes, not what it is ("an die Front schicken")
DIRECTIONAL = frozenset("an in nach zu zur zum ins to into towards".split())
#: people one sends, no supplies ("will Beobachter an die Front schicken", "sent troops")
PEOPLE_SENT = re.compile(r"(?i)\w*(?:soldaten|truppen|beobachter|berater|ausbilder|experten|diplomaten|delegation|"
                         r"kämpfer|söldner|troops|soldiers|observers|advisers|advisors|instructors|diplomats|"
                         r"fighters|mercenaries)")


def _members(value):
    return value if isinstance(value, tuple) else (value,)


#: verbs by which an outlet or a body reports what happened ("Sana berichtete von dutzenden Getöteten")
REPORTS_OF = re.compile(r"\b(?:berichte|berichtet|berichtete|berichteten|meldet|meldete|meldeten|sprach|sprachen|spricht|"
                        r"reported|reports|spoke)\b")


def reporter(text: str, a: Argument, event: Event) -> bool:
    """Whether ``a`` reports the event rather than takes part in it: it is the subject of a report
    verb whose "von"/"of" phrase holds the trigger ("Auch hier berichtete Sana von mehreren
    getöteten Terroristen": Sana is no attacker)."""
    trigger = event.trigger.start
    if a.end > trigger:
        return False
    between = text[a.end:trigger]
    if not re.search(r"\b(?:von|vom|über|of)\b", between) or re.search(r"[;:.]", between):
        return False
    return REPORTS_OF.search(text[max(event.start, a.start - 40):trigger]) is not None


def participants_checked(event: Event, text: str, entities: Sequence[EntityMention], language: str) -> Event:
    """Participants that are no participants: the source a phrase cites ("nach US-Erkenntnissen"),
    a name listed beside the one who acts (target "Großbritannien" of "Deutschland, Frankreich und
    Großbritannien reagierten mit Sanktionen"), a count as a target ("Dutzende verletzt"); an office
    right before a person's name is that person ("Foreign Minister Abbas Araghchi")."""
    args: dict = {}
    for role, value in event.args.items():
        kept = []
        for a in _members(value):
            if role in ACTORS and (SOURCE_COMPOUND.fullmatch(a.text) or SOURCE_COMPOUND.match(text, a.end - len(
                    a.text.split()[-1]) if a.text.split() else a.end) or SOURCE_BEFORE.search(text[max(0, a.start - 60):a.start])):
                continue
            if role == "target" and COUNT_WORDS.fullmatch(a.text.strip()):
                continue
            if role in ACTORS and role != "speaker" and reporter(text, a, event):
                continue
            words = a.text.split()
            if role in ACTORS and a.mention is None and words and office_word(words[-1].split("-")[-1], language):
                k = next((n for n, e in enumerate(entities) if e.label == "PER" and a.end < e.start
                          and not text[a.end:e.start].strip()), None)
                if k is not None:
                    e = entities[k]
                    if any((x.start, x.end) == (e.start, e.end) for _, x in events_model.each_arg(event.args)):
                        continue  # the person is an argument already: the office is none of its own
                    a = Argument(e.start, e.end, text[e.start:e.end], mention=k)
            kept.append(a)
        if kept:
            args[role] = tuple(kept) if isinstance(value, tuple) else kept[0]
    for role, agents in ACTED_ON.items():
        value = args.get(role)
        if not isinstance(value, Argument):
            continue
        for agent in agents:
            for b in _members(args.get(agent, ())):
                lo, hi = (b.end, value.start) if b.end <= value.start else (value.end, b.start)
                if lo <= hi and _listed(text[lo:hi]):
                    args.pop(role, None)
    if args == event.args:
        return event
    time = event.time if "time" in args or "time" not in event.args else None
    return replace(event, args=args, time=time)


def apposed(event: Event, text: str, entities: Sequence[EntityMention]) -> Event:
    """A name right after a group noun is that group's name: attacker "der Islamistengruppe" of
    "von der Islamistengruppe Ansar Dine angegriffen" (or "Gruppe" of "Die Gruppe Ansar Dine griff …
    an") is Ansar Dine, which is then no target of
    its own (lists of participants are left: "traf der Außenminister Lawrow" may be two)."""
    args = dict(event.args)
    for role, a in event.args.items():
        if not isinstance(a, Argument) or role not in ACTORS or role in {"participants", "parties"}:
            continue
        words = a.text.split()
        before = text[max(0, a.start - 6):a.start].split()
        if a.mention is not None or not words or not words[-1][:1].isupper() \
                or not (words[0].lower() in ARTICLES["de"] or (before and before[-1].lower() in ARTICLES["de"])):
            continue
        k = next((n for n, e in enumerate(entities) if e.start > a.end and not text[a.end:e.start].strip()
                  and e.label in {"PER", "ORG", "GPE"}), None)
        if k is None or (a.start <= event.trigger.start < entities[k].end):
            continue
        name = entities[k]
        for other, b in event.args.items():
            if other != role and isinstance(b, Argument) and (b.start, b.end) == (name.start, name.end):
                args.pop(other, None)
        args[role] = Argument(a.start, name.end, text[a.start:name.end], mention=k)
    return event if args == event.args else replace(event, args=args)


def sent_people(event: Event, text: str, toks: Sequence[Tok]) -> Event | None:
    """People sent are no supply ("will Beobachter an die Front schicken", the item the place after
    "an"; "sent observers"): None."""
    if event.type != "SUPPLY":
        return event
    item = event.args.get("item")
    k = _trigger_index(toks, event)
    people = [t for t in toks if PEOPLE_SENT.fullmatch(t.text) and (k is None or 0 <= k - toks.index(t) <= 6)]
    if isinstance(item, Argument):
        before = [t for t in toks if t.end <= item.start]
        if before and before[-1].lower in DIRECTIONAL and people:
            return None  # ("eine Menge an Munition" is an item: only where people are sent)
        if PEOPLE_SENT.fullmatch(item.text.split()[-1]) if item.text.split() else False:
            return None
    return event


#: English verbs that take the receiver as object and the thing after "with" ("supplied the panel with images")
WITH_VERBS = re.compile(r"(?:suppl|provid|furnish|equipp?|arm)(?:y|ies|ied|ying|e|es|ed|ing|s)?")
#: words that end the thing after "with"
WITH_END = frozenset(", . ; : of that which who to from for in on at by according since".split())


def supplied_with(event: Event, text: str, toks: Sequence[Tok], language: str) -> Event:
    """English "X supplied the panel with satellite images": the object is who receives, the
    phrase after "with" what is supplied."""
    item = event.args.get("item")
    k = _trigger_index(toks, event)
    if language != "en" or event.type != "SUPPLY" or k is None or not isinstance(item, Argument) \
            or not WITH_VERBS.fullmatch(toks[k].lower) or "recipient" in event.args:
        return event
    w = next((j for j in range(k + 1, min(len(toks), k + 8)) if toks[j].lower == "with"), None)
    if w is None or w == k + 1 or not all(t.is_word for t in toks[k + 1:w]):
        return event
    end = next((j for j in range(w + 1, len(toks)) if toks[j].lower in WITH_END), len(toks))
    obj = (toks[k + 1].start, toks[w - 1].end)
    if end <= w + 1 or not ((item.start, item.end) == obj or toks[w + 1].start <= item.start < toks[end - 1].end):
        return event
    args = dict(event.args)
    args["recipient"] = Argument(obj[0], obj[1], text[obj[0]:obj[1]])
    a, b = toks[w + 1].start, toks[end - 1].end
    args["item"] = Argument(a, b, text[a:b])
    return replace(event, args=args)


#: authorities whose "targeting" is a sanction, not a strike ("The US Treasury targeted Iran Air")
AUTHORITIES = re.compile(r"(?i)\b(?:treasury|finance ministry|finanzministerium|commerce department|state department|"
                         r"european commission|eu-kommission|council|regulators?|ofac)\b")
TARGETING = re.compile(r"target(?:s|ed|ing)?|nahm\w* ins visier")


def sanctioning(event: Event) -> Event:
    """An attack whose attacker is an authority that targets ("The US Treasury targeted Iran
    Air") is a sanction: the attacker sanctions, the target is sanctioned."""
    attacker = event.args.get("attacker")
    if event.type != "ATTACK" or not isinstance(attacker, Argument) or not TARGETING.fullmatch(event.trigger.text.lower()):
        return event
    lo, hi = attacker.start - event.start, event.trigger.start - event.start  # "US" of "The US Treasury targeted"
    subject = event.text[lo:hi] if 0 <= lo <= hi <= len(event.text) else attacker.text
    if not AUTHORITIES.search(attacker.text) and not AUTHORITIES.search(subject):
        return event
    roles = {"attacker": "sanctioner", "target": "target", "time": "time"}  # a sanction has no place
    args = {roles[r]: v for r, v in event.args.items() if r in roles}
    return replace(event, type="SANCTION", args=args)


#: words that end the place after English "travelled to"
TO_END = frozenset(", . ; : in on at for with by from since during after before and last this next".split())


def travelled_to(event: Event, text: str, toks: Sequence[Tok], language: str) -> Event:
    """English "Kim travelled to the Vostochny cosmodrome …, a summit US officials had warned …":
    the place right after "to" is where the visitor went, not a name further on."""
    k = _trigger_index(toks, event)
    dest = event.args.get("destination")
    if language != "en" or event.type != "VISIT" or k is None or k + 2 >= len(toks) or toks[k + 1].lower != "to" \
            or not isinstance(dest, Argument):
        return event
    end = next((j for j in range(k + 2, len(toks)) if toks[j].lower in TO_END), len(toks))
    a, b = toks[k + 2].start, toks[end - 1].end
    if end <= k + 2 or a <= dest.start < b or end - k > 10:
        return event
    args = dict(event.args)
    args["destination"] = Argument(a, b, text[a:b])
    return replace(event, args=args)


def with_plural_office(event: Event, text: str, toks: Sequence[Tok], language: str) -> Event:
    """An English actor that is one capitalised word before a plural office ("Foreign ministers
    from roughly 50 countries … condemned") is the office, not the adjective alone."""
    if language != "en":
        return event
    args = dict(event.args)
    for role, value in event.args.items():
        if role not in ACTORS or not isinstance(value, Argument) or " " in value.text.strip():
            continue
        j = next((n for n, t in enumerate(toks) if t.start >= value.end), None)
        if j is not None and toks[j].start == value.end + 1 and not toks[j].is_cap \
                and toks[j].lower.endswith("s") and office_word(toks[j].lower, language):
            args[role] = Argument(value.start, toks[j].end, text[value.start:toks[j].end])
    return event if args == event.args else replace(event, args=args)


#: roles that name a thing
THINGS = frozenset({"about", "object", "item", "reason"})
#: words that end the noun phrase after a possessive
POSSESSED_END = frozenset(", . ; : of to from for in on at by with as and or that which who since during".split())


def possessed(event: Event, text: str, toks: Sequence[Tok], language: str) -> Event:
    """A thing that is a possessive alone ("Putin signed Russia's ratification law": "Russia's")
    is the noun phrase it owns ("Russia's ratification law")."""
    if language != "en":
        return event
    args = dict(event.args)
    for role, value in event.args.items():
        if role not in THINGS or not isinstance(value, Argument) or not value.text.endswith(("'s", "’s")):
            continue
        j = next((n for n, t in enumerate(toks) if t.start >= value.end), None)
        end = j
        while end is not None and end < len(toks) and end - j < 5 and toks[end].is_word \
                and toks[end].lower not in POSSESSED_END:
            end += 1
        if j is not None and end > j:
            args[role] = Argument(value.start, toks[end - 1].end, text[value.start:toks[end - 1].end])
    return event if args == event.args else replace(event, args=args)
