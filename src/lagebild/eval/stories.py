"""Stories: the link stage's clusters scored against a gold partition of articles.

Format (``corpus/stories``)
    JSON lines, one article a line::

        {"id": "gnad-0074", "story": "bp-wahl-2016", "about": "…" | null,
         "source": {"dataset": "10kgnad", "file": "test.csv.xz", "key": "74"}, "sha1": "…",
         "text": "…" (optional), "title": …, "published": "2016-04-24" | null, "language": "de"}

    A record carries its ``text`` or names its ``source``; then the text is rebuilt from the data
    folder and checked against ``sha1`` (the project's gold stores no third-party text).  Sources:
    ``10kgnad`` (``test.csv.xz``, key: record number from 0; undated, untitled) and
    ``spkatt2023-task2-news`` (key: the Wikinews document number that starts the file's name;
    title and date from that name).  Every article with the same ``story`` is one story; an article alone in its story
    is a singleton.  A gold folder is read as its ``*.jsonl`` files (``split`` keeps
    ``<split>.jsonl``); the demo's ``stories.json`` (with ``corpus/`` beside it) is read too.

Figures
    *B-cubed* (Bagga & Baldwin 1998): for each article, precision = the share of its predicted
    story that is in its gold story, recall = the share of its gold story that is in its predicted
    story; both averaged over all articles, singletons included; F1 their harmonic mean.
    *Pairwise*: over all pairs of articles, a pair is positive when both are in one story; P/R/F1
    of predicted against gold pairs.  Beside them the two trivial systems: every article alone,
    and all articles in one story.

System
    The gold articles are stored in a fresh (or the given ``db``) scratch store, analysed with the
    stages the link stage reads (sentences, entities) and linked in full, alone
    (``lagebild.services.commands.link_apart``, handed in as ``system`` by the CLI).
"""

from __future__ import annotations

import csv
import json
import lzma
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from lagebild.errors import GoldError, InputError, LagebildError
from lagebild.eval.eventsources import text_sha1
from lagebild.eval.reading import Progress, json_lines
from lagebild.model import Article

#: the packaged gold: the demo corpus's three stories
DEFAULT_GOLD = Path(__file__).resolve().parents[1] / "demo" / "stories.json"

__all__ = ["GoldArticle", "read_gold", "bcubed", "pairwise", "score_stories", "evaluate_stories",
           "read_10kgnad", "text_sha1"]


@dataclass(frozen=True)
class GoldArticle:
    id: str
    story: str
    text: str
    title: str | None = None
    published: date | None = None
    language: str = "de"
    outlet: str | None = None


# --- sources -----------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def read_10kgnad(data_root: Path, file: str = "test.csv.xz") -> list[tuple[str, str]]:
    """``(category, text)`` for every record of 10kGNAD's ``file`` (``;``-separated, ``'`` quotes)."""
    path = Path(data_root) / "10kgnad" / file
    if not path.is_file():
        raise GoldError(path, "source file missing (the story gold reads its texts from the data folder)")
    with lzma.open(path, "rt", encoding="utf-8", newline="") as handle:
        return [(row[0], row[1]) for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) == 2]


_WIKINEWS_NAME = re.compile(r"^(\d+) - (.*) \((\d{4}-\d{2}-\d{2})\)\.json$")


@lru_cache(maxsize=4)
def _wikinews_files(data_root: Path) -> dict[str, Path]:
    root = Path(data_root) / "spkatt2023-task2-news"
    out = {}
    for path in sorted(root.glob("train/task2/*.json")) + sorted(root.glob("trial/*.json")):
        m = _WIKINEWS_NAME.match(path.name)
        if m:
            out.setdefault(m[1], path)
    return out


def read_wikinews(data_root: Path, number: str) -> tuple[str, str | None, date | None]:
    """Text (sentences of tokens joined by spaces, one a line), title and date of the SpkAtt-2023
    task 2 article with Wikinews document ``number``; title and date come from its file name."""
    path = _wikinews_files(Path(data_root)).get(number)
    if path is None:
        raise GoldError(Path(data_root) / "spkatt2023-task2-news",
                        f"no article {number} (the story gold reads its texts from the data folder)")
    doc = json.loads(path.read_text("utf-8"))
    text = "\n".join(" ".join(s["Tokens"]) for s in doc["Sentences"])
    m = _WIKINEWS_NAME.match(path.name)
    if not m:
        return text, None, None
    published = None if m[3].startswith("0001") else date.fromisoformat(m[3])
    return text, m[2], published


def _resolve(source: Mapping[str, Any], data_root: Path) -> tuple[str, str | None, date | None, str | None]:
    dataset, file, key = str(source.get("dataset")), str(source.get("file")), str(source.get("key"))
    if dataset == "10kgnad":
        records = read_10kgnad(data_root, file)
        if not key.isdigit() or int(key) >= len(records):
            raise KeyError(f"no record {key} in {dataset}/{file}")
        return records[int(key)][1], None, None, "derStandard"
    if dataset == "spkatt2023-task2-news":
        text, title, published = read_wikinews(data_root, key)
        return text, title, published, "Wikinews"
    raise KeyError(f"no reader for source {dataset}/{file}")


# --- gold --------------------------------------------------------------------------------------

def _read_jsonl(path: Path, data_root: Path | None) -> list[GoldArticle]:
    out: list[GoldArticle] = []
    for number, rec in json_lines(path):
        if not isinstance(rec, dict) or not rec.get("id") or not rec.get("story"):
            raise GoldError(path, "a record needs an 'id' and a 'story'", number)
        title, published, outlet = rec.get("title"), rec.get("published"), rec.get("outlet")
        if rec.get("text") is not None:
            text = str(rec["text"])
        elif isinstance(rec.get("source"), dict):
            if data_root is None:
                raise GoldError(path, "the record names a source but no data folder was given (--data)", number)
            try:
                text, src_title, src_date, src_outlet = _resolve(rec["source"], Path(data_root))
            except KeyError as exc:
                raise GoldError(path, str(exc.args[0]), number) from exc
            except GoldError as exc:
                raise GoldError(path, f"{rec['id']}: {exc}", number) from exc
            if rec.get("sha1") and text_sha1(text) != rec["sha1"]:
                raise GoldError(path, f"text of {rec['id']} no longer matches its sha1 (source changed?)", number)
            title, published, outlet = title or src_title, published or src_date, outlet or src_outlet
        else:
            raise GoldError(path, "a record needs 'text' or 'source'", number)
        if isinstance(published, str):
            try:
                published = date.fromisoformat(published[:10])
            except ValueError as exc:
                raise GoldError(path, f"bad date {published!r}", number) from exc
        out.append(GoldArticle(str(rec["id"]), str(rec["story"]), text, title, published,
                               str(rec.get("language") or "de"), outlet))
    return out


def _read_demo(path: Path) -> list[GoldArticle]:
    """The demo corpus: ``stories.json`` maps a story to its files in ``corpus/`` beside it."""
    try:
        labels = json.loads(path.read_text("utf-8"))["stories"]
    except (OSError, ValueError, KeyError) as exc:
        raise GoldError(path, f"not a demo stories file: {exc}") from exc
    label_of = {f: story for story, files in labels.items() for f in files}
    out = []
    for file in sorted((path.parent / "corpus").glob("*.txt")):
        _, front, body = file.read_text("utf-8").split("---", 2)
        meta = yaml.safe_load(front) or {}
        published = meta.get("published")
        out.append(GoldArticle(f"demo:{file.name}", label_of.get(file.name, file.name), body.strip(),
                               meta.get("title"), published if isinstance(published, date) else None,
                               meta.get("language") or "de", meta.get("outlet")))
    return out


def read_gold(path: Path, data_root: Path | None = None, split: str | None = None) -> list[GoldArticle]:
    """The gold articles of a JSON-lines file, a folder of them (``split``: only ``<split>.jsonl``)
    or a demo ``stories.json``."""
    path = Path(path)
    if path.is_file() and path.suffix == ".json":
        return _read_demo(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.jsonl") if split is None or p.stem == split)
        if not files:
            raise GoldError(path, f"no {split or '*'}.jsonl files in the folder")
    elif path.is_file():
        files = [path]
    else:
        raise GoldError(path, "no such file or folder")
    items = [a for f in files for a in _read_jsonl(f, data_root)]
    seen: set[str] = set()
    for a in items:
        if a.id in seen:
            raise GoldError(path, f"article {a.id} appears twice")
        seen.add(a.id)
    return items


# --- scores ------------------------------------------------------------------------------------

def _prf(p: float, r: float) -> dict[str, float]:
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def bcubed(gold: Mapping[str, str], pred: Mapping[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of ``pred`` (article -> story) against ``gold``, averaged
    over the articles of ``gold``."""
    if not gold:
        return _prf(1.0, 1.0)
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_pred: dict[str, set[str]] = defaultdict(set)
    for a, g in gold.items():
        by_gold[g].add(a)
        by_pred[pred[a]].add(a)
    p = r = 0.0
    for a in gold:
        both = len(by_gold[gold[a]] & by_pred[pred[a]])
        p += both / len(by_pred[pred[a]])
        r += both / len(by_gold[gold[a]])
    return _prf(p / len(gold), r / len(gold))


def pairwise(gold: Mapping[str, str], pred: Mapping[str, str]) -> dict[str, Any]:
    """Precision, recall and F1 over pairs of articles put in one story (counts beside)."""
    def pairs(labels: Mapping[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for a in sorted(gold):
            groups[labels[a]].append(a)
        return {(x, y) for members in groups.values() for i, x in enumerate(members) for y in members[i + 1:]}

    g, s = pairs(gold), pairs(pred)
    tp = len(g & s)
    p = tp / len(s) if s else (1.0 if not g else 0.0)
    r = tp / len(g) if g else 1.0
    return {**_prf(p, r), "tp": tp, "fp": len(s) - tp, "fn": len(g) - tp}


_NO_COUNTS = {"tp": "-", "fp": "-", "fn": "-"}  # B-cubed averages per article; it has no counts


def score_stories(gold: Mapping[str, str], pred: Mapping[str, str]) -> dict[str, Any]:
    """The figures for one partition against the gold, with the two trivial systems beside."""
    alone = {a: a for a in gold}
    one = {a: "all" for a in gold}
    sizes: dict[str, int] = defaultdict(int)
    for g in gold.values():
        sizes[g] += 1
    predicted: dict[str, int] = defaultdict(int)
    for a in gold:
        predicted[pred[a]] += 1
    return {
        "articles": len(gold), "gold_stories": len(sizes),
        "gold_singletons": sum(1 for n in sizes.values() if n == 1),
        "largest_gold_story": max(sizes.values(), default=0),
        "predicted_stories": len(predicted), "largest_predicted_story": max(predicted.values(), default=0),
        "metrics": {
            "bcubed": {**bcubed(gold, pred), **_NO_COUNTS}, "pairwise": pairwise(gold, pred),
            "bcubed_all_alone": {**bcubed(gold, alone), **_NO_COUNTS},
            "bcubed_one_story": {**bcubed(gold, one), **_NO_COUNTS},
        },
    }


# --- system ------------------------------------------------------------------------------------

#: the stages whose layers the link stage reads for stories (sentences for leads, entities)
STAGES = ("lagebild.sentences", "lagebild.entities")


#: ``system(articles, stages=, db=, progress=)`` -> ``{"story_of", "titles", "analyse_s", "link_s"}``:
#: the link stage run on the articles alone (``lagebild.services.commands.link_apart``; the eval
#: harness does not import the link stage itself, the CLI hands it in)
System = Callable[..., dict[str, Any]]


def link_gold(items: list[GoldArticle], system: System, db: Path | None = None,
              progress: Progress | None = None) -> tuple[dict[str, str], dict[str, str], dict[str, Any]]:
    """The gold articles linked by ``system``: ``(gold id -> story id, story id -> title, timings)``."""
    article_of: dict[str, str] = {}
    articles: dict[str, Article] = {}
    for item in items:
        art = Article.create(item.text, title=item.title, published=item.published, language=item.language,
                             outlet=item.outlet, external_id=item.id)
        article_of[item.id] = art.id
        articles.setdefault(art.id, art)
    try:
        out = system(list(articles.values()), stages=STAGES, db=db, progress=progress)
    except InputError as exc:
        raise LagebildError(str(exc)) from exc
    story_of = out["story_of"]
    pred = {gid: story_of.get(aid, f"unlinked:{aid}") for gid, aid in article_of.items()}
    return pred, out["titles"], {"analyse_s": out.get("analyse_s"), "link_s": out.get("link_s")}


def evaluate_stories(path: Path, *, system: System | None = None, data_root: Path | None = None,
                     split: str | None = None, db: Path | None = None, limit: int | None = None,
                     progress: Progress | None = None) -> dict[str, Any]:
    """Score the stories that ``system`` (the link stage, see :data:`System`) makes of the gold
    articles at ``path`` (see the module docstring)."""
    if system is None:
        raise LagebildError("eval stories needs the link stage handed in (system=lagebild.services.commands."
                            "link_apart); `lagebild eval stories` does that")
    if data_root is None:  # a developer's checkout: ../shared/data beside it
        data_root = Path.cwd().parent / "shared" / "data"
    items = read_gold(Path(path), data_root, split)
    if limit is not None:
        items = items[:limit]
    pred, titles, timing = link_gold(items, system, Path(db) if db else None, progress)
    gold = {a.id: a.story for a in items}
    result = score_stories(gold, pred)
    result.update({k: result["metrics"]["bcubed"][k] for k in ("precision", "recall", "f1", "tp", "fp", "fn")})
    used = {pred[a] for a in gold}
    result["blank_titles"] = sum(1 for s in used if not (titles.get(s) or "").strip())
    result.update(timing)
    result["split"] = split
    return result
