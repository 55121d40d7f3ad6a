"""Cutting a sentence into the clauses the event rules work in."""

from __future__ import annotations

from lagebild.analyze.events.vocabulary import Vocabulary, vocabulary
from lagebild.analyze.text.speech import ARTICLES, AUXILIARIES, PREPOSITIONS, Tok, lexicon


#: the tokens after which a clause may begin (a comma only before a clause opener)
PUNCTUATION = frozenset({";", ":", "–", "—", ","})


def clauses(toks: list[Tok], starts: set[int] = frozenset(), language: str = "de") -> list[tuple[int, int]]:
    """Token ranges of the clauses of a sentence (split at ';', at commas that open a clause and
    where a reported message begins: ``starts`` are character offsets; "said that …", "believed
    North Korea had …", "sagte …, Moskau habe …")."""
    lang = "en" if language == "en" else "de"
    speech = lexicon(lang).verbs
    vocab = vocabulary()
    bounds = [0]
    for k, t in enumerate(toks):
        if k and t.start in starts:
            bounds.append(k)
        elif t.text in PUNCTUATION and _opens_after(toks, k, vocab):
            bounds.append(k + 1)
        elif lang == "de" and t.text == "," and _reported_after_comma(toks, k, bounds[-1], speech, vocab):
            bounds.append(k + 1)
        elif lang == "en" and _reported_en(toks, k, speech, vocab):
            bounds.append(k)
    bounds.append(len(toks))
    bounds = sorted(set(bounds))
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _opens_after(toks: list[Tok], k: int, vocab: Vocabulary) -> bool:
    """A clause begins after token ``k``: a semicolon, colon or dash, or a comma before a clause
    opener ("…, und", "…, die", "…, wird")."""
    t = toks[k]
    return t.text in {";", ":", "–", "—"} or (t.text == "," and k + 1 < len(toks) and (
        toks[k + 1].lower in vocab.clause_openers or toks[k + 1].lower in AUXILIARIES["de"]))


def _reported_after_comma(toks: list[Tok], k: int, since: int, speech, vocab: Vocabulary) -> bool:
    """German: a comma after a speech verb, followed by a Konjunktiv ("sagte …, Moskau habe …")."""
    return toks[k].text == "," and any(toks[j].lower in speech for j in range(since, k)) and any(
        toks[j].lower in vocab.reported_finite for j in range(k + 1, min(k + 5, len(toks))))


def _reported_en(toks: list[Tok], k: int, speech, vocab: Vocabulary) -> bool:
    """English: a message begins at ``k`` ("said that …", "believed North Korea had …")."""
    t = toks[k]
    if not (k + 1 < len(toks) and toks[k - 1].is_word and toks[k - 1].lower not in PREPOSITIONS["en"] | ARTICLES["en"]):
        return False
    if t.lower == "that" and (toks[k + 1].is_cap or toks[k + 1].lower in ARTICLES["en"] | {"it", "he", "she", "they"}):
        return True
    if t.lower == "that" and toks[k + 1].text == "," and any(toks[j].lower in speech for j in range(k)):
        return True  # "said … that, according to US intelligence, Pyongyang had …": an aside opens the message
    return toks[k - 1].lower in speech and t.is_cap and t.is_word and t.lower not in vocab.function_words \
        and any(toks[j].lower in AUXILIARIES["en"] for j in range(k + 1, min(k + 5, len(toks))))
