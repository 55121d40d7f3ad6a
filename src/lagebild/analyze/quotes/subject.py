"""The speaker of a German quote whose cue rules found none, read from the cue's clause.

The cue finders take the speaker from fixed places next to the cue; a long subject ("Der
Vertreter der Arbeitgeber im Aufsichtsrat der Bundesagentur für Arbeit (BA), Peter Clever, hat
… gefordert"), a subject after a fronted adverb ("Weiterhin erklärte die Ministerin") or after a
subordinator ("Während Shakira erklärte") is left out.  :func:`with_subject` reads the cue's
clause outside the message (the frame) and takes, in this order:

1. a subject pronoun right after the finite cue ("… lobte er"),
2. the whole fronted phrase before the finite cue when it is a noun phrase, appositions between
   commas included (after "und", "aber", a subordinator or a sentence adverb);
   before "heißt es" or a passive cue a fronted prepositional phrase names the document
   ("In einer Presseerklärung … wurde verkündet" → "einer Presseerklärung"),
3. the noun phrase right after the finite cue ("Dagegen beteuerte die Polizei").
"""

from __future__ import annotations

import bisect
import re
import dataclasses
from collections.abc import Sequence

from lagebild.analyze.quotes.base import Found, no_speaker, vocab
from lagebild.analyze.quotes.speaker import np_after
from lagebild.analyze.text.speech import ADVERBIAL_STARTS, ARTICLES, AUXILIARIES, PREPOSITIONS, SUBORDINATORS, Lexicon, Tok, tokens

#: pronouns that are the subject when they follow the finite cue
SUBJECT_AFTER = frozenset({"er", "sie", "man", "wir", "ich", "niemand", "dieser", "diese"})
#: words that may open the clause before its subject
CLAUSE_OPENERS = frozenset({"und", "aber", "doch", "denn", "sondern", "oder", "so", "auch", "zudem", ",", "–", "-"})
#: forms of "werden" and "heißen": the fronted phrase names the document
DOCUMENT_CUES = frozenset({"heißt", "hieß", "geheißen", "wird", "wurde", "werden", "wurden", "worden"})
#: forms of "werden" that make the cue passive
PASSIVE_AUX = frozenset({"wird", "wurde", "werden", "wurden", "worden"})
#: a fronted phrase with its appositions has at most this many tokens
MAX_FRONTED = 30
#: dative and accusative openers: an object, not the subject ("Dem Berater … wird vorgeworfen",
#: "weist den Vorwurf zurück")
OBJECT_OPENERS = frozenset({"dem", "den", "einem", "einen"})
#: "dagegen", "darin", "hierzu", "worauf": adverbs, no speakers
PRONOMINAL_ADVERB = re.compile(r"(?:da|dar|hier|wo|wor)(?:an|auf|aus|bei|durch|für|gegen|in|mit|nach|neben|über|um|"
                               r"unter|von|vor|zu|zwischen)$")
#: lower-case words that glue a noun phrase and its appositions together
PHRASE_WORDS = frozenset({"und", "sowie", "oder", "von", "vom", "im", "am", "zum", "zur", "beim", "für", "aus", "des"})
#: relative pronouns that open a clause inside an apposition ("Carter, der … war, sagte")
RELATIVES = frozenset({"der", "die", "das", "welcher", "welche", "welches", "dem", "den", "dessen", "deren"})


def _message_parts(f: Found) -> list[tuple[int, int]]:
    parts, pos = [], f.start
    for a, b in sorted(f.gaps):
        if a > pos:
            parts.append((pos, a))
        pos = max(pos, b)
    if f.end > pos:
        parts.append((pos, f.end))
    return parts


def _fronted(toks: Sequence[Tok], v: int, document: bool, passive: bool, language: str,
             lex: Lexicon) -> tuple[int, int] | None:
    """The subject in front of the finite cue ``toks[v]`` (see the module docstring, 2); before
    a passive cue only a document ("In dem Bericht wird gefordert"), as a fronted noun phrase is
    whom the cue addresses ("Ägypten wird aufgefordert")."""
    i = 0
    while i < v and (toks[i].lower in CLAUSE_OPENERS or toks[i].lower in SUBORDINATORS["de"]
                     or (toks[i].lower in ADVERBIAL_STARTS["de"] and toks[i].lower not in PREPOSITIONS["de"])):
        i += 1
    if i >= v:
        return None
    if toks[i].lower in PREPOSITIONS["de"] or toks[i].lower in {"im", "vom", "beim", "zum", "zur"}:
        if not document:
            return None
        i += 1
    elif passive:
        return None
    if i >= v or not (toks[i].is_cap or toks[i].lower in ARTICLES["de"]) or toks[i].lower == "es" \
            or toks[i].lower in OBJECT_OPENERS and not document:
        return None
    if v - i > MAX_FRONTED:
        return None
    rng = np_after(list(toks), i, language, lex)
    if rng is None:
        return None
    end = rng[1]
    if end == v:
        return (i, v)
    if toks[v - 1].text != "," or end >= v - 1:
        return None
    if toks[end].text == "," and toks[end + 1].lower in RELATIVES:
        return (i, end)  # "Eine Erklärung, die … veröffentlicht wurde, …": the noun phrase without its clause
    if all(_in_phrase(t) for t in toks[end:v - 1]):
        return (i, v - 1)  # "Der Vertreter … (BA), Peter Clever, hat": the appositions belong to it
    return None


def _speaks(toks: Sequence[Tok], rng: tuple[int, int], in_cue: Sequence[bool], lex: Lexicon) -> bool:
    """Whether a candidate phrase can be a speaker: no cue word in it, no time ("Freitag, den 28.
    Juni") and no adverb alone ("Dagegen", "Darin", "Bislang": :func:`no_speaker`, which would
    drop it later and leave the quote without the subject after the cue)."""
    if rng[1] <= rng[0] or any(in_cue[rng[0]:rng[1]]):
        return False
    head = toks[rng[1] - 1]
    if head.text in vocab().time_nouns:
        return False
    return not (rng[1] - rng[0] == 1 and (head.lower in ADVERBIAL_STARTS["de"] or PRONOMINAL_ADVERB.match(head.lower)
                                          or no_speaker(head.text, "de", lex)))


def _in_phrase(t: Tok) -> bool:
    """Whether a token can stand inside a noun phrase with appositions: no verb-like word."""
    if not t.is_word or t.is_cap or t.text[0].isdigit():
        return True
    low = t.lower
    if low in AUXILIARIES["de"] or low in RELATIVES - ARTICLES["de"]:
        return False
    return low in ARTICLES["de"] or low in PREPOSITIONS["de"] or low in PHRASE_WORDS or (
        low.endswith(("e", "en", "er", "es", "em")) and not low.endswith(("te", "ten")))


def with_subject(text: str, sents: Sequence[tuple[int, int]], f: Found, language: str, lex: Lexicon) -> Found:
    """``f`` with the speaker read from its cue's clause when it has a cue but no speaker."""
    if f.speaker is not None or f.cue is None or language != "de":
        return f
    starts = [a for a, _ in sents]
    k = max(0, bisect.bisect_right(starts, f.cue[0]) - 1)
    lo, hi = sents[k][0], max(sents[k][1], f.cue[1])
    parts = _message_parts(f)
    if any(a < f.cue[1] and f.cue[0] < b for a, b in parts):
        return f
    left = max([lo] + [b for a, b in parts if lo < b <= f.cue[0]])
    right = min([hi] + [a for a, b in parts if f.cue[1] <= a < hi])
    toks = tokens(text, left, right)
    cues = [c for c in (f.cue, f.cue_extra) if c is not None]
    in_cue = [any(a <= t.start and t.end <= b for a, b in cues) for t in toks]
    v = next((j for j, c in enumerate(in_cue) if c), None)
    if v is None:
        return f
    cue_words = {t.lower for t, c in zip(toks, in_cue) if c}
    passive = any(t.lower in PASSIVE_AUX for t in toks)
    candidates = []
    if v + 1 < len(toks) and toks[v + 1].lower in SUBJECT_AFTER and v > 0:
        candidates.append((v + 1, v + 2))
    if v > 0:
        candidates.append(_fronted(toks, v, bool(cue_words & DOCUMENT_CUES), passive, language, lex))
    if v > 0 and v + 1 < len(toks) and not in_cue[v + 1] and not passive \
            and toks[v + 1].lower not in OBJECT_OPENERS | {"es"} \
            and (toks[v + 1].is_cap or toks[v + 1].lower in ARTICLES["de"]):
        candidates.append(np_after(list(toks), v + 1, language, lex))
    rng = next((r for r in candidates if r is not None and _speaks(toks, r, in_cue, lex)), None)
    if rng is None:
        return f
    return dataclasses.replace(f, speaker=(toks[rng[0]].start, toks[rng[1] - 1].end))
