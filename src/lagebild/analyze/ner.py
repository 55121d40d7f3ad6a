"""The trained entity tagger: a linear-chain CRF per language, built by ``training/ner/build.py``.

The model files live in ``resources/ner`` (``de.crfsuite`` + ``de.lexicon.tsv.gz``, the same for
``en``, plus ``de.clusters.tsv.gz``, the word clusters) and are loaded on first use, never at import time.  :func:`find` is pure: tokens in,
labelled character spans out.  The tagger is also a spaCy component (``lagebild_ner``) that sets
``doc.ents``, so users can put it into their own spaCy pipelines::

    nlp = spacy.blank("de"); nlp.add_pipe("lagebild_ner"); nlp("Kim Jong-un reiste nach Moskau.").ents

Labels are GermEval 2014's: PER, LOC, ORG, OTH with ``deriv`` (adjectives and demonyms:
"russische") and ``part`` (names inside compounds: "EU-Kommissar") variants; German data trains
German; wikigold and GUM train English (PER, LOC, ORG, MISC).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycrfsuite
from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span as SpacySpan

from lagebild.analyze.ner_features import Featurizer, read_clusters, read_lexicon

RESOURCE = "lagebild.resources.ner"
#: typographic characters the training data writes differently
NORMALIZE = {"„": '"', "“": '"', "”": '"', "«": '"', "»": '"', "‚": "'", "‘": "'", "’": "'", "–": "-", "—": "-"}


@dataclass(frozen=True)
class Tagged:
    """One tagged span: character offsets, the model's label, and token indices."""

    start: int
    end: int
    label: str  # PER | LOC | ORG | OTH | MISC, optionally + "deriv" / "part"
    first: int  # token index (spaCy doc)
    last: int  # exclusive


def model_language(language: str) -> str:
    return "en" if language == "en" else "de"


class Tagger:
    """A loaded CRF and its featurizer."""

    def __init__(self, language: str) -> None:
        self.language = model_language(language)
        root = resources.files(RESOURCE)
        lexicon = root.joinpath(f"{self.language}.lexicon.tsv.gz").read_bytes()
        lex = read_lexicon(lexicon, self.language)
        clusters = root.joinpath(f"{self.language}.clusters.tsv.gz")
        if clusters.is_file():
            lex.clusters = read_clusters(clusters.read_bytes())
        self.featurizer = Featurizer(lex)
        self._crf = pycrfsuite.Tagger()
        model = root.joinpath(f"{self.language}.crfsuite")
        if isinstance(model, Path):
            self._crf.open(str(model))
        else:  # a zipped install: crfsuite needs a real file
            tmp = tempfile.NamedTemporaryFile(suffix=".crfsuite", delete=False)
            tmp.write(model.read_bytes())
            tmp.close()
            self._crf.open(tmp.name)

    def tag_words(self, words: list[str]) -> list[str]:
        """BIO tags for one sentence of words."""
        if not words:
            return []
        words = [NORMALIZE.get(w, w) for w in words]
        tags = self._crf.tag(self.featurizer.sentence(words))
        # the model may speak BIOES: S- opens and closes, E- continues
        return ["B-" + t[2:] if t[0] == "S" else "I-" + t[2:] if t[0] == "E" else t for t in tags]

    def find(self, sdoc: SpacyDoc) -> list[Tagged]:
        """Tagged spans in a spaCy doc (sentence by sentence where sentence starts are set)."""
        out: list[Tagged] = []
        for toks in _segments(sdoc):
            tags = self.tag_words([t.text for t in toks])
            open_: list = []  # [label, first_tok, last_tok]
            for tok, tag in zip(toks, tags):
                if tag.startswith("I-") and open_ and open_[0] == tag[2:]:
                    open_[2] = tok
                    continue
                if open_:
                    out.append(_span(*open_))
                    open_ = []
                if tag != "O":
                    open_ = [tag[2:], tok, tok]
            if open_:
                out.append(_span(*open_))
        return out


def _segments(sdoc: SpacyDoc) -> list[list]:
    """Non-space tokens per sentence; a sentence that ends in an abbreviation-like word and a
    full stop ("St .", "Chr .", "R .") runs on into the next one."""
    sents = list(sdoc.sents) if sdoc.has_annotation("SENT_START") else [sdoc[:]]
    out: list[list] = []
    glue = False
    for sent in sents:
        toks = [t for t in sent if not t.is_space]
        if not toks:
            continue
        if glue and out:
            out[-1].extend(toks)
        else:
            out.append(toks)
        last = out[-1]
        glue = (len(last) >= 2 and last[-1].text == "." and last[-2].is_alpha and len(last[-2].text) <= 3
                and last[-2].text[:1].isupper() and not last[-2].is_upper or
                len(last) >= 2 and last[-1].text == "." and len(last[-2].text) == 1 and last[-2].is_upper)
    return out


def _span(label: str, first, last) -> Tagged:
    return Tagged(first.idx, last.idx + len(last.text), label, first.i, last.i + 1)


@lru_cache(maxsize=2)
def load(language: str) -> Tagger:
    """The tagger for ``language`` (German for everything but English), loaded once."""
    return Tagger(model_language(language))


def find(sdoc: SpacyDoc, language: str = "de") -> list[Tagged]:
    """Tagged spans of ``sdoc`` by the model for ``language``."""
    return load(language).find(sdoc)


@Language.factory("lagebild_ner", default_config={"language": None})
def make_component(nlp: Language, name: str, language: str | None):
    """spaCy component: sets ``doc.ents`` from lagebild's CRF (GermEval labels, OTH as MISC)."""
    lang = language or nlp.lang

    def component(doc: SpacyDoc) -> SpacyDoc:
        ents = [SpacySpan(doc, t.first, t.last, label=t.label.replace("OTH", "MISC"))
                for t in load(lang).find(doc)]
        doc.set_ents(ents, default="outside")
        return doc

    return component
