"""Distributional word clusters for the German entity tagger, learned from raw text only.

Every word form seen at least ``min_count`` times in the permissively licensed German texts
(:func:`data.raw_sentences`: GermEval 2014 train — never dev —, legal-ner-de, europeana, mobie,
smartdata, UD) gets a vector from its left/right neighbours: counts of the most frequent words at
offsets -2, -1, +1, +2 (rarer neighbours fall into a capitalized / other bucket), weighted by
positive PMI with smoothed context probabilities, reduced by a truncated SVD.  Spherical k-means
at several granularities (64, 256, 1024 clusters) then gives each word one cluster id per
granularity; the CRF uses them as features of the word and its neighbours, so that a word the
labelled data never saw still looks like the words it is used like.  Seeded and deterministic.

    python3 training/ner/clusters.py            # writes nothing, prints statistics and examples
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import svds

sys.path.insert(0, str(Path(__file__).resolve().parent))

import data  # noqa: E402

SEED = 20140
SIZES = (64, 256, 1024)


def _context_id(word: str, index: dict[str, int], n: int) -> int:
    got = index.get(word)
    if got is not None:
        return got
    return n if word[:1].isupper() else n + 1


def embed(sentences: list[list[str]], *, min_count: int = 3, contexts: int = 5000, dim: int = 120,
          alpha: float = 0.75) -> tuple[list[str], np.ndarray]:
    counts = Counter(w for s in sentences for w in s)
    vocab = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
    index = {w: i for i, w in enumerate(vocab)}
    ctx_words = vocab[:contexts]
    cindex = {w: i for i, w in enumerate(ctx_words)}
    ncx = len(ctx_words) + 3  # + rare capitalized, rare other, sentence boundary
    pad = ncx - 1
    wid: list[int] = []
    cid: list[int] = []
    for s in sentences:
        wid.extend((-1, -1))
        cid.extend((pad, pad))
        for w in s:
            wid.append(index.get(w, -1))
            cid.append(_context_id(w, cindex, len(ctx_words)))
    wid.extend((-1, -1))
    cid.extend((pad, pad))
    w_arr = np.asarray(wid, dtype=np.int64)
    c_arr = np.asarray(cid, dtype=np.int64)
    rows, cols = [], []
    for k, d in enumerate((-2, -1, 1, 2)):
        pos = np.nonzero(w_arr >= 0)[0]
        rows.append(w_arr[pos])
        cols.append(k * ncx + c_arr[pos + d])
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    m = sparse.coo_matrix((np.ones(len(r), dtype=np.float64), (r, c)),
                          shape=(len(vocab), 4 * ncx)).tocsr()
    m.sum_duplicates()
    total = m.sum()
    row = np.asarray(m.sum(axis=1)).ravel()
    col = np.asarray(m.sum(axis=0)).ravel() ** alpha
    pc = col / col.sum()
    coo = m.tocoo()
    pmi = np.log(coo.data / total) - np.log(row[coo.row] / total) - np.log(pc[coo.col])
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape)
    rng = np.random.default_rng(SEED)
    u, s, _ = svds(ppmi, k=dim, v0=rng.standard_normal(min(ppmi.shape)))
    vec = u * np.sqrt(s)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-12
    return vocab, vec


def kmeans(vec: np.ndarray, k: int, *, iterations: int = 30, seed: int = SEED) -> np.ndarray:
    """Spherical k-means (cosine), seeded; returns the cluster of every row."""
    rng = np.random.default_rng(seed + k)
    cent = vec[rng.choice(len(vec), size=k, replace=False)].copy()
    assign = np.zeros(len(vec), dtype=np.int64)
    for _ in range(iterations):
        for a in range(0, len(vec), 8192):
            assign[a:a + 8192] = np.argmax(vec[a:a + 8192] @ cent.T, axis=1)
        sums = np.zeros_like(cent)
        np.add.at(sums, assign, vec)
        norms = np.linalg.norm(sums, axis=1)
        empty = norms == 0
        if empty.any():
            sums[empty] = vec[rng.choice(len(vec), size=int(empty.sum()), replace=False)]
            norms[empty] = 1.0
        cent = sums / norms[:, None]
    return assign


def build(sentences: list[list[str]] | None = None) -> dict[str, tuple[str, ...]]:
    """Word form → one cluster id per granularity in :data:`SIZES` (as strings)."""
    return build_with_vectors(sentences)[0]


def build_with_vectors(sentences: list[list[str]] | None = None
                       ) -> tuple[dict[str, tuple[str, ...]], list[str], np.ndarray]:
    """The clusters of :func:`build` and the SVD vectors they come from (``vocab``, unit rows,
    most frequent word first): the neural tagger starts its word vectors from them."""
    sentences = data.raw_sentences() if sentences is None else sentences
    vocab, vec = embed(sentences)
    columns = [kmeans(vec, k) for k in SIZES]
    return {w: tuple(str(int(col[i])) for col in columns) for i, w in enumerate(vocab)}, vocab, vec


def main() -> None:
    t0 = time.time()
    sents = data.raw_sentences()
    print(f"{len(sents)} sentences, {sum(map(len, sents))} tokens ({time.time() - t0:.0f}s)", flush=True)
    cl = build(sents)
    print(f"{len(cl)} words clustered in {time.time() - t0:.0f}s")
    by = {}
    for w, c in cl.items():
        by.setdefault(c[1], []).append(w)
    for probe in ("Merkel", "Berlin", "Siemens", "Bundestag", "französische", "Haus", "laufen", "Januar"):
        if probe in cl:
            print(probe, cl[probe], by[cl[probe][1]][:15])
    dev = data.germeval_dev()
    toks = [w for s, _ in dev for w in s]
    print(f"GermEval dev token coverage {sum(w in cl for w in toks) / len(toks):.3f}")


if __name__ == "__main__":
    main()
