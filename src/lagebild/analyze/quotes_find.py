"""Finding quotes: direct quotes in quotation marks, indirect speech after cues, and speakers.

Pure functions over the article text, its sentences and its entity mentions.  The result of
:func:`find` is a list of :class:`~lagebild.model.Quote` records with the message span (quotation
marks included for direct quotes), the cue span (speech verb with its particle, "laut",
"zufolge", "nach Angaben", "so" …) and the speaker span; :mod:`quotes_speakers` then resolves
speakers to names and entity mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lagebild.analyze.speech import (
    ADVERBIAL_STARTS, ARTICLES, AUXILIARIES, PREPOSITIONS, PRONOUNS, SUBORDINATORS, Lexicon, Tok, tokens,
)

#: opening mark → closing marks
PAIRS_DE = {"„": "“”", "»": "«", "«": "»", '"': '"', "‚": "‘’", "“": "”"}
PAIRS_EN = {"“": "”", '"': '"', "«": "»", "„": "“”", "‘": "’"}
MAX_QUOTE = 2000

#: Konjunktiv forms that mark reported speech in a clause without a cue of its own
KONJUNKTIV = {
    "sei", "seien", "seiest", "habe", "hätte", "hätten", "werde", "würde", "würden", "könne", "könnte",
    "könnten", "müsse", "müsste", "müssten", "solle", "wolle", "dürfe", "gebe", "gäbe", "wäre", "wären",
    "liege", "stehe", "gehe", "komme", "bestehe", "handle", "handele", "bleibe", "lasse", "brauche",
    "trage", "sehe", "wisse", "verfüge", "fehle", "plane", "arbeite", "gelte", "beabsichtige",
}
#: a cue that is a preposition or an adverbial phrase naming the source
SOURCE_PREPS = {"de": {"laut", "gemäß", "zufolge"}, "en": set()}
STOP_PUNCT = {".", "!", "?", ";", ":", "…"}
ADJ_RE = re.compile(r"\w+(?:e|en|er|es|em)$")


@dataclass(frozen=True)
class Found:
    """A quote before speaker resolution (offsets into the article)."""

    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    inherit: bool = False  # speaker continues from the previous quote


# --------------------------------------------------------------------------- direct quotes

def direct_spans(text: str, language: str) -> list[tuple[int, int]]:
    """Character spans (marks included) of top-level quotations in ``text``."""
    pairs = PAIRS_EN if language == "en" else PAIRS_DE
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        closers = pairs.get(ch)
        if closers is None:
            i += 1
            continue
        if ch == '"' or ch == "‘":
            prev = text[i - 1] if i else " "
            if not (prev.isspace() or prev in "([/-–—:") or i + 1 >= n or text[i + 1].isspace():
                i += 1
                continue
        j = i + 1
        limit = min(n, i + MAX_QUOTE)
        end = -1
        while j < limit:
            cj = text[j]
            if cj in closers and (cj != '"' or j + 1 >= n or not text[j + 1].isalnum()):
                end = j + 1
                break
            if cj == "\n" and text[j:j + 2] == "\n\n":
                break
            if cj == "\n" and ch == '"':
                break
            j += 1
        if end < 0:
            i += 1
            continue
        spans.append((i, end))
        i = end
    return spans


def _words(toks: list[Tok]) -> int:
    return sum(1 for t in toks if t.is_word)


# --------------------------------------------------------------------------- noun phrases

def np_after(toks: list[Tok], i: int, language: str, lex: Lexicon) -> tuple[int, int] | None:
    """Token range of the noun phrase (a speaker) that starts at ``toks[i]``."""
    lang = "en" if language == "en" else "de"
    arts, preps = ARTICLES[lang], PREPOSITIONS[lang]
    n = len(toks)
    if i >= n:
        return None
    if toks[i].lower in PRONOUNS[lang]:
        return (i, i + 1)
    j = i
    seen_head = False
    while j < n:
        t = toks[j]
        low = t.lower
        if t.text == "(":
            k = j + 1
            while k < n and toks[k].text != ")" and k - j < 6:
                k += 1
            if k < n and toks[k].text == ")":
                j = k + 1
                continue
            break
        if t.text == ",":
            # apposition: ", der Leiter des …," or ", John Kirby,"
            if seen_head and j + 1 < n and (toks[j + 1].lower in {"der", "die"} or toks[j + 1].is_cap) \
                    and toks[j + 1].lower not in SUBORDINATORS[lang]:
                k = j + 1
                while k < n and toks[k].text not in {",", ".", ":", ";"}:
                    k += 1
                seg = toks[j + 1:k]
                if seg and len(seg) <= 8 and all(s.lower in arts or s.is_cap or s.lower in NP_GLUE[lang]
                                                 or ADJ_RE.match(s.lower) for s in seg):
                    j = k
                    continue
            break
        if not t.is_word and t.text not in {"-", "’", "'"}:
            break
        if low in arts or low in NP_GLUE[lang]:
            j += 1
            continue
        if t.is_cap and not (seen_head and low in preps):
            if j > i and toks[j - 1].is_cap and lang == "en" and low in AUXILIARIES["en"]:
                break
            seen_head = True
            j += 1
            continue
        if lang == "de" and ADJ_RE.match(low) and j + 1 < n and (toks[j + 1].is_cap or ADJ_RE.match(toks[j + 1].lower)) \
                and low not in AUXILIARIES["de"] and low not in lex.verbs:
            j += 1
            continue
        if lang == "en" and not seen_head and low not in preps and low not in AUXILIARIES["en"] \
                and low not in lex.verbs and j - i < 4:
            j += 1  # English lower-case adjectives and nouns ("a senior official")
            continue
        if lang == "en" and seen_head and low in {"official", "officials", "spokesman", "spokeswoman"}:
            j += 1
            continue
        break
    while j > i and toks[j - 1].lower in (arts | NP_GLUE[lang] | {","}):
        j -= 1
    if j == i or not any(toks[k].is_cap or toks[k].lower in PRONOUNS[lang] for k in range(i, j)) \
            and lang == "de":
        return None
    return (i, j) if j > i else None


NP_GLUE = {
    "de": {"des", "der", "von", "vom", "und", "sowie", "sowohl", "als", "auch", "al", "van", "de", "bin",
           "für", "zu", "zur", "zum", "beim"},
    "en": {"of", "and", "the", "for", "al", "bin", "de", "van", "von"},
}


# --------------------------------------------------------------------------- cues

def _is_cue(toks: list[Tok], i: int, lex: Lexicon, language: str) -> tuple[int, int] | None:
    """Token indexes (first, last) of a verb cue at ``toks[i]``, with its particle if separable."""
    low = toks[i].lower
    if low in lex.participles:
        return (i, i)
    hit = lex.verbs.get(low)
    if hit is None:
        return None
    lemma, particle = hit
    if language != "en" and toks[i].is_cap and i > 0 and toks[i - 1].lower in ARTICLES["de"]:
        return None  # a noun ("das Sagen")
    if particle:
        for k in range(i + 1, min(len(toks), i + 14)):
            if toks[k].text in {",", ".", ":", ";"}:
                break
            if toks[k].lower == particle:
                return (i, k)
        # a separable verb without its particle is only a cue in verb-final position ("hinweist")
        return None if not low.startswith(particle) else (i, i)
    return (i, i)


def _clause_end(toks: list[Tok], i: int) -> int:
    k = i
    while k < len(toks) and toks[k].text not in STOP_PUNCT:
        k += 1
    return k


def _message_span(toks: list[Tok], a: int, b: int) -> tuple[int, int] | None:
    while a < b and toks[a].text in {",", ":", "-", "–"}:
        a += 1
    while b > a and toks[b - 1].text in {",", ".", ":", ";", "-", "–", "!", "?"}:
        b -= 1
    if b - a < 3:
        return None
    return (toks[a].start, toks[b - 1].end)


def _speaker_before(toks: list[Tok], lo: int, v: int, language: str, lex: Lexicon) -> tuple[int, int] | None:
    """Subject in front of the finite verb at ``v`` (clause starts at ``lo``), or after it."""
    lang = "en" if language == "en" else "de"
    if v <= lo:
        return np_after(toks, v + 1, language, lex)
    first = toks[lo].lower
    if first in ADVERBIAL_STARTS[lang] or first in PREPOSITIONS[lang] or (lang == "de" and v - lo == 1 and not toks[lo].is_cap):
        k = v + 1
        return np_after(toks, k, language, lex)
    a, b = lo, v
    while a < b and not toks[a].is_word:
        a += 1
    while b > a and toks[b - 1].text in {",", "-"}:
        b -= 1
    if b <= a or b - a > 14:
        return None
    return (a, b)


def _finite_before(toks: list[Tok], lo: int, c: int, language: str) -> int:
    """Index of the finite auxiliary in front of a participle cue at ``c`` (or ``c`` itself)."""
    aux = AUXILIARIES["en" if language == "en" else "de"]
    for k in range(lo, c):
        if toks[k].lower in aux:
            return k
    return c


def find_in_sentence(toks: list[Tok], masked: set[int], language: str, lex: Lexicon) -> list[Found]:
    """Indirect quotes of one sentence (tokens inside direct quotes are in ``masked``)."""
    lang = "en" if language == "en" else "de"
    n = len(toks)
    if n < 4:
        return []
    found: list[Found] = []
    whole = _message_span(toks, 0, n)

    def span(rng: tuple[int, int] | None) -> tuple[int, int] | None:
        if rng is None or rng[1] <= rng[0]:
            return None
        return (toks[rng[0]].start, toks[rng[1] - 1].end)

    for i, t in enumerate(toks):
        if i in masked:
            continue
        low = t.lower
        # ---- prepositional source cues
        if lang == "de" and low in ("laut", "gemäß"):
            np = np_after(toks, i + 1, language, lex)
            if np is None:
                continue
            b = np[1]
            if b < n and toks[b].text == ",":  # relative clause after the source
                k = b + 1
                while k < n and toks[k].text != ",":
                    k += 1
                b = k + 1 if k < n else b
            msg = _message_span(toks, b, n) if i == 0 or toks[i - 1].text in {",", "("} and i < 2 else None
            if msg is None and i > 0:
                msg = _message_span(toks, 0, i) if np[1] >= n - 1 else whole
            if msg:
                found.append(Found(msg[0], msg[1], "indirect", (t.start, t.end), span(np)))
            return found
        if lang == "de" and low == "zufolge" and i > 0:
            lo = 0
            for k in range(i - 1, -1, -1):
                if toks[k].text == ",":
                    lo = k + 1
                    break
            src = (lo, i) if i - lo <= 8 else (i - 1, i)
            msg = _message_span(toks, i + 1, n) if lo == 0 else _message_span(toks, 0, lo)
            if msg:
                speaker = None if toks[src[0]].lower in {"berichten", "medienberichten", "angaben"} else span(src)
                found.append(Found(msg[0], msg[1], "indirect", (t.start, t.end), speaker))
            return found
        if lang == "de" and low == "nach" and i + 1 < n and (
                toks[i + 1].text in lex.nouns or toks[i + 1].text.endswith(tuple("-" + x for x in ("Erkenntnissen", "Angaben", "Informationen", "Berichten", "Einschätzung")))
                or (i + 2 < n and toks[i + 2].text in lex.nouns and toks[i + 1].lower in ARTICLES["de"] | {"eigenen", "ersten", "neuen", "offiziellen"})):
            k = i + 1
            while k < n and toks[k].text not in lex.nouns and not toks[k].text.endswith(
                    ("-Erkenntnissen", "-Angaben", "-Informationen", "-Berichten")):
                k += 1
            end = k + 1
            if end < n and toks[end].lower in {"von", "der", "des", "aus"}:
                np = np_after(toks, end + 1 if toks[end].lower in {"von", "aus"} else end, language, lex)
                if np:
                    end = np[1]
            speaker = (i + 1, end)
            if i == 0 or (i == 1 and not toks[0].is_word):
                msg = _message_span(toks, end, n)
            elif end >= n - 1:
                msg = _message_span(toks, 0, i)
            else:
                msg = whole
            if msg:
                found.append(Found(msg[0], msg[1], "indirect", (t.start, t.end), span(speaker)))
            return found
        if lang == "de" and low == "so" and i > 0 and toks[i - 1].text == "," and i + 1 < n:
            np = np_after(toks, i + 1, language, lex)
            if np and (np[1] >= n - 1 or toks[np[1]].text in {".", ","}):
                msg = _message_span(toks, 0, i)
                if msg:
                    found.append(Found(msg[0], msg[1], "indirect", (t.start, t.end), span(np)))
                    return found
        if lang == "en" and low == "according" and i + 2 < n and toks[i + 1].lower == "to":
            np = np_after(toks, i + 2, language, lex)
            if np is None:
                continue
            if i == 0:
                msg = _message_span(toks, np[1], n)
            elif np[1] >= n - 1:
                msg = _message_span(toks, 0, i)
            else:
                msg = whole
            if msg:
                found.append(Found(msg[0], msg[1], "indirect", (t.start, toks[i + 1].end), span(np)))
            return found
        if low in ("wie", "as") and i + 2 < n and (i == 0 or toks[i - 1].text == ","):
            k = i + 1
            while k < n and k - i <= 8 and toks[k].text not in {",", "."} and not _is_cue(toks, k, lex, language):
                k += 1
            if k < n and k - i <= 8 and _is_cue(toks, k, lex, language) and k > i + 1:
                cue_end = k
                while cue_end + 1 < n and toks[cue_end + 1].text not in {",", "."}:
                    cue_end += 1
                np = (i + 1, k)
                if i == 0:
                    msg = _message_span(toks, cue_end + 1, n)
                else:
                    msg = _message_span(toks, 0, i)
                if msg:
                    found.append(Found(msg[0], msg[1], "indirect", (t.start, toks[k].end), span(np)))
                    return found
        # ---- verb cues
        cue = _is_cue(toks, i, lex, language)
        if cue is None:
            continue
        c0, c1 = cue
        # message after: ", dass …", ": …", ", <Konjunktiv clause>"; English "said (that) …"
        k = c1 + 1
        while k < n and k - c1 <= 14 and toks[k].text not in {",", ":", ".", ";"} and k not in masked:
            k += 1
        after = None
        if k < n and toks[k].text in {",", ":"} and k + 1 < n and (k + 1) not in masked:
            nxt = toks[k + 1].lower
            rest = {x.lower for x in toks[k + 1:_clause_end(toks, k + 1)]}
            if toks[k].text == ":" or nxt in SUBORDINATORS[lang] or (lang == "de" and rest & KONJUNKTIV) or lang == "en":
                after = (k + 1, n)
        if after is None and lang == "en" and c1 + 1 < n and toks[c1 + 1].lower in {"that", "the", "it", "he", "she", "they", "there", "north", "russia"} | {"on", "in"}:
            j = c1 + 1
            if toks[j].lower in {"on", "in"}:
                while j < n and toks[j].lower != "that" and j - c1 < 5:
                    j += 1
            if j < n:
                after = (j, n)
        if after is None and lang == "en" and toks[c0].lower in {"told"}:
            j = c1 + 1
            while j < n and j - c1 < 6 and toks[j].lower != "that":
                j += 1
            if j < n and toks[j].lower == "that":
                after = (j, n)
        # message before: "<message>, sagte X." / "<message>, X said."
        before = None
        if after is None and i > 2:
            lead = c0 - 1
            if toks[lead].text == ",":
                before = (0, lead)
            elif lang == "en":
                np_start = c0
                while np_start > 0 and toks[np_start - 1].text != "," and c0 - np_start < 6:
                    np_start -= 1
                if np_start > 2 and toks[np_start - 1].text == ",":
                    before = (0, np_start - 1)
        if after is not None:
            msg = _message_span(toks, *after)
            lo = 0
            for b in range(c0 - 1, -1, -1):
                if toks[b].text in {";"} or (toks[b].text == "," and b + 1 < n and toks[b + 1].lower in {"und", "aber", "and", "but", "doch"}):
                    lo = b + 2
                    break
            v = _finite_before(toks, lo, c0, language)
            sp = _speaker_before(toks, lo, v, language, lex)
            if msg:
                cue_span = (toks[v].start if v < c0 and v >= c0 - 6 else toks[c0].start, toks[c1].end)
                found.append(Found(msg[0], msg[1], "indirect", cue_span, span(sp)))
                return found
        if before is not None:
            msg = _message_span(toks, *before)
            if lang == "en" and toks[c0 - 1].text != ",":
                sp = (before[1] + 1, c0)
            else:
                sp = np_after(toks, c1 + 1, language, lex)
            if msg and sp:
                found.append(Found(msg[0], msg[1], "indirect", (toks[c0].start, toks[c1].end), span(sp)))
                return found
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
            return (cue[0], cue[1] + 1), np_after(toks, cue[1] + 1, language, lex)
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
                if toks[b].text in {"“", "”", '"', "»", "«"}:
                    lo = b + 1
                    break
            while lo < c0 and toks[lo].text in {","}:
                lo += 1
            if c0 == lo:
                return (c0, c1 + 1), np_after(toks, c1 + 1, language, lex)
            v = _finite_before(toks, lo, c0, language)
            return (v if c0 - v <= 4 else c0, c1 + 1), _speaker_before(toks, lo, v, language, lex)
    return None, None
