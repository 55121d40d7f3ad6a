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


def test_timex_stage_is_registered_at_version_17():
    spec = registered()[STAGE]
    assert spec.version == "17"
    assert spec.provides == ("timexes",)


def test_timex_stage_records_offsets_and_stage_name():
    text = "Am 2. Januar 2024 trafen sich die Minister. Zwei Tage später reisten sie ab."
    doc = Pipeline.build(CHAIN).annotate(Article.create(text, language="de", published=date(2024, 1, 21)))
    found = doc.get("timexes")
    assert [(t.text, t.value) for t in found] == [("2. Januar 2024", "2024-01-02"), ("Zwei Tage später", "2024-01-04")]
    for t in found:
        assert doc.text[t.start:t.end] == t.text
        assert t.stage == "lagebild.timex.v17"
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


# year-less dates: the publication date and the tense, not an earlier year the text named
YEARLESS = [
    # a date that would turn back before the date just named is no continuation of it
    ("de", date(2024, 1, 21), "Im Februar 2022 marschierte Russland in die Ukraine ein. "
     "Am 2. Januar griffen erstmals nordkoreanische Raketen Charkiw an.", "2. Januar", "2024-01-02"),
    ("de", date(2024, 1, 21), "Die Invasion begann am 24. Februar 2022. Am 15. Januar hatte ein "
     "Sprecher neue Lieferungen gemeldet.", "15. Januar", "2024-01-15"),
    ("en", date(2024, 1, 21), "Russia invaded Ukraine in February 2022. On 15 January, a spokesman "
     "said that the shells had arrived.", "15 January", "2024-01-15"),
    ("en", date(2024, 1, 21), "The war began on February 24, 2022. Missiles hit Kharkiv on January 2, "
     "officials said.", "January 2", "2024-01-02"),
    # ... but one that goes on from it, or turns back only a few days, keeps its year
    ("de", date(2024, 1, 21), "Am 24. Februar 2022 begann die Invasion. Am 2. März hatten russische "
     "Truppen Cherson erobert.", "2. März", "2022-03-02"),
    ("de", date(2024, 1, 21), "Am 24. Februar 2022 begann die Invasion. Schon am 20. Februar hatten "
     "Beobachter Truppen an der Grenze gemeldet.", "20. Februar", "2022-02-20"),
    ("en", date(2024, 1, 21), "The invasion began on February 24, 2022. On March 2, Russian troops "
     "captured Kherson.", "March 2", "2022-03-02"),
    # past: not after publication (a few weeks allowed, below); future: not before publication
    ("de", date(2024, 1, 21), "Am 23. Januar hatte die Regierung die Zahlen vorgelegt.", "23. Januar",
     "2024-01-23"),
    ("de", date(2024, 1, 21), "Am 15. März hatte die Regierung die Zahlen vorgelegt.", "15. März",
     "2023-03-15"),
    # ... a day a few weeks ahead in a past-tense sentence is a date set, not last year's
    ("de", date(2024, 1, 21), "Ein neuer Termin für das Urteil wurde für den 29. Januar angesetzt.",
     "29. Januar", "2024-01-29"),
    ("de", date(2015, 9, 12), "Die Partei hat ihre Kundgebung am 25. September abgesagt.", "25. September",
     "2015-09-25"),
    ("en", date(2024, 1, 21), "The hearing was postponed to February 10.", "February 10", "2024-02-10"),
    ("de", date(2024, 1, 21), "Der Gipfel wird am 20. Januar beginnen.", "20. Januar", "2025-01-20"),
    ("en", date(2024, 1, 21), "The summit will open on January 25.", "January 25", "2024-01-25"),
    # no publication date: the narrative anchors
    ("de", None, "Im Juni 1914 wurde der Thronfolger ermordet. Am 28. Juli erklärte Österreich-Ungarn "
     "Serbien den Krieg.", "28. Juli", "1914-07-28"),
    ("en", None, "In June 1914 the heir was murdered. On July 28, Austria-Hungary declared war.",
     "July 28", "1914-07-28"),
]


@pytest.mark.parametrize("language,published,text,surface,expected", YEARLESS)
def test_timex_yearless_date_anchors_on_publication_and_tense(language, published, text, surface, expected):
    found = {t.text: t.value for t in find_timexes(text, published, language)}
    assert found[surface] == expected


TURN_OF_YEAR = [
    # the winter that spans the change of year, never a day
    ("de", date(2024, 1, 21), "Über den Jahreswechsel griffen russische Truppen Charkiw an.", "Jahreswechsel",
     "2023-WI"),
    ("de", date(2023, 10, 12), "Zum Jahreswechsel soll das neue Gesetz gelten.", "Jahreswechsel", "2023-WI"),
    ("de", date(2024, 1, 21), "Zur Jahreswende 2022/23 stockte die Offensive.", "Jahreswende 2022/23", "2022-WI"),
    ("de", None, "Über den Jahreswechsel griffen russische Truppen Charkiw an.", "Jahreswechsel", "XXXX-WI"),
    ("de", None, "Im Herbst 1914 erstarrte die Front. Zur Jahreswende kam es zu Verbrüderungen.", "Jahreswende",
     "1914-WI"),
    ("en", date(2024, 1, 21), "Over the turn of the year, Russian forces struck Kharkiv.",
     "the turn of the year", "2023-WI"),
    # vague parts of a month or year stay at month or year precision
    ("de", date(2024, 1, 21), "Mitte Januar lieferte Nordkorea Raketen.", "Mitte Januar", "2024-01"),
    ("de", date(2024, 1, 21), "Anfang des Jahres lieferte Nordkorea Raketen.", "Anfang des Jahres", "2024"),
    ("de", date(2024, 1, 21), "Ende letzten Jahres lieferte Nordkorea Raketen.", "Ende letzten Jahres", "2023"),
    ("en", date(2024, 1, 21), "In mid-January, North Korea delivered missiles.", "mid-January", "2024-01"),
    ("en", date(2024, 1, 21), "At the end of last year, North Korea delivered missiles.", "the end of last year",
     "2023"),
]


@pytest.mark.parametrize("language,published,text,surface,expected", TURN_OF_YEAR)
def test_timex_vague_times_keep_a_coarse_value(language, published, text, surface, expected):
    found = {t.text: t.value for t in find_timexes(text, published, language)}
    assert found[surface] == expected


@pytest.mark.parametrize("published,text,surface,expected", [
    (date(2016, 1, 15), "Über den Jahreswechsel hatten die Gemeinden gewartet. Am 2. Jänner hatte der "
     "Bürgermeister Alarm geschlagen.", "2. Jänner", "2016-01-02"),
    (None, "Im Herbst 1914 erstarrte die Front. Zur Jahreswende kam es zu Verbrüderungen. Im Februar "
     "begann eine neue Offensive.", "Februar", "1915-02"),
])
def test_timex_after_the_turn_of_year_the_text_is_in_the_new_year(published, text, surface, expected):
    found = {t.text: t.value for t in find_timexes(text, published, "de")}
    assert found[surface] == expected


def test_timex_turn_of_year_is_compatible_with_days_on_both_sides():
    from lagebild.model.timevalue import compatible, precision

    assert precision("2023-WI") == "season"
    assert compatible("2023-WI", "2023-12-30") and compatible("2023-WI", "2024-01-02")
    assert not compatible("2023-WI", "2024-03-10")


def test_timex_seed_001_dates_of_january_are_2024():
    """Seed 001 (a report of 21 January 2024) names "Februar 2022" before "am 15. Januar" and
    "am 2. Januar": both are January 2024."""
    path = shared_path("seeds", "seeds.jsonl")
    item = next(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                if json.loads(line)["id"].startswith("001"))
    found = {t.text: t.value for t in find_timexes(item["text"], date.fromisoformat(item["published"]), "de")}
    assert found["15. Januar"] == "2024-01-15" and found["2. Januar"] == "2024-01-02"


WIKI = date(2011, 2, 16)  # WikiWarsDE's publication date: a narrative far from it


@pytest.mark.parametrize("text, expected", [
    # a two-digit year takes the century the text is at
    ("Im Jahr 1938 wuchs die Spannung. Am 1.9.39 begann der Krieg.", [("Jahr 1938", "1938"), ("1.9.39", "1939-09-01")]),
    # the new year the narrative moved to lends its year to a bare day-month
    ("Im Dezember 1919 ruhten die Kämpfe. Anfang des neuen Jahres kamen Truppen. Am 28. Mai griffen sie an.",
     [("Dezember 1919", "1919-12"), ("Anfang des neuen Jahres", "1920"), ("28. Mai", "1920-05-28")]),
    # the end of a range across years does not move the text: it tells from the start
    ("Belagerung von Boston, Juni 1775 bis März 1776. Am 17. Juni zogen sie los.",
     [("Juni 1775", "1775-06"), ("März 1776", "1776-03"), ("17. Juni", "1775-06-17")]),
    # within a year the end of a range is where the text is
    ("Vom 11. bis 15. September 1776 wurde verhandelt. Am selben Tag landeten die Briten.",
     [("11.", "1776-09-11"), ("15. September 1776", "1776-09-15"), ("selben Tag", "1776-09-15")]),
    # a year in a "seit" phrase inside a clause is no reference
    ("Im August 1920 siegten die Polen, der größte Sieg seit der Teilung 1772. Der Waffenstillstand trat am "
     "18. Oktober in Kraft.", [("August 1920", "1920-08"), ("1772", "1772"), ("18. Oktober", "1920-10-18")]),
    ("Im Mai 1936 kam es zum Bruch. Ein halbes Jahr später fiel die Stadt.",
     [("Mai 1936", "1936-05"), ("Ein halbes Jahr später", "1936-11")]),
    ("Im Spätsommer 1939 kam der Befehl. Im Frühherbst rückten sie vor.",
     [("Spätsommer 1939", "1939-SU"), ("Frühherbst", "1939-FA")]),
    ("Die fünfte Welle dauerte vom Februar bis zum April 1988.", [("Februar", "1988-02"), ("April 1988", "1988-04")]),
    # "werden" of a passive is no future: the narrative keeps its year
    ("Im September 1980 begann der Krieg. Am 24. Oktober konnte die Stadt erobert werden.",
     [("September 1980", "1980-09"), ("24. Oktober", "1980-10-24")]),
    ("Im Juli 1776 landeten sie. Washington war zu dieser Zeit in New York. Jahre zuvor war er Offizier.",
     [("Juli 1776", "1776-07"), ("zu dieser Zeit", "PRESENT_REF"), ("Jahre zuvor", "PAST_REF")]),
])
def test_timex_narrative_anchoring(text, expected):
    found = [(t.text, t.value) for t in find_timexes(text, WIKI, "de")]
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    # years before Christ, and the narrative that goes on from them
    ("Im Jahr 612 v. Chr. fiel die Stadt. Zwölf Jahre später zogen die Reiter ab. Im Herbst kehrten sie zurück.",
     [("612 v. Chr.", "BC0612"), ("Zwölf Jahre später", "BC0600"), ("Herbst", "BC0600-FA")]),
    ("Der Bund bestand von 371 bis 362 v. Chr. Im Jahr darauf zerfiel er.",
     [("371", "BC0371"), ("362 v. Chr.", "BC0362"), ("Jahr darauf", "BC0370")]),
    ("Am 9. März 331 v. Chr. brach das Heer auf. Im folgenden Jahr erreichte es den Fluss.",
     [("9. März 331 v. Chr.", "BC0331-03-09"), ("folgenden Jahr", "BC0330")]),
    ("Um 45 vor Christus endete der Streit. Im Sommer 44 v. Chr. begann ein neuer.",
     [("45 vor Christus", "BC0045"), ("Sommer 44 v. Chr.", "BC0044-SU")]),
    ("Ende 3 v. Chr. zog er los. Fünf Jahre später kam er an.", [("Ende 3 v. Chr.", "BC0003"), ("Fünf Jahre später", "0003")]),
    # decades in words take the century the text is at
    ("In den siebziger Jahren wuchs die Stadt. Ende der achtziger Jahre kam die Krise.",
     [("siebziger Jahren", "197"), ("Ende der achtziger Jahre", "198")]),
    ("Im Jahr 1848 brach der Aufstand los. In den dreißiger Jahren war es ruhig gewesen.",
     [("Jahr 1848", "1848"), ("dreißiger Jahren", "183")]),
    # a season counted from the time the text is at, not from publication
    ("Im März 1812 sammelte sich das Heer. Im darauffolgenden Winter erfror es.",
     [("März 1812", "1812-03"), ("darauffolgenden Winter", "1812-WI")]),
    ("Im Oktober 1812 erreichte es die Stadt. Im folgenden Sommer kam der Rückschlag.",
     [("Oktober 1812", "1812-10"), ("folgenden Sommer", "1813-SU")]),
    # "im selben Jahr" keeps the month the text is at
    ("Am 4. April 1905 kam die Flotte an. Im selben Jahr wurde Frieden geschlossen. Im gleichen Monat fiel der Hafen.",
     [("4. April 1905", "1905-04-04"), ("selben Jahr", "1905"), ("gleichen Monat", "1905-04")]),
    # vague look backs and forwards that open a sentence
    ("Im Mai 1866 siegte die Armee. Kurz zuvor hatte der König gezögert. In der Folge zerfiel der Bund.",
     [("Mai 1866", "1866-05"), ("Kurz zuvor", "PAST_REF"), ("In der Folge", "FUTURE_REF")]),
    ("Im Mai 1866 siegte die Armee. Kurze Zeit später kam der Frieden.",
     [("Mai 1866", "1866-05"), ("Kurze Zeit später", "FUTURE_REF")]),
])
def test_timex_narrative_before_christ_decades_and_vague_steps(text, expected):
    found = [(t.text, t.value) for t in find_timexes(text, WIKI, "de")]
    assert found == expected


@pytest.mark.parametrize("text", [
    # inside a clause, or as "as a consequence of", these are no time expressions
    "Die Stadt, die er kurz zuvor erobert hatte, fiel wieder.",
    "In der Folge des Streits zerbrach der Bund.",
    "Die Truppen zogen in der Folge ab.",
])
def test_timex_vague_steps_inside_a_clause_are_left_out(text):
    assert find_timexes(text, WIKI, "de") == []


def test_timex_two_digit_year_in_news_is_not_far_future():
    found = find_timexes("Der Vertrag vom 3.5.95 gilt bis heute.", date(2024, 1, 21), "de")
    assert found[0].value == "1995-05-03"
    found = find_timexes("Die Frist endet am 3.5.26.", date(2024, 1, 21), "de")
    assert found[0].value == "2026-05-03"


MAR99 = date(1999, 3, 12)


@pytest.mark.parametrize("text, expected", [
    # a plan is not part of the old years the report recalls
    ("The alliance was founded in 1949. Poland joined in 1952. The issue is expected to dominate a summit "
     "set for Washington in April.", ("April", "1999-04")),
    # "last year" counts from publication, whatever year was named before
    ("Cases jumped from fewer than 100,000 in 1980 to more than 300,000 last year.", ("last year", "1998")),
    # a rough "decades ago" is no time the text goes on from
    ("The boy was born more than four decades ago. His boat sank in late November.", ("late November", "1998-11")),
])
def test_timex_english_news_anchoring(text, expected):
    doc = Pipeline.build(CHAIN).annotate(Article.create(text, language="en", published=MAR99))
    found = {t.text: t.value for t in doc.get("timexes")}
    assert found[expected[0]] == expected[1]


def test_timex_undecided_tense_prefers_a_past_about_as_near_as_the_future():
    # published 19 April 1999: mid-October 1998 lies 186 days back, mid-October 1999 179 ahead
    text = "Evidence in the October slaying of the doctor is strong."
    doc = Pipeline.build(CHAIN).annotate(Article.create(text, language="en", published=date(1999, 4, 19)))
    found = {t.text: t.value for t in doc.get("timexes")}
    assert found["October"] == "1998-10"
    # ... but a month well nearer ahead is ahead
    doc = Pipeline.build(CHAIN).annotate(Article.create(text, language="en", published=date(1999, 8, 19)))
    found = {t.text: t.value for t in doc.get("timexes")}
    assert found["October"] == "1999-10"


@pytest.mark.parametrize("text, expected", [
    ("The jet made its first flight at 18:00 UTC. At 0800 GMT the bank cut rates.",
     [("18:00 UTC", "TIME", "2008-10-07T18:00Z"), ("0800 GMT", "TIME", "2008-10-07T08:00Z")]),
    ("Shares closed at 16:30 EDT.", [("16:30 EDT", "TIME", "2008-10-07T16:30")]),
    ("It takes aircraft from 2009 to 2011, then between 2014 and 2016 more.",
     [("2009", "DATE", "2009"), ("2011", "DATE", "2011"), ("2014", "DATE", "2014"), ("2016", "DATE", "2016")]),
    ("The date reads 7/8/07 in the American format.", [("7/8/07", "DATE", "2007-07-08")]),
    ("They won 21:17 and used 3 1/2 cups.", []),
])
def test_timex_english_clock_zones_year_ranges_short_dates(text, expected):
    found = [(t.text, t.type, t.value) for t in find_timexes(text, date(2008, 10, 7), "en")]
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    # published Wednesday 17 September 2008
    ("The government will keep all markets closed until Friday.", ("Friday", "DATE", "2008-09-19")),
    ("Until Friday, they had not called the police.", ("Friday", "DATE", "2008-09-12")),
    ("The trial is set to begin on Monday.", ("Monday", "DATE", "2008-09-22")),
    ("The Dow closed at its lowest level in six years.", ("six years", "DURATION", "P6Y")),
    ("Dealerships will close after October of next year.", ("October of next year", "DATE", "2009-10")),
])
def test_timex_english_direction_cues(text, expected):
    found = {t.text: (t.text, t.type, t.value) for t in find_timexes(text, date(2008, 9, 17), "en")}
    assert found[expected[0]] == expected


def test_timex_english_reporting_quarters():
    text = ("Net income rose in the quarter. In the latest quarter sales fell from the year-earlier quarter "
            "and the year-ago period. The current quarter looks better. A quarter of the staff left. "
            "The period was long.")
    found = [(t.text, t.value) for t in find_timexes(text, date(1989, 11, 2), "en")]
    assert found == [("the quarter", "1989-Q3"), ("the latest quarter", "1989-Q3"),
                     ("the year-earlier quarter", "1988-Q3"), ("the year-ago period", "1988-Q3"),
                     ("The current quarter", "1989-Q4")]
    # in January the quarter a report speaks of is the last of the year before
    assert find_timexes("Profit doubled in the quarter.", date(1990, 1, 20), "en")[0].value == "1989-Q4"


@pytest.mark.parametrize("tail, expected", [
    ("Ostern feierten sie am Fluss.", ("Ostern", "BC0044")),  # no calendar to find the feast in
    ("Ende des Jahres zogen sie ab.", ("Ende des Jahres", "BC0044")),
    ("Am Tag darauf kam der Bote.", ("Tag darauf", "XXXX-XX-XX")),  # not a day of the publication year
    ("Am 1.9.39 kam der Bote.", ("1.9.39", "1939-09-01")),
])
def test_timex_before_christ_has_no_calendar_days(tail, expected):
    found = find_timexes("Im Jahr 44 v. Chr. zerbrach das Bündnis. " + tail, WIKI, "de")
    assert (found[-1].text, found[-1].value) == expected


@pytest.mark.parametrize("text, expected", [
    ("Im Mai 1809 zog das Heer nach Osten. Zwischen dem 4. und dem 9. Juni lagerte es am Fluss.",
     [("Mai 1809", "1809-05"), ("4.", "1809-06-04"), ("9. Juni", "1809-06-09")]),
    ("Am 3. März 1809 brach das Heer auf. In den Abendstunden erreichte es die Brücke.",
     [("3. März 1809", "1809-03-03"), ("Abendstunden", "1809-03-03TEV")]),
    ("Am 3. März 1809 brach das Heer auf. Am Nachmittag desselben Tages ruhte es. Am Morgen des folgenden Tages "
     "zog es weiter.", [("3. März 1809", "1809-03-03"), ("Nachmittag desselben Tages", "1809-03-03TAF"),
                         ("Morgen des folgenden Tages", "1809-03-04TMO")]),
    ("Am 3. März 1809 brach das Heer auf. Am Ende des Tages lagerte es.",
     [("3. März 1809", "1809-03-03"), ("Ende des Tages", "1809-03-03")]),
    ("Im Juli 1809 kam der Befehl. In jenem Jahr war es heiß. Wochen später zogen sie ab. Tage zuvor hatte es geregnet.",
     [("Juli 1809", "1809-07"), ("jenem Jahr", "1809"), ("Wochen später", "FUTURE_REF"), ("Tage zuvor", "PAST_REF")]),
    ("Im Jahr 1808 begann der Aufstand. Im Sommer des Jahres 1809 endete er.",
     [("Jahr 1808", "1808"), ("Sommer des Jahres 1809", "1809-SU")]),
])
def test_timex_parts_of_days_and_anaphora_in_narratives(text, expected):
    found = [(t.text, t.value) for t in find_timexes(text, WIKI, "de")]
    assert found == expected


@pytest.mark.parametrize("published, text, expected", [
    # a date in two calendars: the year after the bracket is both's
    (WIKI, "Am 12. März (24. März) 1854 lief die Flotte aus.",
     [("12. März", "1854-03-12"), ("24. März", "1854-03-24"), ("1854", "1854")]),
    # "bis heute", "noch heute", "(heute …)": the writer's present, not a day, in news as in narratives
    (date(2024, 1, 21), "Die Ursache ist bis heute unklar.", [("heute", "PRESENT_REF")]),
    (date(2024, 1, 21), "Die Truppen landeten bei Oranienburg (heute ein Vorort).", [("heute", "PRESENT_REF")]),
    (date(2024, 1, 21), "Heute tagt der Rat.", [("Heute", "2024-01-21")]),
    (WIKI, "Der Aufstand begann an Allerheiligen 1954.", [("Allerheiligen 1954", "1954-11-01")]),
    # the simple past of strong verbs is past tense: a season after an old year stays in it
    (date(2024, 2, 10), "Der Bericht blickt auf 2022 zurück. Im Frühjahr stiegen die Preise, im Herbst sanken sie.",
     [("2022", "2022"), ("Frühjahr", "2022-SP"), ("Herbst", "2022-FA")]),
])
def test_timex_calendars_nowadays_feasts_and_strong_past(published, text, expected):
    found = [(t.text, t.value) for t in find_timexes(text, published, "de")]
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    # a year far ahead inside a sentence is an aside: the narrative goes on where it was
    ("Am 5. Mai 1848 tagte die Versammlung, deren Verfassung 1850 aufgehoben wurde. Am 18. Mai zog sie um.",
     [("5. Mai 1848", "1848-05-05"), ("1850", "1850"), ("18. Mai", "1848-05-18")]),
    # a year that opens its sentence moves the narrative
    ("Am 5. Mai 1848 tagte die Versammlung. 1850 wurde die Verfassung aufgehoben. Im Mai zog der Rat um.",
     [("5. Mai 1848", "1848-05-05"), ("1850", "1850"), ("Mai", "1850-05")]),
    # one year on is no aside
    ("Am 5. Mai 1848 tagte die Versammlung, die 1849 aufgelöst wurde. Im Juni zog der Rat um.",
     [("5. Mai 1848", "1848-05-05"), ("1849", "1849"), ("Juni", "1849-06")]),
])
def test_timex_a_year_ahead_inside_a_sentence_is_an_aside(text, expected):
    found = [(t.text, t.value) for t in find_timexes(text, WIKI, "de")]
    assert found == expected


def test_timex_a_year_near_publication_brings_the_text_back():
    text = "Am 5. Mai 1948 wurde die Partei gegründet, die 2010 zerfiel. Im Mai trat der Vorstand zurück."
    found = [(t.text, t.value) for t in find_timexes(text, WIKI, "de")]
    assert found[-1] == ("Mai", "2010-05")


@pytest.mark.parametrize("published, text, expected", [
    (WIKI, "Am 14. Oktober 1806 begann die Schlacht. Am ersten Tag fiel die Brücke. Am dritten Tag der Kämpfe "
           "fiel die Festung.", [("14. Oktober 1806", "1806-10-14"), ("ersten Tag", "1806-10-14"),
                                 ("dritten Tag", "1806-10-16")]),
    (WIKI, "Im Mai 1806 kam der Befehl. Im Laufe des Jahres rüstete das Heer auf. Im Herbst desselben Jahres zog es los.",
     [("Mai 1806", "1806-05"), ("des Jahres", "1806"), ("Herbst", "1806-FA"), ("desselben Jahres", "1806")]),
    (WIKI, "Am 2. März 1806 kam der Befehl. Im Juli desselben Jahres zog das Heer los.",
     [("2. März 1806", "1806-03-02"), ("Juli desselben Jahres", "1806-07")]),
    # "des Jahres" that names no time
    (date(2024, 3, 10), "Sie wurde zur Sportlerin des Jahres gewählt.", []),
    (date(2024, 3, 10), "Im Laufe des Jahres soll das Gesetz kommen.", [("des Jahres", "2024")]),
    # "am ersten Tag" needs a day the text is at
    (date(2024, 3, 10), "Am ersten Tag der Messe kamen viele.", []),
])
def test_timex_ordinal_days_and_the_year_told(published, text, expected):
    found = [(t.text, t.value) for t in find_timexes(text, published, "de")]
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    ("The city was founded in 753 BC. Twenty years later it had a wall.",
     [("753 BC", "BC0753"), ("Twenty years later", "BC0733")]),
    ("The league lasted from 371 to 362 B.C. and broke up.", [("371", "BC0371"), ("362 B.C.", "BC0362")]),
    ("Rents doubled in the seventies and fell in the early nineties.",
     [("the seventies", "197"), ("the early nineties", "199")]),
    # an age is no decade; a recent year does not make "the sixties" the 2060s
    ("She is in her sixties.", []),
    ("In 2005 the plant closed. In the sixties it had employed thousands.", [("2005", "2005"), ("the sixties", "196")]),
])
def test_timex_english_years_before_christ_and_decade_words(text, expected):
    found = [(t.text, t.value) for t in find_timexes(text, MAR99, "en")]
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    # "1806/07": two years; "Winter 1812/13": the winter in each year's part, and January is then the new year's
    ("Der Feldzug 1806/07 endete im Frieden.", [("1806", "1806"), ("07", "1807")]),
    ("Im Winter 1812/13 erfror das Heer. Im Januar erreichte es die Grenze.",
     [("Winter 1812", "1812-WI"), ("13", "1813-WI"), ("Januar", "1813-01")]),
    # a day after the slash is a date of its own
    ("Belagerung, 3. Mai 1809/12. Juni 1810", [("3. Mai 1809", "1809-05-03"), ("12. Juni 1810", "1810-06-12")]),
])
def test_timex_year_pairs(text, expected):
    found = [(t.text, t.value) for t in find_timexes(text, WIKI, "de")]
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    # once the text is before Christ, "v. Chr." may be left out
    ("Im Jahr 431 v. Chr. begann der Krieg. Im Jahr 429 starb Perikles. Im Sommer 425 landeten sie.",
     [("431 v. Chr.", "BC0431"), ("Jahr 429", "BC0429"), ("Sommer 425", "BC0425-SU")]),
    # elsewhere a number after a month is no year, and a count stays a count
    ("Im Juni 1866 zogen sie los. Im Juli 12 Tage lang regnete es.",
     [("Juni 1866", "1866-06"), ("Juli", "1866-07"), ("12 Tage lang", "P12D")]),
])
def test_timex_years_before_christ_without_the_era(text, expected):
    found = [(t.text, t.value) for t in find_timexes(text, WIKI, "de")]
    assert found == expected


def test_timex_a_directive_number_is_no_year_pair():
    found = [(t.text, t.value) for t in find_timexes("Die Richtlinie 2009/71/EU gilt weiter.", date(2024, 1, 21), "de")]
    assert ("71", "2071") not in found


def test_timex_bis_heute_in_a_report_brings_it_back_to_its_own_time():
    text = ("Am 12. Januar 2016 begann das Festival. Das Haus wurde 1912 gegründet. Sein Einfluss ist bis heute "
            "spürbar. Der Saal ist alt. Die Bühne ist klein. Das Foyer ist neu. Die Kasse ist offen. Nur Langfilme "
            "stehen dieses Jahr nicht auf dem Programm.")
    found = {t.text: t.value for t in find_timexes(text, date(2016, 1, 15), "de")}
    assert found["heute"] == "PRESENT_REF"
    assert found["dieses Jahr"] == "2016"
