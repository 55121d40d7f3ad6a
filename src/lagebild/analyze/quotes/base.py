"""Shared vocabulary of the quote finders: quotation marks, noun-phrase word shapes, the word
lists (:func:`vocab`, read from ``resources/quotes/<lang>/``) and :class:`Found`, the quote
record before speaker resolution.

Kept apart so that :mod:`.speaker`, :mod:`.cue`, :mod:`.find`, :mod:`.filters` and :mod:`.stage`
can share the lists without importing each other in a circle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from lagebild import lexicons
from lagebild.analyze.text.speech import (
    ADVERBIAL_STARTS, ARTICLES, AUXILIARIES, LANGUAGES, PREPOSITIONS, PRONOUNS, SUBORDINATORS, Lexicon, is_role_word,
)


PAIRS_DE = {"„": "“”", "»": "«", "«": "»", '"': '"', "‚": "‘’", "“": "”"}
PAIRS_EN = {"“": "”", '"': '"', "«": "»", "„": "“”", "‘": "’"}
MAX_QUOTE = 2000

#: demonstratives that point back to the message ("Dies bestätigte der Parteichef.")
BACK_PRONOUNS = {"dies", "das", "dieses"}
#: sentence adverbs that point back to a source ("Demnach steht …")
BACK_CUES = {"demnach", "wonach", "danach"}
#: words that belong to a cue when they follow its verb ("äußerte sich", "hieß es")
CUE_TAILS = {"sich"}
#: endings of Konjunktiv I forms ("funktioniere", "existiere")
KONJUNKTIV_ENDINGS = ("iere",)
OPEN_MARKS = {"„", "»", "«", '"', "“", "‚"}
CLOSE_MARKS = {"“", "”", "«", "»", '"', "‘"}
STOP_PUNCT = {".", "!", "?", ";", ":", "…"}
ADJ_RE = re.compile(r"\w+(?:e|en|er|es|em)$")
NP_ADJ_RE = re.compile(r"[\w-]+(?:e|en|er|es|em)$")
#: words that never open a speaker phrase ("Es gebe Hinweise", "there was")
NO_SPEAKERS = {"es", "there"}
#: an initial in a name ("Matthias W. Beckmann", "B.N. Suresh")
INITIAL_RE = re.compile(r"[A-ZÄÖÜ](?:\.[A-ZÄÖÜ])*")
#: lower-case parts of Arabic names ("al-Omair", "el-Baradei")
NAME_PART_RE = re.compile(r"(?:al|el|ad|ar|as|az|an|at|ash|abu|ibn|bin|ben)-\w")
#: English lower-case words that modify a following name ("former President", "senior US official")
EN_ADJ_RE = re.compile(r"\w+(?:al|ior|ish|ic|ian|ed|ing|ive|ous|ary|ern|ent|ant|ful|less|ese|ite)|former|top|senior"
                       r"|chief|deputy|acting|foreign|prime|state|defense|defence|new|then|ex|vice|two|three|four")


@dataclass(frozen=True)
class Found:
    """A quote before speaker resolution (offsets into the article)."""

    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    inherit: bool = False  # speaker continues from the previous quote
    reported: bool = False  # a reported speech act (the whole sentence, no cue)
    cue_extra: tuple[int, int] | None = None  # the detached part of a split cue ("teilte … mit")
    gaps: tuple[tuple[int, int], ...] = ()  # source phrases set into the message ("…, so X, …")




@dataclass(frozen=True)
class QuoteWords:
    """The word lists of the quote finders, from ``resources/quotes/<de|en|any>/`` (each file says
    what it holds) and the closed word classes of :mod:`lagebild.analyze.text.speech`; read once
    by :func:`vocab`.  Lists marked "both" are the union of the German and the English file: the
    finders use them whatever the language."""

    # cues, clauses and sources (find, cue)
    not_clause: frozenset[str]  # words after "<cue verb>, " that open no reported clause
    clause_breaks: frozenset[str]  # German subordinators and not_clause: a comma before them ends a cue's clause
    resume_stops: frozenset[str]  # words after the comma that closes an inner source: no resumed clause
    nach_nouns: frozenset[str]
    nach_suffixes: tuple[str, ...]
    source_compounds: tuple[str, ...]  # "-Erkenntnissen" …: a compound that opens a "nach" source phrase
    source_compounds_end: tuple[str, ...]  # "-Erkenntnissen" …: a compound that ends one
    source_leads: frozenset[str]  # German articles and "eigenen", "ersten" … between "nach" and a source noun
    so_tails: frozenset[str]
    report_aux: frozenset[str]
    said_openers: frozenset[str]  # English words that open a reported clause right after "said"
    relatives: frozenset[str]  # German relative pronouns
    da_words: frozenset[str]
    cue_aux: frozenset[str]
    cue_complements: dict[str, str]
    # reported speech without a cue (stage, filters)
    konjunktiv: frozenset[str]
    konjunktiv_strong: frozenset[str]
    konjunktiv_one: frozenset[str]
    past_finite: frozenset[str]
    # speaker phrases (speaker, stage)
    focus_words: frozenset[str]  # both
    lead_words: frozenset[str]  # both
    relative_open: frozenset[str]  # both: German and English relative pronouns
    time_nouns: frozenset[str]
    title_abbreviations: frozenset[str]
    np_glue: dict[str, frozenset[str]]  # per language
    np_trim: dict[str, frozenset[str]]  # per language: articles, np_glue and "," that never end a phrase
    np_before_stops: frozenset[str]  # German auxiliaries, Konjunktiv forms and articles: no adjective
    en_tails: frozenset[str]  # English auxiliaries and adverbs between a subject and its verb
    speaker_nouns_en: frozenset[str]  # "officials", "spokesman" after a capitalised word
    adverb_endings: tuple[str, ...]
    institution_endings: tuple[str, ...]
    sub_starts: frozenset[str]
    document_preps: frozenset[str]
    heisst_es_adverbs: frozenset[str]
    speaking_nouns: frozenset[str]
    speaking_endings: tuple[str, ...]
    not_speakers: frozenset[str]  # both
    not_speaker_endings: tuple[str, ...]
    not_names: frozenset[str]  # both: words that never begin a full name given earlier
    title_leads: frozenset[str]  # articles and prepositions before a quoted name or title


def _de(name: str) -> frozenset[str]:
    return lexicons.words(f"quotes/de/{name}.txt")


def _both(name: str) -> frozenset[str]:
    return lexicons.union_words("quotes", f"{name}.txt")


def _endings(path: str) -> tuple[str, ...]:
    return lexicons.phrases(f"quotes/{path}.txt")


@cache
def vocab() -> QuoteWords:
    """The quote finders' word lists, read on first use (see :class:`QuoteWords`)."""
    not_clause = _de("not_clause")
    relatives = _de("relative_pronouns")
    konjunktiv = _de("konjunktiv")
    np_glue = {lang: lexicons.words(f"quotes/{lang}/np_glue.txt") for lang in LANGUAGES}
    return QuoteWords(
        not_clause=not_clause,
        clause_breaks=SUBORDINATORS["de"] | not_clause,
        resume_stops=not_clause | SUBORDINATORS["de"] | relatives | ARTICLES["de"],
        nach_nouns=_de("nach_nouns"),
        nach_suffixes=_endings("de/nach_suffixes"),
        source_compounds=tuple("-" + x for x in _endings("de/source_compounds")),
        source_compounds_end=tuple("-" + x for x in _endings("de/source_compounds_end")),
        source_leads=ARTICLES["de"] | _de("source_adjectives"),
        so_tails=_de("so_tails"),
        report_aux=_de("report_aux"),
        said_openers=lexicons.words("quotes/en/said_openers.txt"),
        relatives=relatives,
        da_words=_de("da_words"),
        cue_aux=_de("cue_aux"),
        cue_complements=lexicons.mapping("quotes/de/cue_complements.tsv"),
        konjunktiv=konjunktiv,
        konjunktiv_strong=_de("konjunktiv_strong"),
        konjunktiv_one=_de("konjunktiv_one"),
        past_finite=_de("past_finite"),
        focus_words=_both("focus_words"),
        lead_words=_both("lead_words"),
        relative_open=_both("relative_pronouns"),
        time_nouns=_de("time_nouns"),
        title_abbreviations=lexicons.words("quotes/any/title_abbreviations.txt"),
        np_glue=np_glue,
        np_trim={lang: ARTICLES[lang] | np_glue[lang] | {","} for lang in LANGUAGES},
        np_before_stops=AUXILIARIES["de"] | konjunktiv | ARTICLES["de"],
        en_tails=AUXILIARIES["en"] | lexicons.words("quotes/en/subject_tails.txt"),
        speaker_nouns_en=lexicons.words("quotes/en/speaker_nouns.txt"),
        adverb_endings=_endings("de/adverb_endings"),
        institution_endings=_endings("de/institution_endings"),
        sub_starts=_de("sub_starts"),
        document_preps=_de("document_preps"),
        heisst_es_adverbs=_de("heisst_es_adverbs"),
        speaking_nouns=_de("speaking_nouns"),
        speaking_endings=_endings("de/speaking_endings"),
        not_speakers=_both("not_speakers"),
        not_speaker_endings=_endings("de/not_speaker_endings"),
        not_names=ARTICLES["de"] | ARTICLES["en"] | ADVERBIAL_STARTS["de"] | ADVERBIAL_STARTS["en"]
        | PREPOSITIONS["de"] | PREPOSITIONS["en"] | {"laut", "wie", "so", "according"},
        title_leads=(ARTICLES["de"] | ARTICLES["en"] | PREPOSITIONS["de"]
                     | {"vom", "zum", "zur", "beim", "im", "des", "der"}) - {"als"},
    )


def no_speaker(surface: str, lang: str, lex: Lexicon) -> bool:
    """Whether a one-word speaker phrase is an adverb, adjective or pronoun that speaks for no one."""
    if " " in surface.strip():
        return False
    low = surface.strip().lower()
    if low in vocab().not_speakers:
        return True
    if low in PRONOUNS[lang] or is_role_word(surface, lex):
        return False
    return low in ADVERBIAL_STARTS[lang] or (lang == "de" and low.endswith(vocab().not_speaker_endings))
