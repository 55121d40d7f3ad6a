"""The server: the REST API (:mod:`lagebild.api`) and the web page (:mod:`lagebild.web`) over one
store, in one application.  The two faces do not import each other; this module puts them together.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from lagebild import settings
from lagebild.api import serving
from lagebild.api.app import create_app as create_api
from lagebild.web import views


def create_app(db: str | None = None, **kwargs: Any) -> FastAPI:
    """The API under /api/v1 and the web page over the store at ``db`` (see
    :func:`lagebild.api.app.create_app` for ``token`` and ``max_body``)."""
    return create_api(db, pages=views, **kwargs)


def serve(db: str | None = None, host: str = "127.0.0.1", port: int = 8000, *, workers: int = 1) -> None:
    """Run the application with uvicorn (loopback unless ``host`` says otherwise)."""
    import uvicorn  # lazy: only a running server needs it (~0.2 s)

    if workers > 1:
        if serving.available():  # one socket per process: connections spread evenly
            serving.serve(db, host, port, workers, factory=create_app)
            return
        # elsewhere uvicorn's own workers, which need an import string
        settings.to_environment(db=db)  # each worker reads it back in app_from_env
        uvicorn.run("lagebild.app:app_from_env", host=host, port=port, workers=workers, factory=True,
                    log_level="warning")
        return
    uvicorn.run(create_app(db), host=host, port=port, log_level="info")


def app_from_env() -> FastAPI:
    """Factory for multi-process serving: the store named by the ``db`` setting (``LAGEBILD_DB``)."""
    return create_app(settings.load().db)
