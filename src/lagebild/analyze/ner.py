"""The trained entity tagger: a linear-chain CRF per language, for German combined with a small
BiLSTM, all built by ``training/ner/build.py`` and run in numpy.

The model files live in ``resources/ner``: ``<lang>.crf.npz`` (CRF weights, trained with
python-crfsuite), ``<lang>.lexicon.tsv.gz`` (the name dictionary), ``de.clusters.tsv.gz`` (word
clusters) and ``de.net.npz`` (the network, :mod:`lagebild.analyze.ner_neural`); they are loaded on
first use, never at import time.  With a network, each label's score is the CRF's plus the
network's log-probability (a product of experts), decoded with the CRF's transitions; the
sentences of a document go through both in batches.  :func:`find` is pure: tokens in, labelled
character spans out.  The tagger is also a spaCy component (``lagebild_ner``) that sets
``doc.ents``, so users can put it into their own spaCy pipelines::

    nlp = spacy.blank("de"); nlp.add_pipe("lagebild_ner"); nlp("Kim Jong-un reiste nach Moskau.").ents

Labels are GermEval 2014's: PER, LOC, ORG, OTH with ``deriv`` (adjectives and demonyms:
"russische") and ``part`` (names inside compounds: "EU-Kommissar") variants; German data trains
German; wikigold and GUM train English (PER, LOC, ORG, MISC).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span as SpacySpan

from lagebild.analyze.ner_crf import LinearChain
from lagebild.analyze.ner_features import Featurizer, read_clusters, read_lexicon
from lagebild.analyze.ner_neural import Network

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
    """A loaded CRF (numpy), the optional neural tagger it is combined with, and the featurizer."""

    def __init__(self, language: str, root=None) -> None:
        self.language = model_language(language)
        root = resources.files(RESOURCE) if root is None else root  # a folder: a fresh build
        lexicon = root.joinpath(f"{self.language}.lexicon.tsv.gz").read_bytes()
        lex = read_lexicon(lexicon, self.language)
        clusters = root.joinpath(f"{self.language}.clusters.tsv.gz")
        if clusters.is_file():
            lex.clusters = read_clusters(clusters.read_bytes())
        self.featurizer = Featurizer(lex)
        self.crf = LinearChain(root.joinpath(f"{self.language}.crf.npz").read_bytes(), self.featurizer)
        net = root.joinpath(f"{self.language}.net.npz")
        self.net = Network(net.read_bytes(), lex) if net.is_file() else None
        if self.net is not None:
            self._net_columns = [self.net.tags.index(t) for t in self.crf.labels]

    def tag_sentences(self, sentences: list[list[str]], batch: int = 48) -> list[list[str]]:
        """BIO tags for many sentences: similar lengths are batched for the network and Viterbi.
        With a network, a label's score is the CRF's plus ``net.weight`` × the network's
        log-probability (a product of experts, decoded with the CRF's transitions)."""
        sents = [[NORMALIZE.get(w, w) for w in words] for words in sentences]
        order = sorted((i for i, s in enumerate(sents) if s), key=lambda i: len(sents[i]))
        out: list[list[str]] = [[] for _ in sents]
        for a in range(0, len(order), batch):
            idx = order[a:a + batch]
            scores = [self.crf.emissions(sents[i]) for i in idx]
            if self.net is not None:
                lps = self.net.log_probs([sents[i] for i in idx])
                scores = [e + self.net.weight * lp[:, self._net_columns] for e, lp in zip(scores, lps)]
            for i, path in zip(idx, self.crf.viterbi(scores)):
                out[i] = _bio([self.crf.labels[k] for k in path])
        return out

    def tag_words(self, words: list[str]) -> list[str]:
        """BIO tags for one sentence of words."""
        return self.tag_sentences([words])[0]

    def find(self, sdoc: SpacyDoc) -> list[Tagged]:
        """Tagged spans in a spaCy doc (sentence by sentence where sentence starts are set)."""
        out: list[Tagged] = []
        segments = _segments(sdoc)
        for toks, tags in zip(segments, self.tag_sentences([[t.text for t in toks] for toks in segments])):
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


def _bio(tags: list[str]) -> list[str]:
    """BIOES → BIO: S- opens and closes, E- continues."""
    return ["B-" + t[2:] if t[0] == "S" else "I-" + t[2:] if t[0] == "E" else t for t in tags]


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
    """spaCy component: sets ``doc.ents`` from lagebild's tagger (GermEval labels, OTH as MISC)."""
    lang = language or nlp.lang

    def component(doc: SpacyDoc) -> SpacyDoc:
        ents = [SpacySpan(doc, t.first, t.last, label=t.label.replace("OTH", "MISC"))
                for t in load(lang).find(doc)]
        doc.set_ents(ents, default="outside")
        return doc

    return component
