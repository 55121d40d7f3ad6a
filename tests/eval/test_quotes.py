"""SpkAtt reader, held-out split, quote → token mapping and token-overlap scoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lagebild.errors import GoldError, LagebildError
from lagebild.eval.quotes import (
    QuoteTokens,
    error_record,
    evaluate_quotes,
    expand,
    mark_nested,
    is_heldout,
    parse_document,
    prepare,
    read_spkatt,
    score,
    spkatt_files,
    spkatt_split,
    to_tokens,
)
from lagebild.model import Quote, Span, Speaker
from tests.conftest import shared_path

DOC = {
    "DocumentName": "99999 - Ministerin warnt vor Engpässen (2024-03-05)",
    "Sentences": [
        {"SentenceId": 0, "Tokens": ["Der", "Minister", "sagte", ",", "die", "Lage", "sei", "ernst", "."]},
        {"SentenceId": 1, "Tokens": ["„", "Wir", "helfen", "“", ",", "erklärte", "sie", "."]},
    ],
    "Annotations": [
        {"Cue": ["0:2"], "Source": ["0:0", "0:1"], "Message": ["0:4", "0:5", "0:6", "0:7"],
         "Form": "Indirect", "IsNested": False, "HasNested": False, "Addr": [], "Frame": [], "STWR": "Speech"},
        {"Cue": ["1:5"], "Source": ["1:6"], "Message": ["1:0", "1:1", "1:2", "1:3"],
         "Form": "Direct", "IsNested": False, "HasNested": False, "Addr": [], "Frame": [], "STWR": "Speech"},
        {"Cue": [], "Source": ["1:1"], "Message": ["1:2"],
         "Form": "Reported", "IsNested": True, "HasNested": False, "Addr": [], "Frame": [], "STWR": "Speech"},
    ],
}


def _q(cue=(), source=(), message=(), form="", stwr="Speech"):
    return QuoteTokens(frozenset(cue), frozenset(source), frozenset(message), form, stwr=stwr)


def test_quotes_parse_document_keeps_non_nested_by_default():
    doc = parse_document(DOC, Path("a.json"))
    assert str(doc.published) == "2024-03-05"
    assert len(doc.quotes) == 2
    assert doc.quotes[0] == _q({(0, 2)}, {(0, 0), (0, 1)}, {(0, 4), (0, 5), (0, 6), (0, 7)}, "Indirect")
    assert len(parse_document(DOC, Path("a.json"), nested=True).quotes) == 3


def test_quotes_prepare_and_to_tokens_map_spans_to_gold_tokens():
    prepared = prepare(parse_document(DOC, Path("a.json")))
    text = prepared.article.text
    assert text == "Der Minister sagte, die Lage sei ernst. „Wir helfen“, erklärte sie."

    def span(sub: str) -> tuple[int, int]:
        start = text.index(sub)
        return start, start + len(sub)

    m, c, s = span("„Wir helfen“"), span("erklärte"), span("sie")
    quote = Quote(m[0], m[1], text[m[0]:m[1]], "direct", cue=Span(c[0], c[1], "erklärte"),
                  speaker=Speaker(s[0], s[1], "sie"))
    assert to_tokens(quote, prepared) == _q({(1, 5)}, {(1, 6)}, {(1, 0), (1, 1), (1, 2), (1, 3)}, "Direct")
    # a message without its quotation marks touches only the inner tokens; no speaker → no source
    inner = span("Wir helfen")
    bare = Quote(inner[0], inner[1], "Wir helfen", "direct")
    assert to_tokens(bare, prepared) == _q((), (), {(1, 1), (1, 2)}, "Direct")


def test_quotes_to_tokens_joins_split_cue_and_skips_gaps():
    prepared = prepare(parse_document(DOC, Path("a.json")))
    text = prepared.article.text

    def span(sub: str) -> Span:
        start = text.index(sub)
        return Span(start, start + len(sub), sub)

    # "Der Minister sagte, die Lage sei ernst." read as one message with "sagte," cut out of it
    whole, gap, cue, extra = span("Der Minister sagte, die Lage sei ernst"), span("sagte,"), span("sagte"), span("Der")
    quote = Quote(whole.start, whole.end, whole.text, "indirect", cue=cue, cue_extra=extra, gaps=(gap,))
    got = to_tokens(quote, prepared)
    assert got.cue == {(0, 0), (0, 2)}
    assert got.message == {(0, 0), (0, 1), (0, 4), (0, 5), (0, 6), (0, 7)}


GOLD = [
    _q({(0, 2)}, {(0, 0), (0, 1)}, {(0, 4), (0, 5), (0, 6), (0, 7)}, "Indirect"),
    _q({(1, 5)}, {(1, 6)}, {(1, 0), (1, 1), (1, 2), (1, 3)}, "Direct"),
]


def test_quotes_score_perfect():
    result = score([GOLD], [list(GOLD)])
    assert result["f1"] == 1.0
    assert result["metrics"]["joint"]["tp"] == 2 + 3 + 8


def test_quotes_score_partial_by_hand():
    predicted = [
        _q({(0, 2)}, {(0, 1)}, {(0, 4), (0, 5), (0, 6)}),  # aligned to gold 0
        _q((), (), {(1, 1), (1, 2)}),  # aligned to gold 1, no cue, no speaker
        _q({(0, 2)}, (), {(0, 0), (0, 1)}),  # shares no message token: unaligned
    ]
    result = score([GOLD], [predicted])
    m = result["metrics"]
    assert (m["cue"]["tp"], m["cue"]["fp"], m["cue"]["fn"]) == (1, 1, 1)
    assert (m["source"]["tp"], m["source"]["fp"], m["source"]["fn"]) == (1, 0, 2)
    assert m["source"]["f1"] == 0.5
    assert (m["message"]["tp"], m["message"]["fp"], m["message"]["fn"]) == (5, 2, 3)
    assert m["message"]["f1"] == 0.6667
    assert (result["tp"], result["fp"], result["fn"]) == (7, 3, 6)
    assert (result["precision"], result["recall"], result["f1"]) == (0.7, 0.5385, 0.6087)
    assert (m["quotes"]["tp"], m["quotes"]["fp"], m["quotes"]["fn"]) == (2, 1, 0)
    assert result["message_recall_by_form"] == {"Direct": 0.5, "Indirect": 0.75}


def test_quotes_score_aligns_messages_one_to_one():
    gold = [_q(message={(0, 1), (0, 2), (0, 3)})]
    predicted = [_q(message={(0, 1)}), _q(message={(0, 2), (0, 3)})]
    result = score([gold], [predicted])
    # the larger overlap wins the gold quote; the other system quote is all false positive
    assert (result["tp"], result["fp"], result["fn"]) == (2, 1, 1)


def test_quotes_score_empty_predictions():
    result = score([GOLD, []], [[], []])
    assert (result["precision"], result["recall"], result["f1"]) == (0.0, 0.0, 0.0)
    assert result["fn"] == 13


def _write(folder: Path, name: str, data: object) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_quotes_split_is_fixed_by_file_name(tmp_path):
    for i in range(200):
        _write(tmp_path, f"{i:05d} - Meldung {i} (2020-01-01).json", DOC)
    tune, heldout = spkatt_split(tmp_path)
    assert 20 <= len(heldout) <= 60
    assert not set(tune) & set(heldout) and len(tune) + len(heldout) == 200
    assert (tune, heldout) == spkatt_split(tmp_path)
    assert all(is_heldout(p.name) for p in heldout)


def test_quotes_files_skip_pretty_copies_and_find_train(tmp_path):
    task2 = tmp_path / "train" / "task2"
    task2.mkdir(parents=True)
    _write(task2, "1 - A (2020-01-01).json", DOC)
    _write(task2, "1 - A (2020-01-01).pretty.json", DOC)
    assert [p.name for p in spkatt_files(tmp_path)] == ["1 - A (2020-01-01).json"]


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda d: d.pop("Sentences"), "'Sentences'"),
        (lambda d: d["Annotations"][0].update(Cue=["0-2"]), "bad token reference"),
        (lambda d: d["Annotations"][0].update(Message=["0:40"]), "out of range"),
        (lambda d: d["Annotations"][0].update(Source=["7:0"]), "out of range"),
        (lambda d: d["Sentences"][1].update(SentenceId=0), "repeated SentenceId"),
        (lambda d: d["Annotations"].append("nein"), "not an object"),
    ],
)
def test_quotes_read_rejects_malformed(tmp_path, change, reason):
    data = json.loads(json.dumps(DOC))
    change(data)
    path = _write(tmp_path, "bad.json", data)
    with pytest.raises(GoldError) as info:
        read_spkatt(path)
    assert reason in info.value.reason
    assert info.value.file == str(path)


def test_quotes_read_rejects_invalid_json_with_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n"Sentences": [\n,]\n}', encoding="utf-8")
    with pytest.raises(GoldError) as info:
        read_spkatt(path)
    assert info.value.line == 3


@pytest.mark.shared
def test_quotes_read_spkatt_train_counts_and_split():
    train = shared_path("data", "spkatt2023-task2-news", "train")
    files = spkatt_files(train)
    assert len(files) == 700
    tune, heldout = spkatt_split(train)
    assert len(heldout) == 143 and len(tune) == 557
    docs = [read_spkatt(f) for f in files]
    assert sum(len(d.quotes) for d in docs) == 2877 - 299  # the nested ones left out
    for doc in docs[:50]:
        prepared = prepare(doc)
        tokens = dict(((sid, i), t) for sid, ts in doc.sentences for i, t in enumerate(ts))
        for key, (a, b) in zip(prepared.keys, prepared.spans):
            s, e = prepared.offsets.span_to_target(a, b)
            assert prepared.article.text[s:e] == tokens[key]


def test_quotes_error_record_lists_roles_as_text_with_partners():
    doc = parse_document(DOC, Path("a.json"))
    predicted = [_q({(0, 2)}, (), {(0, 4), (0, 5), (0, 7)}), _q((), (), {(0, 0)})]
    record = error_record(doc, predicted)
    assert record["document"] == doc.name
    assert record["gold"][0] == {"form": "Indirect", "nested": False, "partner": 0, "cue": "sagte",
                                 "source": "Der Minister", "message": "die Lage sei ernst",
                                 "addr": "", "frame": ""}
    assert record["gold"][1]["partner"] is None
    assert record["predicted"][0]["message"] == "die Lage … ernst"
    assert record["predicted"][0]["source"] == ""
    assert record["predicted"][1]["partner"] is None


def test_quotes_errors_refused_on_heldout(tmp_path):
    train = tmp_path / "train" / "task2"
    train.mkdir(parents=True)
    names = [f"{i:05d} - Meldung {i} (2020-01-01).json" for i in range(20)]
    for name in names:
        _write(train, name, DOC)
    out = tmp_path / "errors.jsonl"
    with pytest.raises(LagebildError, match="heldout"):
        evaluate_quotes(tmp_path / "train", subset="heldout", errors=out)
    with pytest.raises(LagebildError, match="--subset tune"):
        evaluate_quotes(tmp_path / "train", errors=out)
    assert not out.exists()


def test_quotes_errors_written_per_document_on_tune(tmp_path):
    train = tmp_path / "train" / "task2"
    train.mkdir(parents=True)
    tune_names = [n for n in (f"{i:05d} - M (2020-01-01).json" for i in range(12)) if not is_heldout(n)][:2]
    for name in tune_names:
        _write(train, name, DOC)
    out = tmp_path / "errors.jsonl"
    evaluate_quotes(tmp_path / "train", subset="tune", errors=out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 2
    assert lines[0]["gold"][1]["message"] == "„ Wir helfen “"


def test_quotes_expand_gives_each_quoted_phrase_a_nested_quote_with_the_outer_roles():
    prepared = prepare(parse_document(DOC, Path("a.json")))
    text = prepared.article.text
    m, c, s, inner = (text.index(x) for x in ("die Lage sei ernst", "sagte", "Der Minister", "Lage sei"))
    quote = Quote(m, m + 18, text[m:m + 18], "indirect", cue=Span(c, c + 5, "sagte"),
                  speaker=Speaker(s, s + 12, "Der Minister"), quoted=(Span(inner, inner + 8, "Lage sei"),))
    outer, nested = expand(quote, prepared)
    assert nested.message == {(0, 5), (0, 6)} and nested.nested and nested.form == "Direct"
    assert (nested.cue, nested.source) == (outer.cue, outer.source) == ({(0, 2)}, {(0, 0), (0, 1)})
    assert not outer.nested and outer.form == "Indirect"
    # a quote whose message lies inside a larger one is nested, whatever produced it
    marked = mark_nested([_q(message={(0, 1), (0, 2)}), _q(message={(0, 2)}), _q(message={(1, 1)})])
    assert [q.nested for q in marked] == [False, True, False]


def test_quotes_to_tokens_drops_a_cue_inside_the_message():
    prepared = prepare(parse_document(DOC, Path("a.json")))
    text = prepared.article.text
    whole = text.index("Der Minister sagte, die Lage sei ernst")
    c = text.index("sagte")
    # a reported speech act read as one message: SpkAtt marks no cue inside a message
    quote = Quote(whole, whole + 38, text[whole:whole + 38], "indirect", cue=Span(c, c + 5, "sagte"))
    got = to_tokens(quote, prepared)
    assert got.cue == frozenset() and (0, 2) in got.message
