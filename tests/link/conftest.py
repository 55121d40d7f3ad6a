"""Hand-made articles and analyses for the link tests (no extractors involved)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from lagebild.model import Article
from lagebild.model.records import Argument, Attribution, EntityMention, Event, Quantity, Quote, Sentence, Span, Speaker
from lagebild.model import Analysis
from lagebild.store.base import Store

SIGNATURE = "test"


def span(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


class Doc:
    """Builds one article's layers by naming surfaces; offsets are found once, here."""

    def __init__(self, text: str, *, published: str | None = None, language: str = "de",
                 outlet: str | None = None, title: str | None = None) -> None:
        self.article = Article.create(text, published=date.fromisoformat(published) if published else None,
                                      language=language, outlet=outlet, title=title)
        self.text = self.article.text
        self.entities: list[EntityMention] = []
        self.quantities: list[Quantity] = []
        self.quotes: list[Quote] = []
        self.events: list[Event] = []

    def ent(self, surface: str, label: str, nth: int = 0, **kw: Any) -> int:
        s, e = span(self.text, surface, nth)
        self.entities.append(EntityMention(s, e, surface, label, **kw))
        return len(self.entities) - 1

    def qty(self, surface: str, value: float, unit: str | None = None) -> int:
        s, e = span(self.text, surface)
        self.quantities.append(Quantity(s, e, surface, value, unit=unit))
        return len(self.quantities) - 1

    def quote(self, surface: str, speaker: int, cue: str) -> int:
        s, e = span(self.text, surface)
        cs, ce = span(self.text, cue)
        sp = self.entities[speaker]
        self.quotes.append(Quote(s, e, surface, "indirect", Span(cs, ce, cue),
                                 Speaker(sp.start, sp.end, sp.text, mention=speaker)))
        return len(self.quotes) - 1

    def event(self, type_: str, clause: str, trigger: str, args: dict[str, int | tuple[str, Any] | list[int]],
              time: str | None = None, status: str = "asserted", speaker: int | None = None,
              quote: int | None = None, source: str | None = None, source_span: str | None = None,
              source_kind: str = "source") -> None:
        s, e = span(self.text, clause)
        ts, te = span(self.text, trigger)
        built = {}
        for role, ref in args.items():
            if isinstance(ref, list):  # a list role: participants, parties
                built[role] = tuple(Argument(m.start, m.end, m.text, mention=i) for i in ref for m in [self.entities[i]])
            elif isinstance(ref, tuple) and ref[0] == "text":  # ("text", surface): a thing
                a, b = span(self.text, ref[1])
                built[role] = Argument(a, b, ref[1])
            elif isinstance(ref, tuple):  # ("quantity", index)
                q = self.quantities[ref[1]]
                built[role] = Argument(q.start, q.end, q.text, quantity=ref[1], value=q.value)
            else:
                m = self.entities[ref]
                built[role] = Argument(m.start, m.end, m.text, mention=ref)
        attribution = None
        if speaker is not None:
            m = self.entities[speaker]
            attribution = Attribution(m.text, m.start, m.end, mention=speaker, quote=quote, kind="speaker")
        elif source_span is not None:  # a phrase in the text: "nach US-Erkenntnissen", "laut Berichten"
            a, b = span(self.text, source_span)
            attribution = Attribution(source_span, a, b, kind=source_kind)
        elif source is not None:
            attribution = Attribution(source, kind="source")
        self.events.append(Event(type_, s, e, clause, Span(ts, te, trigger), built, time, attribution, status))

    def sentences(self) -> list[Sentence]:
        out = []
        for m in re.finditer(r"[^.!?\n]+[.!?]?", self.text):
            if m.group().strip():
                lead = len(m.group()) - len(m.group().lstrip())
                out.append(Sentence(m.start() + lead, m.end()))
        return out

    def save(self, store: Store) -> str:
        store.add_article(self.article)
        layers = {"sentences": self.sentences(), "entities": self.entities, "quantities": self.quantities,
                  "quotes": self.quotes, "events": self.events, "timexes": []}
        store.save_analysis(Analysis(self.article.id, {k: [r.to_dict() for r in v] for k, v in layers.items()},
                                     {}), SIGNATURE)
        return self.article.id


@pytest.fixture
def store(tmp_path: Any) -> Store:
    s = Store.open(tmp_path / "link.db")
    yield s
    s.close()
