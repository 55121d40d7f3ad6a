"""Counts, precision/recall/F1 and one-to-one matching shared by the scorers.

Every figure the harness reports is a :class:`Counts` (true positives, false positives, false
negatives) turned into precision, recall and F1.  An empty denominator gives 0.0, except that a
system with nothing to find and nothing found scores 1.0 on every figure (there was nothing to
get wrong).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")
U = TypeVar("U")


@dataclass(frozen=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        if self.predicted == 0:
            return 1.0 if self.gold == 0 else 0.0
        return self.tp / self.predicted

    @property
    def recall(self) -> float:
        if self.gold == 0:
            return 1.0 if self.predicted == 0 else 0.0
        return self.tp / self.gold

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def total(counts: Iterable[Counts]) -> Counts:
    out = Counts()
    for c in counts:
        out = out + c
    return out


def count_multisets(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> Counts:
    """Exact matching of two bags of hashable items (each item matches at most once)."""
    g, p = Counter(gold), Counter(predicted)
    tp = sum((g & p).values())
    return Counts(tp, sum(p.values()) - tp, sum(g.values()) - tp)


def per_key(gold: Iterable[T], predicted: Iterable[T], key: Callable[[T], Hashable],
            label: Callable[[T], str]) -> dict[str, Counts]:
    """Exact matching by ``key``, counted separately for each ``label``."""
    gold, predicted = list(gold), list(predicted)
    labels = sorted({label(x) for x in gold} | {label(x) for x in predicted})
    return {
        lab: count_multisets((key(x) for x in gold if label(x) == lab),
                             (key(x) for x in predicted if label(x) == lab))
        for lab in labels
    }


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Length of the intersection of two half-open spans."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_greedy(gold: Sequence[T], predicted: Sequence[U], score: Callable[[T, U], float]
                 ) -> list[tuple[int, int]]:
    """One-to-one alignment: highest-scoring pairs first, pairs scoring 0 or less never.

    Ties are broken by gold index, then system index, so the result is deterministic.  Returns
    ``[(gold_index, predicted_index), …]`` sorted by gold index.
    """
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            s = score(g, p)
            if s > 0:
                pairs.append((-s, i, j))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j))
    return sorted(out)
