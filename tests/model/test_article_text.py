"""normalize_text copies less for large texts (issue 19) but gives the same text and ids as the
line-by-line version it replaced, kept here as the reference."""

from __future__ import annotations

import hashlib
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.model import Article, article_id, normalize_text
from lagebild.model import article as article_module

_OLD_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_OLD_NL = re.compile(r"\n{3,}")


def old_normalize(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(_OLD_WS.sub(" ", line).strip() for line in text.split("\n"))
    return _OLD_NL.sub("\n\n", text).strip()


def old_id(text: str) -> str:
    return hashlib.sha256(old_normalize(old_normalize(text)).encode("utf-8")).hexdigest()[:16]


# Everything normalizing treats specially: every kind of space and line end, characters str.strip()
# takes but the space rule does not (\x0b, \x1c, \x85, \u2028), the zero-width space, soft hyphens
# and controls (kept), combining marks and their precomposed forms, singletons NFC replaces
# (U+2000, Ohm, Angstrom), wide characters.
ALPHABET = ("a", "e", "Z", "ä", "ß", ".", "-", " ", "  ", "\t", "\n", "\r", "\r\n", "\n\n\n", "\x0b", "\x0c",
            "\x1c", "\x1f", "\x85", "\u2028", "\u2029", "\u00a0", "\u2000", "\u2001", "\u2007", "\u200a",
            "\u200b", "\u202f", "\u205f", "\u3000", "\u00ad", "\x00", "\x07", "\x7f", "\u0301", "\u0308",
            "\u0327", "e\u0301", "a\u0308", "\u00e9", "\u2126", "\u212b", "\u1e0b\u0323", "\ufeff", "\u200d",
            "한", "\u1100\u1161", "😀", "𝔄")
texts = st.lists(st.sampled_from(ALPHABET), max_size=80).map("".join)


@pytest.fixture(params=["whole", "pieces"])
def piece_size(request, monkeypatch):
    """Run each check as is and with tiny pieces, so short texts take the large-text paths."""
    if request.param == "pieces":
        monkeypatch.setattr(article_module, "_PIECE", 3)
        monkeypatch.setattr(article_module, "_HASH_PIECE", 5)
    return request.param


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_normalize_text_equals_the_line_by_line_version(piece_size, text):
    new = normalize_text(text)
    assert new == old_normalize(text)
    assert normalize_text(new) == new
    assert article_id(text) == old_id(text)
    article = Article.create(text)
    assert (article.text, article.id) == (new, old_id(text))


@pytest.mark.parametrize("text", [
    "", " \n\t ", "Kiew\r\nmeldet\rAngriffe", "  Eins  \u00a0 zwei\t\tdrei  \n\n\n\n  vier\u200b ",
    "Ab\u00adsatz mit wei\u00adchem Trenn\u00adstrich", "Cafe\u0301 und A\u030angstro\u0308m \u212b \u2126",
    "Zeile\x0b\n\x85Zeile\u2028\n\u3000Ende\x1c", "\n\n\n\u0301am Anfang", "ctrl\x00\x07\x7f bleibt",
])
def test_normalize_text_examples(piece_size, text):
    assert normalize_text(text) == old_normalize(text)
    assert Article.create(text).id == old_id(text)


def test_large_text_is_the_same_and_not_copied_when_clean():
    para = "Die Armee meldete am Montag neue Angriffe in der Nähe von Charkiw.  Drei\tDrohnen abgefangen. \n"
    dirty = "".join(para + ("\n\n\n" if n % 7 == 0 else "") + (" \u0301" if n % 11 == 0 else "")
                    for n in range(20_000))  # about 2 MB, many pieces
    assert len(dirty) > 4 * article_module._PIECE
    assert normalize_text(dirty) == old_normalize(dirty)
    assert Article.create(dirty).id == old_id(dirty)
    clean = old_normalize(dirty)
    assert normalize_text(clean) is clean  # nothing to change: no copy
    decomposed = unicodedata.normalize("NFD", clean)
    assert decomposed != clean
    assert normalize_text(decomposed) == clean
