"""lagebild's entity mentions as the chunks of a token-level NER gold: GermEval 2014's 12 labels
for German, CoNLL's PER/ORG/LOC/MISC for English.

``lagebild eval ner`` scores these chunks, and the spaCy component ``lagebild_entities`` puts the
same chunks into ``doc.spans["lagebild_ner"]`` (and the inner level into
``doc.spans["lagebild_ner_inner"]``), so that a component user gets what the harness measures.

Labels map as PER→PER, ORG→ORG, LOC→LOC, GPE→LOC, MISC→OTH; a mention whose ``form`` is
``adjective`` or ``demonym`` gets ``-deriv`` (GermEval tags "nordkoreanischen" and "Franzosen"
alike as LOCderiv); a mention that covers only part of a token ("Russland" in "Russland-Besuch")
gets ``-part`` — unless what it leaves out is punctuation ("DFB." in the gold tokens) or another
name behind a slash ("Japan/Korea", one gold token labelled LOC).  English: MISC stays MISC, an
adjective or demonym of a place ("Japanese") is MISC, and a name inside a token keeps its label.
Overlapping mentions: the longest wins the outer level; a shorter one strictly inside it becomes
an inner chunk; others are dropped.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

from lagebild.model import EntityMention

#: lagebild entity label → GermEval base label
LABEL_MAP = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "MISC": "OTH"}
DERIVED_FORMS = {"adjective", "demonym"}

Chunk = tuple[int, int, str]  # first token, last token (exclusive), label


def covered_tokens(start: int, end: int, token_spans: Sequence[tuple[int, int]],
                   token_ends: Sequence[int] | None = None) -> list[int]:
    """Indices of the tokens that share at least one character with ``[start, end)``
    (``token_spans`` sorted and non-overlapping)."""
    if end <= start:
        return []
    ends = token_ends if token_ends is not None else [e for _, e in token_spans]
    out = []
    for i in range(bisect_right(ends, start), len(token_spans)):
        a, b = token_spans[i]
        if a >= end:
            break
        if b > start and b > a:
            out.append(i)
    return out


def map_label(mention: EntityMention, partial: bool, language: str = "de") -> str | None:
    """The GermEval label for a lagebild mention (English: PER/ORG/LOC/MISC), or None for labels
    with no counterpart."""
    base = LABEL_MAP.get(mention.label)
    if base is None or mention.form == "role":  # a description ("der Sprecher des …"), not a name
        return None
    if language == "en":
        return "MISC" if base == "OTH" or mention.form in DERIVED_FORMS else base
    if mention.form in DERIVED_FORMS:
        return base + "deriv"
    return base + "part" if partial else base


def compound_rest(rest: str, slash_side: int) -> bool:
    """Whether ``rest``, the part of a gold token a mention leaves out on one side, makes the
    mention a name inside a compound: it holds a letter or digit and is not split off by a slash
    ("Japan/Korea", "München/Hamburg" are two names in one token, "DFB." is a name and a full
    stop; "EU-Kommissar" is a compound).  ``slash_side``: the index of ``rest`` next to the
    mention (-1 left of it, 0 right of it)."""
    return any(ch.isalnum() for ch in rest) and rest[slash_side] != "/"


def mentions_to_chunks(mentions: Iterable[tuple[int, int, EntityMention]],
                       token_spans: Sequence[tuple[int, int]], text: str | None = None,
                       language: str = "de") -> tuple[list[Chunk], list[Chunk]]:
    """``(outer, inner)`` chunks from mentions given as ``(start, end, mention)`` in the
    coordinates of ``token_spans`` (and of ``text``, the sentence; without it, any mention that
    leaves part of a token out is a ``-part``)."""
    ends = [e for _, e in token_spans]
    candidates: list[tuple[int, int, int, str]] = []  # (-length, order, …) sorted below
    for order, (start, end, mention) in enumerate(mentions):
        toks = covered_tokens(start, end, token_spans, ends)
        if not toks:
            continue
        first, last = toks[0], toks[-1]
        left, right = token_spans[first][0], token_spans[last][1]
        if text is None:
            partial = start > left or end < right
        else:
            partial = start > left and compound_rest(text[left:start], -1) or \
                end < right and compound_rest(text[end:right], 0)
        label = map_label(mention, partial, language)
        if label is not None:
            candidates.append((first, last + 1, order, label))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    outer: list[Chunk] = []
    inner: list[Chunk] = []
    for a, b, _, label in candidates:
        if all(b <= x or a >= y for x, y, _ in outer):
            outer.append((a, b, label))
        elif any(x <= a and b <= y and (a, b) != (x, y) for x, y, _ in outer) and \
                all(b <= x or a >= y for x, y, _ in inner):
            inner.append((a, b, label))
    return sorted(outer), sorted(inner)


