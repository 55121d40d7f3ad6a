"""Gazetteer: states, metonyms, adjectives, demonyms, organizations."""

from __future__ import annotations

import pytest

from lagebild.analyze.gazetteer import find

CASES = [
    ("de", "Pjöngjang liefert Granaten.", "Pjöngjang", "GPE", "gpe:KP", "metonym"),
    ("de", "Er landete in Pjöngjang.", "Pjöngjang", "LOC", "loc:Pjöngjang", "name"),
    ("de", "Der Kreml schweigt.", "Kreml", "GPE", "gpe:RU", "metonym"),
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
