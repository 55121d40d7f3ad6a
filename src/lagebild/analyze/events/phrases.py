"""Plain phrases that fill a role where no entity does: a subject noun phrase ("rund 50 Staaten"),
a phrase after a preposition ("auf die Energieinfrastruktur"), the guest of a reception and what
a condemnation or denial is about."""

from __future__ import annotations

from lagebild.analyze.events.candidates import Cand
from lagebild.analyze.events.patterns import TIME_RE
from lagebild.analyze.events.vocabulary import vocabulary
from lagebild.analyze.text.speech import (
    ADVERBIAL_STARTS, ARTICLES, AUXILIARIES, PREPOSITIONS, SUBORDINATORS, Tok, is_role_word, lexicon,
)

Span = tuple[int, int, int | None]


def guest(toks: list[Tok], cands: list[Cand], i: int, hi: int, language: str) -> Span | None:
    """The person right after "received"/"hosted", or None where a thing follows."""
    person = next((c for c in cands if c.label == "PER" and i < c.first <= i + 5 and c.form != "adjective"), None)
    if person is not None:
        return person.start, person.end, person.mention
    lex = lexicon(language)
    role = next((k for k in range(i + 1, min(i + 6, hi)) if toks[k].is_cap and is_role_word(toks[k].text, lex)), None)
    if role is None:
        return None
    a = b = role + 1
    while b < hi and toks[b].is_cap and toks[b].is_word:
        b += 1
    return (toks[a].start, toks[b - 1].end, None) if b > a else None


def subject_np(toks: list[Tok], lo: int, trig: int, language: str) -> tuple[int, int] | None:
    """A subject that is no entity ("rund 50 Staaten", "Experten"): before the finite verb, or right after it."""
    lang = "en" if language == "en" else "de"
    aux = AUXILIARIES[lang]
    finite = next((k for k in range(lo, trig + 1) if toks[k].lower in aux or k == trig), trig)
    while lo < trig and toks[lo].lower in SUBORDINATORS[lang] | {"wonach", "demnach"}:
        lo += 1
    first = toks[lo].lower
    if lo > 0 and toks[lo - 1].text == "," and first in {"der", "die", "das", "welche", "which", "that", "who"}:
        return None  # a relative clause: its subject is the noun before the comma
    if lo + 1 < len(toks) and toks[lo + 1].text[:1].isdigit():
        first = "#"  # "About 50 countries", "Rund 50 Staaten"
    if finite > lo and first not in ADVERBIAL_STARTS[lang] and first not in PREPOSITIONS[lang] and finite - lo <= 6:
        a, b = lo, finite
    elif finite < trig:
        a = b = finite + 1
        while b < trig and toks[b].lower not in ARTICLES[lang] | PREPOSITIONS[lang] and toks[b].is_word:
            b += 1
    else:
        return None
    while a < b and (not toks[a].is_word or toks[a].lower in ADVERBIAL_STARTS[lang]):
        a += 1
    if b <= a or not any(toks[k].is_cap for k in range(a, b)) or b - a > 6:
        return None
    if lang == "de" and b - a == 1 and toks[a].lower in vocabulary().function_words:
        return None
    return a, b


def pp_phrase(toks: list[Tok], lo: int, hi: int, i: int, preps: tuple[str, ...], noun: bool) -> tuple[int, int] | None:
    """A short noun phrase after one of ``preps`` ("auf die Energieinfrastruktur", "wegen ihrer Geschäfte …")."""
    vocab = vocabulary()
    inner = ARTICLES["de"] | ARTICLES["en"] | {"mit", "with", "of", "bei"}
    stops = (PREPOSITIONS["de"] | PREPOSITIONS["en"] | vocab.extra_preps) - {"mit", "bei", "of", "with"}
    rng = range(i + 1, hi) if noun else range(lo, hi)
    for k in rng:
        if toks[k].lower not in preps:
            continue
        a = k + 1
        b = a
        while b < hi and b - a < 6 and toks[b].is_word and (
                toks[b].is_cap or toks[b].lower in inner
                or toks[b].lower.endswith(("e", "en", "er", "es", "ian", "ese", "al")) or toks[b].text[:1].isdigit()
                or toks[b].lower in vocab.numerals) \
                and toks[b].lower not in AUXILIARIES["de"] | AUXILIARIES["en"] and (b == a or toks[b].lower not in stops):
            b += 1
        while b > a and not toks[b - 1].is_cap and not toks[b - 1].text[:1].isdigit() and toks[b - 1].lower not in {
                "civilians"} and not toks[b - 1].lower.endswith(("ians", "ns")):
            b -= 1
        if b > a:
            return a, b
    return None


def about_phrase(text: str, toks: list[Tok], clause: tuple[int, int], i: int, part: int | None, noun: bool,
                 subject: Span | None) -> tuple[int, int] | None:
    """What a condemnation or denial is about: the words after the trigger (up to its particle), or
    between the auxiliary and a participle at the clause end, without the subject and a leading
    time phrase; at most 25 tokens."""
    lo, hi = clause
    a, b = i + 1, hi
    if part is not None:
        b = part
    elif toks[i].lower.startswith(("ge", "be", "ver", "kri", "de", "zur")) and not noun:
        # participle at the clause end: the object stands between the auxiliary and the trigger
        aux = next((k for k in range(lo, i) if toks[k].lower in AUXILIARIES["de"] | AUXILIARIES["en"]), None)
        if aux is not None and i - aux > 1:
            a, b = aux + 1, i
            if subject is not None:
                after = next((k for k in range(a, b) if toks[k].start >= subject[1]), a)
                a = max(a, after)
    if subject is not None and a < b and toks[a].start < subject[1] and subject[0] >= toks[a].start:
        a = next((k for k in range(a, b) if toks[k].start >= subject[1]), a)
    m = TIME_RE.match(text, toks[a].start) if a < b else None
    while m and a < b and toks[a].start < m.end():
        a += 1
    while b > a and not toks[b - 1].is_word:
        b -= 1
    if b - a >= 1 and b - a <= 25:
        return a, b
    return None
