"""RSS and Atom feeds via feedparser: each entry becomes one article (source ``file#N``).

The text comes from the entry's content, else its summary, with HTML stripped; the outlet is the
feed's title.  A feed that does not parse yields one error; one that parses only leniently
yields what was recovered plus an error that says so.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

from lagebild.errors import InputError
from lagebild.ingest.dates import parse_date
from lagebild.ingest.draft import Draft
from lagebild.ingest.html import html_to_text

_FEED_START = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(rss|feed|rdf:RDF)\b""",
    re.DOTALL | re.IGNORECASE,
)
_ROOT = re.compile(rb"""\A(?:\xef\xbb\xbf)?\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<([\w:.-]+)""", re.DOTALL)

#: feedparser complaints that do not make a feed unreadable
_HARMLESS = ("CharacterEncodingOverride", "NonXMLContentType")


_XML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<(?:\?xml|!DOCTYPE)", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def unsafe_xml(data: bytes) -> str | None:
    """Why an XML document is refused before any parser sees it: entity declarations, which
    expand a few hundred bytes to gigabytes ("billion laughs") or read local files (XXE)."""
    if _XML_START.match(data[:1024]) and _ENTITY.search(data[:65536]):
        return ("XML with entity declarations (<!ENTITY …>) is refused: entity expansion and external "
                "entities are unsafe")
    return None


def looks_like_feed(data: bytes) -> bool:
    """The content starts like an RSS, Atom or RDF feed (after any XML declaration/comments)."""
    return _FEED_START.match(data[:4096]) is not None


def read_feed(data: bytes, source: str) -> Iterator[Draft | InputError]:
    """One draft per entry; errors for a broken feed and for entries without text."""
    if not looks_like_feed(data):
        root = _ROOT.match(data[:4096])
        found = "no XML root element"
        if root is not None:
            found = f"the root element is <{root.group(1).decode('ascii', 'replace')}>"
        yield InputError(source, f"not a valid RSS/Atom feed: {found}, not <rss>, <feed> or <rdf:RDF>")
        return
    import feedparser  # lazy: ~0.13 s and ~50 modules, needed only when a feed is read

    # a stream, never a string: feedparser would fetch a string that looks like a URL
    try:
        parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=False)
    except Exception as exc:  # its lenient parser raises on some broken input (&#x110000; → ValueError)
        yield InputError(source, f"not a valid RSS/Atom feed: {type(exc).__name__}: {exc}")
        return
    problem = _problem(parsed)
    entries = parsed.get("entries") or []
    if problem and not entries:
        yield InputError(source, f"not a valid RSS/Atom feed: {problem}")
        return
    if not entries:
        yield InputError(source, "feed has no entries")
        return
    feed = parsed.get("feed") or {}
    outlet = _plain(feed.get("title"))
    feed_language = feed.get("language")
    for number, entry in enumerate(entries, start=1):
        yield _entry(entry, f"{source}#{number}", outlet, feed_language)
    if problem:
        yield InputError(source, f"malformed feed ({problem}); {len(entries)} entries were recovered")


def _entry(entry: Any, source: str, outlet: str | None, feed_language: Any) -> Draft | InputError:
    text = _entry_text(entry)
    if not text.strip():
        return InputError(source, "feed entry without text (no content or summary)")
    raw_date = entry.get("published") or entry.get("updated")
    published = parse_date(raw_date) or _struct_date(entry) or raw_date
    meta = {}
    if entry.get("author"):
        meta["author"] = str(entry["author"])
    return Draft(
        source=source,
        text=text,
        title=_plain(entry.get("title")),
        outlet=outlet,
        url=entry.get("link"),
        published=published,
        language=entry.get("language") or _detail_language(entry) or feed_language,
        external_id=entry.get("id"),
        meta=meta,
    )


def _entry_text(entry: Any) -> str:
    contents = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if contents:
        chosen = max(contents, key=lambda c: len(c.get("value") or ""))
        return _as_text(chosen.get("value") or "", chosen.get("type"))
    detail = entry.get("summary_detail") or {}
    return _as_text(entry.get("summary") or "", detail.get("type"))


def _as_text(value: str, mime: str | None) -> str:
    if mime == "text/plain":
        return value
    return html_to_text(value)


def _plain(value: Any) -> str | None:
    if not value:
        return None
    return " ".join(html_to_text(str(value)).split()) or None


def _detail_language(entry: Any) -> str | None:
    for key in ("content", "summary_detail", "title_detail"):
        detail = entry.get(key)
        if isinstance(detail, list):
            detail = detail[0] if detail else None
        if detail and detail.get("language"):
            return detail["language"]
    return None


def _struct_date(entry: Any) -> date | None:
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed is None:
        return None
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)


def _problem(parsed: Any) -> str | None:
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    if exc is None or type(exc).__name__ in _HARMLESS:
        return None
    message = getattr(exc, "getMessage", None)
    text = message() if callable(message) else str(exc)
    line = getattr(exc, "getLineNumber", None)
    return f"{text} at line {line()}" if callable(line) else text
