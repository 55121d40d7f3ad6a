"""SpkAtt-2023 task 2 scored the way the shared task scores it (full task and simplified task).

The measure as the organisers define it (task description and the scorer in their repository
``uhh-lt/news-speaker-attribution-2023``; implemented here from that definition):

Units
    Every annotation is one *group*: its message and the roles ``Addr``, ``Cue``, ``Frame`` and
    ``Source``, each a set of tokens.  The **full task** keeps every annotation, nested ones
    included, and all five parts (message + four roles); the **simplified task** keeps only
    annotations with ``IsNested: false`` (gold and system alike) and only message and source.

Alignment
    Per document, gold and system groups are paired one-to-one by a linear-sum assignment that
    maximises the summed pair score: the token-overlap F1 of the two messages, plus 0.01 when
    they overlap and share the ``Form`` and 0.001 when they overlap and share the ``STWR``
    (tie-breakers).  The assignment pairs min(#gold, #system) groups, so a pair may share no
    token at all; the remaining groups are paired with an empty group.

Per pair and part
    True positives are the tokens in both, false positives the system's others, false negatives
    the gold's others.  The pair's precision for a part is tp / (tp + fp) and is *undefined* when
    the system left the part empty; its recall tp / (tp + fn) is undefined when the gold did.

Figures (macro over pairs and parts)
    ``message``: the mean of the defined message precisions over all pairs, the same for recall,
    F1 their harmonic mean.  ``roles``: the mean over all defined (pair, role) precisions of the
    four roles (two-part task: the source only), recall alike.  ``joint`` (the headline): the mean
    over all defined (pair, part) values, message included.  A role the system never predicts
    therefore adds a recall of 0 for every gold group that has it and nothing to precision; a
    role predicted where gold has none adds a precision of 0.

    ``form`` (micro): per pair, a true positive when both forms agree, otherwise a false positive
    for the system's form and a false negative for the gold's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from lagebild.eval.metrics import Counts

#: the parts of a group: the message first, then the roles (the order the figures use)
FULL_PARTS = ("message", "addr", "cue", "frame", "source")
SIMPLIFIED_PARTS = ("message", "source")
FORM_BONUS = 0.01
STWR_BONUS = 0.001


@dataclass(frozen=True)
class Group:
    """One annotation as token sets per part, with its form, STWR and nesting flag."""

    message: frozenset = frozenset()
    addr: frozenset = frozenset()
    cue: frozenset = frozenset()
    frame: frozenset = frozenset()
    source: frozenset = frozenset()
    form: str | None = None
    stwr: str | None = None
    nested: bool = False

    def part(self, name: str) -> frozenset:
        return getattr(self, name)


EMPTY = Group()


def overlap_f1(gold: frozenset, system: frozenset) -> float:
    both = len(gold & system)
    if both == 0:
        return 0.0
    p, r = both / len(system), both / len(gold)
    return 2 * p * r / (p + r)


def pair_score(gold: Group, system: Group) -> float:
    f1 = overlap_f1(gold.message, system.message)
    if f1 <= 0.0:
        return 0.0
    bonus = FORM_BONUS if gold.form == system.form else 0.0
    bonus += STWR_BONUS if gold.stwr == system.stwr else 0.0
    return f1 + bonus


def assign(gold: Sequence[Group], system: Sequence[Group]) -> list[tuple[int, int]]:
    """``(gold index, system index)`` pairs of the maximal linear-sum assignment (min(#gold,
    #system) pairs, zero-score pairs included)."""
    if not gold or not system:
        return []
    scores = np.array([[pair_score(g, s) for s in system] for g in gold], dtype=float)
    rows, cols = linear_sum_assignment(scores, maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols)]


@dataclass
class _Tally:
    """Per part: the defined per-pair precisions and recalls, and micro token counts."""

    parts: tuple[str, ...]
    precisions: dict[str, list[float]] = field(default_factory=dict)
    recalls: dict[str, list[float]] = field(default_factory=dict)
    tokens: dict[str, Counts] = field(default_factory=dict)
    form: Counts = field(default_factory=Counts)
    pairs: int = 0
    empty_pairs: int = 0

    def __post_init__(self) -> None:
        for p in self.parts:
            self.precisions.setdefault(p, [])
            self.recalls.setdefault(p, [])
            self.tokens.setdefault(p, Counts())

    def add(self, gold: Group, system: Group) -> None:
        for p in self.parts:
            g, s = gold.part(p), system.part(p)
            tp = len(g & s)
            if s:
                self.precisions[p].append(tp / len(s))
            if g:
                self.recalls[p].append(tp / len(g))
            self.tokens[p] += Counts(tp, len(s - g), len(g - s))
        if gold.form == system.form:
            if gold.form is not None:
                self.form += Counts(1, 0, 0)
        else:
            self.form += Counts(0, int(system.form is not None), int(gold.form is not None))

    def figure(self, parts: Sequence[str]) -> dict[str, Any]:
        ps = [v for p in parts for v in self.precisions[p]]
        rs = [v for p in parts for v in self.recalls[p]]
        precision = sum(ps) / len(ps) if ps else 0.0
        recall = sum(rs) / len(rs) if rs else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "defined_p": len(ps), "defined_r": len(rs)}


def score_official(gold: Sequence[Sequence[Group]], system: Sequence[Sequence[Group]], *,
                   simplified: bool = False) -> dict[str, Any]:
    """The full-task (or, with ``simplified``, the two-part task's) figures; ``system[i]`` are the
    groups predicted for the document whose gold groups are ``gold[i]``."""
    if len(gold) != len(system):
        raise ValueError(f"{len(gold)} gold documents but {len(system)} predictions")
    parts = SIMPLIFIED_PARTS if simplified else FULL_PARTS
    tally = _Tally(parts)
    n_gold = n_sys = 0
    for g_doc, s_doc in zip(gold, system):
        g = [x for x in g_doc if not (simplified and x.nested)]
        s = [x for x in s_doc if not (simplified and x.nested)]
        n_gold += len(g)
        n_sys += len(s)
        pairs = assign(g, s)
        for i, j in pairs:
            tally.add(g[i], s[j])
            tally.pairs += 1
            tally.empty_pairs += not (g[i].message & s[j].message)
        paired_g = {i for i, _ in pairs}
        paired_s = {j for _, j in pairs}
        for j, x in enumerate(s):
            if j not in paired_s:
                tally.add(EMPTY, x)
        for i, x in enumerate(g):
            if i not in paired_g:
                tally.add(x, EMPTY)
    roles = parts[1:]
    metrics = {"joint": tally.figure(parts), "message": tally.figure(("message",)),
               "roles": tally.figure(roles)}
    if not simplified:
        metrics.update({r: tally.figure((r,)) for r in roles})
    return {
        "task": "simplified" if simplified else "full",
        "metrics": metrics,
        "form": tally.form.to_dict(),
        "tokens": {p: tally.tokens[p].to_dict() for p in parts},
        "gold_groups": n_gold,
        "system_groups": n_sys,
        "aligned": tally.pairs,
        "aligned_without_overlap": tally.empty_pairs,
    }
