"""The event corpus format (``corpus/events``) and its scoring: events aligned by trigger offsets.

Format
    A folder of JSON-lines files (``<language>/<split>.jsonl`` in the project's corpus; any
    ``*.jsonl`` below the folder is read), one sentence a line::

        {"id": "de-0002", "doc": "…", "language": "de", "published": "2016-05-14" | null,
         "source": {"dataset": "germeval2014-ner", "file": "NER-de-dev.tsv", "key": "17"},
         "sha1": "…", "text": "…" (optional),
         "events": [{"type": "ATTACK", "trigger": [12, 22], "status": "reported",
                     "attribution": [40, 47] | null,
                     "args": {"target": [[30, 38]], "place": [[0, 9]]}}]}

    Offsets are character offsets into the sentence text.  A record either carries its ``text``
    or names its ``source``; then the text is rebuilt from the data folder
    (:mod:`.eventsources`) and checked against ``sha1``.  The project's corpus stores no
    third-party text.

Figures (the definitions the issue and ``training/README.md`` report)
    *detection*: a system event matches a gold event of the same sentence when the types agree
    and the trigger spans overlap (one-to-one, greedy in gold order); P/R/F1 over all events and
    per type.  *arguments*: a gold argument (role, span) is found when the matched system event
    has an argument of that role overlapping it; unmatched events count all their arguments as
    missed or spurious (end to end); P/R/F1.  *status*: accuracy over matched events.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from lagebild.errors import GoldError
from lagebild.eval.eventsources import resolve, text_sha1
from lagebild.eval.metrics import Counts
from lagebild.eval.reading import Progress, numbered_lines
from lagebild.eval.system import build
from lagebild.model import Article
from lagebild.model.events import EVENT_TYPES, STATUSES

Spans = list[tuple[int, int]]


@dataclass
class GoldEvent:
    type: str
    trigger: tuple[int, int]
    status: str = "asserted"
    attribution: tuple[int, int] | None = None
    args: dict[str, Spans] = field(default_factory=dict)


@dataclass
class CorpusSentence:
    id: str
    doc: str
    language: str
    text: str
    published: str | None
    events: list[GoldEvent]


def _span(value: Any, length: int, fail: Any, what: str) -> tuple[int, int]:
    if (not isinstance(value, list) or len(value) != 2 or not all(isinstance(v, int) for v in value)
            or not 0 <= value[0] < value[1] <= length):
        raise fail(f"{what}: expected [start, end] within the sentence, got {value!r}")
    return value[0], value[1]


def _event(data: Any, length: int, fail: Any, k: int) -> GoldEvent:
    if not isinstance(data, dict):
        raise fail(f"event #{k} is not an object")
    if data.get("type") not in EVENT_TYPES:
        raise fail(f"event #{k}: unknown type {data.get('type')!r} (expected one of {', '.join(EVENT_TYPES)})")
    status = data.get("status") or "asserted"
    if status not in STATUSES:
        raise fail(f"event #{k}: unknown status {status!r}")
    trigger = _span(data.get("trigger"), length, fail, f"event #{k} trigger")
    attribution = data.get("attribution")
    attr = _span(attribution, length, fail, f"event #{k} attribution") if attribution is not None else None
    args: dict[str, Spans] = {}
    for role, spans in (data.get("args") or {}).items():
        if not isinstance(spans, list) or not spans:
            raise fail(f"event #{k}: argument {role!r} must be a list of [start, end]")
        args[str(role)] = [_span(s, length, fail, f"event #{k} argument {role}") for s in spans]
    return GoldEvent(data["type"], trigger, status, attr, args)


def read_file(path: Path, data_root: Path | None) -> list[CorpusSentence]:
    out = []
    for number, line in numbered_lines(path):
        if not line.strip():
            continue
        def fail(reason: str, number: int = number) -> GoldError:
            return GoldError(path, reason, number)
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise fail(f"invalid JSON: {exc.msg}") from exc
        if not isinstance(data, dict):
            raise fail("expected a JSON object")
        text = data.get("text")
        if not isinstance(text, str):
            source = data.get("source") or {}
            if data_root is None:
                raise fail("no 'text' and no data folder to read the source from (pass --data)")
            found = resolve(Path(data_root), str(source.get("dataset")), str(source.get("file")), str(source.get("key")))
            if found is None:
                raise fail(f"source sentence not found: {source!r}")
            text = found.text
        if data.get("sha1") and text_sha1(text) != data["sha1"]:
            raise fail("the source text differs from the one annotated (sha1 mismatch)")
        language = data.get("language", "de")
        events = [_event(e, len(text), fail, k) for k, e in enumerate(data.get("events") or [])]
        out.append(CorpusSentence(str(data.get("id", number)), str(data.get("doc", data.get("id", number))),
                                  language, text, data.get("published"), events))
    return out


def read_corpus(path: Path, data_root: Path | None = None, split: str | None = None,
                language: str | None = None) -> list[CorpusSentence]:
    """Every sentence of a corpus file or folder; ``split`` keeps files named ``<split>.jsonl``,
    ``language`` the sentences of one language."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.jsonl") if split is None or p.stem == split)
    elif path.is_file():
        files = [path]
    else:
        raise GoldError(path, "no such file or folder")
    if not files:
        raise GoldError(path, f"no {split + '.' if split else '*.'}jsonl files in the folder")
    items = [s for f in files for s in read_file(f, data_root)]
    if language is not None:
        items = [s for s in items if s.language == language]
    if not items:
        raise GoldError(path, "no sentences found")
    return items


# --- scoring -----------------------------------------------------------------------------------

def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_events(gold: Sequence[GoldEvent], system: Sequence[GoldEvent]) -> list[tuple[int, int]]:
    """(gold index, system index) pairs: same type, overlapping triggers, one-to-one."""
    used: set[int] = set()
    pairs = []
    for g, ge in enumerate(gold):
        for s, se in enumerate(system):
            if s not in used and se.type == ge.type and _overlap(se.trigger, ge.trigger):
                used.add(s)
                pairs.append((g, s))
                break
    return pairs


def _arg_count(gold: GoldEvent | None, system: GoldEvent | None) -> Counts:
    g = [(r, s) for r, spans in (gold.args if gold else {}).items() for s in spans]
    p = [(r, s) for r, spans in (system.args if system else {}).items() for s in spans]
    used: set[int] = set()
    tp = 0
    for role, span in g:
        for k, (prole, pspan) in enumerate(p):
            if k not in used and prole == role and _overlap(span, pspan):
                used.add(k)
                tp += 1
                break
    return Counts(tp, len(p) - tp, len(g) - tp)


def score_corpus(items: Sequence[CorpusSentence], predicted: Sequence[Sequence[GoldEvent]]) -> dict[str, Any]:
    detection = args = matched_args = Counts()
    per_type: dict[str, Counts] = {t: Counts() for t in EVENT_TYPES}
    status_right = status_total = 0
    confusion: dict[str, dict[str, int]] = {}
    for item, system in zip(items, predicted, strict=True):
        pairs = match_events(item.events, system)
        gm = {g for g, _ in pairs}
        sm = {s for _, s in pairs}
        for t in EVENT_TYPES:
            tp = sum(1 for g, _ in pairs if item.events[g].type == t)
            per_type[t] += Counts(tp, sum(1 for s, e in enumerate(system) if e.type == t and s not in sm),
                                  sum(1 for g, e in enumerate(item.events) if e.type == t and g not in gm))
        detection += Counts(len(pairs), len(system) - len(pairs), len(item.events) - len(pairs))
        for g, s in pairs:
            count = _arg_count(item.events[g], system[s])
            args += count
            matched_args += count
            gold_status, system_status = item.events[g].status, system[s].status
            status_total += 1
            status_right += gold_status == system_status
            row = confusion.setdefault(gold_status, {})
            row[system_status] = row.get(system_status, 0) + 1
        for g, e in enumerate(item.events):
            if g not in gm:
                args += _arg_count(e, None)
        for s, e in enumerate(system):
            if s not in sm:
                args += _arg_count(None, e)
    return {
        **detection.to_dict(),
        "sentences": len(items),
        "gold_events": sum(len(i.events) for i in items),
        "predicted_events": sum(len(p) for p in predicted),
        "metrics": {"detection": detection.to_dict(), "args": args.to_dict(),
                    "args_of_matched_events": matched_args.to_dict()},
        "status_accuracy": round(status_right / status_total, 4) if status_total else None,
        "per_type": {t: c.to_dict() for t, c in per_type.items() if c.gold or c.predicted},
        "status_confusion": confusion,
    }


# --- system ------------------------------------------------------------------------------------

def system_events(events: Iterable[Any]) -> list[GoldEvent]:
    """:class:`~lagebild.model.Event` records in the corpus shape (offsets into the sentence)."""
    out = []
    for e in events:
        args: dict[str, Spans] = {}
        for role, value in e.args.items():
            members = value if isinstance(value, tuple) else (value,)
            args[role] = [(a.start, a.end) for a in members if a.start is not None and a.end is not None]
        attr = e.attribution
        span = (attr.start, attr.end) if attr is not None and attr.start is not None else None
        out.append(GoldEvent(e.type, (e.trigger.start, e.trigger.end), e.status, span, args))
    return out


def evaluate_corpus(path: Path, *, data_root: Path | None = None, split: str | None = None,
                    language: str | None = None, limit: int | None = None,
                    progress: Progress | None = None) -> dict[str, Any]:
    """The default chain on every sentence of the corpus (one article each), scored."""
    if data_root is None:  # a developer's checkout: ../shared/data beside it
        data_root = Path.cwd().parent / "shared" / "data"
    items = read_corpus(path, data_root, split, language)
    if limit is not None:
        items = items[:limit]
    pipeline = build("lagebild.events")
    started = time.perf_counter()
    predicted = []
    for k, item in enumerate(items):
        published = date.fromisoformat(item.published) if item.published else None
        article = Article.create(item.text, language=item.language, published=published)
        if article.text != item.text:
            raise GoldError(Path(path), f"sentence {item.id}: the text changes when normalized; store it normalized")
        predicted.append(system_events(pipeline.annotate(article).get("events")))
        if progress is not None:
            progress(k + 1, len(items))
    result = score_corpus(items, predicted)
    result["system"] = pipeline.signature
    result["seconds"] = round(time.perf_counter() - started, 2)
    by_language = {}
    for lang in sorted({i.language for i in items}):
        keep = [k for k, i in enumerate(items) if i.language == lang]
        if len(keep) < len(items):
            part = score_corpus([items[k] for k in keep], [predicted[k] for k in keep])
            by_language[lang] = {"detection": part["metrics"]["detection"], "args": part["metrics"]["args"],
                                 "status_accuracy": part["status_accuracy"]}
    if by_language:
        result["by_language"] = by_language
    return result
