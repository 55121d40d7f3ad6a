"""A small web site on 127.0.0.1 for the fetch and watch tests: pages and feeds written here,
answered with ETag / Last-Modified and 304 when asked conditionally; every request is logged.
Nothing leaves the machine."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass
class Resource:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    status: int = 200
    location: str | None = None  # a redirect's target
    delay: float = 0.0  # seconds before the answer
    length: bool = True  # send Content-Length
    headers: dict[str, str] = field(default_factory=dict)  # more headers to send


@dataclass
class Site:
    base: str = ""
    resources: dict[str, Resource] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (path, headers)
    answers: list[tuple[str, int]] = field(default_factory=list)  # (path, status)

    def put(self, path: str, body: str | bytes, **kwargs: Any) -> str:
        self.resources[path] = Resource(body.encode("utf-8") if isinstance(body, str) else body, **kwargs)
        return self.url(path)

    def url(self, path: str) -> str:
        return self.base + path

    def statuses(self, path: str) -> list[int]:
        return [status for p, status in self.answers if p == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            site.requests.append((self.path, {k: v for k, v in self.headers.items()}))
            found = site.resources.get(self.path)
            if found is None:
                self._answer(404, b"not here", {"Content-Type": "text/plain"})
                return
            if found.delay:
                time.sleep(found.delay)
            if found.location:
                self._answer(found.status, b"", {"Location": found.location})
                return
            validators = {}
            if found.etag:
                validators["ETag"] = found.etag
            if found.last_modified:
                validators["Last-Modified"] = found.last_modified
            asked_etag = self.headers.get("If-None-Match")
            asked_since = self.headers.get("If-Modified-Since")
            if (found.etag and asked_etag == found.etag) or \
                    (found.last_modified and not found.etag and asked_since == found.last_modified):
                self._answer(304, b"", validators)
                return
            self._answer(found.status, found.body, {"Content-Type": found.content_type, **validators,
                                                    **found.headers}, length=found.length)

        def _answer(self, status: int, body: bytes, headers: dict[str, str], length: bool = True) -> None:
            site.answers.append((self.path, status))
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if length:
                self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            if status != 304:
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (size limit)
                    pass

        def log_message(self, *args: Any) -> None:  # quiet
            pass

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    """A fresh site served on a free loopback port for one test."""
    web = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(web))
    server.daemon_threads = True
    web.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield web
    finally:
        server.shutdown()
        server.server_close()


def page(title: str, text: str, *, published: str | None = None, site_name: str | None = None) -> str:
    """An HTML news page with its own title and date in the markup."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    if site_name:
        meta += f'<meta property="og:site_name" content="{site_name}">'
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return (f'<!doctype html><html lang="de"><head><meta charset="utf-8"><title>{title}</title>{meta}</head>'
            f'<body><nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>'
            f'<article><h1>{title}</h1>{paragraphs}</article><footer>Impressum</footer></body></html>')


def rss(title: str, items: list[dict[str, str]]) -> str:
    """An RSS 2.0 feed; each item: title, link, guid, description, pubDate."""
    entries = "".join(
        "<item>" + "".join(f"<{k}>{v}</{k}>" for k, v in item.items()) + "</item>" for item in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://127.0.0.1/</link><description>Nachrichten</description>{entries}</channel></rss>")
