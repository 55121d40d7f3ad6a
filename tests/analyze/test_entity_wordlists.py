"""The entity stage's word lists as data (resources/entities/<de|en|any>/) and the rules that read
them: role heads, titles, regions, quoted-name heads; pure functions, no model."""

from __future__ import annotations

import pytest

from lagebild.analyze.entities import wordlists
from lagebild.analyze.entities.mentions import region_name
from lagebild.analyze.entities.name_patterns import quoted_head
from lagebild.analyze.entities.roles import is_title, role_head, split_title


def test_entity_wordlists_every_list_reads_and_is_not_empty():
    wordlists.prepare()
    for read in (wordlists.titles, wordlists.courtesy_titles, wordlists.name_particles, wordlists.region_words,
                 wordlists.regions_alone, wordlists.place_nouns, wordlists.place_compound_heads,
                 wordlists.facility_nouns, wordlists.type_nouns, wordlists.place_locatives,
                 wordlists.east_asian_surnames, wordlists.korean_surnames, wordlists.quoted_not_heads,
                 wordlists.connectors):
        assert read(), read.__name__
    for language in ("de", "en"):
        assert wordlists.role_heads(language) and wordlists.quoted_heads(language)
        assert wordlists.capital_locatives(language)


def test_entity_wordlists_unions_hold_both_languages():
    assert {"präsident", "president", "herr", "mr."} <= wordlists.titles() | wordlists.courtesy_titles()
    assert {"und", "and", "&"} <= wordlists.connectors()
    assert {"hafen", "port"} <= wordlists.place_nouns()
    assert wordlists.regions_alone() <= wordlists.region_words()
    assert wordlists.korean_surnames() <= wordlists.east_asian_surnames()
    assert wordlists.quoted_heads("fr") == ()


@pytest.mark.parametrize(("word", "language", "head"), [
    ("US-Außenminister", "de", "außenminister"),
    ("Verteidigungsministerin", "de", "verteidigungsministerin"),
    ("spokesman", "en", "spokesman"),
    ("Spokesman,", "en", None),
    ("Haus", "de", None),
])
def test_entity_roles_role_head(word, language, head):
    assert role_head(word, language) == head


def test_entity_roles_titles_and_the_name_after_them():
    assert is_title("Herr", "de") and is_title("President,", "en") and not is_title("Vladimir", "en")
    text = "Russian President Vladimir Putin"
    assert split_title(text, 0, len(text), "PER", "en") == (len("Russian President "), len("Russian President"))
    text = "Mr. John Kirby"
    assert split_title(text, 0, len(text), "PER", "en") == (4, None)  # a courtesy title is no role


@pytest.mark.parametrize(("surface", "region"), [
    ("Indo-Pacific", True), ("Far East", True), ("Sahel", True), ("Nahost", True),
    ("Euro", False), ("West", False), ("Moskau", False),
])
def test_entity_mentions_region_name(surface, region):
    assert region_name(surface) is region


@pytest.mark.parametrize(("word", "language", "label"), [
    ("Sendereihe", "de", "MISC"),
    ("Dokumentationssendung", "de", "MISC"),  # a compound counts by its last part
    ("Tageszeitung", "de", "ORG"),
    ("Films", "en", "MISC"),
    ("newspaper", "en", "ORG"),
    ("Beispiel", "de", None),  # ends in "spiel" but names no work
    ("Zeitung", "fr", None),
])
def test_entity_name_patterns_quoted_head(word, language, label):
    assert quoted_head(word, language) == label
