"""The evaluation tasks behind ``lagebild eval TASK --gold PATH``.

Each task reads and validates its gold (a malformed file raises
:class:`~lagebild.errors.GoldError` with file, line and reason), runs lagebild's own pipeline
cut down to the stages the task needs, and scores.  The result is a JSON-serialisable dict with
``task``, ``gold``, the headline ``precision``/``recall``/``f1`` (and its ``tp``/``fp``/``fn``),
a ``metrics`` mapping of named figures (the headline first), the ``system`` (stage versions)
and ``seconds``; task-specific figures sit beside them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lagebild.errors import GoldError, LagebildError
from lagebild.eval.events import DEFAULT_GOLD as EVENTS_GOLD
from lagebild.eval.eventcorpus import evaluate_corpus
from lagebild.eval.stories import DEFAULT_GOLD as STORIES_GOLD
from lagebild.eval.events import evaluate_events
from lagebild.eval.ner import evaluate_ner
from lagebild.eval.quotes import evaluate_quotes
from lagebild.eval.reading import Progress
from lagebild.eval.stories import evaluate_stories
from lagebild.eval.timex import evaluate_timex


@dataclass(frozen=True)
class Task:
    name: str
    help: str
    gold_help: str
    headline: str  # the name of the headline figure in ``metrics``
    run: Callable[..., dict[str, Any]]
    default_gold: Path | None = None
    options: tuple[str, ...] = ()  # extra keyword options the task accepts


TASKS: dict[str, Task] = {
    "ner": Task(
        "ner", "Named entities: strict outer-chunk micro P/R/F1 over the 12 GermEval 2014 labels "
        "(--lang en: PER/ORG/LOC/MISC, the labels the file annotates)",
        "GermEval 2014 TSV (4 columns, BIO) or 'token tag' file (BIOES); English: CoNLL/IOB 'token tag', "
        "Universal NER .iob2, WNUT-17, GUM CoNLL-U; .xz/.gz read directly",
        "outer", evaluate_ner, options=("batch", "language")),
    "timex": Task(
        "timex", "Time expressions: lenient extraction + normalization P/R/F1 (overlap and equal value)",
        "WikiWarsDE corpus folder (keyinline/), or inline TIMEX2/TIMEX3 files",
        "lenient_value", evaluate_timex, options=("language",)),
    "quotes": Task(
        "quotes", "Quotes: the official SpkAtt-2023 task 2 figures (full task and simplified, macro over "
        "quotes and roles) and lagebild's own token-overlap P/R/F1 for cue, source and message",
        "SpkAtt-2023 task 2 corpus folder, train/ folder or .json files; or the PolNeAR folder (English, --split)",
        "joint", evaluate_quotes, options=("subset", "nested", "errors", "split")),
    "events": Task(
        "events", "Events: P/R/F1 of event types per sentence (also type+status and arguments)",
        "JSON lines {sentence, language, published, events[{type, args, status}]}",
        "type", evaluate_events, default_gold=EVENTS_GOLD),
    "event-corpus": Task(
        "event-corpus", "Events against the corpus format (corpus/events): detection P/R/F1 per type "
        "(type + overlapping trigger), argument P/R/F1, status accuracy",
        "a folder of <language>/<split>.jsonl files, or one such file (offsets into the sentence)",
        "detection", evaluate_corpus, options=("split", "data_root", "language")),
    "stories": Task(
        "stories", "Stories: B-cubed P/R/F1 of the link stage's stories against a gold partition "
        "(pairwise P/R/F1 and the baselines 'every article alone' and 'one story' beside)",
        "a folder of <split>.jsonl files (corpus/stories/derstandard), one such file, or the demo's stories.json",
        "bcubed", evaluate_stories, default_gold=STORIES_GOLD, options=("split", "data_root", "db", "system")),
}


def _is_corpus(gold: Path) -> bool:
    """Whether an events gold is in the corpus format (a folder, or JSON lines with offsets)."""
    if gold.is_dir():
        return True
    try:
        with gold.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip() and not line.lstrip().startswith("//"):
                    return '"trigger": [' in line or '"sha1"' in line or '"source"' in line
    except (OSError, UnicodeDecodeError):
        return False
    return False


def evaluate(task: str, gold: Path | str | None = None, *, limit: int | None = None,
             progress: Progress | None = None, **options: Any) -> dict[str, Any]:
    """Score lagebild on ``task`` against ``gold`` (the task's packaged gold when None).

    ``limit`` keeps the first N units (sentences, documents, items); ``progress(done, total)``
    is called as work proceeds.  ``options`` are task-specific (``batch`` for ner, ``subset``
    = "tune" | "heldout" and ``nested`` for quotes, ``language`` for timex and ner); options given as
    None are ignored.
    """
    spec = TASKS.get(task)
    if spec is None:
        raise LagebildError(f"unknown evaluation task {task!r}; known tasks: {', '.join(TASKS)}")
    if gold is None:
        if spec.default_gold is None:
            raise GoldError(f"task {task}", "no gold file given and the task has no packaged gold")
        gold = spec.default_gold
    gold = Path(gold)
    options = {k: v for k, v in options.items() if v is not None}
    if task == "events" and (_is_corpus(gold) or options):
        task, spec = "event-corpus", TASKS["event-corpus"]
    unknown = sorted(set(options) - set(spec.options))
    if unknown:
        raise LagebildError(f"task {task} takes no option {', '.join(unknown)}; "
                            f"options: {', '.join(spec.options) or 'none'}")
    if limit is not None and limit < 1:
        raise LagebildError(f"limit must be at least 1, got {limit}")
    result = spec.run(gold, limit=limit, progress=progress, **options)
    return {"task": task, "gold": str(gold), "headline": spec.headline, "limit": limit, **result}
