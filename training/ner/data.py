"""Readers for the permissively licensed NER data under ../shared/data.

Every reader yields sentences as ``(words, tags)`` with BIO tags over the labels the source
uses after mapping: GermEval's 12 outer labels (PER, LOC, ORG, OTH and their ``deriv`` / ``part``
variants) for German, CoNLL's PER/LOC/ORG/MISC for English.
"""

from __future__ import annotations

import lzma
import os
import re
from collections.abc import Iterator
from pathlib import Path

Sentence = tuple[list[str], list[str]]

#: ../shared/data next to the repository (or $LAGEBILD_SHARED/data)
DATA = Path(os.environ.get("LAGEBILD_SHARED", Path(__file__).resolve().parents[3] / "shared")) / "data"


def _open(path: Path):
    return lzma.open(path, "rt", encoding="utf-8") if path.suffix == ".xz" else open(path, encoding="utf-8")


def _fix_label(label: str) -> str:
    return label.replace("DERIV", "deriv").replace("PART", "part")


def germeval_train(path: Path | None = None) -> list[Sentence]:
    """GermEval 2014 train, outer level, BIOES → BIO."""
    path = path or DATA / "germeval2014-ner" / "NER-de-train.outer-bioes.txt.xz"
    out: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    with _open(path) as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    out.append((words, tags))
                words, tags = [], []
                continue
            word, _, tag = line.rpartition(" ")
            if tag != "O":
                pos, label = tag.split("-", 1)
                tag = ("B-" if pos in ("B", "S") else "I-") + _fix_label(label)
            words.append(word)
            tags.append(tag)
    if words:
        out.append((words, tags))
    return out


def germeval_dev(path: Path | None = None) -> list[Sentence]:
    """GermEval 2014 dev (4-column TSV), outer level."""
    path = path or DATA / "germeval2014-ner" / "NER-de-dev.tsv"
    out: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    with _open(path) as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3:
                if words:
                    out.append((words, tags))
                words, tags = [], []
                continue
            words.append(cols[1])
            tags.append(cols[2])
    if words:
        out.append((words, tags))
    return out


def _conll(path: Path, mapping: dict[str, str], *, column: int = -1, iob1: bool = False,
           split_stream: bool = False) -> Iterator[Sentence]:
    valid = re.compile(r"^[BI]-[A-Za-z-]+$")
    words: list[str] = []
    tags: list[str] = []
    with _open(path) as fh:
        for line in fh:
            cols = line.split()
            if not cols or cols[0] == "-DOCSTART-":
                if words:
                    yield words, tags
                words, tags = [], []
                continue
            if len(cols) < 2:
                continue
            word, tag = cols[0], cols[column]
            if tag != "O":
                if not valid.match(tag):
                    tag = "O"
                else:
                    pos, label = tag.split("-", 1)
                    mapped = mapping.get(label)
                    if mapped is None:
                        tag = "O"
                    else:
                        if iob1 and pos == "I" and not (tags and tags[-1] != "O" and tags[-1][2:] == mapped):
                            pos = "B"
                        tag = f"{pos}-{mapped}"
            if tag.startswith("I-") and (not tags or tags[-1] == "O" or tags[-1][2:] != tag[2:]):
                tag = "B-" + tag[2:]
            words.append(word)
            tags.append(tag)
            if split_stream and word in (".", "!", "?") and len(words) > 3:
                yield words, tags
                words, tags = [], []
    if words:
        yield words, tags


LEGAL = {"PER": "PER", "RR": "PER", "AN": "PER", "LD": "LOC", "ST": "LOC", "STR": "LOC", "LDS": "LOC",
         "ORG": "ORG", "UN": "ORG", "INN": "ORG", "GRT": "ORG", "MRK": "ORG"}
EUROPEANA = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}
MOBIE = {"person": "PER", "location-city": "LOC", "location": "LOC", "organization": "ORG",
         "organization-company": "ORG"}


def legal_ner() -> list[Sentence]:
    """legal-ner-de (all courts), fine classes mapped to PER/LOC/ORG."""
    out: list[Sentence] = []
    for path in sorted((DATA / "legal-ner-de" / "by-court").glob("*.conll.xz")):
        out.extend(_conll(path, LEGAL))
    return out


def europeana() -> list[Sentence]:
    """europeana-newspapers-ner-de (historical OCR), split into sentences at final punctuation."""
    out: list[Sentence] = []
    for path in sorted((DATA / "europeana-newspapers-ner-de").glob("*.bio.xz")):
        out.extend(_conll(path, EUROPEANA, split_stream=True))
    return out


def mobie() -> list[Sentence]:
    """mobie-ner-de train (traffic reports and tweets): cities, organizations, persons."""
    return list(_conll(DATA / "mobie-ner-de" / "train.conll2003.xz", MOBIE))


SMARTDATA = {"person": "PER", "organization": "ORG", "organization-company": "ORG", "location": "LOC",
             "location-city": "LOC", "location-stop": "LOC", "location-street": "LOC", "location-route": "LOC"}


def _smartdata_docs(split: str) -> Iterator[dict]:
    import gzip
    import json

    dec = json.JSONDecoder()
    with gzip.open(DATA / "smartdata-corpus-de" / "v1_20180119" / f"{split}.json.gz", "rt", encoding="utf-8") as fh:
        raw = fh.read()
    pos = 0
    while True:
        while pos < len(raw) and raw[pos].isspace():
            pos += 1
        if pos >= len(raw):
            break
        doc, pos = dec.raw_decode(raw, pos)
        yield doc


def smartdata() -> list[Sentence]:
    """smartdata-corpus-de v1 (train + test; news, RSS, tweets): the character-span mentions of
    persons, organizations and locations (cities, stops, streets, routes) as BIO tags over
    :func:`tokenize`'s tokens (a token is inside a mention when it lies within its span; where
    mentions overlap, the longer one wins)."""
    out: list[Sentence] = []
    for split in ("train", "test"):
        for doc in _smartdata_docs(split):
            text = ((doc.get("text") or {}).get("string")) or ""
            spans = []
            for m in ((doc.get("conceptMentions") or {}).get("array") or []):
                label = SMARTDATA.get(m.get("type"))
                if label:
                    spans.append((m["span"]["start"], m["span"]["end"], label))
            spans.sort(key=lambda s: (s[0] - s[1], s[0]))
            offset = 0
            for line in text.split("\n"):
                words: list[str] = []
                owner: list[int] = []
                for m in _TOKEN.finditer(line):
                    a, b = offset + m.start(), offset + m.end()
                    words.append(m.group())
                    owner.append(next((k for k, (s, e, _) in enumerate(spans) if s <= a and b <= e), -1))
                    if m.group() in (".", "!", "?") and len(words) > 3 and owner[-1] < 0:
                        out.append(_span_tags(words, owner, spans))
                        words, owner = [], []
                if words:
                    out.append(_span_tags(words, owner, spans))
                offset += len(line) + 1
    return out


def _span_tags(words: list[str], owner: list[int], spans) -> Sentence:
    tags = []
    for i, k in enumerate(owner):
        if k < 0:
            tags.append("O")
        else:
            tags.append(("I-" if i and owner[i - 1] == k else "B-") + spans[k][2])
    return words, tags


def wikigold() -> list[Sentence]:
    """wikigold-en, IOB1 → BIO."""
    ident = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}
    return list(_conll(DATA / "wikigold-en" / "wikigold.conll.txt.xz", ident, iob1=True))


WNUT17 = {"person": "PER", "location": "LOC", "group": "ORG", "corporation": "ORG", "product": "MISC",
          "creative-work": "MISC"}


def wnut17() -> list[Sentence]:
    """wnut17-en train (social media): six types mapped to PER/LOC/ORG/MISC."""
    return list(_conll(DATA / "wnut17-en" / "wnut17train.conll.xz", WNUT17))


def btc() -> list[Sentence]:
    """btc-en train (Broad Twitter Corpus, sections A, B, E, G and half of H): PER/LOC/ORG."""
    return list(_conll(DATA / "btc-en" / "btc.train.xz", {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}))


def chunks(tags: list[str]) -> set[tuple[int, int, str]]:
    """Strict BIO chunks ``(start, end, label)``; a stray I- starts a chunk."""
    out: set[tuple[int, int, str]] = set()
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != label):
            if start is not None:
                out.add((start, i, label))
            start, label = (i, tag[2:]) if tag != "O" else (None, None)
    return out


GUM_TYPES = {"person": "PER", "place": "LOC", "organization": "ORG", "event": "MISC", "object": "MISC",
             "abstract": "MISC"}
_GUM_INNER = {"of", "de", "the", "and", "von", "van", "der", "for", "on", "&", "-", "'s", "du", "la", "le", "al"}
_GUM_OPEN = re.compile(r"\((\d+)-([a-z]+)-[^()|]*")
_GUM_CLOSE = re.compile(r"(\d+)\)")


def _gum_sentence(rows: list[list[str]]) -> Sentence:
    words = [r[1] for r in rows]
    upos = [r[3] for r in rows]
    xpos = [r[4] for r in rows]
    open_: dict[str, tuple[int, str]] = {}
    spans: list[tuple[int, int, str]] = []
    for i, r in enumerate(rows):
        ent = next((p[7:] for p in r[9].split("|") if p.startswith("Entity=")), "")
        for m in re.finditer(r"\((\d+)-([a-z]+)[^()]*?(\))?(?=\(|\d+\)|$)", ent):
            if m.group(3):
                spans.append((i, i + 1, m.group(2)))
            else:
                open_[m.group(1)] = (i, m.group(2))
        for m in re.finditer(r"(?<![(\w-])(\d+)\)", ent):
            if m.group(1) in open_:
                start, etype = open_.pop(m.group(1))
                spans.append((start, i + 1, etype))
    cands: list[tuple[int, int, str]] = []
    for a, b, etype in spans:
        label = GUM_TYPES.get(etype)
        if label is None:
            continue
        idx = [k for k in range(a, b) if words[k][:1].isupper()]
        if not idx:
            continue
        a2, b2 = idx[0], idx[-1] + 1
        inside = range(a2, b2)
        if b2 - a2 > 6 or not any(upos[k] == "PROPN" for k in inside):
            continue
        if any(not words[k][:1].isupper() and words[k].lower() not in _GUM_INNER for k in inside):
            continue
        cands.append((a2, b2, label))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    tags = ["O"] * len(words)
    for a, b, label in cands:
        if all(t == "O" for t in tags[a:b]):
            tags[a] = "B-" + label
            for k in range(a + 1, b):
                tags[k] = "I-" + label
    for k, w in enumerate(words):  # nationality adjectives are MISC in CoNLL
        if tags[k] == "O" and k > 0 and xpos[k] in ("JJ", "NNPS") and w[:1].isupper():
            tags[k] = "B-MISC"
    return words, tags


def gum(split: str = "train") -> list[Sentence]:
    """GUM (6 open genres): person/place/organization mentions with proper-noun heads → PER/LOC/ORG."""
    out: list[Sentence] = []
    rows: list[list[str]] = []
    with _open(DATA / "gum-en" / f"gum-en.{split}.conllu.xz") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 10:
                if rows:
                    out.append(_gum_sentence(rows))
                rows = []
                continue
            if "-" in cols[0] or "." in cols[0]:
                continue
            rows.append(cols)
    if rows:
        out.append(_gum_sentence(rows))
    return out


def to_bioes(tags: list[str]) -> list[str]:
    """BIO → BIOES (single-token chunks S-, chunk ends E-)."""
    out = list(tags)
    for a, b, label in chunks(tags):
        if b - a == 1:
            out[a] = "S-" + label
        else:
            out[a] = "B-" + label
            for k in range(a + 1, b - 1):
                out[k] = "I-" + label
            out[b - 1] = "E-" + label
    return out


def to_bio(tags: list[str]) -> list[str]:
    return ["B-" + t[2:] if t.startswith("S-") else "I-" + t[2:] if t.startswith("E-") else t for t in tags]


# --- raw text for the word clusters (labels unused) -----------------------------------------

_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|\w+(?:\.\w+)+\.|\w+(?:[-'’]\w+)*\.(?=\s*[,a-zäöü])"
                    r"|\w+(?:[-'’]\w+)*|[^\w\s]")


def tokenize(text: str) -> Iterator[list[str]]:
    """A simple word tokenizer close to GermEval's (hyphenated compounds stay one token), yielding
    one token list per line, split again after sentence-final punctuation."""
    for line in text.splitlines():
        words: list[str] = []
        for m in _TOKEN.finditer(line):
            words.append(m.group())
            if m.group() in (".", "!", "?") and len(words) > 3:
                yield words
                words = []
        if words:
            yield words


def smartdata_text() -> list[list[str]]:
    """Texts of smartdata-corpus-de v1 (train + test: news, RSS, tweets), tokenized."""
    out: list[list[str]] = []
    for split in ("train", "test"):
        for doc in _smartdata_docs(split):
            out.extend(tokenize(((doc.get("text") or {}).get("string")) or ""))
    return out


def ud_text() -> list[list[str]]:
    """Surface tokens of the UD German GSD (dev, test) and PUD sentences (contractions kept whole)."""
    paths = [DATA / "ud-german-gsd" / f"de_gsd-ud-{s}.conllu.xz" for s in ("dev", "test")]
    paths.append(DATA / "ud-german-pud" / "de_pud-ud-test.conllu.xz")
    return [words for path in paths for words in conllu_surface(path)]


def conllu_surface(path: Path) -> list[list[str]]:
    """The sentences of a CoNLL-U file as their surface tokens: a multiword token ("zum", "don't")
    as written, not its parts; empty nodes left out."""
    out: list[list[str]] = []
    words: list[str] = []
    skip_to = 0
    with _open(path) as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 10:
                if words:
                    out.append(words)
                words, skip_to = [], 0
                continue
            if "." in cols[0]:
                continue
            if "-" in cols[0]:
                skip_to = int(cols[0].split("-")[1])
                words.append(cols[1])
            elif int(cols[0]) > skip_to:
                words.append(cols[1])
    if words:
        out.append(words)
    return out


def raw_sentences() -> list[list[str]]:
    """Token lists of every permissively licensed German text we have (for the word clusters):
    GermEval 2014 train (never dev), legal-ner-de, europeana, mobie (all splits), smartdata, UD."""
    out = [w for w, _ in germeval_train()]
    out += [w for w, _ in legal_ner()]
    out += [w for w, _ in europeana()]
    for split in ("train", "dev", "test"):
        out += [w for w, _ in _conll(DATA / "mobie-ner-de" / f"{split}.conll2003.xz", {})]
    out += smartdata_text()
    out += ud_text()
    return out


def ewt_text() -> list[list[str]]:
    """Surface tokens of the UD English EWT train sentences (never dev: Universal NER's English
    dev set is EWT dev), contractions as written."""
    return conllu_surface(DATA / "ud-english-ewt" / "en_ewt-ud-train.conllu.xz")


def meantime_text() -> list[list[str]]:
    """Token lists of the 120 English Wikinews articles of MEANTIME (document-level version), per
    sentence; the annotations are not read."""
    import tarfile
    import xml.etree.ElementTree as ET

    out: list[list[str]] = []
    with tarfile.open(DATA / "meantime-en" / "meantime_newsreader_english_oct15.tar.xz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".xml") or "intra-doc" not in member.name:
                continue
            root = ET.parse(tar.extractfile(member)).getroot()
            sents: dict[str, list[str]] = {}
            for tok in root.iter("token"):
                sents.setdefault(tok.get("sentence", "0"), []).append(tok.text or "")
            out.extend(s for s in sents.values() if s)
    return out


def english_raw_sentences() -> list[list[str]]:
    """Token lists of every permissively licensed English text we have (for the network's word
    vectors): wikigold, GUM train (never dev), WNUT-17 and BTC train, UD EWT train, MEANTIME."""
    out = [w for w, _ in wikigold()]
    out += [w for w, _ in gum("train")]
    out += [w for w, _ in wnut17()]
    out += [w for w, _ in btc()]
    out += ewt_text()
    out += meantime_text()
    return out
