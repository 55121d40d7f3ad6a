"""Following feeds and pages round after round (``lagebild watch``).

Each round asks every source with a conditional GET (the ETag and Last-Modified of its last
answer); a source that answers 304, or the same body as last time, is unchanged and nothing more
is read.  A changed feed yields its entries not taken before; an entry that links to a web page
is read from that page (main text, title and date via trafilatura), with the feed's text as the
fallback when the page cannot be had.  A changed page yields itself.  What the sources answered
is remembered for the life of the :class:`Watch`, and across runs in a state file
(:meth:`Watch.save` / :meth:`Watch.load`), so that ``watch --rounds 1`` started by cron asks
conditionally and reads no entry twice; the store's content-hash ids make sure that nothing is
stored twice in any case.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from lagebild.errors import InputError
from lagebild.ingest.decode import os_reason
from lagebild.ingest.draft import Draft, Overrides, finish
from lagebild.ingest.fetch import Fetched, fetch, is_url
from lagebild.ingest.limits import FileClock, FileTimeout, Limits, time_reason
from lagebild.ingest.sources import read_fetched
from lagebild.model import Article


#: seconds between two requests to the same host (a feed's pages are fetched one after another)
PAUSE = 1.0

#: entries remembered per source (a feed holds tens; older keys are forgotten first)
MAX_TAKEN = 5000
STATE_VERSION = 1


@dataclass
class Source:
    """One watched address and what the last rounds learned of it."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    digest: str | None = None  # of the last body read
    taken: dict[str, None] = field(default_factory=dict)  # keys of the entries already read, oldest first

    def take(self, key: str) -> bool:
        """Mark an entry read; False when it was read before."""
        if key in self.taken:
            return False
        self.taken[key] = None
        while len(self.taken) > MAX_TAKEN:
            del self.taken[next(iter(self.taken))]
        return True


@dataclass
class Round:
    """What one round found: per source ``unchanged``, ``changed`` or ``failed``; the new
    articles and the problems (each with its source and reason)."""

    number: int
    states: dict[str, str] = field(default_factory=dict)
    found: list[Article | InputError] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for s in self.states.values() if s == state)


def read_url_list(name: str) -> list[str] | InputError:
    """The addresses an argument names: itself when it is a URL, else the file's lines (one
    address a line; blank lines and ``#`` comments skipped)."""
    if is_url(name):
        return [name]
    try:
        lines = Path(name).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else "not UTF-8 text"
        return InputError(name, f"neither an http(s) address nor a readable list of addresses ({reason})")
    urls = []
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line):
            return InputError(f"{name}:{number}", f"not an http(s) address: {line[:80]!r}")
        urls.append(line)
    if not urls:
        return InputError(name, "the list holds no address")
    return urls


class Watch:
    """The sources of one ``watch`` and their state between rounds.

    >>> watch = Watch(["https://example.org/feed.xml"], limits=Limits())
    >>> found = watch.round()        # every entry, the first time
    >>> found = watch.round()        # only what is new since
    """

    def __init__(self, urls: Sequence[str], *, limits: Limits = Limits(), overrides: Overrides = Overrides(),
                 follow: bool = True, pause: float = PAUSE) -> None:
        self.sources = [Source(url) for url in dict.fromkeys(urls)]
        self.limits = limits
        self.overrides = overrides
        self.follow = follow
        self.pause = pause
        self.rounds = 0
        self._asked: dict[str, float] = {}  # host -> when it was last asked (monotonic seconds)

    def _fetch(self, url: str, **conditions: str | None) -> Fetched | str:
        """:func:`fetch`, at most one request per ``pause`` seconds to the same host."""
        host = (urlsplit(url).hostname or "").lower()
        wait = self._asked.get(host, -self.pause) + self.pause - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            return fetch(url, max_bytes=self.limits.max_bytes, **conditions)
        finally:
            self._asked[host] = time.monotonic()

    def save(self, path: Path) -> InputError | None:
        """Write what the sources answered to ``path`` (atomically: a crash leaves the old file);
        the reason when it cannot be written."""
        state = {"version": STATE_VERSION, "sources": {
            s.url: {"etag": s.etag, "last_modified": s.last_modified, "digest": s.digest, "taken": list(s.taken)}
            for s in self.sources}}
        partial = path.with_name(path.name + ".partial")
        try:
            partial.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
            os.replace(partial, path)
        except OSError as exc:
            return InputError(str(path), f"watch state not written: {os_reason(exc)}")
        return None

    def load(self, path: Path) -> InputError | None:
        """Take up what an earlier watch wrote to ``path`` for these sources (a missing file is a
        first run); a file that cannot be read is the reason returned, and the watch starts afresh."""
        if not path.exists():
            return None
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
                raise ValueError(f"not a lagebild watch state (version {STATE_VERSION})")
            known = state["sources"]
            remembered = {}
            for source in self.sources:
                saved = known.get(source.url)
                if saved is None:
                    continue
                remembered[source.url] = Source(
                    source.url, etag=_text(saved.get("etag")), last_modified=_text(saved.get("last_modified")),
                    digest=_text(saved.get("digest")),
                    taken=dict.fromkeys(str(k) for k in saved.get("taken") or []))
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
            return InputError(str(path), f"watch state not read ({type(exc).__name__}: {exc}); starting afresh")
        self.sources = [remembered.get(s.url, s) for s in self.sources]
        return None

    def round(self) -> Round:
        self.rounds += 1
        result = Round(self.rounds)
        for source in self.sources:
            state, found = self._visit(source)
            result.states[source.url] = state
            result.found += found
        return result

    def _visit(self, source: Source) -> tuple[str, list[Article | InputError]]:
        fetched = self._fetch(source.url, etag=source.etag, last_modified=source.last_modified)
        if isinstance(fetched, str):
            return "failed", [InputError(source.url, fetched)]
        if fetched.unchanged:
            return "unchanged", []
        digest = hashlib.sha256(fetched.data).hexdigest()
        if digest == source.digest:
            return "unchanged", []
        drafts = _timed(read_fetched(source.url, fetched, self.limits), self.limits.file_seconds)
        if drafts and isinstance(drafts[-1], _Timeout):
            # read again next round: the validators and digest of this answer are not kept
            return "changed", [InputError(source.url, time_reason(self.limits.file_seconds))]
        source.etag = fetched.etag or source.etag
        source.last_modified = fetched.last_modified or source.last_modified
        source.digest = digest
        found: list[Article | InputError] = []
        for draft in drafts:
            if isinstance(draft, InputError):
                found.append(draft)
                continue
            if draft.source != source.url:  # a feed's entry: once only, read from its page
                if not source.take(_key(draft)):
                    continue
                if self.follow and isinstance(draft.url, str) and is_url(draft.url):
                    draft = self._page(draft)
            found.append(finish(draft, self.overrides, self.limits.max_line))
        return "changed", found

    def _page(self, entry: Draft) -> Draft:
        """A feed entry read from the page it links to (within its own time budget), the entry's
        own text where that fails."""
        url = str(entry.url)
        fetched = self._fetch(url)
        reason = fetched if isinstance(fetched, str) else None
        if not isinstance(fetched, str):
            for page in _timed(read_fetched(url, fetched, self.limits), self.limits.file_seconds):
                if isinstance(page, _Timeout):
                    reason = time_reason(self.limits.file_seconds)
                elif isinstance(page, Draft):
                    return Draft(
                        source=url, text=page.text, title=page.title or entry.title,
                        outlet=page.outlet or entry.outlet, url=page.url or url,
                        published=page.published or entry.published, language=page.language or entry.language,
                        external_id=entry.external_id, meta={**entry.meta, "feed_entry": entry.source},
                    )
                else:
                    reason = page.reason
        return replace(entry, meta={**entry.meta, "page_unread": f"{url}: {reason}"})


class _Timeout:
    """The mark :func:`_timed` leaves when reading ran out of time."""


def _timed(items: Iterator[Draft | InputError], seconds: float) -> list[Draft | InputError | _Timeout]:
    """What a reader yields within ``seconds`` of reading (``file_seconds``), a :class:`_Timeout`
    last when the time ran out.  Each feed and each page has a budget of its own, so a feed of
    many entries is never cut short by the time its pages take."""
    found: list[Draft | InputError | _Timeout] = []
    try:
        for item in FileClock(seconds).steps(items):
            found.append(item)
    except FileTimeout:
        items.close()  # type: ignore[attr-defined]
        found.append(_Timeout())
    return found


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _key(draft: Draft) -> str:
    """What identifies a feed entry between rounds: its id, else its link, else its text."""
    for value in (draft.external_id, draft.url):
        if value:
            return f"id|{value}"
    return "text|" + hashlib.sha256(draft.text.encode("utf-8", "replace")).hexdigest()
