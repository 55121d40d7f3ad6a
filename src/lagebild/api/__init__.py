"""The REST API (FastAPI) over the services; the web page lives in ``lagebild.web`` and both are
served together by :mod:`lagebild.app`."""

from __future__ import annotations

from typing import Any


def create_app(db: str | None = None, **kwargs: Any) -> Any:
    """The API alone (no web page) over the store at ``db``."""
    from lagebild.api.app import create_app as _create  # lazy: `import lagebild.api` loads no FastAPI

    return _create(db, **kwargs)


__all__ = ["create_app"]
