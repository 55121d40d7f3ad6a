"""Cited story summaries: source sentences of the most important facts, most recent first.

Each summary sentence is a sentence of a source article, quoted verbatim with its citation
(article, start, end) and the fact it states.  Facts are ranked by independent origins, mentions
and recency; a sentence too similar to one already chosen (word overlap) is skipped, so no two
sentences say the same thing.  When the facts give fewer than :data:`MIN_SENTENCES`, the lead
sentences of the story's most recent articles fill up (citing their articles, without a fact).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lagebild.model import timevalue

MIN_SENTENCES = 5
MAX_SENTENCES = 10
MAX_OVERLAP = 0.5
_WORD = re.compile(r"\w+", re.UNICODE)


def _words(text: str) -> set[str]:
    return {w.lower()[:6] for w in _WORD.findall(text) if len(w) > 2}


def overlap(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0


def importance(fact: dict[str, Any]) -> tuple[float, str]:
    return (2 * fact["independent_origins"] + len(fact["data"]["mentions"])
            + (0.5 if fact.get("time") else 0.0), fact.get("first_reported") or "")


def _recency(item: dict[str, Any]) -> tuple[str, str]:
    return (timevalue.sort_key(item.get("time"))[1] if item.get("time") else "", item.get("published") or "")


def build(facts: list[dict[str, Any]], language: str, text_of: Callable[[str], str | None],
          leads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Summary sentences ``{text, article, start, end, fact}``.

    ``text_of`` gives an article's text; ``leads`` are candidate lead sentences
    ``{article, start, end, published, language}`` of the story's most recent articles.
    """
    candidates: list[dict[str, Any]] = []
    for fact in sorted(facts, key=importance, reverse=True)[:3 * MAX_SENTENCES]:
        mentions = sorted(fact["data"]["mentions"], key=lambda m: (m.get("language") != language,
                                                                   m.get("published") or ""))
        for m in mentions:
            if m.get("language") != language:
                continue
            candidates.append({"article": m["article"], "start": m["sentence"][0], "end": m["sentence"][1],
                               "fact": fact["id"], "time": fact.get("time") or m.get("published"),
                               "published": m.get("published")})
            break
    chosen: list[dict[str, Any]] = []

    def take(item: dict[str, Any]) -> None:
        text = text_of(item["article"])
        if text is None or len(chosen) >= MAX_SENTENCES:
            return
        sentence = text[item["start"]:item["end"]].strip()
        if not sentence or any(overlap(sentence, c["text"]) > MAX_OVERLAP for c in chosen):
            return
        lead = len(text[item["start"]:item["end"]]) - len(text[item["start"]:item["end"]].lstrip())
        start = item["start"] + lead
        chosen.append({"text": sentence, "article": item["article"], "start": start,
                       "end": start + len(sentence), "fact": item.get("fact"),
                       "time": item.get("time"), "published": item.get("published")})

    for item in candidates:
        take(item)
    if len(chosen) < MIN_SENTENCES:
        for item in leads:
            if item.get("language") == language and len(chosen) < MIN_SENTENCES:
                take(item)
    chosen.sort(key=_recency, reverse=True)
    return [{k: c[k] for k in ("text", "article", "start", "end", "fact")} for c in chosen]
