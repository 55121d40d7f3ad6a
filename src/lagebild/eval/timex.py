"""Time expressions against WikiWarsDE (TIMEX2, inline annotation).

Gold
    ACE-TERN style documents with inline tags, as in WikiWarsDE's ``keyinline/*.key.xml``: the
    document creation time (DCT) is the ``<DATETIME>`` element (its TIMEX2 ``val``, else its
    text), the text to annotate is the ``<TEXT>`` element, and each ``<TIMEX2 val=… [mod=…]>``
    inside it is one gold expression (nested tags give nested expressions).  The DCT's own tag is
    not an expression of the text.  ``TIMEX3``/``value`` and a ``<DCT>`` element are read the
    same way.  The gold path is a file, a folder of such files, or a corpus folder with
    ``keyinline/``.

System
    ``lagebild.sentences`` + ``lagebild.timex`` on ``Article.create(text, published=DCT)``; gold
    spans are carried into the normalized article text (:class:`~lagebild.eval.align.OffsetMap`).

Values
    TIMEX2 and TIMEX3 share their value syntax (ISO dates, ``1777-WI`` seasons, ``TMO`` parts of
    day, ``XXXX-WXX-1``, durations ``P2W``, ``PRESENT_REF``), so values compare as strings after
    :func:`canonical_value`: upper case, trailing ``X`` of a decade or century dropped
    (``194X`` = ``194``), zero seconds dropped (``T08:00:00`` = ``T08:00``).  ``mod`` is ignored.

Figures (one-to-one matching throughout)
    ``strict``: extraction with exact spans; ``lenient``: overlapping spans, pairs chosen
    greedily by overlap length; ``value_accuracy``: share of lenient pairs whose values are
    equal; ``strict_value``: exact span and equal value.  The headline ``lenient_value``: a true
    positive is a system expression that overlaps a gold one AND has its value (pairs chosen
    greedily by overlap among value-equal pairs).
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from lagebild.errors import GoldError
from lagebild.eval.align import OffsetMap
from lagebild.eval.metrics import Counts, count_multisets, match_greedy, overlap
from lagebild.eval.reading import Progress, read_text
from lagebild.eval.system import build
from lagebild.model import Article

TARGET = "lagebild.timex"
MAX_EXAMPLES = 20

_TAG = re.compile(r"<(/?)TIMEX([23])\b([^>]*?)(/?)>", re.IGNORECASE)
_ATTR = re.compile(r'([\w:-]+)\s*=\s*"([^"]*)"')
_TEXT = re.compile(r"<TEXT\b[^>]*>(.*?)</TEXT\s*>", re.IGNORECASE | re.DOTALL)
_DCT = re.compile(r"<(DATETIME|DCT)\b[^>]*>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
_ISO_DAY = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
_DOCID = re.compile(r"<DOCID>\s*(.*?)\s*</DOCID>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    value: str
    mod: str | None = None
    line: int = 0


@dataclass(frozen=True)
class TimexDoc:
    name: str
    text: str  # the <TEXT> content, tags removed, entities unescaped
    dct: date | None
    timexes: tuple[GoldTimex, ...]


@dataclass(frozen=True)
class PredictedTimex:
    start: int
    end: int
    value: str
    text: str = ""


def canonical_value(value: str | None) -> str:
    """The comparable form of a TIMEX2 or TIMEX3 value (see the module docstring)."""
    v = (value or "").strip().upper()
    m = re.fullmatch(r"(\d{1,3})X+", v)
    if m:
        return m.group(1)
    return re.sub(r"(T\d{2}:\d{2}):00$", r"\1", v)


def _line_of(raw: str, pos: int) -> int:
    return raw.count("\n", 0, pos) + 1


def parse_document(raw: str, path: Path) -> TimexDoc:
    """One inline-annotated document (see the module docstring)."""
    m_text = _TEXT.search(raw)
    if m_text is None:
        raise GoldError(path, "no <TEXT> element")
    dct: date | None = None
    m_dct = _DCT.search(raw)
    if m_dct is not None:
        inside = m_dct.group(2)
        attrs = dict(_ATTR.findall(inside))
        stamp = attrs.get("val") or attrs.get("value") or _TAG.sub("", inside)
        m_day = _ISO_DAY.search(stamp)
        if m_day is None:
            raise GoldError(path, f"document creation time {stamp.strip()!r} is not a date",
                            _line_of(raw, m_dct.start()))
        try:
            dct = date(int(m_day.group(1)), int(m_day.group(2)), int(m_day.group(3)))
        except ValueError as exc:
            raise GoldError(path, f"bad document creation time: {exc}", _line_of(raw, m_dct.start())) from exc
    m_id = _DOCID.search(raw)
    name = m_id.group(1) if m_id else path.name.split(".")[0]

    body, base = m_text.group(1), m_text.start(1)
    parts: list[str] = []
    pos = 0  # in the clean text
    last = 0  # in body
    stack: list[tuple[int, dict[str, str], int]] = []
    found: list[GoldTimex] = []
    for m in _TAG.finditer(body):
        piece = html.unescape(body[last:m.start()])
        parts.append(piece)
        pos += len(piece)
        last = m.end()
        line = _line_of(raw, base + m.start())
        closing, attrs_text, empty = m.group(1), m.group(3), m.group(4)
        if closing:
            if not stack:
                raise GoldError(path, "closing TIMEX tag without an opening one", line)
            start, attrs, open_line = stack.pop()
            found.append(_gold(start, pos, "".join(parts)[start:pos], attrs, open_line, path))
        elif empty:
            continue  # an empty (non-consuming) TIMEX has no extent in the text
        else:
            attrs = {k.lower(): v for k, v in _ATTR.findall(attrs_text)}
            stack.append((pos, attrs, line))
    if stack:
        raise GoldError(path, "TIMEX tag never closed", stack[-1][2])
    parts.append(html.unescape(body[last:]))
    text = "".join(parts)
    bad = re.search(r"<[A-Za-z/][^<>]*>", _TAG.sub("", body))
    if bad is not None:
        raise GoldError(path, f"unexpected markup {bad.group(0)[:40]!r} inside <TEXT>",
                        _line_of(raw, base + body.find(bad.group(0))))
    found.sort(key=lambda t: (t.start, -t.end))
    return TimexDoc(name, text, dct, tuple(found))


def _gold(start: int, end: int, surface: str, attrs: dict[str, str], line: int, path: Path) -> GoldTimex:
    value = attrs.get("val", attrs.get("value"))
    if value is None:
        raise GoldError(path, "TIMEX tag without val/value attribute", line)
    if end <= start:
        raise GoldError(path, "empty TIMEX extent", line)
    return GoldTimex(start, end, surface, value.strip(), attrs.get("mod"), line)


def gold_files(path: Path) -> list[Path]:
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise GoldError(path, "no such file or folder")
    folder = path / "keyinline" if (path / "keyinline").is_dir() else path
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".xml", ".tml", ".sgm"))
    if not files:
        raise GoldError(path, "no .xml/.tml/.sgm documents found")
    return files


def read_timex_gold(path: Path) -> list[TimexDoc]:
    return [parse_document(read_text(f), f) for f in gold_files(path)]


# --- system ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PreparedDoc:
    """A gold document carried into the normalized article text."""

    name: str
    article: Article
    gold: tuple[GoldTimex, ...]


def prepare(doc: TimexDoc, language: str = "de") -> PreparedDoc:
    article = Article.create(doc.text, language=language, published=doc.dct, source=doc.name)
    offsets = OffsetMap(doc.text, article.text)
    moved = []
    for t in doc.timexes:
        s, e = offsets.span_to_target(t.start, t.end)
        moved.append(GoldTimex(s, e, article.text[s:e], t.value, t.mod, t.line))
    return PreparedDoc(doc.name, article, tuple(moved))


def predict(docs: Sequence[PreparedDoc], progress: Progress | None = None
            ) -> tuple[list[list[PredictedTimex]], str]:
    pipeline = build(TARGET)
    out = []
    for k, doc in enumerate(docs):
        found = pipeline.annotate(doc.article).get("timexes")
        out.append([PredictedTimex(t.start, t.end, t.value, t.text) for t in found])
        if progress is not None:
            progress(k + 1, len(docs))
    return out, pipeline.signature


# --- scoring -----------------------------------------------------------------------------------

def score(gold: Sequence[Sequence[GoldTimex]], predicted: Sequence[Sequence[PredictedTimex]],
          names: Sequence[str] | None = None) -> dict[str, Any]:
    """Figures over documents; ``predicted[i]`` belongs to ``gold[i]``."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold documents but {len(predicted)} predictions")
    names = list(names) if names is not None else [str(i) for i in range(len(gold))]
    strict = lenient = lenient_value = strict_value = Counts()
    value_equal = 0
    errors: dict[str, list[dict[str, Any]]] = {"value": [], "missed": [], "spurious": []}
    for name, g, p in zip(names, gold, predicted):
        strict += count_multisets(((t.start, t.end) for t in g), ((t.start, t.end) for t in p))
        strict_value += count_multisets(((t.start, t.end, canonical_value(t.value)) for t in g),
                                        ((t.start, t.end, canonical_value(t.value)) for t in p))
        pairs = match_greedy(g, p, lambda a, b: overlap((a.start, a.end), (b.start, b.end)))
        lenient += Counts(len(pairs), len(p) - len(pairs), len(g) - len(pairs))
        for i, j in pairs:
            if canonical_value(g[i].value) == canonical_value(p[j].value):
                value_equal += 1
            else:
                _example(errors["value"], name, g[i], p[j])
        matched_g = {i for i, _ in pairs}
        matched_p = {j for _, j in pairs}
        for i, t in enumerate(g):
            if i not in matched_g:
                _example(errors["missed"], name, t, None)
        for j, t in enumerate(p):
            if j not in matched_p:
                _example(errors["spurious"], name, None, t)

        def same_value_overlap(a: GoldTimex, b: PredictedTimex) -> int:
            if canonical_value(a.value) != canonical_value(b.value):
                return 0
            return overlap((a.start, a.end), (b.start, b.end))

        good = len(match_greedy(g, p, same_value_overlap))
        lenient_value += Counts(good, len(p) - good, len(g) - good)
    return {
        **lenient_value.to_dict(),
        "documents": len(gold),
        "gold_timexes": sum(len(g) for g in gold),
        "predicted_timexes": sum(len(p) for p in predicted),
        "value_accuracy": round(value_equal / lenient.tp, 4) if lenient.tp else 0.0,
        "metrics": {
            "lenient_value": lenient_value.to_dict(),
            "strict": strict.to_dict(),
            "lenient": lenient.to_dict(),
            "strict_value": strict_value.to_dict(),
        },
        "errors": errors,
    }


def _example(bucket: list[dict[str, Any]], doc: str, g: GoldTimex | None, p: PredictedTimex | None) -> None:
    if len(bucket) >= MAX_EXAMPLES:
        return
    item: dict[str, Any] = {"doc": doc}
    if g is not None:
        item["gold"] = {"start": g.start, "end": g.end, "text": g.text, "value": g.value}
    if p is not None:
        item["system"] = {"start": p.start, "end": p.end, "text": p.text, "value": p.value}
    bucket.append(item)


def evaluate_timex(gold_path: Path, *, limit: int | None = None, progress: Progress | None = None,
                   language: str = "de") -> dict[str, Any]:
    docs = read_timex_gold(gold_path)
    if limit is not None:
        docs = docs[:limit]
    prepared = [prepare(d, language) for d in docs]
    started = time.perf_counter()
    predicted, signature = predict(prepared, progress)
    result = score([d.gold for d in prepared], predicted, [d.name for d in prepared])
    result["system"] = signature
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result
