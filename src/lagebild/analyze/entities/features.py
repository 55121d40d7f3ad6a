"""Token features for the trained entity tagger (a linear-chain CRF).

Shared by training (``training/ner``) and the entity stage, so both see exactly the same
features.  A token's own features are cached per word form; the context window (±2 tokens)
reuses the neighbours' cached features under a position prefix.

German capitalizes every noun, so the features lean on what capitalization cannot tell:
label statistics of the word form in the training sets (the *name dictionary*), whether the
word is seen in lower case at all, suffix classes (``-ische``, ``-er``, ``-ung``), hyphenated
compounds (``US-Außenminister``), the gazetteer of states and organizations, and distributional
word clusters learned from raw text (``training/ner/clusters.py``): one cluster id per granularity
for the word, all of them for the ±1 neighbours, the coarsest for ±2.
"""

from __future__ import annotations

import gettext
import gzip
import re
import zoneinfo
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from babel import Locale
from babel.dates import get_timezone_location

from lagebild.analyze.entities import gazetteer

#: dictionary label classes kept per word form
DICT_LABELS = ("PER", "LOC", "ORG", "OTH", "LOCderiv", "PART")
_NON_WORD = re.compile(r"\W")
V = TypeVar("V")


def shape(word: str) -> str:
    """Collapsed character classes: ``Kim`` → ``Xx``, ``US-Chef`` → ``X-Xx``, ``2024`` → ``d``."""
    out: list[str] = []
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out[:6])


@dataclass
class Lexicon:
    """Word statistics: entity label counts and lower-case frequencies from the training sets."""

    #: word form -> (occurrences, {label: count as part of an entity})
    labels: Mapping[str, tuple[int, dict[str, int]]] = field(default_factory=dict)
    #: lower-cased forms seen written in lower case (common words)
    lower: set[str] = field(default_factory=set)
    #: gazetteer: token -> feature tags ("GPE:name", "ORG:acronym" …)
    gazetteer: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: word form -> cluster ids, coarse to fine (empty without a cluster file)
    clusters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def _bucket(share: float) -> str:
    return "h" if share >= 0.7 else "m" if share >= 0.35 else "l"


def _char_grams(low: str) -> list[str]:
    """Character 3- and 4-grams (with word boundaries) of an unknown capitalized word: how
    name-like or foreign it looks (``Antsirabe``, ``Spezstroi``) when no dictionary knows it."""
    padded = f"<{low}>"
    grams = {padded[i:i + k] for k in (3, 4) for i in range(len(padded) - k + 1)}
    return [f"c={g}" for g in sorted(grams)]


def _dict_features(prefix: str, stats: tuple[int, dict[str, int]]) -> list[str]:
    total, counts = stats
    out = [f"{prefix}E={_bucket(sum(counts.values()) / total)}"]
    out.extend(f"{prefix}{label}={_bucket(c / total)}" for label, c in counts.items() if c * 10 >= total)
    return out


#: inflection endings stripped from an unknown word to find its dictionary form (genitive, plural)
_ENDINGS = ("s", "es", "n", "ns", "en", "e")


def _relative_features(word: str, lex: Lexicon) -> list[str]:
    """Dictionary features of the relatives of an unknown word: its form without an inflection
    ending (``Griechenlandes`` → ``Griechenland``) and the longest known head of a compound
    (``Bundesjustizministerium`` → ``Justizministerium``, ``Industriekreditbank`` → ``Bank``)."""
    out: list[str] = []
    for end in _ENDINGS:
        if len(word) > len(end) + 3 and word.endswith(end):
            stats = lex.labels.get(word[:-len(end)])
            if stats is not None and stats[0] >= 2:
                out.extend(_dict_features("ds", stats))
                break
    if word[:1].isupper() and word.isalpha():
        for i in range(3, len(word) - 3):
            stats = lex.labels.get(word[i].upper() + word[i + 1:])
            if stats is not None and stats[0] >= 3:
                out.extend(_dict_features("dh", stats))
                out.append(f"dhlen={min(len(word) - i, 8)}")
                break
    return out


def word_features(word: str, lex: Lexicon) -> list[str]:
    """Features of one word form (without context)."""
    low = word.lower()
    f = [f"w={word}", f"l={low}", f"sh={shape(word)}"]
    n = len(word)
    for k in (2, 3, 4, 5):
        if n > k:
            f.append(f"s{k}={low[-k:]}")
    for k in (2, 3, 4):
        if n > k:
            f.append(f"p{k}={low[:k]}")
    if word[:1].isupper():
        f.append("T")
        if word.isupper() and n > 1:
            f.append("U")
    if n <= 2:
        f.append(f"len={n}")
    if "-" in word[1:-1]:
        parts = word.split("-")
        f.append(f"h0={parts[0]}")
        f.append(f"h1={parts[-1].lower()}")
        f.extend(f"hg0={t}" for t in lex.gazetteer.get(parts[0], ()))
        last = lex.labels.get(parts[-1])
        if last and last[0] >= 3:
            f.append("hl=common" if sum(last[1].values()) * 4 < last[0] else "hl=ent")
    if word[:1].isupper() and low in lex.lower:
        f.append("lowseen")
    stats = lex.labels.get(word)
    if stats is None:
        f.append("dict=unk")
        if word[:1].isupper() and low not in lex.lower:
            f.append("cap_unk_nolow")
            f.extend(_char_grams(low))
        f.extend(_relative_features(word, lex))
    else:
        total, counts = stats
        ent = sum(counts.values())
        f.append(f"dE={_bucket(ent / total)}")
        for label, c in counts.items():
            share = c / total
            if share >= 0.1:
                f.append(f"d{label}={_bucket(share)}")
    f.extend(f"g={t}" for t in lex.gazetteer.get(word, ()))
    if lex.clusters:
        ids = lex.clusters.get(word)
        if ids is None and word[:1].isupper():
            ids = lex.clusters.get(low)
        if ids is None:
            f.append("k=unk")
        else:
            f.extend(f"k{j}={c}" for j, c in enumerate(ids))
    return f


#: prefixes of the own-word features that are copied from the neighbours
_CONTEXT_KEEP = ("l=", "sh=", "T", "U", "dE", "dPER", "dLOC", "dORG", "dOTH", "dLOCderiv",
                 "dPART", "g=", "s3=", "lowseen", "dict", "k", "ds", "dh")
#: cluster features copied from the ±2 neighbours (the coarsest only)
_FAR_DROP = ("k1=", "k2=", "k3=")


def _quoted(words: list[str]) -> list[str]:
    """``q`` for words between two quotation marks of the sentence (titles, works: OTH),
    ``q0``/``q1`` for the first and last of them."""
    marks = [i for i, w in enumerate(words) if w in ('"', "„", "“", "”", "«", "»")]
    out = [""] * len(words)
    for a, b in zip(marks[::2], marks[1::2]):
        if 0 < b - a - 1 <= 12:
            for k in range(a + 1, b):
                out[k] = "q"
            out[a + 1] = "q0"
            out[b - 1] = "q1" if b - 1 > a + 1 else "q01"
    return out


def lends(feature: str) -> tuple[bool, bool]:
    """Whether a word lends its own ``feature`` to its ±1 neighbours, and to its ±2 ones
    (:func:`lent` of one feature)."""
    near = feature.startswith(_CONTEXT_KEEP)
    return near, near and not feature.startswith(_FAR_DROP)


def lent(own: list[str], offset: int) -> list[str]:
    """The own features a word lends its neighbour at ``offset`` (±1: all context features,
    ±2: without the finer clusters); the neighbour sees them prefixed with the offset."""
    keep = [x for x in own if x.startswith(_CONTEXT_KEEP)]
    return keep if offset in (-1, 1) else [x for x in keep if not x.startswith(_FAR_DROP)]


class Featurizer:
    """Feature lists for the tokens of one sentence."""

    def __init__(self, lex: Lexicon, cache_size: int = 200_000) -> None:
        self.lex = lex
        self._own: dict[str, list[str]] = {}
        self._ctx: dict[str, dict[int, list[str]]] = {}
        self._cache_size = cache_size

    def own(self, word: str) -> list[str]:
        """The word's own features (cached per form)."""
        got = self._own.get(word)
        if got is None:
            got = word_features(word, self.lex)
            if len(self._own) >= self._cache_size:
                self._own.clear()
                self._ctx.clear()
            self._own[word] = got
        return got

    def _lookup(self, word: str) -> tuple[list[str], dict[int, list[str]]]:
        own = self.own(word)
        ctx = self._ctx.get(word)
        if ctx is None:
            ctx = self._ctx[word] = {d: [f"{d}{x}" for x in lent(own, d)] for d in (-2, -1, 1, 2)}
        return own, ctx

    def sentence(self, words: list[str]) -> list[list[str]]:
        looked = [self._lookup(w) for w in words]
        n = len(words)
        out: list[list[str]] = []
        for i, extra in enumerate(self.extras(words)):
            f = list(looked[i][0])
            for d in (-2, -1, 1, 2):
                j = i + d
                if 0 <= j < n:
                    f.extend(looked[j][1][d])
            f.extend(extra)
            out.append(f)
        return out

    def parts(self, word: str) -> tuple[list[str], dict[int, list[str]]]:
        """The word's own features and what it lends its neighbour at offset -2, -1, +1, +2."""
        return self._lookup(word)

    @staticmethod
    def extras(words: list[str]) -> list[list[str]]:
        """The features of each position that are not its own or its neighbours' cached ones:
        quotation, neighbour identity, sentence boundaries, word bigrams."""
        lows = [w.lower() for w in words]
        n = len(words)
        quoted = _quoted(words)
        out: list[list[str]] = []
        for i in range(n):
            f: list[str] = []
            if quoted[i]:
                f.append(quoted[i])
            if i > 0:
                f.append(f"-1w={words[i - 1]}")
            if i + 1 < n:
                f.append(f"+1w={words[i + 1]}")
            if i == 0:
                f.append("BOS")
                if words[0][:1].isupper():
                    f.append("BOS_T")
            for d in (-2, -1, 1, 2):
                if not 0 <= i + d < n:
                    f.append(f"{d}pad")
            if i > 0:
                f.append(f"b-={lows[i - 1]}|{lows[i]}")
            if i + 1 < n:
                f.append(f"b+={lows[i]}|{lows[i + 1]}")
            if 0 < i < n - 1 and lows[i - 1] in ('"', "„", "(") and lows[i + 1] in ('"', "“", ")"):
                f.append("quoted1")
            out.append(f)
        return out


# --- lexicon files -------------------------------------------------------------------------

def gazetteer_tags(language: str) -> dict[str, tuple[str, ...]]:
    """Token → gazetteer tags (``GPE:name``, ``GPE:adjective``, ``BORG``/``IORG`` in multi-word names)."""
    tags: dict[str, set[str]] = {}
    for surface, entry in gazetteer.entries(language).items():
        parts = surface.split()
        if len(parts) == 1:
            # a government's description ("Bundesregierung", form role) reads as its metonym
            form = "metonym" if entry.form == "role" else entry.form
            tags.setdefault(surface, set()).add(f"{entry.label}:{form}")
        else:
            tags.setdefault(parts[0], set()).add(f"B{entry.label}")
            for part in parts[1:]:
                tags.setdefault(part, set()).add(f"I{entry.label}")
    return {k: tuple(sorted(v)) for k, v in tags.items()}


def place_tags(language: str) -> dict[str, tuple[str, ...]]:
    """Token → ``LOC:sub``/``LOC:city`` tags from pycountry's (translated) subdivisions and CLDR's
    exemplar cities (build time only: the result is stored in the lexicon file)."""
    import pycountry  # lazy: build time only

    names: dict[str, str] = {}
    lang = "en" if language == "en" else "de"
    tr = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
    for sub in pycountry.subdivisions:
        for name in {sub.name, tr.gettext(sub.name)}:
            names.setdefault(re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", name).strip(), "sub")
    locale = Locale(lang)
    for zone in locale.time_zones:
        city = locale.time_zones[zone].get("city")
        if city:
            names[city] = "city"
    for zone in zoneinfo.available_timezones():
        if "/" in zone and not zone.startswith("Etc/"):
            try:
                names[get_timezone_location(zone, locale=lang, return_city=True)] = "city"
            except Exception:  # babel lacks a few zones
                continue
    tags: dict[str, set[str]] = {}
    for name, kind in names.items():
        parts = name.split()
        if len(parts) == 1:
            tags.setdefault(name, set()).add(f"LOC:{kind}")
        elif 1 < len(parts) <= 4:
            tags.setdefault(parts[0], set()).add("BLOC")
            for part in parts[1:]:
                tags.setdefault(part, set()).add("ILOC")
    return {k: tuple(sorted(v)) for k, v in tags.items() if k}


def write_lexicon(path, labels: dict[str, tuple[int, dict[str, int]]], lower: set[str],
                  places: dict[str, tuple[str, ...]] | None = None) -> None:
    """Save the word statistics as gzip'd TSV (``L word total label:count,…`` / ``W word`` /
    ``G word tag,…``)."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        for word in sorted(places or {}):
            fh.write(f"G\t{word}\t{','.join(places[word])}\n")
        for word in sorted(labels):
            total, counts = labels[word]
            cells = ",".join(f"{k}:{v}" for k, v in sorted(counts.items()))
            fh.write(f"L\t{word}\t{total}\t{cells}\n")
        for word in sorted(lower):
            fh.write(f"W\t{word}\n")


def write_clusters(path, clusters: dict[str, tuple[str, ...]]) -> None:
    """Save word clusters as gzip'd TSV (``word ids`` with the ids space-separated, coarse to fine)."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        for word in sorted(clusters):
            fh.write(f"{word}\t{' '.join(clusters[word])}\n")


class WordTable(Mapping[str, V]):
    """A read-only word → value table read from a file: each value is kept as the text the file
    has and parsed when it is looked up (loading does not build a value for every word, and the
    table does not grow with the words a long run looks up)."""

    def __init__(self, raw: dict[str, Any], parse: Callable[[Any], V]) -> None:
        self._raw = raw
        self._parse = parse

    def get(self, word: str, default: Any = None) -> Any:
        raw = self._raw.get(word)
        return default if raw is None else self._parse(raw)

    def __getitem__(self, word: str) -> V:
        return self._parse(self._raw[word])

    def __contains__(self, word: object) -> bool:
        return word in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


def _fields(text: str, width: int, what: str) -> list[str]:
    """The tab-separated fields of ``text``'s lines, all lines ``width`` fields wide, in one list."""
    text = text.rstrip("\n")
    if not text:
        return []
    if text.count("\t") != (width - 1) * (text.count("\n") + 1):
        raise ValueError(f"{what}: lines of {width} tab-separated fields expected")
    return text.replace("\n", "\t").split("\t")


def read_clusters(data: bytes) -> Mapping[str, tuple[str, ...]]:
    """Word clusters as :func:`write_clusters` wrote them (``word ids`` per line)."""
    fields = _fields(gzip.decompress(data).decode("utf-8"), 2, "word clusters")
    return WordTable(dict(zip(fields[0::2], fields[1::2])), _cluster_ids)


def _cluster_ids(ids: str) -> tuple[str, ...]:
    return tuple(ids.split())


def _label_counts(total: str, cells: str) -> tuple[int, dict[str, int]]:
    counts: dict[str, int] = {}
    if cells:
        for cell in cells.split(","):
            k, _, v = cell.rpartition(":")
            counts[k] = int(v)
    return int(total), counts


def _section(text: str, kind: str, start: int) -> tuple[str, int]:
    """The lines of ``kind`` (``G``, ``L`` or ``W``) from ``start`` on, and where the next kind
    begins: :func:`write_lexicon` writes all lines of one kind together, G, L, then W."""
    if not text.startswith(f"{kind}\t", start):
        return "", start
    later = "GLW"["GLW".index(kind) + 1:]  # an earlier kind further on fails the caller's check
    ends = [i + 1 for k in later for i in [text.find(f"\n{k}\t", start)] if i >= 0]
    end = min(ends, default=len(text))
    return text[start:end], end


def read_lexicon(data: bytes, language: str) -> Lexicon:
    """The word statistics :func:`write_lexicon` saved, plus the gazetteer's tags of ``language``.
    The lines are split in a few passes over the whole text rather than one by one, and the label
    counts parsed when looked up (:class:`WordTable`): loading is most of the tagger's start-up."""
    text = gzip.decompress(data).decode("utf-8")
    pos = 0
    parts: dict[str, list[str]] = {}
    for kind, width in (("G", 3), ("L", 4), ("W", 2)):
        section, pos = _section(text, kind, pos)
        parts[kind] = _fields(section, width, "lexicon")
        if parts[kind][0::width].count(kind) != len(parts[kind]) // width:
            raise ValueError(f"lexicon: {kind} lines are not all together")
    if text[pos:].strip():
        raise ValueError(f"lexicon: unexpected line {text[pos:].splitlines()[0]!r}")
    gaz = dict(gazetteer_tags(language))
    g = parts["G"]
    for word, tags in zip(g[1::3], g[2::3]):
        gaz[word] = tuple(sorted(set(gaz.get(word, ())) | set(tags.split(","))))
    lab = parts["L"]
    totals, cells = lab[2::4], lab[3::4]  # a word's row number in the table (ints: no tuples for the collector)
    labels = WordTable(dict(zip(lab[1::4], range(len(totals)))), lambda i: _label_counts(totals[i], cells[i]))
    return Lexicon(labels, set(parts["W"][1::2]), gaz)
