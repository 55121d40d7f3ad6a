"""The store interface: everything lagebild reads from and writes to its database.

Every layer above the store (link, services, and through them the CLI, the API, the web page
and the report) holds a :class:`Store` and calls its methods; all SQL lives in the backends under
``lagebild.store`` (:mod:`lagebild.store.sql`: SQLite and PostgreSQL).
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lagebild import settings
from lagebild.model import Analysis, Article

if TYPE_CHECKING:
    from lagebild.store.search import SearchResult


def resolve_url(db: str | os.PathLike[str] | None) -> str:
    """``--db`` value (path or URL), else the ``db`` setting (``LAGEBILD_DB``, else ``./lagebild.db``)
    → SQLAlchemy URL."""
    value = str(db) if db else settings.load().db
    if "://" in value:
        if value.startswith("postgresql://"):
            value = "postgresql+psycopg://" + value[len("postgresql://"):]
        elif value.startswith("postgres://"):
            value = "postgresql+psycopg://" + value[len("postgres://"):]
        return value
    return f"sqlite:///{Path(value).expanduser()}"


class Store(ABC):
    """A lagebild database, migrated to the newest schema when opened.

    Rows handed out (``Any`` below) are read-only records with attribute access (``row.id``);
    everything else is plain values and dicts.  One test suite runs on every backend
    (``tests/store``).
    """

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None, *, migrate: bool = True, create: bool = True) -> "Store":
        """The store at ``db`` (path or URL; default ``LAGEBILD_DB`` or ``./lagebild.db``); a new
        SQLite file only with ``create``, and only in a folder that exists."""
        from lagebild.store.sql import open_store  # cycle: the backends subclass Store

        return open_store(db, migrate=migrate, create=create)

    @property
    @abstractmethod
    def dialect(self) -> str:
        """The backend's name: ``sqlite`` or ``postgresql``."""

    # --- articles and analyses ---------------------------------------------------------------------

    @abstractmethod
    def add_article(self, article: Article) -> bool:
        """Store one article; False when an article with the same id is already stored."""

    @abstractmethod
    def add_articles(self, articles: Iterable[Article]) -> list[str]:
        """Store many articles in one transaction; the ids of those added (ones already stored or
        repeated left out)."""

    @abstractmethod
    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""

    @abstractmethod
    def get_article(self, article_id: str) -> Article | None:
        """One stored article, or None."""

    @abstractmethod
    def article_ids(self) -> list[str]:
        """Every article id, sorted."""

    @abstractmethod
    def iter_articles(self, ids: Iterable[str] | None = None, *, batch: int = 500) -> Iterator[Article]:
        """Articles ordered by publication date (unknown last), then id."""

    @abstractmethod
    def count(self, table: str) -> int:
        """How many rows the table ``table`` holds."""

    @abstractmethod
    def pending_analysis(self, signature: str) -> list[str]:
        """Ids of articles not yet analysed with the pipeline ``signature``."""

    @abstractmethod
    def save_analysis(self, analysis: Analysis, signature: str) -> None:
        """Replace the stored layers of one article, atomically."""

    @abstractmethod
    def save_analyses(self, results: Sequence[tuple[Analysis, str]]) -> None:
        """Replace the stored layers of several articles (analysis, signature) in one transaction."""

    @abstractmethod
    def load_layers(self, article_id: str) -> dict[str, list[dict[str, Any]]]:
        """Layer → records of one article's stored analysis (empty when not analysed)."""

    @abstractmethod
    def iter_layers(self, layer: str) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """``(article_id, records)`` for one layer across all articles."""

    @abstractmethod
    def log_problem(self, stage: str, source: str, reason: str) -> None:
        """Record a skipped input (stage, source, reason); never fails."""

    # --- the link stage's data ---------------------------------------------------------------------

    @abstractmethod
    def link_pending(self, mark: datetime | None) -> tuple[list[str], list[str], datetime | None]:
        """(never linked, re-analysed since linked) article ids and the newest analysis time seen."""

    @abstractmethod
    def link_meta(self, key: str) -> str | None:
        """A bookkeeping value of the link stage (kept in link_index under kind "meta")."""

    @abstractmethod
    def has_linked_articles(self) -> bool:
        """Whether the link stage has linked any article."""

    @abstractmethod
    def has_entities(self) -> bool:
        """Whether any canonical entity is stored."""

    @abstractmethod
    def clear_link(self) -> None:
        """Empty every table the link stage fills."""

    @abstractmethod
    def layers_of(self, ids: list[str]) -> dict[str, dict[str, list[dict[str, Any]]]]:
        """Article id → layer → records, for some articles (all layers)."""

    @abstractmethod
    def article_texts(self, ids: list[str]) -> dict[str, str]:
        """Article id → stored text, for some articles."""

    @abstractmethod
    def judgements(self) -> list[tuple[str, str, str]]:
        """Every stored judgement as (a, b, verdict)."""

    @abstractmethod
    def put_judgement(self, a: str, b: str, verdict: str) -> None:
        """Record (or replace) the judgement on the pair ``a`` < ``b``."""

    @abstractmethod
    def index_refs(self, kind: str, keys: Sequence[str]) -> dict[str, set[str]]:
        """Refs filed under each key of one kind of the link index (keys without refs left out)."""

    @abstractmethod
    def link_rows(self, table: str, ids: Sequence[str]) -> list[dict[str, Any]]:
        """Rows of ``entities``, ``stories``, ``facts`` (first_reported as ISO text) or
        ``link_articles`` (its data, with the article as ``id``) by id."""

    @abstractmethod
    def story_fact_ids(self, stories: Iterable[str], *, types: tuple[str, ...] | None = None,
            top: int | None = None) -> set[str]:
        """Ids of the facts of some stories (only ``types``; per story only the ``top`` by origins)."""

    @abstractmethod
    def story_members(self, stories: Collection[str]) -> list[tuple[str, str, str | None]]:
        """(article, story, published as ISO text) for the articles of the given stories."""

    @abstractmethod
    def write_link_state(self, *, rows: dict[str, tuple[Sequence[str], Sequence[dict[str, Any]]]],
            dropped_index: Sequence[tuple[str, str, str]], new_index: Sequence[tuple[str, str, str]],
            link_articles: dict[str, dict[str, Any]], mentions: dict[str, list[dict[str, Any]]],
            story_of: dict[str, str], duplicates: dict[str, tuple[str, float]], fact_events: dict[tuple[str,
            int, str], dict[str, Any]]) -> None:
        """Write one link run's changes in one transaction."""

    @abstractmethod
    def write_link_results(self, *, views: dict[str, Sequence[Any]], dropped: Sequence[str],
            discrepancies: Sequence[dict[str, Any]], summaries: Sequence[dict[str, Any]],
            all_views: bool = False, done: str | None = None) -> None:
        """Replace the read models of the facts and stories given (``views``: ``fact_ids`` and
        ``story_ids`` whose rows go, ``fact_views`` and ``story_views`` rows to insert; with
        ``all_views`` every old row goes), drop the ``dropped`` discrepancies and replace the new
        ones and the summaries, and remove the bookkeeping value ``done`` (a mark that these
        results are still to be written), in one transaction."""

    @abstractmethod
    def entity_of_mention(self, article_id: str, idx: int) -> dict[str, Any] | None:
        """``{"entity": id, "name": canonical name}`` for one entity mention, or None when unlinked."""

    @abstractmethod
    def has_entity(self, entity_id: str) -> bool:
        """Whether a canonical entity with this id is stored."""

    @abstractmethod
    def link_tables(self) -> dict[str, Any]:
        """Every row the link stage stored, for the export: ``entities`` (by id),
        ``mention_entities`` (by article and index), ``stories``, ``story_articles``, ``facts``,
        ``discrepancies``, ``summaries`` (by id) and ``duplicates`` (by article)."""

    @abstractmethod
    def mention_entity_names(self) -> dict[tuple[str, int], tuple[str, str]]:
        """(article, mention index) → (entity id, canonical name) for every linked mention."""

    @abstractmethod
    def story_of_articles(self) -> dict[str, str]:
        """Article id → story id, for every article in a story."""

    @abstractmethod
    def story_article_ids(self, story_id: str) -> set[str]:
        """Ids of the articles of one story."""

    # --- read models -------------------------------------------------------------------------------

    @abstractmethod
    def compute_story_views(self, story_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Aggregates of the given stories: article and fact counts, first/last publication date,
        the latest articles, the most mentioned entities and, per origin and outlet, the articles
        and facts that echo it."""

    @abstractmethod
    def story_views(self, story_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The stories' views as the link stage stored them; computed here for a story without one."""

    @abstractmethod
    def fact_mention_rows(self, fact_ids: Sequence[str], articles: Sequence[str] | None = None) -> list[Any]:
        """Mention rows (fact_id, article_id, idx, origin, outlet, title, published) of the facts,
        only those in ``articles`` when given."""

    @abstractmethod
    def fact_records(self, fact_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The facts as :func:`fact_record` dicts (data with the first mention only)."""

    @abstractmethod
    def fact(self, fact_id: str) -> dict[str, Any] | None:
        """One fact as a :func:`fact_record` dict with its whole data."""

    @abstractmethod
    def entity_names(self, ids: Sequence[str]) -> dict[str, str]:
        """Entity id → canonical name (unknown ids left out)."""

    @abstractmethod
    def fact_view_previews(self, fact_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The stored preview (mention count, first mentions) of each fact that has one."""

    @abstractmethod
    def stored_fact_docs(self, fact_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The list form of each fact the link stage stored one for."""

    @abstractmethod
    def all_ids(self, table: str) -> list[str]:
        """Every id of ``stories`` or ``facts``."""

    # --- reads for the services' queries -----------------------------------------------------------

    @abstractmethod
    def fact_ids(self, *, type: str | None = None, status: str | None = None, story: str | None = None,
            entity: str | None = None, least: float | None = None, limit: int | None = None,
            offset: int = 0) -> list[str]:
        """Ids of the facts that pass the filters (``entity``: an entity id the fact names; ``least``:
        an event behind the fact at least this sure, or one of the rules, which give no confidence),
        most corroborated first, then first reported, then id; a page of them with ``limit``."""

    @abstractmethod
    def fact_times(self, *, type: str | None = None, status: str | None = None, story: str | None = None,
            entity: str | None = None, least: float | None = None) -> list[tuple[str, str]]:
        """(id, time) of the facts with a time that pass the filters, in :meth:`fact_ids` order."""

    @abstractmethod
    def count_facts(self, *, type: str | None = None, status: str | None = None, story: str | None = None,
            entity: str | None = None, least: float | None = None) -> int:
        """How many facts pass the filters (as for :meth:`fact_ids`)."""

    @abstractmethod
    def discrepancy_rows(self, ids: Sequence[str]) -> list[Any]:
        """The discrepancy rows with these ids."""

    @abstractmethod
    def stories_page(self, *, limit: int, offset: int) -> tuple[int, list[Any]]:
        """(how many stories, a page of (id, title) rows), newest first by the date of their
        latest article as the link stage records it."""

    @abstractmethod
    def story_row(self, story_id: str) -> Any | None:
        """One story row (id, title, data), or None."""

    @abstractmethod
    def story_title(self, story_id: str) -> str | None:
        """The title of one story, or None when there is no such story."""

    @abstractmethod
    def summary_row(self, story_id: str) -> Any | None:
        """The summary row (language, data) of one story, or None."""

    @abstractmethod
    def entity_rows(self, ids: Sequence[str]) -> list[Any]:
        """(id, name, type, aliases) rows of the entities given."""

    @abstractmethod
    def entities_of_type(self, type: str | None = None) -> list[Any]:
        """Every entity row (only those of ``type``), by name then id."""

    @abstractmethod
    def entity_row(self, entity_id: str) -> Any | None:
        """One canonical entity row, or None."""

    @abstractmethod
    def mention_counts(self, entity_ids: Sequence[str]) -> dict[str, int]:
        """Entity id → how many mentions are linked to it (entities without any left out)."""

    @abstractmethod
    def mention_count(self, entity_id: str) -> int:
        """How many mentions are linked to one entity."""

    @abstractmethod
    def entities_by_mentions(self) -> list[Any]:
        """Every entity row with its mention count ``n`` (None for none), most mentioned first."""

    @abstractmethod
    def iter_linked_mentions(self, *, entity: str | None = None, article: str | None = None) -> Iterator[Any]:
        """(article_id, idx, entity_id) rows of the mentions linked to ``entity`` (else those of
        ``article``; both: the entity's mentions in that article), streamed."""

    @abstractmethod
    def layer(self, article_id: str, layer: str) -> list[dict[str, Any]]:
        """One analysis layer of one article (empty when absent)."""

    @abstractmethod
    def layer_of(self, ids: Sequence[str], layer: str) -> dict[str, list[dict[str, Any]]]:
        """One analysis layer of some articles: id → its records (articles without it left out)."""

    @abstractmethod
    def article_meta(self, ids: Sequence[str]) -> dict[str, Any]:
        """Article id → (id, title, outlet, published) row."""

    @abstractmethod
    def articles_page(self, *, story: str | None = None, outlet: str | None = None,
            language: str | None = None, limit: int, offset: int) -> tuple[int, list[Any]]:
        """(how many articles pass the filters, a page of their rows), newest first."""

    @abstractmethod
    def article_links(self, article_id: str) -> tuple[dict[int, tuple[str, str | None]], dict[int, str],
            str | None]:
        """What linking made of one article: mention index → (entity id, name), event index →
        fact id, and its story."""

    # --- reads for the workbench (facts explorer, source map, outlets) ---------------------------

    @abstractmethod
    def fact_facets(self, *, type: str | None = None, status: str | None = None, story: str | None = None,
            entity: str | None = None, least: float | None = None) -> list[Any]:
        """(id, time, independent_origins, first_reported) rows of the facts that pass the filters,
        in :meth:`fact_ids` order."""

    @abstractmethod
    def fact_ids_reported(self, *, outlet: str | None = None, origin: str | None = None) -> set[str]:
        """Ids of the facts with a mention in an article of ``outlet`` and (or) from the origin key ``origin``."""

    @abstractmethod
    def fact_mention_totals(self, fact_ids: Sequence[str]) -> dict[str, int]:
        """Fact id → how many mentions back it (facts without any left out)."""

    @abstractmethod
    def fact_confidences(self, fact_ids: Sequence[str]) -> dict[str, tuple[float | None, bool]]:
        """Fact id → (the highest confidence of the events behind it, None where none has one;
        whether an event without a confidence, a rule's, backs it), as the link stage stored them."""

    @abstractmethod
    def fact_options(self) -> dict[str, list[str]]:
        """``types`` and ``statuses`` of the facts the store holds."""

    @abstractmethod
    def outlet_rows(self) -> list[Any]:
        """(outlet, articles, first, last) per outlet, most articles first."""

    # --- full-text search --------------------------------------------------------------------------

    @abstractmethod
    def index_articles(self, ids: Iterable[str] | None = None) -> int:
        """Index the queued articles and ``ids``; how many were indexed (0 where the database
        keeps its index in step by itself)."""

    @abstractmethod
    def pending_search_count(self) -> int:
        """How many articles wait to be indexed (0 where the index keeps itself in step)."""

    @abstractmethod
    def ensure_indexed(self) -> int:
        """Index the queued articles, if any (cheap when the queue is empty)."""

    @abstractmethod
    def search(self, query: str, *, limit: int = 20, offset: int = 0, story: str | None = None,
            language: str | None = None, order: str = "auto") -> SearchResult:
        """Articles matching every word of ``query`` (in any inflected form)."""

    # --- the database ------------------------------------------------------------------------------

    @abstractmethod
    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision."""

    @abstractmethod
    def close(self) -> None:
        """Release the connections."""

    @abstractmethod
    def info(self) -> dict[str, Any]:
        """What the store holds: counts per table, languages, date range."""
