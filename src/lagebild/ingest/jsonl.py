"""JSON Lines: one article per line, streamed so that large dumps never sit in memory.

Keys id, title, text, published (or an alias such as date, pubDate, published_at: see
:data:`~lagebild.ingest.draft.ALIASES`), outlet, url, language; other keys go to
``Article.meta``; a given id becomes ``Article.external_id``.  A broken line yields an
:class:`InputError` whose source is ``file:LINE``; the other lines still yield articles.
For JSON Lines the size limit applies to each line, not to the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from lagebild.errors import InputError
from lagebild.ingest.decode import SNIFF_BYTES, over_limit
from lagebild.ingest.draft import Draft, draft_from_mapping
from lagebild.ingest.limits import Limits, json_depth, too_deep

_CHUNK = 1 << 16


def looks_like_jsonl(text: str) -> bool:
    """Every non-empty line starts with '{' (and there is at least one)."""
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and all(line.lstrip().startswith("{") for line in lines)


def read_jsonl_file(fh: BinaryIO, source: str, max_bytes: int,
                    max_depth: int = Limits.max_depth) -> Iterator[Draft | InputError]:
    """Drafts and per-line errors from an open binary JSON Lines file."""
    head = fh.peek(SNIFF_BYTES)[:SNIFF_BYTES] if hasattr(fh, "peek") else b""
    if b"\x00" in head:
        yield InputError(source, "binary file (NUL bytes)")
        return
    yield from read_jsonl(_lines(fh, max_bytes), source, max_bytes, max_depth)


def read_jsonl(
    lines: Iterable[bytes | str | int], source: str, max_bytes: int | None = None,
    max_depth: int = Limits.max_depth,
) -> Iterator[Draft | InputError]:
    """Drafts and per-line errors from lines (bytes or str; an int stands for a line that was
    too long to read, with its size)."""
    seen = False
    for number, line in enumerate(lines, start=1):
        where = f"{source}:{number}"
        if isinstance(line, int):
            seen = True
            yield InputError(where, over_limit(line, max_bytes or 0, f"line {number}"))
            continue
        if isinstance(line, bytes):
            if number == 1:
                line = line.removeprefix(b"\xef\xbb\xbf")
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError:
                seen = True
                yield InputError(where, f"line {number}: not valid UTF-8 (JSON Lines must be UTF-8)")
                continue
        if not line.strip():
            continue
        seen = True
        yield _read_line(line, where, number, max_depth)
    if not seen:
        yield InputError(source, "empty file")


def _read_line(line: str, where: str, number: int, max_depth: int = Limits.max_depth) -> Draft | InputError:
    try:
        data = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        column = f" column {exc.colno}" if exc.msg.endswith(" at") else f" (column {exc.colno})"
        return InputError(where, f"line {number}: invalid JSON: {exc.msg}{column}")
    except RecursionError:
        return InputError(where, f"line {number}: JSON nested too deeply to read, over the limit of "
                                 f"{max_depth} levels (max_depth)")
    if not isinstance(data, dict):
        return InputError(where, f"line {number}: not a JSON object")
    depth = json_depth(data, max_depth)
    if depth > max_depth:
        return InputError(where, f"line {number}: " + too_deep(depth, max_depth, "JSON"))
    if "text" not in data:
        return InputError(where, f"line {number}: no 'text' field")
    text = data["text"]
    if not isinstance(text, str):
        return InputError(where, f"line {number}: the 'text' field is not a string")
    if not text.strip():
        return InputError(where, f"line {number}: empty 'text' field")
    return draft_from_mapping(where, data, text)


def _lines(fh: BinaryIO, max_bytes: int) -> Iterator[bytes | int]:
    """The file's lines; a line longer than ``max_bytes`` is skipped and given as its size."""
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while True:  # skip the rest of the overlong line
                rest = fh.readline(_CHUNK)
                size += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield size
        else:
            yield line
