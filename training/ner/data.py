"""Readers for the permissively licensed NER data under ../shared/data.

Every reader yields sentences as ``(words, tags)`` with BIO tags over the labels the source
uses after mapping: GermEval's 12 outer labels (PER, LOC, ORG, OTH and their ``deriv`` / ``part``
variants) for German, CoNLL's PER/LOC/ORG/MISC for English.
"""

from __future__ import annotations

import lzma
import re
from collections.abc import Iterator
from pathlib import Path

Sentence = tuple[list[str], list[str]]

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


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


def wikigold() -> list[Sentence]:
    """wikigold-en, IOB1 → BIO."""
    ident = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}
    return list(_conll(DATA / "wikigold-en" / "wikigold.conll.txt.xz", ident, iob1=True))


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
