"""Language: codes and names from metadata, detection of German and English."""

from __future__ import annotations

import pytest

from lagebild.ingest.language import detect_language, normalize_language

NORMALIZE = [
    ("de", "de"), ("DE", "de"), ("de-DE", "de"), ("de_AT", "de"), ("German", "de"), ("Deutsch", "de"),
    ("en", "en"), ("en-US", "en"), ("English", "en"), ("fr", "fr"), ("", None), ("  ", None),
    (None, None), (42, None), ("not a language", None),
]


@pytest.mark.parametrize("value,expected", NORMALIZE)
def test_language_normalize(value, expected):
    assert normalize_language(value) == expected


DETECT = [
    ("Die Bundesregierung hat am Montag weitere Sanktionen gegen Moskau beschlossen.", "de"),
    ("Nach Angaben des Geheimdienstes wurden die Granaten per Bahn transportiert.", "de"),
    ("The government announced further sanctions against Moscow on Monday.", "en"),
    ("According to intelligence officials, the shells were moved by rail.", "en"),
    ("12 345 678", None),
]


@pytest.mark.parametrize("text,expected", DETECT)
def test_language_detect(text, expected):
    assert detect_language(text) == expected
