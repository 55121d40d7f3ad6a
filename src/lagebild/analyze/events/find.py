"""Finding events within a clause: triggers, then their argument frames.

Triggers and their argument frames are data (``resources/events/triggers.tsv``, read in
:mod:`.triggers`); candidates for arguments are the entity mentions of the clause plus person
names the entity layer has not found yet (:mod:`.candidates`); :mod:`.arguments` fills a frame.
Everything here is pure and works on tokens with article offsets.
"""

from __future__ import annotations

from lagebild.analyze.events.arguments import RawEvent, fill
from lagebild.analyze.events.candidates import Cand
from lagebild.analyze.events.triggers import Trigger, is_trigger_word, triggers
from lagebild.analyze.events.vocabulary import Vocabulary, vocabulary
from lagebild.analyze.text.speech import ARTICLES, AUXILIARIES, PREPOSITIONS, Tok


def find_in_clause(text: str, toks: list[Tok], clause: tuple[int, int], cands: list[Cand], language: str,
                   prev_clause: tuple[int, int] | None) -> list[RawEvent]:
    """Events triggered inside one clause of a sentence: at each trigger word the first trigger
    whose frame fills; one event per type (a second trigger of a type adds its arguments)."""
    lang = "en" if language == "en" else "de"
    lo, hi = clause
    vocab = vocabulary()
    out: list[RawEvent] = []
    used: set[int] = set()
    for i in range(lo, hi):
        t = toks[i]
        if i in used or not t.is_word or not is_trigger_word(language, t.lower):
            continue
        if lang == "en" and _not_a_trigger_en(toks, clause, i, vocab):
            continue
        capital_noun = lang == "de" and t.is_cap and i > lo
        en_noun = lang == "en" and _english_noun(toks, clause, i, vocab)
        for trig in triggers(language):
            if lang == "de" and trig.noun != capital_noun and not (i == lo and trig.noun == t.is_cap):
                continue
            if en_noun and not trig.noun:
                continue
            if not trig.pattern.fullmatch(t.lower):
                continue
            part = None
            if trig.particle:
                part = next((k for k in range(i + 1, hi) if toks[k].lower == trig.particle), None)
                if part is None:
                    continue
            ev = fill(text, toks, clause, cands, trig, i, part, language, prev_clause)
            if ev is None:
                continue
            out = add(out, ev, trig, i, part, used)
            break
    return out


def _not_a_trigger_en(toks: list[Tok], clause: tuple[int, int], i: int, vocab: Vocabulary) -> bool:
    """An English trigger word used otherwise: an adjective ("heavily sanctioned governments") or a
    kind of weapon ("Shahed attack drones")."""
    lo, hi = clause
    low = toks[i].lower
    if low.endswith("ed") and (i > lo and (toks[i - 1].lower.endswith("ly") and not _after_auxiliary(toks, lo, i)
                                           or toks[i - 1].lower in ARTICLES["en"])
                               or (i + 1 < hi and toks[i + 1].lower in vocab.adjective_heads)):
        return True
    return i + 1 < hi and low in vocab.weapon_kinds and vocab.weapon_re.fullmatch(toks[i + 1].lower) is not None


#: forms of "be" and "have" that a participle follows besides the finite auxiliaries ("has been delivered")
NONFINITE_AUXILIARIES = frozenset({"be", "been", "being", "having"})


def _after_auxiliary(toks: list[Tok], lo: int, i: int) -> bool:
    """Whether the participle at ``i`` follows an auxiliary across the adverbs before it ("had
    recently delivered", "has reportedly also shipped"): a verb then, no adjective."""
    k = i - 1
    while k > lo and toks[k - 1].is_word and (toks[k].lower.endswith("ly") or toks[k].lower in {"also", "already"}):
        k -= 1
        if toks[k].lower in AUXILIARIES["en"] | NONFINITE_AUXILIARIES:
            return True
    return False


def _english_noun(toks: list[Tok], clause: tuple[int, int], i: int, vocab: Vocabulary) -> bool:
    """Whether an English trigger word is a noun here ("the delivery", "arms sales", "Russia's supply")."""
    lo = clause[0]
    low = toks[i].lower
    return i > lo and (toks[i - 1].lower in ARTICLES["en"] | vocab.en_noun_context
                       or toks[i - 1].text.endswith(("'s", "’s"))
                       or (toks[i - 1].lower in PREPOSITIONS["en"] - {"to"} and not low.endswith("ing"))
                       or (i - 1 > lo and toks[i - 2].lower in PREPOSITIONS["en"] - {"to"}
                           and toks[i - 1].is_word and not toks[i - 1].is_cap
                           and not toks[i - 1].lower.endswith("ly")))


def add(out: list[RawEvent], ev: RawEvent, trig: Trigger, i: int, part: int | None, used: set[int]) -> list[RawEvent]:
    """The clause's events with ``ev`` (at token ``i``) added: a negotiation takes the object of an
    agreement in the same clause, which then goes; an event of a type already found adds the
    arguments that one lacks. Marks the tokens used."""
    if {ev.type, *(o.type for o in out)} >= {"AGREE", "NEGOTIATE"}:
        neg = next((o for o in out + [ev] if o.type == "NEGOTIATE"), None)
        agr = next((o for o in out + [ev] if o.type == "AGREE"), None)
        if neg is not None and agr is not None and "object" in agr.args:
            neg.args.setdefault("object", agr.args["object"])
            out = [o for o in out if o is not agr]
            if ev is not agr:
                out.append(ev)
            used.add(i)
            return out
    same = next((k for k, o in enumerate(out) if o.type == ev.type), None)
    if same is not None:
        keep = out[same]
        merged = dict(ev.args)
        merged.update(keep.args)
        out[same] = RawEvent(keep.type, keep.trigger, keep.clause, merged, keep.trigger_tok, keep.noun, keep.source)
        used.add(i)
        return out
    out.append(ev)
    used.add(i)
    if part is not None:
        used.add(part)
    return out
