"""Quotes that are no speech, and speakers that are no source (German), checked after the
finders: the finders look at a cue verb and a clause; these checks look at what the verb means
in its sentence.  Each rule was measured on the SpkAtt-2023 tune split.

* Naming and sentencing: "genannt" ("so werden die Anhänger genannt") and "verurteilt"
  ("wurde zu sieben Jahren Haft verurteilt") as bare participles report nothing.
* A denied confirmation reports nothing: "konnte die Polizei nicht bestätigen".
* "Danach" with a verb in the past tense is "afterwards", not "according to it".
* A passive cue ("wurde … vorgeworfen", "wird aufgefordert") has no speaker in its subject or
  dative; only a "von" agent speaks ("Die Gruppe wurde von Kenias Regierung beschuldigt").
* A cue left without a speaker takes the subject of its main clause where the finders missed
  it: the noun phrase after the finite verb ("Am Montag sagte der 81-jährige …", "Erst vor
  zwei Tagen hatte der Investor … zugesagt") or the one in front of it.
* A fronted object is no speaker: "Deren Haltung … bezeichnete er als …" (the pronoun after
  the verb speaks), "Der Grund …, so vermutet die Zeitung, dürfte …" (the phrase after "so").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from lagebild.analyze.quotes.base import KONJUNKTIV_ENDINGS, Found, vocab
from lagebild.analyze.quotes.speaker import np_after
from lagebild.analyze.text.speech import ADVERBIAL_STARTS, ARTICLES, AUXILIARIES, PREPOSITIONS, Lexicon, Tok, tokens

#: subject pronouns right after a verb-second cue
SUBJECT_PRONOUNS = frozenset({"er", "sie", "wir", "ich"})

#: participles whose quotes are namings or sentences, not speech
NON_SPEECH_PARTICIPLES = frozenset({"genannt", "verurteilt"})
#: cues that report nothing when negated
DENIABLE = frozenset({"bestätigen", "bestätigt", "bestätigte"})
PASSIVE_AUX = frozenset({"wird", "wurde", "wurden", "werden", "worden"})
#: passive cues whose subject is the quoted source ("X wird mit den Worten zitiert")
SUBJECT_SPEAKS = frozenset({"zitiert"})
AGENT_WORDS = frozenset({"von", "vom", "seitens"})


def _words(text: str, span: tuple[int, int] | None) -> list[Tok]:
    return tokens(text, span[0], span[1]) if span else []


def _sentence(text: str, sents: Sequence[tuple[int, int]], pos: int) -> list[Tok]:
    for a, b in sents:
        if a <= pos < b:
            return tokens(text, a, b)
    return []


def _past(tok: Tok) -> bool:
    low = tok.lower
    w = vocab()  # past forms after "Danach" (quotes/de/past_finite.txt); weak forms end in -te/-ten
    return low in w.past_finite or (not tok.is_cap and low.endswith(("te", "ten")) and low not in w.konjunktiv)


def _konjunktiv(toks: Sequence[Tok]) -> bool:
    forms = vocab().konjunktiv
    return any(t.lower in forms or (not t.is_cap and t.lower.endswith(KONJUNKTIV_ENDINGS)) for t in toks)


def no_speech(text: str, sents: Sequence[tuple[int, int]], f: Found) -> bool:
    """Whether a found quote reports no speech (see the module docstring)."""
    if f.kind == "direct" or f.cue is None:
        return False
    cue = _words(text, f.cue) + _words(text, f.cue_extra)
    lows = {t.lower for t in cue}
    message = tokens(text, f.start, f.end)
    opens = message[0].lower if message else ""
    if lows & NON_SPEECH_PARTICIPLES and opens not in {"dass", "ob"}:
        return True
    if lows & DENIABLE:
        sentence = _sentence(text, sents, f.cue[0])
        if any(t.lower == "nicht" and t.end <= f.cue[0] for t in sentence[-12:] if t.start >= f.cue[0] - 60):
            return True
    if lows == {"danach"}:
        sentence = _sentence(text, sents, f.cue[0])
        after = [t for t in sentence if t.start >= f.cue[1]]
        if after and _past(after[0]):
            return True
    return False


def _participle(word: str, lex: Lexicon) -> bool:
    """Whether a cue word can be a past participle (not the infinitive of a future "wird sagen")."""
    if word in lex.participles:
        return True
    hits = lex.verbs.get(word, ())
    return any(word != lemma for lemma, _particle in hits) and word.endswith(("t", "en"))


def _is_passive(text: str, f: Found, lex: Lexicon) -> bool:
    lows = {t.lower for t in _words(text, f.cue) + _words(text, f.cue_extra)}
    return bool(lows & PASSIVE_AUX) and not lows & SUBJECT_SPEAKS \
        and any(_participle(w, lex) for w in lows - PASSIVE_AUX)


def passive_speaker(text: str, f: Found, lex: Lexicon) -> bool:
    """Whether a quote's speaker is the subject or dative of a passive cue (no source)."""
    if f.speaker is None or f.cue is None or not _is_passive(text, f, lex):
        return False
    first = tokens(text, f.speaker[0], f.speaker[1])
    return not (first and first[0].lower in AGENT_WORDS)


def _span(toks: list[Tok], rng: tuple[int, int] | None) -> tuple[int, int] | None:
    return (toks[rng[0]].start, toks[rng[1] - 1].end) if rng else None


def _cue_index(toks: list[Tok], f: Found) -> int | None:
    assert f.cue is not None
    return next((k for k, t in enumerate(toks) if t.start >= f.cue[0]), None)


def passive_agent(toks: list[Tok], f: Found, lex: Lexicon) -> tuple[int, int] | None:
    """The "von" agent in the clause of a passive cue ("wurde von Kenias Regierung beschuldigt")."""
    c0 = _cue_index(toks, f)
    if c0 is None:
        return None
    lo = next((k + 1 for k in range(c0 - 1, -1, -1) if toks[k].text in {",", ";", ":"}), 0)
    hi = next((k for k in range(c0, len(toks)) if toks[k].text in {",", ";", ":", "."}), len(toks))
    for k in range(lo, hi):
        if toks[k].lower in {"von", "vom"} and not (f.start <= toks[k].start < f.end):
            np = np_after(toks, k + 1, "de", lex)
            if np is not None and np[1] <= hi:
                return (k + 1 if toks[k].lower == "von" else k, np[1])
    return None


def _nominal(toks: list[Tok], k: int) -> bool:
    """A lower-case noun after an article: "der 81-jährige", "die Befragten" are caught by case."""
    return k < len(toks) and toks[k].is_word and "-" in toks[k].text and toks[k].lower.endswith(("jährige", "jährigen"))


def main_subject(toks: list[Tok], f: Found, lex: Lexicon) -> tuple[int, int] | None:
    """The subject of a verb-second main clause whose finite verb is the cue or the auxiliary in
    front of it (see the module docstring)."""
    c0 = _cue_index(toks, f)
    v = next((k for k in range(0, (c0 or 0) + 1) if toks[k].is_word and not toks[k].is_cap
              and (k == c0 or toks[k].lower in AUXILIARIES["de"])), None)
    if c0 is None or v is None or v == 0 or any(toks[k].text in {",", ":", ";"} for k in range(v)):
        return None
    k = v + 1
    if k < len(toks) and toks[k].lower == "sich":
        k += 1
    inside = lambda a, b: f.start < toks[b - 1].end and toks[a].start < f.end  # noqa: E731
    if k + 1 < len(toks) and toks[k].lower in ARTICLES["de"] and _nominal(toks, k + 1):
        return None if inside(k, k + 2) else (k, k + 2)
    first = toks[0].lower
    if first not in ADVERBIAL_STARTS["de"] and first not in PREPOSITIONS["de"] and (toks[0].is_cap or first in ARTICLES["de"]):
        np = np_after(toks, 0, "de", lex)
        if np is not None and np[1] == v and not inside(*np):
            return np
        return None
    np = np_after(toks, k, "de", lex)
    if np is None or toks[np[0]].lower in {"es", "man"} or inside(*np):
        return None
    return np


def fronted_object(toks: list[Tok], f: Found, lex: Lexicon) -> tuple[int, int] | None:
    """The real subject where the speaker found is a fronted object in front of the cue."""
    assert f.speaker is not None and f.cue is not None
    c0 = _cue_index(toks, f)
    if c0 is None or f.speaker[1] > toks[c0].start:
        return None
    c1 = max((k for k, t in enumerate(toks) if t.end <= f.cue[1]), default=c0)
    if c0 > 1 and toks[c0 - 1].lower == "so" and toks[c0 - 2].text == ",":
        return np_after(toks, c1 + 1, "de", lex)  # "…, so vermutet die Zeitung The Guardian, …"
    k = c0 + 1
    if k < len(toks) and toks[k].lower in SUBJECT_PRONOUNS and not toks[c0].is_cap \
            and toks[c0].lower not in AUXILIARIES["de"] and toks[c0 - 1].is_word:
        return (k, k + 1)  # "Deren Haltung gegenüber der PKK bezeichnete er als …"
    return None


def check(text: str, sents: Sequence[tuple[int, int]], found: list[Found], language: str,
          lex: Lexicon) -> list[Found]:
    """The found quotes less those that report no speech, passive speakers removed."""
    if language == "en":
        return found
    out = []
    for f in found:
        if no_speech(text, sents, f):
            continue
        if passive_speaker(text, f, lex):
            if f.reported:
                continue
            f = dataclasses.replace(f, speaker=None)
        if f.speaker is not None and f.cue is not None:
            toks = _sentence(text, sents, f.cue[0])
            better = _span(toks, fronted_object(toks, f, lex))
            if better is not None and (f.reported or not f.start <= better[0] < f.end):
                f = dataclasses.replace(f, speaker=better)
        if f.speaker is None and f.cue is not None and not f.reported:
            toks = _sentence(text, sents, f.cue[0])
            if _is_passive(text, f, lex):
                f = dataclasses.replace(f, speaker=_span(toks, passive_agent(toks, f, lex)))
            else:
                f = dataclasses.replace(f, speaker=_span(toks, main_subject(toks, f, lex)))
        out.append(f)
    return out
