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


def test_component_gives_the_benchmark_chunks_parts_and_derivations() -> None:
    import lagebild.analyze.entities.spacy_component  # noqa: F401

    nlp = spacy.blank("de")
    nlp.add_pipe("lagebild_entities")
    doc = nlp("Der US-Präsident traf nordkoreanische Diplomaten der Bank of Korea in Berlin.")
    chunks = {(s.text, s.label_) for s in doc.spans["lagebild_ner"]}
    # a name inside a compound is a -part, an adjective a -deriv, as `lagebild eval ner` scores them
    assert ("US-Präsident", "LOCpart") in chunks and ("nordkoreanische", "LOCderiv") in chunks
    assert ("Bank of Korea", "ORG") in chunks and ("Berlin", "LOC") in chunks
    assert isinstance(list(doc.spans["lagebild_ner_inner"]), list)
    us = next(s for s in doc.spans["lagebild"] if s.text == "US-Präsident")
    assert doc.text[slice(*us._.lagebild_chars)] == "US"  # the mention's own offsets inside the token


@pytest.mark.shared
def test_component_chunks_score_as_the_harness_on_germeval_dev() -> None:
    from spacy.tokens import Doc

    import lagebild.analyze.entities.spacy_component  # noqa: F401
    from lagebild.eval.ner import predict, read_germeval, score
    from tests.conftest import shared_path

    gold = read_germeval(shared_path("data", "germeval2014-ner", "NER-de-dev.tsv"))[:150]
    harness, _ = predict(gold)
    nlp = spacy.blank("de")
    nlp.add_pipe("lagebild_entities")
    component = []
    for sentence in gold:
        doc = nlp(Doc(nlp.vocab, words=list(sentence.tokens)))
        component.append(([(s.start, s.end, s.label_) for s in doc.spans["lagebild_ner"]],
                          [(s.start, s.end, s.label_) for s in doc.spans["lagebild_ner_inner"]]))
    same = sum(sorted(h[0]) == sorted(c[0]) and sorted(h[1]) == sorted(c[1]) for h, c in zip(harness, component))
    assert same >= 0.97 * len(gold)  # sentence splitting may differ in a few
    assert abs(score(gold, component)["f1"] - score(gold, harness)["f1"]) < 0.01
