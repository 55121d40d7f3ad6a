"""Finding quotes: direct quotes in quotation marks, indirect speech after cues, and speakers.

Pure functions over the article text, its sentences and its entity mentions.  The result of
:func:`find` is a list of :class:`~lagebild.model.Quote` records with the message span (quotation
marks included for direct quotes), the cue span (speech verb with its particle, "laut",
"zufolge", "nach Angaben", "so" …) and the speaker span; :mod:`quotes` then resolves
speakers to names and entity mentions.  :func:`find_in_sentence` asks named rules for each word
of a sentence: the source phrases of :mod:`.sources` (:data:`SOURCE_RULES`), then
:func:`verb_cue_rule`.
"""

from __future__ import annotations

import re

from lagebild import lexicons

from lagebild.analyze.quotes.base import (
    BACK_CUES, BACK_PRONOUNS, CLOSE_MARKS, KONJUNKTIV_ENDINGS, MAX_QUOTE, NP_ADJ_RE, OPEN_MARKS, PAIRS_DE, PAIRS_EN, Found,
    vocab,
)
from lagebild.analyze.quotes.cue import (
    _cue_span, _finite_before, _is_cue, _message_span, cue_extra, cue_lemma, direct_cue, inner_gap,
)
from lagebild.analyze.quotes.sources import (
    NEXT_WORD, Outcome, Rule, Sentence, according_rule, back_cue_rule, char_span, laut_rule, nach_head_rule, nach_noun_rule,
    postposed_nach_rule, so_rule, wie_rule, zufolge_rule,
)
from lagebild.analyze.quotes.speaker import (
    RELATIVE_PRONOUNS, _document_source, _speaker_after, _speaker_before, np_after,
)
from lagebild.analyze.text.speech import ARTICLES, AUXILIARIES, PREPOSITIONS, PRONOUNS, SUBORDINATORS, Lexicon, Tok

__all__ = [
    "KONJUNKTIV_ENDINGS", "NP_ADJ_RE", "OPEN_MARKS", "Found", "back_reference", "cue_extra", "direct_cue", "direct_spans",
    "find_in_sentence", "inner_gap", "np_after",
]

# --------------------------------------------------------------------------- direct quotes

_OPENING_DE = re.compile("[" + re.escape("".join(PAIRS_DE)) + "]")
_OPENING_EN = re.compile("[" + re.escape("".join(PAIRS_EN)) + "]")


def direct_spans(text: str, language: str) -> list[tuple[int, int]]:
    """Character spans (marks included) of top-level quotations in ``text``."""
    pairs = PAIRS_EN if language == "en" else PAIRS_DE
    opening = _OPENING_EN if language == "en" else _OPENING_DE
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        found = opening.search(text, i)  # the next opening mark (a jump over all other text)
        if found is None:
            break
        i = found.start()
        ch = text[i]
        closers = pairs[ch]
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


def find_in_sentence(toks: list[Tok], masked: set[int], language: str, lex: Lexicon,
                     reported: bool = True) -> list[Found]:
    """Indirect quotes of one sentence (tokens inside direct quotes are in ``masked``): for each
    word the source-phrase rules it opens (:data:`SOURCE_RULES`), then :func:`verb_cue_rule`, until
    one answers with the sentence's quote."""
    if len(toks) < 4:
        return []
    s = Sentence.of(toks, masked, language, lex, reported)
    for i, t in enumerate(toks):
        if i in masked:
            continue
        for rule in _RULES_BY_WORD.get(t.lower, _VERB_RULE):
            outcome = rule(s, i)
            if outcome is NEXT_WORD:
                break
            if outcome is not None:
                return outcome  # type: ignore[return-value]
    return []


def verb_cue_rule(s: Sentence, i: int) -> Outcome:
    """A speech verb at ``toks[i]`` ("sagte", "teilte … mit", "said"): the message after it
    (:func:`message_after`), before it (:func:`message_before`), or the whole sentence of a
    reported speech act ("X forderte den Rückzug")."""
    toks, n, lex, language = s.toks, len(s.toks), s.lex, s.language
    cue = _is_cue(toks, i, lex, language)
    if cue is None:
        return NEXT_WORD
    c0, c1 = cue
    lemma = cue_lemma(toks[c0], lex)
    if lemma == "heißen" and not ((c0 + 1 < n and toks[c0 + 1].lower == "es") or toks[c0 - 1].lower == "es"):
        return NEXT_WORD
    after = message_after(s, c0, c1)
    if after is not None:
        return _quote_after_cue(s, c0, c1, lemma, after)
    before, aux = message_before(s, c0) if i > 2 else (None, None)
    if aux is not None and before is not None and (inverted := np_after(toks, aux + 1, language, lex)):
        msg = _message_span(toks, *before)  # "…, soll Kim bei einem Essen gesagt haben."
        if msg:
            return [Found(msg[0], msg[1], "indirect", _cue_span(toks, c0, c0, c1), char_span(toks, inverted))]
    if before is None and s.lang == "de" and s.reported and _reported_act(toks, c0, c1, lex):
        v = _finite_before(toks, 0, c0, language)
        sp = _speaker_before(toks, 0, v, language, lex)
        relative = sp is not None and sp[1] - sp[0] == 1 and toks[sp[0]].lower in RELATIVE_PRONOUNS
        if sp and s.sentence and not relative:
            # a reported speech act: SpkAtt marks no cue and takes the whole sentence
            # (it keeps its verb as the cue: the events stage needs it to tell a speech-act event
            # from an event reported by someone)
            return [Found(s.sentence[0], s.sentence[1], "indirect", _cue_span(toks, c0, c0, c1), char_span(toks, sp),
                          reported=True)]
    if before is not None:
        msg = _message_span(toks, *before)
        if s.lang == "en" and toks[c0 - 1].text != ",":
            sp = _speaker_before(toks, before[1] + 1, c0, language, lex)
        elif lemma == "heißen":
            sp = _document_source(toks, c0, c0, c1, language, lex)
        else:
            sp = _speaker_after(toks, cue, language, lex)
        if msg and (sp or lemma == "heißen"):
            return [Found(msg[0], msg[1], "indirect", _cue_span(toks, c0, c0, c1), char_span(toks, sp))]
    return NEXT_WORD


#: the source-phrase rules by the (lower-case) word they look at, in the order they are asked;
#: every rule checks its word itself, the table only spares asking the others
SOURCE_RULES: dict[str, tuple[Rule, ...]] = {
    "laut": (laut_rule,), "gemäß": (laut_rule,),
    "zufolge": (zufolge_rule,),
    **{word: (back_cue_rule,) for word in BACK_CUES},
    "nach": (postposed_nach_rule, nach_head_rule, nach_noun_rule),
    "so": (so_rule,),
    "according": (according_rule,),
    "wie": (wie_rule,), "as": (wie_rule,),
}
_VERB_RULE: tuple[Rule, ...] = (verb_cue_rule,)


def _act_particles() -> dict[str, str | None]:
    """The English act verbs (``quotes/en/act_verbs.txt``): form → the particle of its cue."""
    out: dict[str, str | None] = {}
    for word in lexicons.words("quotes/en/act_verbs.txt"):
        form, _, particle = word.partition("/")
        out[form] = particle or None
    return out


#: English speech-act content is at most this many tokens
ACT_MAX = 40
#: tokens that end the noun-phrase content of an English speech act
ACT_STOPS = frozenset({".", ";", ",", ":", "—", "–", "(", "“", "”", '"', "?", "!"})


#: English verbs that name someone or something with quoted words ("called Trump “unhinged.”")
NAMING_VERBS = frozenset({"called", "calls", "call", "calling"})
#: the object before the quoted words of a naming verb has at most this many tokens
NAMING_REACH = 10


def _naming_end(toks: list[Tok], i: int) -> int | None:
    """Where the content of a naming verb at ``toks[i]`` ends: after the closing mark of the
    quotation that follows its object ("called the statement “offensive and outlandish.”"), the
    final full stop inside the marks included; None when no quotation follows."""
    n = len(toks)
    if toks[i].lower not in NAMING_VERBS:
        return None
    k = i + 1
    while k < n and k - i <= NAMING_REACH and toks[k].text not in OPEN_MARKS:
        if not toks[k].is_word and toks[k].text not in {"’", "'", "-"}:
            return None
        k += 1
    if k >= n or toks[k].text not in OPEN_MARKS or k == i + 1:
        return None
    close = next((j for j in range(k + 1, min(n, k + ACT_MAX)) if toks[j].text in CLOSE_MARKS), None)
    return close + 1 if close is not None else None


def en_act_rule(s: Sentence, i: int) -> Outcome:
    """An English speech act with a noun-phrase content ("Clinton called for further action",
    "Sens. X and Y criticized the draft platform"): the subject in front of the verb is the
    speaker, the phrase after it up to the clause's end the content; a verb with a reported
    clause ("announced that …") is left to :func:`verb_cue_rule`.  A participle after a comma
    takes the subject of the main clause ("Trump went after Bush, calling him a total stiff")."""
    toks, n = s.toks, len(s.toks)
    participle = toks[i].lower.endswith("ing")
    if s.lang != "en" or i == 0 or (toks[i - 1].text == ",") != participle or (
            toks[i].lower in s.lex.verbs and message_after(s, i, i) is not None):
        return None
    particles = _act_particles()
    if toks[i].lower not in particles:
        return None
    c1 = i
    particle = particles[toks[i].lower]
    if i + 1 < n and (particle is not None or participle) and toks[i + 1].lower in {"for", "on"}:
        c1 = i + 1  # "called for", "calling on"
    elif particle is not None and not participle and _naming_end(toks, i) is None:
        return None
    j = c1 + 1
    k = j
    while k < n and k - j < ACT_MAX and toks[k].text not in ACT_STOPS and k not in s.masked \
            and toks[k].lower not in SUBORDINATORS["en"]:
        k += 1
    named = _naming_end(toks, i) if c1 == i else None
    if named is not None:
        k = named  # "Jeb Bush called Trump “unhinged.”": the object and the quoted words
    if k - j < 2 or k - j >= ACT_MAX or toks[j].lower in {"that", "to"} or (
            toks[j].lower in {"it", "him", "her", "them"} and not participle and named is None):
        return None  # an object pronoun opens content only after a participle ("calling him a liar")
    if participle:
        sp = _main_subject(toks, i, s.language, s.lex)
        if sp is None:
            return None
        return [Found(toks[j].start, toks[k - 1].end, "indirect", _cue_span(toks, i, i, c1), char_span(toks, sp))]
    lo = 0
    for b in range(i - 1, -1, -1):
        if toks[b].text in {";", ":"}:
            lo = b + 1
            break
    v = _finite_before(toks, lo, i, s.language)
    sp = _speaker_before(toks, lo, v, s.language, s.lex)
    if sp is None:
        return None
    return [Found(toks[j].start, toks[k - 1].end, "indirect", _cue_span(toks, v, i, c1), char_span(toks, sp))]


def _main_subject(toks: list[Tok], i: int, language: str, lex: Lexicon) -> tuple[int, int] | None:
    """The subject of the main clause before the participle at ``toks[i]``: the noun phrase that
    opens the sentence (or the clause after a fronted adverbial and its comma) and a verb follows."""
    a = 0
    if toks[0].lower in PREPOSITIONS["en"] or toks[0].lower.endswith("ing") or toks[0].lower in SUBORDINATORS["en"]:
        comma = next((k for k in range(1, i) if toks[k].text == ","), None)
        if comma is None:
            return None
        a = comma + 1
    if a >= i or not (toks[a].is_cap or toks[a].lower in ARTICLES["en"]):
        return None
    np = np_after(toks, a, language, lex)
    if np is None or np[1] >= i or toks[np[1]].is_cap or not toks[np[1]].is_word:
        return None
    return np


_RULES_BY_WORD = {word: rules + _VERB_RULE for word, rules in SOURCE_RULES.items()}
for _form in _act_particles():
    _RULES_BY_WORD[_form] = (en_act_rule,) + _RULES_BY_WORD.get(_form, _VERB_RULE)


def message_after(s: Sentence, c0: int, c1: int) -> tuple[int, int] | None:
    """Token range of a message after the cue ``toks[c0..c1]``: ", dass …", ": …", ", <Konjunktiv
    clause>"; English "said (that) …", "told the newspaper, …"."""
    after = _clause_after_comma(s, c0, c1)
    if after is None and s.lang == "en":
        after = _en_after_told_comma(s, c0, c1) or _en_after_told_that(s, c0, c1) or _en_after_said(s, c0, c1)
    return after


def _clause_after_comma(s: Sentence, c0: int, c1: int) -> tuple[int, int] | None:
    """The clause after the comma or colon that follows the cue (and its inverted subject)."""
    toks, n, lang = s.toks, len(s.toks), s.lang
    k = c1 + 1
    inv = np_after(toks, k, s.language, s.lex) if k < n and toks[k].text != "," else None
    if inv:
        k = inv[1]
    while k < n and k - c1 <= 14 and toks[k].text not in {",", ":", ".", ";"} and k not in s.masked:
        k += 1
    if not (k < n and toks[k].text in {",", ":"} and k + 1 < n and (k + 1) not in s.masked):
        return None
    after = None
    nxt = toks[k + 1].lower
    between = k - c1 - 1 - ((inv[1] - inv[0]) if inv else 0)
    # a relative clause after an object ("nannte Gründe, die …"); right after the cue (and
    # its subject) the comma opens the reported clause ("erklärte, die noch zu schaffende …")
    rel = nxt in {"der", "die", "das", "den", "dem", "deren", "dessen"} and k + 2 < n \
        and not toks[k + 2].is_cap and between > 0
    if toks[k].text == ":" or nxt in SUBORDINATORS[lang] or (
            lang == "de" and nxt not in vocab().not_clause and not rel and (
                between <= 4 or (between <= 10 and _konjunktiv_in(toks, k + 1, n)))):
        after = (k + 1, n)
    if after is not None and lang == "de" and toks[k].text == "," and nxt not in SUBORDINATORS[lang] \
            and inv and c0 > 2 and toks[c0 - 1].text == "," and not _konjunktiv_in(toks, k + 1, n):
        after = None  # "<message>, sagte Charles Bouchard, kanadischer General …": the message is before
    return after


def _en_after_told_comma(s: Sentence, c0: int, c1: int) -> tuple[int, int] | None:
    """ "he told the newspaper, Russian troops would …": the addressee is no part of the message."""
    toks, n = s.toks, len(s.toks)
    if toks[c0].lower not in {"told", "tells", "tell"}:
        return None
    k = next((j for j in range(c1 + 1, min(n, c1 + 7)) if not toks[j].is_word), None)
    if k is not None and k > c1 + 1 and toks[k].text == "," and k + 3 < n and toks[k + 1].lower != "and":
        return (k + 1, n)
    return None


#: words after "said" that belong to the cue's clause, not to a reported one
SAID_ADVERBS = frozenset({"on", "in", "at", "to", "of", "as", "so", "and", "but", "or", "than", "for", "with", "by",
                          "from", "about", "after", "before", "during", "earlier", "later", "repeatedly", "recently",
                          "previously", "yesterday", "today", "tonight", "last", "this", "next", "then", "again",
                          "also", "only", "just", "not", "nothing", "something", "anything", "little", "much", "more",
                          "publicly", "privately", "separately", "afterward", "afterwards", "week", "month", "year",
                          "while", "when", "if", "because", "though", "although", "what", "how", "why", "who",
                          "which", "whether", "where", "sunday", "monday", "tuesday", "wednesday", "thursday",
                          "friday", "saturday", "was", "is", "would", "will", "had", "has", "could"})


#: prepositions after "said" that open an adverbial of place or occasion, before a "that" clause
PLACE_PREPOSITIONS = frozenset({"at", "during", "after", "before", "from", "with", "for"})


#: English words of time that may stand between "said" and its reported clause
EN_DAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
EN_TIME_WORDS = EN_DAYS | {"yesterday", "today", "tonight", "earlier", "later", "recently", "previously"}
EN_TIME_NOUNS = EN_DAYS | {"week", "month", "year", "night", "weekend", "morning", "evening", "afternoon"}


def _en_time_after(toks: list[Tok], i: int) -> int:
    """The index after a short time adverbial at ``toks[i]`` ("Friday", "on Friday", "last week",
    "earlier this week"); ``i`` when there is none."""
    n = len(toks)
    j = i
    if j < n and toks[j].lower in {"earlier", "later"} and j + 2 < n and toks[j + 1].lower in {"this", "last"} \
            and toks[j + 2].lower in EN_TIME_NOUNS:
        return j + 3
    if j + 1 < n and toks[j].lower in {"on", "last", "this", "next"} and toks[j + 1].lower in EN_TIME_NOUNS:
        j += 2
    elif j < n and toks[j].lower in EN_TIME_WORDS:
        j += 1
    if j > i and j + 1 < n and toks[j].lower in {"morning", "night", "evening", "afternoon"}:
        j += 1
    return j


def _en_after_said(s: Sentence, c0: int, c1: int) -> tuple[int, int] | None:
    """ "said (that) the …", "said in an interview published on Saturday that …"."""
    toks, n = s.toks, len(s.toks)
    if c1 + 1 < n and toks[c1 + 1].lower in PLACE_PREPOSITIONS:
        # "said at the White House that …", "said during a visit to Seoul that …": the adverbial ends at "that"
        j = c1 + 2
        while j < n and toks[j].lower != "that" and j - c1 < 10 and toks[j].text not in {",", ".", ";", ":"}:
            j += 1
        return (j, n) if j < n and toks[j].lower == "that" else None
    t = _en_time_after(toks, c1 + 1)
    if t > c1 + 1 and t + 1 < n and toks[t].is_word and (
            toks[t].lower in vocab().said_openers - {"on", "in"} or toks[t].is_cap and toks[t].lower not in SAID_ADVERBS):
        return (t, n)  # "said on Friday he met …", "said Tuesday that …"
    if c1 + 2 < n and toks[c1 + 1].text in vocab().title_abbreviations and toks[c1 + 2].text == ".":
        return (c1 + 1, n)  # "says Sen. Ted Cruz is …"
    if not (c1 + 1 < n and toks[c1 + 1].is_word and (
            toks[c1 + 1].lower in vocab().said_openers
            or (toks[c1 + 1].is_cap and toks[c1 + 1].lower not in PRONOUNS["en"])
            or (toks[c0].lower in {"said", "says", "say"} and not toks[c1 + 1].is_cap
                and toks[c1 + 1].lower not in SAID_ADVERBS and c1 + 3 < n and toks[c1 + 2].is_word)) and (
            c1 + 2 < n and (toks[c1 + 2].text not in {",", "."}
                            or toks[c1 + 1].lower == "that" and toks[c1 + 2].text == ","))):  # "said that, …"
        return None
    j = c1 + 1
    if toks[j].lower in {"on", "in"}:
        # "said in an interview published on Saturday that …": the adverbial ends at "that"
        while j < n and toks[j].lower != "that" and j - c1 < 10 and toks[j].text not in {",", ".", ";", ":"}:
            j += 1
    if j < n and (toks[j].lower == "that" or toks[c1 + 1].lower not in {"on", "in"}):
        return (j, n)
    return None


#: "told" and its forms: the words up to "that" are whom it was told to
TOLD = frozenset({"told", "tells", "tell", "telling"})
#: the addressee (with a time or place) between "told" and "that" has at most this many tokens
TOLD_REACH = 10


def _en_after_told_that(s: Sentence, c0: int, c1: int) -> tuple[int, int] | None:
    """ "told reporters on Monday that …", "told a crowd in Miami Tuesday that …": the message
    opens at "that", the addressee before it is no part of it."""
    toks, n = s.toks, len(s.toks)
    if toks[c0].lower not in TOLD:
        return None
    j = c1 + 1
    while j < n and j - c1 < TOLD_REACH and toks[j].lower != "that" and toks[j].text not in {",", ".", ";", ":"}:
        j += 1
    if j < n and toks[j].lower == "that":
        return (j, n)
    # "told the audience he would win", "told The Associated Press on Monday she …": the reported
    # clause opens with a subject pronoun after the addressee (and a time)
    for k in range(c1 + 2, min(n - 1, c1 + TOLD_REACH)):
        if not toks[k].is_word or toks[k].lower in SUBORDINATORS["en"]:
            return None
        if toks[k].lower in TOLD_SUBJECTS and toks[k + 1].is_word:
            return (k, n)
    return None


#: subject pronouns that open a clause reported after "told X"
TOLD_SUBJECTS = frozenset({"he", "she", "they", "we", "i", "it"})


def _quote_after_cue(s: Sentence, c0: int, c1: int, lemma: str, after: tuple[int, int]) -> Outcome:
    """The quote with its message after the cue; the speaker is the subject in front of the
    finite verb of the cue's clause (or the text "heißt es" quotes)."""
    toks, n, language, lex = s.toks, len(s.toks), s.language, s.lex
    msg = _message_span(toks, *after)
    lo = 0
    for b in range(c0 - 1, -1, -1):
        if toks[b].text == ";" or (toks[b].text == ":" and not (b + 1 < n and toks[b + 1].text[0].isdigit())) or (
                toks[b].text == "," and b + 1 < n and toks[b + 1].lower in {"und", "aber", "and", "but", "doch"}):
            lo = b + (1 if toks[b].text in {";", ":"} else 2)
            break
    v = _finite_before(toks, lo, c0, language)
    sp = _speaker_before(toks, lo, v, language, lex)
    if lemma == "heißen":
        sp = _document_source(toks, lo, c0, c1, language, lex)
    if not msg:
        return NEXT_WORD
    return [Found(msg[0], msg[1], "indirect", _cue_span(toks, v, c0, c1), char_span(toks, sp))]


def message_before(s: Sentence, c0: int) -> tuple[tuple[int, int] | None, int | None]:
    """Token range of a message before the cue at ``c0`` ("<message>, sagte X.", "<message>, X
    said.", "…, das teilte das Institut mit."), and the index of the auxiliary where the cue is a
    participle after it ("…, soll Kim bei einem Essen gesagt haben.")."""
    toks, lang = s.toks, s.lang
    lead = c0 - 1
    aux = next((k for k in range(max(0, c0 - 8), c0) if toks[k].lower in vocab().report_aux
                and k > 0 and toks[k - 1].text == ","), None)
    if toks[lead].text == ",":
        return (0, lead), None
    if lang == "de" and toks[lead].lower in BACK_PRONOUNS and lead > 1 and toks[lead - 1].text == ",":
        return (0, c0), None  # "…, das teilte das Institut mit."
    if lang == "de" and aux is not None and not any(toks[k].text == "," for k in range(aux + 1, c0)):
        return (0, aux - 1), aux  # "…, soll Kim bei einem Essen gesagt haben."
    if lang == "en":
        np_start = c0
        while np_start > 0 and toks[np_start - 1].text != "," and c0 - np_start < 6:
            np_start -= 1
        if np_start > 2 and toks[np_start - 1].text == ",":
            if np_start - 1 <= 5 and toks[0].lower in PREPOSITIONS["en"]:
                return None, None  # "In a statement, he said …": an adverbial, no message
            return (0, np_start - 1), None
    return None, None


def _reported_act(toks: list[Tok], c0: int, c1: int, lex: Lexicon) -> bool:
    """Whether the cue ``toks[c0..c1]`` is a speech act whose content may be a noun phrase; a form
    shared by several verbs ("wies" … "zurück" or … "hin") counts as the one its particle names."""
    low = toks[c0].lower
    if low in lex.participles:
        return lex.participles[low] in lex.reported
    particle = toks[c1].lower if c1 > c0 else None
    return any(lemma in lex.reported for lemma, p in lex.verbs.get(low, ()) if p == particle)


def _konjunktiv_in(toks: list[Tok], a: int, b: int) -> bool:
    """Whether the tokens ``[a, b)`` hold a Konjunktiv form (reported speech)."""
    forms = vocab().konjunktiv
    return any(t.lower in forms or (not t.is_cap and t.lower.endswith(KONJUNKTIV_ENDINGS)) for t in toks[a:b])


def back_reference(toks: list[Tok], language: str, lex: Lexicon) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Cue and speaker (character spans) of a sentence that reports the one before it ("Dies
    bestätigte der Parteivorsitzende am Abend.", "Das hat ein Sprecher erklärt.")."""
    n = len(toks)
    first = 0 if n and toks[0].is_word else 1
    if language == "en" or n < first + 4 or toks[first].lower not in BACK_PRONOUNS:
        return None
    k = first + 1
    cue = _is_cue(toks, k, lex, language)
    if cue is None and toks[k].lower in AUXILIARIES["de"]:
        for j in range(k + 1, min(n, k + 8)):
            if toks[j].text in {",", ".", ";", ":"}:
                return None
            cue = _is_cue(toks, j, lex, language)
            if cue is not None:
                break
    if cue is None or cue_lemma(toks[cue[0]], lex) == "heißen":
        return None
    sp = _speaker_after(toks, cue, language, lex) if cue[0] == k else np_after(toks, k + 1, language, lex)
    if sp is None or toks[sp[0]].lower in PRONOUNS["de"] and sp[1] - sp[0] == 1 and toks[sp[0]].lower == "es":
        return None
    return _cue_span(toks, k, cue[0], cue[1]), (toks[sp[0]].start, toks[sp[1] - 1].end)
