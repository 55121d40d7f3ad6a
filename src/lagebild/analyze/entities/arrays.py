"""Array helpers shared by the entity tagger's CRF and network: packed strings in npz files and
tables of per-word-form rows."""

from __future__ import annotations

import numpy as np


def strings(arr: np.ndarray) -> list[str]:
    """The list of strings :func:`strings_array` packed."""
    return bytes(arr).decode("utf-8").split("\n")


def strings_array(items: list[str]) -> np.ndarray:
    """Pack a list of strings into a uint8 array (newline-joined UTF-8) for an npz file."""
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8)


class FormTable:
    """Rows of per-word-form arrays that grow as new forms come (a cache with a size limit)."""

    def __init__(self, shape: tuple[int, ...], limit: int) -> None:
        self.rows: dict[str, int] = {}
        self.data = np.zeros((1024, *shape), np.float32)
        self.limit = limit

    def missing(self, words) -> list[str]:
        """The forms of ``words`` without a row yet, once each (the table is emptied first when
        they would not fit under the limit)."""
        rows = self.rows
        new = list(dict.fromkeys(w for w in words if w not in rows))
        if new and len(rows) + len(new) > self.limit:
            rows.clear()
            new = list(dict.fromkeys(words))
        return new

    def add(self, words: list[str], values: np.ndarray) -> None:
        n0 = len(self.rows)
        if n0 + len(words) > len(self.data):
            size = max(min(2 * len(self.data), self.limit), n0 + len(words))  # never far past the limit
            grown = np.zeros((size, *self.data.shape[1:]), np.float32)
            grown[:n0] = self.data[:n0]
            self.data = grown
        self.data[n0:n0 + len(words)] = values
        self.rows.update(zip(words, range(n0, n0 + len(words))))

    def index(self, words) -> np.ndarray:
        rows = self.rows
        return np.fromiter((rows[w] for w in words), np.int64)


def segment_sums(table: np.ndarray, ids: list[int], sizes: list[int]) -> np.ndarray:
    """Row sums of ``table`` over consecutive segments of ``ids`` (no segment may be empty)."""
    starts = np.zeros(len(sizes), np.int64)
    np.cumsum(sizes[:-1], out=starts[1:])
    return np.add.reduceat(table[np.array(ids, np.int64)], starts, axis=0)
