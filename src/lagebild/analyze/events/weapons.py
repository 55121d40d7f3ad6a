"""The weapon or item phrase of a clause ("nordkoreanische Raketen", "Abschussrampen für
ballistische Raketen und Munition", "artillery shells")."""

from __future__ import annotations

from lagebild.analyze.events.vocabulary import vocabulary
from lagebild.analyze.text.speech import ARTICLES, AUXILIARIES, PREPOSITIONS, Tok


def weapon(toks: list[Tok], lo: int, hi: int, skip: int, adjectives: frozenset[int] = frozenset(),
           stop: frozenset[int] = frozenset()) -> tuple[int, int] | None:
    """The token range of the first weapon phrase in ``lo..hi`` (not the trigger at ``skip``), with
    the adjectives before it (``adjectives`` are tokens of state adjectives that may stand there,
    ``stop`` those already used as arguments) and the weapons chained to it."""
    vocab = vocabulary()
    for k in range(lo, hi):
        low = toks[k].lower
        if k == skip or low in vocab.not_weapon or not vocab.weapon_re.fullmatch(low):
            continue
        if not toks[k].is_cap and low not in vocab.weapon_nouns:
            continue
        a = k
        while a - 1 >= lo and (a - 1) not in stop and (a - 1) != skip and (
                (a - 1) in adjectives or weapon_adjective(toks[a - 1])):
            a -= 1
        return a, _weapon_end(toks, k, hi)
    return None


def _weapon_end(toks: list[Tok], k: int, hi: int) -> int:
    """The end of the weapon phrase whose noun is at ``k``: further weapon nouns ("Schuss Munition")
    and chains ("Abschussrampen für ballistische Raketen und Munition")."""
    vocab = vocabulary()
    b = k + 1
    while b < hi and vocab.weapon_re.fullmatch(toks[b].lower) and toks[b].is_cap == toks[k].is_cap \
            and toks[b].lower not in vocab.not_weapon:
        b += 1
    while b + 1 < hi and toks[b].lower in {"und", "sowie", "für", "and", "for", "of", "mit"}:
        c = b + 1
        while c < hi and not toks[c].is_cap and toks[c].lower.endswith(("e", "en", "er", "ic", "al")) \
                and toks[c].lower not in {"die", "der", "the"}:
            c += 1
        if c < hi and vocab.weapon_re.fullmatch(toks[c].lower) and toks[c].lower not in vocab.not_weapon:
            b = c + 1
        else:
            break
    return b


def weapon_adjective(tok: Tok) -> bool:
    """A word that may describe a weapon in front of it ("ballistische", "122-mm-", "ballistic")."""
    low = tok.lower
    return (not tok.is_cap or tok.text[:1].isdigit()) and low.endswith(("e", "en", "er", "es", "ic", "al", "-mm", "mm-")) \
        and low not in ARTICLES["de"] | ARTICLES["en"] | AUXILIARIES["de"] | vocabulary().not_adj | {"die", "der", "sie"} \
        and low not in PREPOSITIONS["de"]
