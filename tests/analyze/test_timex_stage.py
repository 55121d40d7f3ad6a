"""The timex stage in the pipeline: registration, offsets, tense, narrative anchoring, seeds."""

from __future__ import annotations

import json
from datetime import date

import pytest

from lagebild.analyze.time.stage import STAGE, find_timexes
from lagebild.analyze.time.anchor import FUTURE, PAST, tense
from lagebild.model import Article
from lagebild.analyze.pipeline import Pipeline, registered
from tests.conftest import shared_path

CHAIN = ("lagebild.sentences", "lagebild.timex")


def test_timex_stage_is_registered_at_version_2():
    spec = registered()[STAGE]
    assert spec.version == "2"
    assert spec.provides == ("timexes",)


def test_timex_stage_records_offsets_and_stage_name():
    text = "Am 2. Januar 2024 trafen sich die Minister. Zwei Tage später reisten sie ab."
    doc = Pipeline.build(CHAIN).annotate(Article.create(text, language="de", published=date(2024, 1, 21)))
    found = doc.get("timexes")
    assert [(t.text, t.value) for t in found] == [("2. Januar 2024", "2024-01-02"), ("Zwei Tage später", "2024-01-04")]
    for t in found:
        assert doc.text[t.start:t.end] == t.text
        assert t.stage == "lagebild.timex.v2"
    assert found[1].anchored and not found[0].anchored


@pytest.mark.parametrize("sentence,language,expected", [
    ("Putin traf Kim im September.", "de", PAST),
    ("Putin hat Kim im September getroffen.", "de", PAST),
    ("Putin plant, im September zu reisen.", "de", FUTURE),
    ("Der Bericht wird im Juni vorgelegt.", "de", FUTURE),
    ("Nordkorea soll Munition geliefert haben.", "de", PAST),
    ("Kim met Putin in September.", "en", None),
    ("Kim was in Moscow in September.", "en", PAST),
    ("Putin will visit Pyongyang in September.", "en", FUTURE),
])
def test_timex_tense_cues(sentence, language, expected):
    assert tense(sentence, language) == expected


def test_timex_unknown_publication_date_keeps_values_underspecified():
    found = find_timexes("Im September traf Putin Kim. Letzte Woche reiste er ab.", None, "de")
    assert [t.value for t in found] == ["XXXX-09", "PAST_REF"]


def test_timex_narrative_passage_resolves_at_the_reference_time():
    text = "1936\n\nAm 21. Juli fiel die Stadt. Im Oktober begann die Offensive. Zwei Tage später endete sie."
    found = find_timexes(text, date(2011, 2, 16), "de")
    assert [t.value for t in found][:3] == ["1936", "1936-07-21", "1936-10"]


def test_timex_since_does_not_move_the_reference_time():
    text = "Seit Februar 2022 herrscht Krieg. Am 15. Januar hatte der Sprecher berichtet."
    found = find_timexes(text, date(2024, 1, 21), "de")
    assert [t.value for t in found] == ["2022-02", "2024-01-15"]


def test_timex_seeds_are_annotated():
    path = shared_path("seeds", "seeds.jsonl")
    pipeline = Pipeline.build(CHAIN)
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        published = date.fromisoformat(item["published"]) if item.get("published") else None
        article = Article.create(item["text"], language=item.get("language"), published=published)
        found = pipeline.annotate(article).get("timexes")
        assert found, item["id"]
        for t in found:
            assert article.text[t.start:t.end] == t.text


def test_timex_clause_tense_decides_weekday_of_a_report():
    text = "Wie die Agentur KCNA am Sonntag berichtete, will Putin Nordkorea in naher Zukunft besuchen."
    found = find_timexes(text, date(2024, 1, 21), "de")
    assert [(t.text, t.value) for t in found] == [("Sonntag", "2024-01-21"), ("in naher Zukunft", "FUTURE_REF")]


def test_timex_year_change_inside_a_sentence():
    text = "Zwischen dem 30. Dezember und dem 2. Januar feuerte Russland mehrere Raketen ab."
    found = find_timexes(text, date(2024, 1, 5), "de")
    assert [t.value for t in found] == ["2023-12-30", "2024-01-02"]


def test_timex_old_year_in_news_does_not_make_the_report_narrative():
    text = ("Russia vetoed the renewal on Thursday. The panel, set up in 2009, will stop working at the end "
            "of April. Putin is expected to travel to Pyongyang later this year.")
    found = find_timexes(text, date(2024, 3, 29), "en")
    assert [(t.text, t.value) for t in found] == [
        ("Thursday", "2024-03-28"), ("2009", "2009"), ("the end of April", "2024-04"), ("later this year", "2024")]


def test_timex_a_since_phrase_is_no_reference_for_later_dates():
    """"Seit … im Februar 2022 ist …" starts a span; "am 15. Januar" in the next sentence of a
    January 2024 report is this January, not January 2022."""
    from datetime import date

    from lagebild.analyze.pipeline import Pipeline
    from lagebild.model import Article

    text = ("Seit Beginn der russischen Invasion in der Ukraine im Februar 2022 ist die Zusammenarbeit eng. "
            "Ein Sprecher hatte bereits am 15. Januar berichtet, dass Munition geliefert wurde.")
    doc = Pipeline.build(["lagebild.sentences", "lagebild.timex"]).annotate(
        Article.create(text, language="de", published=date(2024, 1, 21)))
    values = {t.text: t.value for t in doc.get("timexes")}
    assert values["Februar 2022"] == "2022-02" and values["15. Januar"] == "2024-01-15"
