"""The link stage's unit of work: what one run reads and writes, cached in memory, flushed once.

Linking a new article touches a handful of rows (its candidate entities, stories and facts);
:class:`LinkState` loads exactly those on demand through indexed look-ups, keeps every change
in memory and writes them in one transaction at :meth:`flush`.  A full re-link starts from
empty tables (``fresh``) and never reads the database at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import bindparam, delete, insert, select

from lagebild.store import schema as t

_CHUNK = 400


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    """``items`` in slices of ``size`` (IN lists and inserts stay under the drivers' limits)."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


class LinkState:
    """Rows of one link run, loaded lazily and written together."""

    def __init__(self, engine: Any, *, fresh: bool) -> None:
        self.engine = engine
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
        self.fact_events: dict[tuple[str, int], dict[str, Any]] = {}
        self.link_articles: dict[str, dict[str, Any]] = {}  # new link_articles rows (data)

    # --- the inverted index -----------------------------------------------------------------

    def lookup(self, kind: str, keys: Iterable[str]) -> dict[str, set[str]]:
        keys = list(dict.fromkeys(keys))
        missing = [k for k in keys if (kind, k) not in self._index]
        if missing and not self.fresh:
            found: dict[str, set[str]] = defaultdict(set)
            with self.engine.connect() as conn:
                for chunk in chunks(missing):
                    rows = conn.execute(select(t.link_index.c.key, t.link_index.c.ref).where(
                        (t.link_index.c.kind == kind) & t.link_index.c.key.in_(chunk)))
                    for key, ref in rows:
                        found[key].add(ref)
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

    def _table(self, name: str) -> Any:
        return {"entities": t.entities, "stories": t.stories, "facts": t.facts,
                "link_articles": t.link_articles}[name]

    def get(self, table: str, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Rows by id (absent ids are left out)."""
        ids = list(dict.fromkeys(ids))
        missing = [i for i in ids if f"{table}:{i}" not in self._rows]
        if missing and not self.fresh:
            tab = self._table(table)
            pk = tab.c.article_id if table == "link_articles" else tab.c.id
            with self.engine.connect() as conn:
                for chunk in chunks(missing):
                    for row in conn.execute(select(tab).where(pk.in_(chunk))):
                        data = dict(row._mapping)
                        if table == "link_articles":
                            data = {"id": data["article_id"], **(data["data"] or {})}
                        elif table == "facts" and data.get("first_reported") is not None:
                            data["first_reported"] = data["first_reported"].isoformat()
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
        stamp = now()
        with self.engine.begin() as conn:
            for table in ("entities", "stories", "facts"):
                tab = self._table(table)
                gone = sorted(self._deleted[table] | self._dirty[table])
                for chunk in chunks(gone):
                    conn.execute(delete(tab).where(tab.c.id.in_(chunk)))
                rows = [{c.name: row.get(c.name) for c in tab.columns} for row in self.dirty(table)]
                if table == "facts":
                    for row in rows:
                        if row["first_reported"]:
                            row["first_reported"] = date.fromisoformat(row["first_reported"])
                for chunk in chunks(rows):
                    conn.execute(insert(tab), chunk)
            if self._dropped_index:  # one indexed delete per row (row-value IN lists are not indexed)
                li = t.link_index.c
                conn.execute(delete(t.link_index).where(
                    (li.kind == bindparam("k")) & (li.key == bindparam("y")) & (li.ref == bindparam("r"))),
                    [{"k": k, "y": y, "r": r} for k, y, r in sorted(self._dropped_index)])
            rows = [{"kind": k, "key": key, "ref": ref} for k, key, ref in sorted(self._new_index)]
            for chunk in chunks(rows, 2000):
                conn.execute(insert(t.link_index), chunk)
            arts = sorted(self.link_articles)
            for chunk in chunks(arts):
                conn.execute(delete(t.link_articles).where(t.link_articles.c.article_id.in_(chunk)))
                conn.execute(delete(t.mention_entities).where(t.mention_entities.c.article_id.in_(chunk)))
            rows = [{"article_id": a, "linked_at": stamp, "data": self.link_articles[a]} for a in arts]
            for chunk in chunks(rows):
                conn.execute(insert(t.link_articles), chunk)
            rows = [row for a in arts for row in self.mentions.get(a, [])]
            for chunk in chunks(rows, 2000):
                conn.execute(insert(t.mention_entities), chunk)
            memberships = sorted(self.story_of.items())
            for chunk in chunks(memberships):
                conn.execute(delete(t.story_articles).where(
                    t.story_articles.c.article_id.in_([a for a, _ in chunk])))
                conn.execute(insert(t.story_articles), [{"article_id": a, "story_id": s} for a, s in chunk])
            dups = sorted(self.duplicates.items())
            for chunk in chunks(dups):
                conn.execute(delete(t.duplicates).where(t.duplicates.c.article_id.in_([a for a, _ in chunk])))
                conn.execute(insert(t.duplicates), [
                    {"article_id": a, "original_id": o, "similarity": s} for a, (o, s) in chunk])
            keys = sorted(self.fact_events)
            if keys:
                fe = t.fact_events.c
                conn.execute(delete(t.fact_events).where((fe.article_id == bindparam("a")) & (fe.idx == bindparam("i"))),
                             [{"a": a, "i": i} for a, i in keys])
            for chunk in chunks(keys):
                conn.execute(insert(t.fact_events), [self.fact_events[k] for k in chunk])
