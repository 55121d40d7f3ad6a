"""GermEval reader, label mapping and chunk scoring (hand-made gold, own sentences)."""

from __future__ import annotations

import lzma
from pathlib import Path

import pytest

from lagebild.errors import GoldError
from lagebild.eval.align import join_tokens
from lagebild.eval.ner import chunks, mentions_to_chunks, normalize_tag, read_germeval, score
from lagebild.model import EntityMention
from tests.conftest import shared_path

TSV = """\
#\thttp://example.org/krieg/1\t[2024-03-05]
1\tNordkoreanische\tB-LOCderiv\tO
2\tRaketen\tO\tO
3\ttrafen\tO\tO
4\tCharkiw\tB-LOC\tO
5\t,\tO\tO
6\tsagte\tO\tO
7\tSelenskyj\tB-PER\tO
8\tin\tO\tO
9\tKiew\tB-LOC\tO
10\t.\tO\tO

#\thttp://example.org/krieg/2\t[2024-03-06]
1\tDie\tO\tO
2\tVereinten\tB-ORG\tO
3\tNationen\tI-ORG\tO
4\tverurteilten\tO\tO
5\tden\tO\tO
6\tAngriff\tO\tO
7\t.\tO\tO

#\thttp://example.org/krieg/3\t[2024-03-07]
1\tDie\tO\tO
2\tBank\tB-ORG\tO
3\tof\tI-ORG\tO
4\tKorea\tI-ORG\tB-LOC
5\tsenkte\tO\tO
6\tden\tO\tO
7\tLeitzins\tO\tO
8\t.\tO\tO
"""

BIOES = """\
Selenskyj S-PER
besuchte O
die O
Vereinten B-ORG
Nationen E-ORG
in O
New B-LOC
York E-LOC
. O

Russische S-LOCDERIV
Truppen O
meldeten O
Gewinne O
bei O
Awdijiwka S-LOC
. O
"""

GOLD_OUTER = [
    [(0, 1, "LOCderiv"), (3, 4, "LOC"), (6, 7, "PER"), (8, 9, "LOC")],
    [(1, 3, "ORG")],
    [(1, 4, "ORG")],
]


@pytest.fixture
def tsv(tmp_path: Path) -> Path:
    path = tmp_path / "dev.tsv"
    path.write_text(TSV, encoding="utf-8")
    return path


def test_ner_read_germeval_tsv(tsv):
    sentences = read_germeval(tsv)
    assert len(sentences) == 3
    assert [list(s.outer) for s in sentences] == GOLD_OUTER
    assert sentences[2].inner == ((3, 4, "LOC"),)
    assert sentences[0].inner == ()
    assert sentences[0].source == "http://example.org/krieg/1"
    assert str(sentences[1].published) == "2024-03-06"
    assert sentences[1].line == 14
    assert sentences[0].tokens[:2] == ("Nordkoreanische", "Raketen")


@pytest.mark.parametrize("suffix", [".txt", ".txt.xz"])
def test_ner_read_germeval_bioes_two_columns(tmp_path, suffix):
    path = tmp_path / f"train{suffix}"
    data = BIOES.encode("utf-8")
    path.write_bytes(lzma.compress(data) if suffix.endswith(".xz") else data)
    sentences = read_germeval(path)
    assert [list(s.outer) for s in sentences] == [
        [(0, 1, "PER"), (3, 5, "ORG"), (6, 8, "LOC")],
        [(0, 1, "LOCderiv"), (5, 6, "LOC")],
    ]
    assert sentences[0].inner is None


@pytest.mark.parametrize(
    "tags, expected",
    [
        (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["I-ORG", "I-ORG", "B-ORG"], [(0, 2, "ORG"), (2, 3, "ORG")]),  # orphan I- opens a chunk
        (["B-PER", "I-LOC"], [(0, 1, "PER"), (1, 2, "LOC")]),
        (["S-LOC", "B-ORG", "I-ORG", "E-ORG", "S-ORG"], [(0, 1, "LOC"), (1, 4, "ORG"), (4, 5, "ORG")]),
        (["B-OTHpart", "I-OTHpart"], [(0, 2, "OTHpart")]),
    ],
)
def test_ner_chunks_bio_and_bioes(tags, expected):
    assert chunks([normalize_tag(t, Path("x"), 1) for t in tags]) == expected


def _mention(text: str, sub: str, label: str, form: str = "name", nth: int = 0) -> tuple[int, int, EntityMention]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    end = start + len(sub)
    return start, end, EntityMention(start, end, sub, label, form=form)


def test_ner_mentions_to_chunks_maps_labels_forms_and_parts():
    tokens = ["Nordkoreanische", "Raketen", "vor", "dem", "Russland-Besuch", "der", "Bank", "of", "Korea",
              "laut", "Tass", "und", "Stern"]
    text, spans = join_tokens(tokens)
    mentions = [
        _mention(text, "Nordkoreanische", "GPE", "adjective"),  # → LOCderiv
        _mention(text, "Russland", "GPE"),  # part of a token → LOCpart
        _mention(text, "Bank of Korea", "ORG"),  # outer
        _mention(text, "Korea", "GPE"),  # nested → inner LOC
        _mention(text, "Tass", "MISC"),  # → OTH
        _mention(text, "Stern", "WORK"),  # no GermEval counterpart → dropped
    ]
    outer, inner = mentions_to_chunks(mentions, spans)
    assert outer == [(0, 1, "LOCderiv"), (4, 5, "LOCpart"), (6, 9, "ORG"), (10, 11, "OTH")]
    assert inner == [(8, 9, "LOC")]


def test_ner_mentions_to_chunks_demonym_is_deriv():
    text, spans = join_tokens(["Die", "Russen", "kamen"])
    outer, _ = mentions_to_chunks([_mention(text, "Russen", "GPE", "demonym")], spans)
    assert outer == [(1, 2, "LOCderiv")]


def test_ner_score_perfect(tsv):
    gold = read_germeval(tsv)
    predicted = [(list(s.outer), list(s.inner or ())) for s in gold]
    result = score(gold, predicted)
    assert result["f1"] == 1.0
    assert result["metrics"]["combined"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 7, "fp": 0, "fn": 0}


def test_ner_score_partial_by_hand(tsv):
    gold = read_germeval(tsv)
    predicted = [
        ([(0, 1, "LOC"), (3, 4, "LOC"), (6, 7, "PER")], []),  # wrong label on the adjective, Kiew missed
        ([(1, 2, "ORG"), (5, 6, "OTH")], []),  # wrong span, one spurious chunk
        ([(1, 4, "ORG")], []),  # right, but no inner chunk
    ]
    result = score(gold, predicted)
    m = result["metrics"]
    # outer: 3 right of 6 predicted and 6 gold
    assert (result["tp"], result["fp"], result["fn"]) == (3, 3, 3)
    assert result["f1"] == 0.5
    # folding LOCderiv → LOC rescues the adjective
    assert (m["main4"]["tp"], m["main4"]["fp"], m["main4"]["fn"]) == (4, 2, 2)
    assert m["main4"]["f1"] == 0.6667
    assert (m["spans"]["tp"], m["spans"]["fp"], m["spans"]["fn"]) == (4, 2, 2)
    # combined: the inner LOC of "Bank of Korea" is one more false negative
    assert (m["combined"]["tp"], m["combined"]["fp"], m["combined"]["fn"]) == (3, 3, 4)
    assert m["combined"]["recall"] == 0.4286
    assert m["combined"]["f1"] == 0.4615
    assert result["per_label"]["LOC"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "tp": 1, "fp": 1, "fn": 1}
    assert result["per_label"]["LOCderiv"]["recall"] == 0.0


def test_ner_score_empty_predictions(tsv):
    gold = read_germeval(tsv)
    result = score(gold, [([], [])] * 3)
    assert (result["precision"], result["recall"], result["f1"]) == (0.0, 0.0, 0.0)
    assert result["fn"] == 6
    assert result["gold_chunks"] == {"outer": 6, "inner": 1}


@pytest.mark.parametrize(
    "text, line, reason",
    [
        ("1\tKiew\tB-LOC\tO\n2\tbrennt\tB-FOO\tO\n", 2, "unknown NE tag"),
        ("x\tKiew\tB-LOC\tO\n", 1, "token index"),
        ("Kiew\n", 1, "expected 'token tag'"),
        ("1\tKiew\tB-LOC\tO\nbrennt O\n", 2, "number of columns"),
        ("1\tKiew\tB-LOC\tO\n#\thttp://example.org\t[2024-01-01]\n", 2, "comment line"),
    ],
)
def test_ner_read_germeval_rejects_malformed(tmp_path, text, line, reason):
    path = tmp_path / "bad.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GoldError) as info:
        read_germeval(path)
    assert info.value.line == line
    assert reason in info.value.reason
    assert info.value.file == str(path)
    assert f"bad.tsv:{line}:" in str(info.value)


def test_ner_read_germeval_rejects_empty_and_missing(tmp_path):
    empty = tmp_path / "empty.tsv"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(GoldError, match="no sentences"):
        read_germeval(empty)
    with pytest.raises(GoldError, match="no such file"):
        read_germeval(tmp_path / "missing.tsv")


@pytest.mark.shared
def test_ner_read_germeval_dev_counts():
    sentences = read_germeval(shared_path("data", "germeval2014-ner", "NER-de-dev.tsv"))
    assert len(sentences) == 2200
    assert sum(len(s.tokens) for s in sentences) == 41653
    assert sum(len(s.outer) for s in sentences) == 2674
    assert sum(len(s.inner or ()) for s in sentences) == 212
    assert all(s.published is not None for s in sentences)


@pytest.mark.shared
def test_ner_read_germeval_train_xz_counts():
    sentences = read_germeval(shared_path("data", "germeval2014-ner", "NER-de-train.outer-bioes.txt.xz"))
    assert len(sentences) == 23999
    assert sum(len(s.outer) for s in sentences) == 29076
    assert all(s.inner is None for s in sentences)


def test_ner_mentions_to_chunks_slash_and_trailing_punctuation_are_not_parts():
    tokens = ["Spiele", "in", "Japan/Korea", "beim", "DFB.", "und", "EU-Kommissar"]
    text, spans = join_tokens(tokens)
    mentions = [_mention(text, "Japan", "GPE"), _mention(text, "Korea", "GPE"),
                _mention(text, "DFB", "ORG"), _mention(text, "EU", "ORG")]
    outer, _ = mentions_to_chunks(mentions, spans, text)
    assert outer == [(2, 3, "LOC"), (4, 5, "ORG"), (6, 7, "ORGpart")]
    # without the sentence text every mention short of its token stays a part
    outer, _ = mentions_to_chunks(mentions, spans)
    assert outer == [(2, 3, "LOCpart"), (4, 5, "ORGpart"), (6, 7, "ORGpart")]
