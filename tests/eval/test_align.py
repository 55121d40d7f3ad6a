"""Token offsets, detokenization and offset maps."""

from __future__ import annotations

import pytest

from lagebild.eval.align import OffsetMap, covered_tokens, detokenize, join_tokens


def test_align_join_tokens_offsets():
    text, spans = join_tokens(["Kiew", "meldet", "Angriffe", "."])
    assert text == "Kiew meldet Angriffe ."
    assert [text[a:b] for a, b in spans] == ["Kiew", "meldet", "Angriffe", "."]


@pytest.mark.parametrize(
    "tokens, expected",
    [
        (["Die", "Lage", "sei", "ernst", ",", "sagte", "er", "."], "Die Lage sei ernst, sagte er."),
        (["„", "Wir", "helfen", "“", ",", "erklärte", "sie", "."], "„Wir helfen“, erklärte sie."),
        (["Er", "sagte", ":", '"', "Nein", '"', "."], 'Er sagte: "Nein".'),
        (["Die", "Nato", "(", "Brüssel", ")", "warnt", "."], "Die Nato (Brüssel) warnt."),
        (["»", "Genug", "«", ",", "rief", "sie", "."], "»Genug«, rief sie."),
    ],
)
def test_align_detokenize_prints_like_a_newspaper(tokens, expected):
    text, spans = detokenize(tokens)
    assert text == expected
    assert [text[a:b] for a, b in spans] == tokens


def test_align_offset_map_identity():
    m = OffsetMap("abc", "abc")
    assert m.identity and m.to_target(2) == 2 and m.span_to_source(0, 3) == (0, 3)


def test_align_offset_map_through_normalization():
    source = "  Am  Montag\r\ngriff Russland an."
    target = "Am Montag\ngriff Russland an."
    m = OffsetMap(source, target)
    s = source.index("Russland")
    a, b = m.span_to_target(s, s + len("Russland"))
    assert target[a:b] == "Russland"
    t = target.index("Montag")
    a, b = m.span_to_source(t, t + len("Montag"))
    assert source[a:b] == "Montag"


def test_align_covered_tokens_touching_and_inside():
    spans = [(0, 4), (5, 11), (12, 20)]
    assert covered_tokens(5, 11, spans) == [1]
    assert covered_tokens(6, 8, spans) == [1]  # inside one token
    assert covered_tokens(2, 13, spans) == [0, 1, 2]
    assert covered_tokens(4, 5, spans) == []  # only the space
    assert covered_tokens(7, 7, spans) == []


def test_align_offset_map_unicode_composition_falls_back_to_general_alignment():
    from lagebild.model import normalize_text

    source = "Im Cafe\u0301 Odessa\u00a0brannte es"
    target = normalize_text(source)
    assert target == "Im Café Odessa brannte es"
    m = OffsetMap(source, target)
    t = target.index("Odessa")
    a, b = m.span_to_source(t, t + len("Odessa"))
    assert source[a:b] == "Odessa"
    a, b = m.span_to_target(source.index("brannte"), source.index("brannte") + 7)
    assert target[a:b] == "brannte"
