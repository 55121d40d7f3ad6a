"""The analysis record: what the per-article stages produced for one article, as it is stored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Analysis:
    """The stored result of analysing one article."""

    article: str
    layers: dict[str, list[dict[str, Any]]]
    versions: dict[str, str]  # layer -> qualified stage name
