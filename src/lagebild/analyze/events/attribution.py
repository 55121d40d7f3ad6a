"""Attribution: who reports an event ("nach US-Erkenntnissen" → US intelligence, "laut Kyiv
Independent" → the outlet, "Experten vermuten" → experts, "Blinken sagte" → the speaker)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from lagebild.analyze.events.vocabulary import vocabulary
from lagebild.analyze.text.speech import Tok, lexicon
from lagebild.model import Attribution, EntityMention, Quote

#: a person's name of two or more capitalised words
PERSON = re.compile(r"^[A-ZÄÖÜ][\w’'-]+(?: [A-ZÄÖÜ][\w’'-]+)+$")
#: speakers that stand for no one ("Es gebe Hinweise, dass …"): the last speaker goes on
DUMMY_SPEAKERS = {"es", "it", "dies", "this", "das"}


def source_kind(text: str, mention: EntityMention | None) -> str:
    """The kind of a source: intelligence, experts, outlet, speaker (a person) or source."""
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


def event_attribution(text: str, trigger: tuple[int, int], quotes: Sequence[Quote],
                      entities: Sequence[EntityMention], toks: list[Tok], language: str) -> Attribution | None:
    """Who reports the event triggered at ``trigger``: the speaker of the quote it sits in (the
    last real speaker where the quote's speaker is "es"), the cue of a source without a speaker
    ("nach US-Erkenntnissen"); None where the report states the event itself."""
    for q_index, q in enumerate(quotes):
        if q.cue is None and q.start <= trigger[0] < q.end:
            own = own_report(text, trigger, q, toks, entities, language)
            if own is not False:
                return own  # "Blinken sagte …, Moskau habe …" inside a quote the sentence does not continue
        if q.cue is not None and (q.cue.start <= trigger[0] < q.cue.end or (
                q.start <= q.cue.start < q.end and not source_cue(q))):
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
            better = speaker_mention(text, sp, entities) if mention is None else None
            if better is not None:
                m = entities[better]
                return Attribution(m.name or m.text, m.start, m.end, better, q_index, source_kind(m.text, m))
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
                    return Attribution(label, sp.start, sp.end, inner, q_index, source_kind(sp.text or label, None))
            kind = "speaker" if sp.name and PERSON.match(sp.name) and not vocabulary().outlets_re.search(sp.name) \
                and (mention is None or mention.label == "PER") else source_kind(sp.text or label, mention)
            return Attribution(label, sp.start, sp.end, sp.mention, q_index, kind)
        if q.start <= trigger[0] < q.end and q.cue is not None and q.speaker is None:
            if source_cue(q) or any(ch.isupper() for ch in q.cue.text[1:]):  # "nach US-Erkenntnissen"
                return Attribution(q.cue.text, q.cue.start, q.cue.end, None, q_index, source_kind(q.cue.text, None))
            return frame_source(q, q_index, entities)  # a speech verb is no source ("geht man davon aus")
    return None


def frame_source(q: Quote, q_index: int, entities: Sequence[EntityMention]) -> Attribution | None:
    """The place or body named in the frame of a quote whose speech verb has no subject of its own
    ("In Washington geht man davon aus, dass …": Washington); None where the frame names none."""
    inside = [k for k, e in enumerate(entities) if e.label in {"GPE", "LOC", "ORG"}
              and any(f.start <= e.start and e.end <= f.end for f in q.frame)]
    if not inside:
        return None
    e = entities[inside[0]]
    return Attribution(e.name or e.text, e.start, e.end, inside[0], q_index, source_kind(e.text, e))


def speaker_mention(text: str, sp, entities: Sequence[EntityMention]) -> int | None:
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
                  and source_kind(e.text, e) == "outlet" or (e.end <= sp.start and (e.key or "").startswith("org:")
                                                      and vocabulary().outlets_re.search(text[max(0, e.start - 40):e.start]))]
        return before[-1] if before else None
    return None


def own_report(text: str, trigger: tuple[int, int], q: Quote, toks: list[Tok], entities: Sequence[EntityMention],
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


def source_cue(q: Quote) -> bool:
    """Whether a quote names its source with a preposition or adverb ("laut X", "nach Angaben von X")."""
    return q.cue is not None and q.cue.text.split()[0].lower() in vocabulary().source_cues


#: words that point back to the source of the sentence before ("Demnach hat …", "according to this")
BACK_REFERENCE = re.compile(r"\bdemnach\b|\baccording to (?:this|that|it|these|them)\b")
#: speakers a quote takes from a back reference itself ("Demnach …"): no source of their own
BACK_WORDS = frozenset({"demnach", "danach", "wonach"})


def sentence_source(text: str, sentence: tuple[int, int], events: Sequence, quotes: Sequence[Quote],
                    entities: Sequence[EntityMention], carried: Attribution | None) -> Attribution | None:
    """Who a sentence's report comes from, for a "demnach" in the sentence after it: the speaker of
    a quote that opens in it, else the source of one of its events, else (a sentence that itself
    points back) the source carried into it, else the first organisation or person it names
    ("Das Pentagon legte einen Bericht vor. Demnach …")."""
    a, b = sentence
    for k, q in enumerate(quotes):
        sp = q.speaker
        if a <= q.start < b and sp is not None and sp.text and sp.start is not None \
                and sp.text.lower() not in DUMMY_SPEAKERS | BACK_WORDS:
            mention = entities[sp.mention] if sp.mention is not None and sp.mention < len(entities) else None
            return Attribution(sp.name or sp.text, sp.start, sp.end, sp.mention, k, source_kind(sp.text, mention))
    for e in events:
        at = e.attribution
        if at is not None and at.text.lower() not in BACK_WORDS:
            return at
    if carried is not None and BACK_REFERENCE.search(text[a:b].lower()):
        return carried
    for k, e in enumerate(entities):
        if a <= e.start < b and e.label in {"ORG", "PER"} and e.form != "adjective":
            return Attribution(e.name or e.text, e.start, e.end, k, None, source_kind(e.text, e))
    return None


def carry_source(events: list, text: str, sentence: tuple[int, int], source: Attribution | None) -> list:
    """The events of a sentence that points back to the one before ("Demnach …", "according to
    this"): an event the sentence states itself is reported, by the source of the sentence before."""
    if not events or not BACK_REFERENCE.search(text[sentence[0]:sentence[1]].lower()):
        return events
    out = []
    for e in events:
        at = e.attribution
        if at is None or at.text.lower() in BACK_WORDS:
            status = "reported" if e.status == "asserted" else e.status
            e = replace(e, attribution=source if source is not None else at, status=status)
        out.append(e)
    return out
