"""Watching feeds round after round, against a site on 127.0.0.1: the first round takes every
entry from the page it links to, an unchanged feed (304, or the same body) costs one request
and yields nothing, a changed feed yields only its new entries; a page that cannot be had falls
back to the feed's text; lists of addresses are read with their line numbers."""

from __future__ import annotations

from pathlib import Path

from lagebild.errors import InputError
from lagebild.ingest.watch import Watch, read_url_list
from tests.ingest.webserver import Site, page, rss, site  # noqa: F401 - the fixture

STORIES = {
    "/politik/munition": ("Nordkorea liefert Munition",
                          "Nordkorea hat nach Angaben des ukrainischen Militärgeheimdienstes große Mengen "
                          "Artilleriemunition an Russland geliefert. Die Regierung in Kiew sprach am Sonntag von "
                          "einer gefährlichen Entwicklung für die gesamte Region."),
    "/politik/treffen": ("Außenministerin in Moskau",
                         "Die nordkoreanische Außenministerin Choe Son-hui ist zu Gesprächen in Moskau eingetroffen. "
                         "Sie wurde am Dienstag von ihrem russischen Kollegen Sergej Lawrow empfangen."),
    "/politik/sanktionen": ("Neue Sanktionen",
                            "Die Vereinigten Staaten haben neue Sanktionen gegen russische und nordkoreanische "
                            "Unternehmen verhängt. Sie sollen den Waffenhandel zwischen beiden Ländern erschweren."),
}


def _publish(site: Site, paths: list[str], *, etag: str | None = None, validators: bool = True) -> str:
    items = []
    for path in paths:
        title, text = STORIES[path]
        site.put(path, page(title, text, published="2024-01-21T09:30:00+01:00", site_name="Tagesblatt"))
        items.append({"title": title, "link": site.url(path), "guid": path,
                      "description": f"Kurz: {title}. Mehr im Artikel.", "pubDate": "Sun, 21 Jan 2024 09:30:00 GMT"})
    kwargs = {"etag": etag or f'"{len(paths)}"'} if validators else {}
    return site.put("/feed.xml", rss("Tagesblatt Politik", items), content_type="application/rss+xml", **kwargs)


def test_watch_takes_new_entries_and_skips_unchanged_rounds(site: Site) -> None:
    feed = _publish(site, ["/politik/munition", "/politik/treffen"])
    watch = Watch([feed], pause=0)
    first = watch.round()
    assert first.states == {feed: "changed"}
    assert [a.title for a in first.found] == ["Nordkorea liefert Munition", "Außenministerin in Moskau"]
    munition = first.found[0]
    assert "Artilleriemunition an Russland geliefert" in munition.text and "Kurz:" not in munition.text
    assert munition.url == site.url("/politik/munition") and munition.outlet == "Tagesblatt"
    assert str(munition.published) == "2024-01-21"
    assert munition.meta["feed_entry"] == feed + "#1"

    second = watch.round()
    assert second.states == {feed: "unchanged"} and second.found == []
    assert site.statuses("/feed.xml") == [200, 304]
    assert site.requests[-1][1]["If-None-Match"] == '"2"'

    _publish(site, ["/politik/sanktionen", "/politik/munition", "/politik/treffen"])
    third = watch.round()
    assert third.states == {feed: "changed"}
    assert [a.title for a in third.found] == ["Neue Sanktionen"]
    pages_read = [p for p, _ in site.requests if p.startswith("/politik/")]
    assert pages_read == ["/politik/munition", "/politik/treffen", "/politik/sanktionen"]  # each page once


def test_watch_same_body_without_validators_is_unchanged(site: Site) -> None:
    feed = _publish(site, ["/politik/munition"], validators=False)
    watch = Watch([feed], follow=False, pause=0)
    assert len(watch.round().found) == 1
    again = watch.round()
    assert again.states == {feed: "unchanged"} and again.found == []
    assert site.statuses("/feed.xml") == [200, 200]


def test_watch_without_follow_keeps_the_feed_text(site: Site) -> None:
    feed = _publish(site, ["/politik/munition"])
    [article] = Watch([feed], follow=False, pause=0).round().found
    assert article.text == "Kurz: Nordkorea liefert Munition. Mehr im Artikel."
    assert not [p for p, _ in site.requests if p.startswith("/politik/")]


def test_watch_falls_back_to_the_feed_text_when_the_page_fails(site: Site) -> None:
    feed = _publish(site, ["/politik/munition"])
    del site.resources["/politik/munition"]
    [article] = Watch([feed], pause=0).round().found
    assert article.text == "Kurz: Nordkorea liefert Munition. Mehr im Artikel."
    assert article.meta["page_unread"] == f"{site.url('/politik/munition')}: HTTP 404 Not Found"


def test_watch_a_page_and_a_failing_source(site: Site) -> None:
    title, text = STORIES["/politik/treffen"]
    url = site.put("/politik/treffen", page(title, text), etag='"p1"')
    missing = site.url("/gone.xml")
    watch = Watch([url, missing, url], pause=0)  # the same address twice is asked once
    first = watch.round()
    assert first.states == {url: "changed", missing: "failed"}
    assert [type(f).__name__ for f in first.found] == ["Article", "InputError"]
    assert (first.found[1].source, first.found[1].reason) == (missing, "HTTP 404 Not Found")
    assert watch.round().states[url] == "unchanged"
    site.put("/politik/treffen", page(title, text + " Ein Ergebnis wurde nicht bekannt."), etag='"p2"')
    third = watch.round()
    assert third.states[url] == "changed" and "Ergebnis" in third.found[0].text


def test_watch_reads_lists_of_addresses(tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text("# Politik\nhttps://example.org/feed.xml\n\n  http://example.net/rss  \n", encoding="utf-8")
    assert read_url_list(str(listing)) == ["https://example.org/feed.xml", "http://example.net/rss"]
    assert read_url_list("https://example.org/a") == ["https://example.org/a"]
    listing.write_text("https://example.org/feed.xml\nfeeds/local.xml\n", encoding="utf-8")
    bad = read_url_list(str(listing))
    assert isinstance(bad, InputError) and bad.source == f"{listing}:2" and "not an http(s) address" in bad.reason
    missing = read_url_list(str(tmp_path / "nope.txt"))
    assert isinstance(missing, InputError) and "neither an http(s) address" in missing.reason
    (tmp_path / "empty.txt").write_text("# nothing yet\n", encoding="utf-8")
    assert read_url_list(str(tmp_path / "empty.txt")).reason == "the list holds no address"


def test_watch_state_carries_over_to_a_later_watch(site: Site, tmp_path: Path) -> None:
    feed = _publish(site, ["/politik/munition", "/politik/treffen"])
    state = tmp_path / "watch.json"
    first = Watch([feed], pause=0)
    assert first.load(state) is None  # no file yet: a first run
    assert len(first.round().found) == 2
    assert first.save(state) is None

    later = Watch([feed, site.url("/other.xml")], pause=0)
    assert later.load(state) is None
    assert later.round().states[feed] == "unchanged"
    assert site.requests[-2][1]["If-None-Match"] == '"2"'  # the feed, asked conditionally
    _publish(site, ["/politik/sanktionen", "/politik/munition", "/politik/treffen"])
    found = later.round().found
    assert [a.title for a in found if not isinstance(a, InputError)] == ["Neue Sanktionen"]  # old ones not again
    assert [p for p, _ in site.requests if p.startswith("/politik/")] == \
        ["/politik/munition", "/politik/treffen", "/politik/sanktionen"]


def test_watch_state_that_cannot_be_read_or_written(site: Site, tmp_path: Path) -> None:
    feed = _publish(site, ["/politik/munition"])
    state = tmp_path / "watch.json"
    state.write_text("{not json", encoding="utf-8")
    watch = Watch([feed], pause=0)
    problem = watch.load(state)
    assert problem is not None and problem.source == str(state) and "starting afresh" in problem.reason
    assert len(watch.round().found) == 1
    state.write_text('{"version": 99, "sources": {}}', encoding="utf-8")
    assert "not a lagebild watch state" in Watch([feed], pause=0).load(state).reason
    unwritable = watch.save(tmp_path / "missing-folder" / "watch.json")
    assert unwritable is not None and "watch state not written" in unwritable.reason


def test_watch_forgets_the_oldest_entries_past_the_bound(monkeypatch) -> None:
    from lagebild.ingest import watch as watch_module
    from lagebild.ingest.watch import Source

    monkeypatch.setattr(watch_module, "MAX_TAKEN", 3)
    source = Source("http://127.0.0.1/feed.xml")
    assert [source.take(k) for k in ("a", "b", "a", "c", "d")] == [True, True, False, True, True]
    assert list(source.taken) == ["b", "c", "d"]


def test_watch_a_feed_out_of_time_is_read_again_next_round(site: Site) -> None:
    from lagebild.ingest import Limits
    from lagebild.ingest.limits import time_reason

    feed = _publish(site, ["/politik/munition"])
    watch = Watch([feed], limits=Limits(file_seconds=1e-6), follow=False, pause=0)
    cut = watch.round()
    assert cut.states == {feed: "changed"}
    assert [(e.source, e.reason) for e in cut.found] == [(feed, time_reason(1e-6))]
    watch.limits = Limits()
    again = watch.round()  # nothing of the cut answer was kept: asked unconditionally, read whole
    assert "If-None-Match" not in site.requests[-1][1]
    assert [a.title for a in again.found] == ["Nordkorea liefert Munition"]


def test_watch_pauses_between_requests_to_one_host(site: Site) -> None:
    import time

    feed = _publish(site, ["/politik/munition", "/politik/treffen"])
    started = time.monotonic()
    assert len(Watch([feed], pause=0.4).round().found) == 2
    assert time.monotonic() - started >= 0.8  # feed, page, page: two waits
