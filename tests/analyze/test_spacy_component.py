"""The entity stage as a spaCy component (issue 6: users can reuse it in their own pipelines)."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

import pytest
import spacy


def test_factory_is_declared_as_a_spacy_entry_point() -> None:
    names = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert names.get("lagebild_entities") == "lagebild.analyze.entities.spacy_component:make_lagebild_entities"
    assert names.get("lagebild_ner") == "lagebild.analyze.entities.ner:make_component"


def test_add_pipe_by_name_in_a_fresh_interpreter() -> None:
    """spaCy finds the factory through the entry point alone, without importing lagebild first."""
    code = ("import spacy; nlp = spacy.blank('de'); nlp.add_pipe('lagebild_entities'); "
            "doc = nlp('Der Kreml bestätigte, dass Wladimir Putin nach Pjöngjang reist.'); "
            "print(sorted((e.text, e.label_) for e in doc.ents))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "('Wladimir Putin', 'PER')" in out.stdout


def test_tagger_alone_is_a_component_too() -> None:
    code = ("import spacy; nlp = spacy.blank('de'); nlp.add_pipe('lagebild_ner'); "
            "print([(e.text, e.label_) for e in nlp('Kim Jong-un reiste nach Moskau.').ents])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "('Kim Jong-un', 'PER')" in out.stdout


def test_component_sets_ents_and_lagebild_spans() -> None:
    import lagebild.analyze.entities.spacy_component  # noqa: F401  (registers the factory)

    nlp = spacy.blank("de")
    nlp.add_pipe("lagebild_entities")
    doc = nlp("Nordkorea liefert Granaten an Russland. Das sagte John Kirby in Washington. "
              "Kirby sprach von nordkoreanischen Raketen.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("John Kirby", "PER") in ents
    assert ("Nordkorea", "GPE") in ents
    keys = {s.text: s._.lagebild_key for s in doc.spans["lagebild"]}
    assert keys["Nordkorea"] == "gpe:KP"
    names = {s.text: s._.lagebild_name for s in doc.spans["lagebild"]}
    assert names.get("Kirby") == "John Kirby"  # the surname resolves to the full name
    adjectives = [s for s in doc.spans["lagebild"] if s._.lagebild_form == "adjective"]
    assert adjectives and adjectives[0]._.lagebild_key == "gpe:KP"
    assert all(not (e._.lagebild_form == "adjective") for e in doc.ents)
    assert any(t.is_sent_start for t in doc[1:])  # sentence starts were set


def test_english_pipeline_uses_the_english_model() -> None:
    import lagebild.analyze.entities.spacy_component  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("lagebild_entities")
    doc = nlp("Antony Blinken said Iran had sent ballistic missiles to Russia.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Antony Blinken", "PER") in ents and ("Iran", "GPE") in ents


def test_unknown_language_is_a_clear_error() -> None:
    import lagebild.analyze.entities.spacy_component  # noqa: F401

    nlp = spacy.blank("fr")
    with pytest.raises(ValueError, match="lagebild_entities knows de, en"):
        nlp.add_pipe("lagebild_entities")
