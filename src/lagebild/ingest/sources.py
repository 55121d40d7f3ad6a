"""Which files to read, and with which reader.

Paths are files, directories (walked recursively in sorted order, hidden files and directories
skipped, streamed: one directory listing at a time, no file read ahead), ``-`` for stdin, or
http(s) addresses (fetched by :mod:`lagebild.ingest.fetch`, read by their media type).
In a directory only known suffixes are read, unless a glob (matched on the file name) asks for
others; a file named explicitly is always read, by content when its suffix is unknown.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, TextIO

from lagebild.errors import InputError
from lagebild.ingest.decode import UndecodableError, check_content, decode, human_size, os_reason, read_file
from lagebild.ingest.draft import Draft
from lagebild.ingest.feeds import looks_like_feed, read_feed, unsafe_xml
from lagebild.ingest.fetch import Fetched, fetch, host_of, is_url, kind_for_media
from lagebild.ingest.html import decode_page, read_page
from lagebild.ingest.jsonl import looks_like_jsonl, read_jsonl, read_jsonl_file
from lagebild.ingest.limits import Limits
from lagebild.ingest.text import read_text

#: reader kind by file suffix (lower case); any other suffix is read by content ("sniff")
SUFFIX_KINDS = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}

STDIN_SOURCE = "stdin"

_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)


@dataclass(frozen=True)
class Item:
    """One file (or stdin) to read: its name as reported, and the reader kind."""

    source: str
    path: Path | None
    kind: str


def kind_for(path: str | Path) -> str:
    return SUFFIX_KINDS.get(os.path.splitext(str(path))[1].lower(), "sniff")


def iter_items(paths: Sequence[str | Path], glob: str | None = None) -> Iterator[Item | InputError]:
    """The files to read, in order; an error for each path that does not exist."""
    for given in paths:
        name = str(given)
        if name == "-":
            yield Item(STDIN_SOURCE, None, "sniff")
        elif is_url(name):
            yield Item(name, None, "url")
        elif os.path.isdir(name):
            yield from _walk(name, glob)
        elif os.path.exists(name):
            yield Item(name, Path(name), kind_for(name))
        else:
            yield InputError(name, "no such file or directory")


def count_items(paths: Sequence[str | Path], glob: str | None = None) -> int:
    return sum(1 for _ in iter_items(paths, glob))


def _walk(top: str, glob: str | None) -> Iterator[Item | InputError]:
    pattern = glob.lower() if glob else None
    stack: list[Iterator[os.DirEntry[str]]] = []
    listing = _listing(top)
    if isinstance(listing, InputError):
        yield listing
        return
    stack.append(listing)
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = not is_dir and entry.is_file()
        except OSError as exc:
            yield InputError(entry.path, os_reason(exc))
            continue
        if is_dir:
            sub = _listing(entry.path)
            if isinstance(sub, InputError):
                yield sub
            else:
                stack.append(sub)
        elif is_file:
            kind = kind_for(entry.name)
            if pattern is not None:
                if fnmatchcase(entry.name.lower(), pattern):
                    yield Item(entry.path, Path(entry.path), kind)
            elif kind != "sniff":
                yield Item(entry.path, Path(entry.path), kind)
            else:  # said, not silently passed over (--glob reads such files anyway)
                suffix = os.path.splitext(entry.name)[1] or "no suffix"
                yield InputError(entry.path, f"not a file type ingest reads from a folder ({suffix}; it reads "
                                             f"{', '.join(sorted(SUFFIX_KINDS))}; --glob reads others)")


def _listing(path: str) -> Iterator[os.DirEntry[str]] | InputError:
    try:
        with os.scandir(path) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        return InputError(path, f"cannot list directory: {os_reason(exc).removeprefix('cannot read: ')}")
    return iter(entries)


# --- reading one item ---------------------------------------------------------------------


def read_item(item: Item, limits: Limits, stdin: TextIO | None = None) -> Iterator[Draft | InputError]:
    """Drafts and errors for one file (or stdin, or a web address), each within ``limits``."""
    if item.kind == "url":
        fetched = fetch(item.source, max_bytes=limits.max_bytes)
        if isinstance(fetched, str):
            yield InputError(item.source, fetched)
        else:
            yield from read_fetched(item.source, fetched, limits)
        return
    if item.path is None:
        data = _read_stdin(stdin, limits.max_bytes)
    elif item.kind == "jsonl":
        yield from _read_jsonl_path(item, limits)
        return
    else:
        data = read_file(item.path, limits.max_bytes)
    if isinstance(data, str):
        yield InputError(item.source, data)
        return
    problem = check_content(data)
    if problem:
        yield InputError(item.source, problem)
        return
    found = _dispatch(item, data, limits)
    del data  # _dispatch lets go of the bytes once decoded, while its articles are stored (issue 19)
    yield from found


def read_fetched(source: str, fetched: Fetched, limits: Limits) -> Iterator[Draft | InputError]:
    """Drafts and errors for a fetched page or feed, read by its media type (else its content).
    A page without its own address or site name gets the fetched address and its host."""
    problem = check_content(fetched.data)
    if problem:
        yield InputError(source, problem)
        return
    kind = kind_for_media(fetched)
    for found in _dispatch(Item(source, None, kind), fetched.data, limits, charset=fetched.charset):
        if isinstance(found, Draft) and found.source == source:  # the page itself, not a feed's entry
            found = replace(found, url=found.url or fetched.url, outlet=found.outlet or host_of(fetched.url))
        yield found


def _dispatch(item: Item, data: bytes, limits: Limits, charset: str | None = None) -> Iterator[Draft | InputError]:
    """``charset``: the one an HTTP answer names (it wins over the page's own <meta charset>)."""
    kind = item.kind
    refused = unsafe_xml(data)  # whatever the suffix: a feed saved as .txt, or piped to stdin
    if refused is not None:
        yield InputError(item.source, refused)
        return
    if kind == "feed" or (kind in ("text", "markdown", "sniff") and looks_like_feed(data)):
        yield from read_feed(data, item.source)
        return
    if kind == "html" or (kind == "sniff" and _HTML_START.match(data[:4096])):
        size, page = len(data), decode_page(data, item.source, charset)
        del data  # neither the bytes nor the page are held while the article is stored (issue 19)
        draft = page if isinstance(page, InputError) else read_page(page, item.source, limits.max_depth, size=size)
        del page
        yield draft
        return
    try:
        text = decode(data, charset)
    except UndecodableError as exc:
        yield InputError(item.source, str(exc))
        return
    del data  # not needed once decoded: a large file's bytes are not held while its article is stored
    if not text.strip():
        yield InputError(item.source, "empty file (only whitespace)")
    elif kind == "sniff" and looks_like_jsonl(text):
        yield from read_jsonl(text.splitlines(), item.source, max_depth=limits.max_depth)
    else:
        draft = read_text(text, item.source, markdown=kind == "markdown", limits=limits)
        del text  # Markdown: only the stripped body is needed from here on
        yield draft


def _read_jsonl_path(item: Item, limits: Limits) -> Iterator[Draft | InputError]:
    assert item.path is not None
    try:
        fh = open(item.path, "rb")
    except OSError as exc:
        yield InputError(item.source, os_reason(exc))
        return
    with fh:
        try:
            yield from read_jsonl_file(fh, item.source, limits.max_bytes, max_depth=limits.max_depth)
        except OSError as exc:
            yield InputError(item.source, os_reason(exc))


def _read_up_to(stream: Any, limit: int) -> Any:
    """At most ``limit`` bytes (or characters) of a stream, read in chunks: ``read(n)`` of a
    large limit would reserve all n at once."""
    parts = []
    while limit > 0:
        part = stream.read(min(limit, 1 << 20))
        if not part:
            break
        parts.append(part)
        limit -= len(part)
    return (b"" if isinstance(stream.read(0), bytes) else "").join(parts)


def _read_stdin(stdin: TextIO | None, max_bytes: int) -> bytes | str:
    stream = stdin if stdin is not None else sys.stdin
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is not None:
            data = _read_up_to(buffer, max_bytes + 1)
        else:
            data = _read_up_to(stream, max_bytes + 1).encode("utf-8")
    except OSError as exc:
        return os_reason(exc)
    except UnicodeDecodeError:
        return "not valid UTF-8 (stdin)"
    if len(data) > max_bytes:
        return f"input is over the limit of {human_size(max_bytes)} (--max-bytes)"
    return data

