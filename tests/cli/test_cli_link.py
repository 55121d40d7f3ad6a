"""What ``lagebild link`` prints: one line a person reads, never the raw statistics."""

from __future__ import annotations

from typing import Any

import pytest

from lagebild.cli.main import link_summary


@pytest.mark.parametrize("stats, line", [
    ({"articles": 40, "facts": 140, "stories_touched": 12, "discrepancies": 3, "full": False, "seconds": 2.345,
      "views_seconds": 0.2, "at": "2026-01-01T00:00:00"},
     "linked 40 articles in 2.3 s: 140 new facts, 12 stories touched, 3 discrepancies"),
    ({"articles": 1, "facts": 1, "stories_touched": 1, "discrepancies": 1, "full": False, "seconds": 0.042},
     "linked 1 article in 42 ms: 1 new fact, 1 story touched, 1 discrepancy"),
    ({"articles": 5, "facts": 0, "stories_touched": 2, "discrepancies": 0, "duplicates": 2, "full": True,
      "seconds": 1.0},
     "linked 5 articles in 1.0 s, all links recomputed: 0 new facts, 2 stories touched, 0 discrepancies, "
     "2 duplicate articles"),
    ({"articles": 0, "full": False, "seconds": 0.003}, "nothing new to link (3 ms)"),
])
def test_cli_link_summary_reads_as_a_sentence(stats: dict[str, Any], line: str) -> None:
    assert link_summary(stats) == line
