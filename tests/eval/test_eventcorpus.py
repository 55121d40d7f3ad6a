"""The event corpus format: reading, alignment by trigger offsets, and the eval command on a folder."""

from __future__ import annotations

import json

import pytest

from lagebild.errors import GoldError
from lagebild.eval import evaluate
from lagebild.eval.eventcorpus import GoldEvent, match_events, read_corpus, score_corpus
from lagebild.eval.eventsources import text_sha1
from lagebild.link.facts import shown

TEXT = "Am Montag griffen Rebellen die Stadt Aleppo an."


def _write(folder, records, split="dev"):
    path = folder / "de" / f"{split}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _record(**changes):
    record = {"id": "s1", "doc": "d1", "language": "de", "text": TEXT, "sha1": text_sha1(TEXT),
              "events": [{"type": "ATTACK", "trigger": [10, 17], "status": "asserted", "attribution": None,
                          "args": {"attacker": [[18, 26]], "target": [[27, 42]], "time": [[0, 9]]}}]}
    record.update(changes)
    return record


def test_eventcorpus_reads_inline_text_and_split(tmp_path):
    _write(tmp_path, [_record()])
    _write(tmp_path, [_record(id="s2")], split="train")
    items = read_corpus(tmp_path, split="dev")
    assert [i.id for i in items] == ["s1"]
    event = items[0].events[0]
    assert TEXT[slice(*event.trigger)] == "griffen" and event.args["attacker"] == [(18, 26)]


@pytest.mark.parametrize("changes, reason", [
    ({"sha1": "0" * 40}, "sha1"),
    ({"events": [{"type": "ATTACK", "trigger": [10, 99]}]}, "within the sentence"),
    ({"events": [{"type": "RIOT", "trigger": [10, 17]}]}, "unknown type"),
    ({"text": None, "source": {"dataset": "x", "file": "y", "key": "1"}}, "no 'text'"),
])
def test_eventcorpus_bad_records_name_file_line_and_reason(tmp_path, changes, reason):
    path = _write(tmp_path, [_record(), _record(**changes)])
    with pytest.raises(GoldError) as info:
        read_corpus(path)
    assert reason in str(info.value) and "dev.jsonl" in str(info.value) and "2" in str(info.value)


def test_eventcorpus_scoring_aligns_by_type_and_trigger_overlap():
    gold = [GoldEvent("ATTACK", (10, 17), "asserted", None, {"attacker": [(18, 26)], "target": [(27, 42)]}),
            GoldEvent("MEET", (0, 2), "planned")]
    system = [GoldEvent("ATTACK", (12, 20), "reported", None, {"attacker": [(18, 26)], "weapon": [(30, 35)]}),
              GoldEvent("VISIT", (0, 2), "planned")]
    assert match_events(gold, system) == [(0, 0)]
    items = read_corpus_like(gold)
    result = score_corpus(items, [system])
    det = result["metrics"]["detection"]
    assert (det["tp"], det["fp"], det["fn"]) == (1, 1, 1)
    args = result["metrics"]["args"]
    assert (args["tp"], args["fp"], args["fn"]) == (1, 1, 1)
    assert result["status_accuracy"] == 0.0
    assert result["per_type"]["VISIT"]["fp"] == 1 and result["per_type"]["MEET"]["fn"] == 1


def read_corpus_like(events):
    from lagebild.eval.eventcorpus import CorpusSentence

    return [CorpusSentence("s1", "d1", "de", TEXT, None, list(events))]


def test_eventcorpus_eval_events_on_a_folder(tmp_path):
    _write(tmp_path, [_record(), _record(id="s2", text="Das Wetter war schön.", sha1=None, events=[])])
    result = evaluate("events", tmp_path, split="dev")
    assert result["task"] == "event-corpus" and result["sentences"] == 2 and result["gold_events"] == 1
    assert {"detection", "args", "args_of_matched_events"} <= set(result["metrics"])
    assert 0.0 <= result["f1"] <= 1.0


def test_eventcorpus_low_confidence_events_are_kept_but_not_shown():
    assert shown({"confidence": 0.3}, 0.0) and not shown({"confidence": 0.3}, 0.5)
    assert shown({"confidence": None}, 0.9)  # the rules alone give no confidence
