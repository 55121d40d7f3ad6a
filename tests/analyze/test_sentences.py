"""Sentence boundaries, with opening quotes at sentence starts."""

from __future__ import annotations

import pytest

from lagebild.analyze.text.sentences import find_sentences, tokenizer

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
