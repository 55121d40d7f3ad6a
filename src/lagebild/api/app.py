"""The FastAPI application of the REST API under /api/v1 (:mod:`lagebild.app` adds the web page).

``create_app(db)`` opens the store once; nothing happens at import time.  Errors are JSON
(``{"error": {"status": 404, "message": "…"}}``) under /api and small HTML pages elsewhere.
Writing (POST /api/v1/articles) is off unless a token is configured (setting ``api_token``,
``LAGEBILD_API_TOKEN``); every request body is capped (setting ``api_max_body``, default 5 MB).
"""

from __future__ import annotations

import threading
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lagebild import settings
from lagebild.errors import LagebildError

API_PREFIX = "/api/v1"


def error_body(status: int, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"status": status, "message": message, **extra}}


class BodyLimit:
    """ASGI middleware: answer 413 when a request body is (or turns out to be) larger than ``limit``."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await self._reject(scope, receive, send)
            return
        if length is None and scope.get("method") in ("POST", "PUT", "PATCH"):
            # a chunked body: read it here, up to the limit, so the app never sees a cut one
            # (FastAPI would answer a body that fails while read with 400, not 413)
            messages, seen_chunked = [], 0
            while True:
                message = await receive()
                messages.append(message)
                if message["type"] != "http.request":
                    break
                seen_chunked += len(message.get("body", b""))
                if seen_chunked > self.limit:
                    await self._reject(scope, receive, send)
                    return
                if not message.get("more_body"):
                    break
            replay = iter(messages)

            async def replayed() -> Message:
                return next(replay, None) or await receive()

            await self.app(scope, replayed, send)
            return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge()
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._reject(scope, receive, send)

    async def _reject(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(error_body(413, f"the request body is larger than {self.limit} bytes"),
                                status_code=413)
        await response(scope, receive, send)


class _TooLarge(Exception):
    pass


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def create_app(db: str | None = None, *, token: str | None = None, max_body: int | None = None,
               pages: Any = None) -> FastAPI:
    """The application over the store at ``db`` (path or URL; default as for the CLI).

    ``pages``: another face to mount beside the API (the web page, :mod:`lagebild.web.views`):
    its ``install(app)`` adds its routes, its ``error_page(request, status, message)`` answers
    errors outside /api; without it those are JSON too.
    """
    from lagebild.api import routes  # cycle: routes reads the app's models defined in this module
    from lagebild.services import open_store  # lazy: the services load the analysis pipeline

    store = open_store(db)
    app = FastAPI(
        title="lagebild", version="1",
        description="A sourced situation picture: stories, facts, entities, quotes and the articles behind them. "
                    "Every item carries its article id and character offsets into the stored text.",
        docs_url=None, redoc_url=None, openapi_url="/openapi.json",  # no CDN-hosted doc viewers
    )
    app.state.store = store
    conf = settings.load(api_token=token, api_max_body=max_body or None)
    app.state.token = conf.api_token or None
    app.state.write_lock = threading.Lock()
    limit = conf.api_max_body
    app.state.max_body = limit

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if _wants_json(request):
            return JSONResponse(error_body(exc.status_code, message), status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        return _error_page(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
                    for e in exc.errors()]
        text = "; ".join(f"{p['where']}: {p['problem']}" for p in problems) or "invalid request"
        if _wants_json(request):
            return JSONResponse(error_body(422, f"invalid request: {text}", problems=problems), status_code=422)
        return _error_page(request, 422, f"invalid request: {text}")

    @app.exception_handler(LagebildError)
    async def lagebild_error(request: Request, exc: LagebildError) -> Response:
        if _wants_json(request):
            return JSONResponse(error_body(422, str(exc)), status_code=422)
        return _error_page(request, 422, str(exc))

    def _error_page(request: Request, status: int, message: str) -> Response:
        if pages is None:
            return JSONResponse(error_body(status, message), status_code=status)
        return pages.error_page(request, status, message)

    app.include_router(routes.router, prefix=API_PREFIX)
    if pages is not None:
        pages.install(app)
    app.add_middleware(BodyLimit, limit=limit)
    return app
