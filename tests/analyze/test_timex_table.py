"""The time-expression table: news-style sentences (German and English) with expected TIMEX3 values.

Each row: language, publication date (None: unknown), sentence, expected ``(surface, type, value)``
triples.  A row passes when every expected expression is found with exactly that surface, type
and value.  All sentences are written for these tests (news style, invented events).
"""

from __future__ import annotations

from datetime import date

import pytest

from lagebild.analyze.time.stage import find_timexes

JAN21 = date(2024, 1, 21)  # a Sunday, ISO week 3
MAR15 = date(2024, 3, 15)  # a Friday, ISO week 11
OCT12 = date(2023, 10, 12)  # a Thursday, ISO week 41

D, T, DUR, S = "DATE", "TIME", "DURATION", "SET"

GERMAN = [
    # absolute dates
    (JAN21, "Die Lieferung traf am 2. Januar 2024 in Wladiwostok ein.", [("2. Januar 2024", D, "2024-01-02")]),
    (JAN21, "Der Vertrag wurde am 21.01.2024 unterzeichnet.", [("21.01.2024", D, "2024-01-21")]),
    (JAN21, "Die Zahlen stammen vom 11.7. 2015.", [("11.7. 2015", D, "2015-07-11")]),
    (JAN21, "Der Vorstand trat zurück. (red, 2. 9. 2015)", [("2. 9. 2015", D, "2015-09-02")]),
    (JAN21, "Am 3.1. trafen sich die Minister.", [("3.1.", D, "2024-01-03")]),
    (JAN21, "Seit Februar 2022 führt Russland einen Angriffskrieg.", [("Februar 2022", D, "2022-02")]),
    (JAN21, "Im Jahr 2022 stiegen die Rüstungsausgaben deutlich.", [("Jahr 2022", D, "2022")]),
    (JAN21, "Die Zahlen für 2023 liegen inzwischen vor.", [("2023", D, "2023")]),
    (JAN21, "Das Abkommen stammt aus dem Jahr 1953.", [("Jahr 1953", D, "1953")]),
    (JAN21, "Die Behörde veröffentlichte die Daten am 2024-01-15.", [("2024-01-15", D, "2024-01-15")]),
    (JAN21, "Am Montag, 15. Januar, trafen sich die Außenminister.", [("Montag, 15. Januar", D, "2024-01-15")]),
    (JAN21, "Im dritten Quartal 2023 sank die Produktion.", [("dritten Quartal 2023", D, "2023-Q3")]),
    (JAN21, "Im vierten Quartal wuchs die Wirtschaft leicht.", [("vierten Quartal", D, "2023-Q4")]),
    (JAN21, "Im ersten Halbjahr 2023 wurden weniger Waffen exportiert.", [("ersten Halbjahr 2023", D, "2023-H1")]),
    (JAN21, "In den 1990er Jahren zerfiel die Sowjetunion.", [("1990er Jahren", D, "199")]),
    (JAN21, "Im 20. Jahrhundert gab es zwei Weltkriege.", [("20. Jahrhundert", D, "19")]),
    (JAN21, "Die Zahl der Angriffe stieg in der KW 2 stark an.", [("KW 2", D, "2024-W02")]),
    (JAN21, "Vom 12. bis 14. Februar tagt die Sicherheitskonferenz.", [("12.", D, "2024-02-12"),
                                                                    ("14. Februar", D, "2024-02-14")]),
    (JAN21, "Zwischen März und Mai 2023 wurden die Lager aufgefüllt.", [("März", D, "2023-03"),
                                                                     ("Mai 2023", D, "2023-05")]),
    (JAN21, "Ende 2023 hatte die Armee neue Raketen erhalten.", [("Ende 2023", D, "2023")]),
    (JAN21, "Anfang 2022 begann die Invasion.", [("Anfang 2022", D, "2022")]),
    (JAN21, "Mitte Oktober 2023 meldeten Satellitenbilder Zugverkehr an der Grenze.",
     [("Mitte Oktober 2023", D, "2023-10")]),
    (JAN21, "Der Gipfel im Sommer 2023 endete ohne Ergebnis.", [("Sommer 2023", D, "2023-SU")]),
    # months without a year: tense decides
    (JAN21, "Im September traf sich Putin mit Kim Jong Un.", [("September", D, "2023-09")]),
    (JAN21, "Putin plant, im September nach Pjöngjang zu reisen.", [("September", D, "2024-09")]),
    (JAN21, "Die Wahl soll im März stattfinden.", [("März", D, "2024-03")]),
    (JAN21, "Im Dezember hatte die Regierung neue Sanktionen beschlossen.", [("Dezember", D, "2023-12")]),
    (MAR15, "Im Februar wurden mehr Drohnen abgeschossen als je zuvor.", [("Februar", D, "2024-02")]),
    (MAR15, "Der Bericht wird im Juni vorgelegt.", [("Juni", D, "2024-06")]),
    (MAR15, "Im November hatte das Parlament die Hilfe blockiert.", [("November", D, "2023-11")]),
    (OCT12, "Im Januar will die Kommission einen Vorschlag vorlegen.", [("Januar", D, "2024-01")]),
    (OCT12, "Im August war die Gegenoffensive ins Stocken geraten.", [("August", D, "2023-08")]),
    (JAN21, "Anfang August hatten die Gespräche begonnen.", [("Anfang August", D, "2023-08")]),
    (JAN21, "Ende März soll die erste Tranche ausgezahlt werden.", [("Ende März", D, "2024-03")]),
    (JAN21, "Bis Mitte Februar wird eine Entscheidung erwartet.", [("Mitte Februar", D, "2024-02")]),
    (JAN21, "Am 15. Januar hatte ein Sprecher die Zahlen bestätigt.", [("15. Januar", D, "2024-01-15")]),
    (JAN21, "Am 2. Januar wurden Ziele in Charkiw getroffen.", [("2. Januar", D, "2024-01-02")]),
    (JAN21, "Am 28. Dezember hatte Russland eine Großoffensive aus der Luft gestartet.",
     [("28. Dezember", D, "2023-12-28")]),
    (JAN21, "Die Konferenz soll am 14. Februar beginnen.", [("14. Februar", D, "2024-02-14")]),
    (JAN21, "Im März dieses Jahres sollen die Verhandlungen weitergehen.", [("März dieses Jahres", D, "2024-03")]),
    (JAN21, "Im Mai vergangenen Jahres wurden die Lieferungen vereinbart.", [("Mai vergangenen Jahres", D, "2023-05")]),
    (MAR15, "Im vergangenen Mai war die Brücke zerstört worden.", [("vergangenen Mai", D, "2023-05")]),
    (MAR15, "Im kommenden Februar läuft das Mandat aus.", [("kommenden Februar", D, "2025-02")]),
    (JAN21, "Der Rat von 1999 ist eingefroren. Die Sanktionen laufen am 1. Januar aus.",
     [("1999", D, "1999"), ("1. Januar", D, "2024-01-01")]),
    # weekdays
    (JAN21, "Kirby betonte am Donnerstag, es handle sich um eine Eskalation.", [("Donnerstag", D, "2024-01-18")]),
    (JAN21, "Der Minister reiste am Freitag nach Kiew.", [("Freitag", D, "2024-01-19")]),
    (JAN21, "Der Kanzler wird am Freitag nach Washington fliegen.", [("Freitag", D, "2024-01-26")]),
    (JAN21, "Am vergangenen Montag wurde die Brücke beschossen.", [("vergangenen Montag", D, "2024-01-15")]),
    (JAN21, "Am kommenden Dienstag berät der Sicherheitsrat.", [("kommenden Dienstag", D, "2024-01-23")]),
    (JAN21, "In der Nacht zum Samstag gab es Luftalarm in Kiew.", [("Nacht zum Samstag", D, "2024-01-20TNI")]),
    (JAN21, "Am Mittwochabend hatte es in Belgorod Explosionen gegeben.", [("Mittwochabend", D, "2024-01-17TEV")]),
    (OCT12, "Am Montag hatte die Armee den Angriff bestätigt.", [("Montag", D, "2023-10-09")]),
    (MAR15, "Am Mittwoch stimmte der Bundestag über den Antrag ab.", [("Mittwoch", D, "2024-03-13")]),
    (JAN21, "Die Sitzungen finden jeden Dienstag statt.", [("jeden Dienstag", S, "XXXX-WXX-2")]),
    # deictic and relative to the publication date
    (JAN21, "Kirby sagte letzte Woche im Weißen Haus, es gebe neue Beweise.", [("letzte Woche", D, "2024-W02")]),
    (JAN21, "Der Bericht erscheint voraussichtlich nächsten Monat.", [("nächsten Monat", D, "2024-02")]),
    (JAN21, "Putin traf den Außenminister diese Woche im Kreml.", [("diese Woche", D, "2024-W03")]),
    (JAN21, "Die Lieferungen haben in diesem Jahr stark zugenommen.", [("diesem Jahr", D, "2024")]),
    (JAN21, "Im vergangenen Jahr wurden mehr als 500 Drohnen geliefert.", [("vergangenen Jahr", D, "2023")]),
    (JAN21, "Im kommenden Jahr soll die Produktion verdoppelt werden.", [("kommenden Jahr", D, "2025")]),
    (JAN21, "Mitte vergangenen Jahres begann die Gegenoffensive.", [("Mitte vergangenen Jahres", D, "2023")]),
    (JAN21, "Ende letzten Jahres fielen die Preise.", [("Ende letzten Jahres", D, "2023")]),
    (JAN21, "Anfang dieses Jahres wurden neue Sanktionen verhängt.", [("Anfang dieses Jahres", D, "2024")]),
    (JAN21, "Vor zwei Wochen explodierte ein Munitionsdepot.", [("Vor zwei Wochen", D, "2024-W01")]),
    (JAN21, "Das Treffen fand vor drei Tagen statt.", [("vor drei Tagen", D, "2024-01-18")]),
    (JAN21, "Vor einem Jahr hatte die Regierung noch anders geurteilt.", [("Vor einem Jahr", D, "2023")]),
    (JAN21, "Vor zwei Monaten begannen die Gespräche.", [("Vor zwei Monaten", D, "2023-11")]),
    (JAN21, "In zwei Wochen wird der Ausschuss entscheiden.", [("In zwei Wochen", D, "2024-W05")]),
    (JAN21, "Heute wurde der Bericht veröffentlicht.", [("Heute", D, "2024-01-21")]),
    (JAN21, "Gestern griffen Drohnen eine Raffinerie an.", [("Gestern", D, "2024-01-20")]),
    (JAN21, "Der Minister wird morgen in Brüssel erwartet.", [("morgen", D, "2024-01-22")]),
    (JAN21, "Vorgestern war das Kraftwerk ausgefallen.", [("Vorgestern", D, "2024-01-19")]),
    (JAN21, "Das Interview wurde am heutigen Tag (21. Januar) veröffentlicht.",
     [("heutigen Tag", D, "2024-01-21"), ("21. Januar", D, "2024-01-21")]),
    (JAN21, "Heute Abend spricht der Präsident zur Nation.", [("Heute Abend", T, "2024-01-21TEV")]),
    (JAN21, "Gestern Morgen schlugen zwei Raketen ein.", [("Gestern Morgen", T, "2024-01-20TMO")]),
    (JAN21, "Nordkorea fungiert derzeit als größter Lieferant.", [("derzeit", D, "PRESENT_REF")]),
    (JAN21, "Pjöngjang hat kürzlich Abschussrampen geliefert.", [("kürzlich", D, "PAST_REF")]),
    (JAN21, "Putin will in naher Zukunft Nordkorea besuchen.", [("in naher Zukunft", D, "FUTURE_REF")]),
    (JAN21, "Über den Jahreswechsel feuerten russische Truppen mehrere Raketen ab.",
     [("Jahreswechsel", D, "2023-WI")]),
    (MAR15, "Zum Jahresende soll die Fabrik fertig sein.", [("Jahresende", D, "2024")]),
    (JAN21, "Zum Jahresende hatte die Armee ihre Vorräte aufgebraucht.", [("Jahresende", D, "2023")]),
    (JAN21, "Am Wochenende wurden mehrere Dörfer evakuiert.", [("Wochenende", D, "2024-W03-WE")]),
    (JAN21, "Im Vorjahr lag der Wert noch bei zwei Prozent.", [("Vorjahr", D, "2023")]),
    (MAR15, "Die Zahl der Angriffe stieg im Vergleich zum Vormonat.", [("Vormonat", D, "2024-02")]),
    (JAN21, "Im Winter hatte die Armee kaum Granaten.", [("Winter", D, "2023-WI")]),
    (JAN21, "Im Frühjahr will die Ukraine eine neue Offensive starten.", [("Frühjahr", D, "2024-SP")]),
    (JAN21, "Seit Beginn des Jahres wurden 30 Angriffe gezählt.", []),
    # anaphoric: relative to the date the text just named
    (JAN21, "Am 12. Januar brach ein Feuer aus, zwei Tage später war es gelöscht.",
     [("12. Januar", D, "2024-01-12"), ("zwei Tage später", D, "2024-01-14")]),
    (JAN21, "Am 10. Januar hatte der Sprecher dementiert, am Tag darauf räumte er Fehler ein.",
     [("10. Januar", D, "2024-01-10"), ("Tag darauf", D, "2024-01-11")]),
    (JAN21, "Die Sitzung begann am 8. Januar; am Vortag hatten die Gespräche geendet.",
     [("8. Januar", D, "2024-01-08"), ("Vortag", D, "2024-01-07")]),
    (OCT12, "Im Februar 2022 begann die Invasion. Im März wurden die ersten Städte belagert.",
     [("Februar 2022", D, "2022-02"), ("März", D, "2022-03")]),
    (JAN21, "Am 24. Februar 1992 wurde der Vertrag unterzeichnet, im folgenden Jahr trat er in Kraft.",
     [("24. Februar 1992", D, "1992-02-24"), ("folgenden Jahr", D, "1993")]),
    # durations
    (JAN21, "Die Kämpfe dauerten drei Wochen.", [("drei Wochen", DUR, "P3W")]),
    (JAN21, "Die Waffenruhe hielt nur 24 Stunden.", [("24 Stunden", DUR, "PT24H")]),
    (JAN21, "Seit zwei Jahren verhandeln die Parteien.", [("zwei Jahren", DUR, "P2Y")]),
    (JAN21, "Die Belagerung dauerte fast zwei Jahre.", [("fast zwei Jahre", DUR, "P2Y")]),
    (JAN21, "Die Übung soll mehr als zehn Tage dauern.", [("mehr als zehn Tage", DUR, "P10D")]),
    (JAN21, "Das Programm läuft ein halbes Jahr.", [("ein halbes Jahr", DUR, "P6M")]),
    (JAN21, "Der Außenminister war auf einer fünftägigen Reise.", [("fünftägigen", DUR, "P5D")]),
    (JAN21, "In den vergangenen drei Jahren verdoppelte sich das Budget.",
     [("vergangenen drei Jahren", DUR, "P3Y")]),
    (JAN21, "In den kommenden Wochen werden weitere Lieferungen erwartet.", [("kommenden Wochen", DUR, "PXW")]),
    (JAN21, "Die Gespräche zogen sich monatelang hin.", [("monatelang", DUR, "PXM")]),
    (JAN21, "Seit Jahren liefert das Land Waffen an die Region.", [("Seit Jahren", DUR, "PXY")]),
    (JAN21, "Der Konflikt schwelt seit zehn Jahren.", [("zehn Jahren", DUR, "P10Y")]),
    (JAN21, "Die Soldaten wurden eineinhalb Jahre ausgebildet.", [("eineinhalb Jahre", DUR, "P1Y6M")]),
    (JAN21, "Die Mission ist auf zwei Jahrzehnte angelegt.", [("zwei Jahrzehnte", DUR, "P2DE")]),
    # sets
    (JAN21, "Nordkorea liefert monatlich rund 300.000 Granaten.", [("monatlich", S, "P1M")]),
    (JAN21, "Das Werk produziert jährlich eine Million Geschosse.", [("jährlich", S, "P1Y")]),
    (JAN21, "Die Sirenen werden täglich getestet.", [("täglich", S, "P1D")]),
    (JAN21, "Das Gremium tagt wöchentlich.", [("wöchentlich", S, "P1W")]),
    (JAN21, "Pro Jahr werden 50 Panzer modernisiert.", [("Pro Jahr", S, "P1Y")]),
    (JAN21, "Die Inspektoren kommen alle zwei Wochen.", [("alle zwei Wochen", S, "P2W")]),
    (JAN21, "Jeden Monat erreichen tausende Flüchtlinge die Grenze.", [("Jeden Monat", S, "P1M")]),
    # times of day
    (JAN21, "Um 14 Uhr heulten die Sirenen.", [("14 Uhr", T, "2024-01-21T14:00")]),
    (JAN21, "Am 19. Januar um 6.30 Uhr schlug eine Rakete ein.",
     [("19. Januar", D, "2024-01-19"), ("6.30 Uhr", T, "2024-01-19T06:30")]),
    # holidays
    (JAN21, "Zu Weihnachten hatte Moskau eine Waffenruhe abgelehnt.", [("Weihnachten", D, "2023-12-25")]),
    (JAN21, "An Silvester griffen Drohnen Belgorod an.", [("Silvester", D, "2023-12-31")]),
    (JAN21, "Bis Ostern soll das Gesetz verabschiedet sein.", [("Ostern", D, "2024-03-31")]),
    # unknown publication date: underspecified
    (None, "Im September traf sich Putin mit Kim Jong Un.", [("September", D, "XXXX-09")]),
    (None, "Am Donnerstag betonte der Sprecher die Bedeutung der Lieferung.", [("Donnerstag", D, "XXXX-WXX-4")]),
    (None, "Letzte Woche wurde der Bericht vorgestellt.", [("Letzte Woche", D, "PAST_REF")]),
    (None, "Am 15. März wurden die Grenzen geschlossen.", [("15. März", D, "XXXX-03-15")]),
    (None, "Im Juli 2023 hatte der Konvoi die Grenze passiert.", [("Juli 2023", D, "2023-07")]),
]

#: sentences without any time expression (common words, names, numbers that are not dates)
GERMAN_NONE = [
    "Die Kommission hat mit den Staaten verhandelt.",
    "Der Abgeordnete Mai sprach von einer Zäsur.",
    "Rund 2000 Soldaten wurden an die Grenze verlegt.",
    "Die Division verfügt über 1500 Panzer und 300 Haubitzen.",
    "August Müller leitet die Behörde seit ihrer Gründung nicht mehr.",
    "Die Rakete hat eine Reichweite von 1200 Kilometern.",
    "Die Straße Nr. 1945 ist gesperrt.",
    "Er sagte, die Armee habe alle Ziele getroffen.",
    "Mit den Waffen wurde die Front stabilisiert.",
    "Der Airbus A320 landete sicher in Riga.",
    "Der Iran lieferte Drohnen vom Typ Shahed-136.",
    "Ein Platz kostet etwa 1500 bis 2000 Euro.",
    "Archäologen fanden Reste eines 2.500 Jahre alten Hauses.",
]

ENGLISH = [
    (JAN21, "North Korea shipped the missiles on January 2, 2024.", [("January 2, 2024", D, "2024-01-02")]),
    (JAN21, "The talks were held on 15 January 2024 in Geneva.", [("15 January 2024", D, "2024-01-15")]),
    (JAN21, "Russia has been at war since February 2022.", [("February 2022", D, "2022-02")]),
    (JAN21, "Exports fell sharply in 2023.", [("2023", D, "2023")]),
    (JAN21, "Kim met Putin in September.", [("September", D, "2023-09")]),
    (JAN21, "Putin plans to visit Pyongyang in September.", [("September", D, "2024-09")]),
    (JAN21, "The UN panel will publish its report next month.", [("next month", D, "2024-02")]),
    (JAN21, "Kirby said last week that the launchers had arrived.", [("last week", D, "2024-W02")]),
    (JAN21, "The foreign minister visited Moscow this week.", [("this week", D, "2024-W03")]),
    (JAN21, "Deliveries increased last year.", [("last year", D, "2023")]),
    (JAN21, "Production will double next year.", [("next year", D, "2025")]),
    (JAN21, "Russian forces fired the missiles two weeks ago.", [("two weeks ago", D, "2024-W01")]),
    (JAN21, "The depot exploded three days ago.", [("three days ago", D, "2024-01-18")]),
    (JAN21, "The spokesman confirmed the attack on Thursday.", [("Thursday", D, "2024-01-18")]),
    (JAN21, "The minister will travel to Kyiv on Friday.", [("Friday", D, "2024-01-26")]),
    (JAN21, "Drones struck a refinery yesterday.", [("yesterday", D, "2024-01-20")]),
    (JAN21, "The report was released today.", [("today", D, "2024-01-21")]),
    (JAN21, "The council meets tomorrow.", [("tomorrow", D, "2024-01-22")]),
    (JAN21, "The president addresses the nation tonight.", [("tonight", T, "2024-01-21TNI")]),
    (JAN21, "Air raid sirens sounded last night.", [("last night", D, "2024-01-20TNI")]),
    (JAN21, "Pyongyang is currently Russia's largest supplier.", [("currently", D, "PRESENT_REF")]),
    (JAN21, "The shipments recently resumed.", [("recently", D, "PAST_REF")]),
    (JAN21, "Sanctions were tightened in early 2023.", [("early 2023", D, "2023")]),
    (JAN21, "The offensive began in mid-2023.", [("mid-2023", D, "2023")]),
    (JAN21, "Prices dropped in late December.", [("late December", D, "2023-12")]),
    (JAN21, "The factory opened in the third quarter of 2023.", [("the third quarter of 2023", D, "2023-Q3")]),
    (JAN21, "Output rose in Q4 2023.", [("Q4 2023", D, "2023-Q4")]),
    (JAN21, "The treaty dates back to the 1990s.", [("the 1990s", D, "199")]),
    (JAN21, "Such weapons were common in the 20th century.", [("the 20th century", D, "19")]),
    (JAN21, "The fighting lasted three weeks.", [("three weeks", DUR, "P3W")]),
    (JAN21, "The ceasefire held for 48 hours.", [("48 hours", DUR, "PT48H")]),
    (JAN21, "The siege lasted nearly two years.", [("nearly two years", DUR, "P2Y")]),
    (JAN21, "The country has supplied arms for years.", [("for years", DUR, "PXY")]),
    (JAN21, "Casualties rose over the past two months.", [("the past two months", DUR, "P2M")]),
    (JAN21, "More shipments are expected in the coming weeks.", [("the coming weeks", DUR, "PXW")]),
    (JAN21, "The plant produces two million shells annually.", [("annually", S, "P1Y")]),
    (JAN21, "North Korea can deliver 300,000 rounds a month.", [("a month", S, "P1M")]),
    (JAN21, "Inspectors visit the site every week.", [("every week", S, "P1W")]),
    (JAN21, "The committee meets every Monday.", [("every Monday", S, "XXXX-WXX-1")]),
    (JAN21, "The blast happened at 2:30 p.m. local time.", [("2:30 p.m.", T, "2024-01-21T14:30")]),
    (JAN21, "The fire started on January 12 and two days later it was out.",
     [("January 12", D, "2024-01-12"), ("two days later", D, "2024-01-14")]),
    (JAN21, "The talks resumed on January 10; the day before, shelling had stopped.",
     [("January 10", D, "2024-01-10"), ("the day before", D, "2024-01-09")]),
    (JAN21, "Moscow rejected a truce over Christmas.", [("Christmas", D, "2023-12-25")]),
    (JAN21, "Russian forces fired several missiles over the turn of the year.",
     [("the turn of the year", D, "2023-WI")]),
    (MAR15, "The aid package is due by the end of the year.", [("the end of the year", D, "2024")]),
    (MAR15, "Earlier this month the parliament approved the package.", [("Earlier this month", D, "2024-03")]),
    (MAR15, "The vote took place on Wednesday.", [("Wednesday", D, "2024-03-13")]),
    (OCT12, "In January the commission will present a proposal.", [("January", D, "2024-01")]),
    (None, "Kim met Putin in September.", [("September", D, "XXXX-09")]),
    (None, "The strike happened on Thursday.", [("Thursday", D, "XXXX-WXX-4")]),
    (JAN21, "The summer 2023 offensive stalled.", [("summer 2023", D, "2023-SU")]),
]

ENGLISH_NONE = [
    "The minister may resign if the vote fails.",
    "Troops will march on the capital.",
    "More than 2000 soldiers were deployed.",
    "The division has 1500 tanks.",
    "Theresa May met the delegation.",
]


def _check(lang: str, published: date | None, sentence: str, expected: list[tuple[str, str, str]]) -> None:
    found = find_timexes(sentence, published, lang)
    for t in found:
        assert sentence[t.start:t.end] == t.text
    got = {(t.text, t.type, t.value) for t in found}
    for item in expected:
        assert item in got, f"{item} not in {sorted(got)}"


@pytest.mark.parametrize("published,sentence,expected", GERMAN)
def test_timex_table_german(published, sentence, expected):
    _check("de", published, sentence, expected)


@pytest.mark.parametrize("published,sentence,expected", ENGLISH)
def test_timex_table_english(published, sentence, expected):
    _check("en", published, sentence, expected)


@pytest.mark.parametrize("sentence", GERMAN_NONE)
def test_timex_table_german_no_false_dates(sentence):
    assert find_timexes(sentence, JAN21, "de") == []


@pytest.mark.parametrize("sentence", ENGLISH_NONE)
def test_timex_table_english_no_false_dates(sentence):
    assert find_timexes(sentence, JAN21, "en") == []


def test_timex_table_size():
    rows = len(GERMAN) + len(ENGLISH) + len(GERMAN_NONE) + len(ENGLISH_NONE)
    assert rows >= 150
