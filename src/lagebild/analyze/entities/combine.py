"""The model's mentions combined with the gazetteer's: the model finds names; the gazetteer has
the last word on states, their capitals used for governments ("Moskau hat …" → GPE Russia),
metonyms ("der Kreml"), adjectives and demonyms ("nordkoreanische" → North Korea) and curated
organizations.  Pure functions: mentions in, mentions out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from lagebild.analyze.entities import wordlists
from lagebild.analyze.entities.features import Lexicon
from lagebild.analyze.entities.wordstats import common_noun
from lagebild.model import EntityMention


def overlaps(a: EntityMention, b: EntityMention) -> bool:
    return a.start < b.end and b.start < a.end


def combine(model: Sequence[EntityMention], gazetteer: Sequence[EntityMention]) -> list[EntityMention]:
    """Model mentions merged with gazetteer mentions, without overlaps, sorted by offset.

    Same span: the gazetteer's label, key and form win (states, metonyms, adjectives).  A
    gazetteer match inside a longer model mention ("Deutsche" in "Deutsche Bank") gives way,
    except that a compound part takes the gazetteer's key; a longer gazetteer match replaces
    the model mentions inside it ("Hauptverwaltung für Aufklärung").
    """
    parts = [g for g in gazetteer if g.form == "part"]
    gazetteer = [g for g in gazetteer if g.form != "part"]
    kept: list[EntityMention | None] = [fit(m, gazetteer) for m in model]
    extra: list[EntityMention] = []
    for g in gazetteer:
        hits = [i for i, m in enumerate(kept) if m is not None and m.form != "role" and overlaps(m, g)]
        if not hits:
            extra.append(g)
        elif all(g.start <= kept[i].start and kept[i].end <= g.end for i in hits):  # type: ignore[union-attr]
            _take_over(kept, hits, g)
        elif len(hits) == 1:
            m = kept[hits[0]]
            assert m is not None
            if m.start <= g.start and g.end <= m.end and m.form == "part" and g.key:
                kept[hits[0]] = dataclasses.replace(m, key=g.key, name=g.name)
    out = [m for m in kept if m is not None] + extra
    compounds = {(m.start, m.end) for m in out if m.key}
    # the name opening a compound the gazetteer knows ("UN" in "UN-Expertengremium") stays nested in it
    out += [p for p in parts if any(a == p.start and b > p.end for a, b in compounds)]
    return sorted(out, key=lambda m: (m.start, -m.end))


def _take_over(kept: list[EntityMention | None], hits: list[int], g: EntityMention) -> None:
    """A gazetteer match replaces the model mentions inside it (in place, at the first one's
    index); for the same span, a model label other than LOC stays against the gazetteer's LOC."""
    first = kept[hits[0]]
    assert first is not None
    same = len(hits) == 1 and first.start == g.start and first.end == g.end
    label = g.label
    if same and g.label == "LOC" and first.label != "LOC":
        label = first.label
    for i in hits:
        kept[i] = None
    kept[hits[0]] = dataclasses.replace(g, label=label, stage=first.stage or g.stage)


def unambiguous(gazetteer: Sequence[EntityMention], model: Sequence[EntityMention],
                lex: Lexicon | None) -> list[EntityMention]:
    """Gazetteer mentions without the organizations whose one-word name is also a common noun
    ("Bild", "Spiegel") where the tagger saw no name: "ein düsteres Bild" is no newspaper."""
    if lex is None:
        return list(gazetteer)
    return [g for g in gazetteer
            if not (g.label == "ORG" and g.form == "name" and " " not in g.text and common_noun(lex, g.text)
                    and not any(overlaps(g, m) for m in model))]


def fit(m: EntityMention, gazetteer: Sequence[EntityMention]) -> EntityMention | None:
    """A model mention measured against the gazetteer matches inside it: ``None`` when they
    cover it but for connectors ("US and South Korean"); a person's name without a state or
    capital run into it ("Sergej Schoigu Pjöngjang besuchte" → "Sergej Schoigu")."""
    if m.form == "role":
        return m
    inner = [g for g in gazetteer if m.start <= g.start and g.end <= m.end and (g.start, g.end) != (m.start, m.end)]
    if not inner:
        return m
    rest = list(m.text)
    for g in inner:
        rest[g.start - m.start:g.end - m.start] = " " * (g.end - g.start)
    between = "".join(rest).split()
    connectors = wordlists.connectors()
    if between and all(w in connectors for w in between):
        return None  # "US and South Korean"; not "Financial Times Deutschland"
    if between and m.label != "PER" and all(w.islower() for w in between):
        return None  # "Pjöngjangs für Moskau": names joined by a preposition are no name of their own
    if not between and len(inner) > 1 and inner[-1].label == "ORG" and all(g.label == "GPE" for g in inner[:-1]):
        return None  # a state before its body: "US State Department"
    last = inner[-1]
    head = m.text[:last.start - m.start].rstrip()
    if m.label == "PER" and last.end == m.end and last.label == "GPE" and len(head.split()) >= 2:
        return dataclasses.replace(m, end=m.start + len(head), text=head)
    return m
