"""Counts, P/R/F1 and one-to-one matching."""

from __future__ import annotations

import pytest

from lagebild.eval.metrics import Counts, count_multisets, match_greedy, overlap, per_key


@pytest.mark.parametrize(
    "counts, p, r, f1",
    [
        (Counts(3, 1, 2), 0.75, 0.6, 2 * 0.75 * 0.6 / 1.35),
        (Counts(0, 0, 4), 0.0, 0.0, 0.0),  # nothing predicted
        (Counts(0, 2, 0), 0.0, 0.0, 0.0),  # nothing to find, but something predicted
        (Counts(0, 0, 0), 1.0, 1.0, 1.0),  # nothing to find, nothing found
        (Counts(5, 0, 0), 1.0, 1.0, 1.0),
    ],
)
def test_metrics_counts_precision_recall_f1(counts, p, r, f1):
    assert counts.precision == pytest.approx(p)
    assert counts.recall == pytest.approx(r)
    assert counts.f1 == pytest.approx(f1)


def test_metrics_counts_add_and_to_dict():
    c = Counts(1, 2, 3) + Counts(1, 0, 1)
    assert c == Counts(2, 2, 4)
    assert c.to_dict() == {"precision": 0.5, "recall": 0.3333, "f1": 0.4, "tp": 2, "fp": 2, "fn": 4}


def test_metrics_count_multisets_matches_each_item_once():
    assert count_multisets(["a", "a", "b"], ["a", "c", "c"]) == Counts(1, 2, 2)


def test_metrics_per_key_splits_by_label():
    gold = [(0, "LOC"), (1, "PER")]
    predicted = [(0, "LOC"), (1, "ORG")]
    out = per_key(gold, predicted, key=lambda x: x, label=lambda x: x[1])
    assert out == {"LOC": Counts(1, 0, 0), "ORG": Counts(0, 1, 0), "PER": Counts(0, 0, 1)}


def test_metrics_overlap():
    assert overlap((0, 5), (3, 9)) == 2
    assert overlap((0, 5), (5, 9)) == 0


def test_metrics_match_greedy_takes_largest_overlap_first_and_is_one_to_one():
    gold = [(0, 10), (12, 20)]
    predicted = [(2, 4), (0, 15), (30, 31)]
    pairs = match_greedy(gold, predicted, lambda g, p: overlap(g, p))
    # (0,15) overlaps gold 0 by 10 and gold 1 by 3: it goes to gold 0; (2,4) then to nobody
    assert pairs == [(0, 1)]


def test_metrics_match_greedy_breaks_ties_by_order():
    pairs = match_greedy(["x", "x"], ["x", "x"], lambda g, p: 1)
    assert pairs == [(0, 0), (1, 1)]
