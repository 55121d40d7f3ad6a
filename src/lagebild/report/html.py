"""The self-contained HTML report: one file, no network needed to view it.

Every item (fact, event, quote, summary sentence, timeline entry) links to the sentence of its
source article where it was found; that sentence is highlighted when the link is followed.
All article text is escaped by the template engine (autoescape).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from lagebild.services import export_picture, labels, queries
from lagebild.model.titles import display_title
from lagebild.store import Store

#: kinds of highlighted spans, in order of priority when spans overlap
SPAN_KINDS = ("quantities", "timexes", "entities")


def _env() -> Environment:
    return Environment(loader=PackageLoader("lagebild.report", "templates"),
                       autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)


def segments(text: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """Split ``text[start:end]`` into ``(piece, kind)`` runs; overlapping spans keep the first."""
    out: list[tuple[str, str | None]] = []
    pos = start
    for s, e, kind in sorted(spans):
        if s < pos or e > end or s < start:
            continue
        if s > pos:
            out.append((text[pos:s], None))
        out.append((text[s:e], kind))
        pos = e
    if pos < end:
        out.append((text[pos:end], None))
    return out


class SentenceIndex:
    """Finds the sentence that contains an offset of an article."""

    def __init__(self, sentences: dict[str, list[tuple[int, int]]]) -> None:
        self._starts = {a: [s for s, _ in sents] for a, sents in sentences.items()}

    def anchor(self, article: str, offset: int | None) -> str:
        starts = self._starts.get(article) or [0]
        i = max(0, bisect.bisect_right(starts, offset or 0) - 1)
        return f"s-{article}-{starts[i]}"


def build_context(store: Store) -> dict[str, Any]:
    doc = export_picture(store)
    articles = {a["id"]: a for a in doc["articles"]}
    texts, sentences = {}, {}
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for a in doc["articles"]:
        text, layers = queries.article_text_and_layers(store, a["id"])
        texts[a["id"]] = text
        a["name"] = a.get("name") or display_title(a.get("title"), text, a.get("source"))
        sentences[a["id"]] = [(s["start"], s["end"]) for s in layers.get("sentences", [])] or [(0, len(texts[a["id"]]))]
        for kind in SPAN_KINDS:
            for r in layers.get(kind, []):
                spans[a["id"]].append((r["start"], r["end"], kind))
    index = SentenceIndex(sentences)
    events = {e["id"]: e for e in doc["events"]}

    def cite(article: str, start: int | None) -> dict[str, Any]:
        meta = articles.get(article, {})
        return {"href": "#" + index.anchor(article, start), "outlet": meta.get("outlet"),
                "published": meta.get("published"), "article": article, "name": meta.get("name"),
                "label": labels.citation(meta.get("outlet"), meta.get("published"), name=meta.get("name"),
                                         language=meta.get("language"))}

    fact_labels = {f["id"]: f["label"] for f in doc["facts"]}
    discrepancies = [{**d, "fact_labels": [{"id": f, "label": fact_labels.get(f, "fact")} for f in d["facts"]]}
                     for d in doc["discrepancies"]]

    stories = []
    story_ids = {s["id"] for s in doc["stories"]}
    summaries = {s["story"]: s for s in doc.get("summaries", [])}
    facts_by_story: dict[str | None, list] = defaultdict(list)
    for f in doc["facts"]:
        story = next((articles[events[e]["article"]]["story"] for e in f["events"] if e in events), None)
        facts_by_story[story].append({**f, "cites": [cite(events[e]["article"], events[e]["start"])
                                                     for e in f["events"] if e in events]})
    for s in doc["stories"] + ([{"id": None, "title": "Articles without a story",
                                 "articles": [a for a in articles if articles[a]["story"] not in story_ids]}]
                               if any(articles[a]["story"] not in story_ids for a in articles) else []):
        members = set(s["articles"])
        fact_ids = {f["id"] for f in facts_by_story.get(s["id"], [])}
        ordered = sorted((articles[a] for a in members if a in articles), key=lambda a: a["published"] or "")
        stories.append({
            "id": s["id"] or "none", "title": (s["title"] or "").strip() or (ordered[0]["name"] if ordered
                                                                            else "untitled story"),
            "discrepancies": [d for d in discrepancies if set(d["facts"]) & fact_ids],
            "articles": ordered,
            "summary": [{**x, "cite": cite(x["article"], x["start"]),
                         "more": [cite(c["article"], c["start"]) for c in x.get("cites") or []]}
                        for x in summaries.get(s["id"], {}).get("sentences", [])],
            "facts": facts_by_story.get(s["id"], []),
            "timeline": [t for t in doc["timeline"] if t["fact"] in fact_ids],
            "entities": [e for e in doc["entities"] if any(m["article"] in members for m in e["mentions"])],
            "events": [{**e, "cite": cite(e["article"], e["start"])} for e in doc["events"] if e["article"] in members],
            "quotes": [{**q, "cite": cite(q["article"], q["start"])} for q in doc["quotes"] if q["article"] in members],
        })
    sources = []
    for a in sorted(doc["articles"], key=lambda a: (a["published"] or "", a["id"])):
        sents = [{"id": f"s-{a['id']}-{s}", "segments": segments(texts[a["id"]], s, e, spans[a["id"]])}
                 for s, e in sentences[a["id"]]]
        sources.append({**a, "sentences": sents})
    return {"stories": stories, "sources": sources, "discrepancies": discrepancies,
            "counts": {k: len(doc[k]) for k in ("articles", "entities", "events", "quotes", "facts", "stories")},
            "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def render_report(store: Store) -> str:
    return _env().get_template("report.html").render(**build_context(store))


def write_report(store: Store, path: Path) -> Path:
    path.write_text(render_report(store), encoding="utf-8")
    return path
