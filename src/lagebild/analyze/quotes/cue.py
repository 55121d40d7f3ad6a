"""Cues of quotes: speech verbs (with separable particles, auxiliaries and the "sich"/"es" that
belong to them), the cue and speaker of a direct quote, the detached part of a split cue
("teilte … mit") and the source phrase set into a message ("…, so X, …").

Pure functions over one sentence's tokens.
"""

from __future__ import annotations

from lagebild.analyze.quotes.base import CLOSE_MARKS, CUE_TAILS, OPEN_MARKS, STOP_PUNCT, vocab
from lagebild.analyze.quotes.speaker import _document_source, _speaker_after, _speaker_before, np_after
from lagebild.analyze.text.speech import ARTICLES, AUXILIARIES, Lexicon, Tok, is_role_word


def _is_cue(toks: list[Tok], i: int, lex: Lexicon, language: str) -> tuple[int, int] | None:
    """Token indexes (first, last) of a verb cue at ``toks[i]``, with its particle if separable."""
    low = toks[i].lower
    if toks[i].is_cap and i > 0 and toks[i - 1].is_word:
        return None  # a noun ("das Sagen", "Hinweise"), a name ("Secretary of State")
    if low in lex.participles:
        return (i, i)
    hits = lex.verbs.get(low)
    if not hits:
        return None
    plain = False
    breaks = vocab().clause_breaks
    for _lemma, particle in hits:
        if not particle:
            plain = True
            continue
        for k in range(i + 1, min(len(toks), i + 20)):
            if toks[k].text in {".", ":", ";"} or (toks[k].text == "," and k + 1 < len(toks)
                                                   and toks[k + 1].lower in breaks):
                break
            if toks[k].lower == particle:
                return (i, k)
    # a separable verb without its particle is no cue ("gab" without "an"/"bekannt")
    return (i, i) if plain else None


def cue_lemma(tok: Tok, lex: Lexicon) -> str:
    hits = lex.verbs.get(tok.lower)
    return hits[0][0] if hits else lex.participles.get(tok.lower, "")


def _message_span(toks: list[Tok], a: int, b: int) -> tuple[int, int] | None:
    while a < b and toks[a].text in {",", ":", "-", "–"}:
        a += 1
    while b > a and toks[b - 1].text in {",", ".", ":", ";", "-", "–", "!", "?"}:
        b -= 1
    if b - a < 3:
        return None
    return (toks[a].start, toks[b - 1].end)


def _sentence_span(toks: list[Tok], a: int, b: int) -> tuple[int, int] | None:
    """A whole sentence as a message, its final mark included (SpkAtt's reading of reported and
    free indirect speech)."""
    while a < b and toks[a].text in {",", ":", "-", "–"}:
        a += 1
    while b > a and toks[b - 1].text in {",", ":", ";", "-", "–"}:
        b -= 1
    if b - a < 3:
        return None
    return (toks[a].start, toks[b - 1].end)


def _finite_before(toks: list[Tok], lo: int, c: int, language: str) -> int:
    """Index of the finite auxiliary in front of a participle cue at ``c`` (or ``c`` itself)."""
    aux = AUXILIARIES["en" if language == "en" else "de"]
    found = c
    for k in range(c - 1, lo - 1, -1):  # never across a clause boundary ("…, den er geschickt hat, erklärt er")
        if toks[k].text in {",", ":", ";"}:
            break
        if toks[k].lower in aux:
            found = k
    return found


# --------------------------------------------------------------------------- direct cues

def direct_cue(toks: list[Tok], qa: int, qb: int, language: str, lex: Lexicon) -> tuple[
        tuple[int, int] | None, tuple[int, int] | None]:
    """Cue and speaker (token ranges) of a direct quote at tokens ``[qa, qb)`` of its sentence."""
    lang = "en" if language == "en" else "de"
    n = len(toks)
    # after: „…“, sagte er / "…," Kirby said / "…", said Kirby
    k = qb
    if k < n and toks[k].text == ",":
        k += 1
    if k < n:
        cue = _is_cue(toks, k, lex, language)
        if cue:
            rng = _with_tail(toks, _cue_range(toks, cue[0], cue[0], cue[1]))
            if cue_lemma(toks[cue[0]], lex) == "heißen":
                return rng, _document_source(toks, k, cue[0], rng[1] - 1, language, lex)
            return rng, _speaker_after(toks, cue, language, lex)
        if lang == "de" and toks[k].lower == "so" and k > qb:
            np = np_after(toks, k + 1, language, lex)
            if np:
                return (k, k + 1), np
        if lang == "en":
            for j in range(k + 1, min(n, k + 6)):
                cue = _is_cue(toks, j, lex, language)
                if cue:
                    return (cue[0], cue[1] + 1), (k, j)
                if toks[j].text in {",", "."}:
                    break
    # before: Kirby sagte: „…“ / sagte er, „…“
    lo = 0
    for j in range(qa - 1, -1, -1):
        cue = _is_cue(toks, j, lex, language)
        if cue:
            c0, c1 = cue
            for b in range(c0 - 1, -1, -1):
                if toks[b].text in {"“", "”", '"', "»", "«"} or toks[b].text == ":":
                    lo = b + 1
                    break
            while lo < c0 and toks[lo].text in {","}:
                lo += 1
            if cue_lemma(toks[c0], lex) == "heißen":
                rng = _with_tail(toks, _cue_range(toks, c0, c0, c1))
                return rng, _document_source(toks, lo, c0, rng[1] - 1, language, lex)
            if c0 == lo:
                return _with_tail(toks, _cue_range(toks, c0, c0, c1)), _speaker_after(toks, cue, language, lex)
            v = _finite_before(toks, lo, c0, language)
            return _with_tail(toks, _cue_range(toks, v, c0, c1)), _speaker_before(toks, lo, v, language, lex)
    return None, _colon_speaker(toks, qa, language, lex)


def _colon_speaker(toks: list[Tok], qa: int, language: str, lex: Lexicon) -> tuple[int, int] | None:
    """The speaker that a colon alone introduces, with no speech verb ("Ein Beamter der
    Nationalpolizei: „…“", "BKA-Präsident Ziercke: „…“"): a noun phrase that fills the clause
    before the colon and names a person or an office."""
    if qa < 2 or toks[qa - 1].text != ":":
        return None
    lo = qa - 1
    while lo > 0 and toks[lo - 1].text not in STOP_PUNCT | CLOSE_MARKS | {":", ";"}:
        lo -= 1
    np = np_after(toks, lo, language, lex)
    if np is None or np[1] != qa - 1:
        return None
    arts = ARTICLES["en" if language == "en" else "de"]
    caps = [t for t in toks[np[0]:np[1]] if t.is_cap and t.is_word and t.lower not in arts]
    return np if any(is_role_word(t.text, lex) for t in caps) or len(caps) >= 2 else None


def _cue_range(toks: list[Tok], v: int, c0: int, c1: int) -> tuple[int, int]:
    """Token range of a cue: the verb, with an auxiliary right before it and a particle right
    after it or after a pronominal adverb ("hatte berichtet", "teilte mit", "wies darauf hin"); a
    particle further off ("fügte er hinzu") is left to :func:`cue_extra`, so the cue never takes
    the other words between."""
    first = v if 0 < c0 - v <= 1 else c0
    last = c1 if c1 - c0 <= 1 or (c1 - c0 == 2 and toks[c0 + 1].lower in vocab().da_words) else c0
    return first, last + 1


def _cue_span(toks: list[Tok], v: int, c0: int, c1: int) -> tuple[int, int]:
    a, b = _with_tail(toks, _cue_range(toks, v, c0, c1))
    return toks[a].start, toks[b - 1].end


#: forms of "werden" after which a leading "es" belongs to a passive cue ("Es wird vermutet")
_PASSIVE_ES = frozenset({"wird", "wurde", "werde", "würde"})


def _with_tail(toks: list[Tok], rng: tuple[int, int]) -> tuple[int, int]:
    """Extend a cue by a reflexive or the "es" of "heißt es" right after it, and by the "es"
    right before a passive ("Es wird vermutet, …")."""
    a, b = rng
    if a > 0 and b - a > 1 and toks[a].lower in _PASSIVE_ES and toks[a - 1].lower == "es":
        a -= 1
    if b < len(toks) and (toks[b].lower in CUE_TAILS or (
            toks[b].lower == "es" and toks[b - 1].lower in {"heißt", "hieß", "hießt"})):
        return a, b + 1
    return a, b


# --------------------------------------------------------------------------- split cues and gaps

#: punctuation that a gap takes along on either side ("Die Lage, so X, sei …")
GAP_PUNCT = {",", "–", "-", "—"}
_QUOTE_MARKS = OPEN_MARKS | CLOSE_MARKS | {"‘", "’"}


def _clause(toks: list[Tok], c0: int, c1: int) -> tuple[int, int]:
    """Token range ``[lo, hi)`` of the clause around the cue tokens ``c0..c1``."""
    lo = c0
    while lo > 0 and toks[lo - 1].text not in {",", ";", ":", "(", ")"} | _QUOTE_MARKS | STOP_PUNCT:
        lo -= 1
    hi = c1 + 1
    breaks = vocab().clause_breaks
    while hi < len(toks) and toks[hi].text not in {";", ":", "(", ")"} | _QUOTE_MARKS | STOP_PUNCT and not (
            toks[hi].text == "," and hi + 1 < len(toks) and toks[hi + 1].lower in breaks):
        hi += 1
    return lo, hi


def cue_extra(toks: list[Tok], c0: int, c1: int, lex: Lexicon, language: str) -> tuple[int, int] | None:
    """Token range ``[a, b)`` of the part of a cue that stands apart from the cue tokens
    ``c0..c1`` in its clause: the particle of a separable verb ("teilte die Polizei mit", with a
    "darauf"/"davon" before it), the auxiliary of a participle ("hat der Minister angekündigt") or
    the "wie" of "wie die Polizei mitteilte"; None where the cue is whole."""
    if language == "en":
        return None
    w = vocab()
    lo, hi = _clause(toks, c0, c1)
    inside = {t.lower for t in toks[c0:c1 + 1]}
    for k in range(c0, c1 + 1):
        for _lemma, particle in lex.verbs.get(toks[k].lower, ()):
            if not particle or particle in inside or toks[k].lower.startswith(particle):
                continue  # "mitgeteilt", "angekündigt": the particle is part of the word
            hits = [j for j in range(c1 + 1, hi) if toks[j].lower == particle]
            if hits:
                j = hits[-1]
                a = j - 1 if j - 1 > c1 and toks[j - 1].lower in w.da_words else j
                return a, j + 1
    low = toks[c0].lower
    if low not in lex.verbs and low not in lex.participles:
        return None  # "laut", "zufolge", "so": no verb to complete
    lemma = cue_lemma(toks[c1], lex)
    if lemma in w.cue_complements:
        hits = [j for j in range(c1 + 1, hi) if toks[j].lower == w.cue_complements[lemma]]
        if hits:
            return hits[0], hits[0] + 1
    finite = low in lex.verbs and not low.startswith("ge") and low not in lex.participles \
        and low.endswith(("te", "ten", "st", "e"))
    nxt = toks[c1 + 1].lower if c1 + 1 < hi else None
    if not finite and nxt in w.cue_aux:
        return c1 + 1, c1 + 2  # "…, dass er das festgestellt hatte": the auxiliary after the participle
    if nxt in w.da_words and c1 + 2 < len(toks) and toks[c1 + 2].text in {",", ":"}:
        return c1 + 1, c1 + 2  # "warnte davor, …", "plädierte dafür, …"
    if not finite and toks[c0].is_word and not toks[c0].is_cap and not inside & w.cue_aux:
        aux = next((k for k in range(lo, c0) if toks[k].lower in w.cue_aux), None)
        if aux is not None and not any(toks[k].lower in w.cue_aux for k in range(aux + 1, c0)):
            return aux, aux + 1
    if c1 + 1 < len(toks) and toks[c1 + 1].is_word:
        return None
    # "Wie X mitteilte", "wie die „Aktion Deutschland hilft“ heute mitteilte", "Wie X, Sprecher …, mitteilte"
    for k in range(c0 - 2, max(-1, c0 - 20), -1):
        t = toks[k]
        if t.text in STOP_PUNCT or t.text in {";", ":"}:
            break
        if t.lower == "wie" and (t.text == "Wie" or k == 0 or toks[k - 1].text == ","
                                 or toks[k - 1].lower in {"und", "denn", "aber", "doch"}):
            return k, k + 1
    return None


def inner_gap(toks: list[Tok], msg: tuple[int, int], parts: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Character span of the source phrase set into a message (``msg``, a character span): the
    stretch from the first to the last of ``parts`` (cue and speaker, character spans) with the
    comma or dash on either side, where all of it lies strictly inside the message."""
    a, b = min(p[0] for p in parts), max(p[1] for p in parts)
    if not (msg[0] < a and b < msg[1]):
        return None
    ta = next((k for k, t in enumerate(toks) if t.start >= a), None)
    tb = next((k for k in range(len(toks) - 1, -1, -1) if toks[k].end <= b), None)
    if ta is None or tb is None or tb < ta:
        return None
    if ta > 0 and toks[ta - 1].text in GAP_PUNCT and toks[ta - 1].start > msg[0]:
        ta -= 1
    if tb + 1 < len(toks) and toks[tb + 1].text in GAP_PUNCT and toks[tb + 1].end < msg[1]:
        tb += 1
    return toks[ta].start, toks[tb].end
