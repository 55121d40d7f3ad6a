"""The link stage's unit of work: what one run reads and writes, cached in memory, flushed once.

Linking a new article touches a handful of rows (its candidate entities, stories and facts);
:class:`LinkState` loads exactly those on demand through indexed look-ups, keeps every change
in memory and writes them in one transaction at :meth:`flush`.  A full re-link starts from
empty tables (``fresh``) and never reads the database at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from lagebild.store import Store


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class LinkState:
    """Rows of one link run, loaded lazily and written together."""

    def __init__(self, store: Store, *, fresh: bool) -> None:
        self.store = store
        self.fresh = fresh
        self._index: dict[tuple[str, str], set[str]] = {}
        self._new_index: set[tuple[str, str, str]] = set()
        self._dropped_index: set[tuple[str, str, str]] = set()
        self._unread: dict[tuple[str, str], set[str]] = defaultdict(set)  # added to keys not read yet
        self._rows: dict[str, dict[str, Any]] = {}  # "table:id" -> row (None when absent)
        self._dirty: dict[str, set[str]] = defaultdict(set)
        self._deleted: dict[str, set[str]] = defaultdict(set)
        self.mentions: dict[str, list[dict[str, Any]]] = {}  # article -> mention_entities rows
        self.story_of: dict[str, str] = {}  # article -> story (new memberships)
        self.duplicates: dict[str, tuple[str, float]] = {}
        self.fact_events: dict[tuple[str, int, str], dict[str, Any]] = {}
        self.link_articles: dict[str, dict[str, Any]] = {}  # new link_articles rows (data)

    # --- the inverted index -----------------------------------------------------------------

    def lookup(self, kind: str, keys: Iterable[str]) -> dict[str, set[str]]:
        keys = list(dict.fromkeys(keys))
        missing = [k for k in keys if (kind, k) not in self._index]
        if missing and not self.fresh:
            found = self.store.index_refs(kind, missing)
            for k in missing:
                self._index[(kind, k)] = found.get(k, set())
        else:
            for k in missing:
                self._index[(kind, k)] = set()
        for k in missing:  # refs added before the key was read
            for ref in sorted(self._unread.pop((kind, k), ())):
                self._add(kind, k, ref)
        return {k: self._index[(kind, k)] for k in keys}

    def add_index(self, kind: str, key: str, ref: str) -> None:
        """Add a ref; for a key not read yet, the stored refs are read in one batch later."""
        if (kind, key) in self._index or self.fresh:
            self.lookup(kind, [key])
            self._add(kind, key, ref)
        else:
            self._unread[(kind, key)].add(ref)

    def _add(self, kind: str, key: str, ref: str) -> None:
        refs = self._index[(kind, key)]
        if ref not in refs:
            refs.add(ref)
            self._new_index.add((kind, key, ref))
            self._dropped_index.discard((kind, key, ref))

    def _read_unread(self) -> None:
        by_kind: dict[str, list[str]] = defaultdict(list)
        for kind, key in sorted(self._unread):
            by_kind[kind].append(key)
        for kind, keys in by_kind.items():
            self.lookup(kind, keys)

    def drop_index(self, kind: str, key: str, ref: str) -> None:
        refs = self.lookup(kind, [key])[key]
        if ref in refs:
            refs.discard(ref)
            if (kind, key, ref) in self._new_index:
                self._new_index.discard((kind, key, ref))
            else:
                self._dropped_index.add((kind, key, ref))

    # --- rows of entities, stories, facts, link_articles --------------------------------------

    def get(self, table: str, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Rows by id (absent ids are left out)."""
        ids = list(dict.fromkeys(ids))
        missing = [i for i in ids if f"{table}:{i}" not in self._rows]
        if missing and not self.fresh:
            for data in self.store.link_rows(table, missing):
                self._rows[f"{table}:{data['id']}"] = data
        for i in missing:
            self._rows.setdefault(f"{table}:{i}", None)  # type: ignore[arg-type]
        out = {}
        for i in ids:
            row = self._rows.get(f"{table}:{i}")
            if row is not None:
                out[i] = row
        return out

    def one(self, table: str, id_: str) -> dict[str, Any] | None:
        return self.get(table, [id_]).get(id_)

    def put(self, table: str, row: dict[str, Any]) -> None:
        self._rows[f"{table}:{row['id']}"] = row
        self._dirty[table].add(row["id"])
        self._deleted[table].discard(row["id"])

    def remove(self, table: str, id_: str) -> None:
        self._rows[f"{table}:{id_}"] = None  # type: ignore[assignment]
        self._dirty[table].discard(id_)
        self._deleted[table].add(id_)

    def dirty(self, table: str) -> list[dict[str, Any]]:
        return [self._rows[f"{table}:{i}"] for i in sorted(self._dirty[table])]

    def loaded(self, table: str) -> list[dict[str, Any]]:
        prefix = table + ":"
        return [row for key, row in self._rows.items() if key.startswith(prefix) and row is not None]

    # --- writing ------------------------------------------------------------------------------

    def flush(self) -> None:
        """Write every change in one transaction."""
        self._read_unread()
        self.store.write_link_state(
            rows={table: (sorted(self._deleted[table] | self._dirty[table]), self.dirty(table))
                  for table in ("entities", "stories", "facts")},
            dropped_index=sorted(self._dropped_index), new_index=sorted(self._new_index),
            link_articles=self.link_articles, mentions=self.mentions, story_of=self.story_of,
            duplicates=self.duplicates, fact_events=self.fact_events)
