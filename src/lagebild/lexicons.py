"""Word lists and rule tables shipped as data under ``lagebild/resources/<extractor>/<lang>/``.

Every file starts with one or more ``#`` lines saying what it holds and which module reads it;
blank lines and ``#`` lines are skipped.  Files are read once per process (the readers are
cached) and only when a stage or rule first asks for them, never at import time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources

PACKAGE = "lagebild.resources"


def _read(path: str) -> str:
    folder, _, name = path.rpartition("/")
    package = PACKAGE + ("." + folder.replace("/", ".") if folder else "")
    return resources.files(package).joinpath(name).read_text("utf-8")


@cache
def lines(path: str) -> tuple[str, ...]:
    """The data lines of ``path`` (relative to ``lagebild/resources``), in order, stripped."""
    out = []
    for line in _read(path).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@cache
def words(path: str) -> frozenset[str]:
    """A word list: every whitespace-separated item of every data line."""
    return frozenset(w for line in lines(path) for w in line.split())


@cache
def phrases(path: str) -> tuple[str, ...]:
    """A phrase list: one entry per data line (entries may contain spaces)."""
    return lines(path)


@cache
def table(path: str) -> tuple[tuple[str, ...], ...]:
    """A tab-separated table: one tuple of cells per data line."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in lines(path))


@cache
def mapping(path: str) -> dict[str, str]:
    """A two-column table as a dict (first column → second)."""
    return {row[0]: row[1] if len(row) > 1 else "" for row in table(path)}


@cache
def per_language(extractor: str, name: str, languages: tuple[str, ...] = ("de", "en", "any")) -> tuple[str, ...]:
    """The paths of ``<extractor>/<lang>/<name>`` that exist, in the order of ``languages``.

    Tables that a stage reads in both languages at once (its handlers are shared) are the union
    of these files.
    """
    found = []
    for lang in languages:
        path = f"{extractor}/{lang}/{name}"
        try:
            lines(path)
        except (FileNotFoundError, ModuleNotFoundError):
            continue
        found.append(path)
    if not found:
        raise FileNotFoundError(f"no {PACKAGE}/{extractor}/<{'|'.join(languages)}>/{name}")
    return tuple(found)


def union_words(extractor: str, name: str) -> frozenset[str]:
    """A word list of every language (see :func:`per_language`)."""
    return frozenset().union(*(words(p) for p in per_language(extractor, name)))


def union_phrases(extractor: str, name: str) -> frozenset[str]:
    """A phrase list (one entry a line) of every language."""
    return frozenset(x for p in per_language(extractor, name) for x in phrases(p))


def union_table(extractor: str, name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of a table of every language: German first, then English, then ``any``."""
    return tuple(row for p in per_language(extractor, name) for row in table(p))


class ByLanguage(Mapping[str, frozenset[str]]):
    """A word list per language, ``ARTICLES["de"]``: the file ``<extractor>/<lang>/<name>.txt``,
    read on first use (cached), never at import time.  A language without a file is a KeyError,
    as for a dict."""

    def __init__(self, extractor: str, name: str, languages: tuple[str, ...] = ("de", "en")) -> None:
        self.name = name
        self._paths = {lang: f"{extractor}/{lang}/{name}.txt" for lang in languages}

    def __getitem__(self, language: str) -> frozenset[str]:
        return words(self._paths[language])

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def __repr__(self) -> str:
        return f"ByLanguage({self.name!r})"
