"""Resource bounds for reading untrusted input: size, front matter, nesting, line length, time.

Each bound is a setting (``lagebild.settings``: max_bytes, max_front_matter, max_depth,
max_line, file_seconds); an item over a bound is skipped with a reason that names the setting.
The time bound is kept by :class:`FileClock`: a budget for each item a file yields (the whole
file for text, Markdown and HTML; each line of JSON Lines; the parse and then each entry of a
feed, so that a large dump is not cut for its size), counting only the time spent reading, not
the time the caller spends storing what was read; enforced with ``SIGALRM``.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    """The bounds one ingest run applies to each file (defaults: ``defaults.toml``)."""

    max_bytes: int = 5_000_000
    max_front_matter: int = 100_000
    max_depth: int = 100
    max_line: int = 1_000_000
    file_seconds: float = 60.0

    @classmethod
    def from_settings(cls, conf: Any) -> Limits:
        return cls(max_bytes=conf.max_bytes, max_front_matter=conf.max_front_matter, max_depth=conf.max_depth,
                   max_line=conf.max_line, file_seconds=conf.file_seconds)


def too_deep(depth: int, limits_depth: int, what: str) -> str:
    return f"{what} nested {depth} levels deep, over the limit of {limits_depth} (max_depth)"


def json_depth(value: Any, stop: int) -> int:
    """How deep lists and maps nest in a parsed JSON or YAML value (a scalar is 0); counting
    stops just past ``stop``.  Iterative: never recurses, whatever the input."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest > stop:
                return deepest
        stack.extend((child, depth) for child in children if isinstance(child, (dict, list)))
    return deepest


def longest_line(text: str) -> int:
    """The length of the longest line of ``text`` (in characters), without splitting it."""
    longest, start = 0, 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            return max(longest, len(text) - start)
        longest = max(longest, end - start)
        start = end + 1


class FileTimeout(BaseException):
    """A file's reading time ran out.  A BaseException, so that a reader's ``except Exception``
    (which turns a parser's failure into a reason) does not swallow it."""


class FileClock:
    """Runs a file's reader step by step, each step (one article or error) within ``seconds``.

    >>> clock = FileClock(60)
    >>> for found in clock.steps(read_item(...)):   # raises FileTimeout when a step overruns
    ...     store(found)                            # not counted

    Enforced only in the main thread of a process with ``SIGALRM`` (Linux, macOS); elsewhere
    (a web server's worker thread, Windows) the budget is not enforced.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.enforced = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()

    def steps(self, items: Iterator[T]) -> Iterator[T]:
        while True:
            try:
                with self._alarm(self.seconds):
                    item = next(items)
            except StopIteration:
                return
            yield item

    class _Alarm:
        def __init__(self, clock: FileClock, seconds: float) -> None:
            self.clock, self.seconds, self.previous = clock, seconds, None

        def __enter__(self) -> None:
            if not self.clock.enforced:
                return
            self.previous = signal.signal(signal.SIGALRM, _ring)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

        def __exit__(self, *exc: object) -> None:
            if not self.clock.enforced:
                return
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous if self.previous is not None else signal.SIG_DFL)

    def _alarm(self, seconds: float) -> FileClock._Alarm:
        return FileClock._Alarm(self, seconds)


def _ring(signum: int, frame: Any) -> None:
    raise FileTimeout()


def time_reason(seconds: float) -> str:
    return f"reading took longer than {seconds:g} s (file_seconds); the rest of the file was skipped"
