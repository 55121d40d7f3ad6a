"""RSS and Atom feeds: one article per entry, broken feeds reported."""

from __future__ import annotations

from datetime import date

import pytest

from lagebild.errors import InputError
from lagebild.ingest.draft import Draft, Overrides, finish
from lagebild.ingest.feeds import looks_like_feed, read_feed

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Tagesblatt Politik</title><link>https://example.org</link>
<language>de-de</language>
<item><title>Munition aus Nordkorea</title><link>https://example.org/1</link><guid>tb-1</guid>
<pubDate>Sun, 21 Jan 2024 23:30:00 -0500</pubDate>
<description>&lt;p&gt;Nordkorea hat laut Kiew &lt;b&gt;Munition&lt;/b&gt; an Russland geliefert.&lt;/p&gt;&lt;p&gt;Moskau schweigt.&lt;/p&gt;</description></item>
<item><title>Ohne Text</title><link>https://example.org/2</link></item>
<item><title>Treffen in Pjöngjang</title><description>Die Delegation reiste am Montag weiter nach Wladiwostok.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>World Desk</title><id>urn:desk</id>
<entry><title>Talks in Moscow</title><link href="https://example.com/talks"/><id>urn:desk:1</id>
<updated>2024-01-16T21:00:00+03:00</updated><summary>Short summary.</summary>
<content type="html">&lt;p&gt;The foreign ministers met in Moscow on Tuesday and discussed closer military ties.&lt;/p&gt;</content>
</entry></feed>"""


def test_feeds_rss_entries():
    items = list(read_feed(RSS.encode(), "politik.rss"))
    assert [type(i) for i in items] == [Draft, InputError, Draft]
    first = finish(items[0], Overrides())
    assert first.source == "politik.rss#1"
    assert first.text == "Nordkorea hat laut Kiew Munition an Russland geliefert.\nMoskau schweigt."
    assert (first.title, first.outlet, first.url, first.external_id) == (
        "Munition aus Nordkorea", "Tagesblatt Politik", "https://example.org/1", "tb-1")
    assert first.published == date(2024, 1, 21)  # the date as printed, not shifted to UTC
    assert first.language == "de"
    assert items[1].source == "politik.rss#2"
    assert items[1].reason == "feed entry without text (no content or summary)"
    assert finish(items[2], Overrides()).published is None


def test_feeds_atom_content_wins_over_summary():
    (draft,) = read_feed(ATOM.encode(), "desk.atom")
    article = finish(draft, Overrides())
    assert article.text.startswith("The foreign ministers met in Moscow")
    assert (article.outlet, article.url, article.external_id) == ("World Desk", "https://example.com/talks", "urn:desk:1")
    assert article.published == date(2024, 1, 16) and article.language == "en"


@pytest.mark.parametrize(
    "data,reason",
    [
        ("<rss version='2.0'><channel><title>Leer</title></channel></rss>", "feed has no entries"),
        ("<?xml version='1.0'?><urlset><url/></urlset>",
         "not a valid RSS/Atom feed: the root element is <urlset>, not <rss>, <feed> or <rdf:RDF>"),
        ("Das ist gar kein XML.", "not a valid RSS/Atom feed: no XML root element, not <rss>, <feed> or <rdf:RDF>"),
        ("<rss version='2.0'><chan", "not a valid RSS/Atom feed:"),
    ],
)
def test_feeds_broken(data, reason):
    items = list(read_feed(data.encode(), "bad.xml"))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert items[0].source == "bad.xml" and items[0].reason.startswith(reason)


def test_feeds_truncated_recovers_entries_and_reports():
    truncated = RSS[: RSS.index("<item><title>Treffen")] + "<item><title>Abgeschni"
    items = list(read_feed(truncated.encode(), "cut.rss"))
    errors = [i for i in items if isinstance(i, InputError) and i.source == "cut.rss"]
    assert len(errors) == 1 and errors[0].reason.startswith("malformed feed (")
    assert isinstance(items[0], Draft) and items[0].title == "Munition aus Nordkorea"


@pytest.mark.parametrize(
    "data,expected",
    [
        (RSS, True), (ATOM, True), ("\ufeff  <rss version='2.0'>", True),
        ("<?xml version='1.0'?><!-- Kommentar --><rdf:RDF xmlns:rdf='x'>", True),
        ("<html><body>", False), ("Ein Text über <rss>-Feeds.", False),
    ],
)
def test_feeds_looks_like(data, expected):
    assert looks_like_feed(data.encode()) is expected


_FEED_DATES = [
    '<rss version="2.0"><channel><title>F</title><item><title>A</title>'
    "<pubDate>Sun, 03 Mar 2024 09:00:00 +0100</pubDate><description>Graz beschließt Hilfen.</description>"
    "</item></channel></rss>",
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>F</title><item>'
    "<title>A</title><dc:date>2024-03-03T09:00:00+01:00</dc:date><description>Graz beschließt Hilfen."
    "</description></item></channel></rss>",
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>F</title></channel><item><title>A</title>'
    "<dc:date>2024-03-03</dc:date><description>Graz beschließt Hilfen.</description></item></rdf:RDF>",
    # Atom: published wins over updated
    '<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><title>A</title>'
    "<published>2024-03-03T09:00:00Z</published><updated>2024-03-05T09:00:00Z</updated>"
    "<summary>Graz beschließt Hilfen.</summary></entry></feed>",
    '<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><title>A</title>'
    "<updated>2024-03-03T09:00:00Z</updated><summary>Graz beschließt Hilfen.</summary></entry></feed>",
]


@pytest.mark.parametrize("feed", _FEED_DATES)
def test_feeds_date_fields(feed):
    (draft,) = read_feed(feed.encode(), "f.xml")
    article = finish(draft, Overrides())
    assert article.published == date(2024, 3, 3) and not article.published_inferred
