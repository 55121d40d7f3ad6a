"""Source phrases as cues of indirect speech: "laut X", "X zufolge", "demnach", "nach Angaben
von X", "Seiner Meinung nach", "…, so X", "according to X" and "wie X sagte".

Each rule looks at one word of a sentence (:class:`Sentence`) and answers with the quote it
finds, with :data:`NEXT_WORD` where its word is no cue after all, or with None where it does not
apply; :func:`lagebild.analyze.quotes.find.find_in_sentence` asks them in order.  Pure functions
over one sentence's tokens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lagebild.analyze.quotes.base import ADJ_RE, BACK_CUES, OPEN_MARKS, Found, vocab
from lagebild.analyze.quotes.cue import _cue_span, _is_cue, _message_span, _sentence_span
from lagebild.analyze.quotes.speaker import _np_before, np_after
from lagebild.analyze.text.speech import ARTICLES, PREPOSITIONS, SUBORDINATORS, Lexicon, Tok, is_role_word


@dataclass(frozen=True)
class Sentence:
    """One sentence as the rules of :func:`~lagebild.analyze.quotes.find.find_in_sentence` see it:
    its tokens, those inside direct quotes (``masked``), the language ("de" or "en" in ``lang``,
    as given in ``language``) and the whole sentence as a message (``whole``: its final mark left
    out; ``sentence``: kept)."""

    toks: list[Tok]
    masked: set[int]
    lang: str
    language: str
    lex: Lexicon
    reported: bool
    whole: tuple[int, int] | None
    sentence: tuple[int, int] | None

    @classmethod
    def of(cls, toks: list[Tok], masked: set[int], language: str, lex: Lexicon, reported: bool) -> Sentence:
        n = len(toks)
        return cls(toks, masked, "en" if language == "en" else "de", language, lex, reported,
                   _message_span(toks, 0, n), _sentence_span(toks, 0, n))


class NextWord:
    """A rule's answer that its word is no cue after all: go on with the next word."""

    def __repr__(self) -> str:
        return "NEXT_WORD"


NEXT_WORD = NextWord()
#: what a rule answers: the quotes of the sentence (final, may be empty), NEXT_WORD, or None
#: where the rule does not apply to the word (the next rule is asked)
Outcome = list[Found] | NextWord | None
Rule = Callable[["Sentence", int], Outcome]

#: a source phrase inside a sentence ("…, so X, …", "… X zufolge …", "…, wie X sagt, …") leaves
#: the sentence around it as the message, the phrase as its gap
INNER_SOURCES = True


def char_span(toks: list[Tok], rng: tuple[int, int] | None) -> tuple[int, int] | None:
    """Character span of the token range ``rng`` (None for None or an empty range)."""
    if rng is None or rng[1] <= rng[0]:
        return None
    return (toks[rng[0]].start, toks[rng[1] - 1].end)


def _quote(msg: tuple[int, int] | None, cue: tuple[int, int], speaker: tuple[int, int] | None,
           gaps: tuple[tuple[int, int], ...] = ()) -> list[Found]:
    """The answer of a rule that found its source: one indirect quote, or none without a message."""
    return [Found(msg[0], msg[1], "indirect", cue, speaker, gaps=gaps)] if msg else []


def laut_rule(s: Sentence, i: int) -> Outcome:
    """ "laut X" / "gemäß X": the message follows the source at a sentence start, precedes it at
    the end, else is the whole sentence."""
    toks, t, n = s.toks, s.toks[i], len(s.toks)
    if s.lang != "de" or t.lower not in ("laut", "gemäß"):
        return None
    np = np_after(toks, i + 1, s.language, s.lex)
    if np is None and (i == 0 or (i == 1 and not toks[0].is_word)):
        np = _fronted_source(toks, i + 1)
    if np is None:
        return NEXT_WORD
    b = np[1]
    if b < n and toks[b].text == ",":  # relative clause after the source
        k = b + 1
        while k < n and toks[k].text != ",":
            k += 1
        b = k + 1 if k < n else b
    msg = _message_span(toks, b, n) if i == 0 or toks[i - 1].text in {",", "("} and i < 2 else None
    if msg is None and i > 0:
        msg = _message_span(toks, 0, i) if np[1] >= n - 1 else s.whole
    return _quote(msg, (t.start, t.end), char_span(toks, np))


def zufolge_rule(s: Sentence, i: int) -> Outcome:
    """ "X zufolge": the source is the noun phrase before it; the message is the rest of the
    sentence, the subordinate clause around the source, or the sentence around an inner source."""
    toks, t, n = s.toks, s.toks[i], len(s.toks)
    if s.lang != "de" or t.lower != "zufolge" or i == 0:
        return None
    lo = 0
    for k in range(i - 1, -1, -1):
        if toks[k].text == ",":
            lo = k + 1
            break
    src = (lo, i) if i - lo <= 8 else (i - 1, i)
    before_np = _np_before(toks, i)
    if before_np is not None and before_np[0] >= lo:
        src = before_np  # "…, wo Russland Berichten zufolge …": the source is "Berichten"
    inner = before_np if lo == 0 and INNER_SOURCES else None
    if inner is not None and inner[0] > 0 and any(x.is_word for x in toks[:inner[0]]):
        # "Die Wiener Linien haben Medieninformationen zufolge … nicht bezahlt"
        return _quote(s.whole, (t.start, t.end), char_span(toks, inner), ((toks[inner[0]].start, t.end),))
    if lo > 0 and toks[lo].lower in SUBORDINATORS["de"] and src[0] > lo and n - i > 4:
        # the reported clause is the subordinate clause around the source: "…, wo Russland
        # Berichten zufolge Raketen verwendet"
        return _quote(_message_span(toks, lo, n), (t.start, t.end), char_span(toks, src),
                      ((toks[src[0]].start, t.end),))
    msg = _message_span(toks, i + 1, n) if lo == 0 else _message_span(toks, 0, lo)
    return _quote(msg, (t.start, t.end), char_span(toks, src))


def back_cue_rule(s: Sentence, i: int) -> Outcome:
    """ "Demnach …", "Spekulationen, wonach …": the message follows; the noun before the comma is
    the source."""
    toks, t, n = s.toks, s.toks[i], len(s.toks)
    if s.lang != "de" or t.lower not in BACK_CUES or not (i == 0 or toks[i - 1].text == ","):
        return None
    msg = _message_span(toks, i + 1, n)
    src = (t.start, t.end) if i == 0 else char_span(toks, _np_before(toks, i - 1) if i > 1 else None)
    return _quote(msg, (t.start, t.end), src)


def postposed_nach_rule(s: Sentence, i: int) -> Outcome:
    """ "Seiner Meinung nach hätte …": "nach" after its source noun near the sentence start."""
    toks, t, n = s.toks, s.toks[i], len(s.toks)
    if not (s.lang == "de" and t.lower == "nach" and 0 < i <= 6 and _source_noun(toks[i - 1]) and (
            i + 3 < n and not toks[i + 1].is_cap) and not any(toks[k].text == "," for k in range(i))):
        return None
    lo = 1 if not toks[0].is_word else 0
    before_np = _np_before(toks, i)
    if before_np is not None and before_np[0] >= lo:
        lo = before_np[0]  # "Die … Rolle sei seiner Ansicht nach …"
    return _quote(_message_span(toks, i + 1, n), (t.start, t.end), char_span(toks, (lo, i)))


def nach_head_rule(s: Sentence, i: int) -> Outcome:
    """ "nach Angaben (von X)", "Nach einer Stellungnahme der US-Armee", "nach Grupps Meinung"."""
    toks, t, n = s.toks, s.toks[i], len(s.toks)
    head = _nach_head(toks, i) if s.lang == "de" and t.lower == "nach" and i + 2 < n else None
    if head is None:
        return None
    end = head + 1
    if end < n and (toks[end].lower in {"von", "der", "des", "aus", "eines", "einer"} or (
            toks[end].is_cap and toks[end].text.endswith("s") and _is_cue(toks, end, s.lex, s.language) is None) or (
            end + 1 < n and not toks[end].is_cap and toks[end].lower.endswith("er") and toks[end + 1].is_cap)):
        np = np_after(toks, end + 1 if toks[end].lower in {"von", "aus"} else end, s.language, s.lex)
        if np:
            end = np[1]
    return _source_phrase_quote(s, i, end)


def nach_noun_rule(s: Sentence, i: int) -> Outcome:
    """ "nach Erkenntnissen", "nach US-Erkenntnissen", "nach eigenen Angaben" (a source noun of
    the speech lexicon after "nach"), with a "von"/genitive phrase after it."""
    toks, t, n, lex, w = s.toks, s.toks[i], len(s.toks), s.lex, vocab()
    if not (s.lang == "de" and t.lower == "nach" and i + 1 < n and (
            toks[i + 1].text in lex.nouns or toks[i + 1].text.endswith(w.source_compounds)
            or (i + 2 < n and toks[i + 2].text in lex.nouns and toks[i + 1].lower in w.source_leads))):
        return None
    k = i + 1
    while k < n and toks[k].text not in lex.nouns and not toks[k].text.endswith(w.source_compounds_end):
        k += 1
    end = k + 1
    if end < n and toks[end].lower in {"von", "der", "des", "aus"}:
        np = np_after(toks, end + 1 if toks[end].lower in {"von", "aus"} else end, s.language, lex)
        if np:
            end = np[1]
    return _source_phrase_quote(s, i, end)


def _source_phrase_quote(s: Sentence, i: int, end: int) -> list[Found]:
    """A source phrase at token ``i`` up to ``end`` ("nach Angaben von X"): the message is what
    follows it at a sentence start, what precedes it at a sentence end, else the sentence."""
    toks, n = s.toks, len(s.toks)
    if i == 0 or (i == 1 and not toks[0].is_word):
        msg = _message_span(toks, end, n)
    elif end >= n - 1:
        msg = _message_span(toks, 0, i)
    else:
        msg = s.whole
    return _quote(msg, (toks[i].start, toks[i].end), char_span(toks, (i + 1, end)))


def so_rule(s: Sentence, i: int) -> Outcome:
    """ "…, so X." after the message, or "…, so X, …" set into it; None where "so" is no cue."""
    toks, t, n = s.toks, s.toks[i], len(s.toks)
    if not (s.lang == "de" and t.lower == "so" and i > 0 and toks[i - 1].text == "," and i + 1 < n):
        return None
    tails = vocab().so_tails
    np = _with_origin(toks, np_after(toks, i + 1, s.language, s.lex), s.language, s.lex)
    if not (np and (np[1] >= n - 1 or toks[np[1]].text in {".", ","} or (
            toks[np[1]].lower in tails and np[1] + 1 < n and toks[np[1] + 1].text in {".", ",", ":"}) or (
            # "…, so das Ergebnis einer Studie mit dem Titel …": the source runs on past its NP
            toks[i + 1].lower in ARTICLES["de"] and i >= 5))):
        return None
    close = np[1] + (np[1] < n and toks[np[1]].lower in tails)
    if INNER_SOURCES and _resumes(toks, close, s.lex) and s.whole:
        # "Der Präsident sei, so Gamkrelidse, schuld daran, dass …"
        return _quote(s.whole, (t.start, t.end), char_span(toks, np), ((toks[i - 1].start, toks[close].end),))
    msg = _message_span(toks, 0, i)
    return _quote(msg, (t.start, t.end), char_span(toks, np)) if msg else None


def according_rule(s: Sentence, i: int) -> Outcome:
    """English "according to X"."""
    toks, t, n = s.toks, s.toks[i], len(s.toks)
    if not (s.lang == "en" and t.lower == "according" and i + 2 < n and toks[i + 1].lower == "to"):
        return None
    np = np_after(toks, i + 2, s.language, s.lex)
    if np is None:
        return NEXT_WORD
    if i == 0:
        msg = _message_span(toks, np[1], n)
    elif np[1] >= n - 1:
        msg = _message_span(toks, 0, i)
    else:
        msg = s.whole
    return _quote(msg, (t.start, toks[i + 1].end), char_span(toks, np))


def wie_rule(s: Sentence, i: int) -> Outcome:
    """ "Wie X sagte, …", "…, wie X berichtet": the message is the other clause, or the sentence
    around the phrase where it is set into it; None where no cue follows."""
    toks, t, n, lex, language = s.toks, s.toks[i], len(s.toks), s.lex, s.language
    if not (t.lower in ("wie", "as") and i + 2 < n and (
            i == 0 or toks[i - 1].text == "," or t.text in {"Wie", "As"} or (
            i == 1 and toks[0].lower in {"denn", "und", "aber", "doch", "and", "but"}))):
        return None
    k = i + 1
    while k < n and k - i <= 14 and toks[k].text not in {",", "."} and not _is_cue(toks, k, lex, language):
        k += 1
    if not (k < n and k - i <= 14 and _is_cue(toks, k, lex, language) and k > i + 1):
        return None
    cue_end = k
    while cue_end + 1 < n and toks[cue_end + 1].text not in {",", "."}:
        cue_end += 1
    np = (i + 1, k)
    inner = np_after(toks, i + 1, language, lex)
    if inner and inner[1] <= k:
        np = inner
    gaps: tuple[tuple[int, int], ...] = ()
    if i <= 1 or t.is_cap:
        msg = _message_span(toks, cue_end + 1, n)
    elif INNER_SOURCES and toks[i - 1].text == "," and _resumes(toks, cue_end + 1, lex) and s.whole:
        # "die Staatsanwaltschaft, die, wie er sagt, die Ermittlungen … geführt habe"
        msg, gaps = s.whole, ((toks[i - 1].start, toks[cue_end + 1].end),)
    else:
        msg = _message_span(toks, 0, i)
    if not msg:
        return None
    return _quote(msg, _cue_span(toks, k, k, k), char_span(toks, np), gaps)


def _with_origin(toks: list[Tok], np: tuple[int, int] | None, language: str, lex: Lexicon) -> tuple[int, int] | None:
    """A source phrase with the "von"/"vom"/"aus" phrase that says where the source works, where
    that ends the clause ("so Karl Harb von den Salzburger Nachrichten.")."""
    n = len(toks)
    if np is None or np[1] + 1 >= n or toks[np[1]].lower not in {"von", "vom", "aus"}:
        return np
    tail = np_after(toks, np[1] + 1, language, lex)
    if tail is not None and (tail[1] >= n - 1 or toks[tail[1]].text in {".", ",", ":"}):
        return np[0], tail[1]
    return np


def _source_noun(tok: Tok) -> bool:
    w = vocab()
    return tok.text in w.nach_nouns or (tok.is_cap and tok.lower.endswith(w.nach_suffixes))


def _nach_head(toks: list[Tok], i: int) -> int | None:
    """Index of the source noun of "nach" at ``i`` ("nach Angaben", "Nach einer Stellungnahme der
    US-Armee", "nach Grupps Meinung", "nach Bahnangaben"), or None (a time: "nach dem Spiel")."""
    for k in range(i + 1, min(len(toks), i + 6)):
        t = toks[k]
        if _source_noun(t):
            return k
        if t.lower in ARTICLES["de"] or (not t.is_cap and t.is_word and ADJ_RE.match(t.lower)):
            continue
        if t.is_cap and t.text.endswith("s") and k + 1 < len(toks) and toks[k + 1].is_cap:
            continue  # a genitive name: "nach Grupps Meinung"
        return None
    return None


def _fronted_source(toks: list[Tok], i: int) -> tuple[int, int] | None:
    """The source phrase after a sentence-initial "Laut" up to the finite verb, where it is no plain
    noun phrase ("Laut bildblog.de veröffentlichte …", "Laut einer am Dienstag veröffentlichten
    Pressemitteilung des WFP wurden …")."""
    n = len(toks)
    glue = vocab().np_glue["de"]
    for j in range(i + 1, min(n, i + 14)):
        t = toks[j]
        if t.text in {",", ".", ";", ":"}:
            return None
        if t.is_cap or not t.is_word or t.lower in ARTICLES["de"] or t.lower in glue \
                or t.lower in PREPOSITIONS["de"] or t.text[0].isdigit():
            continue
        if ADJ_RE.match(t.lower) and j + 1 < n and (toks[j + 1].is_cap or ADJ_RE.match(toks[j + 1].lower)) \
                and toks[j + 1].is_word:
            continue
        return (i, j) if j - i <= 12 else None
    return None


def _resumes(toks: list[Tok], k: int, lex: Lexicon) -> bool:
    """Whether the sentence goes on after the comma at ``k`` with the clause a source phrase
    interrupted (not a new clause, a relative clause or its end)."""
    if k + 2 >= len(toks) or toks[k].text != ",":
        return False
    nxt = toks[k + 1]
    if nxt.text in OPEN_MARKS:
        return True
    if nxt.is_cap and is_role_word(nxt.text, lex):
        return False  # an apposition to the source: "…, so Frank Karl, Leiter der Abteilung, …"
    return nxt.is_word and nxt.lower not in vocab().resume_stops \
        and sum(1 for x in toks[k + 1:] if x.is_word) >= 2
