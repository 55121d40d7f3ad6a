"""REST endpoints under /api/v1.  Thin: each one calls a query in ``lagebild.services.queries``."""

from __future__ import annotations

import hmac
from datetime import date
from typing import Any, Literal

import orjson
from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from lagebild.model.events import EVENT_TYPES, STATUSES
from lagebild.services import commands, exports, queries
from lagebild.services.queries import run_read as run_query
from lagebild.store import Store
from lagebild.store.search import RANK_LIMIT

router = APIRouter()

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000
MAX_ARTICLES_PER_POST = 1000
ID = Query(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")


class ErrorDetail(BaseModel):
    status: int
    message: str


class ErrorOut(BaseModel):
    error: ErrorDetail


class PageOut(BaseModel):
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    order: str | None = Field(None, description="search only: the order used (relevance or recent)")
    total_exact: bool | None = Field(None, description="search only: false when more articles match than "
                                                        "were counted (total is then a lower bound)")


class SpanOut(BaseModel):
    start: int = Field(description="character offset in the article text")
    end: int
    text: str | None = None


class SpeakerOut(BaseModel):
    entity: str | None = Field(None, description="entity id of the speaker, when linked")
    name: str | None = None
    start: int | None = None
    end: int | None = None


class QuoteOut(BaseModel):
    article: str
    index: int = Field(description="the quote's place in the article's quotes layer")
    start: int
    end: int
    text: str
    kind: str | None = Field(None, description="direct or indirect")
    cue: SpanOut | None = None
    speaker: SpeakerOut
    cue_extra: SpanOut | None = Field(None, description="the cue's second part ('teilte … mit')")
    gaps: list[SpanOut] = Field(default_factory=list, description="stretches inside start..end that are not part "
                                                                  "of the message (the source set into it)")
    frame: list[SpanOut] = Field(default_factory=list, description="the cue's clause that introduces the message")
    addressee: SpanOut | None = Field(None, description="whom the message is told to ('der Presse')")
    quoted: list[SpanOut] = Field(default_factory=list, description="the speaker's own words quoted inside an "
                                                                    "indirect message (nested direct quotes)")
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    name: str | None = Field(None, description="the article's display name")


class QuotePageOut(BaseModel):
    items: list[QuoteOut]
    total: int
    limit: int
    offset: int
    total_exact: bool | None = Field(None, description="false when more of the speaker's articles were left "
                                                       "unread (total is then a lower bound)")


ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "not found"},
    413: {"model": ErrorOut, "description": "request body too large"},
    422: {"model": ErrorOut, "description": "invalid request"},
}


class FastJSON(JSONResponse):
    """JSON without a second validation pass over the (already plain) query results."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, default=str, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME)


async def store_of(request: Request) -> Store:
    return request.app.state.store


async def paging(limit: int = Query(50, ge=1, le=MAX_LIMIT, description="items per page"),
                 offset: int = Query(0, ge=0, le=MAX_OFFSET, description="items to skip")) -> dict[str, int]:
          return {"limit": limit, "offset": offset}


def _found(item: dict[str, Any] | None, what: str, key: str) -> dict[str, Any]:
          if item is None:
              raise HTTPException(404, f"no {what} with id {key!r}")
          return item


@router.get("/stories", response_model=PageOut, responses=ERRORS, tags=["stories"])
async def stories(store: Store = Depends(store_of), page: dict = Depends(paging)) -> Any:
    """Stories (clusters of articles about one developing story), newest first."""
    return FastJSON((await run_query(store, queries.list_stories, store, **page)).to_dict())


@router.get("/stories/{story_id}", responses=ERRORS, tags=["stories"])
async def story(story_id: str, store: Store = Depends(store_of)) -> Any:
    """One story: cited summary, facts, timeline, entities, sources (origins and the outlets echoing them)."""
    return FastJSON(_found(await run_query(store, queries.get_story, store, story_id), "story", story_id))


ExportFormat = Literal[tuple(exports.FORMATS)]  # type: ignore[valid-type]


@router.get("/stories/{story_id}/export", responses=ERRORS, tags=["stories"])
def story_export(story_id: str, store: Store = Depends(store_of),
                 format: ExportFormat = Query("json", description=(
                     "json: the export contract; ftm: FollowTheMoney entities as JSON Lines (Aleph); "
                     "graphml: the entity graph (Gephi); facts.csv: the facts table"))) -> Any:
    """The story as a document in the export contract (schema ``lagebild/1``, DESIGN §4), or in
    another format as a download."""
    if queries.get_story_title(store, story_id) is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    doc = commands.export_picture(store, story_id)
    if format == "json":
        return FastJSON(doc)
    media, suffix, text = exports.FORMATS[format]
    name = "lagebild-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in story_id) + suffix
    return Response(text(doc), media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


Status = Literal[STATUSES]  # type: ignore[valid-type]
FactType = Literal[EVENT_TYPES]  # type: ignore[valid-type]


@router.get("/facts", response_model=PageOut, responses=ERRORS, tags=["facts"])
async def facts(store: Store = Depends(store_of), page: dict = Depends(paging),
                type: FactType | None = Query(None, description="event type, e.g. SUPPLY"),
                entity: str | None = Query(None, max_length=64, description="entity id taking part"),
                status: Status | None = Query(None, description="epistemic status"),
                story: str | None = Query(None, max_length=64, description="story id"),
                since: str | None = Query(None, max_length=32,
                                          description="keep facts whose time reaches this date"),
                until: str | None = Query(None, max_length=32,
                                          description="keep facts whose time begins by this date"),
                min_confidence: float | None = Query(
                    None, ge=0, le=1, description="keep facts with an event behind them that the extractor is "
                                                  "at least this sure of (0-1); events of the rules, which give "
                                                  "no confidence, count as sure"),
                ) -> Any:
    """Facts (events merged across articles), most independently corroborated first."""
    try:
        found = await run_query(store, queries.list_facts, store, type=type, entity=entity, status=status,
                                story=story, since=since, until=until, min_confidence=min_confidence, **page)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
    return FastJSON(found.to_dict())


@router.get("/facts/{fact_id}", responses=ERRORS, tags=["facts"])
async def fact(fact_id: str, store: Store = Depends(store_of)) -> Any:
    """One fact with every mention: article, outlet, origin and the offsets of its sentence."""
    return FastJSON(_found(await run_query(store, queries.get_fact, store, fact_id), "fact", fact_id))


@router.get("/entities", response_model=PageOut, responses=ERRORS, tags=["entities"])
def entities(store: Store = Depends(store_of), page: dict = Depends(paging),
             q: str | None = Query(None, max_length=200, description="part of the name or of any alias"),
             type: Literal["PER", "ORG", "LOC", "GPE", "MISC"] | None = Query(None)) -> Any:
    """Canonical entities, searched by any alias."""
    return FastJSON(queries.list_entities(store, q=q, type=type, **page).to_dict())


@router.get("/entities/{entity_id}", responses=ERRORS, tags=["entities"])
async def entity(entity_id: str, store: Store = Depends(store_of)) -> Any:
    """One entity with its aliases, its facts and its quotes (first pages)."""
    return FastJSON(_found(await run_query(store, queries.get_entity, store, entity_id), "entity", entity_id))


@router.get("/quotes", response_model=QuotePageOut, responses=ERRORS, tags=["quotes"])
def quotes(store: Store = Depends(store_of), page: dict = Depends(paging),
           speaker: str | None = Query(None, max_length=64, description="entity id of the speaker"),
           article: str | None = Query(None, max_length=64, description="article id")) -> Any:
    """Quotes (direct and indirect) with cue and speaker, frame, addressee and the words quoted inside
    an indirect message (each with its offsets in the article), by speaker or by article."""
    if not speaker and not article:
        raise HTTPException(422, "give a speaker (entity id) or an article id")
    return FastJSON(queries.list_quotes(store, speaker=speaker, article=article, **page).to_dict())


@router.get("/articles", response_model=PageOut, responses=ERRORS, tags=["articles"])
async def articles(store: Store = Depends(store_of), page: dict = Depends(paging),
                   story: str | None = Query(None, max_length=64), outlet: str | None = Query(None, max_length=200),
                   language: str | None = Query(None, max_length=8)) -> Any:
    """Articles (metadata only), newest first."""
    found = await run_query(store, queries.list_articles, store, story=story, outlet=outlet, language=language,
                            **page)
    return FastJSON(found.to_dict())


@router.get("/articles/{article_id}", responses=ERRORS, tags=["articles"])
async def article(article_id: str, store: Store = Depends(store_of)) -> Any:
    """The stored text with the spans (kind, start, end, details) of every extracted item."""
    return FastJSON(_found(await run_query(store, queries.get_article, store, article_id), "article", article_id))


@router.get("/search", response_model=PageOut, responses=ERRORS, tags=["search"])
async def search(store: Store = Depends(store_of), page: dict = Depends(paging),
                 q: str = Query(..., min_length=1, max_length=500,
                                description='words (any inflected form), "phrases" and prefix* terms'),
                 story: str | None = Query(None, max_length=64), language: str | None = Query(None, max_length=8),
                 order: Literal["auto", "relevance", "recent"] = Query(
                     "auto", description="relevance (BM25), recent (newest first), or auto: relevance unless "
                                         f"more than {RANK_LIMIT} articles match"),
                 ) -> Any:
    """Full-text search over titles and texts; German word forms match ("Raketen" finds "Rakete")."""
    if queries.search_pending(store):  # indexing the queue is a write: keep it off the event loop
        result = await run_in_threadpool(queries.search, store, q, story=story, language=language, order=order,
                                         **page)
    else:
        result = await run_query(store, queries.search, store, q, story=story, language=language, order=order,
                                 **page)
    return FastJSON({"items": result.hits, "total": result.total, "total_exact": result.total_exact,
                     "order": result.order, **page})


# --- writing --------------------------------------------------------------------------------------


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=2_000_000)
    title: str | None = Field(None, max_length=1000)
    published: date | None = None
    language: str | None = Field(None, max_length=8, pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
    outlet: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000, pattern=r"(?i)^\s*https?://\S+\s*$",
                            description="the article's address: http(s) only (a javascript: or data: url "
                                        "is refused, as at ingest)")
    source: str | None = Field(None, max_length=2000)


class ArticlesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES_PER_POST)


class IngestOut(BaseModel):
    added: list[str]
    existing: list[str]
    analyzed: int
    linked: bool
    problems: list[str]


def require_token(request: Request) -> None:
    expected = request.app.state.token
    given = request.headers.get("authorization", "")
    given = given[7:].strip() if given.lower().startswith("bearer ") else request.headers.get("x-api-token", "")
    if not expected:
        raise HTTPException(401, "writing through the API is off: no LAGEBILD_API_TOKEN is configured",
                            headers={"WWW-Authenticate": "Bearer"})
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "a valid token is required (Authorization: Bearer <token>)",
                            headers={"WWW-Authenticate": "Bearer"})


@router.post("/articles", status_code=201, response_model=IngestOut,
             responses={**ERRORS, 401: {"model": ErrorOut, "description": "no or wrong token"}},
             dependencies=[Depends(require_token)], tags=["articles"])
def add_articles(body: ArticlesIn | ArticleIn, request: Request) -> Any:
    """Ingest one or many articles, then analyse and link what was added (needs the token)."""
    from lagebild.api.write import ingest_and_link  # lazy: the write path loads the analysis models

    items = body.articles if isinstance(body, ArticlesIn) else [body]
    with request.app.state.write_lock:
        return ingest_and_link(request.app.state.store, [i.model_dump() for i in items])
