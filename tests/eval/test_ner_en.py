"""English NER gold readers (CoNLL/IOB, Universal NER, WNUT-17, GUM CoNLL-U) and English scoring
(hand-made gold, own sentences)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.errors import GoldError
from lagebild.eval.ner import evaluate_ner, mentions_to_chunks, score
from lagebild.eval.ner_en import english_text, read_english
from lagebild.model import EntityMention
from tests.conftest import shared_path

IOB1 = """\
-DOCSTART- O

The I-ORG
Acme I-ORG
Company I-ORG
hired O
Ann I-PER
Lee I-PER
Bob B-PER
Day I-PER
in O
Paris I-LOC
. O

Japanese I-MISC
firms O
's O
"""

WNUT = """\
#tbt\tO
Saw\tO
Gwen\tB-person
in\tO
Oslo\tB-location
at\tO
Acme\tB-corporation
with\tO
Zonkbot\tB-product
#Oslo\tB-location
"""

UNER = """\
# newdoc id = doc-1
# sent_id = doc-1-0001
# text = Ann went to New York .
1\tAnn\tB-PER\t-\tx
2\twent\tO\t-\t-
3\tto\tO\t-\t-
4\tNew\tB-LOC\t-\tx
5\tYork\tI-LOC\t-\tx
6\t.\tO\t-\t-
"""

GUM = """\
# newdoc id = GUM_news_test
# sent_id = GUM_news_test-1
# text = President Ann Lee visited the city of Oslo, he said.
1\tPresident\tpresident\tNOUN\tNN\t_\t3\tcompound\t_\tEntity=(1-person-new-sssss-cf1-3-coref-Ann_Lee
2\tAnn\tAnn\tPROPN\tNNP\t_\t3\tflat\t_\t_
3\tLee\tLee\tPROPN\tNNP\t_\t4\tnsubj\t_\tEntity=1)
4\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_
5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\tEntity=(2-place-new-sssss-cf2-2-coref
6\tcity\tcity\tNOUN\tNN\t_\t4\tobj\t_\t_
7\tof\tof\tADP\tIN\t_\t8\tcase\t_\t_
8\tOslo\tOslo\tPROPN\tNNP\t_\t6\tnmod\t_\tEntity=(3-place-new-sssss-cf3-1-coref)2)|SpaceAfter=No
9\t,\t,\tPUNCT\t,\t_\t11\tpunct\t_\t_
10\the\the\tPRON\tPRP\t_\t11\tnsubj\t_\tEntity=(1-person-giv:act-sssss-cf1-1-coref)
11\tsaid\tsay\tVERB\tVBD\t_\t4\tparataxis\t_\tSpaceAfter=No
12\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ner_en_reads_iob1_chunks_and_docstart(tmp_path):
    sents = read_english(_write(tmp_path, "wikigold.conll.txt", IOB1))
    assert len(sents) == 2
    assert sents[0].outer == ((0, 3, "ORG"), (4, 6, "PER"), (6, 8, "PER"), (9, 10, "LOC"))
    assert sents[1].outer == ((0, 1, "MISC"),)


def test_ner_en_reads_wnut_types_and_hashtag_tokens(tmp_path):
    (sent,) = read_english(_write(tmp_path, "emerging.dev.conll", WNUT))
    assert sent.tokens[0] == "#tbt" and sent.tokens[-1] == "#Oslo"  # hashtags are tokens, not comments
    assert [c[2] for c in sent.outer] == ["PER", "LOC", "ORG", "MISC", "LOC"]


def test_ner_en_reads_universal_ner_iob2(tmp_path):
    (sent,) = read_english(_write(tmp_path, "en_ewt-ud-dev.iob2", UNER))
    assert sent.tokens == ("Ann", "went", "to", "New", "York", ".")
    assert sent.outer == ((0, 1, "PER"), (3, 5, "LOC"))


def test_ner_en_reads_gum_names_by_their_proper_noun_heads(tmp_path):
    (sent,) = read_english(_write(tmp_path, "gum.conllu", GUM))
    # "President Ann Lee": headed by a proper noun, the name is its proper nouns; "the city of
    # Oslo": headed by a noun, only the name inside it counts; "he" carries no name
    assert sent.outer == ((1, 3, "PER"), (7, 8, "LOC"))
    text, spans = english_text(sent.tokens, sent.space_after)
    assert text == "President Ann Lee visited the city of Oslo, he said."
    assert [text[a:b] for a, b in spans] == list(sent.tokens)


def test_ner_en_text_glues_punctuation_and_clitics():
    tokens = ["Lee", "'s", "firm", "did", "n't", "say", "(", "yet", ")", "."]
    text, spans = english_text(tokens)
    assert text == "Lee's firm didn't say (yet)."
    assert [text[a:b] for a, b in spans] == tokens


def test_ner_en_passes_over_an_empty_token_outside_names(tmp_path):
    (sent,) = read_english(_write(tmp_path, "btc.dev", "RT\tO\n\tO\n \tO\nke s\tO\nAnn\tB-PER\n"))
    assert sent.tokens == ("RT", "ke s", "Ann") and sent.outer == ((2, 3, "PER"),)


@pytest.mark.parametrize("text, reason", [
    ("Ann\tO\n\tB-PER\n", "expected 'token tag'"),
    ("Ann B-FOO\n", "unknown NE tag"),
    ("Ann B-PER extra\n", "expected 'token tag'"),
    ("", "no sentences"),
])
def test_ner_en_rejects_malformed(tmp_path, text, reason):
    with pytest.raises(GoldError, match=reason):
        read_english(_write(tmp_path, "bad.conll", text))


def test_ner_en_labels_adjectives_are_misc_and_parts_keep_their_label():
    text, spans = english_text(["Japanese", "and", "US-led", "forces"])
    mentions = [EntityMention(0, 8, "Japanese", "GPE", form="adjective"),
                EntityMention(13, 15, "US", "GPE"), EntityMention(0, 3, "Jap", "WORK")]
    outer, _ = mentions_to_chunks([(m.start, m.end, m) for m in mentions], spans, text, "en")
    assert outer == [(0, 1, "MISC"), (2, 3, "LOC")]


def test_ner_en_scores_only_the_labels_the_gold_annotates(tmp_path):
    gold = read_english(_write(tmp_path, "u.iob2", UNER))
    predicted = [([(0, 1, "PER"), (3, 5, "LOC"), (5, 6, "MISC")], [])]
    assert score(gold, predicted, ["LOC", "PER"])["f1"] == 1.0
    assert score(gold, predicted)["fp"] == 1


def test_ner_en_evaluate_runs_the_english_pipeline(tmp_path):
    result = evaluate_ner(_write(tmp_path, "u.iob2", UNER), language="en")
    assert result["language"] == "en" and result["labels_scored"] == ["LOC", "PER"]
    assert result["sentences"] == 1 and set(result["per_label"]) <= {"PER", "LOC"}
    with pytest.raises(GoldError, match="--lang en"):
        evaluate_ner(_write(tmp_path, "w.conll", WNUT))


@pytest.mark.shared
@pytest.mark.parametrize("parts, sentences, entities", [
    (("uner-english-ewt", "en_ewt-ud-dev.iob2.xz"), 2001, 966),  # counts of its SOURCE.md
    (("wnut17-en", "emerging.dev.conll.xz"), 1009, 836),
])
def test_ner_en_shared_dev_counts(parts, sentences, entities):
    gold = read_english(shared_path("data", *parts))
    assert len(gold) == sentences
    assert sum(len(s.outer) for s in gold) == entities
