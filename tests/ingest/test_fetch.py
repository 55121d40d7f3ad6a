"""Fetching pages and feeds over HTTP, against a site on 127.0.0.1 only: the user agent, 304 on a
conditional request, size limit (declared and streamed), timeout, redirects only to http(s),
every failure a reason; and ``ingest URL`` reads a page's main text, title and date."""

from __future__ import annotations

import gzip
import socket
import zlib
from datetime import date

import pytest

from lagebild.errors import InputError
from lagebild.ingest import Limits, read_sources
from lagebild.ingest.fetch import Fetched, fetch, host_of, is_url
from tests.ingest.webserver import Site, page, rss, site  # noqa: F401 - the fixture

TEXT = ("Nordkorea hat nach Angaben des ukrainischen Militärgeheimdienstes große Mengen Artilleriemunition "
        "an Russland geliefert.\n\nDie Regierung in Kiew sprach am Sonntag von einer gefährlichen Entwicklung "
        "für die gesamte Region.")


def test_fetch_a_page_with_its_validators(site: Site) -> None:
    url = site.put("/a", page("Munition", TEXT), etag='"v1"', last_modified="Sun, 21 Jan 2024 09:30:00 GMT")
    got = fetch(url, max_bytes=100_000)
    assert isinstance(got, Fetched), got
    assert (got.status, got.url, got.media_type, got.charset) == (200, url, "text/html", "utf-8")
    assert (got.etag, got.last_modified) == ('"v1"', "Sun, 21 Jan 2024 09:30:00 GMT")
    assert "Artilleriemunition" in got.data.decode("utf-8")
    headers = site.requests[-1][1]
    assert headers["User-Agent"].startswith("lagebild/")
    assert "If-None-Match" not in headers


def test_fetch_conditional_answers_unchanged(site: Site) -> None:
    url = site.put("/a", page("Munition", TEXT), etag='"v1"')
    got = fetch(url, max_bytes=100_000, etag='"v1"')
    assert isinstance(got, Fetched) and got.unchanged and got.data == b"" and got.etag == '"v1"'
    url = site.put("/b", page("Munition", TEXT), last_modified="Sun, 21 Jan 2024 09:30:00 GMT")
    got = fetch(url, max_bytes=100_000, last_modified="Sun, 21 Jan 2024 09:30:00 GMT")
    assert isinstance(got, Fetched) and got.unchanged
    assert site.statuses("/a") == [304] and site.statuses("/b") == [304]
    got = fetch(url, max_bytes=100_000, last_modified="Sat, 20 Jan 2024 09:30:00 GMT")  # changed since
    assert isinstance(got, Fetched) and got.status == 200


def test_fetch_size_limit_declared_and_streamed(site: Site) -> None:
    big = "x" * 5000
    assert "over the limit of 4.0 kB (max_bytes)" in fetch(site.put("/big", big), max_bytes=4000)
    streamed = site.put("/streamed", big, length=False)
    assert "over the limit of 4.0 kB (max_bytes)" in fetch(streamed, max_bytes=4000)
    assert isinstance(fetch(streamed, max_bytes=6000), Fetched)


def test_fetch_timeout(site: Site) -> None:
    url = site.put("/slow", "late", delay=1.5)
    assert fetch(url, max_bytes=1000, timeout=0.3) == "no answer within 0.3 s"


def test_fetch_errors_are_reasons(site: Site) -> None:
    assert fetch(site.url("/missing"), max_bytes=1000) == "HTTP 404 Not Found"
    assert fetch("file:///etc/passwd", max_bytes=1000).startswith("only http:// and https://")
    assert fetch("ftp://127.0.0.1/x", max_bytes=1000).startswith("only http:// and https://")
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    assert fetch(f"http://127.0.0.1:{closed}/", max_bytes=1000).startswith("cannot fetch")


def test_fetch_redirects_only_to_http(site: Site) -> None:
    target = site.put("/target", page("Ziel", TEXT))
    got = fetch(site.put("/moved", "", status=301, location=target), max_bytes=100_000)
    assert isinstance(got, Fetched) and got.url == target
    refused = fetch(site.put("/to-ftp", "", status=302, location="ftp://127.0.0.1/x"), max_bytes=100_000)
    assert refused == "HTTP 302 redirect to a non-http(s) address: ftp://127.0.0.1/x"
    refused = fetch(site.put("/to-file", "", status=302, location="file:///etc/passwd"), max_bytes=100_000)
    assert isinstance(refused, str) and refused.startswith("HTTP 302")


def test_fetch_helpers() -> None:
    assert is_url("https://example.org/a") and is_url("HTTP://x") and not is_url("feeds/a.xml")
    assert host_of("https://www.example.org/a?b") == "example.org"


def test_fetch_ingest_reads_a_page(site: Site) -> None:
    url = site.put("/politik/munition", page("Nordkorea liefert Munition", TEXT, published="2024-01-21T09:30:00+01:00"))
    [article] = list(read_sources([url]))
    assert not isinstance(article, InputError), article
    assert "Artilleriemunition an Russland geliefert." in article.text
    assert "Impressum" not in article.text and "Startseite" not in article.text
    assert article.title == "Nordkorea liefert Munition"
    assert article.published == date(2024, 1, 21) and not article.published_inferred
    assert article.url == url and article.source == url
    assert article.outlet == "127.0.0.1"  # the page names no site: its host
    assert article.language == "de"


def test_fetch_ingest_reads_a_feed_and_reports_bad_addresses(site: Site) -> None:
    feed = site.put("/feed.xml", rss("Tagesblatt", [
        {"title": "Munition", "link": "http://127.0.0.1/a", "guid": "a", "description": TEXT},
        {"title": "Leer", "link": "http://127.0.0.1/b", "guid": "b", "description": ""},
    ]), content_type="application/rss+xml")
    found = list(read_sources([feed, site.url("/nothing"), site.put("/big", "x" * 2000)],
                              limits=Limits(max_bytes=1500)))
    articles = [f for f in found if not isinstance(f, InputError)]
    errors = {(e.source, e.reason) for e in found if isinstance(e, InputError)}
    assert [a.outlet for a in articles] == ["Tagesblatt"] and "Artilleriemunition" in articles[0].text
    assert (feed + "#2", "feed entry without text (no content or summary)") in errors
    assert (site.url("/nothing"), "HTTP 404 Not Found") in errors
    assert any(source == site.url("/big") and "max_bytes" in reason for source, reason in errors)


@pytest.mark.parametrize("body", [
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel><item>&a;</item></channel></rss>',
    b"\x00\x01\x02binary",
])
def test_fetch_ingest_refuses_what_files_refuse(site: Site, body: bytes) -> None:
    url = site.put("/x", body, content_type="application/xml")
    [found] = list(read_sources([url]))
    assert isinstance(found, InputError) and found.source == url


def test_fetch_ingest_decodes_by_the_http_charset(site: Site) -> None:
    # bytes that detection alone takes for another single-byte charset ('Gesprõche ³ber')
    sentence = "Kim Jong-un traf Putin in Wladiwostok – Gespräche über Waffen."
    text = site.put("/cp1252.txt", sentence.encode("cp1252"), content_type="text/plain; charset=windows-1252")
    [article] = list(read_sources([text]))
    assert article.text == sentence
    html = f"<html><head><title>Gespräche über Waffen</title></head><body><article><p>{sentence}</p></article></body></html>"
    url = site.put("/cp1252.html", html.encode("cp1252"), content_type="text/html; charset=windows-1252")
    [article] = list(read_sources([url]))
    assert article.title == "Gespräche über Waffen" and sentence in article.text


def test_fetch_unpacks_what_servers_compress_anyway_within_the_limit(site: Site) -> None:
    body = page("Munition", TEXT).encode("utf-8")
    got = fetch(site.put("/gz", gzip.compress(body), headers={"Content-Encoding": "gzip"}), max_bytes=100_000)
    assert isinstance(got, Fetched) and got.data == body
    got = fetch(site.put("/deflate", zlib.compress(body), headers={"Content-Encoding": "deflate"}), max_bytes=100_000)
    assert isinstance(got, Fetched) and got.data == body
    bomb = gzip.compress(b"a" * 10_000_000)  # ~10 kB that unpack to 10 MB
    assert fetch(site.put("/bomb", bomb, headers={"Content-Encoding": "gzip"}), max_bytes=100_000) == \
        "the answer is over the limit of 100.0 kB (max_bytes)"
    broken = fetch(site.put("/broken", b"not gzip at all", headers={"Content-Encoding": "gzip"}), max_bytes=1000)
    assert isinstance(broken, str) and broken.startswith("the answer's gzip encoding is broken")
    odd = fetch(site.put("/br", b"x", headers={"Content-Encoding": "br"}), max_bytes=1000)
    assert odd == "the answer is encoded as 'br', which lagebild does not read"
