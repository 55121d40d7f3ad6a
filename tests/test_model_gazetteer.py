"""The gazetteer tables in ``lagebild.model.gazetteer``, shared by the entity stage and linking."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from lagebild.analyze.entities import gazetteer as matcher
from lagebild.model import gazetteer

LINK = Path(__file__).resolve().parents[1] / "src" / "lagebild" / "link"


@pytest.mark.parametrize("language, surface, key, name, form, place", [
    ("de", "Pjöngjang", "gpe:KP", "Nordkorea", "capital", "Pjöngjang"),
    ("de", "Moskaus", "gpe:RU", "Russland", "capital", "Moskau"),
    ("en", "Pyongyang", "gpe:KP", "North Korea", "capital", "Pyongyang"),
    ("de", "nordkoreanischen", "gpe:KP", "Nordkorea", "adjective", ""),
    ("de", "Nordkoreas", "gpe:KP", "Nordkorea", "name", ""),
    ("en", "North Koreans", "gpe:KP", "North Korea", "demonym", ""),
    ("de", "Vereinte Nationen", "org:un", "Vereinte Nationen", "name", ""),
    ("en", "UN", "org:un", "Vereinte Nationen", "acronym", ""),
])
def test_gazetteer_entries_name_states_capitals_and_organizations(language, surface, key, name, form, place):
    entry = gazetteer.entries(language)[surface]
    assert (entry.key, entry.name, entry.form, entry.place) == (key, name, form, place)


def test_gazetteer_ambiguous_country_names_are_left_out():
    for language in ("de", "en"):  # the lists moved here from analyze/entities/wordlists.py
        assert gazetteer.ambiguous(language)
    assert {"Chad", "Jordan"} <= gazetteer.ambiguous("en") and "Tschad" in gazetteer.ambiguous("de")
    assert "Chad" not in gazetteer.entries("en") and "Tschad" not in gazetteer.entries("de")


def test_gazetteer_outlet_keys_are_the_outlets_only():
    outlets = gazetteer.outlet_keys()
    assert {"org:kcna", "org:yonhap", "org:tass"} <= outlets
    assert "org:un" not in outlets and all(key.startswith("org:") for key in outlets)


def test_gazetteer_capital_key_is_one_place_in_every_language():
    assert gazetteer.capital_key("gpe:RU") == "loc:capital-RU"


def test_gazetteer_the_matcher_uses_the_same_tables():
    assert matcher.entries is gazetteer.entries and matcher.Entry is gazetteer.Entry


def test_gazetteer_link_never_imports_analyze():
    """link stands on model (and resources), never on the analysis stages."""
    wrong = []
    for path in sorted(LINK.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            wrong += [f"{path.name}:{node.lineno} {m}" for m in modules if m.startswith("lagebild.analyze")]
    assert not wrong, wrong
