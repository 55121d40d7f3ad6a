"""Sentence boundaries, with opening quotes at sentence starts."""

from __future__ import annotations

import pytest

from lagebild.analyze.text.sentences import find_sentences, mark_sentences, tokenizer

CASES = [
    ("Er sprach in Moskau. „Das ist gut“, sagte er.", ["Er sprach in Moskau.", "„Das ist gut“, sagte er."]),
    ('Kirby kam. "Es ist eine Eskalation." Dann ging er.',
     ["Kirby kam.", '"Es ist eine Eskalation."', "Dann ging er."]),
    ("Am 21. Januar traf Dr. Müller z. B. Vertreter.", ["Am 21. Januar traf Dr. Müller z. B. Vertreter."]),
    ("Erste Zeile ohne Punkt\nZweite Zeile.", ["Erste Zeile ohne Punkt", "Zweite Zeile."]),
    ("Wirklich?! Ja.", ["Wirklich?!", "Ja."]),
    ("„Wir liefern nicht.“ Das sagte Peskow.", ["„Wir liefern nicht.“", "Das sagte Peskow."]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_sentences_split(text, expected):
    doc = tokenizer("de")(text)
    assert [doc[a:b].text for a, b in find_sentences(doc)] == expected


def test_sentences_english_tokenizer():
    doc = tokenizer("en")('He said so. "We deny it," Peskov said.')
    assert [doc[a:b].text for a, b in find_sentences(doc)] == ["He said so.", '"We deny it," Peskov said.']


def test_sentences_marked_on_the_doc_are_the_ones_found():
    text = " ".join(text for text, _ in CASES) * 20
    doc = tokenizer("de")(text)
    ranges = mark_sentences(doc)
    assert len(ranges) > 100
    assert [s.start for s in doc.sents] == [a for a, _ in ranges]


def test_sentences_strings_are_kept_up_to_a_limit_then_freed_after_each_run(monkeypatch):
    from lagebild.analyze.pipeline import Pipeline  # lazy: builds the stages
    from lagebild.analyze.text import sentences
    from lagebild.model import Article

    pipeline = Pipeline.build(("lagebild.sentences",))
    strings = tokenizer("de").vocab.strings
    kept, freed = "Quaxelbrumm4711", "Zwiebelquark0815"
    monkeypatch.setattr(sentences, "KEPT_STRINGS", len(strings) + 100)  # room left: kept for later articles
    pipeline.run(Article.create(f"Das Wort {kept} bleibt.", language="de"))
    assert kept in strings
    monkeypatch.setattr(sentences, "KEPT_STRINGS", len(strings))  # full: each article's strings are freed
    layers = pipeline.run(Article.create(f"Das Wort {freed} steht hier.", language="de")).layers
    assert layers["sentences"][0]["end"] == len(f"Das Wort {freed} steht hier.")
    assert kept in strings
    assert freed not in strings


def test_sentences_english_military_titles_end_no_sentence():
    doc = tokenizer("en")("The attack was led by Lt. Gen. Ivan Petrov, officials said. Sgt. Smith agreed.")
    assert [doc[a:b].text for a, b in find_sentences(doc)] == [
        "The attack was led by Lt. Gen. Ivan Petrov, officials said.", "Sgt. Smith agreed."]
