"""``evaluate`` end to end on small hand-made gold, with the real pipeline (ner) or a stand-in
system whose output is known (timex, quotes, events)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from rich.console import Console
from rich.table import Table

from lagebild.errors import GoldError, LagebildError
from lagebild.eval import TASKS, evaluate, format_table
from lagebild.model import Article, Event, Quote, Span, Speaker, Timex
from lagebild.model.records import Argument
from lagebild.analyze.pipeline import Doc
from tests.eval.test_events import GOLD as EVENTS_GOLD
from tests.eval.test_ner import TSV
from tests.eval.test_quotes import DOC as SPKATT_DOC
from tests.eval.test_timex import DOC as TIMEX_DOC


class StandIn:
    """A pipeline stand-in: one layer computed from the article."""

    signature = "stand-in.v1"

    def __init__(self, layer: str, find: Callable[[Article], list[Any]]) -> None:
        self.layer, self.find = layer, find

    def annotate(self, article: Article) -> Doc:
        return Doc(article, {self.layer: self.find(article)})


def _render(result: dict[str, Any]) -> str:
    tables = format_table(result)
    assert tables and all(isinstance(t, Table) for t in tables)
    console = Console(width=140, record=True, file=io.StringIO())
    for t in tables:
        console.print(t)
    return console.export_text()


def test_tasks_registry():
    assert set(TASKS) == {"ner", "timex", "quotes", "events", "event-corpus", "stories"}
    assert all(t.help and t.gold_help and t.headline for t in TASKS.values())


def test_tasks_evaluate_ner_runs_the_pipeline(tmp_path):
    gold = tmp_path / "dev.tsv"
    gold.write_text(TSV, encoding="utf-8")
    seen: list[tuple[int, int]] = []
    result = evaluate("ner", gold, progress=lambda done, total: seen.append((done, total)))
    assert result["task"] == "ner" and result["headline"] == "outer"
    assert result["sentences"] == 3 and result["gold_chunks"]["outer"] == 6
    assert 0.0 <= result["f1"] <= 1.0
    assert result["f1"] == result["metrics"]["outer"]["f1"]
    assert "lagebild.entities" in result["system"]
    assert seen[-1] == (3, 3)
    json.dumps(result)
    assert "outer" in _render(result)
    assert evaluate("ner", gold, limit=1, batch=2)["sentences"] == 1


def test_tasks_evaluate_timex_with_a_stand_in(tmp_path, monkeypatch):
    (tmp_path / "keyinline").mkdir()
    (tmp_path / "keyinline" / "a.key.xml").write_text(TIMEX_DOC, encoding="utf-8")
    answers = {"Montag": "2024-03-04", "zwei\nJahren": "P2Y", "heute": "PRESENT_REF"}

    def find(article: Article) -> list[Timex]:
        out = []
        for surface, value in answers.items():
            start = article.text.index(surface)
            out.append(Timex(start, start + len(surface), surface, "DATE", value))
        return out

    monkeypatch.setattr("lagebild.eval.timex.build", lambda target: StandIn("timexes", find))
    result = evaluate("timex", tmp_path)
    assert (result["tp"], result["fp"], result["fn"]) == (3, 0, 0)
    assert result["value_accuracy"] == 1.0
    json.dumps(result)
    assert "lenient_value" in _render(result)


def test_tasks_evaluate_quotes_with_a_stand_in_and_subsets(tmp_path, monkeypatch):
    for i in range(30):
        (tmp_path / f"{i} - Meldung (2024-03-05).json").write_text(json.dumps(SPKATT_DOC), encoding="utf-8")

    def find(article: Article) -> list[Quote]:
        text = article.text
        m = text.index("„Wir helfen“")
        c = text.index("erklärte")
        s = text.index("sie.")
        return [Quote(m, m + 12, text[m:m + 12], "direct", cue=Span(c, c + 8, "erklärte"),
                      speaker=Speaker(s, s + 3, "sie"))]

    monkeypatch.setattr("lagebild.eval.quotes.build", lambda target: StandIn("quotes", find))
    result = evaluate("quotes", tmp_path)
    assert result["documents"] == 30
    # per document: the direct quote is found whole (1 + 1 + 4 tokens), the indirect one missed (1 + 2 + 4)
    assert (result["tp"], result["fp"], result["fn"]) == (6 * 30, 0, 7 * 30)
    tune = evaluate("quotes", tmp_path, subset="tune")
    heldout = evaluate("quotes", tmp_path, subset="heldout")
    assert tune["documents"] + heldout["documents"] == 30 and heldout["documents"] > 0
    assert heldout["subset"] == "heldout"
    assert "Direct" in _render(result)
    assert "official SpkAtt-2023" in _render(result)
    # official full task: the direct quote is whole (message, cue, source precise and complete);
    # the indirect one (message, cue, source) and the nested one (message, source) are missed: 3/8
    full = result["official"]["full"]["metrics"]["joint"]
    assert (full["precision"], full["recall"]) == (1.0, 0.375)
    with pytest.raises(LagebildError, match="subset"):
        evaluate("quotes", tmp_path, subset="test")


def test_tasks_evaluate_events_with_a_stand_in(tmp_path, monkeypatch):
    gold = tmp_path / "events.jsonl"
    gold.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in EVENTS_GOLD), encoding="utf-8")

    def find(article: Article) -> list[Event]:
        if not article.text.startswith("Russland griff"):
            return []
        t = article.text.index("griff")
        return [Event("ATTACK", 0, len(article.text), article.text, Span(t, t + 5, "griff"),
                      args={"attacker": Argument(0, 8, "Russland"), "target": Argument(15, 19, "Kiew")})]

    monkeypatch.setattr("lagebild.eval.events.build", lambda target: StandIn("events", find))
    result = evaluate("events", gold)
    assert (result["tp"], result["fp"], result["fn"]) == (1, 0, 2)
    assert result["metrics"]["args"]["tp"] == 2
    assert "ATTACK" in _render(result)


def test_tasks_evaluate_events_default_gold_missing(tmp_path, monkeypatch):
    monkeypatch.setitem(TASKS, "events", replace(TASKS["events"], default_gold=tmp_path / "none.jsonl"))
    with pytest.raises(GoldError, match="no such file"):
        evaluate("events")


def test_tasks_evaluate_rejects_unknown_task_option_and_gold(tmp_path):
    with pytest.raises(LagebildError, match="unknown evaluation task"):
        evaluate("sentiment", tmp_path)
    with pytest.raises(LagebildError, match="no option subset"):
        evaluate("ner", tmp_path / "x.tsv", subset="heldout")
    with pytest.raises(GoldError, match="no such file"):
        evaluate("ner", tmp_path / "x.tsv")
    with pytest.raises(GoldError):
        evaluate("timex", tmp_path / "missing")
    with pytest.raises(LagebildError, match="no gold file"):
        evaluate("ner")
