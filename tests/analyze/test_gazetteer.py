"""Gazetteer: states, metonyms, adjectives, demonyms, organizations."""

from __future__ import annotations

import pytest

from lagebild.analyze.entities.gazetteer import find

CASES = [
    ("de", "Pjöngjang liefert Granaten.", "Pjöngjang", "GPE", "gpe:KP", "metonym"),
    ("de", "Er landete in Pjöngjang.", "Pjöngjang", "LOC", "loc:capital-KP", "name"),
    ("en", "He landed in Pyongyang.", "Pyongyang", "LOC", "loc:capital-KP", "name"),
    ("de", "der wichtigste Lieferant Moskaus", "Moskaus", "GPE", "gpe:RU", "metonym"),
    ("de", "im Kreml", "Kreml", "LOC", "loc:Kreml", "name"),
    ("de", "Der Kreml schweigt.", "Kreml", "GPE", "gpe:RU", "metonym"),
    # a common noun for the government: a description (GermEval leaves it unlabelled), still Germany's
    ("de", "Die Bundesregierung schweigt.", "Bundesregierung", "GPE", "gpe:DE", "role"),
    ("de", "nordkoreanische Raketen", "nordkoreanische", "GPE", "gpe:KP", "adjective"),
    ("de", "Die Russen seien nicht stolz.", "Russen", "GPE", "gpe:RU", "demonym"),
    ("de", "Nach US-Erkenntnissen", "US", "GPE", "gpe:US", "acronym"),
    ("de", "die Lage Nordkoreas", "Nordkoreas", "GPE", "gpe:KP", "name"),
    ("de", "sagte er der Financial Times.", "Financial Times", "ORG", "org:ft", "name"),
    ("de", "laut KCNA", "KCNA", "ORG", "org:kcna", "acronym"),
    ("de", "Die Vereinigten Staaten warnen.", "Vereinigten Staaten", "GPE", "gpe:US", "name"),
    ("en", "Pyongyang has shipped shells.", "Pyongyang", "GPE", "gpe:KP", "metonym"),
    ("en", "North Korean missiles", "North Korean", "GPE", "gpe:KP", "adjective"),
    ("en", "the Kremlin denied it", "Kremlin", "GPE", "gpe:RU", "metonym"),
    ("en", "according to the Kyiv Independent", "Kyiv Independent", "ORG", "org:kyivindependent", "name"),
]


@pytest.mark.parametrize("lang,text,surface,label,key,form", CASES)
def test_gazetteer_finds(lang, text, surface, label, key, form):
    found = {m.text: m for m in find(text, lang)}
    m = found[surface]
    assert (m.label, m.key, m.form) == (label, key, form)
    assert text[m.start:m.end] == surface


@pytest.mark.parametrize("lang,text", [("de", "Die Mission mit dem Ziel."), ("en", "Michael Jordan played.")])
def test_gazetteer_ignores_common_words(lang, text):
    assert find(text, lang) == []


def test_gazetteer_capital_place_is_one_entity_across_languages():
    de = {m.text: m for m in find("Lawrow landete in Moskau.", "de")}["Moskau"]
    en = {m.text: m for m in find("Lavrov landed in Moscow.", "en")}["Moscow"]
    assert de.key == en.key == "loc:capital-RU"
    assert (de.name, en.name) == ("Moskau", "Moscow")


@pytest.mark.parametrize("lang,text,compound,head,key", [
    ("de", "Er schrieb dem UN-Expertengremium.", "UN-Expertengremium", "UN", "org:un"),
    ("de", "das US-Verteidigungsministerium teilte mit", "US-Verteidigungsministerium", "US", "gpe:US"),
])
def test_gazetteer_compound_opens_with_a_known_name(lang, text, compound, head, key):
    found = find(text, lang)
    outer = next(m for m in found if m.text == compound)
    part = next(m for m in found if m.form == "part")
    assert (part.text, part.key) == (head, key)
    assert outer.start == part.start < part.end < outer.end
    assert text[part.start:part.end] == head
