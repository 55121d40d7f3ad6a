"""What a reader found (a :class:`Draft`) and how it becomes an :class:`Article`.

Readers only extract text and raw metadata; :func:`finish` does what is common to all of them:
normalise the text, parse the date (metadata, else text cues, flagged inferred), settle the
language (metadata, else detection), and apply the user's overrides, which win over everything.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from lagebild.errors import InputError
from lagebild.ingest.dates import infer_date, parse_date
from lagebild.ingest.language import detect_language, normalize_language
from lagebild.ingest.limits import Limits, longest_line
from lagebild.model import Article, normalize_text

#: metadata keys with a place in Article; everything else goes to Article.meta
ARTICLE_KEYS = ("id", "title", "text", "published", "outlet", "url", "language")

#: other names for those keys, as common in front matter and JSON dumps (scrapers, feed and
#: schema.org exports); the first one present counts, and never over the key itself
ALIASES = {
    name: "published"
    for name in ("date", "pubDate", "pubdate", "published_at", "publish_date", "publication_date",
                 "date_published", "datePublished")
}


@dataclass(frozen=True)
class Overrides:
    """Values given by the user for every article read; they win over metadata and detection."""

    published: date | None = None
    outlet: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Draft:
    """One item as a reader found it: text plus raw metadata values (not yet parsed)."""

    source: str
    text: str
    title: Any = None
    outlet: Any = None
    url: Any = None
    published: Any = None
    language: Any = None
    external_id: Any = None
    meta: dict[str, Any] = field(default_factory=dict)


#: the only addresses an article may link to
WEB_URL = re.compile(r"https?://[^\s]+\Z", re.IGNORECASE)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(text: str) -> str:
    """``text`` with each lone UTF-16 surrogate ("\\uD800" in JSON or YAML) as U+FFFD: no
    valid text holds one, and it cannot be stored or encoded."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def draft_from_mapping(source: str, data: dict[str, Any], text: str) -> Draft:
    """A draft from a metadata mapping (front matter, a JSON line): known keys to their fields,
    aliases where the key itself is absent, the rest to ``meta``."""
    known: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    text = without_lone_surrogates(text)
    data = {k: without_lone_surrogates(v) if isinstance(v, str) else v for k, v in data.items()}
    for key, value in data.items():
        name = str(key)
        if name == "text":
            continue
        if name in ARTICLE_KEYS:
            known[name] = value
        elif name in ALIASES and ALIASES[name] not in data and ALIASES[name] not in known:
            known[ALIASES[name]] = value
        else:
            meta[name] = jsonable(value)
    return Draft(
        source=source, text=text, title=known.get("title"), outlet=known.get("outlet"),
        url=known.get("url"), published=known.get("published"), language=known.get("language"),
        external_id=known.get("id"), meta=meta,
    )


def finish(draft: Draft, overrides: Overrides, max_line: int = Limits.max_line) -> Article | InputError:
    """The article for a draft, or the reason it has none (no text left, a line longer than
    ``max_line`` characters)."""
    text = normalize_text(draft.text)
    if not text:
        return InputError(draft.source, "no text")
    line = longest_line(text)
    if line > max_line:
        return InputError(draft.source, f"a line of the text is {line:,} characters long, over the limit of "
                                        f"{max_line:,} (max_line)")
    meta = dict(draft.meta)

    published, inferred = parse_date(draft.published), False
    if published is None and _given(draft.published):
        meta["published_unparsed"] = str(draft.published)
    if published is None:
        published = infer_date(text)
        inferred = published is not None
    if overrides.published is not None:
        published, inferred = overrides.published, False

    language = normalize_language(overrides.language) or normalize_language(draft.language)
    if language is None:
        language = detect_language(text)

    url = _clean(draft.url)
    if url is not None and not WEB_URL.match(url):  # "javascript:…", "data:…": never a link to follow
        meta["url_refused"] = url
        url = None
    return Article.create(
        text,
        source=draft.source,
        title=_clean(draft.title),
        outlet=_clean(overrides.outlet) or _clean(draft.outlet),
        url=url,
        published=published,
        published_inferred=inferred,
        language=language,
        external_id=_clean(draft.external_id),
        meta=meta,
    )


def jsonable(value: Any) -> Any:
    """Metadata made safe for JSON: dates as ISO strings, containers walked, others as str."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    return str(value)


def _given(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _clean(value: Any) -> str | None:
    """A one-line string for a metadata value, or None when it is empty."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return text or None
