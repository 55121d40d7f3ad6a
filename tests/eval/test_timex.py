"""WikiWarsDE-style reader, TIMEX2/TIMEX3 value comparison and timex scoring."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from lagebild.errors import GoldError
from lagebild.eval.timex import (
    GoldTimex,
    PredictedTimex,
    canonical_value,
    parse_document,
    prepare,
    read_timex_gold,
    score,
)
from tests.conftest import shared_path

DOC = """\
<DOC>
<DOCID>test_01</DOCID>
<DATETIME> <TIMEX2 val="2024-03-05T10:00:00">2024-03-05T10:00:00</TIMEX2> </DATETIME>
<TEXT>
Lage im Osten

Am <TIMEX2 val="2024-03-04">Montag</TIMEX2> griffen Drohnen Odessa an.  Seit <TIMEX2 val="P2Y">zwei
Jahren</TIMEX2> dauert der Krieg &amp; kein Ende ist in Sicht, hieß es <TIMEX2 val="PRESENT_REF" \
anchor_val="2024-03-05" anchor_dir="AS_OF">heute</TIMEX2>.
</TEXT>
</DOC>
"""


def test_timex_parse_document_offsets_values_and_dct():
    doc = parse_document(DOC, Path("test_01.key.xml"))
    assert doc.name == "test_01"
    assert doc.dct == date(2024, 3, 5)
    assert [(t.text, t.value) for t in doc.timexes] == [
        ("Montag", "2024-03-04"), ("zwei\nJahren", "P2Y"), ("heute", "PRESENT_REF")]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text
    assert "Krieg & kein" in doc.text  # entities unescaped
    assert doc.timexes[0].line == 7


def test_timex_prepare_moves_gold_into_the_article_text():
    prepared = prepare(parse_document(DOC, Path("x.xml")))
    text = prepared.article.text
    assert prepared.article.published == date(2024, 3, 5)
    assert [text[t.start:t.end] for t in prepared.gold] == ["Montag", "zwei\nJahren", "heute"]
    assert [t.text for t in prepared.gold] == ["Montag", "zwei\nJahren", "heute"]


def test_timex_parse_document_nested_tags():
    raw = ('<DOC><DATETIME>2020-01-01</DATETIME><TEXT>in der <TIMEX2 val="2020-W02">Woche vom '
           '<TIMEX2 val="2020-01-06">6. Januar</TIMEX2></TIMEX2></TEXT></DOC>')
    doc = parse_document(raw, Path("n.xml"))
    assert [(t.text, t.value) for t in doc.timexes] == [
        ("Woche vom 6. Januar", "2020-W02"), ("6. Januar", "2020-01-06")]


@pytest.mark.parametrize(
    "value, canonical",
    [
        ("1775-04-19", "1775-04-19"),
        ("194X", "194"),  # TIMEX3 decade spelling
        ("194", "194"),  # TIMEX2 decade
        ("17XX", "17"),
        ("1776-12-26T08:00:00", "1776-12-26T08:00"),
        ("xxxx-wxx-1", "XXXX-WXX-1"),
        (" P2W ", "P2W"),
        ("1777-WI", "1777-WI"),
        (None, ""),
    ],
)
def test_timex_canonical_value(value, canonical):
    assert canonical_value(value) == canonical


GOLD = [GoldTimex(3, 9, "Montag", "2024-03-04"), GoldTimex(30, 41, "zwei Jahren", "P2Y"),
        GoldTimex(50, 60, "im Februar", "2024-02")]


def test_timex_score_perfect():
    predicted = [PredictedTimex(t.start, t.end, t.value) for t in GOLD]
    result = score([GOLD], [predicted])
    assert result["f1"] == 1.0
    assert result["value_accuracy"] == 1.0
    assert all(m["f1"] == 1.0 for m in result["metrics"].values())


def test_timex_score_partial_by_hand():
    predicted = [
        PredictedTimex(3, 9, "2024-03-04"),  # exact span, right value
        PredictedTimex(25, 41, "P3Y"),  # overlaps "zwei Jahren", wrong value
        PredictedTimex(70, 75, "2024"),  # spurious
    ]  # "im Februar" missed
    result = score([GOLD], [predicted])
    m = result["metrics"]
    assert (m["strict"]["tp"], m["strict"]["fp"], m["strict"]["fn"]) == (1, 2, 2)
    assert (m["lenient"]["tp"], m["lenient"]["fp"], m["lenient"]["fn"]) == (2, 1, 1)
    assert m["lenient"]["f1"] == 0.6667
    assert result["value_accuracy"] == 0.5
    assert (result["tp"], result["fp"], result["fn"]) == (1, 2, 2)
    assert result["f1"] == 0.3333
    assert m["strict_value"]["tp"] == 1
    assert len(result["errors"]["value"]) == 1 and len(result["errors"]["missed"]) == 1
    assert result["errors"]["spurious"][0]["system"]["value"] == "2024"


def test_timex_score_headline_pairs_equal_values():
    gold = [GoldTimex(0, 10, "Sommer 2023", "2023-SU")]
    predicted = [PredictedTimex(0, 10, "2022-SU"), PredictedTimex(7, 10, "2023-SU")]
    result = score([gold], [predicted])
    # lenient pairing takes the longer overlap (wrong value) …
    assert result["value_accuracy"] == 0.0
    # … but the headline counts the value-equal overlapping one
    assert (result["tp"], result["fp"], result["fn"]) == (1, 1, 0)


def test_timex_score_empty_predictions():
    result = score([GOLD, []], [[], []])
    assert (result["precision"], result["recall"], result["f1"]) == (0.0, 0.0, 0.0)
    assert result["fn"] == 3 and result["documents"] == 2
    assert result["value_accuracy"] == 0.0


@pytest.mark.parametrize(
    "raw, reason, line",
    [
        ("<DOC><DATETIME>2020-01-01</DATETIME></DOC>", "no <TEXT>", None),
        ("<DOC>\n<TEXT>\nAm <TIMEX2 val=\"2020\">Montag\n</TEXT></DOC>", "never closed", 3),
        ("<DOC>\n<TEXT>\nAm Montag</TIMEX2>\n</TEXT></DOC>", "without an opening", 3),
        ("<DOC>\n<TEXT>\nAm <TIMEX2 mod=\"START\">Montag</TIMEX2>\n</TEXT></DOC>", "without val", 3),
        ("<DOC>\n<DATETIME>gestern</DATETIME><TEXT>x</TEXT></DOC>", "not a date", 2),
        ("<DOC>\n<TEXT>\nAm <b>Montag</b>\n</TEXT></DOC>", "unexpected markup", 3),
    ],
)
def test_timex_parse_document_rejects_malformed(raw, reason, line):
    with pytest.raises(GoldError) as info:
        parse_document(raw, Path("bad.key.xml"))
    assert reason in info.value.reason
    assert info.value.line == line


def test_timex_read_gold_folder_layout(tmp_path):
    (tmp_path / "keyinline").mkdir()
    (tmp_path / "keyinline" / "a.key.xml").write_text(DOC, encoding="utf-8")
    docs = read_timex_gold(tmp_path)
    assert len(docs) == 1 and len(docs[0].timexes) == 3
    with pytest.raises(GoldError, match="no .xml"):
        read_timex_gold(_empty_dir(tmp_path))


def _empty_dir(tmp_path: Path) -> Path:
    path = tmp_path / "empty"
    path.mkdir()
    return path


@pytest.mark.shared
def test_timex_read_wikiwarsde_counts_and_offsets():
    docs = read_timex_gold(shared_path("data", "wikiwarsde"))
    assert len(docs) == 5
    assert sum(len(d.timexes) for d in docs) == 507  # 512 tags minus one DCT per document
    assert {d.dct for d in docs} == {date(2011, 2, 16)}
    for d in docs:
        prepared = prepare(d)
        for g in prepared.gold:
            assert re.sub(r"\s+", " ", prepared.article.text[g.start:g.end]) == re.sub(r"\s+", " ", g.text)
