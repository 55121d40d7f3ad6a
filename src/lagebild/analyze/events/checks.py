"""Checks after the learned model: events that idioms and ordinary verbs make are dropped
(:mod:`lagebild.analyze.events.idioms`), arguments of the wrong kind are dropped or mended, and the
status is read again from the clause (negation, demands, passives, Konjunktiv).

Each check names the reading it rejects; a check looks at the trigger, the words of its clause
near it, and the kinds of the argument spans (entities, time expressions), never at gold data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from lagebild.analyze.events.candidates import office_word
from lagebild.analyze.events.idioms import rejected
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

#: roles that name who acts or is acted on: never a date
PARTICIPANT_ROLES = frozenset("attacker target supplier recipient participants parties visitor destination speaker "
                              "sanctioner".split())


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
