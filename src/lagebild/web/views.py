"""The server-rendered web page (Jinja2, autoescaped; a strict Content-Security-Policy on top)."""

from __future__ import annotations

from datetime import date
from functools import partial
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.concurrency import run_in_threadpool

from lagebild.services import queries
from lagebild.services import workbench as workbench_queries
from lagebild.services.queries import run_read as run_query
from lagebild.web import render
from lagebild.web import workbench

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
PAGE = 50

#: the story's downloads the API serves (``/api/v1/stories/{id}/export?format=…``): format → what the link says
DOWNLOADS = (("json", "the picture (JSON, export contract)"),
             ("ftm", "entities for Aleph (FollowTheMoney, JSON Lines)"),
             ("graphml", "entity graph for Gephi (GraphML)"),
             ("facts.csv", "facts table (CSV)"))


class _Env(Environment):
    """Looks a dict's keys up before its attributes: the pages render plain dicts (``fact.id``),
    and the default order (attribute, then item) costs an exception per lookup, which on a story
    page with a few hundred cells is a large part of its time.  A key never hides a method the
    templates call (``counts.get(…)``): a missing key falls back to the attribute."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def _templates() -> Jinja2Templates:
    folder = resources.files("lagebild.web") / "templates"
    env = _Env(loader=FileSystemLoader(str(folder)), autoescape=True,  # every template, whatever its name
               auto_reload=False)  # packaged templates do not change while the server runs
    templates = Jinja2Templates(env=env)
    templates.env.globals.update(fact_row=render.fact_row, args_view=render.args_view,
                                 origin_label=render.origin_label)
    return templates


def _page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    response = request.app.state.templates.TemplateResponse(request, name, context, status_code=status)
    return response


def error_page(request: Request, status: int, message: str) -> Response:
    templates = getattr(request.app.state, "templates", None)
    if templates is None:
        return HTMLResponse(f"<h1>{status}</h1>", status_code=status)
    return _page(request, "error.html", status=status, status_code=status, message=message)


def _paging(offset: int, limit: int, total: int) -> dict[str, Any]:
    return {"offset": offset, "limit": limit, "total": total,
            "prev": max(offset - limit, 0) if offset > 0 else None,
            "next": offset + limit if offset + limit < total else None}


def _focus(value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    try:
        a, b = (int(x) for x in value.split("-", 1))
    except ValueError as exc:
        raise HTTPException(422, f"focus must be START-END (character offsets), not {value!r}") from exc
    return (a, b) if 0 <= a < b else None


def _zoom(since: str | None, until: str | None) -> tuple[date | None, date | None] | None:
    """The story timeline's zoom from its URL (``tl_since``, ``tl_until``: ISO days), so a zoomed
    view can be shared; None where neither is given."""
    if not since and not until:
        return None
    try:
        return (date.fromisoformat(since) if since else None, date.fromisoformat(until) if until else None)
    except ValueError as exc:
        raise HTTPException(422, f"tl_since and tl_until must be days (YYYY-MM-DD), not {since!r}, {until!r}") from exc


class SecurityHeaders:
    """ASGI middleware: nosniff everywhere; a strict CSP and no referrer on HTML pages."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {k.lower() for k, _ in headers}
                if b"x-content-type-options" not in names:
                    headers.append((b"x-content-type-options", b"nosniff"))
                ctype = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                if ctype.startswith(b"text/html"):
                    headers += [(b"content-security-policy", CSP.encode()), (b"referrer-policy", b"no-referrer")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def install(app: FastAPI) -> None:
    """Add the pages, the static files and the security headers to ``app``."""
    app.state.templates = _templates()
    static = resources.files("lagebild.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    app.add_middleware(SecurityHeaders)
    workbench.install(app, _page)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def stories_page(request: Request, offset: int = Query(0, ge=0, le=10**9)) -> Response:
        store = request.app.state.store
        page = await run_query(store, queries.list_stories, store, limit=PAGE, offset=offset)
        return _page(request, "stories.html", stories=page.items, paging=_paging(offset, PAGE, page.total),
                     stats=await run_query(store, queries.stats, store))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(request: Request, story_id: str,
                         tl_since: str | None = Query(None, max_length=10, description="timeline zoom: first day"),
                         tl_until: str | None = Query(None, max_length=10, description="timeline zoom: last day")
                         ) -> Response:
        store = request.app.state.store
        story = await run_query(store, queries.get_story, store, story_id)
        if story is None:
            raise HTTPException(404, f"no story with id {story_id!r}")
        return _page(request, "story.html", story=story, rows=[(f, render.fact_row(f)) for f in story["facts"]],
                     downloads=[(urlencode({"format": key}), label) for key, label in DOWNLOADS],
                     timeline=render.timeline_layout(story["timeline"], view=_zoom(tl_since, tl_until)),
                     graph=render.graph_layout(story["facts"]))

    @app.get("/facts/{fact_id}", response_class=HTMLResponse, include_in_schema=False)
    async def fact_page(request: Request, fact_id: str) -> Response:
        store = request.app.state.store
        fact = await run_query(store, queries.get_fact, store, fact_id)
        if fact is None:
            raise HTTPException(404, f"no fact with id {fact_id!r}")
        return _page(request, "fact.html", fact=fact, row=render.fact_row(fact))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    async def article_page(request: Request, article_id: str, event: int | None = Query(None, ge=0, le=10**6),
                     focus: str | None = Query(None, max_length=40), q: str | None = Query(None, max_length=500)
                     ) -> Response:
        store = request.app.state.store
        article = await run_query(store, queries.get_article, store, article_id)
        if article is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        target = _focus(focus)
        if event is not None:
            ev = next((s for s in article["spans"] if s["kind"] == "event" and s["index"] == event), None)
            if ev is None:
                raise HTTPException(404, f"article {article_id!r} has no event {event}")
            target = render.sentence_around(article["sentences"], ev["start"], ev["end"])
        elif target is not None:
            target = render.sentence_around(article["sentences"], *target)
        hits = queries.search_highlights(article["text"], article["language"], q) if q else []
        runs = render.segments(article["text"], article["spans"], target, hits)
        counts: dict[str, int] = {}
        for s in article["spans"]:
            counts[s["kind"]] = counts.get(s["kind"], 0) + 1
        panel = await run_query(store, workbench_queries.article_panel, store, article["spans"])
        return _page(request, "article.html", article=article, runs=runs, counts=counts, focus=target, panel=panel,
                     focus_text=article["text"][target[0]:target[1]] if target else None)

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(request: Request, q: str | None = Query(None, max_length=200),
                      offset: int = Query(0, ge=0, le=10**9)) -> Response:
        page = queries.list_entities(request.app.state.store, q=q, limit=PAGE, offset=offset)
        return _page(request, "entities.html", entities=page.items, q=q or "",
                     paging=_paging(offset, PAGE, page.total))

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    async def entity_page(request: Request, entity_id: str) -> Response:
        store = request.app.state.store
        entity = await run_query(store, queries.get_entity, store, entity_id)
        if entity is None:
            raise HTTPException(404, f"no entity with id {entity_id!r}")
        rows = [(f, render.fact_row(f)) for f in entity["facts"]["items"]]
        return _page(request, "entity.html", entity=entity, rows=rows)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    async def search_page(request: Request, q: str = Query("", max_length=500),
                    offset: int = Query(0, ge=0, le=10**9)) -> Response:
        result, error = None, None
        if q.strip():
            try:
                store = request.app.state.store
                run = run_in_threadpool if queries.search_pending(store) else partial(run_query, store)
                result = await run(queries.search, store, q, limit=20, offset=offset)
            except queries.SearchError as exc:
                error = str(exc)
        hits = []
        for hit in (result.hits if result else []):
            snip = hit["snippet"]
            spans = [(h["start"], h["end"]) for h in snip["highlights"]]
            runs = render.segments(snip["text"], [], None, [(s - snip["start"], e - snip["start"]) for s, e in spans])
            hits.append({**hit, "runs": runs})
        return _page(request, "search.html", q=q, hits=hits, error=error, exact=result.total_exact if result else True,
                     paging=_paging(offset, 20, result.total) if result else None)
