"""German time-expression rules (news style first, narrative texts too).

Each rule is ``(kind, pattern, handler)``; the order matters where two rules can start at
the same character (the first that matches wins), so longer shapes come first.  The handlers
live in :mod:`~lagebild.analyze.time.absolute`, :mod:`~lagebild.analyze.time.relative` and
:mod:`~lagebild.analyze.time.durations`; the words in the patterns and the trigger lists in
``resources/time/de/``.
"""

from __future__ import annotations

from lagebild import lexicons
from lagebild.analyze.time import lexicon as lex
from lagebild.analyze.time.absolute import (
    h_bare_day, h_bc, h_bc_bare, h_century, h_dayrange, h_daymonth, h_decade, h_decade_word, h_holiday, h_iso, h_mod_year, h_month, h_monthrange,
    h_numdate, h_quarter, h_season, h_year_pair, h_season_part, h_week_no, h_year, h_year_jahr,
)
from lagebild.analyze.time.durations import (
    h_dur_adj, h_dur_vague, h_duration_checked, h_folge_pl, h_past_n, h_set, h_weekday_set,
)
from lagebild.analyze.time.relative import (
    h_ago, h_around, h_clock, h_daypart, h_nth_day, h_part_of_day, h_this_year, h_deictic, h_in, h_later, h_mod_rel, h_period_word, h_prev_unit,
    h_ref_day, h_rel_unit, h_weekday,
)
from lagebild.analyze.time.rules import DAY, YEAR, Rule

#: the groups of ``resources/time/de/patterns.tsv`` and how each is wrapped (NUM matches in any case)
_GROUPS = {"MONTH": "(?:{})", "WD": "(?:{})", "PART": "(?:{})", "MODW": "(?:{})", "APPROXW": "(?:{})",
           "REL": "(?:{})", "NUM": "(?i:{})", "UNIT": "(?:{})", "UNIT_PL": "(?:{})", "APPROXQ": "(?:{})",
           "HOLIDAY": "(?:{})", "DEICTIC": "{}", "TIMEZONE": "(?:{})"}


def vocabulary() -> dict[str, str]:
    """The regex groups of the German rules (month names, weekdays, units, number words …)."""
    alternations = lex.alternations("de")
    return {name: wrap.format(alternations[name]) for name, wrap in _GROUPS.items()}


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
    lx = lex.lexicon()
    words = set(lx.months) | set(lx.weekdays) | set(lx.parts) | set(lx.seasons) | set(lx.deictic_days)
    words |= {w.split()[0] for w in lx.deictic_refs}
    words |= _forms(*sorted(lexicons.words("time/de/trigger_stems.txt")))
    words |= lexicons.words("time/de/trigger_words.txt")
    weak = lexicons.words("time/de/trigger_weak.txt")
    followers = lexicons.words("time/de/trigger_followers.txt")
    prefixes = lex.ordered_words("de/trigger_prefixes.txt")
    suffixes = tuple(f"{u}{e}" for u in ("lang", *lx.adjective_units) for e in ("", "e", "en", "em", "er", "es"))
    return frozenset(words), prefixes, suffixes, frozenset(weak), frozenset(words | followers)



def _bc_rule(month: str, modw: str) -> Rule:
    """Years before Christ: "490 v. Chr.", "im Sommer 480 v. Chr.", "von 218 bis 201 v. Chr."."""
    return ("bc", rf"(?:(?:(?P<d>{DAY})\.\s?)?(?P<mon>{month})\s+|(?P<s>Frühjahr|Frühling|Sommer|Herbst|Winter)\s+"
                  rf"|(?P<mod>{modw})\s+)?(?P<y>\d{{1,4}})(?:\s*(?:bis|und|oder|[–-]|/)\s*(?P<y2>\d{{1,4}}))?"
                  r"\s+(?:v\.\s?Chr\.|vor\s+Christus|vor\s+Christi\s+Geburt|v\.\s?u\.\s?Z\.)", h_bc)


def _decade_word_rule(modw: str) -> Rule:
    """"in den sechziger Jahren", "Ende der zwanziger Jahre"."""
    return ("decade_word", rf"(?:(?P<mod>{modw})\s+der\s+)?(?P<w>[Zz]wanziger|[Dd]reißiger|[Vv]ierziger"
                           r"|[Ff]ünfziger|[Ss]echziger|[Ss]iebziger|[Aa]chtziger|[Nn]eunziger)\s+Jahren?"
                           r"(?!\s+\w+\s+Jahrhunderts)", h_decade_word)


def _anaphoric_rules() -> list[Rule]:
    """The year and the n-th day counted from the time the text is at."""
    return [
        # "im Laufe des Jahres", "im Sommer desselben Jahres": the year the text is at
        ("this_year", r"(?P<w>des|desselben)\s+Jahres(?!\s*(?:\d|v\.))", h_this_year),
        # "am ersten Tag", "am dritten Tag der Schlacht": counted from the day the text is at
        ("nth_day", r"(?P<pre>[Aa]m|[Aa]n\s+dem)\s+(?P<ord>ersten|zweiten|dritten|vierten|fünften|sechsten|siebten"
                    r"|achten|neunten|zehnten)\s+Tag(?!e)", h_nth_day),
    ]


def rules() -> list[Rule]:
    v = vocabulary()
    month, wd, part, modw, approxw, rel, num, unit, unit_pl, approxq, holiday = (
        v["MONTH"], v["WD"], v["PART"], v["MODW"], v["APPROXW"], v["REL"], v["NUM"], v["UNIT"], v["UNIT_PL"],
        v["APPROXQ"], v["HOLIDAY"])
    return [
        _bc_rule(month, modw),  # first, so that "2. August 216 v. Chr." is one date, not a day-month
        # "im Sommer 216" in a text at a year before Christ (elsewhere the month or season alone)
        ("bc_bare", rf"(?:(?P<mon>{month})\s+|(?P<s>Frühjahr|Frühling|Sommer|Herbst|Winter)\s+|(?P<jahr>Jahre?)\s+)"
                    r"(?P<y>\d{2,3})(?![\d.,:%]|\s*(?:v\.|n\.|vor\b|nach\b|[A-ZÄÖÜ]))", h_bc_bare),
        ("iso", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", h_iso),
        ("dayrange", rf"(?:(?P<pre>Nacht|Morgen|Abend)\s+(?:vom|zum|des)\s+)?(?P<d1>{DAY})\.\s*"
                     rf"(?:bis(?:\s+(?:zum|einschließlich))?|und(?:\s+(?:dem|den))?|oder|auf\s+den|zum|[–-]|/)\s*(?P<d2>{DAY})\.\s*(?P<mon>{month})"
                     rf"(?:\s+(?P<y>{YEAR}))?", h_dayrange),
        ("daymonth", rf"(?:(?P<part>(?:Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht)(?:stunden)?)\s+(?:des|vom|zum|am)\s+)?"
                     rf"(?:(?P<wd>{wd})(?:,\s*|\s+)(?:(?:den|dem)\s+)?)?(?P<d>{DAY})\.\s?(?P<mon>{month})"
                     rf"(?:\s+(?P<y>{YEAR})|\s+desselben\s+Jahres)?(?:\s+(?P<part2>morgens|abends|nachts|früh))?", h_daymonth),
        ("bare_day", rf"(?<=[Aa]m\s)(?P<d>{DAY})\.(?=\s+(?:[a-zäöüß]|den\s|die\s|der\s))", h_bare_day),
        # "21.01.2024", "21.1.24", "21.1."; with a space only before a four-digit year ("11.7. 2015",
        # "2. 9. 2015", as in derStandard's bylines)
        ("numdate", r"(?<![\d.,])(?P<d>[0-3]?\d)\.(?:(?P<m>[01]?\d)\.(?:(?P<y>\d{4}|\d{2})(?![\d.,]\d)"
                    r"|[ ](?P<y2>(?:1[5-9]|20)\d{2})(?![\d.,]\d))?"
                    r"|[ ](?P<m2>[01]?\d)\.[ ]?(?P<y3>(?:1[5-9]|20)\d{2})(?![\d.,]\d))",
         h_numdate),
        ("monthrange", rf"(?P<m1>{month})\s*(?:bis|und|oder|[–-]|/)\s*(?P<m2>{month})\s+(?P<y>{YEAR})",
         h_monthrange),
        ("year_jahr", rf"(?:(?P<approx>{approxw})\s+)?(?:(?P<mod>{modw})\s+(?:des\s+)?)?(?:Jahre?s?)\s+"
                      rf"(?P<y>{YEAR})", h_year_jahr),
        ("month", rf"(?:(?P<approx>{approxw})\s+)?(?:(?P<rel2>[Vv]ergangenen|[Ll]etzten|[Vv]origen|[Kk]ommenden"
                  rf"|[Nn]ächsten|[Dd]iesen)\s+)?(?:(?P<mod>{modw})\s+)?(?P<mon>{month})"
                  rf"(?:\s+(?:des\s+Jahres\s+)?(?P<y>{YEAR})|\s+(?:des\s+)?(?P<rel>{rel})\s+Jahres"
                  rf"|\s+des\s+(?P<vorj>Vorjahre?s)|\s+desselben\s+Jahres)?", h_month),
        ("mod_year", rf"(?:(?P<approx>{approxw})\s+)?(?P<mod>{modw}|Frühjahr|Frühling|Sommer|Herbst|Winter)\s+"
                     rf"(?:des\s+Jahres\s+)?(?P<y>{YEAR})(?:\s*/\s*(?P<y2>\d{{2}}(?:\d{{2}})?)(?!\d))?", h_mod_year),
        ("decade", rf"(?:(?P<mod>{modw})\s+der\s+)?(?P<c>1\d|20)?(?P<d>\d)0er(?:\s?-?\s?Jahre[n]?)?", h_decade),
        _decade_word_rule(modw),
        ("century", rf"(?:(?P<mod>{modw}|frühen|späten)\s+(?:des\s+)?)?(?P<n>\d{{1,2}})\.\s+Jahrhunderts?"
                    r"(?P<bc>\s+v\.\s?Chr\.)?", h_century),
        ("quarter", r"(?:(?P<ord>ersten|zweiten|dritten|vierten|letzten|[1-4]\.)\s+(?P<unit>Quartal|Halbjahr"
                    r"|Jahreshälfte|Hälfte)|(?P<q>Q[1-4]|H[12]))"
                    rf"(?:\s+(?:des\s+Jahres\s+)?(?P<y>{YEAR})|\s+(?:des\s+|dieses\s+)?(?P<rel>{rel})\s+Jahres"
                    r"|\s+des\s+(?P<vorj>Vorjahre?s))?", h_quarter),
        ("week_no", rf"(?:KW|Kalenderwoche)\s*(?P<w>\d{{1,2}})(?:\s*/\s*(?P<y>{YEAR}))?", h_week_no),
        ("period", rf"(?:(?P<rel>{rel})\s+)?(?P<w>Jahreswechsel[s]?|Jahreswende|Jahresende[s]?|Jahresanfang[s]?"
                   r"|Jahresbeginn[s]?|Jahresmitte|Jahresauftakt[s]?|Monatsende[s]?|Monatsanfang[s]?"
                   r"|Monatsbeginn[s]?|Monatsmitte|Wochenende[s]?)"
                   rf"(?:\s+(?P<y>{YEAR})(?:\s*/\s*(?P<y2>\d{{2}}(?:\d{{2}})?)(?!\d))?)?", h_period_word),
        ("mod_rel", rf"(?P<mod>{modw})\s+(?:(?:des|der|dieses|diesen|dieser)\s+)?(?:(?P<rel>{rel})\s+)?"
                    r"(?P<unit>Jahres|Jahrs|Monats|Woche|Jahrzehnts|Quartals|Tages)", h_mod_rel),
        ("season", rf"(?:(?P<mod>{modw})\s+(?:des\s+)?)?(?:(?P<rel>{rel})\s+)?"
                   rf"(?P<s>Frühjahrs?|Frühlings?|Sommers?|Herbst(?:es)?|Winters?)(?:\s+(?:des\s+Jahres\s+)?(?P<y>{YEAR})"
                   r"(?:\s*/\s*(?P<y2>\d{2}(?:\d{2})?)(?!\d))?)?",
         h_season),
        ("season_part", rf"(?P<pre>Spät|Früh|Hoch)(?P<s>sommers?|herbst(?:es|s)?|winters?)(?:\s+(?P<y>{YEAR}))?",
         h_season_part),
        ("ago", rf"[Vv]or\s+(?:(?P<approx>{approxq})\s+)?(?P<n>{num})\s+(?P<unit>{unit})", h_ago),
        ("past_n", rf"(?P<rel>[Vv]ergangenen|[Ll]etzten|zurückliegenden|[Kk]ommenden|[Nn]ächsten|[Ff]olgenden"
                   rf"|darauffolgenden|ersten)\s+(?:(?P<n>{num})\s+)?(?P<unit>{unit_pl})", h_past_n),
        ("around", rf"(?P<n>{num})\s+(?P<unit>Tage|Tagen|Tag|Wochen|Woche|Monate|Monaten|Monat)\s+(?P<dir>vor|nach)\s+"
                   r"(?P<a>Jahresende|Jahresbeginn|Jahresanfang|Weihnachten|Heiligabend|Silvester|Neujahr)", h_around),
        ("later", rf"(?P<n>{num})\s+(?:(?P<half>halbe[ns]?)\s+)?(?P<unit>{unit})\s+"
                  r"(?P<dir>später|danach|darauf|zuvor|früher|vorher|davor)",
         h_later),
        *_anaphoric_rules(),
        ("ref_day", r"(?:(?:[Tt]ags)|(?P<unit>Tag|Jahr|Monat|Woche|Morgen|Abend|Nacht))\s+"
                    r"(?P<dir>zuvor|davor|darauf|danach|vorher)", h_ref_day),
        ("folge_pl", r"(?P<w>Folgejahren|Folgemonaten|Folgewochen|Folgetagen|Vorjahren|Vormonaten)", h_folge_pl),
        ("prev_unit", r"(?P<w>Vorjahr(?:es|s)?|Vormonat(?:s)?|Vorwoche|Folgejahr(?:es|s)?|Folgemonat(?:s)?"
                      r"|Folgewoche|Vortag(?:es|s)?|Folgetag(?:es|s)?)", h_prev_unit),
        ("rel_unit", rf"(?P<rel>{rel})\s+(?P<unit>Woche|Monats?|Jahr(?:es|s)?|Quartals?|Jahrzehnts?|Tag"
                     r"|Morgen|Abend|Nacht|Vormittag|Nachmittag)", h_rel_unit),
        ("in", rf"[Ii]n\s+(?P<n>{num})\s+(?P<unit>{unit_pl}|Woche|Monat|Jahr)", h_in),
        ("deictic", rf"(?P<w>{v['DEICTIC']})(?:\s+(?P<part>Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht|früh))?",
         h_deictic),
        ("part_of_day", r"(?:[Aa]m\s+|[Ii]n\s+der\s+)(?P<part>Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht)\s+"
                        r"(?:(?P<same>desselben|des\s+selben|des\s+gleichen)|des\s+(?P<rel>folgenden|nächsten"
                        r"|darauffolgenden|vorigen|vorherigen))\s+Tages", h_part_of_day),
        ("daypart", r"(?:[Aa]m|[Ii]n\s+den)\s+(?:(?P<early>frühen|späten)\s+)?"
                    r"(?P<part>(?:Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht)stunden|Morgen|Vormittag|Nachmittag|Abend)"
                    r"(?!\s+(?:des|vom|zum|darauf|danach|zuvor))", h_daypart),
        ("weekday", rf"(?:(?P<pre>Nacht|Morgen|Abend)\s+(?:zum|zu|auf\s+den|vom)\s+)?(?:(?P<set>[Jj]eden|[Jj]edem)\s+)?"
                    rf"(?:(?P<rel>{rel})\s+)?(?P<wd>{wd})(?P<part>{part})?", h_weekday),
        ("weekday_set", r"(?P<wd>montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)s", h_weekday_set),
        ("clock", rf"(?:(?P<approx>gegen|etwa|ungefähr|knapp)\s+)?(?P<h>[012]?\d)(?:[.:](?P<mi>[0-5]\d))?\s*Uhr"
                  rf"(?:\s+{v['TIMEZONE']})?",
         h_clock),
        ("holiday", rf"(?P<h>{holiday})(?:\s+(?P<y>{YEAR}))?", h_holiday),
        ("duration", rf"(?:(?P<approx>{approxq})\s+)?(?:(?P<n>{num})\s+)?(?P<half>halbe[ns]?\s+)?(?P<unit>{unit})"
                     r"(?:\s+lang)?", h_duration_checked),
        ("dur_adj", r"(?P<n>\d+-|anderthalb|eineinhalb|zweieinhalb|ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|vierzehn"
                    r"|zwanzig|dreißig|vierzig|fünfzig|hundert)(?P<u>tägig|wöchig|monatig|jährig|stündig|minütig)"
                    r"(?:e[nmrs]?)?", h_dur_adj),
        ("dur_vague", r"(?P<u>jahre|monate|wochen|tage|stunden|jahrzehnte)lang(?:e[nmrs]?)?"
                      r"|[Ss]eit\s+(?P<u2>Jahren|Monaten|Wochen|Tagen|Jahrzehnten|Stunden)", h_dur_vague),
        ("set", r"(?P<w>(?:[Aa]ll|[Hh]alb|[Vv]iertel)?jährlich|[Jj]ährlich|[Mm]onatlich|[Ww]öchentlich|[Tt]äglich"
                r"|[Ss]tündlich)"
                r"|(?:[Pp]ro|[Jj]e|[Jj]ede[sn]?|[Jj]edem)\s+(?P<u>Jahr|Monat|Woche|Tag|Stunde|Quartal)"
                rf"|[Aa]lle\s+(?P<n>{num})\s+(?P<u2>Jahre|Monate|Wochen|Tage|Stunden)", h_set),
        # "1775/76": two years, as the annotators of WikiWarsDE read them (not "1778/16. September")
        ("year_pair", rf"(?P<y>{YEAR})\s*/\s*(?P<y2>\d{{2}})(?![\d/]|\.\s?(?:\d|{month}))", h_year_pair),
        ("year", rf"(?P<y>{YEAR})(?![.,]\d)", h_year),
    ]
