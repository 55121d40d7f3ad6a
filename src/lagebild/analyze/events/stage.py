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
  the report states the event itself.
* Status, from markers of the clause and the clause that governs it
  (``resources/events/markers.tsv``): denied > alleged > hedged > planned > reported > asserted.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from lagebild.analyze.events.arguments import RawEvent
from lagebild.analyze.events.candidates import Cand, candidates
from lagebild.analyze.events.clauses import clauses
from lagebild.analyze.events.find import find_in_clause
from lagebild.analyze.events.patterns import NUMBER_RE, TIME_RE
from lagebild.analyze.events.triggers import markers
from lagebild.analyze.events.vocabulary import vocabulary
from lagebild.analyze.text.speech import ARTICLES, SUBORDINATORS, Tok, lexicon, tokens
from lagebild.model import events as events_model
from lagebild.model import Argument, Attribution, EntityMention, Event, Quantity, Quote, Span, Timex
from lagebild.analyze.pipeline import Doc, stage

STAGE = "lagebild.events"
VERSION = "4"  # 4: list roles of the event model (participants, parties)
GAP_RE = re.compile(r"\s*(?:[a-zäöüß0-9-]+\s+|Schuss\s+|Tonnen\s+|Stück\s+){0,3}")
PERSON = re.compile(r"^[A-ZÄÖÜ][\w’'-]+(?: [A-ZÄÖÜ][\w’'-]+)+$")
PURPOSE = re.compile(r"\bum\b.*\bzu\b|\bin order to\b")
NOUN_NEGATION = {"kein", "keine", "keinen", "keiner", "keinem", "keines", "no"}
#: third-person singular subject pronouns resolved to a person ("er" alone: "sie" may be plural)
SUBJECT_PRONOUNS = {"de": frozenset({"er"}), "en": frozenset({"he", "she", "it"})}
DUMMY_SPEAKERS = {"es", "it", "dies", "this", "das"}
NEGATION = re.compile(r"\b(?:nicht|keine|keinerlei|niemals|not|never|no longer|hasn't|haven't|didn't|did not)\b")


def _status(etype: str, scope: str, trigger_text: str, attribution: Attribution | None, language: str,
            future: bool) -> str:
    at = scope.find(trigger_text) if trigger_text in scope else len(scope)  # English denies what follows
    found = {status for status, rx in markers(language)
             if any(status != "denied" or language != "en" or m.start() < at for m in rx.finditer(scope))}
    if "denied" in found and etype != "DENY":
        return "denied"
    if "alleged" in found and etype != "ACCUSE":
        return "alleged"
    if "hedged" in found:
        return "hedged"
    if "planned" in found or future or PURPOSE.search(scope) or vocabulary().planned_nouns.search(scope[: scope.find(trigger_text) + 1] if trigger_text in scope else ""):
        return "planned"
    return "reported" if attribution is not None else "asserted"


def _future(toks: list[Tok], clause: tuple[int, int], trig: int, language: str) -> bool:
    lo, hi = clause
    words = {toks[k].lower for k in range(lo, hi)}
    t = toks[trig].lower
    if language == "en":
        return bool(words & {"will", "shall"}) or ("to" in words and trig > 0 and toks[trig - 1].lower == "to"
                                                   and any(w in words for w in ("plans", "intends", "wants", "expected")))
    infinitive = t.endswith(("en", "ern", "eln")) and not t.startswith("ge") and t[:1].islower()
    return bool(words & {"wird", "werden", "werde"}) and infinitive and not words & {"worden"}


def _kind(text: str, mention: EntityMention | None) -> str:
    vocab = vocabulary()
    if vocab.intelligence_re.search(text):
        return "intelligence"
    if vocab.experts_re.search(text):
        return "experts"
    if vocab.outlets_re.search(text) or (mention is not None and (mention.key or "").startswith("org:")
                                         and vocab.outlets_re.search(mention.name or "")):
        return "outlet"
    if mention is not None and mention.label == "PER" or re.match(r"^[A-ZÄÖÜ]\w+(?: [A-ZÄÖÜ][\w-]+)+$", text):
        return "speaker"
    return "source"


def _attribution(text: str, trigger: tuple[int, int], quotes: Sequence[Quote], entities: Sequence[EntityMention],
                 toks: list[Tok], language: str) -> Attribution | None:
    for q_index, q in enumerate(quotes):
        if q.cue is None and q.start <= trigger[0] < q.end:
            own = _own_report(text, trigger, q, toks, entities, language)
            if own is not False:
                return own  # "Blinken sagte …, Moskau habe …" inside a quote the sentence does not continue
        if q.cue is not None and (q.cue.start <= trigger[0] < q.cue.end or (
                q.start <= q.cue.start < q.end and not _source_cue(q))):
            continue  # the event is the speech act itself, or a reported speech act states it
        if q.start <= trigger[0] < q.end and q.speaker is not None and q.speaker.text:
            sp = q.speaker
            if sp.text.lower() in DUMMY_SPEAKERS:  # "Es gebe Hinweise, dass …": the last speaker goes on
                earlier = [(k, p) for k, p in enumerate(quotes[:q_index]) if p.speaker is not None
                           and p.speaker.text and p.speaker.text.lower() not in DUMMY_SPEAKERS]
                if not earlier:
                    continue
                q_index, q = earlier[-1]
                sp = q.speaker
            mention = entities[sp.mention] if sp.mention is not None and sp.mention < len(entities) else None
            better = _speaker_mention(text, sp, entities) if mention is None else None
            if better is not None:
                m = entities[better]
                return Attribution(m.name or m.text, m.start, m.end, better, q_index, _kind(m.text, m))
            if mention is not None and mention.label == "PER" and mention.start >= (sp.start or 0) \
                    and mention.end <= (sp.end or len(text)):
                return Attribution(mention.name or mention.text, mention.start, mention.end, sp.mention, q_index, "speaker")
            label = sp.name or sp.text or ""
            if sp.name and " " not in sp.name and sp.text.startswith(sp.name) and mention is None and sp.text != sp.name:
                label = sp.text  # "Erkenntnissen westlicher Geheimdienste", not "Erkenntnissen"
            if mention is None:
                inner = next((k for k, e in enumerate(entities) if e.label in {"GPE", "ORG"} and sp.start is not None
                              and sp.start <= e.start and e.end <= sp.end), None)
                if inner is not None:  # "nach US-Erkenntnissen": intelligence of the US
                    return Attribution(label, sp.start, sp.end, inner, q_index, _kind(sp.text or label, None))
            kind = "speaker" if sp.name and PERSON.match(sp.name) and not vocabulary().outlets_re.search(sp.name) \
                and (mention is None or mention.label == "PER") else _kind(sp.text or label, mention)
            return Attribution(label, sp.start, sp.end, sp.mention, q_index, kind)
        if q.start <= trigger[0] < q.end and q.cue is not None and q.speaker is None:
            return Attribution(q.cue.text, q.cue.start, q.cue.end, None, q_index, _kind(q.cue.text, None))
    return None


def _speaker_mention(text: str, sp, entities: Sequence[EntityMention]) -> int | None:
    """An outlet or person the speaker phrase leads up to ("the country's state news agency KCNA"),
    or the outlet a definite description refers back to ("the agency said")."""
    if sp.start is None or sp.end is None:
        return None
    for k, e in enumerate(entities):
        if e.label in {"ORG", "PER"} and sp.end <= e.start <= sp.end + 40 and re.fullmatch(
                r"[\s\w’'-]*", text[sp.end:e.start]) and not any(ch.isupper() for ch in text[sp.end:e.start]):
            return k
    if vocabulary().outlet_description.fullmatch(sp.text or ""):
        before = [k for k, e in enumerate(entities) if e.end <= sp.start and e.label == "ORG"
                  and _kind(e.text, e) == "outlet" or (e.end <= sp.start and (e.key or "").startswith("org:")
                                                      and vocabulary().outlets_re.search(text[max(0, e.start - 40):e.start]))]
        return before[-1] if before else None
    return None


def _own_report(text: str, trigger: tuple[int, int], q: Quote, toks: list[Tok], entities: Sequence[EntityMention],
                language: str) -> Attribution | None | bool:
    """For an event in a quote that goes on from an earlier sentence: where the sentence has a speech
    verb of its own before the event, the frame is the report's ("Blinken sagte am Dienstag bei einem
    Besuch in London, …": None) and what follows its comma is the subject's; False where there is none."""
    speech = lexicon(language).verbs
    verb = next((k for k, t in enumerate(toks) if q.start <= t.start < trigger[0] and t.lower in speech
                 and t.is_word and not t.is_cap), None)
    if verb is None:
        return False
    comma = next((k for k in range(verb, len(toks)) if toks[k].text == ","), None)
    if comma is None or toks[comma].start > trigger[0]:
        return None
    person = [k for k, e in enumerate(entities) if e.label == "PER" and toks[0].start <= e.start < toks[verb].start]
    if not person:
        return None
    e = entities[person[-1]]
    return Attribution(e.name or e.text, e.start, e.end, person[-1], None, "speaker")


def _source_cue(q: Quote) -> bool:
    """Whether a quote names its source with a preposition or adverb ("laut X", "nach Angaben von X")."""
    return q.cue is not None and q.cue.text.split()[0].lower() in vocabulary().source_cues


#: the finder's numbered slots that are members of one list role of the event model
LIST_SLOTS = {"participant": "participants", "party": "parties"}


def model_role(slot: str) -> str:
    """The event-model role of a finder slot: "participant2" and "party3" are members of a list role."""
    base = slot.rstrip("0123456789")
    return LIST_SLOTS.get(base, slot)


def _arguments(text: str, raw: RawEvent) -> dict[str, Argument | tuple[Argument, ...]]:
    """The event's arguments by model role; a list role's members in slot order (subject first)."""
    order = sorted(raw.args.items(), key=lambda kv: (model_role(kv[0]), int(kv[0][len(kv[0].rstrip("0123456789")):] or 1)))
    grouped = events_model.group_args(raw.type, ((model_role(slot), _argument(text, span)) for slot, span in order))
    ranked = {model_role(slot): None for slot in raw.args}  # roles in the finder's order
    return {role: tuple(grouped[role]) if isinstance(grouped[role], list) else grouped[role] for role in ranked}


def _argument(text: str, span: tuple[int, int, int | None]) -> Argument:
    a, b, m = span
    return Argument(a, b, text[a:b], mention=m)


def _time_arg(text: str, clause: tuple[int, int], timexes: Sequence[Timex]) -> tuple[Argument | None, str | None]:
    for k, tx in enumerate(timexes):
        if clause[0] <= tx.start < clause[1] and tx.type in {"DATE", "TIME"}:
            return Argument(tx.start, tx.end, text[tx.start:tx.end], timex=k, value=tx.value), tx.value
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
         language: str = "de", stage_name: str = f"{STAGE}.v{VERSION}") -> list[Event]:
    """All events of an article; ``sentences`` are ``(start, end)`` offsets into ``text``."""
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
    for a, b in sorted(sentences) or [(0, len(text))]:
        last_sentence, prev_sentence = prev_sentence, (a, b)
        near = [(k, entities[k]) for k in order[bisect.bisect_left(starts, a - 200):bisect.bisect_right(starts, b)]]
        toks = tokens(text, a, b)
        if len(toks) < 3:
            continue
        inner = [q for q in quotes if a <= q.start < b and q.cue is not None and not (q.start <= q.cue.start < q.end)]
        blocked = [(x.start, x.end) for q in quotes if a <= q.start < b and _source_cue(q)
                   for x in (q.cue, q.speaker) if x is not None and x.start is not None]
        cands = [c for c in candidates(text, toks, near, names_t, lang)
                 if not any(x < c.end and c.start < y for x, y in blocked)]
        cands = _with_pronouns(toks, cands, entities, persons, (a, b), last_sentence, lang, blocked)
        opens = {q.start for q in inner}
        parts = clauses(toks, opens, lang)
        for n, clause in enumerate(parts):
            prev = parts[n - 1] if n else None
            for raw in find_in_clause(text, toks, clause, cands, lang, prev):
                governed = prev is not None and toks[clause[0]].start in opens
                events.append(_record(text, toks, raw, clause, prev, entities, timexes, quantities, quotes, lang,
                                      stage_name, governed))
    return events


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
    attribution = _attribution(text, raw.trigger, quotes, entities, toks, language)
    if attribution is None and raw.source is not None:  # "Budanov bezeichnete das Land als Lieferanten"
        s0, s1, sm = raw.source
        attribution = Attribution(text[s0:s1], s0, s1, sm, None, "speaker")
    clause_text = text[toks[lo].start:toks[hi - 1].end].lower()
    status = _status(raw.type, scope, text[raw.trigger[0]:raw.trigger[1]].lower(), attribution, language,
                     not in_pp and _future(toks, clause, raw.trigger_tok, language))
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


@stage(STAGE, version=VERSION, requires=("tokens", "sentences", "entities", "timexes", "quantities", "quotes"),
       provides=("events",))
def make_events(**_: object):
    """Typed events with arguments, attribution and epistemic status (rules for German and English)."""
    from lagebild.analyze.events.triggers import triggers

    triggers("de"), triggers("en"), markers("de"), markers("en"), vocabulary()

    def run(doc: Doc) -> dict[str, object]:
        sents = [(s.start, s.end) for s in doc.get("sentences")]
        return {"events": find(doc.text, sents, doc.get("entities"), doc.get("timexes"), doc.get("quantities"),
                               doc.get("quotes"), doc.language)}

    return run
