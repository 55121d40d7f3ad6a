"""Lexicons and small text helpers shared by the quote and event extractors.

The speech lexicons live in ``resources/speech/<lang>/`` (verbs, source nouns, reported speech
acts, office nouns) and the closed word classes in ``resources/text/<lang>/`` (articles,
prepositions, auxiliaries …); :func:`lexicon` and :class:`ByLanguage` read them on first use
(cached, never at import time).  German weak
verbs are inflected by rule; strong verbs list their forms.  Separable verbs know their
particle, so "wies … darauf hin" is found as one cue.

The helpers work on a sentence as a list of :class:`Tok` (text plus character offsets into the
article), made by :func:`tokens`; they never re-find a span by string search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from lagebild import lexicons
from lagebild.lexicons import ByLanguage

MONTHS_RE = ("Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|"
             "Jahrhundert|Mal|Platz|Jahrestag")
TOKEN_RE = re.compile(r"\d{1,2}\.(?=\s(?:" + MONTHS_RE + r")\b)|\d[\d.]*(?:,\d+)+(?:[-.]\w+)*-?"
                      r"|\w+(?:[-'’.&/]\w+)*-?|[^\w\s]", re.UNICODE)

#: the languages the word lists below exist for
LANGUAGES = ("de", "en")


#: words that are never part of a German or English noun phrase head sequence
ARTICLES = ByLanguage("text", "articles")
#: subject pronouns and what they refer to (m, f, plural, first person, impersonal)
PRONOUNS = {
    "de": {"er": "m", "sie": "f", "ich": "1", "wir": "p", "man": "x"},
    "en": {"he": "m", "she": "f", "they": "p", "i": "1", "we": "p"},
}
#: sentence-initial words that are adverbials, not subjects
ADVERBIAL_STARTS = ByLanguage("text", "adverbial_starts")
#: finite auxiliaries and modals (the verb-second slot in front of a participle cue)
AUXILIARIES = ByLanguage("text", "auxiliaries")
PREPOSITIONS = ByLanguage("text", "prepositions")
SUBORDINATORS = ByLanguage("text", "subordinators")


def name_particles() -> frozenset[str]:
    """Words inside a name (lower-case particles: "von", "bin", "al" …), any language."""
    return lexicons.words("text/any/name_particles.txt")


class Tok(NamedTuple):
    """A token of a sentence: surface text, offsets into the article text and cached word shape."""

    text: str
    start: int
    end: int
    lower: str
    is_cap: bool  # starts with an upper-case letter
    is_word: bool  # starts with a letter or digit


def tokens(text: str, start: int, end: int) -> list[Tok]:
    """The tokens of ``text[start:end]`` with article offsets."""
    out = []
    make = tuple.__new__  # Tok(...) without its Python-level __new__: a fifth of the time
    for m in TOKEN_RE.finditer(text, start, end):
        word = m.group()
        at = m.start()
        first = word[0]
        out.append(make(Tok, (word, at, at + len(word), word.lower(), first.isupper(), first.isalnum())))
    return out


_INSEPARABLE = ("be", "er", "ver", "ent", "zer", "emp", "miss", "ge", "über", "unter", "wider", "hinter")


def _weak_forms(infinitive: str) -> set[str]:
    stem = infinitive[:-2] if infinitive.endswith("en") else infinitive[:-1]
    e = "e" if stem.endswith(("t", "d")) or re.search(r"[^aeiouäöülr][mn]$", stem) else ""
    forms = {stem + e + "t", stem + e + "te", stem + e + "ten", stem + "en", stem + "e", stem + e + "test",
             infinitive}
    if infinitive.endswith(("ern", "eln")):
        forms |= {stem + "t", stem + "te", stem + "ten", stem + "n"}
    if infinitive.endswith("ieren") or infinitive.startswith(_INSEPARABLE):
        forms.add(stem + e + "t")
    else:
        forms.add("ge" + stem + e + "t")
    return forms


@dataclass(frozen=True)
class Lexicon:
    """Speech cues of one language: finite forms → (lemma, particle or None)."""

    verbs: dict[str, list[tuple[str, str | None]]]  # form → [(lemma, particle)]
    participles: dict[str, str]  # joined participle of separable verbs ("hingewiesen") → lemma
    nouns: frozenset[str]
    roles: frozenset[str]  # office nouns (:func:`is_role_word`: alone or at the end of a compound)
    reported: frozenset[str] = frozenset()  # lemmas of speech acts with a noun-phrase content


@lru_cache(maxsize=2)
def lexicon(language: str) -> Lexicon:
    lang = "en" if language == "en" else "de"
    verbs: dict[str, list[tuple[str, str | None]]] = {}
    participles: dict[str, str] = {}
    if lang == "en":
        for line in lexicons.lines("speech/en/verbs.txt"):
            forms = line.split()
            for form in forms:
                verbs[form] = [(forms[0], None)]
        nouns: frozenset[str] = frozenset()
        reported: frozenset[str] = frozenset()
    else:
        for line in lexicons.lines("speech/de/verbs.txt"):
            head, _, strong = line.partition("\t")
            lemma, _, particle = head.partition("|")
            lemma = lemma.split()[-1]
            base = lemma[len(particle):] if particle and lemma.startswith(particle) else lemma
            forms = set(strong.split()) if strong else _weak_forms(base)
            for form in forms:
                if particle and not form.startswith("ge"):
                    participles.setdefault(particle + form, lemma)  # verb-final: "mitteilte", "hinweist"
                if particle and form.startswith("ge") and strong:
                    participles[particle + form] = lemma
                elif particle and not strong and form.startswith("ge"):
                    participles[particle + form] = lemma
                    continue
                verbs.setdefault(form, [])
                if (lemma, particle or None) not in verbs[form]:
                    verbs[form].append((lemma, particle or None))
            if particle:
                participles[lemma] = lemma
        nouns = lexicons.words("speech/de/nouns.txt")
        reported = lexicons.words("speech/de/reported.txt")
    roles = lexicons.words("speech/de/roles.txt") | lexicons.words("speech/en/roles.txt")
    return Lexicon(verbs, participles, nouns, roles, reported)


def is_role_word(word: str, lex: Lexicon) -> bool:
    """Whether ``word`` names an office ("Kreml-Sprecher", "Außenministerin", "spokesman")."""
    low = word.lower().rsplit("-", 1)[-1]
    roles = lex.roles
    # the word, or its end after at least three more letters: a few set look-ups (a regular
    # expression of all roles took 6 µs a word, some 200 words an article)
    return low in roles or "\n" not in low and any(low[i:] in roles for i in range(3, len(low)))


def name_in(toks: list[Tok], language: str, lex: Lexicon) -> tuple[int, int] | None:
    """Token range of a personal or organisation name inside a speaker phrase, or None.

    The name is the last run of capitalised words that is not led by an article and contains no
    office noun ("Der Kommunikationsdirektor des Nationalen Sicherheitsrates, John Kirby" →
    "John Kirby"; "Kremlchef Wladimir Putin" → "Wladimir Putin").
    """
    arts = ARTICLES["en" if language == "en" else "de"]
    particles = name_particles()
    best: tuple[int, int] | None = None
    depth = [0] * len(toks)  # inside parentheses: "(Grüne)" is no name of the speaker
    level = 0
    for k, t in enumerate(toks):
        level += t.text == "("
        depth[k] = level
        level -= t.text == ")" and level > 0
    i = 0
    while i < len(toks):
        if depth[i]:
            i += 1
            continue
        if toks[i].is_cap and toks[i].is_word and toks[i].lower not in arts:
            j = i
            while j < len(toks) and toks[j].is_word and (
                    toks[j].is_cap or (toks[j].lower in particles and j + 1 < len(toks) and toks[j + 1].is_cap)):
                j += 1
            run = toks[i:j]
            while run and is_role_word(run[0].text, lex):
                run = run[1:]
                i += 1
            preceded_by_article = i > 0 and toks[i - 1].lower in arts
            preceded_by_lower = i > 0 and toks[i - 1].is_word and not toks[i - 1].is_cap
            role_before = any(is_role_word(t.text, lex) for t in toks[:i]) and not any(
                t.text == "," for t in toks[:i])
            if run and not any(is_role_word(t.text, lex) for t in run) and not (
                    preceded_by_article and len(run) == 1) and not (
                    preceded_by_lower and (len(run) == 1 or role_before) and toks[i - 1].lower not in particles):
                best = (i, i + len(run))
            i = max(j, i + 1)
        else:
            i += 1
    return best
