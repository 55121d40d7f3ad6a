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
    evaluate_timex,
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


def test_timex_gold_without_val_is_an_expression_with_no_value():
    raw = ('<DOC><DATETIME>2011-02-16</DATETIME><TEXT>Am <TIMEX2 val="1920-08-13">13. August</TIMEX2> und '
           '<TIMEX2 comment="unspecified">damals</TIMEX2>.</TEXT></DOC>')
    doc = parse_document(raw, Path("u.key.xml"))
    assert [(t.text, t.value) for t in doc.timexes] == [("13. August", "1920-08-13"), ("damals", "")]
    # found with some value: an extraction hit, a value miss; found without one: both
    found = [PredictedTimex(3, 13, "1920-08-13"), PredictedTimex(18, 24, "PAST_REF")]
    result = score([doc.timexes], [found])
    assert result["metrics"]["lenient"]["tp"] == 2
    assert (result["tp"], result["fp"], result["fn"]) == (1, 1, 1)
    result = score([doc.timexes], [[found[0], PredictedTimex(18, 24, "")]])
    assert (result["tp"], result["fp"], result["fn"]) == (2, 0, 0)


TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>APW_TEST</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" functionInDocument="CREATION_TIME">19980807</TIMEX3></DCT>
<TEXT>
Rebels <EVENT eid="e1" class="OCCURRENCE">attacked</EVENT> the town <TIMEX3 tid="t1" type="DATE" value="1998-08-06">Thursday</TIMEX3> <SIGNAL sid="s1">after</SIGNAL> a <TIMEX3 tid="t2" type="DURATION" value="P2W">two-week</TIMEX3> lull.
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>
</TimeML>
"""


def test_timex_reads_timeml_events_and_signals_dropped_types_kept():
    doc = parse_document(TIMEML, Path("APW_TEST.tml"))
    assert doc.timeml and doc.dct == date(1998, 8, 7)
    assert "Rebels attacked the town Thursday after a two-week lull." in doc.text
    assert [(t.text, t.value, t.type) for t in doc.timexes] == [
        ("Thursday", "1998-08-06", "DATE"), ("two-week", "P2W", "DURATION")]
    assert prepare(doc).article.language == "en"
    assert prepare(doc, "de").article.language == "de"


def test_timex_te3_measures_by_hand():
    gold = [GoldTimex(0, 8, "Thursday", "1998-08-06", type="DATE"),
            GoldTimex(20, 28, "two-week", "P2W", type="DURATION"),
            GoldTimex(40, 44, "1990s", "199X", type="DATE"),
            GoldTimex(60, 66, "summer", "1998-SU", type="DATE")]
    predicted = [PredictedTimex(0, 8, "1998-08-06", type="DATE"),  # strict, value, type
                 PredictedTimex(16, 28, "P2W", type="DATE"),  # relaxed, value, wrong type
                 PredictedTimex(40, 44, "199", type="DATE"),  # strict; value only canonically equal
                 PredictedTimex(80, 84, "PRESENT_REF", type="DATE")]  # spurious
    m = score([gold], [predicted])["metrics"]
    assert (m["te3_strict"]["tp"], m["te3_strict"]["fp"], m["te3_strict"]["fn"]) == (2, 2, 2)
    assert (m["te3_relaxed"]["tp"], m["te3_relaxed"]["fp"], m["te3_relaxed"]["fn"]) == (3, 1, 1)
    # value F1 = value accuracy (2 of 3 relaxed pairs, compared as strings) x relaxed F1 (0.75)
    assert (m["te3_value"]["tp"], m["te3_value"]["fp"], m["te3_value"]["fn"]) == (2, 2, 2)
    assert m["te3_value"]["f1"] == pytest.approx(2 / 3 * 0.75, abs=1e-4)
    assert m["lenient_value"]["tp"] == 3  # the canonical comparison takes 199 = 199X
    assert (m["te3_type"]["tp"], m["te3_type"]["fn"]) == (2, 2)


def test_timex_timeml_archive_headline_is_te3_value(tmp_path):
    import io
    import tarfile
    path = tmp_path / "gold.tar.xz"
    with tarfile.open(path, "w:xz") as archive:
        for name in ("TBAQ/TimeBank/a.tml", "TBAQ/testpipeline/a.tml"):
            data = TIMEML.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    docs = read_timex_gold(path)
    assert len(docs) == 1 and docs[0].timeml  # the testpipeline copy is skipped
    result = evaluate_timex(path)
    assert result["headline"] == "te3_value" and next(iter(result["metrics"])) == "te3_value"
    assert result["f1"] == result["metrics"]["te3_value"]["f1"]
    assert result["language"] == ["en"]
    assert result["metrics"]["te3_relaxed"]["tp"] >= 1


def test_timex_bad_archive_is_a_gold_error(tmp_path):
    path = tmp_path / "broken.tar.xz"
    path.write_bytes(b"not an archive")
    with pytest.raises(GoldError, match="unreadable archive"):
        read_timex_gold(path)


@pytest.mark.shared
def test_timex_read_tempeval3_tbaq_archive_counts():
    docs = read_timex_gold(shared_path("data", "tempeval3-en", "TBAQ-cleaned.tar.xz"))
    assert len(docs) == 256  # TimeBank 183 + AQUAINT 73
    assert sum(len(d.timexes) for d in docs) == 1822  # 1,243 + 579 TIMEX3, the DCTs not counted
    assert all(d.timeml and d.dct is not None for d in docs)


CAT = """<?xml version="1.0" ?><Document doc_id="1" doc_name="1_Test" lang="en" url="http://example.org">
<token number="0" sentence="0" t_id="1">Plant</token>
<token number="1" sentence="0" t_id="2">closes</token>
<token number="2" sentence="1" t_id="3">March</token>
<token number="3" sentence="1" t_id="4">01</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2008</token>
<token number="6" sentence="2" t_id="7">The</token>
<token number="7" sentence="2" t_id="8">plant</token>
<token number="8" sentence="2" t_id="9">closed</token>
<token number="9" sentence="2" t_id="10">on</token>
<token number="10" sentence="2" t_id="11">Friday</token>
<token number="11" sentence="2" t_id="12">.</token>
<token number="12" sentence="3" t_id="13">It</token>
<token number="13" sentence="3" t_id="14">opened</token>
<token number="14" sentence="3" t_id="15">in</token>
<token number="15" sentence="3" t_id="16">1990</token>
<token number="16" sentence="3" t_id="17">.</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="20" type="DATE" value="2008-03-01">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="21" type="DATE" value="2008-02-29"><token_anchor t_id="11"/></TIMEX3>
<TIMEX3 TAG_DESCRIPTOR="x" functionInDocument="NONE" m_id="22" type="DATE" value="2058"/>
<EVENT_MENTION m_id="23"><token_anchor t_id="9"/></EVENT_MENTION>
</Markables>
</Document>
"""


def test_timex_reads_meantime_cat_xml():
    from lagebild.eval.timex import parse_cat

    doc = parse_cat(CAT, Path("1_Test.xml"))
    assert doc.timeml and doc.dct == date(2008, 3, 1) and doc.name == "1_Test"
    # the dateline (the DCT) is left out; the text ends with the last annotated sentence
    assert doc.text == "Plant closes\nThe plant closed on Friday."
    assert [(t.text, t.value, t.type) for t in doc.timexes] == [("Friday", "2008-02-29", "DATE")]
    result = score([doc.timexes], [[PredictedTimex(33, 39, "2008-02-29", "Friday", "DATE")]])
    assert result["metrics"]["te3_value"]["f1"] == 1.0


@pytest.mark.shared
def test_timex_read_meantime_archive_counts():
    docs = read_timex_gold(shared_path("data", "meantime-en", "meantime_newsreader_english_oct15.tar.xz"))
    assert len(docs) == 120  # intra-doc annotation only, not the cross-document copy
    # 407 TIMEX3 besides the 118 DCTs, 37 of them without tokens
    assert sum(len(d.timexes) for d in docs) == 370
