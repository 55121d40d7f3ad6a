"""The chain objective of the German network (``training/ner/neural.py``, ``build.py --loss chain``):
the negative log-likelihood of the gold tag path over all paths BIOES allows, checked against
enumerating the paths of short sentences.  Needs PyTorch, which only training uses."""

from __future__ import annotations

import itertools
import math
import sys
from pathlib import Path

import pytest

torch = pytest.importorskip("torch", reason="PyTorch is needed only to train the network (pip install torch)")

TRAINING = str(Path(__file__).resolve().parents[1] / "training" / "ner")
sys.path.insert(0, TRAINING)
try:
    import neural
finally:
    sys.path.remove(TRAINING)

TAGS = ["B-PER", "E-PER", "I-PER", "O", "S-LOC", "S-PER"]


def _brute(chain, em, gold):
    """-log p(gold) by enumerating every tag path of the sentence."""
    ok = neural.allowed(TAGS)
    trans, start, end = (p.detach() for p in chain.parameters())

    def score(path):
        if TAGS[path[0]][0] not in "OBS" or TAGS[path[-1]][0] not in "OES":
            return None
        if any(not ok[a, b] for a, b in zip(path, path[1:])):
            return None
        s = float(start[path[0]] + end[path[-1]]) + sum(float(em[t, k]) for t, k in enumerate(path))
        return s + sum(float(trans[a, b]) for a, b in zip(path, path[1:]))

    scores = [s for p in itertools.product(range(len(TAGS)), repeat=len(em)) if (s := score(p)) is not None]
    top = max(scores)
    return top + math.log(sum(math.exp(s - top) for s in scores)) - score(gold)


def test_chain_loss_is_the_path_likelihood_over_allowed_paths():
    torch.manual_seed(3)
    chain = neural.ChainLoss(TAGS)
    with torch.no_grad():
        for p in chain.parameters():
            p.normal_()
    lengths = [4, 2, 1]
    golds = [[0, 2, 1, 4], [3, 5], [4]]  # "B I E S", "O S", "S"
    em = torch.randn(len(lengths), max(lengths), len(TAGS))
    mask = torch.arange(max(lengths))[None, :] < torch.tensor(lengths)[:, None]
    y = torch.zeros(mask.shape, dtype=torch.long)
    for i, g in enumerate(golds):
        y[i, :len(g)] = torch.tensor(g)
    got = float(chain(em, y, mask).detach())
    want = sum(_brute(chain, em[i, :n], g) for i, (n, g) in enumerate(zip(lengths, golds))) / sum(lengths)
    assert got == pytest.approx(want, rel=1e-4)


def test_chain_loss_prefers_the_gold_path_after_training():
    torch.manual_seed(4)
    chain = neural.ChainLoss(TAGS)
    em = torch.zeros(1, 3, len(TAGS), requires_grad=True)
    y = torch.tensor([[0, 2, 1]])
    mask = torch.ones(1, 3, dtype=torch.bool)
    opt = torch.optim.Adam([em, *chain.parameters()], lr=0.1)
    first = float(chain(em, y, mask).detach())
    for _ in range(50):
        opt.zero_grad()
        loss = chain(em, y, mask)
        loss.backward()
        opt.step()
    assert float(loss.detach()) < first / 10
    best = neural.viterbi(em[0].detach().numpy(), TAGS, neural.allowed(TAGS))
    assert best == ["B-PER", "I-PER", "E-PER"]
