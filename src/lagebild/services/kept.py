"""Corpus-wide reads kept a while per store: aggregates that scan every mention or fact (the
source map, the filter choices, the register), renewed at once when a
link run or a judgement changes the picture, else after :data:`KEEP_SECONDS`."""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from typing import Any

from lagebild.store import Store

_KEPT: "weakref.WeakKeyDictionary[Store, dict[str, tuple[float, tuple[Any, ...], Any]]]" = weakref.WeakKeyDictionary()
KEEP_SECONDS = 600.0  # how long a corpus-wide aggregate is kept while the store's link stamp stays


def link_stamp(store: Store) -> tuple[Any, ...]:
    """What changes when a link run or a judgement changes the picture: the number of facts and
    of judgements and the link stage's own bookkeeping (what it linked last, how many articles,
    with which version and confidence threshold)."""
    return (store.count("facts"), store.count("judgements"),
            *(store.link_meta(k) for k in ("analyzed_mark", "linked_count", "link_version", "event_min_confidence")))


def kept(store: Store, name: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept for :data:`KEEP_SECONDS` per store and ``name`` while the store's
    :func:`link_stamp` stays (a link run renews it at once): for the aggregates that scan every
    mention or fact."""
    stamp = link_stamp(store)
    found = _KEPT.setdefault(store, {})
    if name in found and found[name][1] == stamp and time.monotonic() - found[name][0] < KEEP_SECONDS:
        return found[name][2]
    value = compute()
    found[name] = (time.monotonic(), stamp, value)
    return value

