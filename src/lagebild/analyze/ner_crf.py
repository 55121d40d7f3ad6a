"""The linear-chain CRF run in numpy, so that it can be combined with the neural tagger.

``training/ner/build.py`` trains the CRF with python-crfsuite and exports its weights
(:func:`export`) to ``resources/ner/<lang>.crf.npz``: the attribute strings, a sparse
attribute × label weight matrix and the label transitions.  Scoring a sentence is the sum of the
weight rows of its features (the featurizer's per-word-form parts are summed once per form and
cached), then Viterbi over a batch of sentences, with external scores (the network's
log-probabilities) added to the CRF's own where the stage combines them; forward-backward gives
per-token marginals.  Same paths as crfsuite's own tagger (checked on all of GermEval dev), and
no temporary model file.
"""

from __future__ import annotations

import io

import numpy as np

from lagebild.analyze.ner_features import Featurizer
from lagebild.analyze.ner_neural import strings, strings_array

_OFFSETS = (-2, -1, 1, 2)


def export(model_path: str, out_path) -> None:
    """Write the weights of a crfsuite model file as a compressed npz (build time)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    info = tagger.info()
    labels = tagger.labels()
    lab = {x: i for i, x in enumerate(labels)}
    attrs = sorted({a for a, _ in info.state_features})
    aid = {a: i for i, a in enumerate(attrs)}
    rows = np.array([aid[a] for a, _ in info.state_features], dtype=np.int32)
    cols = np.array([lab[y] for _, y in info.state_features], dtype=np.int8)
    vals = np.array(list(info.state_features.values()), dtype=np.float32)
    trans = np.zeros((len(labels), len(labels)), np.float32)
    for (a, b), w in info.transitions.items():
        trans[lab[a], lab[b]] = w
    np.savez_compressed(out_path, labels=strings_array(labels), attributes=strings_array(attrs),
                        rows=rows, cols=cols, vals=vals, transitions=trans)


class LinearChain:
    """CRF weights in memory (dense attribute × label, float32) and a per-word-form cache."""

    def __init__(self, npz: bytes, featurizer: Featurizer, cache_size: int = 200_000) -> None:
        z = np.load(io.BytesIO(npz))
        self.labels = strings(z["labels"])
        attrs = strings(z["attributes"])
        self.attr = {a: i for i, a in enumerate(attrs)}
        n_lab = len(self.labels)
        self.weights = np.zeros((len(attrs) + 1, n_lab), np.float32)  # last row: unknown attribute
        np.add.at(self.weights, (z["rows"], z["cols"].astype(np.int64)), z["vals"])
        self.transitions = z["transitions"].astype(np.float64)
        self.featurizer = featurizer
        self._unknown = len(attrs)
        self._cache: dict[str, np.ndarray] = {}
        self._cache_size = cache_size

    def _sum(self, features: list[str]) -> np.ndarray:
        get, unk = self.attr.get, self._unknown
        return self.weights[[get(f, unk) for f in features]].sum(axis=0)

    def _form(self, word: str) -> np.ndarray:
        """(5, labels): the word's own score, then what it adds to its neighbour at -2, -1, +1, +2."""
        got = self._cache.get(word)
        if got is None:
            own, ctx = self.featurizer.parts(word)
            got = np.stack([self._sum(own), *(self._sum(ctx[d]) for d in _OFFSETS)])
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
            self._cache[word] = got
        return got

    def emissions(self, words: list[str]) -> np.ndarray:
        """(n, labels) state scores of one sentence (padding features come with the extras)."""
        n = len(words)
        parts = np.stack([self._form(w) for w in words])
        out = parts[:, 0].copy()
        for k, d in enumerate(_OFFSETS):
            if d < 0:
                out[-d:] += parts[:n + d, k + 1]
            else:
                out[:n - d] += parts[d:, k + 1]
        get, unk = self.attr.get, self._unknown
        extras = self.featurizer.extras(words)
        ids = [get(f, unk) for fs in extras for f in fs]
        starts = np.cumsum([0] + [len(fs) for fs in extras[:-1]])
        out += np.add.reduceat(self.weights[ids], starts, axis=0)
        return out.astype(np.float64)

    def marginals(self, emissions: list[np.ndarray]) -> list[np.ndarray]:
        """Per sentence, its per-token label marginals (forward-backward over the whole batch,
        scaled, in probability space)."""
        pot, lengths = _padded([np.exp(e - e.max(axis=1, keepdims=True)) for e in emissions], 1.0)
        trans = np.exp(self.transitions)
        b, t_max, _ = pot.shape
        alpha = np.empty_like(pot)
        beta = np.ones_like(pot)
        a = pot[:, 0]
        alpha[:, 0] = a / a.sum(axis=1, keepdims=True)
        for t in range(1, t_max):
            a = (alpha[:, t - 1] @ trans) * pot[:, t]
            alpha[:, t] = a / a.sum(axis=1, keepdims=True)
        for t in range(t_max - 2, -1, -1):
            nb = (beta[:, t + 1] * pot[:, t + 1]) @ trans.T
            nb /= nb.sum(axis=1, keepdims=True)
            beta[:, t] = np.where((lengths > t + 1)[:, None], nb, 1.0)
        m = alpha * beta
        m /= m.sum(axis=2, keepdims=True)
        return [m[i, :n] for i, n in enumerate(lengths)]

    def viterbi(self, scores: list[np.ndarray], transitions: np.ndarray | None = None,
                start: np.ndarray | None = None, end: np.ndarray | None = None) -> list[list[int]]:
        """Best label path per sentence for (n, labels) state scores, the whole batch at once;
        ``start``/``end`` add scores for the first and last label (constraints)."""
        trans = self.transitions if transitions is None else transitions
        s, lengths = _padded(scores, 0.0, np.float32)
        b, t_max, n_lab = s.shape
        trans_t = np.ascontiguousarray(trans.T, dtype=np.float32)[None]  # [next, previous]
        score = s[:, 0] + (0.0 if start is None else start)
        back = np.empty((t_max, b, n_lab), np.int64)
        ident = np.arange(n_lab)[None, :]
        shortest = int(lengths.min())
        for t in range(1, t_max):
            cand = score[:, None, :] + trans_t
            best = cand.argmax(axis=2)
            new = np.take_along_axis(cand, best[:, :, None], axis=2)[:, :, 0]
            new += s[:, t]
            if t < shortest:
                score = new
                back[t] = best
            else:
                live = (lengths > t)[:, None]
                score = np.where(live, new, score)
                back[t] = np.where(live, best, ident)
        if end is not None:
            score = score + end
        out = []
        for i, n in enumerate(lengths):
            path = [int(score[i].argmax())]
            for t in range(n - 1, 0, -1):
                path.append(int(back[t, i, path[-1]]))
            out.append(path[::-1])
        return out

    def tag(self, words: list[str]) -> list[str]:
        """The CRF's own best labels for one sentence."""
        if not words:
            return []
        return [self.labels[i] for i in self.viterbi([self.emissions(words)])[0]]


def _padded(arrays: list[np.ndarray], fill: float, dtype=np.float64) -> tuple[np.ndarray, np.ndarray]:
    """Left-aligned (B, T, labels) batch of (n, labels) arrays and their lengths."""
    lengths = np.array([len(a) for a in arrays])
    out = np.full((len(arrays), int(lengths.max()), arrays[0].shape[1]), fill, dtype)
    for i, a in enumerate(arrays):
        out[i, :len(a)] = a
    return out, lengths
