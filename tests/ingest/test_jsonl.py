"""JSON Lines: one article per line, broken lines reported with file:line, the rest still read."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from lagebild.errors import InputError
from lagebild.ingest.draft import Draft, Overrides, finish
from lagebild.ingest.jsonl import looks_like_jsonl, read_jsonl, read_jsonl_file


def _line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False)


GOOD_1 = _line(id="dpa-1", title="Treffen in Moskau", text="Die Außenminister trafen sich am Dienstag in Moskau.",
               published="2024-01-16", outlet="Nachrichtenagentur", url="https://example.org/1", language="de",
               section="Politik")
GOOD_2 = _line(text="Officials in Seoul said the shipments continued through January.", date="January 22, 2024")


def _read(data: bytes, max_bytes: int = 5_000_000):
    buffered = io.BufferedReader(io.BytesIO(data))
    return list(read_jsonl_file(buffered, "dump.jsonl", max_bytes))


def test_jsonl_fields_meta_and_external_id():
    first, second = (finish(d, Overrides()) for d in _read(f"{GOOD_1}\n\n{GOOD_2}\n".encode()))
    assert first.source == "dump.jsonl:1" and second.source == "dump.jsonl:3"
    assert first.external_id == "dpa-1" and first.id != "dpa-1" and len(first.id) == 16
    assert (first.title, first.outlet, first.url, first.language) == (
        "Treffen in Moskau", "Nachrichtenagentur", "https://example.org/1", "de")
    assert first.meta == {"section": "Politik"}
    assert str(second.published) == "2024-01-22" and second.language == "en"


BROKEN = [
    ('{"text": "Kiew meldet Angriffe." "title": "x"}', "line 2: invalid JSON: Expecting ',' delimiter"),
    ('{"text": "abgeschnitten', "line 2: invalid JSON: Unterminated string starting at"),
    ('["eine", "Liste"]', "line 2: not a JSON object"),
    ('{"title": "Ohne Text"}', "line 2: no 'text' field"),
    ('{"text": 17}', "line 2: the 'text' field is not a string"),
    ('{"text": "   "}', "line 2: empty 'text' field"),
]


@pytest.mark.parametrize("bad,reason", BROKEN)
def test_jsonl_broken_line_among_good_ones(bad, reason):
    items = _read(f"{GOOD_1}\n{bad}\n{GOOD_2}\n".encode())
    assert [type(i) for i in items] == [Draft, InputError, Draft]
    assert items[1].source == "dump.jsonl:2"
    assert items[1].reason.startswith(reason)


def test_jsonl_line_not_utf8():
    items = _read(GOOD_1.encode() + b"\n" + '{"text": "Gr\xfc\xdfe"}'.encode("latin-1") + b"\n")
    assert isinstance(items[1], InputError)
    assert items[1].reason == "line 2: not valid UTF-8 (JSON Lines must be UTF-8)"


def test_jsonl_size_limit_per_line():
    long = _line(text="Sehr langer Bericht. " * 100)
    items = _read(f"{GOOD_1}\n{long}\n{GOOD_2}\n".encode(), max_bytes=1000)
    assert [type(i) for i in items] == [Draft, InputError, Draft]
    assert items[1].reason.startswith("line 2 is 2.1 kB, over the limit of 1.0 kB (--max-bytes)")


@pytest.mark.parametrize(
    "data,reason", [(b"", "empty file"), (b"\n  \n", "empty file"), (b'{"text": "x\x00"}', "binary file (NUL bytes)")]
)
def test_jsonl_whole_file_refused(data, reason):
    items = _read(data)
    assert len(items) == 1 and items[0].source == "dump.jsonl" and items[0].reason == reason


def test_jsonl_bom_on_first_line():
    (draft,) = _read(b"\xef\xbb\xbf" + GOOD_2.encode())
    assert draft.text.startswith("Officials")


@pytest.mark.parametrize(
    "text,expected",
    [(GOOD_1 + "\n" + GOOD_2, True), ("\n" + GOOD_1 + "\n\n", True), ("Ein Text.\n" + GOOD_1, False), ("", False)],
)
def test_jsonl_looks_like(text, expected):
    assert looks_like_jsonl(text) is expected


def test_jsonl_from_text_lines():
    items = list(read_jsonl([GOOD_1, "{kaputt"], "stdin"))
    assert items[0].source == "stdin:1" and items[1].source == "stdin:2"


@pytest.mark.parametrize("key", ["published", "date", "pubDate", "published_at", "publish_date",
                                 "publication_date", "date_published", "datePublished"])
def test_jsonl_publication_date_keys(key):
    line = json.dumps({"text": "Die Regierung in Graz beschloss neue Hilfen.", key: "2024-03-03T10:00:00Z"})
    (draft,) = read_jsonl([line], "a.jsonl")
    article = finish(draft, Overrides())
    assert article.published == date(2024, 3, 3) and not article.published_inferred
    assert key not in article.meta


def test_jsonl_published_wins_over_an_alias():
    line = json.dumps({"text": "Die Regierung beschloss Hilfen.", "date": "2024-03-01", "published": "2024-03-03"})
    (draft,) = read_jsonl([line], "a.jsonl")
    assert finish(draft, Overrides()).published == date(2024, 3, 3)
