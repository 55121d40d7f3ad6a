"""The linear-chain CRF run in numpy, so that it can be combined with the neural tagger.

``training/ner/build.py`` trains the CRF with python-crfsuite and exports its weights
(:func:`export`) to ``resources/ner/<lang>.crf.npz``: the attribute strings, a sparse
attribute × label weight matrix and the label transitions.  Scoring a sentence is the sum of the
weight rows of its features (the featurizer's per-word-form parts are summed once per form, for
all new forms of a document in one pass, and kept in a :class:`FormTable`), then Viterbi over a
batch of sentences, with external scores (the network's log-probabilities) added to the CRF's
own where the stage combines them; forward-backward gives per-token marginals.  Same paths as
crfsuite's own tagger (checked on all of GermEval dev), and no temporary model file.
"""

from __future__ import annotations

import io

import numpy as np

from lagebild.analyze.entities.features import Featurizer, lends
from lagebild.analyze.entities.arrays import FormTable, segment_sums, strings, strings_array

_OFFSETS = (-2, -1, 1, 2)


def export(model_path: str, out_path) -> None:
    """Write the weights of a crfsuite model file as a compressed npz (build time)."""
    import pycrfsuite  # lazy: build time only (the stage scores the exported npz)

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
    """CRF weights in memory (dense attribute × label, float32) and a per-word-form table."""

    def __init__(self, npz: bytes, featurizer: Featurizer, cache_size: int = 100_000) -> None:
        z = np.load(io.BytesIO(npz))
        self.labels = strings(z["labels"])
        attrs = strings(z["attributes"])
        self.attr = dict(zip(attrs, range(len(attrs))))
        n_lab = len(self.labels)
        self.weights = np.zeros((len(attrs) + 1, n_lab), np.float32)  # last row: unknown attribute
        self.weights[z["rows"], z["cols"].astype(np.int64)] = z["vals"]  # one weight per (attribute, label)
        self.transitions = z["transitions"].astype(np.float64)
        self.featurizer = featurizer
        self._unknown = len(attrs)
        #: per form (5, labels): its own score, then what it adds to its neighbour at -2, -1, +1, +2
        self.forms = FormTable((5, n_lab), cache_size)
        #: own feature → row of :attr:`_feature_rows`: its attribute id, then its ids as lent to
        #: the neighbours at -2, -1, +1, +2 (the zero row where it is not lent or not in the model)
        self._features: dict[str, int] = {}
        self._feature_rows = np.zeros((0, 5), np.int64)

    def _feature_ids(self, feature: str) -> tuple[int, int, int, int, int]:
        get, unk = self.attr.get, self._unknown
        near, far = lends(feature)  # what it lends its ±1 neighbours, then its ±2 ones
        return (get(feature, unk), get(f"-2{feature}", unk) if far else unk, get(f"-1{feature}", unk) if near else unk,
                get(f"1{feature}", unk) if near else unk, get(f"2{feature}", unk) if far else unk)

    def prepare(self, words) -> None:
        """Score the forms of ``words`` not seen yet, all in one pass: one row of feature ids per
        feature, and one segmented sum of weight rows per form and part."""
        new = self.forms.missing(words)
        if not new:
            return
        features, own_of = self._features, self.featurizer.own
        if len(features) > 4 * self.forms.limit:
            features.clear()
            self._feature_rows = self._feature_rows[:0]
        rows: list[int] = []
        sizes: list[int] = []
        fresh: list[tuple[int, int, int, int, int]] = []
        n0 = len(self._feature_rows)
        for word in new:
            own = own_of(word)
            for f in own:
                i = features.get(f)
                if i is None:
                    i = features[f] = n0 + len(fresh)
                    fresh.append(self._feature_ids(f))
                rows.append(i)
            sizes.append(len(own))
        if fresh:
            self._feature_rows = np.concatenate([self._feature_rows, np.array(fresh, np.int64)])
        ids = self._feature_rows[np.array(rows, np.int64)]  # (features of all new forms, 5)
        starts = np.zeros(len(sizes), np.int64)
        np.cumsum(sizes[:-1], out=starts[1:])
        scores = np.add.reduceat(self.weights[ids], starts, axis=0)  # (forms, 5, labels)
        self.forms.add(new, scores)

    def emissions_many(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """(n, labels) state scores of each sentence, the whole batch in one pass."""
        words = [w for ws in sentences for w in ws]
        if not words:
            return [np.zeros((0, len(self.labels))) for _ in sentences]
        self.prepare(words)
        parts = self.forms.data[self.forms.index(words)]  # (N, 5, labels)
        n = len(words)
        lengths = [len(ws) for ws in sentences]
        sent = np.repeat(np.arange(len(sentences)), lengths)
        out = parts[:, 0].astype(np.float64)
        for k, d in enumerate(_OFFSETS):  # token i gets part d of token i + d in its sentence
            if d < 0:
                same = sent[-d:] == sent[:n + d]
                out[-d:][same] += parts[:n + d, k + 1][same]
            else:
                same = sent[:n - d] == sent[d:]
                out[:n - d][same] += parts[d:, k + 1][same]
        get, unk = self.attr.get, self._unknown
        ids: list[int] = []
        sizes: list[int] = []
        for ws in sentences:
            for fs in self.featurizer.extras(ws):
                ids.extend([get(f, unk) for f in fs])
                ids.append(unk)
                sizes.append(len(fs) + 1)
        out += segment_sums(self.weights, ids, sizes)
        bounds = np.cumsum(lengths)[:-1]
        return np.split(out, bounds)

    def emissions(self, words: list[str]) -> np.ndarray:
        """(n, labels) state scores of one sentence."""
        return self.emissions_many([words])[0]

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
        order = sorted(range(len(scores)), key=lambda i: -len(scores[i]))  # longest first
        s, lengths = _padded([scores[i] for i in order], 0.0, np.float32)
        b, t_max, n_lab = s.shape
        trans_t = np.ascontiguousarray(trans.T, dtype=np.float32)[None]  # [next, previous]
        score = s[:, 0] + (0.0 if start is None else start)
        back = np.empty((t_max, b, n_lab), np.int64)
        cells = np.arange(b * n_lab)
        live = b
        for t in range(1, t_max):
            while lengths[live - 1] <= t:  # the sentences still running are the first ``live``
                live -= 1
            cand = score[:live, None, :] + trans_t
            best = cand.argmax(axis=2)
            back[t, :live] = best
            # the maximum is the candidate at the argmax: taken there, not found a second time
            new = cand.reshape(-1, n_lab)[cells[:live * n_lab], best.ravel()].reshape(live, n_lab)
            new += s[:live, t]
            score[:live] = new
        if end is not None:
            score = score + end
        out: list[list[int]] = [[] for _ in scores]
        for row, (i, n) in enumerate(zip(order, lengths.tolist())):
            path = [int(score[row].argmax())]
            for t in range(n - 1, 0, -1):
                path.append(int(back[t, row, path[-1]]))
            out[i] = path[::-1]
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
