"""English quotes against PolNeAR (attribution relations in US political news, 2016).

Gold
    The corpus as published: ``<split>/text/<name>.txt`` (the article) and
    ``<split>/attributions/<name>_<annotator>.ann`` (brat standoff), read from an unpacked folder
    or straight from the ``polnear-*.tar.xz`` archive in the folder given.  ``T`` lines are
    spans (``Source``, ``Cue``, ``Content``; discontinuous ones as ``a b;c d``), ``E`` lines tie
    one attribution's spans together.  Where several annotators annotated an article (an
    agreement study), the first ``.ann`` by name counts.  Only the ``train`` and ``dev`` splits
    may be read here; the corpus asks to look at dev sparingly.

System
    ``lagebild.quotes`` (with sentences and entities) on the article text, ``language="en"``; a
    quote's message (less its gaps), cue (plus ``cue_extra``) and speaker become token sets;
    quotes that share a cue, and a cue-less quote continuing the speaker of the one before, are
    joined into one attribution (:func:`join_by_cue`).
    Tokens are words and single punctuation marks of the raw text.

Figures
    Gold attributions and system quotes are paired one-to-one per article by the SpkAtt
    assignment (:func:`lagebild.eval.spkatt.assign`: token-overlap F1 of content and message);
    a pair counts when content and message share a token.
    ``attributions``: pairs against gold and system counts (P/R/F1 of finding attributions);
    ``cue``, ``source``, ``content``: token micro P/R/F1 over pairs (unpaired ones all false
    negatives or false positives); ``joint`` (the headline): the three summed.
    ``found_by_cue``: the share of gold attributions found, by whether their cue is one of the
    English speech verbs lagebild knows (``lexicon("en")``).
"""

from __future__ import annotations

import re
import tarfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lagebild.analyze.text.speech import lexicon
from lagebild.errors import GoldError, LagebildError
from lagebild.eval.align import OffsetMap, covered_tokens
from lagebild.eval.metrics import Counts
from lagebild.eval.reading import Progress
from lagebild.eval.spkatt import Group, assign
from lagebild.eval.system import build
from lagebild.model import Article, Quote

TARGET = "lagebild.quotes"
SPLITS = ("train", "dev")
ROLES = ("cue", "source", "content")
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_SPAN = re.compile(r"^(\d+) (\d+)$")
_ID = re.compile(r"^[TE]\d+\t")


@dataclass(frozen=True)
class Attribution:
    content: frozenset[int]
    cue: frozenset[int]
    source: frozenset[int]
    cue_text: str = ""


@dataclass(frozen=True)
class PolnearDoc:
    name: str
    text: str
    spans: tuple[tuple[int, int], ...]  # token spans in ``text``
    attributions: tuple[Attribution, ...]

    def tokens(self, start: int, end: int) -> frozenset[int]:
        return frozenset(covered_tokens(start, end, self.spans))


def token_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in _TOKEN.finditer(text))


# --- reading -----------------------------------------------------------------------------------

def parse_ann(ann: str, text: str, name: str) -> list[tuple[str, list[tuple[int, int]]] | dict[str, str]]:
    """Spans (``T`` lines) and relations (``E`` lines) of one brat file, checked against the text."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for no, line in enumerate(ann.splitlines(), 1):
        if not _ID.match(line):
            continue  # a note, or the rest of a span's text that ran over a line break
        fields = line.split("\t")
        if len(fields) < 2:
            raise GoldError(name, f"malformed line {line[:40]!r}", no)
        key, body = fields[0], fields[1]
        if key.startswith("T"):
            label, _, offsets = body.partition(" ")
            pieces = []
            for piece in offsets.split(";"):
                m = _SPAN.match(piece.strip())
                if m is None:
                    raise GoldError(name, f"bad span {piece!r}", no)
                a, b = int(m.group(1)), int(m.group(2))
                if not 0 <= a <= b <= len(text):
                    raise GoldError(name, f"span {a}-{b} outside the text ({len(text)} characters)", no)
                pieces.append((a, b))
            spans[key] = (label, pieces)
        else:
            roles = {}
            for part in body.split():
                role, _, ref = part.partition(":")
                roles[re.sub(r"\d+$", "", role).lower()] = ref
            relations.append(roles)
    out: list[Any] = []
    for roles in relations:
        for role, ref in roles.items():
            if ref not in spans:
                raise GoldError(name, f"relation refers to unknown span {ref!r}")
        out.append({role: spans[ref] for role, ref in roles.items()})
    return out


def build_doc(name: str, text: str, ann: str) -> PolnearDoc:
    spans = token_spans(text)
    doc = PolnearDoc(name, text, spans, ())
    attributions = []
    for rel in parse_ann(ann, text, name):
        parts = {}
        for role in ROLES:
            pieces = rel.get(role, ("", []))[1]
            parts[role] = frozenset().union(*(doc.tokens(a, b) for a, b in pieces)) if pieces else frozenset()
        if not parts["content"]:
            continue
        cue_pieces = rel.get("cue", ("", []))[1]
        cue_text = " ".join(text[a:b] for a, b in cue_pieces)
        attributions.append(Attribution(parts["content"], parts["cue"], parts["source"], cue_text))
    return PolnearDoc(name, text, spans, tuple(attributions))


def _members(root: Path, split: str) -> Iterator[tuple[str, str, str]]:
    """``(name, text, ann)`` per article of ``split``: from an unpacked folder, else from the
    ``.tar.xz`` archive in ``root``."""
    for base in (root / split, root / "data" / split):
        if (base / "text").is_dir() and (base / "attributions").is_dir():
            anns: dict[str, Path] = {}
            for p in sorted((base / "attributions").glob("*.ann")):
                anns.setdefault(p.stem.rsplit("_", 1)[0], p)
            for t in sorted((base / "text").glob("*.txt")):
                if t.stem in anns:
                    yield t.stem, t.read_text(encoding="utf-8"), anns[t.stem].read_text(encoding="utf-8")
            return
    archives = sorted(root.glob("*.tar.xz")) + sorted(root.glob("*.tar.gz")) + sorted(root.glob("*.tar"))
    if not archives:
        raise GoldError(root, f"no {split}/text and {split}/attributions folders and no .tar.xz archive")
    texts: dict[str, str] = {}
    anns_text: dict[str, tuple[str, str]] = {}
    with tarfile.open(archives[0]) as tar:
        for member in tar:
            if not member.isfile():
                continue
            parts = Path(member.name).parts
            if len(parts) < 3 or parts[-3] != split:
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            data = handle.read().decode("utf-8")
            stem = Path(parts[-1]).stem
            if parts[-2] == "text" and parts[-1].endswith(".txt"):
                texts[stem] = data
            elif parts[-2] == "attributions" and parts[-1].endswith(".ann"):
                key = stem.rsplit("_", 1)[0]
                if key not in anns_text or stem < anns_text[key][0]:
                    anns_text[key] = (stem, data)
    for name in sorted(texts):
        if name in anns_text:
            yield name, texts[name], anns_text[name][1]


def read_polnear(root: Path, split: str, limit: int | None = None) -> list[PolnearDoc]:
    if split not in SPLITS:
        raise LagebildError(f"PolNeAR split {split!r} cannot be read here; choose from {', '.join(SPLITS)}")
    docs = []
    for name, text, ann in _members(Path(root), split):
        docs.append(build_doc(name, text, ann))
        if limit is not None and len(docs) >= limit:
            break
    if not docs:
        raise GoldError(root, f"no PolNeAR {split} articles found")
    return docs


def is_polnear(path: Path) -> bool:
    path = Path(path)
    return path.is_dir() and (any(path.glob("polnear*.tar*")) or any(
        (path / s / "attributions").is_dir() for s in SPLITS))


# --- system ------------------------------------------------------------------------------------

def to_attribution(quote: Quote, doc: PolnearDoc, offsets: OffsetMap) -> Attribution:
    def tokens(start: int | None, end: int | None) -> frozenset[int]:
        if start is None or end is None or end <= start:
            return frozenset()
        a, b = offsets.span_to_source(start, end)
        return doc.tokens(a, b)

    content = tokens(quote.start, quote.end)
    for gap in quote.gaps:
        content -= tokens(gap.start, gap.end)
    cue = frozenset().union(*(tokens(c.start, c.end) for c in (quote.cue, quote.cue_extra) if c))
    source = tokens(quote.speaker.start, quote.speaker.end) if quote.speaker else frozenset()
    return Attribution(content, cue, source)


def join_by_cue(attributions: Sequence[Attribution]) -> list[Attribution]:
    """System quotes joined the way PolNeAR reads attributions: every part of the content belongs
    to its one cue (""A," he said, "B."" is one attribution with a split content), and a quote
    without a cue that keeps the speaker of the quote before continues that attribution; lagebild
    keeps each quotation a quote of its own."""
    out: list[Attribution] = []
    by_cue: dict[frozenset[int], int] = {}
    for a in attributions:
        # a quote without a cue of its own that keeps the speaker of the one before continues it
        k = by_cue.get(a.cue) if a.cue else (len(out) - 1 if out and a.source and a.source == out[-1].source else None)
        if k is None:
            if a.cue:
                by_cue[a.cue] = len(out)
            out.append(a)
        else:
            first = out[k]
            out[k] = Attribution(first.content | a.content, first.cue, first.source | a.source, first.cue_text)
    return out


def predict(docs: Sequence[PolnearDoc], progress: Progress | None = None) -> tuple[list[list[Attribution]], str]:
    pipeline = build(TARGET)
    out = []
    for k, doc in enumerate(docs):
        article = Article.create(doc.text, language="en", source=doc.name)
        offsets = OffsetMap(doc.text, article.text)
        quotes = pipeline.annotate(article).get("quotes")
        out.append(join_by_cue([to_attribution(q, doc, offsets) for q in quotes]))
        if progress is not None:
            progress(k + 1, len(docs))
    return out, pipeline.signature


# --- scoring -----------------------------------------------------------------------------------

def _group(a: Attribution) -> Group:
    return Group(message=a.content, cue=a.cue, source=a.source)


def pairs(gold: Sequence[Attribution], system: Sequence[Attribution]) -> list[tuple[int, int]]:
    return [(i, j) for i, j in assign([_group(g) for g in gold], [_group(s) for s in system])
            if gold[i].content & system[j].content]


def known_cue(cue_text: str) -> bool:
    """Whether a gold cue holds one of the English speech verbs lagebild knows."""
    verbs = lexicon("en").verbs
    return any(w in verbs for w in re.findall(r"[a-z]+", cue_text.lower()))


def score(gold: Sequence[Sequence[Attribution]], system: Sequence[Sequence[Attribution]]) -> dict[str, Any]:
    if len(gold) != len(system):
        raise ValueError(f"{len(gold)} gold documents but {len(system)} predictions")
    roles = {r: Counts() for r in ROLES}
    found = n_gold = n_sys = 0
    by_cue = {"known": [0, 0], "other": [0, 0]}
    for g, s in zip(gold, system):
        n_gold += len(g)
        n_sys += len(s)
        matched = pairs(g, s)
        found += len(matched)
        partner = dict(matched)
        used = set(partner.values())
        for i, ga in enumerate(g):
            sa = s[partner[i]] if i in partner else Attribution(frozenset(), frozenset(), frozenset())
            for r in ROLES:
                gs, ss = getattr(ga, r), getattr(sa, r)
                roles[r] += Counts(len(gs & ss), len(ss - gs), len(gs - ss))
            kind = "known" if known_cue(ga.cue_text) else "other"
            by_cue[kind][0] += i in partner
            by_cue[kind][1] += 1
        for j, sa in enumerate(s):
            if j not in used:
                for r in ROLES:
                    roles[r] += Counts(0, len(getattr(sa, r)), 0)
    joint = roles["cue"] + roles["source"] + roles["content"]
    attributions = Counts(found, n_sys - found, n_gold - found)
    return {
        **joint.to_dict(),
        "documents": len(gold),
        "gold_quotes": n_gold,
        "predicted_quotes": n_sys,
        "metrics": {"joint": joint.to_dict(), "attributions": attributions.to_dict(),
                    **{r: roles[r].to_dict() for r in ROLES}},
        "found_by_cue": {k: {"found": v[0], "gold": v[1], "share": round(v[0] / v[1], 4) if v[1] else 0.0}
                         for k, v in by_cue.items()},
    }


def evaluate_polnear(root: Path, *, split: str = "dev", limit: int | None = None,
                     progress: Progress | None = None) -> dict[str, Any]:
    docs = read_polnear(root, split, limit)
    started = time.perf_counter()
    predicted, signature = predict(docs, progress)
    result = score([d.attributions for d in docs], predicted)
    result.update(corpus="polnear", split=split, system=signature,
                  seconds=round(time.perf_counter() - started, 2))
    return result
