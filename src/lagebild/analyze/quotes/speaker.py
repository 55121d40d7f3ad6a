"""Speaker phrases of quotes: the noun phrase after a cue, the subject in front of a finite verb,
the source named by "heißt es in …", and the noun phrase in front of "zufolge".

Pure functions over one sentence's tokens; they return token ranges.
"""

from __future__ import annotations

from dataclasses import dataclass

from lagebild.analyze.quotes.base import (
    ADJ_RE, CLOSE_MARKS, CUE_TAILS, EN_ADJ_RE, INITIAL_RE, NAME_PART_RE, NO_SPEAKERS, NP_ADJ_RE, OPEN_MARKS, vocab,
)
from lagebild.analyze.text.speech import (
    ADVERBIAL_STARTS, ARTICLES, AUXILIARIES, PREPOSITIONS, PRONOUNS, SUBORDINATORS, Lexicon, Tok, is_role_word,
)


def np_after(toks: list[Tok], i: int, language: str, lex: Lexicon) -> tuple[int, int] | None:
    """Token range of the noun phrase (a speaker) that starts at ``toks[i]``."""
    lang = "en" if language == "en" else "de"
    arts, preps, glue = ARTICLES[lang], PREPOSITIONS[lang], vocab().np_glue[lang]
    n = len(toks)
    if i >= n:
        return None
    focus = vocab().focus_words
    while i + 1 < n and toks[i].lower in focus and (toks[i + 1].is_cap or toks[i + 1].lower in arts):
        i += 1  # "auch Volker Beck", "schon die WHO"
    if toks[i].lower in PRONOUNS[lang]:
        return (i, i + 1)
    if toks[i].lower in NO_SPEAKERS or (toks[i].lower in preps and toks[i].lower not in glue):
        return None  # "Es gebe Hinweise", "In vielen Fällen käme es …"
    rng = _np_trim(toks, i, _np_scan(toks, i, lang, lex), lang)
    return without_accused(toks, i - 1, rng) if lang == "de" and i > 0 else rng


@dataclass(slots=True)
class NPScan:
    """The state of :func:`_np_scan`: the phrase starts at ``toks[i]``, the scan stands at
    ``toks[j]``; ``seen_head`` once a capitalised word (or a quoted title) was read."""

    toks: list[Tok]
    i: int
    lang: str
    lex: Lexicon
    j: int = 0
    seen_head: bool = False
    appositions: int = 0
    arts: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    glue: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.j = self.i
        self.arts, self.preps, self.glue = ARTICLES[self.lang], PREPOSITIONS[self.lang], vocab().np_glue[self.lang]


def _np_scan(toks: list[Tok], i: int, lang: str, lex: Lexicon) -> int:
    """Where the noun phrase from ``toks[i]`` ends (exclusive, before :func:`_np_trim`): one step
    per token, punctuation and quotation marks by :func:`np_mark_step`, words (and "-", "’",
    "'") by :func:`np_word_step`."""
    s = NPScan(toks, i, lang, lex)
    while s.j < len(toks):
        t = toks[s.j]
        go = np_mark_step(s) if not t.is_word and t.text not in {"-", "’", "'"} else np_word_step(s)
        if not go:
            break
    return s.j


def np_mark_step(s: NPScan) -> bool:
    """A punctuation mark in a noun phrase: a bracket ("(VDR)"), one apposition after a comma, the
    dot of a title or an initial, a title in quotation marks; False where the phrase ends."""
    toks, j, n = s.toks, s.j, len(s.toks)
    t = toks[j]
    if t.text == "(":
        k = j + 1
        while k < n and toks[k].text != ")" and k - j < 6:
            k += 1
        if k < n and toks[k].text == ")":
            s.j = k + 1
            return True
        return False
    if t.text == ",":
        end = _apposition_end(s) if s.seen_head and not s.appositions else None
        if end is None:
            return False
        s.j = end
        s.appositions += 1
        return True
    if t.text == "." and j > s.i and (toks[j - 1].text in vocab().title_abbreviations
                                      or INITIAL_RE.fullmatch(toks[j - 1].text)) and j + 1 < n and toks[j + 1].is_cap:
        s.j = j + 1  # "Prof. Dr. Matthias W. Beckmann"
        return True
    if t.text not in OPEN_MARKS:
        return False
    # a title in quotation marks: das Magazin „Der Spiegel“, laut „tagesschau.de“
    if s.seen_head and not (j + 1 < n and toks[j + 1].is_cap):
        return False  # a quoted phrase after the noun phrase: laut Gall „auch in Zukunft bestehen“
    k = j + 1
    while k < n and k - j <= 6 and toks[k].text not in CLOSE_MARKS:
        k += 1
    if k < n and toks[k].text in CLOSE_MARKS and k > j + 1:
        s.j = k + 1
        s.seen_head = True
        return True
    return False


#: articles that open an apposition after a comma (", der Leiter des …", ", dem Direktor der …",
#: ", ein Anwalt des …"); without an office word in it the apposition must be a name
APPOSITION_OPENERS = frozenset({"der", "die", "dem", "ein", "eine", "einem", "einer"})


def _apposition_end(s: NPScan) -> int | None:
    """End of an apposition after the comma at ``toks[s.j]`` (", der Leiter des …," or ", John
    Kirby,"), or None where the comma ends the noun phrase."""
    toks, j, n, lang, lex = s.toks, s.j, len(s.toks), s.lang, s.lex
    arts, preps, glue = s.arts, s.preps, s.glue
    if not (j + 1 < n and (toks[j + 1].lower in APPOSITION_OPENERS or toks[j + 1].is_cap)
            and toks[j + 1].lower not in SUBORDINATORS[lang]):
        return None
    k = j + 1
    while k < n and toks[k].text not in {",", ".", ":", ";"}:
        k += 1
    seg = toks[j + 1:k]
    named = not seg or seg[0].lower not in arts or any(is_role_word(x.text, lex) for x in seg)
    office = any(is_role_word(x.text, lex) for x in seg)
    if seg and len(seg) <= 10 and named and all(
            x.lower in arts or x.is_cap or x.lower in glue or x.text in {"(", ")"}
            or ADJ_RE.match(x.lower) or NAME_PART_RE.match(x.lower)
            or (office and x.lower in preps and x.lower not in {"als", "than", "as", "told"}) for x in seg):
        return k
    return None


def np_word_step(s: NPScan) -> bool:
    """A word in a noun phrase: articles and glue words, capitalised words (the head), German
    adjectives before a noun, English modifiers and plural heads; False where the phrase ends
    (a dative after a name, "auch", "als", "vom Dienstag", a verb)."""
    toks, i, j, n, lang, lex = s.toks, s.i, s.j, len(s.toks), s.lang, s.lex
    arts, preps, glue = s.arts, s.preps, s.glue
    t = toks[j]
    low = t.lower
    if s.seen_head and lang == "de" and low in arts and (low not in {"des", "der", "eines", "einer"} or (
            low == "der" and toks[i].lower not in arts and not is_role_word(toks[j - 1].text, lex))):
        return False  # "sagte Kyrylo Budanow der Zeitung": a dative after a name
    if (low == "auch" and toks[j - 1].lower != "als") or (low == "als" and not (
            j + 1 < n and toks[j + 1].lower == "auch")) or (low in {"von", "vom"} and j + 1 < n and (
            toks[j + 1].text in vocab().time_nouns or toks[j + 1].text[0].isdigit())):
        return False  # "Angaben der Staatsanwaltschaft auch Mitglieder", "Angaben der Polizei vom Dienstag"
    if low in arts or low in glue:
        s.j += 1
        return True
    if lang == "de" and low == "für" and s.seen_head and j + 1 < n and toks[j + 1].is_cap and toks[j - 1].is_cap and (
            is_role_word(toks[j - 1].text, lex) or toks[j - 1].lower.endswith(vocab().institution_endings)):
        s.j += 1  # "der Chef der Bundesagentur für Arbeit", "der Beauftragte für Menschenrechte"
        return True
    if lang == "de" and low in {"in", "im"} and s.seen_head and j + 1 < n and toks[j + 1].is_cap \
            and toks[j + 1].is_word and _institution(toks[j - 1]):
        s.j += 1  # "ein Sprecher des LBM in Koblenz", "Angaben des Kraftfahrt-Bundesamtes in Flensburg"
        return True
    if s.seen_head and NAME_PART_RE.match(low) and toks[j - 1].is_cap:
        s.j += 1  # "Ali al-Omair", "Mohammed el-Baradei"
        return True
    if t.is_cap and not (s.seen_head and low in preps):
        if j > i and toks[j - 1].is_cap and lang == "en" and low in AUXILIARIES["en"]:
            return False
        s.seen_head = True
        s.j += 1
        return True
    if _de_adjective(s, low) or _en_modifier(s, low) or _en_plural_head(s, low):
        s.j += 1
        return True
    return False


#: genitive endings taken off a noun before its institution ending is read ("Bundesamtes")
_GENITIVE = ("es", "s")


def _institution(t: Tok) -> bool:
    """Whether ``t`` names an institution that a place may follow inside the noun phrase: an
    acronym ("BKA", "LBM"), a closing bracket after one, or a noun with an institution ending
    (``quotes/de/institution_endings.txt``: "Organisation", "Provinzregierung", "Bundesamtes")."""
    if t.text == ")" or (t.is_word and len(t.text) >= 2 and t.text.isupper()):
        return True
    if not (t.is_cap and t.is_word):
        return False
    low = t.lower
    endings = vocab().institution_endings
    return low.endswith(endings) or any(low.endswith(g) and low[:-len(g)].endswith(endings) for g in _GENITIVE)


def _de_adjective(s: NPScan, low: str) -> bool:
    """A German lower-case adjective before a noun or another adjective ("der ukrainische
    Präsident", "des ukrainischen militärischen Geheimdienstes")."""
    toks, i, j, lang = s.toks, s.i, s.j, s.lang
    if lang != "de":
        return False
    arts, preps, glue = s.arts, s.preps, s.glue
    return bool(NP_ADJ_RE.match(low)) and low not in ADVERBIAL_STARTS["de"] and low not in preps and j + 1 < len(toks) \
        and (not s.seen_head or toks[j - 1].lower in arts or toks[j - 1].lower in glue
             or (toks[j - 1].is_word and not toks[j - 1].is_cap)
             or (j - 1 == i and toks[i].text.endswith("s"))) \
        and toks[j + 1].lower not in arts and bool(toks[j + 1].is_cap or NP_ADJ_RE.match(toks[j + 1].lower)) \
        and low not in AUXILIARIES["de"] and low not in s.lex.verbs


def _en_modifier(s: NPScan, low: str) -> bool:
    """English lower-case adjectives and nouns in front of the head ("a senior official")."""
    toks, j, n = s.toks, s.j, len(s.toks)
    return s.lang == "en" and not s.seen_head and low not in s.preps and low not in AUXILIARIES["en"] \
        and low not in s.lex.verbs and j - s.i < 4 and low not in SUBORDINATORS["en"] and not (
            j + 1 < n and toks[j + 1].is_cap and not EN_ADJ_RE.fullmatch(low))


def _en_plural_head(s: NPScan, low: str) -> bool:
    """An English lower-case head after a capitalised modifier ("Ukrainian investigators", "US officials")."""
    toks, j = s.toks, s.j
    return s.lang == "en" and s.seen_head and toks[j - 1].is_cap and (
        low in vocab().speaker_nouns_en or is_role_word(low, s.lex) or (
            len(low) > 3 and low.endswith("s") and not low.endswith("ss") and low not in AUXILIARIES["en"]
            and low not in s.lex.verbs and low not in s.preps))


def _np_trim(toks: list[Tok], i: int, j: int, lang: str) -> tuple[int, int] | None:
    """The phrase ``[i, j)`` less articles, glue words and commas at its end; None where nothing is
    left or a German phrase has no capitalised word or pronoun."""
    trim = vocab().np_trim[lang]
    while j > i and toks[j - 1].lower in trim:
        j -= 1
    if j == i or not any(toks[k].is_cap or toks[k].lower in PRONOUNS[lang] for k in range(i, j)) \
            and lang == "de":
        return None
    return (i, j) if j > i else None


def _speaker_before(toks: list[Tok], lo: int, v: int, language: str, lex: Lexicon) -> tuple[int, int] | None:
    """Subject in front of the finite verb at ``v`` (clause starts at ``lo``), or after it."""
    lang = "en" if language == "en" else "de"
    w = vocab()
    if v <= lo:
        return np_after(toks, v + 1, language, lex)
    if lang == "en" and (apposed := _en_apposed_subject(toks, lo, v, lex)) is not None:
        return apposed
    last_comma = next((k for k in range(v - 1, lo - 1, -1) if toks[k].text == ","), None)
    if lang == "en" and last_comma is not None and last_comma + 1 < v:
        # "Speaking to reporters in Rome, Austin said": the subject after the last comma
        tail = _np_exactly(toks, last_comma + 1, v, language, lex)
        if tail is not None:
            return tail
    if lang == "de" and last_comma is not None and last_comma + 2 < v and toks[last_comma + 1].lower in RELATIVE_PRONOUNS \
            and not toks[last_comma + 2].is_cap:
        return (last_comma + 1, last_comma + 2)  # "…, der alle Nichtmoslems aufforderte": SpkAtt marks the pronoun
    first = toks[lo].lower
    if lang == "de" and first in w.sub_starts and any(toks[k].text == "," for k in range(lo, v)):
        return np_after(toks, v + 1, language, lex)
    adverb = v - lo == 1 and (not toks[lo].is_cap or first.endswith(w.adverb_endings))
    focus = first in w.focus_words and lo + 1 < v and (toks[lo + 1].is_cap or toks[lo + 1].lower in ARTICLES[lang])
    if (first in ADVERBIAL_STARTS[lang] and not (lang == "en" and first in w.lead_words) and not focus) \
            or first in PREPOSITIONS[lang] \
            or (lang == "de" and adverb):
        k = v + 1
        return np_after(toks, k, language, lex)
    a, b = lo, v
    while a < b and not toks[a].is_word and not (toks[a].text in OPEN_MARKS and any(
            toks[k].text in CLOSE_MARKS for k in range(a + 1, b))):
        a += 1
    while a < b and toks[a].lower in w.lead_words:
        a += 1  # "Wie der Sprecher mitteilte", "Auch Volker Beck plädierte"
    while b > a and (toks[b - 1].text in {",", "-"} or (lang == "de" and
            toks[b - 1].is_word and not toks[b - 1].is_cap and toks[b - 1].lower not in PRONOUNS[lang]) or (
            lang == "en" and (toks[b - 1].lower in w.en_tails or toks[b - 1].lower.endswith("ly")))):
        b -= 1
    if b <= a or b - a > 14 or (b - a == 1 and toks[a].lower in {"es", "dies", "das", "it", "this", "there"}):
        return None
    return _noun_phrase_in(toks, a, b, language, lex)


#: what sets an English apposition off ("Robby Mook, her campaign manager, said", "Jason Sims — a teacher —")
EN_APPOSITION_MARKS = frozenset({",", "—", "–"})


def _en_apposed_subject(toks: list[Tok], lo: int, v: int, lex: Lexicon) -> tuple[int, int] | None:
    """An English subject with its apposition in front of the verb at ``v``, the closing comma or
    dash included as PolNeAR marks it ("Her campaign manager, Robby Mook, suggested", "Paradis,
    who has been active in politics since 1992, says")."""
    a = lo
    while a < v and toks[a].lower in vocab().lead_words:
        a += 1
    while v > a and (toks[v - 1].lower in vocab().en_tails or toks[v - 1].lower.endswith("ly")):
        v -= 1  # "Robby Mook, her campaign manager, also suggested"
    if v - a < 4 or v - a > 30 or toks[v - 1].text not in EN_APPOSITION_MARKS:
        return None
    if not (toks[a].is_cap or toks[a].lower in ARTICLES["en"]) or toks[a].lower in PREPOSITIONS["en"] \
            or toks[a].lower in ADVERBIAL_STARTS["en"] or toks[a].lower in SUBORDINATORS["en"]:
        return None
    first = next((k for k in range(a + 1, v - 1) if toks[k].text == toks[v - 1].text), None)
    if first is None or any(_en_clause_word(toks[k], lex) for k in range(a, first)):
        return None
    if any(toks[k].text in {";", ":", "“", "”", '"'} for k in range(first, v)):
        return None
    return (a, v)


#: relative pronouns that are the subject of a verb-final cue ("eine Argumentation, die davon ausgeht")
RELATIVE_PRONOUNS = {"der", "die", "welche", "welcher"}


def _clause_word(toks: list[Tok], k: int, lang: str, lex: Lexicon) -> bool:
    """Whether ``toks[k]`` is a lower-case word that belongs to a clause, not to a noun phrase (a
    verb or adverb; not an article, preposition or an adjective before a noun)."""
    t = toks[k]
    if not t.is_word or t.is_cap or t.text[0].isdigit() or t.lower in PREPOSITIONS[lang] \
            or t.lower in ARTICLES[lang] or t.lower in vocab().np_glue[lang] or NAME_PART_RE.match(t.lower):
        return False
    if t.lower in AUXILIARIES[lang] or t.lower in lex.verbs or t.lower in lex.participles:
        return True
    if lang == "en":
        return not EN_ADJ_RE.fullmatch(t.lower) or not (k + 1 < len(toks) and toks[k + 1].is_cap)
    return not NP_ADJ_RE.match(t.lower) or not (k + 1 < len(toks) and (
        toks[k + 1].is_cap or NP_ADJ_RE.match(toks[k + 1].lower)))


#: English lower-case words that never stand inside a subject noun phrase
EN_CLAUSE_WORDS = frozenset({"who", "which", "that", "also", "then", "now", "not", "never", "still", "when", "while",
                             "if", "because", "as", "and", "but", "or", "to", "it", "there", "he", "she", "they",
                             "we", "i", "you", "him", "them", "us"})


def _en_clause_word(t: Tok, lex: Lexicon) -> bool:
    """Whether an English token cannot be part of a subject noun phrase: a verb form, an adverb
    in -ly, a pronoun or a clause word; punctuation other than an apostrophe ends the phrase too."""
    if not t.is_word:
        return t.text not in {"’", "'", ".", "-", "/", "&"}
    if t.is_cap or t.text[0].isdigit():
        return False
    low = t.lower
    return low in EN_CLAUSE_WORDS or low in AUXILIARIES["en"] or low in lex.verbs or low.endswith(("ly", "ed")) \
        and low not in {"united", "elected"}


def _en_two_phrases(toks: list[Tok], a: int, b: int) -> bool:
    """Whether ``[a, b)`` reads as two English noun phrases side by side, a relative clause
    without "that" ("a summit US officials (had warned)"): a lower-case noun, a capitalised word
    right after it, and a lower-case word after that."""
    function = ARTICLES["en"] | PREPOSITIONS["en"] | {"and", "of"}
    for k in range(a, b - 2):
        if toks[k].is_word and not toks[k].is_cap and toks[k].lower not in function and toks[k + 1].is_cap:
            j = k + 1
            while j < b and (toks[j].is_cap or not toks[j].is_word):
                j += 1
            if j < b and toks[j].lower not in function:
                return True
    return False


def _np_exactly(toks: list[Tok], a: int, b: int, language: str, lex: Lexicon) -> tuple[int, int] | None:
    """``(a, b)`` where the tokens ``[a, b)`` are one noun phrase, else None."""
    np = np_after(toks, a, language, lex)
    return (a, b) if np is not None and np[1] >= b else None


def _noun_phrase_in(toks: list[Tok], a: int, b: int, language: str, lex: Lexicon) -> tuple[int, int] | None:
    """The speaker among the tokens ``[a, b)`` in front of a verb: all of them where they form a
    noun phrase; else the noun phrase they open, up to a relative clause (", der in der ARD …")
    or a verb ("Einer der Putschisten, X, dankte … und ergänzte"); else the noun phrase that ends
    them ("Es sind Arbeitsplätze entstanden, die Betreiber sprechen"); English speakers are noun
    phrases or nothing ("a summit US officials had warned")."""
    lang = "en" if language == "en" else "de"
    relative_open = vocab().relative_open
    if toks[a].lower in SUBORDINATORS["en"] and lang == "en":
        return None  # a relative clause: "…, which South Korean officials estimate"
    np = np_after(toks, a, language, lex)
    if np is not None and np[1] >= b:
        return (a, b)
    if lang == "en" and (toks[a].is_cap or toks[a].lower in ARTICLES["en"]) \
            and not any(_en_clause_word(toks[k], lex) for k in range(a, b)) and not _en_two_phrases(toks, a, b):
        return (a, b)  # "Republican presidential candidate Donald Trump", "A Qunnipiac University poll"
    if np is not None and toks[np[1]].text == "," and np[1] + 1 < b and (
            toks[np[1] + 1].lower in relative_open and (np[1] + 2 >= b or not toks[np[1] + 2].is_cap
                                                          or toks[np[1] + 1].lower in {"dessen", "deren", "whose"})
            or not toks[np[1] + 1].is_cap and toks[np[1] + 1].lower not in ARTICLES[lang]):
        return np  # "Der NDR, der in der ARD … zuständig ist, begründete"
    for s in range(a + 1, b):
        prev = toks[s - 1]
        opens = (prev.text == "," and any(_clause_word(toks, k, lang, lex) for k in range(a, s - 1))) \
            or prev.lower in SUBORDINATORS[lang] or prev.lower in {"as", "wie"} \
            or (s == a + 1 and _clause_word(toks, a, lang, lex))
        if opens and _np_exactly(toks, s, b, language, lex) is not None and not (
                toks[s].lower in relative_open and (s + 1 >= b or not toks[s + 1].is_cap)):
            return (s, b)
    if np is not None and any(_clause_word(toks, k, lang, lex) for k in range(np[1], b)):
        return np  # a clause follows the noun phrase
    if lang == "en":
        return None
    return (a, b)


def _document_source(toks: list[Tok], lo: int, c0: int, c1: int, language: str, lex: Lexicon) -> tuple[int, int] | None:
    """The text that "heißt es" quotes, from a preposition (``quotes/de/document_preps.txt``) with its noun
    phrase in front of the cue ("In dem Antrag heißt es", "In der Vorabversion des Berichts, der
    …, heißt es") or after it ("hieß es in einer Mitteilung der Polizei", "hieß es vom Sprecher")."""
    if language == "en":
        return None
    w = vocab()
    k = c1 + 1
    if k < len(toks) and toks[k].lower == "es":
        k += 1
    while k < len(toks) and toks[k].lower in w.heisst_es_adverbs:
        k += 1  # "hieß es zunächst in …"
    for p in (lo, k):
        if p < len(toks) and toks[p].lower in w.document_preps:
            np = np_after(toks, p + 1, language, lex)
            if np is not None and p == k:
                return np
            if np is None or p != lo or np[1] > c0 or c0 - p > 12:
                continue
            if not any(toks[j].text == "," or _clause_word(toks, j, "de", lex) for j in range(p + 1, c0)):
                return (p + 1, c0)  # "Im Bericht der Kommission hieß es"
            if toks[np[1]].text == "," and np[1] + 1 < c0 and toks[np[1] + 1].lower in w.relative_open:
                return np  # a relative clause after the source: "In der Vorabversion des Berichts, der …"
    return None


def _speaker_after(toks: list[Tok], cue: tuple[int, int], language: str, lex: Lexicon) -> tuple[int, int] | None:
    """Subject after a cue verb; inside a separable cue when it stands there ("fügte er hinzu")."""
    c0, c1 = cue
    if c1 + 1 < len(toks) and toks[c1 + 1].lower in CUE_TAILS and c1 + 2 < len(toks):
        return np_after(toks, c1 + 2, language, lex)  # "äußerte sich der Chef der Bundesagentur"
    if c1 > c0:
        inner = np_after(toks, c0 + 1, language, lex)
        if inner and inner[1] <= c1:
            return inner
    np = np_after(toks, c1 + 1, language, lex)
    if language == "en" and np is not None:
        return _en_apposition_after(toks, np)
    return np


def without_accused(toks: list[Tok], v: int, np: tuple[int, int] | None) -> tuple[int, int] | None:
    """The subject after a finite "wirft"/"warf" at ``toks[v]`` without the accused that follows it
    before "vor": "wirft der Westen Pjöngjang vor" → "der Westen"."""
    if np is not None and toks[v].lower in REPROACH and np[1] < len(toks) and toks[np[1]].lower == "vor" \
            and np[1] - np[0] >= 2 and toks[np[1] - 1].is_cap and toks[np[1] - 2].is_cap:
        return (np[0], np[1] - 1)
    return np


#: the finite forms of "vorwerfen": subject, then the accused, then "vor"
REPROACH = frozenset("wirft warf werfen warfen werfe".split())


#: an English apposition after the speaker has at most this many tokens
EN_APPOSITION_MAX = 20


def _en_apposition_after(toks: list[Tok], np: tuple[int, int]) -> tuple[int, int]:
    """An English speaker after its cue with the apposition that follows it, as PolNeAR marks it
    (", said Virgie M. Rollins, chair of the Democratic National Committee Black Caucus."): up to
    the sentence's end, or to the next comma (included)."""
    a, b = np
    n = len(toks)
    if b + 1 >= n or toks[b].text != "," or not toks[b + 1].is_word or toks[b + 1].lower in {"and", "but", "or", "as"}:
        return np
    for k in range(b + 1, min(n, b + 1 + EN_APPOSITION_MAX)):
        t = toks[k].text
        if t in {"“", "”", '"', ";", ":", "(", ")"}:
            return np
        if t == ",":
            return (a, k + 1)
        if t in {".", "!", "?"} and (k + 1 >= n or not toks[k + 1].is_word):
            return (a, k)
    if b + 1 + EN_APPOSITION_MAX >= n:
        return (a, n)
    return np


def _np_before(toks: list[Tok], i: int) -> tuple[int, int] | None:
    """Token range of the noun phrase right before ``toks[i]`` ("dem Bericht", "offiziellen
    chinesischen Angaben", "dem „Figaro“", "Ermittlungen der Polizei"), or None."""
    a = np_start_before(toks, i)
    if a is None:
        return None
    if a > 1 and toks[a - 1].lower in {"in", "aus"} and toks[a].is_cap:
        b = np_start_before(toks, a - 1)  # "Den Polizeibehörden in Mombasa"
        if b is not None and b < a - 1 and toks[a - 2].is_cap:
            a = b
    if toks[a].lower in {"der", "des", "eines", "einer"} or (a > 0 and toks[a - 1].lower in {"von", "vom"}):
        # a genitive or "von" attribute: "Angaben der Polizei", "Angaben vom gestrigen Mittwoch"
        b = np_start_before(toks, a if toks[a].lower in {"der", "des", "eines", "einer"} else a - 1)
        if b is not None:
            a = b
    if a == 1 and toks[0].is_word and (toks[0].lower in ARTICLES["de"] or ADJ_RE.match(toks[0].lower)):
        a = 0  # "Offiziellen Angaben zufolge", "Einer Meldung zufolge"
    return (a, i) if i - a <= 8 else None


def np_start_before(toks: list[Tok], end: int) -> int | None:
    """Start of the single noun (with its adjectives and article, a bracket or a quoted title)
    that ends right before ``toks[end]``, or None (German)."""
    k = end - 1
    if k < 0:
        return None
    if toks[k].text == ")":  # "des Verbandes Deutscher Realschullehrer (VDR)"
        k = next((j for j in range(k - 1, max(-1, k - 8), -1) if toks[j].text == "("), -1) - 1
        if k < 0:
            return None
    if toks[k].text in CLOSE_MARKS:
        k = next((j for j in range(k - 1, max(-1, k - 8), -1) if toks[j].text in OPEN_MARKS), -1)
        if k < 0:
            return None
    elif not (toks[k].is_cap and toks[k].is_word):
        return None
    stops = vocab().np_before_stops
    while k > 0 and toks[k - 1].is_word and not toks[k - 1].is_cap and ADJ_RE.match(toks[k - 1].lower) \
            and toks[k - 1].lower not in stops \
            and not toks[k - 1].lower.endswith("te") \
            and not (k > 1 and toks[k - 2].is_word and toks[k - 2].lower not in ARTICLES["de"] and (
                toks[k - 2].is_cap or toks[k - 2].text.rsplit("-", 1)[-1][:1].isupper())):
        k -= 1  # not a verb after a noun: "al-Qaida-Gruppen gewinnen Medienberichten zufolge"
    if k > 0 and toks[k - 1].lower in ARTICLES["de"]:
        k -= 1
    return k
