"""What the tagger's training data says about a word form: how often it is part of a name, whether
it is a common noun, which one label it carries (the name dictionary,
:class:`lagebild.analyze.entities.features.Lexicon`)."""

from __future__ import annotations

from lagebild.analyze.entities.features import Lexicon


def entity_share(lex: Lexicon, word: str) -> float:
    """The share of the word's occurrences in training that are part of a name (0 when unseen)."""
    stats = lex.labels.get(word)
    if not stats:
        return 0.0
    total, counts = stats
    return sum(counts.values()) / total


def known_name(lex: Lexicon, piece: str) -> bool:
    """A name the gazetteer knows or training mostly saw in names (as written or capitalized)."""
    for form in (piece, piece[:1].upper() + piece[1:]):
        if form in lex.gazetteer or entity_share(lex, form) >= 0.5:
            return True
    return False


def common_noun(lex: Lexicon, word: str) -> bool:
    """A word seen often in training and rarely inside a name ("Land", "Gebiet")."""
    total = lex.labels.get(word, (0, {}))[0]
    return total >= 5 and entity_share(lex, word) < 0.3


def noun(lex: Lexicon, word: str) -> bool:
    """A common noun by the training data: seen and rarely in a name, or unseen and not a word
    that is written in lower case (an adjective like "Weiß")."""
    stats = lex.labels.get(word)
    if stats is not None:
        return entity_share(lex, word) < 1 / 3
    return word.lower() not in lex.lower


def one_label(lex: Lexicon, word: str) -> str | None:
    """The label (PER, LOC or ORG) training gives the word in seven of ten of its uses in names,
    when it is in a name seven times in ten, seen at least twice; else ``None``."""
    stats = lex.labels.get(word)
    if stats is None or stats[0] < 2:
        return None
    total, counts = stats
    names = {k: v for k, v in counts.items() if k in ("PER", "LOC", "ORG")}
    entity = sum(counts.values())
    if not names or entity * 10 < 7 * total:
        return None
    best = max(names, key=names.get)
    return best if names[best] * 10 >= 7 * entity else None
