"""Sentences of the permissively licensed corpora that the project's event corpus points into.

The event corpus (``corpus/events``) stores no third-party text: each sentence record names its
source (``dataset``, ``file``, ``key``) and the SHA-1 of the text, and this module rebuilds the
text from the data folder (``../shared/data`` on a developer's machine).  Token-based sources are
detokenized by :func:`detokenize`, deterministically, so stored character offsets stay valid.

Sources (key = what identifies one sentence in its file):

``germeval2014-ner``  ``NER-de-train.outer-bioes.txt.xz`` (key: sentence number; no documents, so a
                      sentence is its own document) and ``NER-de-dev.tsv`` (key: sentence number;
                      document: the source URL; date: the bracketed crawl date).
``ud-*``, ``gum-en``  CoNLL-U files (key: ``sent_id``; document: ``newdoc id`` where given, else the
                      sentence id without its running number).
``spkatt2023-task1-debates``  ``train/task1`` (a folder of Bundestag speeches, one JSON each; key:
                      ``<speech file stem>:<SentenceId>``; document: the speech; date: from its name).
``meantime-en``       the release archive (key: ``<doc_id>:<sentence>``; document: the Wikinews
                      article; its ``intra-doc_annotation`` files).
"""

from __future__ import annotations

import hashlib
import json
import lzma
import re
import tarfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lagebild.errors import GoldError


@dataclass(frozen=True)
class SourceSentence:
    dataset: str
    file: str
    key: str
    doc: str
    text: str
    published: str | None = None

    @property
    def sha1(self) -> str:
        return text_sha1(self.text)


def text_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "“", "'", "…"}
_NO_SPACE_AFTER = {"(", "[", "{", "„", "‚", "«"}
_CONTROL = re.compile(r"[\u0080-\u009f\u00ad]")


def detokenize(tokens: list[str]) -> str:
    """Tokens joined as running text: no space before closing punctuation or after an opening
    bracket; straight double quotes alternate between opening and closing."""
    out: list[str] = []
    quote_open = False
    glue_next = False
    for raw in tokens:
        tok = _CONTROL.sub("", raw) or raw
        glue = glue_next or not out
        glue_next = False
        if tok == '"':
            if quote_open:
                glue = True
            else:
                glue_next = True
            quote_open = not quote_open
        elif tok in _NO_SPACE_BEFORE:
            glue = True
        if tok in _NO_SPACE_AFTER:
            glue_next = True
        out.append(tok if glue else " " + tok)
    return "".join(out).strip()


def _open(path: Path) -> Iterator[str]:
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
        yield from handle


def _germeval_train(path: Path) -> Iterator[SourceSentence]:
    tokens: list[str] = []
    number = 0
    for line in _open(path):
        line = line.rstrip("\n")
        if not line.strip():
            if tokens:
                key = str(number)
                yield SourceSentence("germeval2014-ner", path.name, key, f"germeval-train-{key}", detokenize(tokens))
                number += 1
                tokens = []
            continue
        tokens.append(line.rsplit(" ", 1)[0])
    if tokens:
        key = str(number)
        yield SourceSentence("germeval2014-ner", path.name, key, f"germeval-train-{key}", detokenize(tokens))


def _germeval_dev(path: Path) -> Iterator[SourceSentence]:
    tokens: list[str] = []
    url, published = "", None
    number = 0

    def emit() -> SourceSentence:
        key = str(number)
        return SourceSentence("germeval2014-ner", path.name, key, url or f"germeval-dev-{key}", detokenize(tokens),
                              published)

    for line in _open(path):
        line = line.rstrip("\n")
        if line.startswith("#\t"):
            parts = line.split("\t")
            url = parts[1] if len(parts) > 1 else ""
            found = re.search(r"\[(\d{4}-\d{2}-\d{2})\]", line)
            published = found.group(1) if found else None
            continue
        if not line.strip():
            if tokens:
                yield emit()
                number += 1
                tokens = []
            continue
        tokens.append(line.split("\t")[1])
    if tokens:
        yield emit()


def _conllu(dataset: str, path: Path) -> Iterator[SourceSentence]:
    doc = ""
    sent_id = text = ""
    for line in _open(path):
        line = line.rstrip("\n")
        if line.startswith("# newdoc id"):
            doc = line.split("=", 1)[1].strip()
        elif line.startswith("# sent_id"):
            sent_id = line.split("=", 1)[1].strip()
        elif line.startswith("# text ="):
            text = line.split("=", 1)[1].strip()
        elif not line.strip() and sent_id:
            if text:
                document = doc or re.sub(r"[-_]?s?\d+$", "", sent_id) or sent_id
                yield SourceSentence(dataset, path.name, sent_id, document, text)
            sent_id = text = ""


def _debates(path: Path) -> Iterator[SourceSentence]:
    for speech in sorted(path.glob("*.json")):
        found = re.search(r"_(\d{2})\.(\d{2})\.(\d{4})$", speech.stem)
        published = f"{found.group(3)}-{found.group(2)}-{found.group(1)}" if found else None
        data = json.loads(speech.read_text(encoding="utf-8"))
        for sentence in data.get("Sentences", []):
            key = f"{speech.stem}:{sentence['SentenceId']}"
            yield SourceSentence("spkatt2023-task1-debates", path.relative_to(path.parents[1]).as_posix(), key,
                                 speech.stem, detokenize(sentence["Tokens"]), published)


def _meantime(path: Path) -> Iterator[SourceSentence]:
    with tarfile.open(path) as archive:
        members = sorted((m for m in archive.getmembers()
                          if "/intra-doc_annotation/" in m.name and m.name.endswith(".xml")), key=lambda m: m.name)
        for member in members:
            handle = archive.extractfile(member)
            if handle is None:
                continue
            root = ET.parse(handle).getroot()
            doc = root.get("doc_id", member.name)
            sentences: dict[int, list[str]] = {}
            for token in root.iter("token"):
                sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
            for number in sorted(sentences):
                yield SourceSentence("meantime-en", path.name, f"{doc}:{number}", f"meantime-{doc}",
                                     detokenize(sentences[number]))


def read_source(data_root: Path, dataset: str, file: str) -> Iterator[SourceSentence]:
    """Every sentence of one source file under *data_root*/*dataset*."""
    path = data_root / dataset / file
    if dataset == "spkatt2023-task1-debates" and path.is_dir():
        yield from _debates(path)
        return
    if not path.is_file():
        raise GoldError(path, "source file missing (the event corpus reads its texts from the data folder)")
    if dataset == "germeval2014-ner":
        yield from (_germeval_dev(path) if file.endswith(".tsv") else _germeval_train(path))
    elif dataset == "meantime-en":
        yield from _meantime(path)
    elif file.endswith((".conllu", ".conllu.xz")):
        yield from _conllu(dataset, path)
    else:
        raise GoldError(path, f"no reader for source {dataset}/{file}")


@lru_cache(maxsize=16)
def source_index(data_root: Path, dataset: str, file: str) -> dict[str, SourceSentence]:
    return {s.key: s for s in read_source(data_root, dataset, file)}


def resolve(data_root: Path, dataset: str, file: str, key: str) -> SourceSentence | None:
    return source_index(data_root, dataset, file).get(key)


SOURCES = {
    "de": (("germeval2014-ner", "NER-de-train.outer-bioes.txt.xz"), ("germeval2014-ner", "NER-de-dev.tsv"),
           ("ud-german-gsd", "de_gsd-ud-dev.conllu.xz"), ("ud-german-gsd", "de_gsd-ud-test.conllu.xz"),
           ("ud-german-pud", "de_pud-ud-test.conllu.xz"), ("spkatt2023-task1-debates", "train/task1")),
    "en": (("gum-en", "gum-en.train.conllu.xz"), ("gum-en", "gum-en.dev.conllu.xz"),
           ("ud-english-ewt", "en_ewt-ud-train.conllu.xz"), ("ud-english-ewt", "en_ewt-ud-dev.conllu.xz"),
           ("meantime-en", "meantime_newsreader_english_oct15.tar.xz")),
}
