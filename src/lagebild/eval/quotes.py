"""Quotes (cue, speaker, message) against SpkAtt-2023 task 2 (German Wikinews).

Gold
    One JSON file per article: ``DocumentName`` (title with the date in parentheses, taken as the
    publication date), ``Sentences`` (``SentenceId``, ``Tokens``) and ``Annotations`` whose
    ``Cue``, ``Source`` and ``Message`` are lists of ``"sentence:token"`` references.  By default
    only annotations with ``IsNested: false`` count (the shared task's simplified reading: a
    quote inside a quoted message is part of that message); ``nested=True`` keeps all.

System
    ``lagebild.sentences`` + ``lagebild.entities`` + ``lagebild.quotes`` on the article text
    rebuilt from the tokens the way a newspaper prints them (no space inside quotes and brackets
    or before punctuation, sentences joined by a space), each token's span remembered.  A
    quote's message (``Quote.start/end`` less ``Quote.gaps``), cue (``Quote.cue`` plus
    ``Quote.cue_extra``) and speaker (``Quote.speaker``) become the sets of gold tokens their
    character spans touch.  Note that SpkAtt counts the
    quotation marks of a direct quote as part of its message.

Figures
    Messages are aligned one-to-one per document, greedily by the number of shared tokens
    (largest first; pairs sharing no token stay unaligned).  For an aligned pair and each role
    (cue, source, message): true positives are the tokens in both, false positives the system's
    other tokens, false negatives the gold's other tokens; an unaligned gold quote adds all its
    tokens as false negatives, an unaligned system quote all its tokens as false positives.
    ``cue``, ``source``, ``message``: token-level micro P/R/F1 of each role; ``joint`` (the
    headline): the counts of the three roles summed.  ``quotes``: aligned pairs against gold
    and system quote counts.  ``message_recall_by_form``: message-token recall per gold ``Form``.

Held-out split
    :func:`spkatt_split` puts a fixed ~20 % of the train files into "heldout" by a hash of the
    file name (SHA-256 mod 5 == 0), so the split never changes between runs or machines; tune
    rules on "tune", report on "heldout".

Error listing
    ``errors=PATH`` writes one JSON line per evaluated document: the gold and the predicted
    quotes with their message, cue and source as text (tokens in order, " … " between runs) and
    the index of the aligned partner.  It is refused on "heldout" and on a train/ folder read
    without a subset, so nobody reads, and tunes on, the held-out errors.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from lagebild.errors import GoldError, LagebildError
from lagebild.eval.align import OffsetMap, covered_tokens, detokenize
from lagebild.eval.metrics import Counts, match_greedy
from lagebild.eval.reading import Progress, read_text
from lagebild.eval.polnear import evaluate_polnear, is_polnear
from lagebild.eval.spkatt import Group, assign, score_official
from lagebild.eval.system import build
from lagebild.model import Article, Quote

TARGET = "lagebild.quotes"
ROLES = ("cue", "source", "message")
SUBSETS = ("tune", "heldout")
HELDOUT_MODULUS = 5

TokenKey = tuple[int, int]  # (sentence id, token index)
_DATE = re.compile(r"\((\d{4})-(\d{2})-(\d{2})\)\s*$")


@dataclass(frozen=True)
class QuoteTokens:
    """One quote as sets of gold tokens per role."""

    cue: frozenset[TokenKey]
    source: frozenset[TokenKey]
    message: frozenset[TokenKey]
    form: str = ""
    addr: frozenset[TokenKey] = frozenset()
    frame: frozenset[TokenKey] = frozenset()
    stwr: str = ""
    nested: bool = False

    def role(self, name: str) -> frozenset[TokenKey]:
        return getattr(self, name)


@dataclass(frozen=True)
class SpkAttDoc:
    name: str
    sentences: tuple[tuple[int, tuple[str, ...]], ...]  # (SentenceId, tokens)
    quotes: tuple[QuoteTokens, ...]
    published: date | None = None


# --- files and split ---------------------------------------------------------------------------

def spkatt_files(path: Path) -> list[Path]:
    """The article files under ``path`` (a file, a folder of ``.json``, ``train/`` or the corpus
    root, whose ``train/task2`` is used); ``.pretty.json`` copies are skipped."""
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise GoldError(path, "no such file or folder")
    files = sorted(p for p in path.glob("*.json") if not p.name.endswith(".pretty.json"))
    if files:
        return files
    for sub in ("task2", "train"):
        if (path / sub).is_dir():
            return spkatt_files(path / sub)
    raise GoldError(path, "no SpkAtt .json files found")


def is_heldout(name: str) -> bool:
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()
    return int(digest, 16) % HELDOUT_MODULUS == 0


def spkatt_split(train_dir: Path) -> tuple[list[Path], list[Path]]:
    """``(tune_files, heldout_files)``: a fixed ~20 % of the files, chosen by a hash of the file
    name, are held out."""
    files = spkatt_files(train_dir)
    return [p for p in files if not is_heldout(p.name)], [p for p in files if is_heldout(p.name)]


# --- reading -----------------------------------------------------------------------------------

def parse_document(data: Any, path: Path, *, nested: bool = False) -> SpkAttDoc:
    if not isinstance(data, dict):
        raise GoldError(path, "expected a JSON object")
    for key in ("Sentences", "Annotations"):
        if not isinstance(data.get(key), list):
            raise GoldError(path, f"missing or non-list {key!r}")
    sentences: list[tuple[int, tuple[str, ...]]] = []
    lengths: dict[int, int] = {}
    for k, sent in enumerate(data["Sentences"]):
        if not isinstance(sent, dict) or not isinstance(sent.get("Tokens"), list):
            raise GoldError(path, f"sentence #{k}: missing 'Tokens' list")
        sid = sent.get("SentenceId", k)
        if not isinstance(sid, int) or sid in lengths:
            raise GoldError(path, f"sentence #{k}: bad or repeated SentenceId {sid!r}")
        tokens = tuple(str(t) for t in sent["Tokens"])
        if any(not t.strip() for t in tokens):
            raise GoldError(path, f"sentence {sid}: empty token")
        sentences.append((sid, tokens))
        lengths[sid] = len(tokens)

    def refs(ann: dict[str, Any], role: str, k: int) -> frozenset[TokenKey]:
        items = ann.get(role, [])
        if not isinstance(items, list):
            raise GoldError(path, f"annotation #{k}: {role!r} is not a list")
        out = set()
        for ref in items:
            m = re.fullmatch(r"\s*(\d+):(\d+)\s*", str(ref))
            if m is None:
                raise GoldError(path, f"annotation #{k}: bad token reference {ref!r} in {role!r} "
                                      f"(expected 'sentence:token')")
            s, t = int(m.group(1)), int(m.group(2))
            if s not in lengths or t >= lengths[s]:
                raise GoldError(path, f"annotation #{k}: token reference {ref!r} in {role!r} is out of range")
            out.add((s, t))
        return frozenset(out)

    quotes = []
    for k, ann in enumerate(data["Annotations"]):
        if not isinstance(ann, dict):
            raise GoldError(path, f"annotation #{k} is not an object")
        is_nested = bool(ann.get("IsNested"))
        if is_nested and not nested:
            continue
        quotes.append(QuoteTokens(refs(ann, "Cue", k), refs(ann, "Source", k), refs(ann, "Message", k),
                                  str(ann.get("Form", "")), refs(ann, "Addr", k), refs(ann, "Frame", k),
                                  str(ann.get("STWR", "")), is_nested))
    name = str(data.get("DocumentName") or path.stem)
    published = None
    m = _DATE.search(name)
    if m:
        try:
            published = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            published = None
    return SpkAttDoc(name, tuple(sentences), tuple(quotes), published)


def read_spkatt(path: Path, *, nested: bool = False) -> SpkAttDoc:
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise GoldError(path, f"invalid JSON: {exc.msg}", exc.lineno) from exc
    return parse_document(data, Path(path), nested=nested)


# --- system ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PreparedDoc:
    article: Article
    keys: tuple[TokenKey, ...]
    spans: tuple[tuple[int, int], ...]  # token spans in the raw (rebuilt) text
    offsets: OffsetMap
    ends: tuple[int, ...] = ()

    def tokens(self, start: int | None, end: int | None) -> frozenset[TokenKey]:
        """Gold tokens touched by an article span."""
        if start is None or end is None or end <= start:
            return frozenset()
        a, b = self.offsets.span_to_source(start, end)
        return frozenset(self.keys[i] for i in covered_tokens(a, b, self.spans, self.ends or None))


def prepare(doc: SpkAttDoc) -> PreparedDoc:
    keys: list[TokenKey] = []
    spans: list[tuple[int, int]] = []
    texts: list[str] = []
    pos = 0
    for sid, tokens in doc.sentences:
        text, token_spans = detokenize(tokens)
        for t, (a, b) in enumerate(token_spans):
            keys.append((sid, t))
            spans.append((pos + a, pos + b))
        texts.append(text)
        pos += len(text) + 1
    raw = " ".join(texts)
    article = Article.create(raw, language="de", published=doc.published, source=doc.name)
    return PreparedDoc(article, tuple(keys), tuple(spans), OffsetMap(raw, article.text),
                       tuple(e for _, e in spans))


FORMS = {"direct": "Direct", "indirect": "Indirect"}


def to_tokens(quote: Quote, prepared: PreparedDoc) -> QuoteTokens:
    """The gold tokens of a quote's roles: the cue with its detached part (``cue_extra``), the
    speaker, the message without its gaps (a source phrase set into it), the addressee and the
    frame.  A cue that lies wholly inside the message is left out, as SpkAtt never marks one there."""
    cue = frozenset().union(*(prepared.tokens(c.start, c.end) for c in (quote.cue, quote.cue_extra) if c))
    speaker = quote.speaker
    source = prepared.tokens(speaker.start, speaker.end) if speaker else frozenset()
    message = prepared.tokens(quote.start, quote.end)
    for gap in quote.gaps:
        message -= prepared.tokens(gap.start, gap.end)
    if cue and cue <= message:
        cue = frozenset()  # a reported speech act ("Er bezeichnete die Proteste als rechtmäßig"): SpkAtt
        # reads the whole clause as the message and marks no cue in it (3 of 2,452 tune quotes do)
    addressee = getattr(quote, "addressee", None)
    addr = prepared.tokens(addressee.start, addressee.end) if addressee else frozenset()
    frame = frozenset().union(*(prepared.tokens(f.start, f.end) for f in getattr(quote, "frame", ())))
    return QuoteTokens(cue, source, message, FORMS.get(quote.kind, quote.kind), addr, frame - message, "Speech")


def expand(quote: Quote, prepared: PreparedDoc) -> list[QuoteTokens]:
    """A quote as SpkAtt annotates it: the quote itself, then one nested direct quote for each
    quotation inside its message (:attr:`Quote.quoted`) with the same cue, source, addressee and
    frame."""
    outer = to_tokens(quote, prepared)
    out = [outer]
    for span in quote.quoted:
        message = prepared.tokens(span.start, span.end)
        if message:
            out.append(dataclasses.replace(outer, message=message, form="Direct", nested=True))
    return out


def mark_nested(quotes: Sequence[QuoteTokens]) -> list[QuoteTokens]:
    """The quotes with ``nested`` set on each whose message lies inside another one's (larger)
    message, as SpkAtt marks a quote inside a quoted message."""
    out = []
    for k, q in enumerate(quotes):
        inside = bool(q.message) and any(
            j != k and len(o.message) > len(q.message) and q.message <= o.message for j, o in enumerate(quotes))
        out.append(dataclasses.replace(q, nested=inside))
    return out


def to_group(q: QuoteTokens) -> Group:
    return Group(q.message, q.addr, q.cue, q.frame, q.source, q.form or None, q.stwr or None, q.nested)


def predict(docs: Sequence[SpkAttDoc], progress: Progress | None = None
            ) -> tuple[list[list[QuoteTokens]], str]:
    pipeline = build(TARGET)
    out = []
    for k, doc in enumerate(docs):
        prepared = prepare(doc)
        quotes = pipeline.annotate(prepared.article).get("quotes")
        out.append(mark_nested([t for q in quotes for t in expand(q, prepared)]))
        if progress is not None:
            progress(k + 1, len(docs))
    return out, pipeline.signature


# --- scoring -----------------------------------------------------------------------------------

def score(gold: Sequence[Sequence[QuoteTokens]], predicted: Sequence[Sequence[QuoteTokens]]
          ) -> dict[str, Any]:
    """Figures over documents (see the module docstring); ``predicted[i]`` belongs to ``gold[i]``."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold documents but {len(predicted)} predictions")
    roles = {r: Counts() for r in ROLES}
    aligned = 0
    form_hit: dict[str, int] = {}
    form_all: dict[str, int] = {}
    for g, p in zip(gold, predicted):
        pairs = match_greedy(g, p, lambda a, b: len(a.message & b.message))
        aligned += len(pairs)
        partner = dict(pairs)
        matched_p = set(partner.values())
        for i, gq in enumerate(g):
            sq = p[partner[i]] if i in partner else None
            for r in ROLES:
                gs = gq.role(r)
                ss = sq.role(r) if sq is not None else frozenset()
                roles[r] += Counts(len(gs & ss), len(ss - gs), len(gs - ss))
            hit = len(gq.message & sq.message) if sq is not None else 0
            form_hit[gq.form] = form_hit.get(gq.form, 0) + hit
            form_all[gq.form] = form_all.get(gq.form, 0) + len(gq.message)
        for j, sq in enumerate(p):
            if j not in matched_p:
                for r in ROLES:
                    roles[r] += Counts(0, len(sq.role(r)), 0)
    joint = roles["cue"] + roles["source"] + roles["message"]
    n_gold = sum(len(g) for g in gold)
    n_sys = sum(len(p) for p in predicted)
    quotes = Counts(aligned, n_sys - aligned, n_gold - aligned)
    return {
        **joint.to_dict(),
        "documents": len(gold),
        "gold_quotes": n_gold,
        "predicted_quotes": n_sys,
        "metrics": {
            "joint": joint.to_dict(),
            **{r: roles[r].to_dict() for r in ROLES},
            "quotes": quotes.to_dict(),
        },
        "message_recall_by_form": {
            form: round(form_hit[form] / form_all[form], 4) if form_all[form] else 0.0
            for form in sorted(form_all)
        },
    }


# --- error listing -----------------------------------------------------------------------------

def tokens_text(keys: frozenset[TokenKey], words: dict[TokenKey, str]) -> str:
    """The tokens in document order, " … " where a run of adjacent tokens breaks."""
    parts: list[str] = []
    previous: TokenKey | None = None
    for key in sorted(keys):
        if previous is not None and key != (previous[0], previous[1] + 1):
            parts.append("…")
        parts.append(words[key])
        previous = key
    return " ".join(parts)


def error_record(doc: SpkAttDoc, predicted: Sequence[QuoteTokens]) -> dict[str, Any]:
    """One document's gold and predicted quotes as text, each with its partner in the official
    alignment (:func:`lagebild.eval.spkatt.assign`; pairs sharing no message token left out)."""
    words = {(sid, i): t for sid, tokens in doc.sentences for i, t in enumerate(tokens)}
    pairs = [(i, j) for i, j in assign([to_group(q) for q in doc.quotes], [to_group(q) for q in predicted])
             if doc.quotes[i].message & predicted[j].message]
    partner = dict(pairs)
    back = {j: i for i, j in pairs}

    def listing(quotes: Sequence[QuoteTokens], partners: dict[int, int]) -> list[dict[str, Any]]:
        return [{"form": q.form, "nested": q.nested, "partner": partners.get(k),
                 **{r: tokens_text(q.role(r), words) for r in (*ROLES, "addr", "frame")}}
                for k, q in enumerate(quotes)]

    return {"document": doc.name, "gold": listing(doc.quotes, partner),
            "predicted": listing(predicted, back)}


def write_errors(path: Path, docs: Sequence[SpkAttDoc], predicted: Sequence[Sequence[QuoteTokens]]) -> None:
    with Path(path).open("w", encoding="utf-8") as fh:
        for doc, quotes in zip(docs, predicted):
            fh.write(json.dumps(error_record(doc, quotes), ensure_ascii=False) + "\n")


def check_errors_allowed(files: Sequence[Path], subset: str | None) -> None:
    """Refuse an error listing that would show held-out documents."""
    if subset == "heldout":
        raise LagebildError("--errors is not allowed with --subset heldout: held-out errors must not "
                            "be read (tune on --subset tune)")
    if subset is None and any("train" in f.parent.parts and is_heldout(f.name) for f in files):
        raise LagebildError("--errors on a train/ folder needs --subset tune (the folder holds the "
                            "held-out documents)")


def evaluate_quotes(gold_path: Path, *, limit: int | None = None, progress: Progress | None = None,
                    subset: str | None = None, nested: bool = False,
                    errors: Path | None = None, split: str | None = None) -> dict[str, Any]:
    if is_polnear(gold_path):  # English: PolNeAR (see lagebild.eval.polnear)
        if subset is not None or errors is not None:
            raise LagebildError("PolNeAR takes --split (train or dev), not --subset or --errors")
        return evaluate_polnear(gold_path, split=split or "dev", limit=limit, progress=progress)
    if split is not None:
        raise LagebildError("--split is for PolNeAR; SpkAtt's train/ folder takes --subset tune or heldout")
    if subset is not None and subset not in SUBSETS:
        raise LagebildError(f"unknown subset {subset!r}; expected one of {', '.join(SUBSETS)}")
    if errors is not None and subset == "heldout":
        check_errors_allowed([], subset)
    if subset is None:
        files = spkatt_files(gold_path)
    else:
        tune, heldout = spkatt_split(gold_path)
        files = tune if subset == "tune" else heldout
    if limit is not None:
        files = files[:limit]
    if errors is not None:
        check_errors_allowed(files, subset)
    docs = [read_spkatt(f, nested=True) for f in files]
    started = time.perf_counter()
    predicted, signature = predict(docs, progress)
    if errors is not None:
        write_errors(errors, docs, predicted)
    gold_groups = [[to_group(q) for q in d.quotes] for d in docs]
    system_groups = [[to_group(q) for q in p] for p in predicted]
    result = score([[q for q in d.quotes if nested or not q.nested] for d in docs],
                   [[q for q in p if nested or not q.nested] for p in predicted])
    result["official"] = {"full": score_official(gold_groups, system_groups),
                          "simplified": score_official(gold_groups, system_groups, simplified=True)}
    result["system"] = signature
    result["subset"] = subset
    result["nested"] = nested
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result
