"""The workbench pages: the facts explorer (with its CSV and JSON), the transfer register (CSV,
XLSX), the source map, the outlets and the quotes by speaker.  Server-rendered like the rest;
every filter is a URL parameter, so a view can be shared and exported as it is shown."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from lagebild.services import labels, queries
from lagebild.services import register as reg
from lagebild.services import workbench as wb
from lagebild.services.queries import run_read as run_query
from lagebild.web import render

PAGE = 50
REGISTER_PAGE = 200  # rows of the register on one page (its CSV and XLSX hold them all)


def _query(params: dict[str, Any]) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def _download(body: str | bytes, media: str, name: str) -> Response:
    return Response(body, media_type=media, headers={"content-disposition": f'attachment; filename="{name}"'})


def install(app: FastAPI, page: Any) -> None:
    """Add the workbench pages to ``app``; ``page(request, template, **context)`` renders one."""
    _install_facts(app, page)
    _install_register(app, page)
    _install_sources(app, page)


async def _explore(request: Request, offset: int, limit: int) -> tuple[wb.FactFilter, dict[str, Any]]:
    store = request.app.state.store
    flt = wb.FactFilter.from_params(request.query_params)
    found = await run_query(store, wb.explore_facts, store, flt, limit=limit, offset=offset)
    return flt, found


def _paging(offset: int, limit: int, total: int) -> dict[str, Any]:
    return {"offset": offset, "limit": limit, "total": total,
            "prev": max(offset - limit, 0) if offset > 0 else None,
            "next": offset + limit if offset + limit < total else None}


def _install_facts(app: FastAPI, page: Any) -> None:
    @app.get("/facts", response_class=HTMLResponse, include_in_schema=False)
    async def facts_page(request: Request, offset: int = Query(0, ge=0, le=10**9),
                         limit: int = Query(PAGE, ge=1, le=wb.MAX_PAGE)) -> Response:
        store = request.app.state.store
        flt, found = await _explore(request, offset, limit)
        facts = found["page"]
        options = await run_query(store, wb.fact_options, store)
        story_title = await run_query(store, queries.get_story_title, store, flt.story) if flt.story else None
        here = flt.params()
        paging = _paging(offset, limit, facts.total)
        export = _query({**here, "offset": offset or None, "limit": limit if limit != PAGE else None})
        return page(request, "facts.html", flt=flt, rows=[(f, render.fact_row(f)) for f in facts.items],
                    paging=paging, options=options, entity=found["entity"], error=found["error"],
                    story_title=story_title, export=export, here=_query(here), limit=limit,
                    all_export=_query({**here, "all": "1"}),
                    sort_links={k: _query(flt.params(sort=k)) for k in wb.SORTS})

    @app.get("/facts.csv", include_in_schema=False)
    async def facts_csv(request: Request, offset: int = Query(0, ge=0, le=10**9),
                        limit: int = Query(PAGE, ge=1, le=wb.MAX_PAGE),
                        all: bool = Query(False, description="every fact that passes the filter, not a page")
                        ) -> Response:
        if all:
            found = await _everything(request)
            lines = (wb.to_csv([wb.fact_table_row(f)], wb.FACT_COLUMNS).split("\n", 1)[1] for f in found["docs"])
            header = wb.to_csv([], wb.FACT_COLUMNS)
            return _stream(_chain([header], lines), "text/csv; charset=utf-8", "lagebild-facts-all.csv")
        _, found = await _explore(request, offset, limit)
        if found["error"]:
            raise HTTPException(422, found["error"])
        rows = [wb.fact_table_row(f) for f in found["page"].items]
        return _download(wb.to_csv(rows, wb.FACT_COLUMNS), "text/csv; charset=utf-8", "lagebild-facts.csv")

    @app.get("/facts.json", include_in_schema=False)
    async def facts_json(request: Request, offset: int = Query(0, ge=0, le=10**9),
                         limit: int = Query(PAGE, ge=1, le=wb.MAX_PAGE),
                         all: bool = Query(False, description="every fact that passes the filter, not a page")
                         ) -> Response:
        flt = wb.FactFilter.from_params(request.query_params)
        if all:
            found = await _everything(request)
            head = json.dumps({"filter": flt.params(), "total": found["total"]}, ensure_ascii=False)[:-1]
            rows = (("\n" if n == 0 else ",\n") + json.dumps(wb.fact_table_row(f), ensure_ascii=False)
                    for n, f in enumerate(found["docs"]))
            return _stream(_chain([head + ', "rows": ['], rows, ["\n]}\n"]), "application/json",
                           "lagebild-facts-all.json")
        flt, found = await _explore(request, offset, limit)
        if found["error"]:
            raise HTTPException(422, found["error"])
        body = {"filter": flt.params(), **found["page"].to_dict(),
                "rows": [wb.fact_table_row(f) for f in found["page"].items]}
        return _download(json.dumps(body, ensure_ascii=False, indent=1), "application/json", "lagebild-facts.json")


async def _everything(request: Request) -> dict[str, Any]:
    """Every fact that passes the request's filter (:func:`wb.all_facts`); 422 for a filter that
    cannot be read."""
    store = request.app.state.store
    found = await run_query(store, wb.all_facts, store, wb.FactFilter.from_params(request.query_params))
    if found["error"]:
        raise HTTPException(422, found["error"])
    return found


def _chain(*parts: Iterable[str]) -> Iterator[bytes]:
    for part in parts:
        for text in part:
            yield text.encode("utf-8")


def _stream(body: Iterator[bytes], media: str, name: str) -> Response:
    """A download written while it is read (the whole store's facts need not fit in one string)."""
    return StreamingResponse(body, media_type=media,
                             headers={"content-disposition": f'attachment; filename="{name}"'})


def _register(request: Request) -> tuple[dict[str, str], list[dict[str, Any]], str | None]:
    q = request.query_params
    params = {k: (q.get(k) or "").strip()[:200] for k in ("supplier", "recipient", "item", "status", "since",
                                                           "until", "sort", "dir")}
    if params["sort"] not in reg.SORTS:
        params["sort"] = "time"
    params["dir"] = "desc" if params["dir"] == "desc" else "asc"
    try:
        rows = reg.transfer_register(request.app.state.store, supplier=params["supplier"],
                                     recipient=params["recipient"], item=params["item"], status=params["status"],
                                     since=params["since"], until=params["until"], sort=params["sort"],
                                     descending=params["dir"] == "desc")
    except ValueError as exc:
        return params, [], str(exc)
    return params, rows, None


def _install_register(app: FastAPI, page: Any) -> None:
    @app.get("/register", response_class=HTMLResponse, include_in_schema=False)
    def register_page(request: Request, offset: int = Query(0, ge=0, le=10**9)) -> Response:
        params, rows, error = _register(request)
        shared = {k: v for k, v in params.items() if k not in ("sort", "dir")}
        sort_links = {col: _query({**shared, "sort": col,
                                   "dir": "desc" if params["sort"] == col and params["dir"] == "asc" else "asc"})
                      for col in reg.SORTS}
        return page(request, "register.html", rows=rows[offset:offset + REGISTER_PAGE], total=len(rows),
                    paging=_paging(offset, REGISTER_PAGE, len(rows)), here=_query(params),
                    params=params, error=error, sort_links=sort_links,
                    export=_query(params), classes=reg.item_class_names("en"),
                    statuses=sorted({r["status"] for r in rows if r["status"]} | {"corroborated", "single-origin",
                                                                                  "disputed"}))

    @app.get("/register.csv", include_in_schema=False)
    def register_csv(request: Request) -> Response:
        _, rows, error = _register(request)
        if error:
            raise HTTPException(422, error)
        return _download(reg.register_csv(rows), "text/csv; charset=utf-8", "lagebild-transfers.csv")

    @app.get("/register.xlsx", include_in_schema=False)
    def register_xlsx(request: Request) -> Response:
        _, rows, error = _register(request)
        if error:
            raise HTTPException(422, error)
        return _download(reg.register_xlsx(rows),
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "lagebild-transfers.xlsx")

def _install_sources(app: FastAPI, page: Any) -> None:
    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(request: Request, story: str | None = Query(None, max_length=64)) -> Response:
        store = request.app.state.store
        title = queries.get_story_title(store, story) if story else None
        if story and title is None:
            raise HTTPException(404, f"no story with id {story!r}")
        mapped = wb.source_map(store, story=story)
        return page(request, "sources.html", mapped=mapped, story=story, story_title=title)

    @app.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
    def outlets_page(request: Request) -> Response:
        return page(request, "outlets.html", outlets=wb.list_outlets(request.app.state.store))

    @app.get("/outlets/{name}", response_class=HTMLResponse, include_in_schema=False)
    def outlet_page(request: Request, name: str, offset: int = Query(0, ge=0, le=10**9)) -> Response:
        store = request.app.state.store
        found = next((o for o in wb.list_outlets(store) if o["outlet"] == name), None)
        if found is None:
            raise HTTPException(404, f"no outlet called {name!r}")
        articles = queries.list_articles(store, outlet=name, limit=PAGE, offset=offset)
        for a in articles.items:
            a["cite"] = labels.date_label(a.get("published"))
        return page(request, "outlet.html", outlet=found, articles=articles.items, origins=wb.outlet_origins(store, name),
                    paging=_paging(offset, PAGE, articles.total),
                    facts_query=_query({"outlet": name}))

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_page(request: Request, speaker: str = Query("", max_length=200),
                    offset: int = Query(0, ge=0, le=10**9)) -> Response:
        store = request.app.state.store
        entity = wb.resolve_entity(store, speaker.strip()) if speaker.strip() else None
        quotes = queries.list_quotes(store, speaker=entity["id"], limit=PAGE, offset=offset) if entity else None
        speakers = wb.top_speakers(store) if not speaker.strip() else []
        return page(request, "quotes.html", speaker=speaker, entity=entity, quotes=quotes, speakers=speakers,
                    rows=wb.quote_rows(quotes.items) if quotes else [],
                    exact=quotes.to_dict().get("total_exact", True) if quotes else True,
                    paging=_paging(offset, PAGE, quotes.total) if quotes else None)
