"""Near-duplicate articles: MinHash signatures over word shingles, banded LSH, original = earliest.

The signature (datasketch ``MinHash``, :data:`NUM_PERM` permutations, fixed seed) is stored
per article in ``link_articles.data["mh"]``; its :data:`BANDS` band hashes go into
``link_index`` (kind ``lsh``), so the LSH buckets live in the database and a new article finds
its candidates with one indexed query.  Candidates are confirmed by the estimated Jaccard
similarity of their signatures (:data:`THRESHOLD`).
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

NUM_PERM = 64
BANDS = 16  # 16 bands × 4 rows: candidates from a Jaccard of about 0.5 upwards
SHINGLE = 3
THRESHOLD = 0.6
SEED = 7

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str) -> list[int]:
    """The MinHash signature of ``text`` as plain ints (JSON-safe)."""
    mh = MinHash(num_perm=NUM_PERM, seed=SEED)
    grams = shingles(text)
    if grams:
        mh.update_batch(list(grams))
    return [int(v) for v in mh.hashvalues]


def bands(sig: list[int]) -> list[str]:
    rows = NUM_PERM // BANDS
    out = []
    for b in range(BANDS):
        chunk = np.asarray(sig[b * rows:(b + 1) * rows], dtype=np.uint64).tobytes()
        out.append(f"{b}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return out


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    if not a or not b:
        return 0.0
    return float(np.mean(np.asarray(a, dtype=np.uint64) == np.asarray(b, dtype=np.uint64)))
