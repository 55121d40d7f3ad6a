"""Word lists and rule tables as data: every file says what it holds, and the readers parse it."""

from __future__ import annotations

from importlib import resources

import pytest

from lagebild import lexicons

ROOT = resources.files("lagebild.resources")


def _data_files():
    stack = [ROOT]
    while stack:
        folder = stack.pop()
        for item in folder.iterdir():
            if item.is_dir():
                if item.name != "LICENSES":
                    stack.append(item)
            elif item.name.endswith((".txt", ".tsv")):
                yield item


@pytest.mark.parametrize("item", sorted(_data_files(), key=lambda p: str(p)), ids=lambda p: p.name)
def test_lexicons_every_file_starts_with_a_header_line(item):
    first = item.read_text("utf-8").splitlines()[0]
    assert first.startswith("# ") and len(first) > 12, f"{item} must start with a '# what it holds' line"


def test_lexicons_readers_skip_comments_and_split():
    rows = lexicons.table("events/markers.tsv")
    assert rows and all(len(r) >= 3 for r in rows)
    assert all(not r[0].startswith("#") for r in rows)
    assert {"say", "said", "told"} <= lexicons.words("speech/en/verbs.txt")
    assert lexicons.lines("speech/en/verbs.txt")[0] == "say says said saying"
