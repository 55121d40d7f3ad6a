"""Opening gold files: compressed or plain, with errors that name the file."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from lagebild.errors import GoldError

#: ``progress(done, total)`` is called after each unit of work (a batch, a document)
Progress = Callable[[int, int], None]


def open_text(path: Path) -> IO[str]:
    """Open ``path`` for reading as UTF-8 text, decompressing ``.xz``, ``.gz`` and ``.bz2``."""
    path = Path(path)
    if not path.is_file():
        raise GoldError(path, "no such file")
    suffix = path.suffix.lower()
    opener = {".xz": lzma.open, ".lzma": lzma.open, ".gz": gzip.open, ".bz2": bz2.open}.get(suffix)
    if opener is None:
        return path.open(encoding="utf-8", newline="")
    return opener(path, "rt", encoding="utf-8", newline="")


def numbered_lines(path: Path) -> Iterator[tuple[int, str]]:
    """``(line number, line without its line end)`` for every line of ``path``."""
    try:
        with open_text(path) as handle:
            for number, line in enumerate(handle, start=1):
                yield number, line.rstrip("\r\n")
    except (UnicodeDecodeError, lzma.LZMAError, OSError, EOFError) as exc:
        raise GoldError(path, f"cannot be read: {exc}") from exc


def json_lines(path: Path) -> Iterator[tuple[int, Any]]:
    """``(line number, JSON value)`` of every JSON Lines record of a gold file; blank lines and
    lines starting with ``//`` (comments) are skipped, a broken line is a :class:`GoldError`."""
    for number, line in numbered_lines(path):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(path, f"invalid JSON: {exc.msg}", number) from exc


def read_text(path: Path) -> str:
    try:
        with open_text(path) as handle:
            return handle.read()
    except (UnicodeDecodeError, lzma.LZMAError, OSError, EOFError) as exc:
        raise GoldError(path, f"cannot be read: {exc}") from exc
