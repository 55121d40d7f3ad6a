"""Bytes to text: encodings that must be detected, and bytes that must be refused."""

from __future__ import annotations

import random

import pytest

from lagebild.ingest.decode import UNDECODABLE, UndecodableError, check_content, decode, human_size

GERMAN = "Die Bundesregierung äußerte sich am Montag besorgt über die Lieferungen. „Das ist gefährlich“, sagte ein Sprecher – später mehr.\n"
SHORT = "Regierung äußert Sorge über Lieferungen\n"


@pytest.mark.parametrize(
    "text,encoding",
    [
        (GERMAN, "utf-8"),
        (GERMAN, "utf-8-sig"),
        (GERMAN, "utf-16"),
        (GERMAN, "cp1252"),
        (SHORT, "latin-1"),
        (SHORT, "cp1252"),
        ("Правительство России заявило в понедельник о поставках боеприпасов из Северной Кореи.\n", "cp1251"),
    ],
)
def test_decode_detects_encoding(text, encoding):
    data = text.encode(encoding)
    assert check_content(data) is None
    assert decode(data) == text


def test_decode_prefers_declared_charset():
    data = SHORT.encode("latin-1")
    assert decode(data, declared="iso-8859-1") == SHORT


def test_decode_refuses_random_bytes():
    rng = random.Random(7)
    data = bytes(rng.randint(1, 255) for _ in range(3000))
    assert check_content(data) is None  # no NUL bytes, so it gets as far as detection
    with pytest.raises(UndecodableError) as err:
        decode(data)
    assert str(err.value) == UNDECODABLE


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL bytes)"),
        (b"Text\x00mit Nullbyte", "binary file (NUL bytes)"),
        ("Text".encode("utf-16"), None),
        (b"Normaler Text.", None),
    ],
)
def test_decode_check_content(data, reason):
    assert check_content(data) == reason


def test_decode_refuses_control_characters():
    with pytest.raises(UndecodableError, match="control characters"):
        decode(bytes(range(1, 32)) * 20)


@pytest.mark.parametrize(
    "n,expected", [(12, "12 bytes"), (4_500, "4.5 kB"), (5_000_000, "5.0 MB"), (12_345_678, "12.3 MB")]
)
def test_decode_human_size(n, expected):
    assert human_size(n) == expected
