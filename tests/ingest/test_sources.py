"""read_sources end to end: files, directories, stdin, overrides, and every bad-input case."""

from __future__ import annotations

import io
import json
import random
import time
from datetime import date

import pytest

import lagebild.ingest.sources as sources_module
from lagebild.errors import InputError
from lagebild.ingest import Overrides, count_sources, read_sources
from lagebild.model import Article

DE = "Die Regierung in Kiew meldete am Dienstag neue Lieferungen von Artilleriegranaten aus Nordkorea.\n"
EN = "Officials in Washington said on Tuesday that the shipments had continued through the winter.\n"


def _write(path, content: str | bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def _errors(items):
    return [(i.source, i.reason) for i in items if isinstance(i, InputError)]


def _articles(items):
    return [i for i in items if isinstance(i, Article)]


BAD = [
    ("bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file (NUL bytes)"),
    ("rauschen.txt", random.Random(3).randbytes(900).replace(b"\x00", b"\x01"),
     "not valid UTF-8 and no charset could be detected"),
    ("leer.txt", b"", "empty file"),
    ("leer.md", b" \n\t\n", "empty file (only whitespace)"),
    ("gross.txt", b"Text. " * 300, "file is 1.8 kB, over the limit of 1.0 kB (--max-bytes)"),
    ("leer.html", b"<html><body><script>var x = 1;</script></body></html>", "HTML without any main text"),
    ("kaputt.rss", b"<rss version='2.0'><channel><title>x</title><it", "not a valid RSS/Atom feed: "),
    ("karte.xml", b"<?xml version='1.0'?><kml><Placemark/></kml>", "not a valid RSS/Atom feed: the root element is <kml>"),
    ("front.md", b"---\ntitle: 'offen\n---\nText.\n", "invalid YAML front matter: "),
]


@pytest.mark.parametrize("name,content,reason", BAD, ids=[case[0] for case in BAD])
def test_sources_bad_input_reported(tmp_path, name, content, reason):
    path = _write(tmp_path / name, content)
    items = list(read_sources([path], max_bytes=1000))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert items[0].source == str(path)
    assert items[0].reason.startswith(reason)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16", "utf-8-sig"])
def test_sources_legacy_encodings_read(tmp_path, encoding):
    text = "Die Außenminister äußerten sich über die Gespräche in Pjöngjang besorgt.\n"
    path = _write(tmp_path / "alt.txt", text.encode(encoding))
    (article,) = read_sources([path])
    assert article.text == text.strip() and article.language == "de"


def test_sources_jsonl_broken_line_among_good_lines(tmp_path):
    lines = [json.dumps({"id": "a", "text": DE}), '{"text": "kaputt",', json.dumps({"text": EN})]
    path = _write(tmp_path / "dump.jsonl", "\n".join(lines) + "\n")
    items = list(read_sources([path]))
    assert [a.external_id for a in _articles(items)] == ["a", None]
    assert _errors(items) == [(f"{path}:2", "line 2: invalid JSON: Expecting property name enclosed in double quotes (column 19)")]


def test_sources_directory_sorted_recursive_filtered(tmp_path):
    _write(tmp_path / "b.txt", DE)
    _write(tmp_path / "a" / "z.md", "# Titel\n\n" + EN)
    _write(tmp_path / "a" / "y.TXT", EN)
    _write(tmp_path / "notiz.docx", b"PK\x03\x04")  # unknown suffix: skipped, and said so (issue 19)
    _write(tmp_path / ".versteckt.txt", DE)
    _write(tmp_path / ".git" / "x.txt", DE)
    items = list(read_sources([tmp_path]))
    ((source, reason),) = _errors(items)
    assert source == str(tmp_path / "notiz.docx") and ".docx" in reason
    articles = [a for a in items if not isinstance(a, InputError)]
    assert [a.source for a in articles] == [str(tmp_path / "a" / "y.TXT"), str(tmp_path / "a" / "z.md"),
                                            str(tmp_path / "b.txt")]
    assert count_sources([tmp_path]) == 4


def test_sources_glob(tmp_path):
    _write(tmp_path / "a.txt", DE)
    _write(tmp_path / "b.md", EN)
    _write(tmp_path / "c.meldung", DE)  # unknown suffix, admitted by the glob
    assert [a.source for a in read_sources([tmp_path], glob="*.txt")] == [str(tmp_path / "a.txt")]
    assert [a.source for a in read_sources([tmp_path], glob="*.meldung")] == [str(tmp_path / "c.meldung")]
    assert count_sources([tmp_path], glob="*.TXT") == 1


@pytest.mark.parametrize(
    "content,kind",
    [
        (DE, "text"),
        (json.dumps({"text": DE}) + "\n" + json.dumps({"text": EN}) + "\n", "jsonl"),
        ("<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><item><description>"
         + DE + "</description></item></channel></rss>", "feed"),
    ],
)
def test_sources_unknown_suffix_given_explicitly(tmp_path, content, kind):
    path = _write(tmp_path / "meldung.dat", content)
    items = list(read_sources([path]))
    assert not _errors(items)
    expected = {"text": [str(path)], "jsonl": [f"{path}:1", f"{path}:2"], "feed": [f"{path}#1"]}[kind]
    assert [a.source for a in items] == expected


def test_sources_feed_content_in_txt(tmp_path):
    path = _write(tmp_path / "feed.txt", "<feed xmlns='http://www.w3.org/2005/Atom'><title>W</title>"
                  "<entry><title>T</title><summary>" + EN + "</summary></entry></feed>")
    (article,) = read_sources([path])
    assert article.source == f"{path}#1" and article.outlet == "W"


def test_sources_missing_path(tmp_path):
    items = list(read_sources([tmp_path / "fehlt.txt"]))
    assert _errors(items) == [(str(tmp_path / "fehlt.txt"), "no such file or directory")]


@pytest.mark.parametrize(
    "stdin,sources",
    [
        ("---\nlanguage: de\n---\n" + DE, ["stdin"]),
        (json.dumps({"text": DE}) + "\n\n" + json.dumps({"text": EN}) + "\n", ["stdin:1", "stdin:3"]),
    ],
)
def test_sources_stdin(stdin, sources):
    items = list(read_sources(["-"], stdin=io.StringIO(stdin)))
    assert [a.source for a in items] == sources


def test_sources_stdin_over_limit():
    (error,) = read_sources(["-"], stdin=io.StringIO(DE * 20), max_bytes=1000)
    assert error.source == "stdin" and error.reason == "input is over the limit of 1.0 kB (--max-bytes)"


def test_sources_overrides_win(tmp_path):
    path = _write(tmp_path / "a.txt", "---\npublished: 2024-01-21\noutlet: Tagesblatt\nlanguage: de\n---\n" + DE)
    inferred = _write(tmp_path / "b.txt", "Kiew (22.01.2024) " + DE)
    overrides = Overrides(published=date(2024, 2, 1), outlet="Wochenblatt", language="en")
    for article in read_sources([path, inferred], overrides=overrides):
        assert (article.published, article.published_inferred) == (date(2024, 2, 1), False)
        assert (article.outlet, article.language) == ("Wochenblatt", "en")


@pytest.mark.parametrize(
    "text,published,inferred",
    [
        ("Berlin, 21. Januar 2024 – " + DE, date(2024, 1, 21), True),
        ("WASHINGTON, January 21, 2024 — " + EN, date(2024, 1, 21), True),
        ("---\npublished: 2024-01-20\n---\nBerlin, 21. Januar 2024 – " + DE, date(2024, 1, 20), False),
        (DE, None, False),
    ],
)
def test_sources_date_inferred_from_text(tmp_path, text, published, inferred):
    (article,) = read_sources([_write(tmp_path / "a.txt", text)])
    assert (article.published, article.published_inferred) == (published, inferred)


@pytest.mark.parametrize("text,language", [(DE, "de"), (EN, "en"), ("---\nlanguage: English\n---\n" + DE, "en")])
def test_sources_language(tmp_path, text, language):
    (article,) = read_sources([_write(tmp_path / "a.txt", text)])
    assert article.language == language


def test_sources_same_text_same_id_across_formats(tmp_path):
    txt = _write(tmp_path / "a.txt", "---\nlanguage: de\n---\n" + DE.replace(" ", "  ") + "\n\n\n")
    jsonl = _write(tmp_path / "b.jsonl", json.dumps({"text": DE.strip()}) + "\r\n")
    crlf = _write(tmp_path / "c.txt", DE.replace("\n", "\r\n").encode("utf-8-sig"))
    ids = {a.id for a in read_sources([txt, jsonl, crlf])}
    assert len(ids) == 1


def test_sources_on_file_called_per_file(tmp_path):
    _write(tmp_path / "a.jsonl", json.dumps({"text": DE}) + "\n" + json.dumps({"text": EN}) + "\n")
    _write(tmp_path / "b.txt", DE)
    done: list[str] = []
    list(read_sources([tmp_path, tmp_path / "fehlt.txt"], on_file=done.append))
    assert done == [str(tmp_path / "a.jsonl"), str(tmp_path / "b.txt"), str(tmp_path / "fehlt.txt")]


def test_sources_directory_of_3000_files_streams(tmp_path, monkeypatch):
    for i in range(3000):
        lang_text = DE if i % 2 else EN
        _write(tmp_path / f"d{i // 500}" / f"{i:05d}.txt", f"Meldung {i}. " + lang_text)
    reads = []
    real_read = sources_module.read_file
    monkeypatch.setattr(sources_module, "read_file", lambda path, limit: reads.append(path) or real_read(path, limit))

    start = time.perf_counter()
    assert count_sources([tmp_path]) == 3000
    counted = time.perf_counter() - start
    items = read_sources([tmp_path])
    first = next(items)
    assert len(reads) == 1 and first.source.endswith("00000.txt")  # nothing read ahead
    rest = list(items)
    elapsed = time.perf_counter() - start
    articles = [first, *_articles(rest)]
    assert len(articles) == 3000 and not _errors(rest)
    assert len({a.id for a in articles}) == 3000
    assert {a.language for a in articles} == {"de", "en"}
    print(f"3000 files: count {counted:.2f}s, read {elapsed - counted:.2f}s")  # timings: no assertion here
