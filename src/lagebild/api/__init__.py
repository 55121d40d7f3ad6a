"""The REST API (FastAPI) over the store; the web page lives in ``lagebild.web``."""

from __future__ import annotations

from typing import Any


def create_app(db: str | None = None, **kwargs: Any) -> Any:
    from lagebild.api.app import create_app as _create

    return _create(db, **kwargs)


def serve(db: str | None = None, host: str = "127.0.0.1", port: int = 8000, **kwargs: Any) -> None:
    """Start the API and web page with uvicorn; binds to loopback unless told otherwise."""
    from lagebild.api.app import serve as _serve

    _serve(db, host, port, **kwargs)


__all__ = ["create_app", "serve"]
