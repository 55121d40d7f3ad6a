"""Frozen records that flow between the stages.

Every record that points into an article carries ``start``/``end`` character offsets into the
article text as stored; ``text`` is always ``article.text[start:end]``.  Records serialise to plain
dicts (``to_dict``) and back (``from_dict``) so that the store can keep them as JSON.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from functools import cache
from typing import Any, ClassVar, TypeVar

R = TypeVar("R", bound="Record")


@dataclass(frozen=True)
class Record:
    """Base of all stored records: (de)serialisation by field names."""

    nested: ClassVar[dict[str, type]] = {}

    def to_dict(self) -> dict[str, Any]:
        """The fields as plain values, as :func:`dataclasses.asdict` makes them (five times faster:
        strings and numbers are taken as they are, not deep-copied)."""
        return {name: _plain(getattr(self, name)) for name in _field_names(type(self))}

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        names = {f.name for f in dataclasses.fields(cls)}
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key not in names:
                continue
            sub = cls.nested.get(key)
            if sub is not None and value is not None:
                if isinstance(value, dict) and key == "args":  # role -> argument, or a list of them
                    value = {role: tuple(sub.from_dict(x) for x in v) if isinstance(v, list | tuple) else sub.from_dict(v)
                             for role, v in value.items()}
                elif isinstance(value, list):
                    value = tuple(sub.from_dict(v) for v in value)
                else:
                    value = sub.from_dict(value)
            elif isinstance(value, list):
                value = tuple(value)
            kwargs[key] = value
        return cls(**kwargs)


_ATOMS = frozenset({str, int, float, bool, type(None)})


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _plain(value: Any) -> Any:
    """A field value as :func:`dataclasses.asdict` gives it: records as dicts, containers rebuilt."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is tuple or kind is list:
        return kind(_plain(v) for v in value)
    if kind is dict:
        return {_plain(k): _plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _field_names(kind)}
    return dataclasses.asdict(_Box(value))["value"]  # anything else exactly as asdict treats it


@dataclass(frozen=True)
class _Box:
    value: Any


@dataclass(frozen=True)
class Span(Record):
    """A bare span of article text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence(Record):
    start: int
    end: int


@dataclass(frozen=True)
class EntityMention(Record):
    """A named-entity mention.

    ``label`` is one of PER, ORG, LOC, GPE, MISC.  ``key`` is a knowledge key where one is known
    (``"gpe:KP"`` for North Korea from the gazetteer, ``"org:nato"``); ``name`` the best name the
    article gives for it (the full name of a person mentioned by surname, the state of a
    metonym or adjective).  ``ref`` is the index of the mention in the same article this one
    refers to (surname → full name, acronym ↔ expansion), or None.
    """

    start: int
    end: int
    text: str
    label: str
    key: str | None = None
    name: str | None = None
    ref: int | None = None
    form: str = "name"  # name | metonym | adjective | demonym | acronym | role | pronoun
    stage: str = ""


@dataclass(frozen=True)
class Timex(Record):
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: str | None = None  # START | MID | END | APPROX | BEFORE | AFTER …
    anchored: bool = False  # value depends on the publication date
    stage: str = ""


@dataclass(frozen=True)
class Quantity(Record):
    start: int
    end: int
    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    unit: str | None = None
    per: str | None = None  # a TIMEX3 duration such as P1M
    stage: str = ""
    tally: str | None = None  # "total" (a running total: "bisher", "so far"), "new" ("weitere"), None: not said


@dataclass(frozen=True)
class Speaker(Record):
    start: int | None
    end: int | None
    text: str | None
    mention: int | None = None  # index into the article's entity mentions
    name: str | None = None


@dataclass(frozen=True)
class Quote(Record):
    """A quote: the message ``start``/``end``, its cue and its speaker.

    A cue may come in two parts: ``cue`` is the speech verb (or "laut", "so" …) and
    ``cue_extra`` the part standing apart from it — the particle of a separable verb ("teilte …
    mit"), the auxiliary of a participle ("hat … angekündigt"), the "wie" of "wie X mitteilte".
    ``gaps`` are stretches inside ``start``..``end`` that are not part of the message: the source
    phrase set into it ("Die Lieferungen, so X, seien …", "… seien laut X gestoppt").  The message
    proper is ``start``..``end`` minus the gaps.  ``frame`` is the stretch of the cue's sentence
    that introduces the message ("Der Minister sagte gegenüber der Presse,"), ``addressee`` whom
    the message is told to ("der Presse").  ``quoted`` are the speaker's own words quoted
    inside an indirect message ("Er sagte, die Lage sei „sehr ernst“"): nested direct quotes that
    share this quote's cue, speaker and frame (kept here, not as quotes of their own, so that no
    list shows the words twice).
    """

    nested: ClassVar[dict[str, type]] = {}

    start: int
    end: int
    text: str
    kind: str  # direct | indirect
    cue: Span | None = None
    speaker: Speaker | None = None
    stage: str = ""
    cue_extra: Span | None = None
    gaps: tuple[Span, ...] = ()
    frame: tuple[Span, ...] = ()
    addressee: Span | None = None
    quoted: tuple[Span, ...] = ()


Quote.nested = {"cue": Span, "speaker": Speaker, "cue_extra": Span, "gaps": Span, "frame": Span, "addressee": Span,
                 "quoted": Span}


@dataclass(frozen=True)
class Argument(Record):
    """One filled event role: an entity mention, a time expression, a quantity or plain text."""

    start: int
    end: int
    text: str
    mention: int | None = None  # index into entity mentions
    timex: int | None = None  # index into timexes
    quantity: int | None = None  # index into quantities
    value: Any = None  # normalized value (TIMEX3 value, number)


@dataclass(frozen=True)
class Attribution(Record):
    text: str
    start: int | None = None
    end: int | None = None
    mention: int | None = None
    quote: int | None = None  # index of the quote the event sits in
    kind: str = "outlet"  # speaker | source | outlet | experts | intelligence


@dataclass(frozen=True)
class Event(Record):
    nested: ClassVar[dict[str, type]] = {}

    type: str
    start: int  # the clause or sentence that states the event
    end: int
    text: str
    trigger: Span
    args: dict[str, Argument | tuple[Argument, ...]] = field(default_factory=dict)  # roles: model.events
    time: str | None = None  # TIMEX3 value
    attribution: Attribution | None = None
    status: str = "asserted"  # asserted | reported | alleged | hedged | planned | denied
    stage: str = ""
    confidence: float | None = None  # the learned model's probability (None: rules only)


Event.nested = {"trigger": Span, "args": Argument, "attribution": Attribution}

ENTITY_LABELS = ("PER", "ORG", "LOC", "GPE", "MISC")

#: the record type of every stored analysis layer
LAYER_TYPES: dict[str, type[Record]] = {
    "sentences": Sentence,
    "entities": EntityMention,
    "timexes": Timex,
    "quantities": Quantity,
    "quotes": Quote,
    "events": Event,
}
