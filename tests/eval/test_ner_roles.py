"""Role phrases are lagebild's own layer (a description linked to a person); GermEval marks names
only, so the scorer must not turn a role phrase into a PER chunk that hides the names inside it."""

from __future__ import annotations

from lagebild.eval.ner import map_label, mentions_to_chunks
from lagebild.model import EntityMention


def test_role_phrase_is_not_scored_as_a_name() -> None:
    text = "der Sprecher des Nationalen Sicherheitsrats"
    tokens = [(0, 3), (4, 12), (13, 16), (17, 26), (27, 43)]
    role = EntityMention(start=0, end=len(text), text=text, label="PER", form="role")
    org = EntityMention(start=17, end=43, text="Nationalen Sicherheitsrats", label="ORG")
    assert map_label(role, partial=False) is None
    outer, _ = mentions_to_chunks([(m.start, m.end, m) for m in (role, org)], tokens)
    assert [(c[0], c[1], c[2]) for c in outer] == [(3, 5, "ORG")]


def test_person_name_is_still_scored() -> None:
    person = EntityMention(start=0, end=11, text="John Kirby", label="PER")
    assert map_label(person, partial=False) == "PER"
