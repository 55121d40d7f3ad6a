"""Ingest: files, directories, feeds and stdin → :class:`~lagebild.model.Article`.

>>> for item in read_sources(["reports/"], glob="*.txt"):
...     if isinstance(item, InputError): print(item.source, item.reason)
...     else: store.add_article(item)

Readers by suffix (case-insensitive): .txt/.md (optional YAML front matter), .html/.htm
(trafilatura), .jsonl (one article per line), .rss/.atom/.xml (feeds, also recognised by
content).  An http(s) address is fetched (:mod:`lagebild.ingest.fetch`, the only module that
touches the network) and read by its media type; :mod:`lagebild.ingest.watch` follows feeds and
pages round after round.  Every bad item yields an :class:`InputError` with its source and a
human reason and reading goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from lagebild.errors import InputError
from lagebild.ingest.draft import Draft, Overrides, finish
from lagebild.ingest.limits import FileClock, FileTimeout, Limits, time_reason
from lagebild.ingest.sources import count_items, iter_items, read_item
from lagebild.model import Article

__all__ = ["Overrides", "Limits", "read_sources", "count_sources", "InputError"]

DEFAULT_MAX_BYTES = Limits.max_bytes


def read_sources(
    paths: Sequence[str | Path],
    *,
    glob: str | None = None,
    overrides: Overrides = Overrides(),
    max_bytes: int | None = None,
    limits: Limits | None = None,
    stdin: TextIO | None = None,
    on_file: Callable[[str], None] | None = None,
) -> Iterator[Article | InputError]:
    """Yield one Article per readable item and one InputError(source, reason) per bad item.

    ``paths``: files, directories (recursive, sorted, hidden entries skipped) and ``-`` for
    stdin.  ``glob``: an fnmatch pattern on file names inside directories (case-insensitive);
    it also admits suffixes that would otherwise be skipped.  ``overrides`` win over metadata
    and detection.  ``limits``: the bounds on each file (size, front matter, nesting, line
    length, reading time; see :class:`~lagebild.ingest.limits.Limits`); ``max_bytes``, when
    given, replaces its size limit (per file; per line for JSON Lines).
    ``on_file(source)`` is called after each file is done (for a progress bar that counts
    :func:`count_sources`).  Streams: one file is read at a time.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    limits = limits or Limits()
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    for item in iter_items(paths, glob):
        if isinstance(item, InputError):
            yield item
        else:
            yield from _read_timed(item, limits, overrides, stdin)
        if on_file is not None:
            on_file(item.source)


def _read_timed(item: Any, limits: Limits, overrides: Overrides, stdin: TextIO | None) -> Iterator[Article | InputError]:
    """One file's articles and errors; reading (not what the caller does with each result)
    stops when the file's time budget is spent, and the rest of the file is reported skipped."""
    found = (finish(f, overrides, limits.max_line) if isinstance(f, Draft) else f
             for f in read_item(item, limits, stdin))
    try:
        yield from FileClock(limits.file_seconds).steps(found)
    except FileTimeout:
        found.close()
        yield InputError(item.source, time_reason(limits.file_seconds))


def count_sources(paths: Sequence[str | Path], glob: str | None = None) -> int:
    """The number of files :func:`read_sources` will open (stdin and missing paths count one
    each); cheap: directories are listed, no file is read."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return count_items(paths, glob)
