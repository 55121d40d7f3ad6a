"""Time expressions against WikiWarsDE (TIMEX2, inline annotation) and TempEval-3 (TimeML TIMEX3).

Gold
    ACE-TERN style documents with inline tags, as in WikiWarsDE's ``keyinline/*.key.xml``: the
    document creation time (DCT) is the ``<DATETIME>`` element (its TIMEX2 ``val``, else its
    text), the text to annotate is the ``<TEXT>`` element, and each ``<TIMEX2 val=… [mod=…]>``
    inside it is one gold expression (nested tags give nested expressions).  The DCT's own tag is
    not an expression of the text.  ``TIMEX3``/``value`` and a ``<DCT>`` element are read the
    same way, so TimeML (TempEval-3's TBAQ-cleaned, TE3-platinum) reads too: its inline
    ``<EVENT>`` and ``<SIGNAL>`` tags are dropped, and a TIMEX3's ``type`` is kept.  A TIMEX2
    without ``val`` (``comment="unspecified"``, legal in TIMEX2) is an expression with no value
    (``""``).  The gold path is a file, a folder of such files, a corpus folder with
    ``keyinline/``, or a ``.tar``/``.tar.gz``/``.tar.xz`` archive of them (read in place; in a
    TempEval-3 archive the stray ``testpipeline/`` copy is skipped).
    MEANTIME's CAT XML (``<Document>`` of ``<token>`` elements, ``<TIMEX3>`` markables over
    ``token_anchor`` ids; English Wikinews) reads too: the text is one line per sentence
    (:func:`~lagebild.eval.ner_en.english_text`) up to the last sentence any markable touches
    (MEANTIME annotates the title and the first five sentences of an article), the
    ``CREATION_TIME`` TIMEX3 is the DCT and its
    dateline tokens are left out of the text, markables without tokens are not expressions of the
    text; in a MEANTIME archive only ``intra-doc_annotation/`` is read (the cross-document
    version holds the same documents).

Language
    ``language`` ("de" or "en") when given; otherwise English for TimeML documents (``.tml`` or a
    ``<TimeML>`` root) and German for the rest.

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

TempEval-3 (UzZaman et al. 2013, the task's ``TE3-evaluation.py``), beside them as ``te3_*``
    ``te3_strict`` and ``te3_relaxed``: P/R/F1 of extraction, exact extent and any overlap; the
    attribute figures take the relaxed pairs (one-to-one, greedily by overlap) and count those
    whose attribute is the gold's *as a string* (no canonical form): attribute accuracy = equal /
    relaxed pairs, attribute P and R = accuracy times the relaxed P and R, so that
    ``te3_value`` (the task's ranking figure, "value F1") and ``te3_type`` have TP = pairs with
    the equal attribute, FP = system expressions less TP, FN = gold expressions less TP.
    ``te3_type`` is scored only where the gold has types (TIMEX3).  For TimeML gold the
    headline is ``te3_value``.
"""

from __future__ import annotations

import html
import re
import tarfile
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
#: TimeML's other inline tags, dropped with their text kept
_TIMEML_TAG = re.compile(r"</?(?:EVENT|SIGNAL)\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(rf"{_TAG.pattern}|{_TIMEML_TAG.pattern}", re.IGNORECASE)
_SUFFIXES = (".xml", ".tml", ".sgm")
_ARCHIVES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".tar.bz2")
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
    type: str | None = None  # TIMEX3 type (DATE, TIME, DURATION, SET); None in TIMEX2


@dataclass(frozen=True)
class TimexDoc:
    name: str
    text: str  # the <TEXT> content, tags removed, entities unescaped
    dct: date | None
    timexes: tuple[GoldTimex, ...]
    timeml: bool = False  # a TimeML document (TempEval): English unless told otherwise


@dataclass(frozen=True)
class PredictedTimex:
    start: int
    end: int
    value: str
    text: str = ""
    type: str = ""


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
    for m in _ANY_TAG.finditer(body):
        piece = html.unescape(body[last:m.start()])
        parts.append(piece)
        pos += len(piece)
        last = m.end()
        if m.group(2) is None:  # an EVENT or SIGNAL tag of TimeML
            continue
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
    bad = re.search(r"<[A-Za-z/][^<>]*>", _ANY_TAG.sub("", body))
    if bad is not None:
        raise GoldError(path, f"unexpected markup {bad.group(0)[:40]!r} inside <TEXT>",
                        _line_of(raw, base + body.find(bad.group(0))))
    found.sort(key=lambda t: (t.start, -t.end))
    timeml = path.suffix.lower() == ".tml" or re.search(r"<TimeML\b", raw[:2000]) is not None
    return TimexDoc(name, text, dct, tuple(found), timeml)


def _gold(start: int, end: int, surface: str, attrs: dict[str, str], line: int, path: Path) -> GoldTimex:
    # a TIMEX2 without val ("unspecified") is legal: an expression with no value
    value = attrs.get("val", attrs.get("value")) or ""
    if end <= start:
        raise GoldError(path, "empty TIMEX extent", line)
    return GoldTimex(start, end, surface, value.strip(), attrs.get("mod"), line, attrs.get("type"))


def _is_cat(raw: str) -> bool:
    head = raw[:600]
    return "<Document" in head and "<token" in head


def parse_cat(raw: str, path: Path) -> TimexDoc:
    """One MEANTIME document in CAT XML (see the module docstring)."""
    from xml.etree import ElementTree  # lazy: only MEANTIME gold is read this way

    from lagebild.eval.ner_en import english_text  # lazy: the English reader is not needed otherwise

    try:
        root = ElementTree.fromstring(raw)
    except ElementTree.ParseError as exc:
        raise GoldError(path, f"not well-formed XML: {exc}") from exc
    tokens = [(t.get("t_id", ""), t.get("sentence", ""), t.text or "") for t in root.iter("token")]
    if not tokens:
        raise GoldError(path, "no <token> elements")
    timexes = []
    dct: date | None = None
    skip: set[str] = set()
    for m in root.iter("TIMEX3"):
        ids = [a.get("t_id", "") for a in m.iter("token_anchor")]
        if m.get("functionInDocument") == "CREATION_TIME":
            day = _ISO_DAY.match(m.get("value", ""))
            if day is not None:
                try:
                    dct = date(int(day.group(1)), int(day.group(2)), int(day.group(3)))
                except ValueError as exc:
                    raise GoldError(path, f"bad document creation time: {exc}") from exc
            skip.update(ids)
            continue
        if ids:
            timexes.append((ids, m.get("value", "") or "", m.get("type") or None, m.get("m_id", "")))
    # MEANTIME annotates the title and the first sentences only: the text ends with the last
    # sentence any markable (time, event, entity) touches
    sentence_of = {tid: sent for tid, sent, _ in tokens}
    marked = [sentence_of[a.get("t_id", "")] for a in root.iter("token_anchor") if a.get("t_id", "") in sentence_of]
    last = max(marked, key=lambda x: int(x) if x.isdigit() else -1) if marked else None
    if last is not None and last.isdigit():
        tokens = [t for t in tokens if not t[1].isdigit() or int(t[1]) <= int(last)]
    lines: list[str] = []
    where: dict[str, tuple[int, int]] = {}
    pos = 0
    sentence: list[tuple[str, str]] = []

    def flush() -> None:
        nonlocal pos, sentence
        if sentence:
            text, spans = english_text([w for _, w in sentence])
            for (tid, _), (a, b) in zip(sentence, spans):
                where[tid] = (pos + a, pos + b)
            lines.append(text)
            pos += len(text) + 1
        sentence = []

    current = None
    for tid, sent, word in tokens:
        if sent != current:
            flush()
            current = sent
        if tid not in skip and word:
            sentence.append((tid, word))
    flush()
    text = "\n".join(lines)
    found = []
    for ids, value, kind, mid in timexes:
        spans = [where[i] for i in ids if i in where]
        if not spans:
            continue
        start, end = min(a for a, _ in spans), max(b for _, b in spans)
        found.append(GoldTimex(start, end, text[start:end], value.strip(), None, 0, kind))
    found.sort(key=lambda t: (t.start, -t.end))
    name = root.get("doc_name") or root.get("doc_id") or path.name.split(".")[0]
    return TimexDoc(name, text, dct, tuple(found), True)


def _parse_any(raw: str, path: Path) -> TimexDoc:
    return parse_cat(raw, path) if _is_cat(raw) else parse_document(raw, path)


def _is_archive(path: Path) -> bool:
    return path.is_file() and path.name.lower().endswith(_ARCHIVES)


def gold_files(path: Path) -> list[Path]:
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise GoldError(path, "no such file or folder")
    folder = path / "keyinline" if (path / "keyinline").is_dir() else path
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in _SUFFIXES)
    if not files:
        files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in _SUFFIXES)
    if not files:
        raise GoldError(path, "no .xml/.tml/.sgm documents found")
    return files


def _archive_documents(path: Path) -> list[TimexDoc]:
    """The documents of a tar archive, read in place, in member order by name."""
    docs = []
    try:
        with tarfile.open(path) as archive:
            members = sorted((m for m in archive.getmembers() if m.isfile()
                              and m.name.lower().endswith(_SUFFIXES) and "/testpipeline/" not in f"/{m.name}"
                              and "/intra_cross-doc_annotation/" not in f"/{m.name}"
                              and not m.name.lower().endswith(".xsd")),
                             key=lambda m: m.name)
            for member in members:
                handle = archive.extractfile(member)
                if handle is None:
                    continue
                where = Path(f"{path}/{member.name}")
                try:
                    raw = handle.read().decode("utf-8-sig")
                except UnicodeDecodeError as exc:
                    raise GoldError(where, f"not UTF-8: {exc}") from exc
                docs.append(_parse_any(raw, where))
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise GoldError(path, f"unreadable archive: {exc}") from exc
    if not docs:
        raise GoldError(path, "no .xml/.tml/.sgm documents in the archive")
    return docs


def read_timex_gold(path: Path) -> list[TimexDoc]:
    path = Path(path)
    if _is_archive(path):
        return _archive_documents(path)
    return [_parse_any(read_text(f), f) for f in gold_files(path)]


# --- system ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PreparedDoc:
    """A gold document carried into the normalized article text."""

    name: str
    article: Article
    gold: tuple[GoldTimex, ...]


def prepare(doc: TimexDoc, language: str | None = None) -> PreparedDoc:
    """``doc`` as an article in ``language`` (default: English for TimeML, else German)."""
    language = language or ("en" if doc.timeml else "de")
    article = Article.create(doc.text, language=language, published=doc.dct, source=doc.name)
    offsets = OffsetMap(doc.text, article.text)
    moved = []
    for t in doc.timexes:
        s, e = offsets.span_to_target(t.start, t.end)
        moved.append(GoldTimex(s, e, article.text[s:e], t.value, t.mod, t.line, t.type))
    return PreparedDoc(doc.name, article, tuple(moved))


def predict(docs: Sequence[PreparedDoc], progress: Progress | None = None
            ) -> tuple[list[list[PredictedTimex]], str]:
    pipeline = build(TARGET)
    out = []
    for k, doc in enumerate(docs):
        found = pipeline.annotate(doc.article).get("timexes")
        out.append([PredictedTimex(t.start, t.end, t.value, t.text, t.type) for t in found])
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
    te3_strict = te3_value = te3_type = Counts()
    typed = False
    errors: dict[str, list[dict[str, Any]]] = {"value": [], "missed": [], "spurious": []}
    for name, g, p in zip(names, gold, predicted):
        strict += count_multisets(((t.start, t.end) for t in g), ((t.start, t.end) for t in p))
        strict_value += count_multisets(((t.start, t.end, canonical_value(t.value)) for t in g),
                                        ((t.start, t.end, canonical_value(t.value)) for t in p))
        pairs = match_greedy(g, p, lambda a, b: overlap((a.start, a.end), (b.start, b.end)))
        lenient += Counts(len(pairs), len(p) - len(pairs), len(g) - len(pairs))
        exact = sum(1 for i, j in pairs if (g[i].start, g[i].end) == (p[j].start, p[j].end))
        te3_strict += Counts(exact, len(p) - exact, len(g) - exact)
        same_value = sum(1 for i, j in pairs if g[i].value.strip() == p[j].value.strip())
        te3_value += Counts(same_value, len(p) - same_value, len(g) - same_value)
        if any(t.type for t in g):
            typed = True
            same_type = sum(1 for i, j in pairs if (g[i].type or "").upper() == (p[j].type or "").upper())
            te3_type += Counts(same_type, len(p) - same_type, len(g) - same_type)
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
            "te3_value": te3_value.to_dict(),
            **({"te3_type": te3_type.to_dict()} if typed else {}),
            "te3_strict": te3_strict.to_dict(),
            "te3_relaxed": lenient.to_dict(),
        },
        "te3_value_accuracy": round(te3_value.tp / lenient.tp, 4) if lenient.tp else 0.0,
        "errors": errors,
    }


def te3_headline(result: dict[str, Any]) -> dict[str, Any]:
    """``result`` with TempEval-3's value F1 as the headline (TimeML gold): the top-level figures
    and the first row are ``te3_value``; the lenient figures stay among the metrics."""
    metrics = result["metrics"]
    first = {"te3_value": metrics["te3_value"]}
    return {**result, **metrics["te3_value"], "headline": "te3_value",
            "metrics": {**first, **{k: v for k, v in metrics.items() if k not in first}}}


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
                   language: str | None = None) -> dict[str, Any]:
    if language is not None and language not in ("de", "en"):
        raise GoldError(Path(gold_path), f"language must be de or en, not {language!r}")
    docs = read_timex_gold(gold_path)
    if limit is not None:
        docs = docs[:limit]
    prepared = [prepare(d, language) for d in docs]
    started = time.perf_counter()
    predicted, signature = predict(prepared, progress)
    result = score([d.gold for d in prepared], predicted, [d.name for d in prepared])
    result["system"] = signature
    result["seconds"] = round(time.perf_counter() - started, 2)
    result["language"] = sorted({d.article.language for d in prepared})
    if docs and all(d.timeml for d in docs):
        result = te3_headline(result)
    return result
