"""Writing through the API: ingest posted articles, then analyse and link what was added."""

from __future__ import annotations

from typing import Any

from lagebild.model import Article
from lagebild.services import commands
from lagebild.store import Store


def to_article(item: dict[str, Any]) -> Article:
    """One posted JSON article as an :class:`Article` (the id is the hash of its normalized text)."""
    return Article.create(
        item["text"], title=item.get("title"), published=item.get("published"), language=item.get("language"),
        outlet=item.get("outlet"), url=item.get("url"), source=item.get("source") or "api",
    )


def ingest_and_link(store: Store, items: list[dict[str, Any]]) -> dict[str, Any]:
    """Store the articles, analyse and link the new ones, index them for search; report what happened."""
    report = commands.ingest_articles(store, [to_article(item) for item in items])
    problems: list[str] = []
    analyzed, linked = 0, False
    if report.added:
        result = commands.analyze(store, workers=1)
        analyzed = len(result.analyzed)
        problems += [f"{source}: {reason}" for source, reason in result.problems]
        try:
            commands.link_store(store)
            linked = True
        except ImportError as exc:  # the link stage is not installed in this build
            problems.append(f"link: {exc}")
        commands.index_for_search(store, report.added)
    return {"added": report.added, "existing": report.existing, "analyzed": analyzed, "linked": linked,
            "problems": problems}
