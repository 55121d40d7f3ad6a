"""The small neural entity tagger, run in numpy: no PyTorch at inference time.

``training/ner/neural.py`` trains a one-layer BiLSTM with PyTorch and exports its weights to
``resources/ner/de.net.npz``; this module runs the same forward pass vectorised over the sentences
of an article.  A token's input is [its distributional word vector (our own PPMI/SVD vectors,
frozen) + a character CNN + a bag of the CRF's dictionary/gazetteer/shape features]; the input
projection of the LSTM depends on the word form alone, so it is computed once per form and cached,
and only the recurrence runs per sentence.  The output is per-token log-probabilities over the
BIOES tags, which :mod:`lagebild.analyze.ner` hands to the CRF as features (stacking).

Weights are stored int8 (word vectors, per row scale) or float16, then used as float32.
"""

from __future__ import annotations

import io

import numpy as np

from lagebild.analyze.ner_features import Lexicon, word_features

#: CRF word features the network sees as a bag (identity, prefix and n-gram features are left to
#: the word vector and the character CNN)
_FEATURE_PREFIXES = ("sh=", "len=", "s3=", "s4=", "dE=", "dPER", "dLOC", "dORG", "dOTH", "dPART",
                     "ds", "dh", "g=", "hg0=", "hl=", "k0=", "k1=", "k2=")
_FEATURE_EXACT = frozenset(("T", "U", "lowseen", "dict=unk", "cap_unk_nolow", "k=unk"))
#: longest word the character CNN reads in full (longer ones: first and last half of this)
MAX_CHARS = 30
#: character ids below this are reserved: padding, unknown, begin and end of word
PAD, UNK, BOW, EOW, FIRST_CHAR = 0, 1, 2, 3, 4


def net_features(word: str, lex: Lexicon) -> list[str]:
    """The word's CRF features that go into the network's feature bag."""
    return [f for f in word_features(word, lex) if f in _FEATURE_EXACT or f.startswith(_FEATURE_PREFIXES)]


def char_ids(word: str, chars: dict[str, int]) -> list[int]:
    """Character ids of ``word`` between begin/end marks (long words: both ends)."""
    if len(word) > MAX_CHARS:
        word = word[:MAX_CHARS // 2] + word[-MAX_CHARS // 2:]
    return [BOW, *(chars.get(ch, UNK) for ch in word), EOW]


def word_id(word: str, words: dict[str, int]) -> int:
    """Row of the word vector: the form, else its lower case, else 0 (unknown)."""
    got = words.get(word)
    if got is None:
        got = words.get(word.lower(), 0)
    return got


def strings(arr: np.ndarray) -> list[str]:
    """The list of strings :func:`strings_array` packed."""
    return bytes(arr).decode("utf-8").split("\n")


def strings_array(items: list[str]) -> np.ndarray:
    """Pack a list of strings into a uint8 array (newline-joined UTF-8) for an npz file."""
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8)


class Network:
    """A loaded BiLSTM tagger (weights from an npz) and its per-word-form input cache."""

    def __init__(self, npz: bytes, lex: Lexicon, cache_size: int = 200_000) -> None:
        z = np.load(io.BytesIO(npz))
        self.lex = lex
        self.tags = strings(z["tags"])
        #: weight of the network's log-probabilities next to the CRF's scores (set at build time)
        self.weight = float(z["ensemble_weight"]) if "ensemble_weight" in z.files else 0.5
        self.words = {w: i + 1 for i, w in enumerate(strings(z["words"]))}
        self.chars = {c: i + FIRST_CHAR for i, c in enumerate(strings(z["chars"]))}
        self.features = {f: i + 1 for i, f in enumerate(strings(z["features"]))}
        vec = z["word_q"].astype(np.float32) * z["word_scale"].astype(np.float32)[:, None]
        self.word_vec = np.vstack([np.zeros((1, vec.shape[1]), np.float32), vec])
        f32 = {k: z[k].astype(np.float32) for k in z.files if k.startswith(("char_", "feat_", "lstm_", "out_"))}
        self.char_emb = f32["char_emb"]
        self.conv_w = f32["char_conv_w"]  # (width * char_dim, filters)
        self.conv_b = f32["char_conv_b"]
        self.width = int(z["char_width"])
        self.feat_emb = f32["feat_emb"]
        # input weights of both directions side by side: (input, 8H); gates i, f, o, g with the
        # sigmoid gates pre-scaled by 1/2 so that one tanh serves all four
        self.w_in = f32["lstm_w_in"]
        self.b_in = f32["lstm_b_in"]
        self._w_hh = np.stack([f32["lstm_w_hh_f"], f32["lstm_w_hh_b"]])  # (2, H, 4H)
        self.hidden = self._w_hh.shape[1]
        self.out_w = f32["out_w"]  # (2H, tags)
        self.out_b = f32["out_b"]
        self._cache: dict[str, np.ndarray] = {}
        self._cache_size = cache_size

    def _chars(self, word: str) -> np.ndarray:
        ids = char_ids(word, self.chars)
        emb = self.char_emb[ids]
        n = len(ids) - self.width + 1
        windows = np.concatenate([emb[k:k + n] for k in range(self.width)], axis=1)
        return np.maximum((windows @ self.conv_w).max(axis=0) + self.conv_b, 0.0)

    def _input(self, word: str) -> np.ndarray:
        """The LSTM's input projection (both directions) of one word form, cached."""
        got = self._cache.get(word)
        if got is not None:
            return got
        fids = [self.features[f] for f in net_features(word, self.lex) if f in self.features]
        bag = self.feat_emb[fids].sum(axis=0) if fids else np.zeros(self.feat_emb.shape[1], np.float32)
        x = np.concatenate([self.word_vec[word_id(word, self.words)], self._chars(word), bag])
        got = x @ self.w_in + self.b_in
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
        self._cache[word] = got
        return got

    def _run(self, pre: np.ndarray) -> np.ndarray:
        """Both LSTM directions over a left-aligned batch (T, 2, B, 4H) (the backward direction's
        sentences reversed) → hidden states (T, 2, B, H); one matmul per step serves both."""
        t_max, _, b, _ = pre.shape
        h_dim = self.hidden
        out = np.empty((t_max, 2, b, h_dim), np.float32)
        h = np.zeros((2, b, h_dim), np.float32)
        c = np.zeros((2, b, h_dim), np.float32)
        z = np.empty((2, b, 4 * h_dim), np.float32)
        tmp = np.empty((2, b, h_dim), np.float32)
        for k in range(t_max):
            np.matmul(h, self._w_hh, out=z)
            z += pre[k]
            np.tanh(z, out=z)
            s = z[..., :3 * h_dim]
            s *= 0.5
            s += 0.5
            c *= s[..., h_dim:2 * h_dim]
            np.multiply(s[..., :h_dim], z[..., 3 * h_dim:], out=tmp)
            c += tmp
            np.tanh(c, out=tmp)
            h = out[k]
            np.multiply(s[..., 2 * h_dim:], tmp, out=h)
        return out

    def log_probs(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """Per sentence, an (n_tokens, n_tags) array of log-probabilities over :attr:`tags`."""
        if not sentences:
            return []
        lengths = [len(s) for s in sentences]
        t = max(lengths)
        h4 = 4 * self.hidden
        pre = np.zeros((t, 2, len(sentences), h4), np.float32)
        for i, words in enumerate(sentences):
            if not words:
                continue
            rows = np.stack([self._input(w) for w in words])
            pre[:len(words), 0, i] = rows[:, :h4]
            pre[:len(words), 1, i] = rows[::-1, h4:]
        hid = self._run(pre)
        out = []
        for i, n in enumerate(lengths):
            h = np.concatenate([hid[:n, 0, i], hid[:n, 1, i][::-1]], axis=1)
            z = h @ self.out_w + self.out_b
            z -= z.max(axis=1, keepdims=True)
            out.append(z - np.log(np.exp(z).sum(axis=1, keepdims=True)))
        return out
