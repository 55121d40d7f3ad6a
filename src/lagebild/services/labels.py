"""Names a reader sees for articles, stories and citations: never an id, a hash or a file path.

An article is named by its title, else by its lead sentence (:func:`~lagebild.model.titles.display_title`);
a story by its title, else by the name of its first article; a citation reads "Outlet, date"
("derStandard, 15.02.2016"), an article without an outlet standing in by its shortened name.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from datetime import date
from typing import Any
from urllib.parse import urlparse

from lagebild.model.titles import display_title
from lagebild.store import Store

#: a citation names an article without an outlet by its name, cut to this many characters
CITE_NAME = 40
_MONTHS_EN = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def date_label(published: Any, language: str | None = None) -> str:
    """"15.02.2016" (German and by default) or "15 Feb 2016" (English); "" for no date."""
    if not published:
        return ""
    try:
        d = published if isinstance(published, date) else date.fromisoformat(str(published)[:10])
    except ValueError:
        return str(published)
    if language == "en":
        return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def outlet_name(outlet: str | None, url: str | None = None) -> str | None:
    """The outlet, else the web site the article came from."""
    if outlet and outlet.strip():
        return outlet.strip()
    host = urlparse(url).hostname if url else None
    return host[4:] if host and host.startswith("www.") else host


def citation(outlet: str | None, published: Any, *, name: str | None = None, url: str | None = None,
             language: str | None = None) -> str:
    """"Outlet, 15.02.2016"; an article without an outlet is cited by its ``name`` (shortened).
    ``language`` is accepted for callers that know it; citations keep one date style."""
    who = outlet_name(outlet, url)
    if not who and name:
        who = name if len(name) <= CITE_NAME else name[:CITE_NAME - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–") + "…"
    parts = [p for p in (who, date_label(published)) if p]  # one date style in every citation
    return ", ".join(parts) or "source"


def name_articles(store: Store, articles: Iterable[MutableMapping[str, Any]]) -> None:
    """Give each article dict (``id``, ``title`` …) a ``name``: its title, else its lead sentence,
    else its source's file name (texts read in one batch, only for the untitled)."""
    items = list(articles)
    untitled = sorted({a["id"] for a in items if not (a.get("title") or "").strip()})
    texts = store.article_texts(untitled) if untitled else {}
    for a in items:
        a["name"] = display_title(a.get("title"), texts.get(a["id"]), a.get("source"))


def article_names(store: Store, ids: Iterable[str], *, cite_only: bool = False) -> dict[str, dict[str, Any]]:
    """Article id → ``{name, outlet, published, cite}`` for the articles given.

    ``cite_only``: the names are wanted for citations only, so an untitled article with an outlet
    is not read for its lead sentence (its ``name`` is None; a long story page stays cheap)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    meta = store.article_meta(wanted)
    rows = [{"id": aid, "title": getattr(meta.get(aid), "title", None)} for aid in wanted]
    if cite_only:
        lead = [r for r in rows if not r["title"] and not getattr(meta.get(r["id"]), "outlet", None)]
        name_articles(store, lead)
        for r in rows:
            r.setdefault("name", r["title"])
    else:
        name_articles(store, rows)
    out = {}
    for row in rows:
        m = meta.get(row["id"])
        published = getattr(m, "published", None)
        out[row["id"]] = {"name": row["name"], "outlet": getattr(m, "outlet", None),
                          "published": published.isoformat() if isinstance(published, date) else published,
                          "cite": citation(getattr(m, "outlet", None), published, name=row["name"])}
    return out


def story_title(title: str | None, first_article: dict[str, Any] | None) -> str:
    """A story's title, else the name of its first article."""
    if title and title.strip():
        return title.strip()
    if first_article:
        return first_article.get("name") or display_title(first_article.get("title"), None, None)
    return "untitled story"
