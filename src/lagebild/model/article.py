"""The article: normalized text plus metadata, identified by a hash of its text."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

# Runs of spaces that normalizing changes: two or more, or one that is not a plain space.
_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")
_EDGE = re.compile(r"^[^\S\n]+|[^\S\n]+$", re.MULTILINE)  # what str.strip() takes from each line
_NL = re.compile(r"\n{3,}")
_DIRTY = re.compile(f"{_WS.pattern}|{_EDGE.pattern}|{_NL.pattern}", re.MULTILINE)
# Where a large text is cut into pieces normalized one at a time: after a line end, before a line
# that starts with a character normalizing keeps (so no line, run of spaces or of blank lines is cut).
_CUT = re.compile(r"\n(?=[^\s\u200b])")
_PIECE = 1 << 18  # characters; a large text is handled in pieces of about this size
_HASH_PIECE = 1 << 20


def _pieces(text: str, cut: re.Pattern[str]) -> list[tuple[int, int]]:
    """Spans covering ``text``, each about ``_PIECE`` characters, ending after a match of ``cut``."""
    spans, start = [], 0
    while start < len(text):
        found = cut.search(text, start + _PIECE)
        end = found.end() if found else len(text)
        spans.append((start, end))
        start = end
    return spans


def _nfc(text: str) -> str:
    """NFC, piece by piece for a large text (unicodedata holds a 4-byte-per-character copy of what
    it normalizes); a text that is already NFC is returned as it is."""
    if len(text) <= _PIECE:
        return unicodedata.normalize("NFC", text)
    spans = _pieces(text, _LINE_END)  # a piece starting with "\n" composes with nothing before it
    if all(unicodedata.is_normalized("NFC", text[a:b]) for a, b in spans):
        return text
    return "".join(unicodedata.normalize("NFC", text[a:b]) for a, b in spans)


_LINE_END = re.compile(r"(?=\n)")


def _tidy(text: str) -> str:
    return _NL.sub("\n\n", _EDGE.sub("", _WS.sub(" ", text)))


def normalize_text(text: str) -> str:
    """NFC, unified line ends, collapsed runs of spaces, at most one blank line, stripped.

    Copies the text only where something changes, and a large text piece by piece, so the peak
    memory stays near twice the text's size (issue 19)."""
    text = _nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    if _DIRTY.search(text) is None:
        return text.strip()
    if len(text) <= _PIECE:
        return _tidy(text).strip()
    return "".join(_tidy(text[a:b]) for a, b in _pieces(text, _CUT)).strip()


def _digest(normalized: str) -> str:
    sha = hashlib.sha256()
    for start in range(0, len(normalized), _HASH_PIECE):
        sha.update(normalized[start:start + _HASH_PIECE].encode("utf-8"))
    return sha.hexdigest()[:16]


def article_id(text: str) -> str:
    """Stable id: the first 16 hex digits of the SHA-256 of the normalized text."""
    return _digest(normalize_text(text))


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    source: str = ""  # file path, URL or "stdin", with ":line" for JSONL
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    published_inferred: bool = False
    language: str | None = None
    external_id: str | None = None  # an id given in the source's metadata
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def create(cls, text: str, **kwargs: Any) -> "Article":
        text = normalize_text(text)
        return cls(id=_digest(text), text=text, **kwargs)  # normalizing twice changes nothing

    def with_(self, **changes: Any) -> "Article":
        return replace(self, **changes)
