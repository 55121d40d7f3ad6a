"""lagebild's whole entity stage as a spaCy pipeline component (``lagebild_entities``).

    import spacy
    nlp = spacy.blank("de")
    nlp.add_pipe("lagebild_entities")     # registered through the ``spacy_factories`` entry point
    doc = nlp("Kyrylo Budanow, der Leiter des HUR, sagte, Nordkorea liefere Granaten.")
    [(e.text, e.label_, e._.lagebild_key) for e in doc.ents]

``lagebild_ner`` (:mod:`lagebild.analyze.entities.ner`) is the tagger alone; this component runs
the same code as the ``lagebild.entities`` stage: the trained tagger of the language, the
gazetteer (states, capitals used for governments, adjectives, organizations) and the resolution
within the text (surnames, acronyms, role phrases).  ``doc.ents`` gets the names
(labels PER, ORG, LOC, GPE, MISC); every mention, role phrases and adjectives included, is in
``doc.spans["lagebild"]`` with ``span._.lagebild_key`` (a knowledge key such as ``gpe:KP``),
``span._.lagebild_name`` (the full name it stands for) and ``span._.lagebild_form``.
Sentence starts are set by lagebild's splitter when no earlier component set them.

spaCy spans are whole tokens, so a name inside a token ("US" in "US-Präsident") is widened to the
token there; ``span._.lagebild_chars`` keeps the mention's own ``(start, end)`` character
offsets.  What ``lagebild eval ner`` scores is in two more span groups:
``doc.spans["lagebild_ner"]`` holds the outer chunks with the benchmark's labels (German:
GermEval 2014's PER/ORG/LOC/OTH with ``deriv`` for adjectives and demonyms, "nordkoreanische" →
LOCderiv, and ``part`` for a name inside a compound, "US-Präsident" → LOCpart; English: PER, ORG,
LOC, MISC), ``doc.spans["lagebild_ner_inner"]`` the inner level ("Korea" in "Bank of Korea");
see :mod:`lagebild.analyze.entities.chunks`.
"""

from __future__ import annotations

from typing import Any

from lagebild.analyze.text import spacy_import  # noqa: F401  (first: spaCy without PyTorch)
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from lagebild.analyze.entities import ner
from lagebild.analyze.entities import stage as entities
from lagebild.analyze.entities.chunks import mentions_to_chunks
from lagebild.analyze.text.sentences import mark_sentences

LANGUAGES = ("de", "en")
SPANS_KEY = "lagebild"
CHUNKS_KEY = "lagebild_ner"  # the chunks ``lagebild eval ner`` scores, benchmark labels
INNER_KEY = "lagebild_ner_inner"
NAME_FORMS = {"name", "metonym", "acronym", "part"}  # forms that count as names in doc.ents

for _attr in ("lagebild_key", "lagebild_name", "lagebild_form", "lagebild_chars"):
    if not Span.has_extension(_attr):
        Span.set_extension(_attr, default=None)


class LagebildEntities:
    """Callable component: tags ``doc`` in place and returns it."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"lagebild_entities knows {', '.join(LANGUAGES)}, not {language!r}; "
                             f"pass config={{'language': 'de'}} to choose one")
        self.language = language
        ner.load(language)  # load the model now, not on the first document

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) and not doc.has_annotation("SENT_START"):
            mark_sentences(doc)
        spans: list[Span] = []
        mentions = entities.find(doc.text, doc, self.language)
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, label=mention.label, alignment_mode="expand")
            if span is None:
                continue
            span._.lagebild_key = mention.key
            span._.lagebild_name = mention.name
            span._.lagebild_form = mention.form
            span._.lagebild_chars = (mention.start, mention.end)
            spans.append(span)
        doc.spans[SPANS_KEY] = spans
        token_spans = [(t.idx, t.idx + len(t.text)) for t in doc]
        outer, inner = mentions_to_chunks(((m.start, m.end, m) for m in mentions), token_spans, doc.text,
                                          self.language)
        doc.spans[CHUNKS_KEY] = [Span(doc, a, b, label=label) for a, b, label in outer]
        doc.spans[INNER_KEY] = [Span(doc, a, b, label=label) for a, b, label in inner]
        names = [s for s in spans if s._.lagebild_form in NAME_FORMS]
        doc.set_ents(filter_spans(names), default="outside")
        return doc


@Language.factory("lagebild_entities", default_config={"language": None})
def make_lagebild_entities(nlp: Language, name: str, language: str | None) -> Any:
    """The spaCy factory; ``language`` defaults to the pipeline's own (``de`` or ``en``)."""
    return LagebildEntities(language or nlp.lang)
