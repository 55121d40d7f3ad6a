"""Plain text and Markdown with optional YAML front matter."""

from __future__ import annotations

from datetime import date

import pytest

from lagebild.errors import InputError
from lagebild.ingest.draft import Overrides, finish
from lagebild.ingest.text import first_heading, read_text, split_front_matter, strip_markdown

BODY = "Nordkorea hat nach Angaben aus Kiew weitere Granaten an Russland geliefert.\n"


def test_text_front_matter_fields_and_meta():
    text = (
        "---\ntitle: Lieferungen gehen weiter\npublished: 2024-01-21\noutlet: Tagesblatt\n"
        "url: https://example.org/1\nlanguage: de\nid: tb-17\nauthor: Anna Beispiel\n"
        "tags: [nordkorea, russland]\nupdated: 2024-01-22\n---\n" + BODY
    )
    draft = read_text(text, "a.txt")
    article = finish(draft, Overrides())
    assert article.text == BODY.strip()
    assert (article.title, article.outlet, article.url, article.external_id) == (
        "Lieferungen gehen weiter", "Tagesblatt", "https://example.org/1", "tb-17")
    assert article.published == date(2024, 1, 21) and not article.published_inferred
    assert article.language == "de"
    assert article.meta == {"author": "Anna Beispiel", "tags": ["nordkorea", "russland"], "updated": "2024-01-22"}


@pytest.mark.parametrize(
    "text,meta,body",
    [
        (BODY, {}, BODY),
        ("---\n---\n" + BODY, {}, BODY),
        ("---\r\nlanguage: de\r\n---\r\n" + BODY, {"language": "de"}, BODY),
        ("---\ndate: 21.01.2024\n...\n" + BODY, {"date": "21.01.2024"}, BODY),
        ("---\nnur eine Trennlinie ohne Ende\n" + BODY, {}, "---\nnur eine Trennlinie ohne Ende\n" + BODY),
    ],
)
def test_text_split_front_matter(text, meta, body):
    assert split_front_matter(text) == (meta, body)


@pytest.mark.parametrize(
    "text,reason",
    [
        ("---\ntitle: [nicht geschlossen\n---\n" + BODY, "invalid YAML front matter: expected ',' or ']'"),
        ("---\n- eins\n- zwei\n---\n" + BODY, "invalid YAML front matter: not a set of 'key: value' lines"),
        ("---\ntitle: x\n---\n  \n", "no text after the front matter"),
    ],
)
def test_text_bad_front_matter(text, reason):
    result = read_text(text, "bad.txt")
    assert isinstance(result, InputError)
    assert result.source == "bad.txt" and result.reason.startswith(reason)


def test_text_date_alias_and_unparsed_date_kept():
    article = finish(read_text("---\ndate: 21. Januar 2024\n---\n" + BODY, "a.txt"), Overrides())
    assert article.published == date(2024, 1, 21)
    article = finish(read_text("---\npublished: letzte Woche\n---\n" + BODY, "a.txt"), Overrides())
    assert article.published is None and article.meta["published_unparsed"] == "letzte Woche"


MARKDOWN = [
    ("# Die große Lieferung", "Die große Lieferung"),
    ("## Hintergrund ##", "Hintergrund"),
    ("Laut **Kiew** wurden *rund* 500 _Container_ verladen.", "Laut Kiew wurden rund 500 Container verladen."),
    ("Das berichtete [Reuters](https://www.reuters.com/) am Montag.", "Das berichtete Reuters am Montag."),
    ("Siehe ![Karte der Route](karte.png) und [Bericht][1].", "Siehe Karte der Route und Bericht."),
    ("> Wir haben nichts geliefert, sagte der Sprecher.", "Wir haben nichts geliefert, sagte der Sprecher."),
    ("Der Code `KN-23` steht für eine Rakete.", "Der Code KN-23 steht für eine Rakete."),
    ("Die Variable snake_case_name bleibt, 2*3*4 auch.", "Die Variable snake_case_name bleibt, 2*3*4 auch."),
    ("~~Falsch~~ Richtig: 1\\*2", "Falsch Richtig: 1*2"),
    ("- Punkt eins\n- Punkt zwei", "- Punkt eins\n- Punkt zwei"),
    ("Absatz.\n\n---\n\n[1]: https://example.org\nWeiter.", "Absatz.\n\n\n\n\nWeiter."),
]


@pytest.mark.parametrize("markdown,plain", MARKDOWN)
def test_text_strip_markdown(markdown, plain):
    assert strip_markdown(markdown) == plain


def test_text_markdown_title_from_first_heading():
    md = "Vorspann ohne Titel.\n\n# Raketen aus *Nordkorea*\n\nText.\n\n# Zweiter Titel\n"
    assert first_heading(md) == "Raketen aus Nordkorea"
    article = finish(read_text(md, "a.md", markdown=True), Overrides())
    assert article.title == "Raketen aus Nordkorea"
    assert article.text == "Vorspann ohne Titel.\n\nRaketen aus Nordkorea\n\nText.\n\nZweiter Titel"


def test_text_markdown_front_matter_title_wins():
    md = "---\ntitle: Gegebener Titel\n---\n# Überschrift\n\nText zur Lage.\n"
    assert finish(read_text(md, "a.md", markdown=True), Overrides()).title == "Gegebener Titel"
