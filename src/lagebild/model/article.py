"""The article: normalized text plus metadata, identified by a hash of its text."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_NL = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """NFC, unified line ends, collapsed runs of spaces, at most one blank line, stripped."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(_WS.sub(" ", line).strip() for line in text.split("\n"))
    return _NL.sub("\n\n", text).strip()


def article_id(text: str) -> str:
    """Stable id: the first 16 hex digits of the SHA-256 of the normalized text."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:16]


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
        return cls(id=article_id(text), text=text, **kwargs)

    def with_(self, **changes: Any) -> "Article":
        return replace(self, **changes)
