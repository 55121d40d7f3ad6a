"""Tokens and sentences: spaCy's rule tokenizer plus our own sentence boundaries.

spaCy's stock sentencizer glues an opening quotation mark to the end of the previous sentence
(``… in Moskau. „Das …``).  Here a boundary falls after terminal punctuation and any *closing*
quotes or brackets that follow it, so an opening quote starts the next sentence; line breaks
always end a sentence.
"""

from __future__ import annotations

from contextlib import nullcontext
from functools import lru_cache

import numpy
from lagebild.analyze.text import spacy_import  # noqa: F401  (first: spaCy without PyTorch)
import spacy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc

from lagebild import lexicons
from lagebild.model import Article, Sentence
from lagebild.analyze.pipeline import Doc, stage

TERMINAL = {".", "!", "?", "…", "...", "?!", "!?"}
OPENING = {"„", "«", "‚", "‹", "(", "[", "“"}
CLOSING = {"“", "”", "»", "‘", "’", "›", ")", "]", "'"}
STRAIGHT = {'"'}
#: strings spaCy keeps for good (the words of a worker's first few hundred articles, about 15 MB
#: with the tokenizer's cache of as many chunks): reused by every later article, they take the
#: tokenizer from 5.5 to 1.2 ms per 10kGNAD article; past this, each article's new strings are
#: freed after it
KEPT_STRINGS = 30_000
#: English titles with a full stop kept as one token (spaCy splits the stop off)
ABBREVIATIONS_EN = "text/en/abbreviations.txt"


@lru_cache(maxsize=4)
def tokenizer(language: str) -> Language:
    """A blank spaCy pipeline (tokenizer only) for ``language`` ("de" or "en"), its tokenizer
    caching as many whole chunks as :data:`KEPT_STRINGS` (spaCy: 10,000)."""
    nlp = spacy.blank(language if language in ("de", "en") else "de")
    nlp.tokenizer.max_cache_size = KEPT_STRINGS
    if language == "en":
        for abbreviation in lexicons.words(ABBREVIATIONS_EN):  # "Lt. Gen. Smith": no sentence end
            nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    return nlp


def _is_opening(doc: SpacyDoc, i: int) -> bool:
    tok = doc[i]
    if tok.text in STRAIGHT:
        before_space = i == 0 or bool(doc[i - 1].whitespace_) or doc[i - 1].is_space
        after_space = not tok.whitespace_ and i + 1 < len(doc) and not doc[i + 1].is_space
        return before_space and after_space
    # “ opens in English typography but closes in German; decide by the space before it
    if tok.text == "“":
        return i == 0 or bool(doc[i - 1].whitespace_) or doc[i - 1].is_space
    return tok.text in OPENING


def find_sentences(doc: SpacyDoc) -> list[tuple[int, int]]:
    """Token index ranges ``[(first, last_exclusive), …]`` of the sentences of ``doc``."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if tok.is_space:
            if start is not None and "\n" in tok.text:
                spans.append((start, i))
                start = None
            i += 1
            continue
        if start is None:
            start = i
        if tok.text in TERMINAL or (tok.text.endswith(("!", "?")) and len(tok.text) > 1 and not tok.is_alpha):
            j = i + 1
            while j < n and (doc[j].text in TERMINAL or
                             ((doc[j].text in CLOSING or doc[j].text in STRAIGHT) and not _is_opening(doc, j))):
                j += 1
            spans.append((start, j))
            start = None
            i = j
            continue
        i += 1
    if start is not None:
        spans.append((start, n))
    return [(a, b) for a, b in spans if b > a]


def mark_sentences(doc: SpacyDoc) -> list[tuple[int, int]]:
    """Set the sentence starts of ``doc`` from :func:`find_sentences`; returns its ranges."""
    ranges = find_sentences(doc)
    if not len(doc):
        return ranges
    # one array for all tokens: setting Token.is_sent_start one by one makes spaCy check the whole
    # doc for a parse each time, which grows with the square of the article's length
    starts = numpy.full((len(doc), 1), -1, dtype="int64")  # -1: not a start (as is_sent_start=False)
    starts[0, 0] = 1
    for a, _ in ranges:
        starts[a, 0] = 1
    doc.from_array([SENT_START], starts.astype("uint64"))  # spaCy's attribute arrays: -1 wraps
    return ranges


@stage("lagebild.sentences", version="2", provides=("tokens", "sentences"))
def make_sentences(**_: object):
    """Tokens (spaCy tokenizer) and sentences (with opening quotes at sentence starts)."""

    def run(doc: Doc) -> dict[str, object]:
        sdoc = tokenizer(doc.language)(doc.text)
        ranges = mark_sentences(sdoc)
        sentences = []
        for a, b in ranges:
            last = b - 1
            while last > a and sdoc[last].is_space:
                last -= 1
            sentences.append(Sentence(sdoc[a].idx, sdoc[last].idx + len(sdoc[last].text)))
        return {"tokens": sdoc, "sentences": sentences}

    def scope(article: Article):
        """spaCy's memory zone once :data:`KEPT_STRINGS` are kept: the strings of this article's
        tokens are freed after it (otherwise spaCy keeps every string it has seen: about 4 kB more
        per new article of 10kGNAD).  Inside a zone spaCy caches nothing, so the first articles
        run outside one and leave their words (the frequent ones) for all that follow."""
        nlp = tokenizer(article.language or "de")
        return nullcontext() if len(nlp.vocab.strings) < KEPT_STRINGS else nlp.memory_zone()

    run.scope = scope
    return run
