"""Train the small neural entity tagger (BiLSTM) and export it for numpy inference.

Needs PyTorch at training time only (the CPU build: ``pip install torch==2.13.0``); the entity
stage runs the exported weights in numpy (``lagebild.analyze.entities.network``).  The network: a token
is [its PPMI/SVD word vector from ``clusters.py`` (frozen, int8 as shipped) + a character CNN +
a bag of the CRF's dictionary / gazetteer / shape / cluster features] → one BiLSTM layer →
a score per BIOES tag, trained as a chain (:class:`ChainLoss`: the likelihood of the whole gold
tag path, as a BiLSTM-CRF; ``loss="softmax"``: cross-entropy per token, as before session 6).
Dictionary features of training sentences come from the jackknifed lexicons (as for the CRF), so
the network does not learn to trust counts that include the sentence itself.  Trained on GermEval 2014 train only (the dictionary features also count
legal-ner-de, europeana and mobie, see ``build.py``): 20 epochs of Adam (lr 2e-3, divided by
1 + 0.1 × epoch), dropout 0.4, 96 LSTM units per direction; the exported weights are the
exponential moving average (0.999 per step) of the trained ones.  Seeded; one thread.
``build.py --self-train`` trains it a second time with :func:`silver` sentences added (self-training).

    python3 training/ner/neural.py [epochs=20] [hidden=96] [out=/tmp/de.net.npz]
        # the network alone: trains on GermEval train, prints dev F1 per epoch and numpy speed
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import data  # noqa: E402
from lagebild.analyze.entities.features import Lexicon  # noqa: E402
from lagebild.analyze.entities.network import (  # noqa: E402
    FIRST_CHAR, char_ids, net_features, strings_array, word_id)

SEED = 20140


def quantize(vec: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows with one float16 scale each (the form the vectors ship in)."""
    scale = np.abs(vec).max(axis=1) / 127.0 + 1e-12
    q = np.round(vec / scale[:, None]).astype(np.int8)
    return q, scale.astype(np.float16)


class Vocab:
    """Word, character and feature indices (built from the training sentences) and the word vectors."""

    def __init__(self, vocab: list[str], vec: np.ndarray, train, lex_of, *, min_feat: int = 2,
                 min_char: int = 3) -> None:
        self.word_list = vocab
        self.words = {w: i + 1 for i, w in enumerate(vocab)}
        q, s = quantize(vec * np.sqrt(vec.shape[1]))
        self.word_q, self.word_scale = q, s
        chars = Counter(ch for words, _ in train for w in words for ch in w)
        self.char_list = sorted(c for c, n in chars.items() if n >= min_char and c != "\n")
        self.chars = {c: i + FIRST_CHAR for i, c in enumerate(self.char_list)}
        feats: Counter = Counter()
        for (words, _), lex in zip(train, lex_of):
            for w in words:
                feats.update(net_features(w, lex))
        self.feat_list = sorted(f for f, n in feats.items() if n >= min_feat and "\n" not in f)
        self.features = {f: i + 1 for i, f in enumerate(self.feat_list)}
        tags = Counter(t for _, ts in train for t in data.to_bioes(ts))
        self.tag_list = sorted(tags)
        self.tags = {t: i for i, t in enumerate(self.tag_list)}

    def vectors(self) -> np.ndarray:
        """The word vectors as the runtime sees them (row 0: unknown)."""
        vec = self.word_q.astype(np.float32) * self.word_scale.astype(np.float32)[:, None]
        return np.vstack([np.zeros((1, vec.shape[1]), np.float32), vec])


def encode(sentences, lex_of, voc: Vocab, with_tags: bool = True) -> list[tuple]:
    """Per sentence: word ids, char id lists, feature id lists, tag ids."""
    out = []
    caches: dict[int, dict[str, tuple]] = {}
    for (words, tags), lex in zip(sentences, lex_of):
        cache = caches.setdefault(id(lex), {})
        cols = []
        for w in words:
            got = cache.get(w)
            if got is None:
                got = (word_id(w, voc.words), char_ids(w, voc.chars),
                       [voc.features[f] for f in net_features(w, lex) if f in voc.features])
                cache[w] = got
            cols.append(got)
        y = [voc.tags.get(t, voc.tags["O"]) for t in data.to_bioes(tags)] if with_tags else []
        out.append(([c[0] for c in cols], [c[1] for c in cols], [c[2] for c in cols], y))
    return out


def make_net(voc: Vocab, *, hidden: int, char_dim: int, filters: int, feat_dim: int, dropout: float):
    import torch
    from torch import nn

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            vec = torch.tensor(voc.vectors())
            self.word = nn.Embedding.from_pretrained(vec, freeze=True)
            self.char = nn.Embedding(len(voc.char_list) + FIRST_CHAR, char_dim, padding_idx=0)
            self.conv = nn.Conv1d(char_dim, filters, 3)
            self.feat = nn.EmbeddingBag(len(voc.feat_list) + 1, feat_dim, mode="sum", padding_idx=0)
            self.lstm = nn.LSTM(vec.shape[1] + filters + feat_dim, hidden, bidirectional=True,
                                batch_first=True)
            self.out = nn.Linear(2 * hidden, len(voc.tag_list))
            self.drop = nn.Dropout(dropout)

        def forward(self, batch):
            """Tag scores of every token of the batch, flattened in sentence order."""
            h, mask = self.states(batch)
            return self.out(self.drop(h[mask]))

        def emissions(self, batch):
            """Tag scores padded per sentence (B, T, tags) and the mask of real tokens."""
            h, mask = self.states(batch)
            return self.out(self.drop(h)), mask

        def states(self, batch):
            wid, chars, clen, fids, foff, lengths = batch
            c = self.conv(self.char(chars).transpose(1, 2))  # (N, F, L - 2)
            valid = torch.arange(c.shape[2])[None, :] < (clen[:, None] - 2)
            c = torch.relu(c.masked_fill(~valid[:, None, :], -1e4).max(dim=2).values)
            x = torch.cat([self.word(wid), c, self.feat(fids, foff)], dim=1)
            x = self.drop(x)
            seqs = x.split(lengths)
            packed = nn.utils.rnn.pack_sequence(seqs, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True)
            mask = torch.arange(h.shape[1])[None, :] < torch.tensor(lengths)[:, None]
            return h, mask

    return Net()


def tensors(encoded: list[tuple]):
    """One batch as tensors (tokens flattened in sentence order)."""
    import torch

    wid = [w for s in encoded for w in s[0]]
    chars = [c for s in encoded for c in s[1]]
    feats = [f for s in encoded for f in s[2]]
    longest = max(len(c) for c in chars)
    char_t = torch.zeros((len(chars), longest), dtype=torch.long)
    for i, c in enumerate(chars):
        char_t[i, :len(c)] = torch.tensor(c)
    offsets = np.cumsum([0] + [len(f) for f in feats[:-1]])
    flat = [x for f in feats for x in f]
    y = torch.tensor([t for s in encoded for t in s[3]], dtype=torch.long) if encoded[0][3] else None
    return (torch.tensor(wid), char_t, torch.tensor([len(c) for c in chars]), torch.tensor(flat, dtype=torch.long),
            torch.tensor(offsets, dtype=torch.long), [len(s[0]) for s in encoded]), y


class ChainLoss:
    """Negative log-likelihood of the gold tag path under a linear chain over the network's tag
    scores (a BiLSTM-CRF's training objective).  The transition, start and end scores are learnt
    with the network but not exported: the stage decodes with the CRF's transitions, and the
    network's scores enter it normalized per token (:meth:`Network.log_probs`).  Transitions
    that BIOES forbids are fixed at a large negative score."""

    NEG = -1e4

    def __init__(self, tags: list[str]) -> None:
        import torch

        n = len(tags)
        self.ok = torch.tensor(allowed(tags))
        self.start_ok, self.end_ok = (torch.tensor(a) for a in edges(tags))
        self.trans = torch.nn.Parameter(torch.zeros(n, n))
        self.start = torch.nn.Parameter(torch.zeros(n))
        self.end = torch.nn.Parameter(torch.zeros(n))

    def parameters(self) -> list:
        return [self.trans, self.start, self.end]

    def __call__(self, em, y, mask):
        """``em`` (B, T, tags) scores, ``y`` (B, T) gold tag ids (anything where masked), ``mask``
        (B, T) the real tokens; the loss summed over sentences, divided by the number of tokens."""
        import torch

        trans = self.trans.masked_fill(~self.ok, self.NEG)
        start = self.start.masked_fill(~self.start_ok, self.NEG)
        end = self.end.masked_fill(~self.end_ok, self.NEG)
        lengths = mask.sum(1)
        gold = start[y[:, 0]] + em[:, 0].gather(1, y[:, :1]).squeeze(1)
        alpha = start[None] + em[:, 0]
        for t in range(1, em.shape[1]):
            live = mask[:, t]
            step = trans[y[:, t - 1], y[:, t]] + em[:, t].gather(1, y[:, t:t + 1]).squeeze(1)
            gold = gold + torch.where(live, step, torch.zeros_like(step))
            nxt = torch.logsumexp(alpha[:, :, None] + trans[None], dim=1) + em[:, t]
            alpha = torch.where(live[:, None], nxt, alpha)
        gold = gold + end[y.gather(1, (lengths - 1)[:, None]).squeeze(1)]
        log_z = torch.logsumexp(alpha + end[None], dim=1)
        return (log_z - gold).sum() / lengths.sum()


def batches(encoded: list[tuple], size: int, rng: random.Random) -> list[list[int]]:
    """Sentence index batches of similar length, in a seeded random order."""
    order = sorted(range(len(encoded)), key=lambda i: (len(encoded[i][0]), rng.random()))
    out = [order[i:i + size] for i in range(0, len(order), size)]
    rng.shuffle(out)
    return out


def train(train_enc: list[tuple], voc: Vocab, *, epochs: int = 20, hidden: int = 96, char_dim: int = 24,
          filters: int = 64, feat_dim: int = 32, dropout: float = 0.4, lr: float = 2e-3, batch: int = 32,
          decay: float = 0.1, word_drop: float = 0.0, ema: float = 0.999, loss: str = "chain", seed: int = SEED,
          monitor=None):
    """Train the network; ``monitor(net, epoch)`` is called after every epoch (may print dev F1).
    ``decay``: the learning rate of epoch e is ``lr / (1 + decay * e)``; ``word_drop``: share of
    training tokens whose word vector is replaced by the unknown one (so that the network learns
    to tag from characters and features too); ``ema``: if > 0, the network returned (and seen by
    ``monitor``) has the exponential moving average of the weights over the training steps;
    ``loss``: ``"softmax"`` (cross-entropy per token) or ``"chain"`` (:class:`ChainLoss`, the
    likelihood of the whole tag path)."""
    import copy

    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(1)  # two threads spin against each other on a busy 2-core machine
    rng = random.Random(seed)
    net = make_net(voc, hidden=hidden, char_dim=char_dim, filters=filters, feat_dim=feat_dim, dropout=dropout)
    chain = ChainLoss(voc.tag_list) if loss == "chain" else None
    trained = [p for p in net.parameters() if p.requires_grad] + (chain.parameters() if chain else [])
    opt = torch.optim.Adam(trained, lr=lr)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda e: 1.0 / (1.0 + decay * e))
    loss_fn = torch.nn.CrossEntropyLoss()
    params = {n: p for n, p in net.named_parameters() if p.requires_grad}
    shadow = {n: p.detach().clone() for n, p in params.items()} if ema > 0 else None

    def averaged():
        if shadow is None:
            return net
        avg = copy.deepcopy(net)
        with torch.no_grad():
            for n, p in avg.named_parameters():
                if n in shadow:
                    p.copy_(shadow[n])
        return avg

    for epoch in range(epochs):
        net.train()
        t0, total = time.time(), 0.0
        for idx in batches(train_enc, batch, rng):
            x, y = tensors([train_enc[i] for i in idx])
            if word_drop > 0:
                x = (x[0].masked_fill(torch.rand(x[0].shape) < word_drop, 0), *x[1:])
            opt.zero_grad()
            if chain is None:
                step_loss = loss_fn(net(x), y)
            else:
                em, mask = net.emissions(x)
                y_pad = torch.zeros(mask.shape, dtype=torch.long)
                y_pad[mask] = y
                step_loss = chain(em, y_pad, mask)
            step_loss.backward()
            torch.nn.utils.clip_grad_norm_(trained, 5.0)
            opt.step()
            if shadow is not None:
                with torch.no_grad():
                    for n, p in params.items():
                        shadow[n].mul_(ema).add_(p.detach(), alpha=1.0 - ema)
            total += float(step_loss.detach()) * len(y)
        sched.step()
        print(f"  epoch {epoch + 1}: loss {total / sum(len(s[0]) for s in train_enc):.4f} "
              f"({time.time() - t0:.0f}s)", flush=True)
        if monitor:
            net.eval()
            monitor(averaged().eval(), epoch + 1)
    net = averaged()
    net.eval()
    return net


def export(net, voc: Vocab, path: Path, weight: float = 1.0) -> None:
    """Weights for :class:`lagebild.analyze.entities.network.Network` (float16, word vectors int8)."""
    sd = {k: v.detach().numpy().astype(np.float32) for k, v in net.state_dict().items()}
    h = net.lstm.hidden_size

    def gates(w: np.ndarray) -> np.ndarray:  # torch i, f, g, o → i, f, o, g; sigmoid rows halved
        i, f, g, o = np.split(w, 4, axis=0)
        return np.concatenate([0.5 * i, 0.5 * f, 0.5 * o, g], axis=0)

    w_in = np.concatenate([gates(sd["lstm.weight_ih_l0"]), gates(sd["lstm.weight_ih_l0_reverse"])]).T
    b_in = np.concatenate([gates(sd["lstm.bias_ih_l0"] + sd["lstm.bias_hh_l0"]),
                           gates(sd["lstm.bias_ih_l0_reverse"] + sd["lstm.bias_hh_l0_reverse"])])
    conv = sd["conv.weight"]  # (F, C, width)
    arrays = {
        "tags": strings_array(voc.tag_list), "words": strings_array(voc.word_list),
        "chars": strings_array(voc.char_list), "features": strings_array(voc.feat_list),
        "word_q": voc.word_q, "word_scale": voc.word_scale,
        "char_emb": sd["char.weight"], "char_conv_w": conv.transpose(2, 1, 0).reshape(-1, conv.shape[0]),
        "char_conv_b": sd["conv.bias"], "char_width": np.array(conv.shape[2]),
        "feat_emb": sd["feat.weight"], "lstm_w_in": w_in, "lstm_b_in": b_in,
        "lstm_w_hh_f": gates(sd["lstm.weight_hh_l0"]).T, "lstm_w_hh_b": gates(sd["lstm.weight_hh_l0_reverse"]).T,
        "out_w": sd["out.weight"].T, "out_b": sd["out.bias"], "ensemble_weight": np.array(weight),
    }
    assert arrays["lstm_w_hh_f"].shape == (h, 4 * h)
    arrays = {k: v.astype(np.float16) if v.dtype == np.float32 and k != "ensemble_weight" else v
              for k, v in arrays.items()}
    np.savez_compressed(path, **arrays)


def build(train_s, fold_of, fold_lex, full: Lexicon, vocab: list[str], vec: np.ndarray, out: Path, *,
          weight: float = 1.0, silver=(), lang: str = "de", **options) -> float:
    """Train on ``train_s`` (features from the jackknifed lexicons) and write ``out`` (the npz the
    stage loads); ``weight`` is the network's share next to the CRF (stored in the file);
    ``silver``: more (words, tags) sentences to train on, their features from the full lexicon
    (the vocabulary still comes from ``train_s`` alone); ``options`` go to :func:`train` (epochs,
    hidden, dropout, ...).  Returns the seconds it took."""
    t0 = time.time()
    lex_of = [fold_lex[f] for f in fold_of]
    voc = Vocab(vocab, vec, train_s, lex_of)
    enc = encode(list(train_s) + list(silver), lex_of + [full] * len(silver), voc)
    print(f"[{lang}] network: {len(voc.feat_list)} bag features, {len(voc.char_list)} characters, "
          f"{len(voc.word_list)} word vectors, {len(silver)} silver sentences; {options}", flush=True)
    net = train(enc, voc, **options)
    export(net, voc, out, weight=weight)
    return time.time() - t0


def silver(tagger, sentences: list[list[str]], *, agree: bool = True, chunk: int = 200) -> list[tuple]:
    """Self-training data: ``sentences`` (unlabelled) with the BIO tags the CRF + network ensemble
    of ``tagger`` gives them; with ``agree``, only the sentences where the CRF alone and the
    network alone (each decoded on its own) tag exactly as the ensemble does."""
    ok = allowed(tagger.net.tags)
    out = []
    for a in range(0, len(sentences), chunk):
        part = sentences[a:a + chunk]
        both = tagger.tag_sentences(part)
        if agree:
            crf = [data.to_bio(tagger.crf.tag(w)) for w in part]
            net = [data.to_bio(viterbi(lp, tagger.net.tags, ok)) for lp in tagger.net.log_probs(part)]
        for k, (words, tags) in enumerate(zip(part, both)):
            if not agree or crf[k] == net[k] == tags:
                out.append((words, tags))
    return out


def allowed(tags: list[str]) -> np.ndarray:
    """BIOES transition mask ``allowed[prev, next]`` (plus start/end rows via :func:`viterbi`)."""
    n = len(tags)
    ok = np.zeros((n, n), bool)
    for a, pa in enumerate(tags):
        for b, pb in enumerate(tags):
            inside_a = pa[0] in "BI"
            if inside_a:
                ok[a, b] = pb[0] in "IE" and pb[2:] == pa[2:]
            else:
                ok[a, b] = pb[0] in "OBS"
    return ok


def edges(tags: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The BIOES tags a sentence may start with, and those it may end with."""
    return np.array([t[0] in "OBS" for t in tags]), np.array([t[0] in "OES" for t in tags])


def viterbi(logp: np.ndarray, tags: list[str], ok: np.ndarray) -> list[str]:
    """Best BIOES path under the transition constraints."""
    start, end = edges(tags)
    trans = np.where(ok, 0.0, -1e9)
    score = logp[0] + np.where(start, 0.0, -1e9)
    back = []
    for t in range(1, len(logp)):
        cand = score[:, None] + trans
        back.append(cand.argmax(axis=0))
        score = cand.max(axis=0) + logp[t]
    score = score + np.where(end, 0.0, -1e9)
    best = [int(score.argmax())]
    for b in reversed(back):
        best.append(int(b[best[-1]]))
    return [tags[i] for i in reversed(best)]


def main() -> None:
    import pickle

    import build
    import torch

    from lagebild.analyze.entities.network import Network

    t0 = time.time()
    train_s, dev = data.germeval_train(), data.germeval_dev()
    extra = data.legal_ner() + data.europeana() + data.mobie()
    import clusters as word_clusters

    clusters, vocab, vec = word_clusters.build_with_vectors()
    full, fold_of, fold_lex, _ = build.lexicons("de", train_s, extra, clusters=clusters)
    lex_of = [fold_lex[f] for f in fold_of]
    voc = Vocab(vocab, vec, train_s, lex_of)
    tr = encode(train_s, lex_of, voc)
    dv = encode(dev, [full] * len(dev), voc)
    print(f"encoded in {time.time() - t0:.0f}s: {len(voc.feat_list)} features, {len(voc.char_list)} chars",
          flush=True)
    ok = allowed(voc.tag_list)
    golds = [t for _, t in dev]

    def monitor(net, epoch):
        preds = []
        with torch.no_grad():
            for a in range(0, len(dv), 256):
                x, _ = tensors(dv[a:a + 256])
                lp = torch.log_softmax(net(x), dim=1).numpy()
                for n in x[5]:
                    preds.append(data.to_bio(viterbi(lp[:n], voc.tag_list, ok)))
                    lp = lp[n:]
        print(f"  dev F1 after epoch {epoch}: {build.score(golds, preds)['f1']:.4f}", flush=True)

    args = dict(a.split("=") for a in sys.argv[1:])
    net = train(tr, voc, epochs=int(args.get("epochs", 20)), hidden=int(args.get("hidden", 96)),
                monitor=monitor)
    out = Path(args.get("out", "/tmp/de.net.npz"))
    export(net, voc, out)
    print(f"exported {out.stat().st_size / 1e6:.1f} MB", flush=True)
    nn_ = Network(out.read_bytes(), full)
    t1 = time.time()
    lps = []
    for a in range(0, len(dev), 30):
        lps.extend(nn_.log_probs([w for w, _ in dev[a:a + 30]]))
    secs = time.time() - t1
    preds = [data.to_bio(viterbi(lp, nn_.tags, ok)) for lp in lps]
    ntok = sum(len(w) for w, _ in dev)
    print(f"numpy: dev F1 {build.score(golds, preds)['f1']:.4f}, {ntok / secs:.0f} tokens/s (cold cache, "
          f"batches of 30 sentences)")
    t1 = time.time()
    for a in range(0, len(dev), 30):
        nn_.log_probs([w for w, _ in dev[a:a + 30]])
    print(f"numpy warm: {ntok / (time.time() - t1):.0f} tokens/s; total {time.time() - t0:.0f}s")
    with open(out.with_suffix(".dev.pkl"), "wb") as fh:
        pickle.dump(lps, fh)


if __name__ == "__main__":
    main()
