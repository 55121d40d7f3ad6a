"""Self-training data of ``training/ner/neural.py`` (``build.py --self-train``): unlabelled sentences
with the ensemble's tags, kept only where the CRF alone and the network alone tag them alike."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from lagebild.analyze.entities import ner

TRAINING = str(Path(__file__).resolve().parents[1] / "training" / "ner")
sys.path.insert(0, TRAINING)
try:
    neural = pytest.importorskip("neural")  # imports torch only to train
finally:
    sys.path.remove(TRAINING)

SENTENCES = [
    "Der ukrainische Geheimdienstchef Kyrylo Budanow sprach mit der Financial Times in Kiew .".split(),
    "Laut KCNA besuchte Kim Jong Un eine Fabrik bei Pjöngjang .".split(),
    "Die Sommeroper Olympiadritten Hoffmann-Zweifingerfaultier tagte im Berner Tram .".split(),
    "Es regnete den ganzen Tag .".split(),
]


def test_silver_keeps_the_ensemble_tags_where_crf_and_network_agree():
    tagger = ner.load("de")
    both = tagger.tag_sentences(SENTENCES)
    every = neural.silver(tagger, SENTENCES, agree=False)
    assert every == list(zip(SENTENCES, both))
    agreed = neural.silver(tagger, SENTENCES, agree=True)
    assert agreed and len(agreed) <= len(SENTENCES)
    ok = neural.allowed(tagger.net.tags)
    for words, tags in agreed:
        assert neural.data.to_bio(tagger.crf.tag(words)) == tags
        lp = tagger.net.log_probs([words])[0]
        assert neural.data.to_bio(neural.viterbi(lp, tagger.net.tags, ok)) == tags
    dropped = [w for w in SENTENCES if all(w is not a for a, _ in agreed)]
    for words in dropped:  # a dropped sentence really is one the two models tag differently
        crf = neural.data.to_bio(tagger.crf.tag(words))
        lp = tagger.net.log_probs([words])[0]
        net = neural.data.to_bio(neural.viterbi(lp, tagger.net.tags, ok))
        assert crf != net or crf != tagger.tag_sentences([words])[0]
