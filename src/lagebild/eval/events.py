"""Typed events against a small hand-written gold set (JSON lines).

Gold
    One JSON object per line::

        {"sentence": "…", "language": "de", "published": "2024-01-02" | null,
         "events": [{"type": "SUPPLY", "args": {"supplier": "Nordkorea", …}, "status": "alleged"}]}

    ``type`` is one of :data:`~lagebild.model.records.EVENT_TYPES`, ``status`` one of
    :data:`~lagebild.model.records.STATUSES` (``asserted`` when left out); an argument is a
    surface string or a list of them (several participants).  Other keys (ids, notes) are
    allowed and ignored; blank lines and lines starting with ``//`` are skipped.  The packaged
    gold lives at ``lagebild/eval/gold/events.jsonl``.

System
    The whole default chain on ``Article.create(sentence, language=…, published=…)``; each
    :class:`~lagebild.model.Event` becomes ``{"type", "args": {role: text}, "status"}``.

Figures (per sentence, as bags, summed over sentences; no event alignment)
    ``type``: event types found vs gold (the headline); ``type_status``: (type, status) pairs;
    ``args``: (role, normalized surface) pairs over all events of the sentence, where
    :func:`normalize_surface` folds case, quotes and dashes, trims punctuation and drops one
    leading article.  ``per_type``: the ``type`` figure per event type.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from lagebild.errors import GoldError
from lagebild.eval.metrics import Counts, count_multisets
from lagebild.eval.reading import Progress, json_lines
from lagebild.eval.system import build
from lagebild.model import Article
from lagebild.model.events import EVENT_TYPES, STATUSES

TARGET = "lagebild.events"
DEFAULT_GOLD = Path(__file__).resolve().parent / "gold" / "events.jsonl"
LANGUAGES = ("de", "en")
MAX_EXAMPLES = 20

_ARTICLES = {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
             "the", "a", "an"}
_QUOTES = str.maketrans({"„": '"', "“": '"', "”": '"', "«": '"', "»": '"', "‚": "'", "‘": "'", "’": "'",
                         "–": "-", "—": "-", "‐": "-", "\u00ad": None})
_EDGE = re.compile(r"^[\s\"'.,;:!?()\[\]]+|[\s\"'.,;:!?()\[\]]+$")


def normalize_surface(text: str) -> str:
    """Case-folded, NFKC, unified quotes/dashes, edges trimmed, one leading article dropped."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    text = " ".join(_EDGE.sub("", text).split())
    first, _, rest = text.partition(" ")
    return rest if first in _ARTICLES and rest else text


# --- reading -----------------------------------------------------------------------------------

def validate_item(item: Any, path: Path | str, line: int | None = None) -> dict[str, Any]:
    """The item in canonical shape, or :class:`GoldError` naming what is wrong."""
    def fail(reason: str) -> GoldError:
        return GoldError(path, reason, line)

    if not isinstance(item, dict):
        raise fail("expected a JSON object")
    sentence = item.get("sentence")
    if not isinstance(sentence, str) or not sentence.strip():
        raise fail("'sentence' must be a non-empty string")
    language = item.get("language", "de")
    if language not in LANGUAGES:
        raise fail(f"'language' must be one of {', '.join(LANGUAGES)}, got {language!r}")
    published = item.get("published")
    if published is not None:
        try:
            published = date.fromisoformat(str(published)).isoformat()
        except ValueError:
            raise fail(f"'published' must be YYYY-MM-DD or null, got {published!r}") from None
    events = item.get("events")
    if not isinstance(events, list):
        raise fail("'events' must be a list")
    out_events = [_validate_event(e, k, fail) for k, e in enumerate(events)]
    return {"sentence": sentence, "language": language, "published": published, "events": out_events}


def _validate_event(event: Any, k: int, fail: Any) -> dict[str, Any]:
    if not isinstance(event, dict):
        raise fail(f"event #{k} is not an object")
    etype = event.get("type")
    if etype not in EVENT_TYPES:
        raise fail(f"event #{k}: unknown type {etype!r} (expected one of {', '.join(EVENT_TYPES)})")
    status = event.get("status") or "asserted"
    if status not in STATUSES:
        raise fail(f"event #{k}: unknown status {status!r} (expected one of {', '.join(STATUSES)})")
    args = event.get("args", {}) or {}
    if not isinstance(args, dict):
        raise fail(f"event #{k}: 'args' must be an object of role → text")
    clean: dict[str, str | list[str]] = {}
    for role, value in args.items():
        values = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, str) and v.strip() for v in values):
            raise fail(f"event #{k}: argument {role!r} must be a non-empty string or list of strings")
        clean[str(role)] = value
    return {"type": etype, "args": clean, "status": status}


def read_events_gold(path: Path) -> list[dict[str, Any]]:
    items = [validate_item(data, path, number) for number, data in json_lines(path)]
    if not items:
        raise GoldError(path, "no items found")
    return items


# --- scoring -----------------------------------------------------------------------------------

def _events(item: Mapping[str, Any] | Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    if isinstance(item, Mapping):
        return list(item.get("events", []))
    return list(item)


def _arg_pairs(events: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    pairs = []
    for event in events:
        for role, value in (event.get("args") or {}).items():
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, str) and v.strip():
                    pairs.append((role, normalize_surface(v)))
    return pairs


def score_events(gold_items: Sequence[Mapping[str, Any]],
                 predicted_items: Sequence[Mapping[str, Any] | Sequence[Mapping[str, Any]]]
                 ) -> dict[str, Any]:
    """Figures (see the module docstring); ``predicted_items[i]`` (an item with ``events`` or a
    bare list of events) belongs to ``gold_items[i]``."""
    if len(gold_items) != len(predicted_items):
        raise ValueError(f"{len(gold_items)} gold items but {len(predicted_items)} predictions")
    types = type_status = args = Counts()
    per_type: dict[str, Counts] = {}
    examples: list[dict[str, Any]] = []
    for gold_item, predicted_item in zip(gold_items, predicted_items):
        g, p = _events(gold_item), _events(predicted_item)
        g_types = [e["type"] for e in g]
        p_types = [e["type"] for e in p]
        types += count_multisets(g_types, p_types)
        for t in set(g_types) | set(p_types):
            per_type[t] = per_type.get(t, Counts()) + count_multisets(
                [x for x in g_types if x == t], [x for x in p_types if x == t])
        type_status += count_multisets(((e["type"], e.get("status") or "asserted") for e in g),
                                       ((e["type"], e.get("status") or "asserted") for e in p))
        item_args = count_multisets(_arg_pairs(g), _arg_pairs(p))
        args += item_args
        if (sorted(g_types) != sorted(p_types) or item_args.fp or item_args.fn) and len(examples) < MAX_EXAMPLES:
            examples.append({"sentence": gold_item.get("sentence") if isinstance(gold_item, Mapping) else None,
                             "gold": [dict(e) for e in g], "system": [dict(e) for e in p]})
    return {
        **types.to_dict(),
        "sentences": len(gold_items),
        "gold_events": sum(len(_events(i)) for i in gold_items),
        "predicted_events": sum(len(_events(i)) for i in predicted_items),
        "metrics": {"type": types.to_dict(), "type_status": type_status.to_dict(), "args": args.to_dict()},
        "per_type": {t: per_type[t].to_dict() for t in sorted(per_type)},
        "errors": examples,
    }


# --- system ------------------------------------------------------------------------------------

def predict(items: Sequence[Mapping[str, Any]], progress: Progress | None = None
            ) -> tuple[list[dict[str, Any]], str]:
    pipeline = build(TARGET)
    out = []
    for k, item in enumerate(items):
        published = date.fromisoformat(item["published"]) if item.get("published") else None
        article = Article.create(item["sentence"], language=item.get("language", "de"), published=published)
        events = pipeline.annotate(article).get("events")
        out.append({"events": [{"type": e.type, "args": _texts(e.args),
                                "status": e.status} for e in events]})
        if progress is not None:
            progress(k + 1, len(items))
    return out, pipeline.signature


def _texts(args: dict[str, Any]) -> dict[str, Any]:
    """role → surface text, a list of texts for a list role (MEET participants, AGREE parties)."""
    return {role: [a.text for a in value] if isinstance(value, tuple) else value.text for role, value in args.items()}


def evaluate_events(gold_path: Path | None = None, *, limit: int | None = None,
                    progress: Progress | None = None) -> dict[str, Any]:
    items = read_events_gold(Path(gold_path) if gold_path is not None else DEFAULT_GOLD)
    if limit is not None:
        items = items[:limit]
    started = time.perf_counter()
    predicted, signature = predict(items, progress)
    result = score_events(items, predicted)
    result["system"] = signature
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result
