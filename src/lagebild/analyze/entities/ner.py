"""The trained entity tagger: a linear-chain CRF per language combined with a small BiLSTM, all
built by ``training/ner/build.py`` and run in numpy.

The model files live in ``resources/ner``: ``<lang>.crf.npz`` (CRF weights, trained with
python-crfsuite), ``<lang>.lexicon.tsv.gz`` (the name dictionary), ``de.clusters.tsv.gz`` (word
clusters) and ``<lang>.net.npz`` (the network, :mod:`lagebild.analyze.entities.network`); they are loaded on
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

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from lagebild.analyze.text import spacy_import  # noqa: F401  (first: spaCy without PyTorch)
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span as SpacySpan
from threadpoolctl import ThreadpoolController

from lagebild.analyze.entities.crf import LinearChain
from lagebild.analyze.entities.features import Featurizer, read_clusters, read_lexicon
from lagebild.analyze.entities.network import Network

RESOURCE = "lagebild.resources.ner"
#: word forms whose features and scores a tagger keeps (each table is emptied when full): about
#: 6 kB a form in all, so some 200 MiB at most, reached within the first thousand or so news
#: articles; a worker's memory then stays flat (``benchmarks/memory_stream.py``)
FORMS = 32_768
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
        shipped = root is None
        root = resources.files(RESOURCE) if shipped else root  # a folder: a fresh build
        lexicon = root.joinpath(f"{self.language}.lexicon.tsv.gz").read_bytes()
        lex = read_lexicon(lexicon, self.language)
        clusters = root.joinpath(f"{self.language}.clusters.tsv.gz")
        if clusters.is_file():
            lex.clusters = shipped_clusters(self.language) if shipped else read_clusters(clusters.read_bytes())
        self.featurizer = Featurizer(lex, cache_size=FORMS)
        self.crf = LinearChain(root.joinpath(f"{self.language}.crf.npz").read_bytes(), self.featurizer, FORMS)
        net = root.joinpath(f"{self.language}.net.npz")
        self.net = Network(net.read_bytes(), lex, FORMS) if net.is_file() else None
        if self.net is not None:
            self._net_columns = [self.net.tags.index(t) for t in self.crf.labels]
        self._blas = ThreadpoolController()

    def tag_sentences(self, sentences: list[list[str]], batch: int = 64) -> list[list[str]]:
        """BIO tags for many sentences (a document's): the new word forms are scored in one pass,
        the CRF's state scores computed for all sentences at once, then similar lengths are
        batched for the network and Viterbi.  With a network, a label's score is the CRF's plus
        ``net.weight`` × the network's log-probability (a product of experts, decoded with the
        CRF's transitions)."""
        # the matrices are small: BLAS threads only wait on each other (and, on a busy machine,
        # for a core: many times slower)
        with self._blas.limit(limits=1, user_api="blas"):
            return self._tag(sentences, batch)

    def _tag(self, sentences: list[list[str]], batch: int) -> list[list[str]]:
        sents = [[NORMALIZE.get(w, w) for w in words] for words in sentences]
        if self.net is not None:
            self.net.prepare([w for ws in sents for w in ws], self.featurizer.own)
        emissions = self.crf.emissions_many(sents)
        order = sorted((i for i, s in enumerate(sents) if s), key=lambda i: len(sents[i]))
        out: list[list[str]] = [[] for _ in sents]
        labels = self.crf.labels
        for a in range(0, len(order), batch):
            idx = order[a:a + batch]
            scores = [emissions[i] for i in idx]
            if self.net is not None:
                lps = self.net.log_probs([sents[i] for i in idx])
                scores = [e + self.net.weight * lp[:, self._net_columns] for e, lp in zip(scores, lps)]
            for i, path in zip(idx, self.crf.viterbi(scores)):
                out[i] = _bio([labels[k] for k in path])
        return out

    def tag_words(self, words: list[str]) -> list[str]:
        """BIO tags for one sentence of words."""
        return self.tag_sentences([words])[0]

    def find(self, sdoc: SpacyDoc, text: str | None = None) -> list[Tagged]:
        """Tagged spans in a spaCy doc (sentence by sentence where sentence starts are set);
        ``text``: the doc's text where the caller has it (spaCy joins it token by token)."""
        out: list[Tagged] = []
        text = sdoc.text if text is None else text
        segments = _segments(sdoc, text)
        words = [[text[a:b] for _, a, b in seg] for seg in segments]
        for seg, tags in zip(segments, self.tag_sentences(words)):
            open_: list = []  # [label, first token, last token], tokens as (index, start, end)
            for tok, tag in zip(seg, tags):
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


def _segments(sdoc: SpacyDoc, text: str) -> list[list[tuple[int, int, int]]]:
    """Non-space tokens per sentence as (token index, start, end); a sentence that ends in an
    abbreviation-like word and a full stop ("St .", "Chr .", "R .") runs on into the next one."""
    cols = sdoc.to_array([IDX, LENGTH, IS_SPACE, SENT_START]).astype(np.int64).tolist()
    sents: list[list[tuple[int, int, int]]] = [[]]
    for i, (start, length, space, sent_start) in enumerate(cols):
        if sent_start == 1 and sents[-1]:  # without sentence starts: one segment
            sents.append([])
        if not space:
            sents[-1].append((i, start, start + length))
    out: list[list[tuple[int, int, int]]] = []
    glue = False
    for toks in sents:
        if not toks:
            continue
        if glue and out:
            out[-1].extend(toks)
        else:
            out.append(toks)
        glue = _runs_on(text, out[-1])
    return out


def _runs_on(text: str, seg: list[tuple[int, int, int]]) -> bool:
    """Whether a sentence ends like "St ." / "R ." (an abbreviation cut off by the splitter)."""
    if len(seg) < 2 or text[seg[-1][1]:seg[-1][2]] != ".":
        return False
    word = text[seg[-2][1]:seg[-2][2]]
    return (word.isalpha() and len(word) <= 3 and word[:1].isupper() and not word.isupper()
            or len(word) == 1 and word.isupper())


def _span(label: str, first: tuple[int, int, int], last: tuple[int, int, int]) -> Tagged:
    return Tagged(first[1], last[2], label, first[0], last[0] + 1)


@lru_cache(maxsize=2)
def shipped_clusters(language: str) -> Mapping[str, tuple[str, ...]]:
    """The shipped word clusters of a language, read once for the tagger and the event model that
    share them (empty where none are shipped)."""
    ref = resources.files(RESOURCE) / f"{model_language(language)}.clusters.tsv.gz"
    return read_clusters(ref.read_bytes()) if ref.is_file() else {}


@lru_cache(maxsize=2)
def load(language: str) -> Tagger:
    """The tagger for ``language`` (German for everything but English), loaded once."""
    return Tagger(model_language(language))


def find(sdoc: SpacyDoc, language: str = "de") -> list[Tagged]:
    """Tagged spans of ``sdoc`` by the model for ``language``."""
    return load(language).find(sdoc)


class NerComponent:
    """The tagger as a spaCy component: sets ``doc.ents`` (GermEval labels, OTH as MISC)."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, doc: SpacyDoc) -> SpacyDoc:
        ents = [SpacySpan(doc, t.first, t.last, label=t.label.replace("OTH", "MISC"))
                for t in load(self.language).find(doc)]
        doc.set_ents(ents, default="outside")
        return doc


@Language.factory("lagebild_ner", default_config={"language": None})
def make_component(nlp: Language, name: str, language: str | None) -> NerComponent:
    """spaCy component: sets ``doc.ents`` from lagebild's tagger (GermEval labels, OTH as MISC)."""
    return NerComponent(language or nlp.lang)
