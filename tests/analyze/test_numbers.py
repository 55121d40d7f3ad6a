"""Number parsing: digits in German and English conventions, number words, scale words."""

from __future__ import annotations

import pytest

from lagebild.analyze.quantities.numbers import parse_de_word, parse_digits, parse_number, parse_word, scale_of


@pytest.mark.parametrize("text,language,value", [
    ("1.000.000", "de", 1_000_000), ("1,5", "de", 1.5), ("1.500", "de", 1500), ("12.500,75", "de", 12500.75),
    ("1,000,000", "en", 1_000_000), ("1.5", "en", 1.5), ("1,500", "en", 1500), ("12,500.75", "en", 12500.75),
    ("300", "de", 300), ("0,25", "de", 0.25), ("2024", "en", 2024),
])
def test_numbers_parse_digits(text, language, value):
    assert parse_digits(text, language) == pytest.approx(value)


@pytest.mark.parametrize("word,value", [
    ("zweiundzwanzig", 22), ("dreihundert", 300), ("dreihunderttausend", 300_000), ("zwölf", 12),
    ("fünftausendzweihundert", 5200), ("hundert", 100), ("tausend", 1000), ("neunzehn", 19),
    ("einhundertundeins", None), ("Zweifel", None), ("Einheit", None),
])
def test_numbers_parse_german_words(word, value):
    assert parse_de_word(word.lower()) == value


@pytest.mark.parametrize("text,value", [
    ("twenty-two", 22), ("two hundred", 200), ("two hundred and fifty", 250), ("three thousand", 3000),
    ("one", 1), ("twelve", 12), ("ammunition", None),
])
def test_numbers_parse_english_words(text, value):
    assert parse_word(text, "en") == value


@pytest.mark.parametrize("word,language,factor", [
    ("Mio.", "de", 1e6), ("Mrd.", "de", 1e9), ("Milliarden", "de", 1e9), ("Billionen", "de", 1e12),
    ("Billion", "de", 1e12), ("billion", "en", 1e9), ("bn", "en", 1e9), ("thousand", "en", 1e3), (None, "de", 1.0),
])
def test_numbers_scale_words(word, language, factor):
    assert scale_of(word, language) == factor


def test_numbers_parse_number_dispatches_digits_and_words():
    assert parse_number("1,2", "de") == pytest.approx(1.2)
    assert parse_number("zwei", "de") == 2
