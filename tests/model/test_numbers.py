"""The number reader: digits in German and English conventions, number words, scale words, figures in phrases."""

from __future__ import annotations

import pytest

from lagebild.model.numbers import parse_de_word, parse_digits, parse_number, parse_word, read_figure, scale_of


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


@pytest.mark.parametrize("text, value", [
    ("rund eine Million Schuss", 1e6), ("etwa 1,5 Millionen Granaten", 1.5e6), ("one million rounds", 1e6),
    ("1.000.000", 1e6), ("8,000 troops", 8000), ("mehr als drei Millionen", 3e6), ("2 million shells", 2e6),
    ("10.000 Soldaten", 10000), ("anderthalb Millionen", 1.5e6), ("2023", None), ("Munition", None),
])
def test_numbers_read_figure(text: str, value: float | None) -> None:
    assert read_figure(text) == value


@pytest.mark.parametrize("text, language, value", [
    # German "Billion" is 10^12 ("Milliarde" is 10^9); English "billion" is 10^9, "trillion" 10^12
    ("2 Billionen", "de", 2e12), ("2 Billionen", None, 2e12), ("eine Billion Euro", "de", 1e12),
    ("2 Milliarden", "de", 2e9), ("eine Milliarde", None, 1e9), ("2 billion", "en", 2e9),
    ("two billion dollars", None, 2e9), ("a trillion", "en", 1e12), ("3 trillion", None, 3e12),
    ("1,5 Billionen Euro", "de", 1.5e12),
])
def test_numbers_read_figure_german_and_english_scales(text: str, language: str | None, value: float) -> None:
    assert read_figure(text, language) == pytest.approx(value)


@pytest.mark.parametrize("text, language, value", [
    ("8,000 troops", "en", 8000), ("8.000 Soldaten", "de", 8000), ("1,5 Millionen", "de", 1.5e6),
    ("1.5 million", "en", 1.5e6), ("1,500 Millionen", None, 1.5e6), ("1.500 Millionen", None, 1.5e9),
    ("500 m", "de", 500), ("zweiundzwanzig Panzer", "de", 22), ("twelve tanks", "en", 12),
    ("ein Panzer", "de", None), ("a tank", "en", None), ("tausend Soldaten", "de", 1000),
])
def test_numbers_read_figure_separators_and_words(text: str, language: str | None, value: float | None) -> None:
    assert read_figure(text, language) == value
