"""Ingest: files, directories, feeds and stdin → :class:`~lagebild.model.Article`.

>>> for item in read_sources(["reports/"], glob="*.txt"):
...     if isinstance(item, InputError): print(item.source, item.reason)
...     else: store.add_article(item)

Readers by suffix (case-insensitive): .txt/.md (optional YAML front matter), .html/.htm
(trafilatura), .jsonl (one article per line), .rss/.atom/.xml (feeds, also recognised by
content).  Every bad item yields an :class:`InputError` with its source and a human reason and
reading goes on.  Nothing here touches the network.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from lagebild.errors import InputError
from lagebild.ingest.draft import Draft, Overrides, finish
from lagebild.ingest.sources import count_items, iter_items, read_item
from lagebild.model import Article

__all__ = ["Overrides", "read_sources", "count_sources", "InputError"]

DEFAULT_MAX_BYTES = 5_000_000


def read_sources(
    paths: Sequence[str | Path],
    *,
    glob: str | None = None,
    overrides: Overrides = Overrides(),
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: TextIO | None = None,
    on_file: Callable[[str], None] | None = None,
) -> Iterator[Article | InputError]:
    """Yield one Article per readable item and one InputError(source, reason) per bad item.

    ``paths``: files, directories (recursive, sorted, hidden entries skipped) and ``-`` for
    stdin.  ``glob``: an fnmatch pattern on file names inside directories (case-insensitive);
    it also admits suffixes that would otherwise be skipped.  ``overrides`` win over metadata
    and detection.  ``max_bytes``: the size limit per file (per line for JSON Lines).
    ``on_file(source)`` is called after each file is done (for a progress bar that counts
    :func:`count_sources`).  Streams: one file is read at a time.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for item in iter_items(paths, glob):
        if isinstance(item, InputError):
            yield item
        else:
            for found in read_item(item, max_bytes, stdin):
                yield finish(found, overrides) if isinstance(found, Draft) else found
        if on_file is not None:
            on_file(item.source)


def count_sources(paths: Sequence[str | Path], glob: str | None = None) -> int:
    """The number of files :func:`read_sources` will open (stdin and missing paths count one
    each); cheap: directories are listed, no file is read."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return count_items(paths, glob)
