"""HTML pages via trafilatura (offline), and HTML fragments flattened to text."""

from __future__ import annotations

from datetime import date

import pytest

from lagebild.errors import InputError
from lagebild.ingest.draft import Overrides, finish
from lagebild.ingest.html import html_to_text, read_html

PAGE = """<!doctype html><html lang="de-DE"><head>
<meta charset="utf-8"><title>Nordkorea liefert Munition | Tagesblatt</title>
<meta property="og:site_name" content="Tagesblatt">
<meta property="article:published_time" content="2024-01-21T09:30:00+01:00">
<link rel="canonical" href="https://example.org/politik/munition"></head>
<body><nav><a href="/">Start</a> | <a href="/politik">Politik</a> | <a href="/sport">Sport</a></nav>
<article><h1>Nordkorea liefert Munition</h1>
<p>Nordkorea hat nach Angaben des ukrainischen Militärgeheimdienstes große Mengen Artilleriemunition an Russland geliefert.</p>
<p>Die Regierung in Kiew sprach am Sonntag von einer gefährlichen Entwicklung für die gesamte Region.</p>
</article><footer>Impressum · Datenschutz</footer></body></html>"""


def test_html_main_text_and_metadata():
    article = finish(read_html(PAGE.encode("utf-8"), "page.html"), Overrides())
    assert "Artilleriemunition an Russland geliefert." in article.text
    assert "Impressum" not in article.text and "Sport" not in article.text
    assert article.title == "Nordkorea liefert Munition"
    assert article.outlet == "Tagesblatt"
    assert article.url == "https://example.org/politik/munition"
    assert article.published == date(2024, 1, 21) and not article.published_inferred
    assert article.language == "de"


def test_html_declared_charset():
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("–", "-")
    article = finish(read_html(page.encode("cp1252"), "page.html"), Overrides())
    assert "gefährlichen Entwicklung" in article.text


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><div><p>Die Regierung in Kiew <b>meldete am Dienstag neue Angriffe<div></p></span>",
        "<p>Moskau bestätigte das Treffen nicht.<p>Seoul schwieg.</table></html></body>",
        "<html><body><p>Ein &unbekanntes; Zeichen und &#xZZ; kaputte Entitäten im Bericht über Pjöngjang.</p>",
    ],
)
def test_html_malformed_still_read(html):
    result = read_html(html.encode("utf-8"), "bad.html")
    assert not isinstance(result, InputError)
    assert finish(result, Overrides()).text


@pytest.mark.parametrize(
    "html",
    [
        "<<<>>><<</>",
        "<html><head><title>Nur ein Titel</title></head><body><script>var a = 1;</script></body></html>",
        "<html><body>   </body></html>",
    ],
)
def test_html_without_main_text(html):
    result = read_html(html.encode("utf-8"), "empty.html")
    assert isinstance(result, InputError)
    assert result.reason == "HTML without any main text"


FRAGMENTS = [
    ("<p>Nordkorea hat <b>Munition</b> geliefert.</p><p>Zweiter Absatz.</p>",
     "Nordkorea hat Munition geliefert.\nZweiter Absatz."),
    ("Zeile eins<br>Zeile zwei", "Zeile eins\nZeile zwei"),
    ("Kiew &amp; Moskau<script>alert(1)</script><!-- Kommentar -->", "Kiew & Moskau"),
    ("<ul><li>Granaten</li><li>Raketen</li></ul>", "Granaten\nRaketen"),
    ("ohne Markup", "ohne Markup"),
]


@pytest.mark.parametrize("fragment,text", FRAGMENTS)
def test_html_fragment_to_text(fragment, text):
    assert html_to_text(fragment) == text


_BODY = ("<p>Die Landesregierung in Graz hat am Montag ein neues Hilfspaket für die Gemeinden im "
         "Süden beschlossen, wie ein Sprecher mitteilte.</p>") * 3
_DATE_MARKUP = [
    '<meta property="article:published_time" content="2024-03-03T09:30:00+01:00">',
    '<meta property="og:published_time" content="2024-03-03T09:30:00+01:00">',
    '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
    ' "headline": "Hilfspaket", "datePublished": "2024-03-03T10:00:00+01:00"}</script>',
    '<meta name="date" content="2024-03-03">',
    '<meta name="DC.date" content="2024-03-03">',
    '<meta name="DC.date.issued" content="2024-03-03">',
    '<meta itemprop="datePublished" content="2024-03-03">',
]


@pytest.mark.parametrize("markup", _DATE_MARKUP)
def test_html_date_from_metadata(markup):
    page = f"<html><head><title>Hilfspaket</title>{markup}</head><body><article>{_BODY}</article></body></html>"
    article = finish(read_html(page.encode("utf-8"), "page.html"), Overrides())
    assert article.published == date(2024, 3, 3) and not article.published_inferred


def test_html_date_from_time_element():
    page = ('<html><head><title>Hilfspaket</title></head><body><article>'
            f'<time datetime="2024-03-03T10:00">3. März</time>{_BODY}</article></body></html>')
    article = finish(read_html(page.encode("utf-8"), "page.html"), Overrides())
    assert article.published == date(2024, 3, 3) and not article.published_inferred


def test_html_date_from_byline_when_markup_has_none():
    page = (f'<html><head><title>Hilfspaket</title></head><body><article>{_BODY}'
            '<p>(red, 4.3.2024)</p></article></body></html>')
    article = finish(read_html(page.encode("utf-8"), "page.html"), Overrides())
    assert article.published == date(2024, 3, 4) and article.published_inferred


# --- pages over STREAM_BYTES: one streaming pass, no tree --------------------------------------


@pytest.fixture
def stream_all(monkeypatch):
    """Every page read as a large one is (the bound lowered, not the page made large)."""
    from lagebild.ingest import html

    monkeypatch.setattr(html, "STREAM_BYTES", 0)


def test_html_large_page_main_text_and_metadata_match_the_small_page_reader(stream_all):
    article = finish(read_html(PAGE.encode("utf-8"), "page.html"), Overrides())
    assert article.text.splitlines() == [
        "Nordkorea liefert Munition",
        "Nordkorea hat nach Angaben des ukrainischen Militärgeheimdienstes große Mengen Artilleriemunition an "
        "Russland geliefert.",
        "Die Regierung in Kiew sprach am Sonntag von einer gefährlichen Entwicklung für die gesamte Region."]
    assert article.title == "Nordkorea liefert Munition" and article.outlet == "Tagesblatt"
    assert article.url == "https://example.org/politik/munition"
    assert article.published == date(2024, 1, 21) and article.language == "de"


def test_html_large_page_leaves_out_boilerplate_and_reads_a_body_without_article(stream_all):
    page = ("<html><head><title>Lage</title><style>p { color: red }</style></head><body>"
            "<header><p>Tagesblatt – Startseite</p></header><script>var x = '<p>nein</p>';</script>"
            "<div><p>Erster <b>Absatz</b> mit   Leerraum.</p><ul><li>Punkt eins</li><li>Punkt zwei</li></ul>"
            "<aside>Lesen Sie auch</aside><form><button>Abonnieren</button></form><p>Letzter Absatz.</p></div>"
            "<footer>Impressum</footer></body></html>")
    draft = read_html(page.encode("utf-8"), "big.html")
    assert draft.text.splitlines() == ["Erster Absatz mit Leerraum.", "Punkt eins", "Punkt zwei", "Letzter Absatz."]
    assert draft.title == "Lage"


def test_html_large_page_too_deep_or_empty_is_reported(stream_all):
    deep = "<html><body>" + "<div>" * 60 + "Text" + "</div>" * 60 + "</body></html>"
    found = read_html(deep.encode("utf-8"), "deep.html", max_depth=50)
    assert isinstance(found, InputError) and "max_depth" in found.reason
    found = read_html(b"<html><body><nav>Start</nav><script>x()</script></body></html>", "empty.html")
    assert isinstance(found, InputError) and "without any main text" in found.reason
