"""Bad input never stops a run (issue 19, findings 1 and 2): each bad file is reported with its
name and reason, the good ones are stored, and nothing hangs or eats memory."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from lagebild.services import commands
from lagebild.store.base import Store

BOMB = "---\na: &a [1,2]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi")) + "title: *i\n---\nText.\n"


@pytest.mark.parametrize("name, content, stored", [
    ("bomb.md", BOMB, False),  # 316 bytes that expand to gigabytes
    ("month.md", "---\ntitle: A\npublished: 2024-13-45\n---\nDie Lage in Kiew bleibt angespannt.\n", True),
    ("zone.md", "---\ntitle: B\npublished: 2024-01-02T10:00:00+99:00\n---\nDie Lage in Kiew bleibt ruhig.\n", True),
    ("surrogate.md", '---\ntitle: "\\uD800"\n---\nDie Lage in Kiew wird beobachtet.\n', True),
    ("surrogate.jsonl", '{"text": "Die Lage \\ud800 in Kiew.", "title": "x"}\n', True),
])
def test_bad_input_one_bad_file_is_reported_and_the_run_goes_on(tmp_path: Path, name: str, content: str,
                                                                 stored: bool) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_text(content, encoding="utf-8")
    (folder / "good.txt").write_text("Eine gute Meldung über Moskau und Kiew.", encoding="utf-8")
    store = Store.open(tmp_path / "s.db")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = commands.ingest_paths(store, [folder])
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert store.count("articles") == (2 if stored else 1)
    if not stored:
        assert [source for source, _ in report.problems] == [str(folder / name)]
        assert "alias" in report.problems[0][1]
    assert grown_mib < 200
    for article in store.iter_articles():
        article.text.encode("utf-8")  # storable text: no lone surrogate left
        (article.title or "").encode("utf-8")
    store.close()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>x</script>",
                                 " javascript:alert(1)"])
def test_bad_input_a_script_url_is_never_a_link(tmp_path: Path, url: str) -> None:
    import json

    from fastapi.testclient import TestClient

    from lagebild.app import create_app

    (tmp_path / "a.jsonl").write_text(json.dumps({"text": "Die Lage in Kiew bleibt angespannt.", "url": url}),
                                      encoding="utf-8")
    store = Store.open(tmp_path / "u.db")
    report = commands.ingest_paths(store, [tmp_path / "a.jsonl"])
    (article,) = list(store.iter_articles())
    assert article.url is None and article.meta["url_refused"] == url.strip()
    store.close()
    page = TestClient(create_app(str(tmp_path / "u.db"))).get(f"/articles/{report.added[0]}").text
    assert "javascript:" not in page.lower() and "data:text" not in page


XML_BOMB = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
            '<rss version="2.0"><channel><item><title>x</title><description>&lol2;</description></item></channel></rss>\n')
XXE = ('<?xml version="1.0"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
       '<rss version="2.0"><channel><item><title>t</title><description>&xxe;</description></item></channel></rss>\n')


@pytest.mark.parametrize("name, content", [("bomb.txt", XML_BOMB), ("bomb.rss", XML_BOMB), ("xxe.txt", XXE),
                                           ("xxe.xml", XXE), ("-", XXE)])
def test_bad_input_xml_with_entities_is_refused_whatever_its_name(tmp_path: Path, name: str, content: str) -> None:
    import io

    store = Store.open(tmp_path / "x.db")
    if name == "-":
        report = commands.ingest_paths(store, ["-"], stdin=io.StringIO(content))
    else:
        (tmp_path / name).write_text(content, encoding="utf-8")
        report = commands.ingest_paths(store, [tmp_path / name])
    assert store.count("articles") == 0
    ((_, reason),) = report.problems
    assert "entity declarations" in reason
    store.close()


def test_bad_input_a_broken_feed_with_an_impossible_character_reference_is_reported(tmp_path: Path) -> None:
    """Found by the campaign's fuzzer: feedparser's lenient parser raised ValueError on
    ``&#x110000;`` in a broken Atom feed, and the run stopped with a traceback."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.atom").write_bytes(b'<feed xmlns="http://www.w3.org/2005/Atom"><title></title><entry><title>t'
                                      b'</title><content>Kiew &#x110000; &lt;</conten\xa3></ent')
    (folder / "good.txt").write_text("Eine gute Meldung \u00fcber Moskau und Kiew.", encoding="utf-8")
    store = Store.open(tmp_path / "f.db")
    report = commands.ingest_paths(store, [folder])
    assert store.count("articles") == 1
    ((source, reason),) = report.problems
    assert source == str(folder / "bad.atom") and reason.startswith("not a valid RSS/Atom feed")
    store.close()


@pytest.mark.parametrize("url, status", [("javascript:alert(1)", 422), ("data:text/html,<script>x</script>", 422),
                                         ("JAVASCRIPT:alert(1)", 422), ("https://example.org/a", 201)])
def test_bad_input_the_api_refuses_a_script_url(tmp_path: Path, url: str, status: int) -> None:
    """At ingest a script url was refused, but through the API it was stored as the article's url."""
    from fastapi.testclient import TestClient

    from lagebild.app import create_app

    Store.open(tmp_path / "a.db").close()
    client = TestClient(create_app(str(tmp_path / "a.db"), token="t"))
    response = client.post("/api/v1/articles", headers={"Authorization": "Bearer t"},
                           json={"articles": [{"text": "Kiew meldete am Montag einen Angriff.", "url": url}]})
    assert response.status_code == status, response.text
    store = Store.open(tmp_path / "a.db")
    assert [a.url for a in store.iter_articles()] == ([url] if status == 201 else [])
    store.close()
