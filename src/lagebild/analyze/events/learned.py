"""The learned event extractor: triggers with their type, status, arguments (numpy at run time).

Three multinomial logistic-regression models per language, trained by
``training/events/train.py`` on the project's event corpus (``corpus/events``) and shipped as
``resources/events/model.<lang>.npz``:

* **triggers**: every token gets a label, ``O`` or an event type, from features of the word, its
  neighbours and the rule finder's opinion (whether a rule trigger of a type covers it).
  Adjacent tokens of one type make one trigger; an event is kept when its probability is at
  least the model's tuned threshold.  The probability is the event's ``confidence``.
* **status**: from the words of the sentence before and after the trigger (cues such as "soll",
  "sagte", "könnte", "nicht", "will"), the type, and the status the rules give.
* **arguments**: candidates are the entity mentions, time expressions and quantities of the
  sentence, the arguments the rules found, and (German) noun groups; each gets a role of the
  event type or none from its kind, side, distance, the words before it and its head.

The rules (:mod:`.find`) stay a second opinion: their triggers, statuses and roles are features,
and an event the model keeps takes the rule event's attribution where they agree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from importlib import resources

import numpy as np

from lagebild.analyze.events.learned_args import Candidate, arg_features, candidates
from lagebild.analyze.events.status import event_status, is_future
from lagebild.analyze.events.triggers import is_trigger_word, markers, triggers
from lagebild.analyze.text.speech import Tok
from lagebild.model.events import TYPES

#: argument roles by event type (list roles: participants, parties)
ROLES = {name: tuple(r.name for r in t.roles) for name, t in TYPES.items()}
#: Konjunktiv I forms of reported speech, and negations (status cues beside the rules' markers)
SUBJUNCTIVE = frozenset("sei seien habe werde könne müsse solle wolle dürfe gebe stehe liege gehe komme wisse".split())
NEGATIONS = frozenset("nicht kein keine keinen keiner keinem keines nie niemals weder not no never n't without "
                      "ohne".split())

#: word forms whose trigger features are kept per table (as many as the entity tagger keeps)
WORD_CACHE = 32_768


@dataclass(frozen=True)
class Linear:
    """A multinomial logistic regression over sparse binary features."""

    index: dict[str, int]
    padded: np.ndarray  # (features + 1) × labels: the weights, then a row of zeros (index −1: no feature)
    bias: np.ndarray
    labels: tuple[str, ...]

    @property
    def weights(self) -> np.ndarray:
        """features × labels"""
        return self.padded[:-1]

    def scores(self, features: Sequence[str]) -> np.ndarray:
        rows = [self.index[f] for f in features if f in self.index]
        z = self.weights[rows].sum(axis=0, dtype=np.float32) + self.bias if rows else self.bias.copy()
        z = z - z.max()
        e = np.exp(z)
        return e / e.sum()

    def batch(self, feature_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """Probabilities for many items at once (one row each)."""
        if not feature_lists:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        index = self.index
        rows, cols = [], []
        for k, feats in enumerate(feature_lists):
            for f in feats:
                j = index.get(f)
                if j is not None:
                    rows.append(k)
                    cols.append(j)
        z = np.tile(self.bias, (len(feature_lists), 1))
        if rows:
            np.add.at(z, np.asarray(rows), self.weights[np.asarray(cols)].astype(np.float32))
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class Model:
    triggers: Linear
    status: Linear
    args: Linear
    threshold: float  # the least probability of an event the rules do not see
    rule_threshold: float  # … of an event a rule trigger of the same type covers
    keep_rules: bool = False  # keep the rules' events the model has none for (confidence None)
    rule_status: bool = False  # the status of the rules' markers, not the status model's
    frames: bool = True  # an event the rules miss takes the arguments of the rules' frames for its type
    keep_armed: bool = True  # keep the rules' events whose item or weapon is a weapon (confidence None)
    args_first: bool = False  # the model's roles before the rules' where it keeps a rule event


def _linear(data: dict[str, np.ndarray], name: str) -> Linear:
    names = data[f"{name}_features"].tolist()
    weights = data[f"{name}_weights"]
    padded = np.zeros((len(weights) + 1, weights.shape[1]), dtype=np.float32)
    padded[:-1] = weights
    return Linear({f: k for k, f in enumerate(names)}, padded, data[f"{name}_bias"].astype(np.float32),
                  tuple(data[f"{name}_labels"].tolist()))


@lru_cache(maxsize=4)
def load(language: str) -> Model | None:
    """The shipped model of a language, or None where none is shipped."""
    ref = resources.files("lagebild.resources") / "events" / f"model.{language}.npz"
    if not ref.is_file():
        return None
    with resources.as_file(ref) as path:
        return load_file(path)


def load_file(path) -> Model:
    """A model from its ``.npz`` file."""
    with np.load(path, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    return Model(_linear(arrays, "trigger"), _linear(arrays, "status"), _linear(arrays, "arg"),
                 float(arrays["threshold"]), float(arrays["rule_threshold"]),
                 bool(arrays["keep_rules"]) if "keep_rules" in arrays else False,
                 bool(arrays["rule_status"]) if "rule_status" in arrays else False,
                 bool(arrays["frames"]) if "frames" in arrays else True,
                 bool(arrays["keep_armed"]) if "keep_armed" in arrays else True,
                 bool(arrays["args_first"]) if "args_first" in arrays else False)


# --- features ------------------------------------------------------------------------------------

def clusters(language: str) -> Mapping[str, tuple[str, ...]]:
    """Distributional word clusters (the entity tagger's, learned from raw text, read once for
    both), or none."""
    from lagebild.analyze.entities.ner import shipped_clusters  # lazy: the tagger's module loads spaCy

    return shipped_clusters(language)


@lru_cache(maxsize=8192)
def lexicon_types(language: str, word: str) -> tuple[str, ...]:
    """The event types whose rule trigger patterns match a lower-cased word."""
    if not is_trigger_word(language, word):
        return ()
    return tuple(sorted({t.type for t in triggers(language) if t.pattern.fullmatch(word)}))


def word_info(toks: Sequence[Tok], language: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Per token: its cluster ids (coarse to fine) and the rule lexicon's types."""
    table = clusters(language)
    out = []
    for t in toks:
        ids = table.get(t.text) or table.get(t.lower) or ()
        out.append((ids, lexicon_types(language, t.lower) if t.is_word else ()))
    return out

def _shape(tok: Tok) -> str:
    if not tok.is_word:
        return "P"
    if tok.text[0].isdigit():
        return "D"
    return "C" if tok.is_cap else "l"


def token_features(toks: Sequence[Tok], i: int, rule: dict[int, str],
                   info: Sequence[tuple[tuple[str, ...], tuple[str, ...]]] = ()) -> list[str]:
    """Features of token ``i`` for the trigger model (``rule``: token → type of a rule trigger;
    ``info``: :func:`word_info` of the sentence)."""
    t = toks[i]
    w = t.lower
    n = len(toks)
    prev = toks[i - 1].lower if i > 0 else "<s>"
    prev2 = toks[i - 2].lower if i > 1 else "<s>"
    nxt = toks[i + 1].lower if i + 1 < n else "</s>"
    nxt2 = toks[i + 2].lower if i + 2 < n else "</s>"
    f = ["b", "w=" + w, "s3=" + w[-3:], "s4=" + w[-4:], "s5=" + w[-5:], "s6=" + w[-6:], "s7=" + w[-7:],
         "s8=" + w[-8:], "p4=" + w[:4], "p5=" + w[:5], "p6=" + w[:6], "sh=" + _shape(t) + ("0" if i == 0 else ""),
         "-1=" + prev, "-2=" + prev2, "+1=" + nxt, "+2=" + nxt2, "-1w=" + prev + "|" + w, "w+1=" + w + "|" + nxt]
    for k in range(max(0, i - 6), min(n, i + 7)):
        if k != i and toks[k].is_word:
            f.append("win=" + toks[k].lower)
    if info:
        ids, lex = info[i]
        f.extend("c%d=%s" % (k, c) for k, c in enumerate(ids))
        f.extend("lex=" + x for x in lex)
        for k, name in ((i - 1, "-1c="), (i + 1, "+1c=")):
            if 0 <= k < n and info[k][0]:
                f.append(name + info[k][0][0])
    r = rule.get(i)
    if r is not None:
        f.append("rule=" + r)
        f.append("rule|w=" + r + "|" + w)
    for k in (i - 1, i + 1):
        if k in rule:
            f.append("ruleN=" + rule[k])
    return f


class TriggerEncoder:
    """The trigger model's probabilities for whole sentences, from the features
    :func:`token_features` names without building their strings.

    A word form is looked up once: the indices of its own features (word, affixes, shape,
    clusters, lexicon; as the first word and elsewhere) and of the features it gives its
    neighbours are kept in tables, and a sentence gathers them with numpy. A token's weights are
    summed as ``np.add.reduceat`` sums its features in :func:`token_features` order (the first,
    plus numpy's pairwise sum of the rest: eight running sums, then the remainder one by one), so
    the probabilities are the very floats the model has always given."""

    #: what a word form gives the tokens around it: ``-1= -2= +1= +2= win=`` on its lower case, then
    #: ``-1c= +1c=`` on its coarsest cluster
    _NEIGHBOUR = ("-1=", "-2=", "+1=", "+2=", "win=")
    #: a token's features after its own, in :func:`token_features` order: ``-1= -2= +1= +2=``,
    #: ``-1w= w+1=``, ``-1c= +1c=``, ``rule= rule|w=``, ``ruleN=`` of the token before and after
    _COLUMNS = 12

    def __init__(self, lin: Linear, language: str) -> None:
        self.lin = lin
        self.index = lin.index
        self.language = language
        self.clusters = clusters(language)
        self.rows: dict[str, int] = {}  # word form → its row of the tables below
        self.own = np.full((1024, 24), -1, dtype=np.int64)  # own features (not as the first word)
        self.gives = np.full((1024, 7), -1, dtype=np.int64)  # the neighbours' features
        self.first: dict[str, list[int]] = {}  # word form → its own features as the first word
        self.edges = {w: [self.index.get(p + w, -1) for p in self._NEIGHBOUR] for w in ("<s>", "</s>")}

    def _own(self, t: Tok, ids: tuple[str, ...], first: bool = False) -> list[int]:
        """The indices of a word form's own features (``ids``: its clusters)."""
        get, w = self.index.get, t.lower
        lex = lexicon_types(self.language, w) if t.is_word else ()
        found = [get("b"), get("w=" + w), get("s3=" + w[-3:]), get("s4=" + w[-4:]), get("s5=" + w[-5:]),
                 get("s6=" + w[-6:]), get("s7=" + w[-7:]), get("s8=" + w[-8:]), get("p4=" + w[:4]),
                 get("p5=" + w[:5]), get("p6=" + w[:6]), get("sh=" + _shape(t) + ("0" if first else ""))]
        found += [get("c%d=%s" % (k, c)) for k, c in enumerate(ids)] + [get("lex=" + x) for x in lex]
        return [j for j in found if j is not None]

    def _ids(self, t: Tok) -> tuple[str, ...]:
        return self.clusters.get(t.text) or self.clusters.get(t.lower) or ()

    def _rows(self, toks: Sequence[Tok]) -> np.ndarray:
        """The table rows of the tokens' word forms, the new forms added."""
        rows = self.rows
        new: list[Tok] = []
        at = []
        for t in toks:
            row = rows.get(t.text)
            if row is None:
                row = rows[t.text] = len(rows)
                new.append(t)
            at.append(row)
        if new:
            self._add(new, len(rows) - len(new))
        return np.array(at, dtype=np.int64)

    def _add(self, new: list[Tok], first_row: int) -> None:
        """The tables' rows of new word forms, from ``first_row`` on."""
        get = self.index.get
        own, gives = [], []
        for t in new:
            ids = self._ids(t)
            own.append(self._own(t, ids))
            w = t.lower
            gives += [get("-1=" + w, -1), get("-2=" + w, -1), get("+1=" + w, -1), get("+2=" + w, -1),
                      get("win=" + w, -1)]
            gives += [get("-1c=" + ids[0], -1), get("+1c=" + ids[0], -1)] if ids else [-1, -1]
        end = first_row + len(new)
        lengths = np.fromiter(map(len, own), dtype=np.int64, count=len(own))
        width = max(self.own.shape[1], int(lengths.max()))
        if end > len(self.own) or width > self.own.shape[1]:
            grown = np.full((max(end, 2 * len(self.own)), width), -1, dtype=np.int64)
            grown[:len(self.own), :self.own.shape[1]] = self.own
            self.own = grown
            self.gives = np.concatenate([self.gives, np.full((len(grown) - len(self.gives), 7), -1, dtype=np.int64)])
        self.own[first_row:end] = -1
        self.own[np.repeat(np.arange(first_row, end), lengths), np.arange(lengths.sum()) - np.repeat(
            np.cumsum(lengths) - lengths, lengths)] = np.fromiter(chain.from_iterable(own), dtype=np.int64,
                                                                  count=int(lengths.sum()))
        self.gives[first_row:end] = np.array(gives, dtype=np.int64).reshape(len(new), 7)

    def probabilities(self, toks: Sequence[Tok], rule: dict[int, str]) -> np.ndarray:
        """Each token's label probabilities (``rule``: token → type of a rule trigger); a
        punctuation token's are the bias alone."""
        return self.probabilities_many([(toks, rule)])[0]

    def probabilities_many(self, sentences: Sequence[tuple[Sequence[Tok], dict[int, str]]]) -> list[np.ndarray]:
        """:meth:`probabilities` of many sentences (an article's) at once: the same floats, in
        one pass of numpy."""
        if len(self.rows) >= WORD_CACHE:  # emptied when full, between calls: bounded memory in a long run
            self.rows.clear()
            self.first.clear()
        index = self.index
        toks = [t for ts, _ in sentences for t in ts]
        lengths = np.array([len(ts) for ts, _ in sentences], dtype=np.int64)
        n = len(toks)
        if not n:
            return [np.zeros((0, len(self.lin.labels)), dtype=np.float32) for _ in sentences]
        firsts = np.cumsum(lengths) - lengths
        which = np.repeat(np.arange(len(sentences)), lengths)  # each token's sentence
        place = np.arange(n) - firsts[which]  # its place in the sentence
        left = lengths[which] - 1 - place  # the tokens after it
        at = self._rows(toks)
        words = np.fromiter((t.is_word for t in toks), dtype=bool, count=n)
        gives = self.gives[at]
        own = self.own[at]
        for k in firsts[lengths > 0].tolist():  # a sentence's first word: its shape feature as the first
            found = self.first.get(toks[k].text)
            if found is None:
                found = self.first[toks[k].text] = self._own(toks[k], self._ids(toks[k]), first=True)
            if len(found) > own.shape[1]:
                own = np.concatenate([own, np.full((n, len(found) - own.shape[1]), -1, dtype=np.int64)], axis=1)
            own[k] = -1
            own[k, :len(found)] = found
        start, end = self.edges["<s>"], self.edges["</s>"]
        cols = np.full((n, self._COLUMNS), -1, dtype=np.int64)
        cols[:, 0] = np.where(place >= 1, np.roll(gives[:, 0], 1), start[0])  # -1=
        cols[:, 1] = np.where(place >= 2, np.roll(gives[:, 1], 2), start[1])  # -2=
        cols[:, 2] = np.where(left >= 1, np.roll(gives[:, 2], -1), end[2])  # +1=
        cols[:, 3] = np.where(left >= 2, np.roll(gives[:, 3], -2), end[3])  # +2=
        bigrams = []
        for ts, _ in sentences:
            lows = [t.lower for t in ts]
            before, after = ["<s>"] + lows[:-1], lows[1:] + ["</s>"]
            bigrams += [(index.get("-1w=" + a + "|" + b, -1), index.get("w+1=" + b + "|" + c, -1))
                        for a, b, c in zip(before, lows, after)]
        cols[:, 4:6] = bigrams
        cols[:, 6] = np.where(place >= 1, np.roll(gives[:, 5], 1), -1)  # -1c=
        cols[:, 7] = np.where(left >= 1, np.roll(gives[:, 6], -1), -1)  # +1c=
        for (ts, rule), first in zip(sentences, firsts.tolist()):
            for i, r in rule.items():
                k = first + i
                cols[k, 8] = index.get("rule=" + r, -1)
                cols[k, 9] = index.get("rule|w=" + r + "|" + ts[i].lower, -1)
                if i + 1 < len(ts):
                    cols[k + 1, 10] = index.get("ruleN=" + r, -1)
                if i > 0:
                    cols[k - 1, 11] = index.get("ruleN=" + r, -1)
        features = np.concatenate([own, cols], axis=1)
        total, nonempty = self._sums(features, (features >= 0) & words[:, None])
        z = np.tile(self.lin.bias, (n, 1))
        z[words] += self._window(gives[:, 4], words, which, place, lengths)[words]
        z[nonempty] += total[nonempty]
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return np.split(e / e.sum(axis=1, keepdims=True), np.cumsum(lengths)[:-1])

    def _sums(self, features: np.ndarray, valid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The summed weights of each row's valid features, in ``np.add.reduceat``'s order (rows
        stay far below the 129 features where numpy's pairwise sum would split further), and
        which rows have any."""
        n = len(features)
        pos = np.cumsum(valid, axis=1) - 1  # a feature's place in its row
        rest = pos[:, -1]  # the row's features after its first
        r, c = np.nonzero(valid)
        value, q = features[r, c], pos[r, c] - 1
        paired = (rest - rest % 8)[r]  # how many of the rest go to the eight running sums
        head = np.full(n, -1, dtype=np.int64)
        head[r[q < 0]] = value[q < 0]
        blocks = np.full((n, max(8, int(paired.max(initial=0)))), -1, dtype=np.int64)
        inb = (q >= 0) & (q < paired)
        blocks[r[inb], q[inb]] = value[inb]
        tail = np.full((n, 7), -1, dtype=np.int64)
        intail = q >= paired
        tail[r[intail], (q - paired)[intail]] = value[intail]
        weights = self.lin.padded
        acc = weights[blocks[:, :8]]
        for b in range(8, blocks.shape[1], 8):
            acc += weights[blocks[:, b:b + 8]]
        total = (((acc[:, 0] + acc[:, 1]) + (acc[:, 2] + acc[:, 3]))
                 + ((acc[:, 4] + acc[:, 5]) + (acc[:, 6] + acc[:, 7])))
        for k in range(7):
            total += weights[tail[:, k]]
        return weights[head] + total, rest >= 0

    def _window(self, win: np.ndarray, words: np.ndarray, which: np.ndarray, place: np.ndarray,
                lengths: np.ndarray) -> np.ndarray:
        """The summed weights of the ``win=`` features of every token (the words within six tokens
        either side), from prefix sums over each sentence."""
        weights = self.lin.weights
        own = np.zeros((len(lengths), int(lengths.max()) + 1, weights.shape[1]), dtype=np.float32)
        found = words & (win >= 0)
        own[which[found], place[found] + 1] = weights[win[found]]
        total = np.cumsum(own, axis=1)
        n = lengths[which]
        return total[which, np.minimum(n, place + 7)] - total[which, np.maximum(0, place - 6)] - own[which, place + 1]


def status_features(toks: Sequence[Tok], trigger: tuple[int, int], etype: str, rule_status: str | None,
                    text: str = "", language: str = "de", attribution: str | None = None) -> list[str]:
    """Features of an event for the status model: cue words left and right of the trigger, the
    rules' markers of each status by side and distance, Konjunktiv I and negation near it, the
    status of the rule event at the trigger, the status the rules' markers give the sentence, and
    the kind of source the event is attributed to."""
    a, b = trigger
    f = ["b", "type=" + etype, "trig=" + toks[a].lower, "rule=" + (rule_status or "none"),
         "rule|type=" + (rule_status or "none") + "|" + etype, "attr=" + (attribution or "none")]
    for k, t in enumerate(toks):
        if not t.is_word and t.text not in {'"', "„", "“", ":"}:
            continue
        side = "L" if k < a else "R" if k >= b else None
        if side is None:
            continue
        gap = a - k if side == "L" else k - b + 1
        near = "n" if gap <= 4 else "f"
        f.append(side + "=" + t.lower)
        f.append(side + near + "=" + t.lower)
        if t.lower in SUBJUNCTIVE:
            f.append("konj|" + side + near)
        if t.lower in NEGATIONS and gap <= 4:
            f.append("neg|" + side)
    for k in range(a, b):
        f.append("t=" + toks[k].lower)
    if toks[a].lower.endswith(("e", "en")):
        f.append("tend=" + toks[a].lower[-2:])
    if text:
        lo, hi = toks[0].start, toks[-1].end
        scope = text[lo:hi].lower()
        ts, te = toks[a].start - lo, toks[b - 1].end - lo
        for status, rx in markers(language):
            for m in rx.finditer(scope):
                side = "L" if m.end() <= ts else "R" if m.start() >= te else "I"
                gap = ts - m.end() if side == "L" else m.start() - te if side == "R" else 0
                f.append(f"mk={status}|{side}{'n' if gap <= 30 else 'f'}")
                f.append(f"mk={status}|{etype}")
        opinion = event_status(etype, scope, text[toks[a].start:toks[b - 1].end].lower(), None, language,
                               is_future(list(toks), (0, len(toks)), a, language))
        f += ["rs=" + opinion, "rs|type=" + opinion + "|" + etype]
    return f


def token_labels(names: Sequence[str], probs: np.ndarray, rule: dict[int, str], threshold: float,
                 rule_threshold: float) -> list[str]:
    """Each token's label: its likeliest type where 1 − P(O) reaches the threshold (the lower
    ``rule_threshold`` where a rule trigger of that type covers the token), else ``O``."""
    o = list(names).index("O")
    masked = probs.copy()
    masked[:, o] = -1.0
    best = masked.argmax(axis=1)
    event = 1.0 - probs[:, o]
    ruled = np.zeros(len(probs), dtype=bool)
    for k, label in rule.items():
        ruled[k] = names[best[k]] == label
    keep = np.where(ruled, event >= rule_threshold, event >= threshold)  # python floats: compared in float32
    return [names[b] if kept else "O" for b, kept in zip(best.tolist(), keep.tolist())]


def merge(labels: Sequence[str], probs: np.ndarray, o_index: int) -> list[tuple[int, int, str, float]]:
    """Runs of tokens of one type as (first token, end token, type, confidence = 1 − P(O) at best)."""
    out: list[tuple[int, int, str, float]] = []
    for k, label in enumerate(labels):
        if label == "O":
            continue
        conf = float(1.0 - probs[k, o_index])
        if out and out[-1][1] == k and out[-1][2] == label:
            s, _, t, c = out[-1]
            out[-1] = (s, k + 1, t, max(c, conf))
        else:
            out.append((k, k + 1, label, conf))
    return out


_ENCODERS: dict[tuple[int, str], TriggerEncoder] = {}


def encoder(model: Model, language: str) -> TriggerEncoder:
    """The (cached) feature encoder of a model's trigger classifier."""
    key = (id(model.triggers), language)
    found = _ENCODERS.get(key)
    if found is None:
        found = _ENCODERS[key] = TriggerEncoder(model.triggers, language)
    return found


@dataclass
class Found:
    """One event the model keeps, on token ranges of its sentence."""

    type: str
    trigger: tuple[int, int]
    confidence: float
    status: str
    args: dict[str, list[tuple[int, int, float]]]
    rule: int | None  # the index of the rule event it agrees with, if any


def rule_inputs(toks: Sequence[Tok], rule_events: Sequence[object]) -> tuple[dict[int, str], list[tuple[int, int, str, int]]]:
    """Token → rule trigger type, and the rule events as (first token, end token, type, index)."""
    rule: dict[int, str] = {}
    ranges = []
    for n, e in enumerate(rule_events):
        ts, te = e.trigger.start, e.trigger.end  # type: ignore[attr-defined]
        covered = [k for k, t in enumerate(toks) if t.start < te and ts < t.end]
        if not covered:
            continue
        for k in covered:
            rule[k] = e.type  # type: ignore[attr-defined]
        ranges.append((covered[0], covered[-1] + 1, e.type, n))  # type: ignore[attr-defined]
    return rule, ranges


def trigger_probabilities(model: Model, sentences: Sequence[tuple[Sequence[Tok], Sequence[object]]],
                          language: str) -> list[np.ndarray]:
    """The trigger model's label probabilities for each token of many sentences (an article's),
    given as their tokens and rule events."""
    enc = encoder(model, language)
    return enc.probabilities_many([(toks, rule_inputs(toks, rules)[0]) for toks, rules in sentences])


def quiet(model: Model, probs: np.ndarray, threshold: float | None = None) -> bool:
    """Whether no token of a sentence reaches either threshold of an event (``probs``: the trigger
    model's): the model finds no event in it."""
    cut = model.threshold if threshold is None else threshold
    return not (1.0 - probs[:, model.triggers.labels.index("O")] >= min(cut, model.rule_threshold)).any()


def decide(model: Model, text: str, toks: Sequence[Tok], rule_events: Sequence[object],
           spans: Callable[[], Sequence[tuple[int, int, str]]], language: str, threshold: float | None = None,
           probs: np.ndarray | None = None) -> list[Found]:
    """The events of one sentence: triggers, then status and arguments of each (``spans``: the
    labelled spans that may fill an argument, asked for where an event is found; ``probs``: the
    trigger model's, where :func:`trigger_probabilities` gave them already)."""
    if not toks:
        return []
    rule, ranges = rule_inputs(toks, rule_events)
    lin = model.triggers
    if probs is None:
        probs = encoder(model, language).probabilities(toks, rule)
    o = lin.labels.index("O")
    cut = model.threshold if threshold is None else threshold
    if quiet(model, probs, cut):
        return []
    labels = token_labels(lin.labels, probs, rule, cut, model.rule_threshold)
    found = []
    cands = None
    for a, b, etype, conf in merge(labels, probs, o):
        agree = next((r for r in ranges if r[2] == etype and r[0] < b and a < r[1]), None)
        rule_status = rule_events[agree[3]].status if agree is not None else None  # type: ignore[attr-defined]
        sp = model.status.scores(status_features(toks, (a, b), etype, rule_status, text, language))
        status = model.status.labels[int(sp.argmax())]
        if cands is None:
            cands = candidates(toks, spans(), language)
        found.append(Found(etype, (a, b), conf, status, _arguments(model, toks, (a, b), etype, cands),
                           agree[3] if agree is not None else None))
    return found


def _arguments(model: Model, toks: Sequence[Tok], trigger: tuple[int, int], etype: str,
               cands: Sequence[Candidate]) -> dict[str, list[tuple[int, int, float]]]:
    usable = [c for c in cands if c.end <= trigger[0] or c.start >= trigger[1]]
    if not usable:
        return {}
    lin = model.args
    probs = lin.batch([arg_features(toks, trigger, etype, c) for c in usable])
    allowed = [lin.labels.index(r) for r in ROLES[etype] if r in lin.labels]
    none = lin.labels.index("NONE")
    chosen: list[tuple[int, int, str, float]] = []
    for c, row in zip(usable, probs):
        if not allowed:
            break
        best = max(allowed, key=lambda j: row[j])
        if row[best] > row[none]:
            chosen.append((c.start, c.end, lin.labels[best], float(row[best])))
    chosen.sort(key=lambda x: -x[3])
    kept: list[tuple[int, int, str, float]] = []
    for s, e, role, p in chosen:
        if any(s < ke and ks < e for ks, ke, _, _ in kept):
            continue
        if role not in {"participants", "parties", "target"} and any(r == role for _, _, r, _ in kept):
            continue
        kept.append((s, e, role, p))
    out: dict[str, list[tuple[int, int, float]]] = {}
    for s, e, role, p in sorted(kept):
        out.setdefault(role, []).append((s, e, p))
    return out
