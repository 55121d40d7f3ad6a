"""The one event model: event types, their roles and what each role is for.

Every layer reads this table: the event stage (which roles it may fill), linking (which roles
identify a happening when mentions merge into facts), the export and its JSON Schema, the API
(who / whom / what of a fact), the report and the web page (graph edges, labels) and the eval.
DESIGN §2 is the source: add an event type or a role here and nowhere else.

A role has a *kind*: ``entity`` (an actor or a place that resolves to an entity), ``thing`` (an
item, weapon, object, reason or subject matter, usually text), ``quantity``, ``time``.  A role
with ``many`` holds a list (MEET participants, AGREE/NEGOTIATE parties); every other role holds
one argument.  ``side`` says what the role is in a sentence about the fact: ``who`` acts,
``whom`` it is done to, ``what`` it is about; the graph draws an edge from *who* to *whom*, or
between every two *who* of a symmetric type.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

ROLE_KINDS = ("entity", "thing", "quantity", "time")
SIDES = ("who", "whom", "what", "")


@dataclass(frozen=True)
class Role:
    name: str
    kind: str
    many: bool = False
    side: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ROLE_KINDS or self.side not in SIDES:
            raise ValueError(f"role {self.name}: kind {self.kind!r} / side {self.side!r} not allowed")


@dataclass(frozen=True)
class EventType:
    """One event type: its roles in DESIGN order and the roles that identify one happening."""

    name: str
    roles: tuple[Role, ...]
    identity: tuple[str, ...]  # roles whose entities must agree for two mentions to be one fact
    anchors: tuple[str, ...]  # a mention is kept only with one of these filled (DESIGN §2a: at least one argument)
    speech_act: bool = False  # CONDEMN, ACCUSE, DENY: the speaker is the one who acts

    def __post_init__(self) -> None:
        unknown = (set(self.identity) | set(self.anchors)) - set(self.role_names)
        if unknown:
            raise ValueError(f"{self.name}: identity roles {sorted(unknown)} are not roles of the type")

    @property
    def role_names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.roles)

    def role(self, name: str) -> Role | None:
        return next((r for r in self.roles if r.name == name), None)

    def side(self, side: str) -> tuple[str, ...]:
        return tuple(r.name for r in self.roles if r.side == side)

    @property
    def symmetric(self) -> bool:
        """One list of equals (MEET participants, AGREE parties): no one acts on another."""
        return not self.side("whom") and any(r.many for r in self.roles if r.side == "who")

    @property
    def edge(self) -> tuple[str, str] | None:
        """(from-role, to-role) of a graph edge, or None for symmetric types (edges among *who*)."""
        who, whom = self.side("who"), self.side("whom")
        return (who[0], whom[0]) if who and whom else None


_TIME = Role("time", "time")
_PLACE = Role("place", "entity")


def _speech(name: str, identity: tuple[str, ...], anchors: tuple[str, ...]) -> EventType:
    return EventType(name, (Role("speaker", "entity", side="who"), Role("target", "entity", side="whom"),
                            Role("about", "thing", side="what"), _TIME), identity, anchors, speech_act=True)


TYPES: dict[str, EventType] = {t.name: t for t in (
    EventType("SUPPLY", (Role("supplier", "entity", side="who"), Role("recipient", "entity", side="whom"),
                         Role("item", "thing", side="what"), Role("quantity", "quantity"), _TIME, _PLACE),
              ("supplier", "recipient"), ("supplier", "recipient")),
    EventType("ATTACK", (Role("attacker", "entity", side="who"), Role("weapon", "thing", side="what"),
                         Role("target", "entity", side="whom"), _PLACE, _TIME),
              ("attacker", "target"), ("attacker", "target", "weapon")),
    EventType("MEET", (Role("participants", "entity", many=True, side="who"), _PLACE, _TIME), ("participants",), ("participants",)),
    EventType("VISIT", (Role("visitor", "entity", side="who"), Role("destination", "entity", side="whom"), _TIME),
              ("visitor", "destination"), ("visitor", "destination")),
    EventType("AGREE", (Role("parties", "entity", many=True, side="who"), Role("object", "thing", side="what"),
                        _TIME), ("parties",), ("parties",)),
    EventType("NEGOTIATE", (Role("parties", "entity", many=True, side="who"),
                            Role("object", "thing", side="what"), _TIME), ("parties",), ("parties",)),
    EventType("SANCTION", (Role("sanctioner", "entity", side="who"), Role("target", "entity", side="whom"),
                           Role("reason", "thing", side="what"), _TIME), ("sanctioner", "target"),
              ("sanctioner", "target")),
    _speech("CONDEMN", ("speaker", "target"), ("speaker", "about")),
    _speech("ACCUSE", ("speaker", "target"), ("speaker", "target")),
    # what is denied is mostly a thing said ("die Vorwürfe"), so a denial is one happening per speaker and subject
    _speech("DENY", ("speaker", "about"), ("speaker", "about")),
)}

EVENT_TYPES: tuple[str, ...] = tuple(TYPES)
STATUSES = ("asserted", "reported", "alleged", "hedged", "planned", "denied")
#: every role name of any type
ROLE_NAMES: frozenset[str] = frozenset(r.name for t in TYPES.values() for r in t.roles)
#: roles whose argument names a thing (the item of a label: "Raketen", "Abkommen")
THING_ROLES: frozenset[str] = frozenset(r.name for t in TYPES.values() for r in t.roles if r.kind == "thing")
#: roles whose text names the thing in a fact's short label (reasons and subjects of speech are too long)
LABEL_ROLES = ("item", "weapon", "object")


def event_type(name: str) -> EventType:
    try:
        return TYPES[name]
    except KeyError:
        raise ValueError(f"unknown event type {name!r} (expected one of {', '.join(EVENT_TYPES)})") from None


def identity_roles(type_name: str) -> tuple[str, ...]:
    """The roles that identify a happening of this type (empty for an unknown type)."""
    t = TYPES.get(type_name)
    return t.identity if t else ()


def is_many(type_name: str, role: str) -> bool:
    t = TYPES.get(type_name)
    r = t.role(role) if t else None
    return bool(r and r.many)


def each_arg(args: Mapping[str, Any] | None) -> Iterator[tuple[str, Any]]:
    """(role, argument) pairs of an event's ``args``, a list role giving one pair per member."""
    for role, value in (args or {}).items():
        if isinstance(value, (list, tuple)):
            for v in value:
                yield role, v
        elif value is not None:
            yield role, value


def group_args(type_name: str, pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """Arguments by role from (role, argument) pairs: a list for a ``many`` role, else the first."""
    out: dict[str, Any] = {}
    for role, value in pairs:
        if is_many(type_name, role):
            out.setdefault(role, []).append(value)
        else:
            out.setdefault(role, value)
    return out


def json_schema_args(type_name: str | None = None) -> dict[str, Any]:
    """The JSON Schema of an ``args`` object (all types, or one), for the export schema and tests."""
    roles = TYPES[type_name].roles if type_name else {r.name: r for t in TYPES.values() for r in t.roles}.values()
    props: dict[str, Any] = {}
    for r in roles:
        one = {"$ref": "#/$defs/argument"}
        props[r.name] = {"type": "array", "items": one} if r.many else one
    return {"type": "object", "properties": props, "additionalProperties": False}
