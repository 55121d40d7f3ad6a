"""Build lagebild's entity taggers from scratch: ``python3 training/ner/build.py``.

German: a linear-chain CRF (python-crfsuite, c1 = c2 = 0.05, 150 iterations) on GermEval 2014
train (outer level, 12 labels, BIOES); word-label statistics (the name dictionary) come from
GermEval train — jackknifed in 5 folds so that the training sentences never see their own
counts — plus legal-ner-de, europeana-newspapers-ner-de and mobie-ner-de mapped to PER/LOC/ORG
(``--smartdata`` adds the person / organization / location mentions of smartdata-corpus-de v1,
checked against GermEval's scheme; it did not change dev F1, so it is off).  Then a small BiLSTM
(``neural.py``: our own SVD word vectors + character CNN + the CRF's dictionary features → 96
units per direction, 20 epochs, trained on the likelihood of whole tag paths (``--loss chain``),
the moving average of the weights shipped) on the same GermEval sentences; the stage adds the
network's log-probabilities to the CRF's scores.  ``--self-train``
(off: tried, no gain beyond the noise between trainings) trains the network once more on the
GermEval sentences plus the unlabelled permissive text of smartdata-corpus-de and UD German
GSD/PUD as this first CRF + network tag it, only the sentences where the CRF alone and the
network alone agree.  No pretrained model and no other data.  Training the network needs
PyTorch (CPU build: ``pip install torch==2.13.0``), the stage does not: both models are exported
as npz and run in numpy.
``--no-net`` builds the CRFs alone, ``--keep-crf`` the networks alone (the CRFs in ``--out`` kept).
English: the same CRF on wikigold + GUM train + the WNUT-17 and Broad Twitter Corpus train sets
(``--no-social``: without those two), and the same network on the same sentences, its word
vectors computed like German's from the permissive English raw text (those sets, UD English EWT
train, MEANTIME; ``data.english_raw_sentences``).  Seeded and
deterministic (one torch thread); writes ``src/lagebild/resources/ner/{de,en}.*`` (``--out``:
elsewhere) and prints the dev figures (strict outer-chunk precision/recall/F1, the ensemble and
the CRF alone) at the end.  German alone (``--lang de``): about 25–30 minutes on one core.
"""

from __future__ import annotations

import argparse
import functools
import random
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import clusters as word_clusters  # noqa: E402
import data  # noqa: E402
import neural  # noqa: E402
from lagebild.analyze.entities import ner  # noqa: E402
from lagebild.analyze.entities.crf import export as export_crf  # noqa: E402
from lagebild.analyze.entities.features import (  # noqa: E402
    Featurizer, Lexicon, gazetteer_tags, place_tags, write_clusters, write_lexicon)

OUT = ROOT / "src" / "lagebild" / "resources" / "ner"
SEED = 20140


def dict_class(label: str) -> str:
    if label.endswith("part"):
        return "PART"
    if label == "LOCderiv":
        return "LOCderiv"
    return label.replace("deriv", "")


def count(sentences, labels: dict[str, Counter], totals: Counter, lower: Counter) -> None:
    for words, tags in sentences:
        for w, t in zip(words, tags):
            if t == SKIP:
                continue
            totals[w] += 1
            if t != "O":
                labels[w][dict_class(t[2:])] += 1
            elif w[:1].islower():
                lower[w] += 1


def checked_mentions(train, sentences):
    """``sentences`` with the mentions GermEval's scheme disagrees with masked (tag :data:`SKIP`,
    not counted): one that starts with a lower-case word GermEval train does not mostly label
    PER/LOC/ORG ("beiden Richtungen"), and a one-word mention GermEval mostly labels O ("Gruppe")
    or as a derivation / part ("deutschen").  smartdata also marks common nouns and adjectives."""
    labels: dict[str, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    count(train, labels, totals, Counter())
    out = []
    for words, tags in sentences:
        tags = list(tags)
        for a, b, _ in data.chunks(tags):
            first = words[a]
            ent = labels[first] if first in labels else Counter()
            main = sum(v for k, v in ent.items() if k in ("PER", "LOC", "ORG"))
            bad = first[:1].islower() and main * 2 < max(totals[first], 1)
            if b - a == 1 and totals[first] >= 2:
                bad = bad or sum(ent.values()) * 2 < totals[first] or main * 2 < sum(ent.values())
            if bad:
                tags[a:b] = [SKIP] * (b - a)
        out.append((words, tags))
    return out


SKIP = "-"


def freeze(labels, totals, min_total: int = 2) -> dict[str, tuple[int, dict[str, int]]]:
    out = {}
    for w, total in totals.items():
        counts = labels.get(w)
        if total >= min_total or counts:
            out[w] = (total, dict(counts) if counts else {})
    return out


def subtract(labels, totals, fold_labels, fold_totals):
    lab = defaultdict(Counter)
    for w, c in labels.items():
        d = c - fold_labels.get(w, Counter())
        if d:
            lab[w] = d
    tot = totals - fold_totals
    return lab, tot


def consistent_extra(train, pool, limit: int) -> list[int]:
    """Indices of up to ``limit`` sentences of ``pool`` (PER/LOC/ORG only) that agree with
    GermEval's scheme: at least one entity, and no word outside an entity that GermEval mostly
    labels (derivations like "deutschen", OTH titles, compounds with a name part).  Seeded."""
    labels: dict[str, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    count(train, labels, totals, Counter())
    ok = []
    for i, (words, tags) in enumerate(pool):
        if all(t == "O" for t in tags) or len(words) > 60:
            continue
        bad = False
        for w, t in zip(words, tags):
            if t == "O" and w[:1].isupper():
                ent = sum(labels[w].values()) if w in labels else 0
                if ent * 2 >= max(totals[w], 1) or ("-" in w[1:-1] and any(
                        sum(labels[p].values()) * 2 >= max(totals[p], 1) > 1 for p in w.split("-"))):
                    bad = True
                    break
        if not bad:
            ok.append(i)
    rng = random.Random(SEED)
    rng.shuffle(ok)
    return ok[:limit]


def train_crf(xseqs, yseqs, model: Path, *, c1: float, c2: float, iterations: int) -> float:
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xseqs, yseqs):
        trainer.append(x, y)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    t0 = time.time()
    trainer.train(str(model))
    return time.time() - t0


def score(gold_seqs, pred_seqs, *, main_only: bool = False) -> dict:
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for gold, pred in zip(gold_seqs, pred_seqs):
        g, p = data.chunks(gold), data.chunks(pred)
        if main_only:
            g = {c for c in g if c[2] in ("PER", "LOC", "ORG", "OTH", "MISC")}
            p = {c for c in p if c[2] in ("PER", "LOC", "ORG", "OTH", "MISC")}
        for c in g & p:
            tp[c[2]] += 1
        for c in p - g:
            fp[c[2]] += 1
        for c in g - p:
            fn[c[2]] += 1

    def prf(t, f_p, f_n):
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
                "support": t + f_n}

    labels = sorted(set(tp) | set(fp) | set(fn))
    out = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    out["labels"] = {lab: prf(tp[lab], fp[lab], fn[lab]) for lab in labels}
    return out


def lexicons(lang: str, train, extra, *, folds: int = 5, clusters: dict | None = None):
    """The full lexicon (all training data) and, per fold, the lexicon without that fold's own
    sentences, so that training features never see their own counts.  Returns
    ``(full, fold_of, fold_lexicons, places)`` with ``fold_of[i]`` the fold of ``train[i]``."""
    clusters = clusters or {}
    rng = random.Random(SEED)
    fold_of = [rng.randrange(folds) for _ in train]
    labels: dict[str, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    lower: Counter = Counter()
    count(extra, labels, totals, lower)
    fold_counts = []
    for k in range(folds):
        fl: dict[str, Counter] = defaultdict(Counter)
        ft: Counter = Counter()
        count([s for s, f in zip(train, fold_of) if f == k], fl, ft, lower)
        fold_counts.append((fl, ft))
        for w, c in fl.items():
            labels[w].update(c)
        totals.update(ft)
    lower_set = {w.lower() for w, c in lower.items() if c >= 2}
    places = place_tags(lang)
    gaz = dict(gazetteer_tags(lang))
    for word, tags in places.items():
        gaz[word] = tuple(sorted(set(gaz.get(word, ())) | set(tags)))
    full = Lexicon(freeze(labels, totals), lower_set, gaz, clusters)
    fold_lex = []
    for k in range(folds):
        lab, tot = subtract(labels, totals, *fold_counts[k])
        fold_lex.append(Lexicon(freeze(lab, tot), lower_set, gaz, clusters))
    return full, fold_of, fold_lex, places


def build(lang: str, train, dev, extra, *, c1: float, c2: float, iterations: int, folds: int = 5,
          bioes: bool = True, out: Path = OUT, clusters: dict | None = None,
          vectors: tuple | None = None, epochs: int = 20, hidden: int = 96, net_args: dict | None = None,
          self_train: bool = False, keep_crf: bool = False) -> dict:
    """Train and write the CRF (and, given ``vectors``, the network); returns the dev figures of
    the CRF alone (``crf``) and of what the stage runs (``all``/``main``).  ``self_train``: then
    train the network again on the training sentences plus the unlabelled permissive text
    (smartdata, UD) tagged by the first CRF + network where both agree (:func:`neural.silver`).
    ``keep_crf``: do not train the CRF, keep ``out/<lang>.crf.npz`` (copied from the shipped
    resources when ``out`` has none; the lexicon is rebuilt, deterministically the same)."""
    t0 = time.time()
    clusters = clusters or {}
    out.mkdir(parents=True, exist_ok=True)
    cluster_file = out / f"{lang}.clusters.tsv.gz"
    if clusters:
        write_clusters(cluster_file, clusters)
    elif cluster_file.exists():
        cluster_file.unlink()
    full, fold_of, fold_lex, places = lexicons(lang, train, extra, folds=folds, clusters=clusters)
    xseqs, yseqs = [None] * len(train), [None] * len(train)
    for k in range(folds):
        feat = Featurizer(fold_lex[k])
        for i, (words, tags) in enumerate(train):
            if fold_of[i] == k:
                xseqs[i] = feat.sentence(words)
                yseqs[i] = data.to_bioes(tags) if bioes else tags
    print(f"[{lang}] features ready in {time.time() - t0:.0f}s "
          f"({sum(len(w) for w, _ in train)} training tokens)", flush=True)
    if keep_crf:
        crf_file = out / f"{lang}.crf.npz"
        if not crf_file.exists():
            shutil.copyfile(OUT / crf_file.name, crf_file)
        print(f"[{lang}] CRF kept: {crf_file}", flush=True)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            model = Path(tmp) / f"{lang}.crfsuite"
            secs = train_crf(xseqs, yseqs, model, c1=c1, c2=c2, iterations=iterations)
            export_crf(model, out / f"{lang}.crf.npz")
        print(f"[{lang}] CRF trained in {secs:.0f}s", flush=True)
    write_lexicon(out / f"{lang}.lexicon.tsv.gz", full.labels, full.lower, places)
    net_file = out / f"{lang}.net.npz"
    if vectors is not None:
        train_net = functools.partial(neural.build, train, fold_of, fold_lex, full, *vectors, net_file,
                                      lang=lang, epochs=epochs, hidden=hidden, **(net_args or {}))
        secs = train_net()
        print(f"[{lang}] network trained in {secs:.0f}s", flush=True)
        if self_train:
            t1 = time.time()
            text = data.smartdata_text() + data.ud_text() if lang == "de" else data.ewt_text() + data.meantime_text()
            raw = [w for w in text if 3 <= len(w) <= 60]
            silver = neural.silver(ner.Tagger(lang, root=out), raw)
            print(f"[{lang}] self-training: {len(silver)} of {len(raw)} unlabelled sentences tagged alike by "
                  f"the CRF and the network ({time.time() - t1:.0f}s)", flush=True)
            secs = train_net(silver=silver)
            print(f"[{lang}] network retrained with them in {secs:.0f}s", flush=True)
    elif net_file.exists():
        net_file.unlink()
    tagger = ner.Tagger(lang, root=out)
    results = {}
    for name, sents in dev.items():
        words = [w for w, _ in sents]
        golds = [tags for _, tags in sents]
        crf_only = [ner._bio(tagger.crf.tag(w)) for w in words]
        t1 = time.time()
        preds = tagger.tag_sentences(words)
        speed = sum(map(len, words)) / (time.time() - t1)
        results[name] = {"all": score(golds, preds), "main": score(golds, preds, main_only=True),
                         "crf": score(golds, crf_only), "tokens_per_s": round(speed),
                         "seconds": round(time.time() - t0),
                         "model_bytes": sum(f.stat().st_size for f in out.glob(f"{lang}.*"))}
    return results


def show(lang: str, result: dict) -> None:
    a, m = result["all"], result["main"]
    print(f"\n== {lang}: strict outer chunks, all labels: P {a['precision']:.4f} R {a['recall']:.4f} "
          f"F1 {a['f1']:.4f}  | main types: F1 {m['f1']:.4f} | CRF alone: F1 {result['crf']['f1']:.4f}")
    for lab, s in a["labels"].items():
        print(f"   {lab:10s} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} n={s['support']}")
    print(f"   tagging incl. features (cold caches, one batch): {result['tokens_per_s']} tokens/s; "
          f"built in {result['seconds']}s; model files {result['model_bytes'] / 1e6:.1f} MB")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lang", choices=("de", "en", "all"), default="all")
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--c1", type=float, help="L1 weight (default: de 0.05, en 0.1)")
    ap.add_argument("--c2", type=float, help="L2 weight (default: de 0.05, en 0.1)")
    ap.add_argument("--no-extra", action="store_true", help="name dictionary from GermEval train only")
    ap.add_argument("--crf-extra", type=int, default=0,
                    help="also train the CRF on up to N sentences of mobie/legal-ner-de (filtered)")
    ap.add_argument("--smartdata", action="store_true",
                    help="also count smartdata-corpus-de's checked PER/LOC/ORG mentions in the name dictionary "
                         "(tried: CRF dev 0.747 vs 0.749 without)")
    ap.add_argument("--no-clusters", action="store_true", help="German without the word clusters")
    ap.add_argument("--no-social", action="store_true",
                    help="English without the WNUT-17 and Broad Twitter Corpus train sets")
    ap.add_argument("--bio", action="store_true", help="train on BIO instead of BIOES tags")
    ap.add_argument("--out", type=Path, default=OUT, help="where the model files go")
    ap.add_argument("--no-net", action="store_true", help="the CRFs without the neural taggers")
    ap.add_argument("--keep-crf", action="store_true",
                    help="train the networks only: keep the CRFs in --out (copied from the shipped ones if missing)")
    ap.add_argument("--epochs", type=int, default=20, help="training epochs of the neural tagger")
    ap.add_argument("--hidden", type=int, default=96, help="LSTM units per direction")
    ap.add_argument("--ema", type=float, default=0.999,
                    help="the network keeps this moving average of its weights over the steps (0: off)")
    ap.add_argument("--decay", type=float, default=0.1, help="learning rate of epoch e: lr / (1 + decay * e)")
    ap.add_argument("--loss", choices=("chain", "softmax"), default="chain",
                    help="the network's training objective: the likelihood of the whole tag path (chain, as a "
                         "BiLSTM-CRF) or cross-entropy per token (softmax; dev 0.7757 vs 0.7772 in one experiment)")
    ap.add_argument("--self-train", action="store_true",
                    help="retrain the network with unlabelled text (German: smartdata, UD; English: UD EWT train, "
                         "MEANTIME) tagged alike by the first CRF and network (tried: German dev F1 0.7749-0.7777 "
                         "vs 0.7757 without; English within the noise too, see training/README.md)")
    args = ap.parse_args(argv)
    t0 = time.time()
    results = {}
    if args.lang in ("de", "all"):
        train, dev = data.germeval_train(), data.germeval_dev()
        extra = [] if args.no_extra else data.legal_ner() + data.europeana() + data.mobie()
        if args.smartdata and not args.no_extra:
            extra += checked_mentions(train, data.smartdata())
        if args.crf_extra:
            pool = data.mobie() + data.legal_ner()
            picked = set(consistent_extra(train, pool, args.crf_extra))
            train = train + [pool[i] for i in sorted(picked)]
            extra = data.europeana() + [s for i, s in enumerate(pool) if i not in picked] + (
                checked_mentions(train, data.smartdata()) if args.smartdata else [])
            print(f"[de] CRF also trains on {len(picked)} mobie/legal sentences", flush=True)
        t1 = time.time()
        clusters, vocab, vec = word_clusters.build_with_vectors()
        vectors = None if args.no_net else (vocab, vec)
        clusters = {} if args.no_clusters else clusters
        print(f"[de] {len(clusters)} word clusters in {time.time() - t1:.0f}s", flush=True)
        c1, c2 = (0.05 if args.c1 is None else args.c1), (0.05 if args.c2 is None else args.c2)
        for name, res in build("de", train, {"GermEval 2014 dev": dev}, extra, c1=c1, c2=c2,
                               iterations=args.iterations, bioes=not args.bio, out=args.out,
                               clusters=clusters, vectors=vectors, epochs=args.epochs,
                               hidden=args.hidden, net_args={"ema": args.ema, "decay": args.decay, "loss": args.loss},
                               self_train=args.self_train, keep_crf=args.keep_crf).items():
            results[f"de {name}"] = res
    if args.lang in ("en", "all"):
        sents = data.wikigold()
        rng = random.Random(SEED)
        order = list(range(len(sents)))
        rng.shuffle(order)
        cut = len(sents) // 10
        dev = [sents[i] for i in sorted(order[:cut])]
        train = [sents[i] for i in sorted(order[cut:])] + data.gum("train")
        if not args.no_social:
            train += data.wnut17() + data.btc()
        devs = {"wikigold held-out 10%": dev, "GUM dev (PER/LOC/ORG/MISC as converted)": data.gum("dev")}
        c1, c2 = (0.1 if args.c1 is None else args.c1), (0.1 if args.c2 is None else args.c2)
        vectors = None
        if not args.no_net:
            t1 = time.time()
            vocab, vec = word_clusters.embed(data.english_raw_sentences())
            vectors = (vocab, vec)
            print(f"[en] {len(vocab)} word vectors in {time.time() - t1:.0f}s", flush=True)
        for name, res in build("en", train, devs, [], c1=c1, c2=c2, iterations=args.iterations,
                               bioes=not args.bio, out=args.out, vectors=vectors, epochs=args.epochs,
                               hidden=args.hidden, net_args={"ema": args.ema, "decay": args.decay, "loss": args.loss},
                               keep_crf=args.keep_crf).items():
            results[f"en {name}"] = res
    for lang, result in results.items():
        show(lang, result)
    print(f"\ntotal {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
