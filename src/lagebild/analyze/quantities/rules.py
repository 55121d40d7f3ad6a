"""Lexicon and patterns of the quantity finder (German and English).

The patterns are built by :func:`patterns` (cached, so they compile once per language when the
stage is built, never at import time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lagebild.model.numbers import DE_WORD_RX, DIGITS_RX, EN_WORD_RX
from lagebild.analyze.time.rules import trie_pattern

DE_STEMS = ("zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf", "zwanzig",
            "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig", "hundert", "tausend",
            "anderthalb", "ein")
EN_STEMS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
            "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "a ", "an ")

#: approximators: word -> (approximate, bound) where bound is "low", "high" or None
APPROX = {
    "etwa": (True, None), "rund": (True, None), "ca.": (True, None), "circa": (True, None),
    "ungefähr": (True, None), "knapp": (True, None), "fast": (True, None), "beinahe": (True, None),
    "nahezu": (True, None), "annähernd": (True, None), "schätzungsweise": (True, None),
    "geschätzt": (True, None), "geschätzte": (True, None), "gut": (True, "low"),
    "mehr als": (True, "low"), "über": (True, "low"), "weit über": (True, "low"), "mindestens": (False, "low"),
    "wenigstens": (False, "low"), "weniger als": (True, "high"),
    "bis zu": (True, "high"), "höchstens": (False, "high"), "maximal": (False, "high"),
    "about": (True, None), "around": (True, None), "approximately": (True, None), "roughly": (True, None),
    "some": (True, None), "nearly": (True, None), "almost": (True, None), "close to": (True, None),
    "an estimated": (True, None), "estimated": (True, None), "more than": (True, "low"),
    "over": (True, "low"), "at least": (False, "low"), "up to": (True, "high"), "less than": (True, "high"),
    "fewer than": (True, "high"), "under": (True, "high"), "at most": (False, "high"),
    "as many as": (True, "high"), "as much as": (True, "high"), "well over": (True, "low"),
}

#: vague magnitudes: word -> (low, high)
VAGUE = {
    "dutzende": (24, 99), "hunderte": (200, 999), "tausende": (2000, 9999), "zehntausende": (20000, 99999),
    "hunderttausende": (200000, 999999), "millionen": (2e6, 9999999), "milliarden": (2e9, 9999999999),
    "dozens": (24, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
    "tens of thousands": (20000, 99999), "hundreds of thousands": (200000, 999999),
    "millions": (2e6, 9999999), "billions": (2e9, 9999999999),
}
#: "mehrere Tausend", "several hundred": the factor of the scale word, bounds 2..9 of it
SEVERAL = {"mehrere", "einige", "several", "a few", "ein paar"}

FRACTIONS = {"hälfte": 50.0, "drittel": 100 / 3, "viertel": 25.0, "fünftel": 20.0, "zehntel": 10.0,
             "half": 50.0, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0, "quarters": 25.0,
             "fifth": 20.0, "fifths": 20.0, "tenth": 10.0, "tenths": 10.0}

CURRENCIES = {
    "euro": "EUR", "€": "EUR", "eur": "EUR", "dollar": "USD", "us-dollar": "USD", "$": "USD", "us$": "USD",
    "usd": "USD", "dollars": "USD", "pfund": "GBP", "£": "GBP", "gbp": "GBP", "rubel": "RUB", "rub": "RUB",
    "roubles": "RUB", "rubles": "RUB", "yuan": "CNY", "cny": "CNY", "franken": "CHF", "chf": "CHF",
    "won": "KRW", "hrywnja": "UAH", "hrywnja-": "UAH", "griwna": "UAH", "uah": "UAH", "yen": "JPY",
    "euros": "EUR", "dlrs": "USD", "dlrs.": "USD",
}
MEASURES = {
    "km": "km", "kilometer": "km", "kilometern": "km", "kilometres": "km", "kilometers": "km",
    "m": "m", "meter": "m", "metern": "m", "metres": "m", "meters": "m", "t": "t", "tonnen": "t",
    "tonnes": "t", "tons": "t", "kg": "kg", "kilogramm": "kg", "kilograms": "kg", "mm": "mm",
    "millimeter": "mm", "cm": "cm", "zentimeter": "cm", "km²": "km2", "quadratkilometer": "km2",
    "square kilometres": "km2", "square kilometers": "km2", "liter": "l", "litres": "l", "liters": "l",
    "barrel": "bbl", "barrels": "bbl", "hektar": "ha", "hectares": "ha", "grad": "°C", "°c": "°C",
    "miles": "mi", "mi": "mi", "prozent": "%", "%": "%", "percent": "%", "per cent": "%",
    "prozentpunkte": "percentage points", "prozentpunkten": "percentage points",
    "percentage points": "percentage points", "megawatt": "MW", "mw": "MW", "gigawatt": "GW",
}
#: nouns that measure or package what follows ("Schuss Munition", "rounds of ammunition")
CONTAINERS = {"schuss", "stück", "tonnen", "kisten", "container", "paletten", "waggons", "sätze", "ladungen",
              "lkw-ladungen", "liter", "barrel", "kubikmeter", "rounds", "tons", "tonnes", "crates",
              "containers", "pieces", "units", "shipments", "batches", "truckloads", "boxes", "barrels", "t"}

RATES = {"jährlich": "P1Y", "monatlich": "P1M", "wöchentlich": "P1W", "täglich": "P1D", "stündlich": "PT1H",
         "annually": "P1Y", "yearly": "P1Y", "monthly": "P1M", "weekly": "P1W", "daily": "P1D",
         "jahr": "P1Y", "monat": "P1M", "woche": "P1W", "tag": "P1D", "stunde": "PT1H", "year": "P1Y",
         "month": "P1M", "week": "P1W", "day": "P1D", "hour": "PT1H", "quartal": "P3M", "quarter": "P3M"}

#: words before a number that make it an identifier, not a quantity
ID_WORDS = {"nr.", "nr", "nummer", "artikel", "art.", "paragraf", "paragraph", "§", "platz", "seite",
            "resolution", "kapitel", "flug", "linie", "no.", "number", "article", "page", "chapter",
            "flight", "route", "covid", "bus", "tram", "gleis", "zimmer", "room", "version", "level", "stufe",
            "kw", "block", "punkt", "absatz", "abs.", "ziffer", "rang", "tabelle", "figure", "abbildung",
            "ausgabe", "band", "heft", "jahrgang", "lauf", "runde", "spieltag", "minute", "code"}

EN_STOP = {
    "and", "or", "but", "to", "from", "in", "on", "at", "by", "for", "with", "without", "into", "over",
    "under", "than", "that", "which", "who", "whom", "whose", "as", "per", "a", "an", "the", "this", "these",
    "those", "its", "their", "his", "her", "our", "each", "every", "since", "until", "while", "during",
    "after", "before", "about", "more", "less", "fewer", "up", "down", "out", "off", "also", "only", "just",
    "not", "no", "already", "still", "last", "next", "were", "was", "have", "had", "has", "are", "is", "will",
    "would", "could", "can", "may", "might", "should", "must", "did", "do", "does", "been", "being", "be",
    "said", "says", "according", "so", "if", "when", "where", "then", "there", "here", "it", "they", "we",
    "he", "she", "you", "i", "of", "between", "among", "against", "across", "through", "within", "away",
    "ago", "later", "earlier", "year", "years", "month", "months", "week", "weeks", "day", "days", "percent",
    "times", "each", "all", "some", "such", "other", "another", "both", "either", "neither", "them", "us",
    "those", "these", "whom", "themselves",
}
#: English nouns that count things without a plural -s
EN_PLURAL_NOUNS = {"people", "personnel", "aircraft", "police", "children", "men", "women", "staff", "troops",
                   "ammunition", "artillery", "fuel", "oil", "gas", "equipment", "livestock", "cattle", "sheep",
                   "fish", "deer", "infantry", "cavalry", "militia", "crew", "hardware", "materiel"}


@dataclass(frozen=True)
class Patterns:
    core: re.Pattern[str]
    trigger: re.Pattern[str]
    np: re.Pattern[str]
    rate_after: re.Pattern[str]
    rate_before: re.Pattern[str]
    word: re.Pattern[str]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=4)
def patterns(language: str) -> Patterns:
    en = language == "en"
    words = EN_WORD_RX if en else DE_WORD_RX
    num = rf"(?:{DIGITS_RX}|{words}(?![\w-]))" if en else rf"(?:{DIGITS_RX}|(?i:{words}))"
    one = r"(?:a|an|one)" if en else r"(?:[Ee]ine?[nmr]?)"
    scale = (r"(?:thousand|million|billion|trillion|bn|mn|m|k|tsd\.|mio\.|mrd\.)" if en else
             r"(?:Tausend|tausend|Tsd\.|Millionen|Million|Mio\.|Mill\.|Milliarden|Milliarde|Mrd\.|Billionen"
             r"|Billion|Bio\.)")
    approx = [w for w in APPROX if (w.isascii() or not en)]
    approx_rx = _alt(approx)
    vague_rx = _alt(VAGUE)
    several = _alt(SEVERAL)
    frac_rx = (r"(?:(?P<fn>a|an|one|two|three|four)[\s-]+(?P<fd>half|thirds?|quarters?|fifths?|tenths?)"
               r"|(?P<half>half)(?=\s+(?:of|the|a|an)\b))" if en else
               r"(?:(?P<fn>[Ee]in|[Zz]wei|[Dd]rei|[Vv]ier|[Ee]inem|[Ee]inen)\s+(?P<fd>Drittel|Viertel|Fünftel|Zehntel)"
               r"|(?P<half>[Dd]ie\s+Hälfte|[Dd]er\s+Hälfte|[Ee]ine\s+Hälfte))")
    cur_sym = r"(?:US\$|\$|€|£|dlrs\.?|USD|EUR)"
    units = set(MEASURES) | set(CURRENCIES)
    units = sorted(units | {u.capitalize() for u in units if len(u) > 2} | {"US-Dollar", "Mio. Euro"},
                   key=len, reverse=True)
    unit_rx = "|".join(re.escape(u) for u in units)
    flags = re.IGNORECASE if en else 0
    core = re.compile(
        rf"(?:(?P<approx>(?i:{approx_rx}))\s+)?"
        rf"(?:(?P<cur>{cur_sym})\s?(?P<cn>{DIGITS_RX})(?:\s?(?P<csc>{scale}))?"
        rf"|{frac_rx}"
        rf"|(?i:zwischen|between|von|from)\s+(?P<r1>{num})(?:\s(?P<rsc1>{scale}))?\s+(?:und|and|bis|to)\s+(?P<r2>{num})"
        rf"|(?P<n>{num})(?:\s?(?:bis|-|–|to|and|oder|or|und)\s?(?P<n2>{num})(?=\s|$|[^\w.,]))?"
        rf"|(?P<one>{one})(?=\s+{scale}|\s+(?:Dutzend|dozen)\b)"
        rf"|(?P<several>(?i:{several}))\s+(?P<ssc>hundert|tausend|Hundert|Tausend|hundred|thousand|million|Millionen)"
        rf"|(?P<vague>(?i:{vague_rx})))"
        rf"(?:(?:[ \t]{{1,2}}|-)?(?P<sc>{scale})(?!\w))?"
        rf"(?P<dozen>\s+(?:Dutzend|dozen))?"
        rf"(?:(?:[ \t]{{1,2}}|-)?(?P<unit>{unit_rx})(?![\w²]))?",
        flags)
    vague_words = [w.split()[0] for w in VAGUE] + ["zwischen", "between", "von", "from", "die", "der", "eine",
                                                    "half", "a", "an", "one", "two", "three", "four", "ein",
                                                    "einem", "einen", "zwei", "drei", "vier", "us", "dlrs",
                                                    "usd", "eur"]
    # the trigger runs over the lower-cased text: whole trigger words, and the stems number words
    # begin with (the core pattern checks the rest)
    whole = {w.lower() for w in list(APPROX) + list(SEVERAL) + list(VAGUE) + vague_words}
    stems = EN_STEMS if en else DE_STEMS
    trigger = re.compile(rf"(?<![\w$€£])(?:\d|[$€£]|(?:{trie_pattern(whole)})(?!\w)|(?:{trie_pattern(stems)}))")
    if en:
        np = re.compile(r"[ \t]+(?:of[ \t]+)?((?:[A-Za-z][\w'-]*)(?:[ \t]+[A-Za-z][\w'-]*){0,3})")
        rate_after = re.compile(r"[ \t]*(?:,[ \t]*)?(?P<w>(?:a|an|per|each|every)[ \t]+(?P<u>year|month|week|day|hour|quarter)"
                                r"|annually|yearly|monthly|weekly|daily)\b", re.IGNORECASE)
        rate_before = re.compile(r"(?P<w>\b(?:annually|yearly|monthly|weekly|daily|(?:each|every|per)[ \t]+"
                                 r"(?:year|month|week|day)))[ \t]+$", re.IGNORECASE)
    else:
        np = re.compile(r"[ \t]+((?:(?!(?:der|die|das|den|dem|des|ein|eine[nmrs]?|kein\w*|sein\w*|ihr\w*|unser\w*"
                        r"|dies\w*|jene\w*|welche\w*|alle|beide|wurde|wurden|werden|hatte|hatten|haben|sollen"
                        r"|wollen|können|müssen|seien|sind|waren|worden|wären|habe|mehrere|einige|andere)[ \t])"
                        r"(?:[a-zäöüß][\w-]*(?:e|en|er|es|em)|\d+-\w+|[a-zäöüß]+-[\w-]+)[ \t]+){0,2}"
                        r"[A-ZÄÖÜ][\w-]*)")
        rate_after = re.compile(r"[ \t]*(?:,[ \t]*)?(?P<w>(?:pro|je|im|am|in[ \t]+der)[ \t]+(?P<u>Jahr|Monat|Woche|Tag|Stunde"
                                r"|Quartal)(?![ \t]+\d)|jährlich|monatlich|wöchentlich|täglich)\b")
        rate_before = re.compile(r"(?P<w>\b(?:[Jj]ährlich|[Mm]onatlich|[Ww]öchentlich|[Tt]äglich"
                                 r"|[Pp]ro[ \t]+(?:Jahr|Monat|Woche|Tag)|[Ii]m[ \t]+(?:Jahr|Monat)))[ \t]+$")
    return Patterns(core, trigger, np, rate_after, rate_before, re.compile(r"[\w.§-]+"))
