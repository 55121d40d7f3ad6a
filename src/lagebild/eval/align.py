"""Offsets between gold tokens, the text built from them, and the article text as stored.

Gold corpora come as tokens (GermEval, SpkAtt) or as raw text with spans (WikiWarsDE).  The
harness builds a text from the tokens, remembering each token's span, hands it to
:meth:`Article.create` (which normalizes whitespace and Unicode) and maps the predicted
character spans back to gold tokens.  When normalization changed the text, :class:`OffsetMap`
aligns the two strings (identity when they are equal, which is the usual case).
"""

from __future__ import annotations

import difflib
from bisect import bisect_right
from collections.abc import Sequence

from lagebild.analyze.entities.chunks import covered_tokens  # noqa: F401  (shared with the scorers)

#: tokens after which no space is written (opening brackets and quotes)
NO_SPACE_AFTER = {"(", "[", "{", "„", "‚", "»", "‹", "¿", "¡"}
#: tokens before which no space is written (closing punctuation)
NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "}", "…", "%", "“", "”", "‘", "«", "›", "''", "'"}
#: quote characters that open and close alternately
TOGGLING = {'"', "“", "”", "«", "»", "‘", "’"}


def join_tokens(tokens: Sequence[str], sep: str = " ") -> tuple[str, list[tuple[int, int]]]:
    """Tokens joined by ``sep``, with each token's ``(start, end)`` in the result."""
    spans = []
    pos = 0
    for tok in tokens:
        spans.append((pos, pos + len(tok)))
        pos += len(tok) + len(sep)
    return sep.join(tokens), spans


def detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Tokens joined the way a newspaper prints them: no space inside brackets and quotes or
    before closing punctuation.  German low-high quotes („…“), guillemets and straight quotes
    are told apart by alternation.  Returns the text and each token's ``(start, end)``.
    """
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    glue_next = True  # no space before the first token
    open_quotes: set[str] = set()
    for tok in tokens:
        opening = closing = False
        if tok in ("„", "‚"):
            opening = True
            open_quotes.add("low" if tok == "„" else "low1")
        elif tok in ("“", "‘") and ("low" if tok == "“" else "low1") in open_quotes:
            closing = True
            open_quotes.discard("low" if tok == "“" else "low1")
        elif tok in TOGGLING:
            family = {"”": "“", "’": "‘", "«": "»"}.get(tok, tok)
            if family in open_quotes:
                closing = True
                open_quotes.discard(family)
            else:
                opening = True
                open_quotes.add(family)
        elif tok in NO_SPACE_AFTER:
            opening = True
        elif tok in NO_SPACE_BEFORE:
            closing = True
        if not glue_next and not closing:
            parts.append(" ")
            pos += 1
        spans.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        glue_next = opening
    return "".join(parts), spans


class OffsetMap:
    """Character offsets between a source string and a transformed copy of it.

    ``to_target`` maps a source offset to the target, ``to_source`` the reverse; spans map with
    :meth:`span_to_target` / :meth:`span_to_source`.  Characters that the transformation
    dropped map to the next kept character.
    """

    def __init__(self, source: str, target: str) -> None:
        self.identity = source == target
        self._src: list[int] = []  # block starts in source
        self._dst: list[int] = []  # block starts in target
        self._len: list[int] = []
        self._source_len = len(source)
        self._target_len = len(target)
        if self.identity:
            return
        blocks = _walk(source, target)
        if blocks is None:  # not a whitespace-only change: align in general (slower)
            matcher = difflib.SequenceMatcher(None, source, target, autojunk=False)
            blocks = [(a, b, n) for a, b, n in matcher.get_matching_blocks() if n]
        for a, b, size in blocks:
            self._src.append(a)
            self._dst.append(b)
            self._len.append(size)

    @staticmethod
    def _map(offset: int, starts: list[int], others: list[int], sizes: list[int], end: int) -> int:
        k = bisect_right(starts, offset) - 1
        if k >= 0 and offset < starts[k] + sizes[k]:
            return others[k] + offset - starts[k]
        # inside a gap: map to the start of the next matched block
        if k + 1 < len(starts):
            return others[k + 1]
        return end

    def to_target(self, offset: int) -> int:
        if self.identity:
            return offset
        return self._map(offset, self._src, self._dst, self._len, self._target_len)

    def to_source(self, offset: int) -> int:
        if self.identity:
            return offset
        return self._map(offset, self._dst, self._src, self._len, self._source_len)

    def span_to_target(self, start: int, end: int) -> tuple[int, int]:
        if self.identity or end <= start:
            return start, end
        a = self.to_target(start)
        b = self.to_target(end - 1) + 1
        return a, max(a, b)

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        if self.identity or end <= start:
            return start, end
        a = self.to_source(start)
        b = self.to_source(end - 1) + 1
        return a, max(a, b)


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch in "\u200b\u200c\u200d\u2060\ufeff"


def _walk(source: str, target: str) -> list[tuple[int, int, int]] | None:
    """Matching blocks when ``target`` is ``source`` with whitespace dropped or replaced (what
    :func:`~lagebild.model.article.normalize_text` does to clean text); None otherwise."""
    blocks: list[tuple[int, int, int]] = []
    i = j = 0
    n, m = len(source), len(target)
    while i < n and j < m:
        if source[i] == target[j]:
            if blocks and blocks[-1][0] + blocks[-1][2] == i and blocks[-1][1] + blocks[-1][2] == j:
                a, b, size = blocks[-1]
                blocks[-1] = (a, b, size + 1)
            else:
                blocks.append((i, j, 1))
            i += 1
            j += 1
        elif _is_space(source[i]):
            if _is_space(target[j]) and (i + 1 >= n or not _is_space(source[i + 1])):
                i += 1  # a space replaced by another: the characters correspond
                j += 1
            else:
                i += 1  # dropped
        else:
            return None
    if j < m or any(not _is_space(ch) for ch in source[i:]):
        return None
    return blocks
