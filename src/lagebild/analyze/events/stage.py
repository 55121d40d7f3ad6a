"""Typed events with arguments, attribution and epistemic status (stage ``lagebild.events``).

:func:`find` is pure: the article text, its sentences, entity mentions, time expressions,
quantities and quotes in, :class:`~lagebild.model.Event` records out.

* Triggers and argument frames come from ``resources/events/triggers.tsv`` (see
  :mod:`.triggers`, :mod:`.arguments`); arguments are entity mentions where one fits, text
  spans otherwise.
  The finder fills numbered slots for several participants or parties (``participant``,
  ``participant2``, …); the event holds them as the one list role of the event model
  (:mod:`lagebild.model.events`: ``participants``, ``parties``).
* Attribution: the speaker of the quote an event sits in ("nach US-Erkenntnissen" → US
  intelligence, "laut Kyiv Independent" → the outlet, "Experten vermuten" → experts); None where
  the report states the event itself (:mod:`.attribution`).
* Status (:mod:`.status`), from markers of the clause and the clause that governs it
  (``resources/events/markers.tsv``): denied > alleged > hedged > planned > reported > asserted.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import cached_property
from collections.abc import Sequence

from lagebild.analyze.events import checks, learned
from lagebild.analyze.events.arguments import RawEvent, fill, model_role
from lagebild.analyze.events.attribution import PERSON, carry_source, event_attribution, sentence_source, source_cue
from lagebild.analyze.events.candidates import Cand, candidates
from lagebild.analyze.events.clauses import clauses
from lagebild.analyze.events.find import find_in_clause
from lagebild.analyze.events.patterns import NUMBER_RE, TIME_RE
from lagebild.analyze.events.status import event_status, is_future
from lagebild.analyze.events.status_checks import NOUN_NEGATION
from lagebild.analyze.events.triggers import any_trigger, is_trigger_word, markers, triggers
from lagebild.analyze.events.vocabulary import vocabulary
from lagebild.analyze.text.speech import ARTICLES, SUBORDINATORS, Tok, tokens
from lagebild.model import events as events_model
from lagebild.model import Argument, Attribution, EntityMention, Event, Quantity, Quote, Span, Timex
from lagebild.analyze.pipeline import PRELOAD, Doc, stage

STAGE = "lagebild.events"
#: 39: a dash that opens a new statement ("… vor – Auch scharfe Kritik der Grünen.") parts two events;
#: 38: read from facts on 30 random derStandard articles: a dateline place and who condemns act in no
#: event, a lone adjective party or place is its group, "Am Rande von X" is a place, a subject-first
#: "wirft … vor" swapped back, a name after a group noun is that group, "vor einigen Tagen" no AGREE;
#: 35: English "shelled", "bombed", "massacred", "murdered", "assassinate" attack without a weapon named;
#: 34: the English model rebuilt with the trigger features seen at least twice (training/events/train.py);
#: 33: an English sentence opening with a modal or an opener ("Can we …", "Please …") names no one;
#: 31: people turned back, a place closed, a paper sent are no DENY/AGREE/SUPPLY; who reports
#: an attack ("berichtete Sana von … Getöteten") is no attacker; "Erstmals", "Nicht" no noun group;
#: 30: the noun "Kritik" is a condemnation only where it is voiced;
#: 29: an argument inside its own trigger goes ("deal" as what a deal agrees);
#: 28: a joined clause keeps the parties and participants it names for the event;
#: 27: an English possessive alone as a thing is the phrase it owns ("Russia's ratification law");
#: 26: an item after "an" is kept unless people are sent ("eine Menge an Artilleriemunition");
#: 25: English "travelled to X" keeps X as destination, "Foreign ministers" is the speaker;
#: 24: "The US Treasury targeted": the name before the authority word sanctions too;
#: 23: English "supplied X with Y" gives X as recipient, an authority targeting sanctions;
#: 22: a German negation counts only between the commas around the verb;
#: 21: the source a phrase cites, a name listed beside the actor and a count are no participants, an
#: office before a name is the person, people sent are no supply;
#: 20: a clause joined by "und" and a finite verb keeps its own arguments and future, what a supply is
#: given in exchange for is not its item, "wirft X Y vor" accuses with X;
#: 19: arriving at a moment or a conclusion is no visit;
#: 18: a speech verb without a subject is no source ("geht man davon aus"): the frame's place is;
#: 17: English "could", "may", "perhaps" near an event hedge it;
#: 16: English intent before "to", "proposed", and cancellations give planned and denied;
#: 15: German "soll" + infinitive planned, "ohne … zu" denied, a purpose clause plans only what is in it;
#: 14: German pronouns are argument candidates (the shipped German model scores them);
#: 13: English pronouns and determiner phrases are argument candidates, the English argument model refitted;
#: 12: "demnach"/"according to this" carry the source of the sentence before, Konjunktiv I is reported,
#: the rules' reported/alleged overrule the status model's asserted, arguments of the wrong kind go, a
#: sentence's one date is its one event's time, German arguments refitted and the model's first;
#: 11: English "so called" is no call, "the best times to visit" no visit;
#: 10: English "deal with" as a verb is no agreement, letter bombs sent are an attack;
#: 9: who denies, accuses or condemns is not also what is denied ("was Moskau bestreitet");
#: 8: English participles after an auxiliary and adverbs ("had recently delivered") are verbs,
#: the source "according to" cites is no participant, "said …that, …" opens the message;
#: 7: treffen as a hit or a choice is no meeting, demanded/refused events planned/denied;
#: 6: checks after the model, more triggers; 5: the learned model decides (confidence); 4: list roles
VERSION = "39"
GAP_RE = re.compile(r"\s*(?:[a-zäöüß0-9-]+\s+|Schuss\s+|Tonnen\s+|Stück\s+){0,3}")
#: third-person singular subject pronouns resolved to a person ("er" alone: "sie" may be plural)
SUBJECT_PRONOUNS = {"de": frozenset({"er"}), "en": frozenset({"he", "she", "it"})}
NEGATION = re.compile(r"\b(?:nicht|keine|keinerlei|niemals|not|never|no longer|hasn't|haven't|didn't|did not)\b")


def _arguments(text: str, raw: RawEvent) -> dict[str, Argument | tuple[Argument, ...]]:
    """The event's arguments by model role; a list role's members in slot order (subject first)."""
    order = sorted(raw.args.items(), key=lambda kv: (model_role(kv[0]), int(kv[0][len(kv[0].rstrip("0123456789")):] or 1)))
    grouped = events_model.group_args(raw.type, ((model_role(slot), _argument(text, span)) for slot, span in order))
    ranked = {model_role(slot): None for slot in raw.args}  # roles in the finder's order
    return {role: tuple(grouped[role]) if isinstance(grouped[role], list) else grouped[role] for role in ranked}


def _argument(text: str, span: tuple[int, int, int | None]) -> Argument:
    a, b, m = span
    return Argument(a, b, text[a:b], mention=m)


def _date_arg(text: str, span: tuple[int, int], timexes: Sequence[Timex]) -> Argument | None:
    """The first date or time expression that starts in ``span``, as an argument."""
    for k, tx in enumerate(timexes):
        if span[0] <= tx.start < span[1] and tx.type in {"DATE", "TIME"}:
            return Argument(tx.start, tx.end, text[tx.start:tx.end], timex=k, value=tx.value)
    return None


def _time_arg(text: str, clause: tuple[int, int], timexes: Sequence[Timex]) -> tuple[Argument | None, str | None]:
    found = _date_arg(text, clause, timexes)
    if found is not None:
        return found, found.value
    if timexes:
        return None, None
    m = TIME_RE.search(text, clause[0], clause[1])
    if m:
        return Argument(m.start(), m.end(), m.group()), None
    return None, None


def _quantity_arg(text: str, item: Argument | None, clause: tuple[int, int], quantities: Sequence[Quantity]
                  ) -> Argument | None:
    if item is None:
        return None
    for k, q in enumerate(quantities):
        if clause[0] <= q.start < clause[1] and q.start <= item.end and (
                q.start >= item.start or q.end >= item.start or GAP_RE.fullmatch(text[q.end:item.start])):
            end = q.end if q.end <= item.start or q.start >= item.start else item.start
            while end > q.start and text[end - 1].isspace():
                end -= 1
            return Argument(q.start, end, text[q.start:end], quantity=k, value=q.value)
    if quantities:
        return None
    window = max(clause[0], item.start - 60)
    best = None
    for m in NUMBER_RE.finditer(text, window, item.end):
        gap = text[m.end():item.start] if m.end() <= item.start else ""
        if m.end() <= item.end and m.group().strip() and (m.start() >= item.start or GAP_RE.fullmatch(gap)):
            best = m
    if best is not None:
        return Argument(best.start(), best.end(), best.group())
    return None


RELATIVE = {"de": frozenset({"die", "der", "das", "welche", "welcher", "welches"}),
            "en": frozenset({"that", "which"})}


def _antecedent(text: str, toks: list[Tok], clause: tuple[int, int], prev: tuple[int, int] | None,
                quantities: Sequence[Quantity], language: str) -> tuple[Argument | None, Argument | None]:
    """The counted thing a relative clause refers back to, as (item, quantity):
    "… von etwa 1,5 Millionen Granaten, die Pjöngjang nach Russland verschifft haben soll"."""
    lo = clause[0]
    if prev is None or lo == 0 or toks[lo].lower not in RELATIVE.get(language, ()) or toks[lo - 1].text != ",":
        return None, None
    comma = toks[lo - 1].start
    for k, q in enumerate(quantities):
        if toks[prev[0]].start <= q.start and q.end <= comma and q.unit:
            tail = text[q.end:comma]
            if not tail.strip() or (len(tail.split()) <= 3 and not any(ch in tail for ch in ",;:()")):
                item_start = q.end + len(tail) - len(tail.lstrip()) if tail.strip() else q.start
                item = Argument(item_start, comma, text[item_start:comma]) if tail.strip() else \
                    Argument(q.start, q.end, text[q.start:q.end])
                return item, Argument(q.start, q.end, text[q.start:q.end], quantity=k, value=q.value)
    return None, None


def find(text: str, sentences: Sequence[tuple[int, int]], entities: Sequence[EntityMention] = (),
         timexes: Sequence[Timex] = (), quantities: Sequence[Quantity] = (), quotes: Sequence[Quote] = (),
         language: str = "de", stage_name: str = f"{STAGE}.v{VERSION}", model: learned.Model | None = None
         ) -> list[Event]:
    """All events of an article; ``sentences`` are ``(start, end)`` offsets into ``text``.

    With a learned ``model`` the rules' events of each sentence are its features and second
    opinion, and the model decides (:func:`_learned`); without one the rules decide."""
    lang = "en" if language == "en" else "de"
    names = set()
    for q in quotes:
        if q.speaker is not None and q.speaker.name and PERSON.match(q.speaker.name):
            names.update(w for w in q.speaker.name.split() if w[:1].isupper())
    for e in entities:
        if e.label == "PER":
            names.update(w for w in (e.name or e.text).split() if w[:1].isupper())
    names_t = tuple(sorted(names))
    events: list[Event] = []
    order = sorted(range(len(entities)), key=lambda k: entities[k].start)
    starts = [entities[k].start for k in order]
    persons = [k for k in order if entities[k].label == "PER"]
    prev_sentence = (0, 0)
    source: Attribution | None = None  # who the sentence before reports from (for a "demnach")
    exact: dict[tuple[int, int], tuple[str, int]] = {}
    if model is not None:  # an argument span → the record it is (the later kind wins, as in an update)
        exact = {(e.start, e.end): ("mention", k) for k, e in enumerate(entities)}
        exact.update({(t.start, t.end): ("timex", k) for k, t in enumerate(timexes)})
        exact.update({(q.start, q.end): ("quantity", k) for k, q in enumerate(quantities)})
    read: list[tuple[tuple[int, int], list[Tok], _Reading, list[Event]]] = []
    for a, b in sorted(sentences) or [(0, len(text))]:
        last_sentence, prev_sentence = prev_sentence, (a, b)
        toks = tokens(text, a, b)
        if len(toks) < 3:
            continue
        near = order[bisect.bisect_left(starts, a - 200):bisect.bisect_right(starts, b)]
        reading = _Reading(text, toks, (a, b), last_sentence, entities, near, persons, names_t, quotes, lang)
        found: list[Event] = []
        if any(t.is_word and is_trigger_word(lang, t.lower) for t in toks):  # else no clause finds an event
            parts, opens = reading.parts, reading.opens
            for n, clause in enumerate(parts):
                prev = parts[n - 1] if n else None
                nxt = parts[n + 1] if n + 1 < len(parts) else None
                for raw in find_in_clause(text, toks, clause, reading.cands, lang, prev):
                    governed = prev is not None and toks[clause[0]].start in opens
                    event = _record(text, toks, raw, clause, prev, entities, timexes, quantities, quotes, lang,
                                    stage_name, governed)
                    found.append(_continued(event, text, toks, nxt, entities, timexes))
        read.append(((a, b), toks, reading, found))
    probs = learned.trigger_probabilities(model, [(toks, found) for _, toks, _, found in read], lang) \
        if model is not None else [None] * len(read)
    for ((a, b), toks, reading, found), p in zip(read, probs):
        if model is not None and (found or not learned.quiet(model, p)):  # else the model finds nothing
            framed = _framer(text, toks, reading, entities, timexes, quantities, quotes, lang, stage_name)
            found = _learned(model, text, (a, b), toks, found, entities, timexes, quantities, quotes, lang, stage_name,
                             exact, framed, p)
            found = checks.apply(found, text, toks, timexes, lang, entities)
        found = carry_source(found, text, (a, b), source)
        source = sentence_source(text, (a, b), found, quotes, entities, source)
        events.extend(found)
    return events


class _Reading:
    """What the rules read of a sentence: its argument candidates, clauses and the quotes that open
    clauses in it, each worked out when first asked for (most sentences have no trigger word and
    no event, and need none of them)."""

    def __init__(self, text: str, toks: list[Tok], sentence: tuple[int, int], last: tuple[int, int],
                 entities: Sequence[EntityMention], near: Sequence[int], persons: list[int], names: tuple[str, ...],
                 quotes: Sequence[Quote], language: str) -> None:
        self.text, self.toks, self.sentence, self.last = text, toks, sentence, last
        self.entities, self.near, self.persons, self.names = entities, near, persons, names
        self.quotes, self.language = quotes, language

    @cached_property
    def cands(self) -> list[Cand]:
        a, b = self.sentence
        blocked = [(x.start, x.end) for q in self.quotes if a <= q.start < b and source_cue(q)
                   for x in (q.cue, q.speaker) if x is not None and x.start is not None]
        toks, lang = self.toks, self.language
        near = [(k, self.entities[k]) for k in self.near]
        cands = [c for c in candidates(self.text, toks, near, self.names, lang)
                 if not any(x < c.end and c.start < y for x, y in blocked) and not _cited(toks, c.first, lang)]
        return _with_pronouns(toks, cands, self.entities, self.persons, self.sentence, self.last, lang, blocked)

    @cached_property
    def opens(self) -> set[int]:
        a, b = self.sentence
        return {q.start for q in self.quotes
                if a <= q.start < b and q.cue is not None and not (q.start <= q.cue.start < q.end)}

    @cached_property
    def parts(self) -> list[tuple[int, int]]:
        return clauses(self.toks, self.opens, self.language)


#: the words that name a source right before it ("according to US intelligence", "laut Kyiv Independent")
SOURCE_PREFIXES = {"en": ("according", "to"), "de": ("laut",)}


def _cited(toks: list[Tok], first: int, language: str) -> bool:
    """Whether the candidate at token ``first`` is the source a phrase cites, no participant (also
    where no quote holds the phrase: "said that, according to US intelligence, Pyongyang had …")."""
    prefix = SOURCE_PREFIXES[language]
    k = first
    while k > 0 and toks[k - 1].lower in ARTICLES[language]:
        k -= 1
    return k >= len(prefix) and tuple(t.lower for t in toks[k - len(prefix):k]) == prefix


def candidate_spans(a: int, b: int, rule_events: Sequence[Event], entities: Sequence[EntityMention],
                    timexes: Sequence[Timex], quantities: Sequence[Quantity]) -> list[tuple[int, int, str]]:
    """Labelled spans of the sentence ``[a, b)`` that may fill an argument (for the learned model)."""
    spans = [(e.start, e.end, e.label) for e in entities if a <= e.start and e.end <= b]
    spans += [(t.start, t.end, "TIMEX") for t in timexes if a <= t.start and t.end <= b]
    spans += [(q.start, q.end, "QUANT") for q in quantities if a <= q.start and q.end <= b]
    for ev in rule_events:
        for role, value in ev.args.items():
            for arg in value if isinstance(value, tuple) else (value,):
                if a <= arg.start and arg.end <= b:
                    spans.append((arg.start, arg.end, "role:" + role))
    return spans


#: the openers of a clause that goes on telling the happening of the clause before it
CONTINUING = frozenset({"wobei", "whereby"})


def _continued(event: Event, text: str, toks: list[Tok], nxt: tuple[int, int] | None,
               entities: Sequence[EntityMention], timexes: Sequence[Timex]) -> Event:
    """An event's time and place from the clause after it where that clause goes on telling it
    ("… nordkoreanische Raketen eingesetzt hat, wobei am 2. Januar Ziele in Charkiw ins Visier
    genommen wurden"): only roles the event's own clause left empty."""
    if nxt is None or toks[nxt[0]].lower not in CONTINUING:
        return event
    lo, hi = toks[nxt[0]].start, toks[nxt[1] - 1].end
    args = dict(event.args)
    time_value = event.time
    if "time" not in args:
        found = _date_arg(text, (lo, hi), timexes)
        if found is not None:
            args["time"] = found
            time_value = time_value or found.value
    if events_model.TYPES[event.type].role("place") is not None and "place" not in args:
        k = next((k for k, e in enumerate(entities) if lo <= e.start < hi and e.label in {"LOC", "GPE"}
                  and text[max(lo, e.start - 3):e.start].strip().lower() in {"in", "im"}), None)
        if k is not None:
            e = entities[k]
            args["place"] = Argument(e.start, e.end, text[e.start:e.end], mention=k)
    if args == event.args:
        return event
    return replace(event, args=args, time=time_value)


def _armed(event: Event) -> bool:
    """Whether a rule event's item or weapon names a weapon ("ballistische Raketen", "artillery
    shells"): the rules' deliveries and strikes of weapons, kept beside the model."""
    weapon_re = vocabulary().weapon_re
    for role in ("item", "weapon"):
        arg = event.args.get(role)
        if isinstance(arg, Argument) and any(weapon_re.fullmatch(w) for w in re.findall(r"\w+", arg.text.lower())):
            return True
    return False


def _merge_args(first: dict, second: dict) -> dict:
    """``first``'s arguments, and ``second``'s for roles ``first`` leaves empty where they do not
    overlap an argument already taken."""
    taken = [(a.start, a.end) for _, a in events_model.each_arg(first)]
    merged = dict(first)
    for role, value in second.items():
        members = value if isinstance(value, tuple) else (value,)
        if role not in merged and not any(a.start < y and x < a.end for a in members for x, y in taken):
            merged[role] = value
    return merged


def _framer(text: str, toks: list[Tok], reading: _Reading, entities: Sequence[EntityMention],
            timexes: Sequence[Timex], quantities: Sequence[Quantity], quotes: Sequence[Quote], language: str,
            stage_name: str):
    """A function that gives the event the rules' argument frames make for a type at a token the
    rules did not take as a trigger (the first frame of the type that fills), or None."""
    def framed(etype: str, i: int) -> Event | None:
        parts, cands, opens = reading.parts, reading.cands, reading.opens
        n = next((k for k, (lo, hi) in enumerate(parts) if lo <= i < hi), None)
        if n is None:
            return None
        clause, prev = parts[n], (parts[n - 1] if n else None)
        noun = toks[i].is_cap and i > clause[0] if language == "de" else i > clause[0] and (
            toks[i - 1].lower in ARTICLES["en"] or toks[i - 1].text.endswith(("'s", "’s")))
        for trig in triggers(language):
            if trig.type != etype or trig.noun != noun or trig.particle is not None:
                continue
            raw = fill(text, toks, clause, cands, trig, i, None, language, prev)
            if raw is not None:
                governed = prev is not None and toks[clause[0]].start in opens
                return _record(text, toks, raw, clause, prev, entities, timexes, quantities, quotes, language,
                               stage_name, governed)
        return None
    return framed


#: the rules' statuses that overrule the status model's "asserted" (a source or "soll" the model missed;
#: English dev status accuracy 0.588 → 0.629)
RULES_OVER_ASSERTED = frozenset({"reported", "alleged"})


#: the roles where a model with ``args_first`` takes its own argument before the rules' (German dev,
#: matched events: object, speaker, attacker, target and place gain; the rules stay first for the
#: participants, parties, visitors, suppliers and recipients of news like the seeds)
MODEL_FIRST_ROLES = frozenset({"object", "speaker", "attacker", "target", "place"})


def _learned(model: learned.Model, text: str, sentence: tuple[int, int], toks: list[Tok], rule_events: list[Event],
             entities: Sequence[EntityMention], timexes: Sequence[Timex], quantities: Sequence[Quantity],
             quotes: Sequence[Quote], language: str, stage_name: str,
             exact: dict[tuple[int, int], tuple[str, int]], framed=None, probs=None) -> list[Event]:
    """The sentence's events as the learned model decides them (offsets from its token ranges;
    ``exact``: the article's entity, time and quantity spans, to link an argument to its record;
    ``probs``: the trigger model's, where already worked out for the article).
    An event the rules did not find takes the arguments the rules' frames give its type at its
    trigger (``framed``) where one fills, else the model's own."""
    def spans() -> list[tuple[int, int, str]]:
        return candidate_spans(*sentence, rule_events, entities, timexes, quantities)

    out = []
    found = learned.decide(model, text, toks, rule_events, spans, language, probs=probs)
    for n, rule in enumerate(rule_events):  # the rules' events the model has no event for (second opinion)
        if (model.keep_rules or (model.keep_armed and _armed(rule))) and not any(f.rule == n for f in found):
            out.append(replace(rule, confidence=None))
    for f in found:
        ts, te = toks[f.trigger[0]].start, toks[f.trigger[1] - 1].end
        rule = rule_events[f.rule] if f.rule is not None else None
        status = f.status
        args: dict[str, Argument | tuple[Argument, ...]] = {}
        time_value = None
        for role, members in f.args.items():
            built = []
            for s, e, _ in members:
                start, end = toks[s].start, toks[e - 1].end
                kind, k = exact.get((start, end), ("", None))
                if k is None:  # a part of a name ("Iran" of "Iran Air"): the whole mention
                    k = next((n for n, m in enumerate(entities) if m.start <= start and end <= m.end
                              and m.end - m.start <= 60 and m.label in {"PER", "ORG", "GPE", "LOC"}), None)
                    if k is not None:
                        kind, start, end = "mention", entities[k].start, entities[k].end
                value = timexes[k].value if kind == "timex" and k is not None else \
                    quantities[k].value if kind == "quantity" and k is not None else None
                built.append(Argument(start, end, text[start:end], mention=k if kind == "mention" else None,
                                      timex=k if kind == "timex" else None, quantity=k if kind == "quantity" else None,
                                      value=value))
                if role == "time" and kind == "timex" and time_value is None:
                    time_value = value
            args[role] = tuple(built) if events_model.is_many(f.type, role) else built[0]
        own_first = False
        if rule is None and framed is not None and model.frames:
            rule = framed(f.type, f.trigger[0])
            own_first = True  # a frame the model chose the type for: its own roles first
        if rule is not None:  # the rules' arguments first (more precise), the model's for roles they leave empty
            if own_first:
                args = _merge_args(args, rule.args)
            elif model.args_first:
                args = _merge_args(_merge_args({r: v for r, v in args.items() if r in MODEL_FIRST_ROLES}, rule.args), args)
            else:
                args = _merge_args(rule.args, args)
            attribution = rule.attribution
            if model.rule_status:
                status = rule.status
            elif status == "asserted" and rule.status in RULES_OVER_ASSERTED:
                status = rule.status
            time_value = time_value or rule.time
            clause = (rule.start, rule.end)
        else:
            attribution = event_attribution(text, (ts, te), quotes, entities, toks, language)
            clause = sentence
            if model.rule_status or status == "asserted":  # the status the rules' markers give it
                scope = text[sentence[0]:sentence[1]].lower()
                opinion = event_status(f.type, scope, text[ts:te].lower(), attribution, language,
                                       is_future(toks, (0, len(toks)), f.trigger[0], language))
                if model.rule_status or opinion in RULES_OVER_ASSERTED:
                    status = opinion
        out.append(Event(f.type, clause[0], clause[1], text[clause[0]:clause[1]], Span(ts, te, text[ts:te]), args,
                         time_value, attribution, status, stage_name, round(f.confidence, 4)))
    return sorted(out, key=lambda e: (e.trigger.start, e.type))


def _with_pronouns(toks: list[Tok], cands: list[Cand], entities: Sequence[EntityMention], persons: list[int],
                   sentence: tuple[int, int], last: tuple[int, int], language: str,
                   blocked: list[tuple[int, int]]) -> list[Cand]:
    """Subject pronouns as candidates for the person they stand for: the first person named before
    them in the sentence, else the first person of the sentence before ("He thanked …" after
    "Putin made the remarks when …"). The argument is the person's mention."""
    extra = []
    for k, t in enumerate(toks):
        if t.lower not in SUBJECT_PRONOUNS[language] or any(x < t.end and t.start < y for x, y in blocked):
            continue
        here = [m for m in persons if sentence[0] <= entities[m].start < t.start]
        there = [m for m in persons if last[0] <= entities[m].start < last[1]]
        if t.lower == "it":  # "Iran has rejected accusations that it had sent …": a state or organisation
            here = [m for m in range(len(entities)) if entities[m].label in {"GPE", "ORG"} and entities[m].form != "adjective"
                    and sentence[0] <= entities[m].start < t.start]
            there = []
        ref = (here or there or [None])[0]
        if ref is not None:
            e = entities[ref]
            extra.append(Cand(k, k + 1, e.start, e.end, ref, "name", "PER", e.key))
    return sorted(cands + extra, key=lambda c: c.first) if extra else cands


def _record(text: str, toks: list[Tok], raw: RawEvent, clause: tuple[int, int], prev: tuple[int, int] | None,
            entities: Sequence[EntityMention], timexes: Sequence[Timex], quantities: Sequence[Quantity],
            quotes: Sequence[Quote], language: str, stage_name: str, governed: bool = False) -> Event:
    args = _arguments(text, raw)
    lo, hi = clause
    scope_lo = lo
    if prev is not None and toks[lo].lower not in vocabulary().temporal_openers and (
            governed or toks[lo].lower in SUBORDINATORS[language] or toks[lo].lower in {"zu", "um", "wonach"}
            or any(toks[k].lower == "zu" for k in range(lo, hi))):
        scope_lo = prev[0]
    scope = text[toks[scope_lo].start:toks[hi - 1].end].lower()
    t = raw.trigger_tok
    k = t - 1
    while raw.noun and k > lo and (toks[k].lower in ARTICLES[language] or not toks[k].is_cap):
        if toks[k].lower in vocabulary().temporal_preps:
            break
        k -= 1
    in_pp = raw.noun and k >= lo and k < t and toks[k].lower in vocabulary().temporal_preps
    if in_pp:  # "Seit dem Treffen zwischen Kim und Putin wirft der Westen Pjöngjang vor": the meeting took place
        scope = text[toks[k].start:toks[t].end].lower()
    time_arg, time_value = _time_arg(text, raw.clause, timexes)
    if time_arg is not None:
        args.setdefault("time", time_arg)
    if raw.type == "SUPPLY":
        qty = _quantity_arg(text, args.get("item"), raw.clause, quantities)
        if qty is None and "item" not in args:
            item, qty = _antecedent(text, toks, clause, prev, quantities, language)
            if item is not None:
                args["item"] = item
        if qty is not None:
            args.setdefault("quantity", qty)
    attribution = event_attribution(text, raw.trigger, quotes, entities, toks, language)
    if attribution is None and raw.source is not None:  # "Budanov bezeichnete das Land als Lieferanten"
        s0, s1, sm = raw.source
        attribution = Attribution(text[s0:s1], s0, s1, sm, None, "speaker")
    clause_text = text[toks[lo].start:toks[hi - 1].end].lower()
    if language == "de":  # the part between the commas around the verb (English: the clause)
        clause_text = _segment(text, toks, (lo, hi), t)
    status = event_status(raw.type, scope, text[raw.trigger[0]:raw.trigger[1]].lower(), attribution, language,
                          not in_pp and is_future(toks, clause, raw.trigger_tok, language))
    if raw.type == "VISIT" and any(vocabulary().invite_re.fullmatch(toks[k].lower) for k in range(lo, hi)):
        status = "planned" if status in {"asserted", "reported"} else status  # an invitation to visit
        if "time" in args and args["time"].start < raw.trigger[0]:
            del args["time"]  # "lud Putin im September zu einem Besuch ein": when he was invited
    negated = any(toks[k].lower in NOUN_NEGATION for k in range(max(lo, t - 3), t)) if raw.noun \
        else NEGATION.search(clause_text)
    if raw.type not in {"DENY", "CONDEMN", "ACCUSE"} and negated:
        status = "denied"
    ts, te = raw.trigger
    cs, ce = raw.clause
    return Event(raw.type, cs, ce, text[cs:ce], Span(ts, te, text[ts:te]), args, time_value, attribution, status,
                 stage_name)


def _segment(text: str, toks: list[Tok], clause: tuple[int, int], t: int) -> str:
    """The lower-case text of the part of the clause between the commas around token ``t``: a
    negation of another verb's part is not the event's ("beteuert, keine Partei zu ergreifen,
    räumt aber ein, Moskau Drohnen verkauft zu haben")."""
    lo, hi = clause
    a = next((k + 1 for k in range(t - 1, lo - 1, -1) if toks[k].text in {",", ";"}), lo)
    b = next((k for k in range(t + 1, hi) if toks[k].text in {",", ";"}), hi)
    return text[toks[a].start:toks[b - 1].end].lower() if a < b else ""


@stage(STAGE, version=VERSION, requires=("tokens", "sentences", "entities", "timexes", "quantities", "quotes"),
       provides=("events",))
def make_events(*, learned_events: bool = True, **_: object):
    """Typed events with arguments, attribution, epistemic status and confidence: the learned
    model decides, with the rules as its features and second opinion (``learned_events=False``:
    the rules alone, as before the model)."""
    vocabulary()
    for language in PRELOAD:  # the default language's tables and model load now, another's at its first article
        triggers(language), markers(language), any_trigger(language)
        model = learned.load(language) if learned_events else None
        if model is not None:
            learned.encoder(model, language)  # its feature tables, with the word clusters the tagger shares

    def run(doc: Doc) -> dict[str, object]:
        sents = [(s.start, s.end) for s in doc.get("sentences")]
        lang = "en" if doc.language == "en" else "de"
        return {"events": find(doc.text, sents, doc.get("entities"), doc.get("timexes"), doc.get("quantities"),
                               doc.get("quotes"), doc.language, model=learned.load(lang) if learned_events else None)}

    return run
