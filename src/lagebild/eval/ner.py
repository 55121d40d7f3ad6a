"""Named entities against GermEval 2014 (NoSta-D labels), and English sets (``language="en"``).

Gold
    The four-column GermEval TSV (``index, token, outer tag, inner tag``; ``#`` comment lines
    with source URL and ``[date]``; a blank line between sentences) or the two-column
    ``token tag`` layout of the BIOES train file (outer level only).  ``.xz``/``.gz`` files are
    read transparently; tags may be BIO or BIOES, sub-types in either case (``LOCderiv`` or
    ``LOCDERIV``).  Chunks are read the way conlleval reads them: an ``I-`` that does not
    continue a chunk of its label starts a new one.

System
    ``lagebild.sentences`` + ``lagebild.entities`` on the sentence text built by joining the
    tokens with single spaces (``batch`` sentences per article, joined by line breaks; one per
    article by default, so that no sentence lends context to an unrelated one).  A predicted
    character span becomes the gold tokens it touches.  Labels map as PER→PER, ORG→ORG,
    LOC→LOC, GPE→LOC, MISC→OTH; a mention whose ``form`` is ``adjective`` or ``demonym`` gets
    ``-deriv`` (GermEval tags "nordkoreanischen" and "Franzosen" alike as LOCderiv: in the train
    file "Franzosen", "Briten", "Russen", "Chinesen" are always S-LOCDERIV); a mention that covers
    only part of a token ("Russland" in "Russland-Besuch") gets ``-part`` — unless what it leaves
    out is punctuation ("DFB." in the gold tokens) or another name behind a slash ("Japan/Korea",
    one gold token labelled LOC).  Overlapping
    predictions: the longest wins the outer level; a shorter one strictly inside it becomes an
    inner chunk; others are dropped.

Figures
    ``outer`` (the headline): strict chunk micro P/R/F1 over the 12 outer labels (exact token
    span and exact label); ``per_label`` the same per label; ``main4``: -deriv/-part folded
    into PER/ORG/LOC/OTH; ``spans``: outer chunks with labels ignored; ``inner``: the inner level;
    ``combined``: outer and inner chunks counted together, as the official GermEval 2014
    "strict, combined" metric does (inner gold only where the file has the fourth column).

English (``language="en"``)
    Gold read by :func:`lagebild.eval.ner_en.read_english` (CoNLL/IOB, Universal NER, WNUT-17,
    GUM CoNLL-U) over PER, ORG, LOC, MISC; the articles are English and the text is the sentence
    as printed.  Labels map as above but MISC stays MISC, an adjective or demonym of a place
    ("Japanese") is MISC (CoNLL's convention), and a name inside a token keeps its label (no
    ``-part`` in these sets).  Only the labels a file annotates are scored: a predicted chunk of a
    label that occurs nowhere in the gold file (MISC in Universal NER and GUM) is dropped, the
    convention of per-set figures such as WNUT-17's "four types".  ``outer`` is the headline
    (strict chunk micro P/R/F1); ``main4`` and ``spans`` as above.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from lagebild.errors import GoldError
from lagebild.analyze.entities.chunks import DERIVED_FORMS, LABEL_MAP, Chunk, map_label, mentions_to_chunks
from lagebild.eval.align import OffsetMap, join_tokens
from lagebild.eval.metrics import Counts, count_multisets, per_key
from lagebild.eval.ner_en import EN_LABELS, english_text, read_english
from lagebild.eval.reading import Progress, numbered_lines
from lagebild.eval.system import build
from lagebild.model import Article, EntityMention

TARGET = "lagebild.entities"
BASE_LABELS = ("PER", "ORG", "LOC", "OTH")
LABELS = tuple(f"{b}{s}" for b in BASE_LABELS for s in ("", "deriv", "part"))

_TAG = re.compile(r"^(?:O|([BIES])-(PER|ORG|LOC|OTH)(DERIV|PART)?)$", re.IGNORECASE)
_DATE = re.compile(r"\[(\d{4})-(\d{2})-(\d{2})\]")


@dataclass(frozen=True)
class NerSentence:
    tokens: tuple[str, ...]
    outer: tuple[Chunk, ...]
    inner: tuple[Chunk, ...] | None  # None: the file has no inner column
    line: int  # line number of the first token
    source: str | None = None
    published: date | None = None
    space_after: tuple[bool, ...] | None = None  # where the file says how the sentence is printed


def normalize_tag(tag: str, path: Path, line: int) -> tuple[str, str | None]:
    """``("B", "LOCderiv")`` from ``B-LOCDERIV``; ``("O", None)`` for ``O``."""
    m = _TAG.match(tag)
    if m is None:
        raise GoldError(path, f"unknown NE tag {tag!r} (expected O or B/I/E/S- + PER|ORG|LOC|OTH"
                              f"[deriv|part]; English sets: --lang en)", line)
    if m.group(1) is None:
        return "O", None
    return m.group(1).upper(), m.group(2).upper() + (m.group(3) or "").lower()


def chunks(tags: Sequence[tuple[str, str | None]]) -> list[Chunk]:
    """Chunks from normalized BIO or BIOES tags (an orphan ``I-``/``E-`` opens a chunk)."""
    out: list[Chunk] = []
    start: int | None = None
    label: str | None = None
    for i, (prefix, lab) in enumerate(tags):
        continues = start is not None and lab == label and prefix in ("I", "E")
        if not continues and start is not None:
            out.append((start, i, label))  # type: ignore[arg-type]
            start = label = None
        if prefix == "O":
            continue
        if not continues:
            start, label = i, lab
        if prefix in ("S", "E"):
            out.append((start, i + 1, label))  # type: ignore[arg-type]
            start = label = None
    if start is not None:
        out.append((start, len(tags), label))  # type: ignore[arg-type]
    return out


def read_germeval(path: Path) -> list[NerSentence]:
    """Sentences of a GermEval TSV (4 columns) or ``token tag`` (2 columns) file."""
    path = Path(path)
    sentences: list[NerSentence] = []
    tokens: list[str] = []
    outer: list[tuple[str, str | None]] = []
    inner: list[tuple[str, str | None]] = []
    has_inner: bool | None = None
    first_line = 0
    source: str | None = None
    published: date | None = None

    def flush() -> None:
        nonlocal tokens, outer, inner, has_inner, source, published
        if tokens:
            sentences.append(NerSentence(
                tuple(tokens), tuple(chunks(outer)), tuple(chunks(inner)) if has_inner else None,
                first_line, source, published))
        tokens, outer, inner, has_inner, source, published = [], [], [], None, None, None

    for number, line in numbered_lines(path):
        if not line.strip():
            flush()
            continue
        fields = line.split("\t")
        if fields[0] == "#":
            if tokens:
                raise GoldError(path, "comment line inside a sentence (missing blank line)", number)
            source = fields[1].strip() if len(fields) > 1 and fields[1].strip() else None
            m = _DATE.search(line)
            if m:
                try:
                    published = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                except ValueError:
                    published = None
            continue
        if len(fields) >= 3:
            if not fields[0].strip().isdigit():
                raise GoldError(path, f"expected a token index in column 1, got {fields[0]!r}", number)
            token, tags = fields[1], fields[2:4]
        else:
            parts = line.split()
            if len(parts) != 2:
                raise GoldError(path, f"expected 'token tag' or 'index<TAB>token<TAB>outer<TAB>inner', "
                                      f"got {len(parts)} fields", number)
            token, tags = parts[0], parts[1:]
        if not token:
            raise GoldError(path, "empty token", number)
        line_has_inner = len(tags) > 1
        if has_inner is None:
            has_inner = line_has_inner
            first_line = number
        elif has_inner != line_has_inner:
            raise GoldError(path, "the number of columns changes inside a sentence", number)
        tokens.append(token)
        outer.append(normalize_tag(tags[0].strip(), path, number))
        if line_has_inner:
            inner.append(normalize_tag(tags[1].strip(), path, number))
    flush()
    if not sentences:
        raise GoldError(path, "no sentences found")
    return sentences


# --- system output → chunks -------------------------------------------------------------------

def predict(sentences: Sequence[NerSentence], *, batch: int = 1, progress: Progress | None = None,
            language: str = "de") -> tuple[list[tuple[list[Chunk], list[Chunk]]], str]:
    """Run the entity stages on ``sentences``; ``(outer, inner)`` chunks per sentence and the
    pipeline signature."""
    pipeline = build(TARGET)
    out: list[tuple[list[Chunk], list[Chunk]]] = []
    batch = max(1, batch)
    for b0 in range(0, len(sentences), batch):
        group = sentences[b0:b0 + batch]
        texts, spans, bases = [], [], []
        pos = 0
        for sent in group:
            if language == "en":
                text, token_spans = english_text(sent.tokens, sent.space_after)
            else:
                text, token_spans = join_tokens(sent.tokens)
            texts.append(text)
            spans.append(token_spans)
            bases.append(pos)
            pos += len(text) + 1
        raw = "\n".join(texts)
        article = Article.create(raw, language=language, published=group[0].published,
                                 source="germeval" if language == "de" else "ner-gold")
        doc = pipeline.annotate(article)
        offsets = OffsetMap(raw, article.text)
        per_sentence: list[list[tuple[int, int, EntityMention]]] = [[] for _ in group]
        for mention in doc.get("entities"):
            start, end = offsets.span_to_source(mention.start, mention.end)
            k = _sentence_of(start, bases)
            if end > bases[k] + len(texts[k]):  # crosses a sentence boundary
                continue
            per_sentence[k].append((start - bases[k], end - bases[k], mention))
        for k, mentions in enumerate(per_sentence):
            out.append(mentions_to_chunks(mentions, spans[k], texts[k], language))
        if progress is not None:
            progress(min(b0 + batch, len(sentences)), len(sentences))
    return out, pipeline.signature


def _sentence_of(offset: int, bases: Sequence[int]) -> int:
    return max(0, bisect_right(bases, offset) - 1)


# --- scoring ------------------------------------------------------------------------------------

def _fold(label: str) -> str:
    return label.removesuffix("deriv").removesuffix("part")


def score(gold: Sequence[NerSentence], predicted: Sequence[tuple[Sequence[Chunk], Sequence[Chunk]]],
          labels_scored: Iterable[str] | None = None) -> dict[str, Any]:
    """Chunk-level figures (see the module docstring); ``predicted[i]`` belongs to ``gold[i]``.
    ``labels_scored``: only predicted chunks of these labels count (all when None)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold sentences but {len(predicted)} predictions")
    keep = set(labels_scored) if labels_scored is not None else None
    g_outer = [(i, *c) for i, s in enumerate(gold) for c in s.outer]
    p_outer = [(i, *c) for i, (o, _) in enumerate(predicted) for c in o if keep is None or c[2] in keep]
    has_inner = any(s.inner is not None for s in gold)
    g_inner = [(i, *c) for i, s in enumerate(gold) for c in (s.inner or ())]
    p_inner = [(i, *c) for i, (_, n) in enumerate(predicted) for c in n] if has_inner else []

    outer = count_multisets(g_outer, p_outer)
    labels = per_key(g_outer, p_outer, key=lambda c: c, label=lambda c: c[3])
    main4 = count_multisets(((i, a, b, _fold(x)) for i, a, b, x in g_outer),
                            ((i, a, b, _fold(x)) for i, a, b, x in p_outer))
    main4_labels = per_key([(i, a, b, _fold(x)) for i, a, b, x in g_outer],
                           [(i, a, b, _fold(x)) for i, a, b, x in p_outer],
                           key=lambda c: c, label=lambda c: c[3])
    spans = count_multisets(((i, a, b) for i, a, b, _ in g_outer), ((i, a, b) for i, a, b, _ in p_outer))
    inner = count_multisets(g_inner, p_inner)
    combined = outer + inner
    return {
        **outer.to_dict(),
        "sentences": len(gold),
        "tokens": sum(len(s.tokens) for s in gold),
        "gold_chunks": {"outer": len(g_outer), "inner": len(g_inner)},
        "inner_available": has_inner,
        "metrics": {
            "outer": outer.to_dict(),
            "main4": main4.to_dict(),
            "spans": spans.to_dict(),
            "inner": inner.to_dict(),
            "combined": combined.to_dict(),
        },
        "per_label": {lab: labels.get(lab, Counts()).to_dict() for lab in (*LABELS, *EN_LABELS)
                      if lab in labels},
        "per_label_main4": {lab: c.to_dict() for lab, c in main4_labels.items()},
    }


def evaluate_ner(gold_path: Path, *, limit: int | None = None, progress: Progress | None = None,
                 batch: int = 1, language: str = "de") -> dict[str, Any]:
    if language not in ("de", "en"):
        raise GoldError(Path(gold_path), f"language must be de or en, not {language!r}")
    if language == "en":
        gold = read_english(gold_path)
        labels_scored: list[str] | None = sorted({c[2] for s in gold for c in s.outer})
    else:
        gold = read_germeval(gold_path)
        labels_scored = None
    if limit is not None:
        gold = gold[:limit]
    started = time.perf_counter()
    predicted, signature = predict(gold, batch=batch, progress=progress, language=language)
    result = score(gold, predicted, labels_scored)
    result["language"] = language
    if labels_scored is not None:
        result["labels_scored"] = labels_scored
    result["system"] = signature
    result["batch"] = batch
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


__all__ = ["NerSentence", "read_germeval", "chunks", "map_label", "mentions_to_chunks", "predict",
           "score", "evaluate_ner", "LABELS"]
