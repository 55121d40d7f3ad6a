"""German time-expression rules (news style first, narrative texts too).

Each rule is ``(kind, pattern, handler)``; the order matters where two rules can start at
the same character (the first that matches wins), so longer shapes come first.  The handlers
live in :mod:`timex_handlers`.
"""

from __future__ import annotations

from lagebild.analyze.time.handlers import (
    DAY, DEICTIC_DAY, DEICTIC_REF, MONTHS, PARTS, SEASONS, WEEKDAYS, YEAR, h_ago, h_around, h_bare_day,
    h_century, h_clock, h_daymonth, h_daypart, h_dayrange, h_decade, h_deictic, h_dur_adj, h_dur_vague,
    h_duration_checked, h_folge_pl, h_holiday, h_in, h_iso, h_later, h_mod_rel, h_mod_year, h_month,
    h_monthrange, h_numdate, h_past_n, h_period_word, h_prev_unit, h_quarter, h_ref_day, h_rel_unit, h_season,
    h_set, h_week_no, h_weekday, h_weekday_set, h_year, h_year_jahr,
)
from lagebild.analyze.time.rules import Rule

MONTH = (r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November"
         r"|Dezember|(?:Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sept?|Okt|Nov|Dez)\.)")
WD = r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag)"
PART = r"(?:morgen|vormittag|mittag|nachmittag|abend|nacht)"
MODW = r"(?:Anfang|Mitte|Ende|Beginn|Ausgang)"
APPROXW = r"(?:[Ee]twa|[Uu]ngefähr|[Cc]irca|ca\.|[Gg]egen)"
REL = (r"(?:[Ll]etzte[nmrs]?|[Vv]ergangene[nmrs]?|[Vv]orige[nmrs]?|[Dd]iese[nmrs]?|[Nn]ächste[nmrs]?"
       r"|[Kk]ommende[nmrs]?|[Ll]aufende[nmrs]?|[Ff]olgende[nmrs]?|darauffolgende[nmrs]?"
       r"|[Ss]elbe[nmrs]?|[Gg]leiche[nmrs]?|[Ff]rühere[nmrs]?)")
NUM = (r"(?i:\d+(?:,\d+)?|ein(?:e[mnrs]?)?|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf"
       r"|zwölf|dreizehn|vierzehn|fünfzehn|sechzehn|siebzehn|achtzehn|neunzehn|zwanzig|dreißig"
       r"|vierzig|fünfzig|sechzig|hundert|anderthalb|eineinhalb|zweieinhalb|dreieinhalb"
       r"|einige[n]?|mehrere[n]?|wenige[n]?|ein\s+paar|viele[n]?)")
UNIT = (r"(?:Sekunden?|Minuten?|Stunden?|Tage[ns]?|Tag|Wochen?|Monate[ns]?|Monat|Jahre[ns]?|Jahr"
        r"|Jahrzehnte[n]?|Jahrzehnt|Jahrhunderte[n]?|Jahrhundert|Quartale[n]?|Quartal|Nächte[n]?)")
UNIT_PL = (r"(?:Sekunden|Minuten|Stunden|Tage[n]?|Wochen|Monate[n]?|Jahre[n]?|Jahrzehnte[n]?"
           r"|Quartale[n]?|Nächte[n]?)")
APPROXQ = (r"(?:[Rr]und|[Ee]twa|[Uu]ngefähr|[Kk]napp|[Ff]ast|[Gg]ut|[Mm]ehr\s+als|[Üü]ber|[Ww]eniger\s+als"
           r"|[Mm]indestens|[Hh]öchstens|[Mm]aximal|[Nn]ahezu|[Cc]irca|ca\.|bis\s+zu)")
HOLIDAY = (r"(?:Heiligabend|Heiligen\s+Abend|Weihnachten|Ersten\s+Weihnachtstag|Zweiten\s+Weihnachtstag"
           r"|Silvester|Neujahr|Neujahrstag|Ostern|Ostersonntag|Ostermontag|Karfreitag|Pfingsten"
           r"|Tag\s+der\s+Deutschen\s+Einheit)")


# --- the rules -----------------------------------------------------------------------------

def _forms(*stems: str) -> set[str]:
    return {stem + end for stem in stems for end in ("e", "en", "em", "er", "es")}


def triggers():
    """(first words, word prefixes, word suffixes, weak words, followers), lower case.

    Every rule's pattern begins with one of these (or a digit); the finder tries the joined
    regex only at words that pass this check, which keeps one pass over a text cheap.  A weak
    word ("in", "zwei", "Ende") starts a match only when the next word is a follower (a trigger
    word or a connective such as "des", "Uhr", "später").
    """
    words = set(MONTHS) | set(WEEKDAYS) | set(PARTS) | set(SEASONS) | set(DEICTIC_DAY)
    words |= {w.split()[0] for w in DEICTIC_REF}
    words |= _forms("letzt", "vergangen", "vorig", "dies", "nächst", "kommend", "laufend", "folgend",
                    "darauffolgend", "selb", "gleich", "früher")
    words |= {"anfang", "mitte", "ende", "beginn", "ausgang", "etwa", "ungefähr", "circa", "ca", "gegen",
              "rund", "knapp", "fast", "gut", "mehr", "über", "weniger", "mindestens", "höchstens", "maximal",
              "nahezu", "bis", "jahr", "jahre", "jahres", "jahrs", "frühen", "späten", "ersten", "zweiten",
              "dritten", "vierten", "letzten", "q1", "q2", "q3", "q4", "h1", "h2", "kw", "kalenderwoche",
              "jahreswechsel", "jahreswechsels", "jahreswende", "jahresende", "jahresendes", "jahresanfang",
              "jahresanfangs", "jahresbeginn", "jahresbeginns", "jahresmitte", "jahresauftakt",
              "jahresauftakts", "monatsende", "monatsendes", "monatsanfang", "monatsanfangs", "monatsbeginn",
              "monatsbeginns", "monatsmitte", "wochenende", "wochenendes", "sommers", "winters",
              "herbstes", "frühjahrs", "frühlings", "vor", "zurückliegenden", "tags", "tag", "monat",
              "woche", "vorjahr", "vorjahres", "vorjahrs", "vormonat", "vormonats", "vorwoche", "folgejahr",
              "folgejahres", "folgejahrs", "folgemonat", "folgemonats", "folgewoche", "vortag", "vortages",
              "vortags", "folgetag", "folgetages", "folgetags", "in", "heuer", "jetzt", "wenig", "kurz",
              "zu", "heutigen", "am", "folgejahren", "folgemonaten", "folgewochen", "folgetagen", "vorjahren",
              "vormonaten", "jeden", "jedem", "jedes", "jede", "heiligabend", "heiligen", "weihnachten", "silvester",
              "neujahr", "neujahrstag", "ostern", "ostersonntag", "ostermontag", "karfreitag", "pfingsten",
              "halbe", "halben", "halbes", "seit", "pro", "je", "alle", "jährlich", "alljährlich",
              "halbjährlich", "vierteljährlich", "monatlich", "wöchentlich", "täglich", "stündlich",
              "ein", "eine", "einem", "einen", "einer", "eines", "zwei", "drei", "vier", "fünf", "sechs",
              "sieben", "acht", "neun", "zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn",
              "sechzehn", "siebzehn", "achtzehn", "neunzehn", "zwanzig", "dreißig", "vierzig", "fünfzig",
              "sechzig", "hundert", "anderthalb", "eineinhalb", "zweieinhalb", "dreieinhalb", "einige",
              "einigen", "mehrere", "mehreren", "wenige", "wenigen", "viele", "vielen", "sekunden",
              "minuten", "stunden", "tage", "tagen", "wochen", "monate", "monaten", "jahren", "jahrzehnte",
              "jahrzehnten", "quartal", "quartale", "nacht", "morgen", "abend", "vormittag", "nachmittag"}
    weak = {"am", "in", "zu", "bis", "vor", "mehr", "über", "gut", "fast", "rund", "knapp", "etwa", "ungefähr", "circa",
            "ca", "gegen", "weniger", "mindestens", "höchstens", "maximal", "nahezu", "seit", "pro", "je", "alle",
            "jeden", "jedem", "jedes", "jede", "wenig", "kurz", "halbe", "halben", "halbes", "ersten", "zweiten",
            "dritten", "vierten", "letzten", "frühen", "späten", "einige", "einigen", "mehrere", "mehreren",
            "wenige", "wenigen", "viele", "vielen", "tag", "jahr", "monat", "woche", "morgen", "abend", "nacht",
            "jahre", "jahres", "ein", "eine", "einem", "einen", "einer", "eines", "zwei", "drei", "vier", "fünf",
            "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn",
            "sechzehn", "siebzehn", "achtzehn", "neunzehn", "zwanzig", "dreißig", "vierzig", "fünfzig",
            "sechzig", "hundert", "anderthalb", "eineinhalb", "zweieinhalb", "dreieinhalb", "sekunden",
            "minuten", "stunden", "tage", "tagen", "wochen", "monate", "monaten", "jahren", "jahrzehnte",
            "jahrzehnten", "anfang", "mitte", "ende", "beginn", "ausgang", "vormittag", "nachmittag"}
    followers = {"als", "kurzem", "kürze", "zukunft", "hälfte", "halbjahr", "jahreshälfte", "quartal", "quartals",
                 "jahrhundert", "jahrhunderts", "jahrzehnt", "jahrzehnts", "uhr", "lang", "darauf", "danach",
                 "zuvor", "davor", "vorher", "später", "früher", "dem", "des", "der", "den", "und", "oder",
                 "zeitpunkt", "zeit", "hindurch", "nächte", "nächten", "auf", "zum", "vom", "bis", "jänner",
                 "paar", "dutzend", "von", "naher", "weihnachtstag", "frühen", "späten", "darauffolgenden",
                 "vormittag", "nachmittag", "folgenden", "vor", "nach", "jahrhunderte", "jahrhunderten", "quartale", "quartalen"}
    prefixes = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag")
    suffixes = tuple(f"{u}{e}" for u in ("lang", "tägig", "wöchig", "monatig", "jährig", "stündig", "minütig")
                     for e in ("", "e", "en", "em", "er", "es"))
    return frozenset(words), prefixes, suffixes, frozenset(weak), frozenset(words | followers)


def rules() -> list[Rule]:
    return [
        ("iso", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", h_iso),
        ("dayrange", rf"(?:(?P<pre>Nacht|Morgen|Abend)\s+(?:vom|zum|des)\s+)?(?P<d1>{DAY})\.\s*"
                     rf"(?:bis(?:\s+(?:zum|einschließlich))?|und|oder|auf\s+den|zum|[–-]|/)\s*(?P<d2>{DAY})\.\s*(?P<mon>{MONTH})"
                     rf"(?:\s+(?P<y>{YEAR}))?", h_dayrange),
        ("daymonth", rf"(?:(?P<part>Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht)\s+(?:des|vom|zum|am)\s+)?"
                     rf"(?:(?P<wd>{WD})(?:,\s*|\s+)(?:(?:den|dem)\s+)?)?(?P<d>{DAY})\.\s?(?P<mon>{MONTH})"
                     rf"(?:\s+(?P<y>{YEAR}))?(?:\s+(?P<part2>morgens|abends|nachts|früh))?", h_daymonth),
        ("bare_day", rf"(?<=[Aa]m\s)(?P<d>{DAY})\.(?=\s+(?:[a-zäöüß]|den\s|die\s|der\s))", h_bare_day),
        ("numdate", r"(?<![\d.,])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?:(?P<y>\d{4}|\d{2})(?![\d.,]\d))?",
         h_numdate),
        ("monthrange", rf"(?P<m1>{MONTH})\s*(?:bis|und|oder|[–-]|/)\s*(?P<m2>{MONTH})\s+(?P<y>{YEAR})",
         h_monthrange),
        ("year_jahr", rf"(?:(?P<approx>{APPROXW})\s+)?(?:(?P<mod>{MODW})\s+(?:des\s+)?)?(?:Jahre?s?)\s+"
                      rf"(?P<y>{YEAR})", h_year_jahr),
        ("month", rf"(?:(?P<approx>{APPROXW})\s+)?(?:(?P<rel2>[Vv]ergangenen|[Ll]etzten|[Vv]origen|[Kk]ommenden"
                  rf"|[Nn]ächsten|[Dd]iesen)\s+)?(?:(?P<mod>{MODW})\s+)?(?P<mon>{MONTH})"
                  rf"(?:\s+(?:des\s+Jahres\s+)?(?P<y>{YEAR})|\s+(?:des\s+)?(?P<rel>{REL})\s+Jahres"
                  rf"|\s+des\s+(?P<vorj>Vorjahre?s))?", h_month),
        ("mod_year", rf"(?:(?P<approx>{APPROXW})\s+)?(?P<mod>{MODW}|Frühjahr|Frühling|Sommer|Herbst|Winter)\s+"
                     rf"(?P<y>{YEAR})(?:\s*/\s*\d{{2}}(?:\d{{2}})?(?!\d))?", h_mod_year),
        ("decade", rf"(?:(?P<mod>{MODW})\s+der\s+)?(?P<c>1\d|20)?(?P<d>\d)0er(?:\s?-?\s?Jahre[n]?)?", h_decade),
        ("century", rf"(?:(?P<mod>{MODW}|frühen|späten)\s+(?:des\s+)?)?(?P<n>\d{{1,2}})\.\s+Jahrhunderts?"
                    r"(?P<bc>\s+v\.\s?Chr\.)?", h_century),
        ("quarter", r"(?:(?P<ord>ersten|zweiten|dritten|vierten|letzten|[1-4]\.)\s+(?P<unit>Quartal|Halbjahr"
                    r"|Jahreshälfte|Hälfte)|(?P<q>Q[1-4]|H[12]))"
                    rf"(?:\s+(?:des\s+Jahres\s+)?(?P<y>{YEAR})|\s+(?:des\s+|dieses\s+)?(?P<rel>{REL})\s+Jahres"
                    r"|\s+des\s+(?P<vorj>Vorjahre?s))?", h_quarter),
        ("week_no", rf"(?:KW|Kalenderwoche)\s*(?P<w>\d{{1,2}})(?:\s*/\s*(?P<y>{YEAR}))?", h_week_no),
        ("period", rf"(?:(?P<rel>{REL})\s+)?(?P<w>Jahreswechsel[s]?|Jahreswende|Jahresende[s]?|Jahresanfang[s]?"
                   r"|Jahresbeginn[s]?|Jahresmitte|Jahresauftakt[s]?|Monatsende[s]?|Monatsanfang[s]?"
                   r"|Monatsbeginn[s]?|Monatsmitte|Wochenende[s]?)"
                   rf"(?:\s+(?P<y>{YEAR})(?:\s*/\s*(?P<y2>\d{{2}}(?:\d{{2}})?)(?!\d))?)?", h_period_word),
        ("mod_rel", rf"(?P<mod>{MODW})\s+(?:(?:des|der|dieses|diesen|dieser)\s+)?(?:(?P<rel>{REL})\s+)?"
                    r"(?P<unit>Jahres|Jahrs|Monats|Woche|Jahrzehnts|Quartals)", h_mod_rel),
        ("season", rf"(?:(?P<mod>{MODW})\s+(?:des\s+)?)?(?:(?P<rel>{REL})\s+)?"
                   rf"(?P<s>Frühjahrs?|Frühlings?|Sommers?|Herbst(?:es)?|Winters?)(?:\s+(?P<y>{YEAR}))?",
         h_season),
        ("ago", rf"[Vv]or\s+(?:(?P<approx>{APPROXQ})\s+)?(?P<n>{NUM})\s+(?P<unit>{UNIT})", h_ago),
        ("past_n", rf"(?P<rel>[Vv]ergangenen|[Ll]etzten|zurückliegenden|[Kk]ommenden|[Nn]ächsten|[Ff]olgenden"
                   rf"|darauffolgenden|ersten)\s+(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT_PL})", h_past_n),
        ("around", rf"(?P<n>{NUM})\s+(?P<unit>Tage|Tagen|Tag|Wochen|Woche|Monate|Monaten|Monat)\s+(?P<dir>vor|nach)\s+"
                   r"(?P<a>Jahresende|Jahresbeginn|Jahresanfang|Weihnachten|Heiligabend|Silvester|Neujahr)", h_around),
        ("later", rf"(?P<n>{NUM})\s+(?P<unit>{UNIT})\s+(?P<dir>später|danach|darauf|zuvor|früher|vorher|davor)",
         h_later),
        ("ref_day", r"(?:(?:[Tt]ags)|(?P<unit>Tag|Jahr|Monat|Woche|Morgen|Abend|Nacht))\s+"
                    r"(?P<dir>zuvor|davor|darauf|danach|vorher)", h_ref_day),
        ("folge_pl", r"(?P<w>Folgejahren|Folgemonaten|Folgewochen|Folgetagen|Vorjahren|Vormonaten)", h_folge_pl),
        ("prev_unit", r"(?P<w>Vorjahr(?:es|s)?|Vormonat(?:s)?|Vorwoche|Folgejahr(?:es|s)?|Folgemonat(?:s)?"
                      r"|Folgewoche|Vortag(?:es|s)?|Folgetag(?:es|s)?)", h_prev_unit),
        ("rel_unit", rf"(?P<rel>{REL})\s+(?P<unit>Woche|Monats?|Jahr(?:es|s)?|Quartals?|Jahrzehnts?|Tag"
                     r"|Morgen|Abend|Nacht|Vormittag|Nachmittag)", h_rel_unit),
        ("in", rf"[Ii]n\s+(?P<n>{NUM})\s+(?P<unit>{UNIT_PL}|Woche|Monat|Jahr)", h_in),
        ("deictic", r"(?P<w>[Hh]eute|[Gg]estern|[Vv]orgestern|morgen|[Üü]bermorgen|[Hh]euer|[Jj]etzt|[Dd]erzeit"
                    r"|[Zz]urzeit|[Gg]egenwärtig|[Mm]omentan|[Hh]eutzutage|[Kk]ürzlich|[Nn]eulich|[Bb]ald"
                    r"|[Ww]enig\s+später|[Kk]urz\s+(?:darauf|danach)"
                    r"|[Hh]eutigen\s+Tag(?:es|s)?|[Ii]n\s+naher\s+Zukunft"
                    r"|[Jj]üngst|[Vv]or\s+[Kk]urzem|[Ii]n\s+Kürze|[Dd]emnächst|[Kk]ünftig|[Zz]ukünftig"
                    r"|[Ii]n\s+Zukunft)(?:\s+(?P<part>Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht|früh))?",
         h_deictic),
        ("daypart", r"[Aa]m\s+(?:(?P<early>frühen|späten)\s+)?(?P<part>Morgen|Vormittag|Nachmittag|Abend)"
                    r"(?!\s+(?:des|vom|zum|darauf|danach|zuvor))", h_daypart),
        ("weekday", rf"(?:(?P<pre>Nacht|Morgen|Abend)\s+(?:zum|zu|auf\s+den|vom)\s+)?(?:(?P<set>[Jj]eden|[Jj]edem)\s+)?"
                    rf"(?:(?P<rel>{REL})\s+)?(?P<wd>{WD})(?P<part>{PART})?", h_weekday),
        ("weekday_set", r"(?P<wd>montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)s", h_weekday_set),
        ("clock", rf"(?:(?P<approx>gegen|etwa|ungefähr|knapp)\s+)?(?P<h>[012]?\d)(?:[.:](?P<mi>[0-5]\d))?\s*Uhr"
                  r"(?:\s+(?:MEZ|MESZ|UTC|GMT|Ortszeit|Moskauer\s+Zeit|deutscher\s+Zeit|Kiewer\s+Zeit))?",
         h_clock),
        ("holiday", rf"(?P<h>{HOLIDAY})(?:\s+(?P<y>{YEAR}))?", h_holiday),
        ("duration", rf"(?:(?P<approx>{APPROXQ})\s+)?(?:(?P<n>{NUM})\s+)?(?P<half>halbe[ns]?\s+)?(?P<unit>{UNIT})"
                     r"(?:\s+lang)?", h_duration_checked),
        ("dur_adj", r"(?P<n>\d+-|anderthalb|eineinhalb|zweieinhalb|ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|vierzehn"
                    r"|zwanzig|dreißig|vierzig|fünfzig|hundert)(?P<u>tägig|wöchig|monatig|jährig|stündig|minütig)"
                    r"(?:e[nmrs]?)?", h_dur_adj),
        ("dur_vague", r"(?P<u>jahre|monate|wochen|tage|stunden|jahrzehnte)lang(?:e[nmrs]?)?"
                      r"|[Ss]eit\s+(?P<u2>Jahren|Monaten|Wochen|Tagen|Jahrzehnten|Stunden)", h_dur_vague),
        ("set", r"(?P<w>(?:[Aa]ll|[Hh]alb|[Vv]iertel)?jährlich|[Jj]ährlich|[Mm]onatlich|[Ww]öchentlich|[Tt]äglich"
                r"|[Ss]tündlich)"
                r"|(?:[Pp]ro|[Jj]e|[Jj]ede[sn]?|[Jj]edem)\s+(?P<u>Jahr|Monat|Woche|Tag|Stunde|Quartal)"
                rf"|[Aa]lle\s+(?P<n>{NUM})\s+(?P<u2>Jahre|Monate|Wochen|Tage|Stunden)", h_set),
        ("year", rf"(?P<y>{YEAR})(?![.,]\d)", h_year),
    ]
