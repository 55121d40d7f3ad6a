"""The quantity table: news-style phrases (German and English) with expected normalized quantities.

Each row: a sentence and the quantity expected in it — surface text, value, low, high,
approximate, unit (the counted noun phrase, or a currency/measure code) and per (a TIMEX3
duration for rates).  All sentences are written for these tests.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pytest

from lagebild.analyze.quantities.stage import find_quantities
from lagebild.analyze.time.stage import find_timexes


class Q(NamedTuple):
    sentence: str
    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    unit: str | None = None
    per: str | None = None


GERMAN = [
    # digits, German separators
    Q("Nordkorea lieferte 1.000.000 Granaten.", "1.000.000 Granaten", 1e6, unit="Granaten"),
    Q("Die Armee verlor 1.500 Panzer.", "1.500 Panzer", 1500, unit="Panzer"),
    Q("Der Preis stieg um 1,5 Prozent.", "1,5 Prozent", 1.5, unit="%"),
    Q("Es wurden 2000 Soldaten verlegt.", "2000 Soldaten", 2000, unit="Soldaten"),
    Q("Insgesamt 37 Raketen schlugen ein.", "37 Raketen", 37, unit="Raketen"),
    Q("Kiew meldete 12 abgeschossene Drohnen.", "12 abgeschossene Drohnen", 12, unit="abgeschossene Drohnen"),
    Q("An der Grenze stehen 100.000 russische Soldaten.", "100.000 russische Soldaten", 100000,
      unit="russische Soldaten"),
    Q("Die Firma beschäftigt 12.500 Mitarbeiter.", "12.500 Mitarbeiter", 12500, unit="Mitarbeiter"),
    Q("Das Depot enthielt 0,5 Tonnen Sprengstoff.", "0,5 Tonnen Sprengstoff", 0.5, unit="Tonnen Sprengstoff"),
    # words and compounds
    Q("Zweiundzwanzig Frachter legten im Hafen an.", "Zweiundzwanzig Frachter", 22, unit="Frachter"),
    Q("Es wurden dreihundert Container entladen.", "dreihundert Container", 300, unit="Container"),
    Q("Zwei Raketen trafen ein Wohnhaus.", "Zwei Raketen", 2, unit="Raketen"),
    Q("Bei dem Angriff starben zwölf Zivilisten.", "zwölf Zivilisten", 12, unit="Zivilisten"),
    Q("Fünfzig Staaten verurteilten den Test.", "Fünfzig Staaten", 50, unit="Staaten"),
    Q("Die Marine schickte vier Kriegsschiffe.", "vier Kriegsschiffe", 4, unit="Kriegsschiffe"),
    Q("Rund zweitausend Menschen demonstrierten.", "Rund zweitausend Menschen", 2000, approximate=True,
      unit="Menschen"),
    Q("Sie brachten fünfundsiebzig Verletzte in Kliniken.", "fünfundsiebzig Verletzte", 75, unit="Verletzte"),
    Q("Es handelt sich um sechs ballistische Raketen.", "sechs ballistische Raketen", 6,
      unit="ballistische Raketen"),
    Q("Die Regierung stellte zwei Dutzend Busse bereit.", "zwei Dutzend Busse", 24, unit="Busse"),
    Q("Ein Dutzend Reporter wartete vor dem Gebäude.", "Ein Dutzend Reporter", 12, unit="Reporter"),
    # scale words
    Q("Die Hilfe umfasst 1,2 Mrd. Euro.", "1,2 Mrd. Euro", 1.2e9, unit="EUR"),
    Q("Berlin sagte 500 Mio. Euro zu.", "500 Mio. Euro", 5e8, unit="EUR"),
    Q("Das Paket hat einen Umfang von 61 Milliarden Dollar.", "61 Milliarden Dollar", 61e9, unit="USD"),
    Q("Russland erhielt eine Million Schuss Munition.", "eine Million Schuss Munition", 1e6,
      unit="Schuss Munition"),
    Q("Nordkorea soll zwei Millionen Granaten geliefert haben.", "zwei Millionen Granaten", 2e6, unit="Granaten"),
    Q("Die Kosten liegen bei 3,5 Millionen Euro.", "3,5 Millionen Euro", 3.5e6, unit="EUR"),
    Q("Der Fonds verwaltet 2 Billionen Euro.", "2 Billionen Euro", 2e12, unit="EUR"),
    Q("Die Stadt zahlt 40 Tsd. Euro Entschädigung.", "40 Tsd. Euro", 40000, unit="EUR"),
    Q("Insgesamt flossen 300 Millionen US-Dollar.", "300 Millionen US-Dollar", 3e8, unit="USD"),
    Q("Die Sanktionen kosten 10 Milliarden Rubel.", "10 Milliarden Rubel", 1e10, unit="RUB"),
    Q("Das Budget wuchs auf 5 Milliarden Pfund.", "5 Milliarden Pfund", 5e9, unit="GBP"),
    Q("Die Ukraine erhielt 50 Mrd. Euro.", "50 Mrd. Euro", 5e10, unit="EUR"),
    # approximations and bounds
    Q("Zuletzt hatten rund 50 Staaten die Lieferung verurteilt.", "rund 50 Staaten", 50, approximate=True,
      unit="Staaten"),
    Q("Etwa 300 Raketen wurden abgefeuert.", "Etwa 300 Raketen", 300, approximate=True, unit="Raketen"),
    Q("Es waren ca. 40 Fahrzeuge.", "ca. 40 Fahrzeuge", 40, approximate=True, unit="Fahrzeuge"),
    Q("Mehr als 200 ballistische Raketen wurden gezählt.", "Mehr als 200 ballistische Raketen", 200, low=200,
      approximate=True, unit="ballistische Raketen"),
    Q("Über 1.000 Menschen wurden evakuiert.", "Über 1.000 Menschen", 1000, low=1000, approximate=True,
      unit="Menschen"),
    Q("Bis zu 5.000 Tonnen Munition lagerten dort.", "Bis zu 5.000 Tonnen Munition", 5000, high=5000,
      approximate=True, unit="Tonnen Munition"),
    Q("Mindestens 30 Menschen kamen ums Leben.", "Mindestens 30 Menschen", 30, low=30, unit="Menschen"),
    Q("Höchstens 20 Inspektoren dürfen einreisen.", "Höchstens 20 Inspektoren", 20, high=20, unit="Inspektoren"),
    Q("Weniger als 10 Prozent der Granaten explodierten nicht.", "Weniger als 10 Prozent", 10, high=10,
      approximate=True, unit="%"),
    Q("Knapp 800 Menschen starben.", "Knapp 800 Menschen", 800, approximate=True, unit="Menschen"),
    Q("Fast 100 Dörfer sind ohne Strom.", "Fast 100 Dörfer", 100, approximate=True, unit="Dörfer"),
    Q("Gut 60 Abgeordnete stimmten dagegen.", "Gut 60 Abgeordnete", 60, low=60, approximate=True,
      unit="Abgeordnete"),
    Q("Ungefähr 15 Schiffe warten vor dem Hafen.", "Ungefähr 15 Schiffe", 15, approximate=True, unit="Schiffe"),
    Q("Nahezu 90 Prozent der Bevölkerung sind betroffen.", "Nahezu 90 Prozent", 90, approximate=True, unit="%"),
    Q("Es gab schätzungsweise 4.000 Tote.", "schätzungsweise 4.000 Tote", 4000, approximate=True, unit="Tote"),
    Q("Maximal 500 Soldaten sollen bleiben.", "Maximal 500 Soldaten", 500, high=500, unit="Soldaten"),
    Q("Russland verschoss fast 10.000 Granaten.", "fast 10.000 Granaten", 10000, approximate=True,
      unit="Granaten"),
    # ranges
    Q("Zwischen 100 und 200 Raketen wurden geliefert.", "Zwischen 100 und 200 Raketen", None, low=100, high=200,
      unit="Raketen"),
    Q("Die Armee verlor 100 bis 200 Panzer.", "100 bis 200 Panzer", None, low=100, high=200, unit="Panzer"),
    Q("Geplant sind 20-30 Flüge.", "20-30 Flüge", None, low=20, high=30, unit="Flüge"),
    Q("Die Schäden liegen zwischen 1,5 und 2 Milliarden Euro.", "zwischen 1,5 und 2 Milliarden Euro", None,
      low=1.5e9, high=2e9, unit="EUR"),
    Q("Die Zahl stieg von 300 bis 400 Fällen.", "von 300 bis 400 Fällen", None, low=300, high=400, unit="Fällen"),
    Q("Es kamen zwischen drei und vier Millionen Besucher.", "zwischen drei und vier Millionen Besucher", None,
      low=3e6, high=4e6, unit="Besucher"),
    Q("Die Fabrik stellt 5 bis 6 Millionen Geschosse her.", "5 bis 6 Millionen Geschosse", None, low=5e6,
      high=6e6, unit="Geschosse"),
    # vague magnitudes
    Q("Russland erhielt Hunderttausende Artilleriegeschosse.", "Hunderttausende Artilleriegeschosse", None,
      low=200000, high=999999, approximate=True, unit="Artilleriegeschosse"),
    Q("Hunderte Menschen flohen über die Grenze.", "Hunderte Menschen", None, low=200, high=999,
      approximate=True, unit="Menschen"),
    Q("Tausende Soldaten wurden mobilisiert.", "Tausende Soldaten", None, low=2000, high=9999, approximate=True,
      unit="Soldaten"),
    Q("Zehntausende protestierten in der Hauptstadt.", "Zehntausende", None, low=20000, high=99999,
      approximate=True),
    Q("Dutzende Drohnen griffen an.", "Dutzende Drohnen", None, low=24, high=99, approximate=True, unit="Drohnen"),
    Q("Millionen Menschen sind ohne Strom.", "Millionen Menschen", None, low=2e6, high=9999999, approximate=True,
      unit="Menschen"),
    Q("Mehrere hundert Rebellen rückten vor.", "Mehrere hundert Rebellen", None, low=200, high=999,
      approximate=True, unit="Rebellen"),
    Q("Einige tausend Demonstranten kamen.", "Einige tausend Demonstranten", None, low=2000, high=9999,
      approximate=True, unit="Demonstranten"),
    Q("Hunderte Millionen Euro flossen ins Ausland.", "Hunderte Millionen Euro", None, low=2e8, high=999e6,
      approximate=True, unit="EUR"),
    Q("Tausende Granaten wurden verschossen.", "Tausende Granaten", None, low=2000, high=9999, approximate=True,
      unit="Granaten"),
    # fractions and shares
    Q("Ein Drittel der Granaten sei defekt.", "Ein Drittel", 33.3333, unit="%"),
    Q("Etwa ein Viertel der Lieferungen kam per Schiff.", "Etwa ein Viertel", 25, approximate=True, unit="%"),
    Q("Zwei Drittel der Bevölkerung sind geflohen.", "Zwei Drittel", 66.6667, unit="%"),
    Q("Die Hälfte der Panzer ist einsatzbereit.", "Die Hälfte", 50, unit="%"),
    Q("Der Anteil liegt bei 50 Prozent.", "50 Prozent", 50, unit="%"),
    Q("Die Inflation erreichte 7,4 %.", "7,4 %", 7.4, unit="%"),
    Q("Die Zustimmung sank um 3 Prozentpunkte.", "3 Prozentpunkte", 3, unit="percentage points"),
    Q("Drei Viertel der Befragten lehnen das ab.", "Drei Viertel", 75, unit="%"),
    Q("Rund 40 Prozent der Munition stammt aus Nordkorea.", "Rund 40 Prozent", 40, approximate=True, unit="%"),
    # rates
    Q("Nordkorea liefert monatlich rund 300.000 Schuss.", "monatlich rund 300.000 Schuss", 300000,
      approximate=True, unit="Schuss", per="P1M"),
    Q("Das Werk produziert jährlich 1,5 Millionen Granaten.", "jährlich 1,5 Millionen Granaten", 1.5e6,
      unit="Granaten", per="P1Y"),
    Q("Die Armee verschießt 20.000 Granaten pro Tag.", "20.000 Granaten pro Tag", 20000, unit="Granaten",
      per="P1D"),
    Q("Es kommen 500 Flüchtlinge pro Woche an.", "500 Flüchtlinge pro Woche", 500, unit="Flüchtlinge", per="P1W"),
    Q("Die Fabrik baut 30 Panzer im Monat.", "30 Panzer im Monat", 30, unit="Panzer", per="P1M"),
    Q("Das Land gibt 2 Milliarden Euro im Jahr für Rüstung aus.", "2 Milliarden Euro im Jahr", 2e9, unit="EUR",
      per="P1Y"),
    Q("Die Wirtschaft soll um 6,5 Prozent im Jahr wachsen.", "6,5 Prozent im Jahr", 6.5, unit="%", per="P1Y"),
    Q("Täglich 40 Züge bringen Nachschub.", "Täglich 40 Züge", 40, unit="Züge", per="P1D"),
    Q("Wöchentlich 200 Lkw passieren die Grenze.", "Wöchentlich 200 Lkw", 200, unit="Lkw", per="P1W"),
    Q("Das Abo kostet 9,99 Euro monatlich.", "9,99 Euro monatlich", 9.99, unit="EUR", per="P1M"),
    # calibers and measures
    Q("Geliefert wurden 152-mm-Artilleriegeschosse.", "152-mm", 152, unit="mm"),
    Q("Die Haubitze verschießt 155-mm-Munition.", "155-mm", 155, unit="mm"),
    Q("Der Konvoi fuhr 15 km weit.", "15 km", 15, unit="km"),
    Q("Die Rakete flog 1.200 Kilometer.", "1.200 Kilometer", 1200, unit="km"),
    Q("Das Schiff hat 40 t geladen.", "40 t", 40, unit="t"),
    Q("Der Krater ist 20 Meter tief.", "20 Meter", 20, unit="m"),
    Q("Der Sprengkopf wiegt 500 kg.", "500 kg", 500, unit="kg"),
    Q("Das Gebiet umfasst 300 Quadratkilometer.", "300 Quadratkilometer", 300, unit="km2"),
    Q("Ein Barrel kostete 80 Dollar.", "80 Dollar", 80, unit="USD"),
    Q("Die Temperatur fiel auf 20 Grad.", "20 Grad", 20, unit="°C"),
    Q("Der Tanker transportiert 700.000 Barrel Öl.", "700.000 Barrel Öl", 700000, unit="Barrel Öl"),
    Q("Die Strafe beträgt 5.000 €.", "5.000 €", 5000, unit="EUR"),
    Q("Im Lager fanden sich 3.000 Schuss Artilleriemunition.", "3.000 Schuss Artilleriemunition", 3000,
      unit="Schuss Artilleriemunition"),
    Q("Es ging um 20 Container Munition.", "20 Container Munition", 20, unit="Container Munition"),
    Q("Die Lieferung umfasste 6.700 Container.", "6.700 Container", 6700, unit="Container"),
]

#: sentences without a quantity: identifiers, ordinals, scores, model names, ages, years
GERMAN_NONE = [
    "Der 3. Platz ging an die Ukraine.",
    "Die F-16 sollen im Sommer kommen.",
    "Das Spiel endete 2:1.",
    "Artikel 5 des Nato-Vertrags wurde nicht ausgelöst.",
    "Die G7 beraten in Tokio.",
    "Die Einheit wurde am 24. Februar 2022 aufgestellt.",
    "Er war damals mit 17 in die Armee eingetreten.",
    "Das System S-400 wurde verlegt.",
    "Seit drei Wochen wird verhandelt.",
    "Die Zweifel an der Einheit wachsen.",
]

ENGLISH = [
    Q("North Korea shipped 1,000,000 shells.", "1,000,000 shells", 1e6, unit="shells"),
    Q("The price rose by 1.5 percent.", "1.5 percent", 1.5, unit="%"),
    Q("Russia has fired more than 200 ballistic missiles.", "more than 200 ballistic missiles", 200, low=200,
      approximate=True, unit="ballistic missiles"),
    Q("About 300 drones were launched.", "About 300 drones", 300, approximate=True, unit="drones"),
    Q("Around 50 countries condemned the test.", "Around 50 countries", 50, approximate=True, unit="countries"),
    Q("Up to 5,000 tons of ammunition were stored there.", "Up to 5,000 tons of ammunition", 5000, high=5000,
      approximate=True, unit="tons of ammunition"),
    Q("At least 30 people were killed.", "At least 30 people", 30, low=30, unit="people"),
    Q("Nearly 100 villages lost power.", "Nearly 100 villages", 100, approximate=True, unit="villages"),
    Q("Roughly 40 percent of the shells came from Pyongyang.", "Roughly 40 percent", 40, approximate=True,
      unit="%"),
    Q("Less than 10 percent of the rounds failed.", "Less than 10 percent", 10, high=10, approximate=True,
      unit="%"),
    Q("Some 4,000 troops crossed the border.", "Some 4,000 troops", 4000, approximate=True, unit="troops"),
    Q("Almost 10,000 shells were fired.", "Almost 10,000 shells", 10000, approximate=True, unit="shells"),
    Q("The package is worth $61 billion.", "$61 billion", 61e9, unit="USD"),
    Q("Kyiv received €50 billion.", "€50 billion", 5e10, unit="EUR"),
    Q("Washington pledged $300 million in aid.", "$300 million", 3e8, unit="USD"),
    Q("The fund holds 2 billion dollars.", "2 billion dollars", 2e9, unit="USD"),
    Q("The deal is worth 500 million euros.", "500 million euros", 5e8, unit="EUR"),
    Q("Britain gave £2.5bn to the programme.", "£2.5bn", 2.5e9, unit="GBP"),
    Q("North Korea sent 1 million rounds of ammunition.", "1 million rounds of ammunition", 1e6,
      unit="rounds of ammunition"),
    Q("Two missiles hit an apartment block.", "Two missiles", 2, unit="missiles"),
    Q("Twelve civilians died in the attack.", "Twelve civilians", 12, unit="civilians"),
    Q("The navy sent four warships.", "four warships", 4, unit="warships"),
    Q("Twenty-two freighters docked at the port.", "Twenty-two freighters", 22, unit="freighters"),
    Q("The army received two hundred tanks.", "two hundred tanks", 200, unit="tanks"),
    Q("A dozen reporters waited outside.", "A dozen reporters", 12, unit="reporters"),
    Q("Between 100 and 200 missiles were delivered.", "Between 100 and 200 missiles", None, low=100, high=200,
      unit="missiles"),
    Q("The army lost 100 to 200 tanks.", "100 to 200 tanks", None, low=100, high=200, unit="tanks"),
    Q("Officials expect 20-30 flights.", "20-30 flights", None, low=20, high=30, unit="flights"),
    Q("Hundreds of thousands of shells were delivered.", "Hundreds of thousands of shells", None, low=200000,
      high=999999, approximate=True, unit="shells"),
    Q("Hundreds of people fled.", "Hundreds of people", None, low=200, high=999, approximate=True, unit="people"),
    Q("Thousands of soldiers were mobilised.", "Thousands of soldiers", None, low=2000, high=9999,
      approximate=True, unit="soldiers"),
    Q("Tens of thousands of people protested.", "Tens of thousands of people", None, low=20000, high=99999,
      approximate=True, unit="people"),
    Q("Dozens of drones attacked the city.", "Dozens of drones", None, low=24, high=99, approximate=True,
      unit="drones"),
    Q("Millions of people are without power.", "Millions of people", None, low=2e6, high=9999999,
      approximate=True, unit="people"),
    Q("Several thousand protesters gathered.", "Several thousand protesters", None, low=2000, high=9999,
      approximate=True, unit="protesters"),
    Q("Several hundred rebels advanced.", "Several hundred rebels", None, low=200, high=999, approximate=True,
      unit="rebels"),
    Q("One third of the shells were faulty.", "One third", 33.3333, unit="%"),
    Q("Two-thirds of the population fled.", "Two-thirds", 66.6667, unit="%"),
    Q("A quarter of the deliveries came by sea.", "A quarter", 25, unit="%"),
    Q("Half of the tanks are operational.", "Half", 50, unit="%"),
    Q("Approval fell 3 percentage points.", "3 percentage points", 3, unit="percentage points"),
    Q("Inflation reached 7.4%.", "7.4%", 7.4, unit="%"),
    Q("North Korea can deliver 300,000 rounds a month.", "300,000 rounds a month", 300000, unit="rounds",
      per="P1M"),
    Q("The plant makes 2 million shells a year.", "2 million shells a year", 2e6, unit="shells", per="P1Y"),
    Q("The army fires 20,000 shells per day.", "20,000 shells per day", 20000, unit="shells", per="P1D"),
    Q("About 500 refugees each week cross the border.", "About 500 refugees each week", 500, approximate=True,
      unit="refugees", per="P1W"),
    Q("Russia spends $100 billion annually on defence.", "$100 billion annually", 1e11, unit="USD", per="P1Y"),
    Q("The factory builds 30 tanks a month.", "30 tanks a month", 30, unit="tanks", per="P1M"),
    Q("They use 155mm shells.", "155mm", 155, unit="mm"),
    Q("The convoy drove 15 km.", "15 km", 15, unit="km"),
    Q("The missile flew 1,200 kilometres.", "1,200 kilometres", 1200, unit="km"),
    Q("The crater is 20 metres deep.", "20 metres", 20, unit="m"),
    Q("The warhead weighs 500 kg.", "500 kg", 500, unit="kg"),
    Q("The tanker carries 700,000 barrels of oil.", "700,000 barrels of oil", 700000, unit="barrels of oil"),
    Q("The area covers 300 square kilometres.", "300 square kilometres", 300, unit="km2"),
    Q("Oil cost 80 dollars.", "80 dollars", 80, unit="USD"),
    Q("The launchers fired 6 missiles.", "6 missiles", 6, unit="missiles"),
    Q("The ship carried 40 tonnes.", "40 tonnes", 40, unit="t"),
    Q("A total of 1.5 million people left.", "1.5 million people", 1.5e6, unit="people"),
    Q("Over 1,000 people were evacuated.", "Over 1,000 people", 1000, low=1000, approximate=True, unit="people"),
]

ENGLISH_NONE = [
    "The F-16 jets arrived in Denmark.",
    "The match ended 2:1.",
    "Article 5 was not invoked.",
    "The G7 met in Tokyo.",
    "The talks began on February 24, 2022.",
]


def _check(lang: str, row: Q) -> None:
    tx = find_timexes(row.sentence, date(2024, 1, 21), lang)
    found = find_quantities(row.sentence, lang, tx)
    for q in found:
        assert row.sentence[q.start:q.end] == q.text
    match = [q for q in found if q.text == row.text]
    assert match, f"{row.text!r} not in {[q.text for q in found]}"
    q = match[0]

    def same(a, b):
        return a is None and b is None or (a is not None and b is not None and abs(a - b) <= 1e-3 * max(1, abs(b)))

    assert same(q.value, row.value), (q.value, row.value)
    assert same(q.low, row.low), (q.low, row.low)
    assert same(q.high, row.high), (q.high, row.high)
    assert q.approximate == row.approximate
    assert q.unit == row.unit
    assert q.per == row.per


@pytest.mark.parametrize("row", GERMAN, ids=lambda r: r.text)
def test_quantities_table_german(row):
    _check("de", row)


@pytest.mark.parametrize("row", ENGLISH, ids=lambda r: r.text)
def test_quantities_table_english(row):
    _check("en", row)


@pytest.mark.parametrize("sentence", GERMAN_NONE)
def test_quantities_table_german_none(sentence):
    tx = find_timexes(sentence, date(2024, 1, 21), "de")
    assert find_quantities(sentence, "de", tx) == []


@pytest.mark.parametrize("sentence", ENGLISH_NONE)
def test_quantities_table_english_none(sentence):
    tx = find_timexes(sentence, date(2024, 1, 21), "en")
    assert find_quantities(sentence, "en", tx) == []


def test_quantities_table_size():
    assert len(GERMAN) + len(ENGLISH) + len(GERMAN_NONE) + len(ENGLISH_NONE) >= 150
