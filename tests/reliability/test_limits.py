"""Resource bounds as settings (issue 19): largest file, largest front matter, deepest nesting,
longest line, per-file time.  Each item over a bound is skipped with a reason naming the
setting; the other items of the run are stored; the environment variable moves the bound."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lagebild import settings
from lagebild.ingest import Limits, read_sources
from lagebild.ingest import text as text_reader
from lagebild.ingest.limits import FileClock, FileTimeout, json_depth, longest_line
from lagebild.model import Article
from lagebild.services import commands
from lagebild.store.base import Store

GOOD = "Eine gute Meldung über Moskau und Kiew.\n"


def _read(tmp_path: Path, name: str, content: str, limits: Limits = Limits()) -> tuple[list[Article], list]:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(content, encoding="utf-8")
    (folder / "zz-good.txt").write_text(GOOD, encoding="utf-8")
    items = list(read_sources([folder], limits=limits))
    articles = [a for a in items if isinstance(a, Article)]
    errors = [(e.source, e.reason) for e in items if not isinstance(e, Article)]
    return articles, errors


def _nested_yaml(depth: int) -> str:
    return "---\ntitle: T\nx: " + "[" * depth + "1" + "]" * depth + "\n---\n" + GOOD


def _nested_json(depth: int) -> str:
    return json.dumps({"text": GOOD, "x": json.loads("[" * depth + "1" + "]" * depth)}) + "\n"


def _nested_html(depth: int) -> str:
    return ("<!doctype html><html><head><title>T</title></head><body>" + "<div>" * depth
            + "<p>" + GOOD * 5 + "</p>" + "</div>" * depth + "</body></html>")


@pytest.mark.parametrize("name, make", [("deep.md", _nested_yaml), ("deep.jsonl", _nested_json),
                                        ("deep.html", _nested_html)])
def test_limits_nesting_over_max_depth_is_skipped_with_its_reason(tmp_path: Path, name: str, make) -> None:
    articles, errors = _read(tmp_path, name, make(30), Limits(max_depth=20))
    assert [a.text for a in articles] == [GOOD.strip()]
    ((source, reason),) = errors
    assert source.startswith(str(tmp_path / "in" / name)) and "max_depth" in reason and "over the limit of 20" in reason


@pytest.mark.parametrize("name, make", [("deep.md", _nested_yaml), ("deep.jsonl", _nested_json),
                                        ("deep.html", _nested_html)])
def test_limits_nesting_within_max_depth_is_read(tmp_path: Path, name: str, make) -> None:
    articles, errors = _read(tmp_path, name, make(10), Limits(max_depth=20))
    assert errors == [] and len(articles) == 2


def test_limits_yaml_deeper_than_python_can_recurse_is_a_reason_not_a_crash(tmp_path: Path) -> None:
    articles, errors = _read(tmp_path, "deep.md", _nested_yaml(5000))
    assert len(articles) == 1
    assert "max_depth" in errors[0][1]


def test_limits_front_matter_over_max_front_matter(tmp_path: Path) -> None:
    content = "---\ntitle: T\nnote: " + "x" * 2000 + "\n---\n" + GOOD
    articles, errors = _read(tmp_path, "long.md", content, Limits(max_front_matter=1000))
    assert len(articles) == 1
    ((_, reason),) = errors
    assert "over the limit of 1,000 (max_front_matter)" in reason
    articles, errors = _read(tmp_path, "long.md", content, Limits(max_front_matter=5000))
    assert errors == [] and len(articles) == 2


@pytest.mark.parametrize("name, make", [
    ("line.txt", lambda n: "Kiew " * n),
    ("line.jsonl", lambda n: json.dumps({"text": "Kiew " * n}) + "\n"),
    ("line.md", lambda n: "---\ntitle: T\n---\n" + "Kiew " * n),
])
def test_limits_line_over_max_line(tmp_path: Path, name: str, make) -> None:
    articles, errors = _read(tmp_path, name, make(400), Limits(max_line=1000))
    assert len(articles) == 1
    ((_, reason),) = errors
    assert "over the limit of 1,000 (max_line)" in reason
    articles, errors = _read(tmp_path, name, make(100), Limits(max_line=1000))
    assert errors == [] and len(articles) == 2


def test_limits_file_over_max_bytes(tmp_path: Path) -> None:
    articles, errors = _read(tmp_path, "big.txt", "Kiew meldet Angriffe.\n" * 100, Limits(max_bytes=1000))
    assert len(articles) == 1 and "(--max-bytes)" in errors[0][1]


def test_limits_a_slow_file_is_cut_off_and_the_run_goes_on(tmp_path: Path, monkeypatch) -> None:
    real = text_reader.split_front_matter

    def slow(text, limits=Limits()):
        if "langsam" in text:
            time.sleep(30)  # stands for a reader stuck on hostile input
        return real(text, limits)

    monkeypatch.setattr(text_reader, "split_front_matter", slow)
    started = time.monotonic()
    articles, errors = _read(tmp_path, "a-slow.txt", "Eine langsame Meldung aus Kiew.\n", Limits(file_seconds=0.5))
    assert time.monotonic() - started < 10
    assert [a.text for a in articles] == [GOOD.strip()]
    ((source, reason),) = errors
    assert source == str(tmp_path / "in" / "a-slow.txt") and "file_seconds" in reason


def test_limits_the_budget_is_per_article_and_storing_is_not_counted() -> None:
    def reader(seconds: float):
        for n in range(4):
            time.sleep(seconds)  # reading one article: counted
            yield n

    got = []
    for n in FileClock(0.5).steps(reader(0.2)):  # 0.8 s of reading in all, 0.2 s per article
        time.sleep(0.6)  # the caller storing: not counted
        got.append(n)
    assert got == [0, 1, 2, 3]
    got = []
    with pytest.raises(FileTimeout):
        for n in FileClock(0.3).steps(reader(0.6)):
            got.append(n)
    assert got == []


def test_limits_a_timed_out_jsonl_keeps_the_articles_read_before(tmp_path: Path, monkeypatch) -> None:
    from lagebild.ingest import jsonl

    real = jsonl._read_line

    def slow(line, where, number, max_depth=100):
        if "langsam" in line:
            time.sleep(30)
        return real(line, where, number, max_depth)

    monkeypatch.setattr(jsonl, "_read_line", slow)
    lines = [json.dumps({"text": f"Meldung {n} aus Kiew."}) for n in range(3)] + [json.dumps({"text": "langsam"})]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = Store.open(tmp_path / "t.db")
    report = commands.ingest_paths(store, [tmp_path / "a.jsonl"], limits=Limits(file_seconds=1))
    assert len(report.added) == 3 and store.count("articles") == 3
    assert [s for s, _ in report.problems] == [str(tmp_path / "a.jsonl")]
    store.close()


def test_limits_helpers() -> None:
    assert json_depth({"a": [1, {"b": []}]}, 100) == 4
    assert json_depth("x", 100) == 0
    assert json_depth([[[[[]]]]], 2) == 3  # counting stops past the bound
    assert longest_line("ab\nabcd\n\nx") == 4
    assert longest_line("") == 0


def test_limits_come_from_the_settings_and_their_variables(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LAGEBILD_MAX_LINE", "1000")
    monkeypatch.setenv("LAGEBILD_MAX_DEPTH", "7")
    limits = Limits.from_settings(settings.load())
    assert limits.max_line == 1000 and limits.max_depth == 7
    assert Limits.from_settings(settings.Settings(**settings.defaults())) == Limits()


def test_limits_cli_reports_the_skip_with_the_setting(tmp_path: Path) -> None:
    (tmp_path / "line.txt").write_text("Kiew " * 400, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(commands.__file__).parents[2]), "LAGEBILD_MAX_LINE": "1000"}
    done = subprocess.run([sys.executable, "-m", "lagebild", "ingest", str(tmp_path), "--db", str(tmp_path / "c.db")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 3, done.stderr
    assert "line.txt" in done.stderr and "max_line" in done.stderr
    assert "ingested 1 new article(s)" in done.stdout


def test_limits_a_huge_max_bytes_reserves_no_memory(tmp_path: Path) -> None:
    """``read(max_bytes + 1)`` reserved max_bytes first: a limit raised to 1 PB was a MemoryError."""
    import io

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (article,) = read_sources([tmp_path / "a.txt"], max_bytes=1 << 50)
    assert article.text == GOOD.strip()
    (article,) = read_sources(["-"], stdin=io.StringIO(GOOD), max_bytes=1 << 50)
    assert article.text == GOOD.strip()


def test_limits_a_file_that_grew_after_its_size_was_taken_is_read_whole(tmp_path: Path, monkeypatch) -> None:
    from types import SimpleNamespace

    from lagebild.ingest import decode

    path = tmp_path / "grew.txt"
    path.write_bytes(b"Kiew " * 20)
    monkeypatch.setattr(decode.os, "stat", lambda _path: SimpleNamespace(st_size=10))  # the size before it grew
    assert decode.read_file(path, 1000) == b"Kiew " * 20
    assert "over the limit of 50 bytes" in decode.read_file(path, 50)
