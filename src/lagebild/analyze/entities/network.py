"""The small neural entity tagger, run in numpy: no PyTorch at inference time.

``training/ner/neural.py`` trains a one-layer BiLSTM with PyTorch and exports its weights to
``resources/ner/<lang>.net.npz``; this module runs the same forward pass vectorised over the sentences
of an article.  A token's input is [its distributional word vector (our own PPMI/SVD vectors,
frozen) + a character CNN + a bag of the CRF's dictionary/gazetteer/shape features]; the input
projection of the LSTM depends on the word form alone, so it is computed once per form and cached,
and only the recurrence runs per sentence.  The output is per-token log-probabilities over the
BIOES tags, which :mod:`lagebild.analyze.entities.ner` hands to the CRF as features (stacking).

Weights are stored int8 (word vectors, per row scale) or float16, then used as float32.
"""

from __future__ import annotations

import io

import numpy as np

from lagebild.analyze.entities.arrays import FormTable, segment_sums, strings, strings_array  # noqa: F401
from lagebild.analyze.entities.features import Lexicon, word_features

#: CRF word features the network sees as a bag (identity, prefix and n-gram features are left to
#: the word vector and the character CNN)
_FEATURE_PREFIXES = ("sh=", "len=", "s3=", "s4=", "dE=", "dPER", "dLOC", "dORG", "dOTH", "dPART",
                     "ds", "dh", "g=", "hg0=", "hl=", "k0=", "k1=", "k2=")
_FEATURE_EXACT = frozenset(("T", "U", "lowseen", "dict=unk", "cap_unk_nolow", "k=unk"))
#: longest word the character CNN reads in full (longer ones: first and last half of this)
MAX_CHARS = 30
#: character ids below this are reserved: padding, unknown, begin and end of word
PAD, UNK, BOW, EOW, FIRST_CHAR = 0, 1, 2, 3, 4


def _net_feature(feature: str) -> bool:
    return feature in _FEATURE_EXACT or feature.startswith(_FEATURE_PREFIXES)


def net_features(word: str, lex: Lexicon) -> list[str]:
    """The word's CRF features that go into the network's feature bag."""
    return [f for f in word_features(word, lex) if _net_feature(f)]


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


class Network:
    """A loaded BiLSTM tagger (weights from an npz) and its per-word-form input cache."""

    def __init__(self, npz: bytes, lex: Lexicon, cache_size: int = 100_000) -> None:
        z = np.load(io.BytesIO(npz))
        self.lex = lex
        self.tags = strings(z["tags"])
        #: weight of the network's log-probabilities next to the CRF's scores (set at build time)
        self.weight = float(z["ensemble_weight"]) if "ensemble_weight" in z.files else 0.5
        self.words = dict(zip(strings(z["words"]), range(1, len(z["word_scale"]) + 1)))
        self.chars = {c: i + FIRST_CHAR for i, c in enumerate(strings(z["chars"]))}
        self.features = {f: i + 1 for i, f in enumerate(strings(z["features"]))}
        q = z["word_q"]  # int8 rows, one scale each; row 0 of the table: the unknown word (zeros)
        self.word_vec = np.zeros((len(q) + 1, q.shape[1]), np.float32)
        np.multiply(q, z["word_scale"].astype(np.float32)[:, None], out=self.word_vec[1:])
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
        self.forms = FormTable((8 * self.hidden,), cache_size)
        self._bag_id: dict[str, int] = {}  # CRF feature → row of the feature bag (0: not in it)

    def prepare(self, words, own_features=None) -> None:
        """The LSTM's input projection (both directions) of each form of ``words`` not seen yet,
        all in one pass; ``own_features(word)`` gives a word's CRF features (default: computed
        here)."""
        new = self.forms.missing(words)
        if not new:
            return
        feats, bag_id = self.features, self._bag_id
        if len(bag_id) > 4 * self.forms.limit:
            bag_id.clear()
        fids: list[int] = []
        sizes: list[int] = []
        for word in new:
            own = own_features(word) if own_features is not None else word_features(word, self.lex)
            n = len(fids)
            for f in own:
                i = bag_id.get(f)
                if i is None:
                    i = bag_id[f] = feats.get(f, 0) if _net_feature(f) else 0
                if i:
                    fids.append(i)
            fids.append(0)  # the zero padding row: no bag is empty
            sizes.append(len(fids) - n)
        x = np.concatenate([self.word_vec[[word_id(w, self.words) for w in new]], self._chars(new),
                            segment_sums(self.feat_emb, fids, sizes)], axis=1)
        self.forms.add(new, x @ self.w_in + self.b_in)

    def _chars(self, words: list[str]) -> np.ndarray:
        """The character CNN's max-pooled filters of each word, (words, filters)."""
        ids = [char_ids(w, self.chars) for w in words]
        longest = max(map(len, ids))
        grid = np.zeros((len(ids), longest), np.int64)
        for i, row in enumerate(ids):
            grid[i, :len(row)] = row
        emb = self.char_emb[grid]
        n = longest - self.width + 1
        windows = np.concatenate([emb[:, k:k + n] for k in range(self.width)], axis=2)
        conv = windows @ self.conv_w  # (words, positions, filters)
        valid = np.arange(n)[None, :] < (np.array([len(r) for r in ids]) - self.width + 1)[:, None]
        conv[~valid] = -np.inf
        return np.maximum(conv.max(axis=1) + self.conv_b, 0.0)

    def _run(self, pre: np.ndarray, lengths: list[int]) -> np.ndarray:
        """Both LSTM directions over a left-aligned batch (T, 2, B, 4H) of sentences sorted
        longest first (the backward direction's sentences reversed) → hidden states (T, 2, B, H);
        one matmul per step serves both, and only the sentences still running take part."""
        t_max, _, b, _ = pre.shape
        h_dim = self.hidden
        out = np.zeros((t_max, 2, b, h_dim), np.float32)
        h = np.zeros((2, b, h_dim), np.float32)
        c = np.zeros((2, b, h_dim), np.float32)
        live = b
        for k in range(t_max):
            while lengths[live - 1] <= k:
                live -= 1
            z = np.matmul(h[:, :live], self._w_hh)
            z += pre[k, :, :live]
            np.tanh(z, out=z)
            s = z[..., :3 * h_dim]
            s *= 0.5
            s += 0.5
            cl = c[:, :live]
            cl *= s[..., h_dim:2 * h_dim]
            z[..., 3 * h_dim:] *= s[..., :h_dim]
            cl += z[..., 3 * h_dim:]
            h = out[k]
            np.multiply(s[..., 2 * h_dim:], np.tanh(cl), out=h[:, :live])
        return out

    def log_probs(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """Per sentence, an (n_tokens, n_tags) array of log-probabilities over :attr:`tags`."""
        if not sentences:
            return []
        order = sorted(range(len(sentences)), key=lambda i: -len(sentences[i]))  # longest first
        lengths = [len(sentences[i]) for i in order]
        out: list[np.ndarray] = [np.zeros((0, len(self.tags)), np.float32) for _ in sentences]
        if not lengths[0]:
            return out
        h4 = 4 * self.hidden
        pre = np.zeros((lengths[0], 2, len(order), h4), np.float32)
        self.prepare([w for words in sentences for w in words])
        data, index = self.forms.data, self.forms.index
        for row, i in enumerate(order):
            if lengths[row]:
                rows = data[index(sentences[i])]
                pre[:lengths[row], 0, row] = rows[:, :h4]
                pre[:lengths[row], 1, row] = rows[::-1, h4:]
        hid = self._run(pre, [n if n else 1 for n in lengths])
        # every token of the batch at once: its forward state and its backward one (reversed)
        n_arr = np.array(lengths)
        rows_of = np.repeat(np.arange(len(order)), n_arr)
        steps = np.arange(int(n_arr.sum())) - np.repeat(np.cumsum(n_arr) - n_arr, n_arr)
        both = np.concatenate([hid[steps, 0, rows_of], hid[np.repeat(n_arr, n_arr) - 1 - steps, 1, rows_of]], axis=1)
        z = both @ self.out_w + self.out_b
        z -= z.max(axis=1, keepdims=True)
        z -= np.log(np.exp(z).sum(axis=1, keepdims=True))
        for i, part in zip(order, np.split(z, np.cumsum(n_arr)[:-1])):
            out[i] = part
        return out
