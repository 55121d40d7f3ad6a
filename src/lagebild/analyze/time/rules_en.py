"""English time-expression rules.  The handlers are shared with German (:mod:`.absolute`,
:mod:`.relative`, :mod:`.durations`, whose lexicon tables carry the English words too); the rules
here are compiled case-insensitively.  The words in the patterns and the trigger lists are in
``resources/time/en/``.
"""

from __future__ import annotations

from lagebild import lexicons
from lagebild.analyze.time import absolute, durations
from lagebild.analyze.time import lexicon as lex
from lagebild.analyze.time import relative as relative_h
from lagebild.analyze.time.anchor import Context
from lagebild.analyze.time.lexicon import unit_code
from lagebild.analyze.time.rules import DAY, YEAR, Groups, Hit, Rule, duration, prev_word, relative, ymd

ORD = r"(?:st|nd|rd|th)"
#: the groups of ``resources/time/en/patterns.tsv`` and how each is wrapped
_GROUPS = {"MONTH": "(?:{})", "WD": "(?:{})", "NUM": "(?:{})", "UNIT": "(?:{})", "UNIT_PL": "(?:{})",
           "APPROXQ": "(?:{})", "REL": "(?:{})", "MODP": "(?:{})", "HOLIDAY": "{}", "DEICTIC": "{}"}


def vocabulary() -> dict[str, str]:
    """The regex groups of the English rules (month names, weekdays, units, number words …)."""
    alternations = lex.alternations("en")
    return {name: wrap.format(alternations[name]) for name, wrap in _GROUPS.items()}


def h_month(g: Groups, ctx: Context):
    word = g("mon")
    if word.rstrip(".").lower() in lexicons.words("time/en/lowercase_months.txt") and not word[0].isupper():
        return None
    return absolute.h_month(g, ctx)


def h_season(g: Groups, ctx: Context):
    word = g("s").lower()
    if word in ("fall", "spring") and not (g("rel") or g("y")) and prev_word(g) not in lexicons.words(
            "time/en/season_cues.txt"):
        return None
    return absolute.h_season(g, ctx)


def h_mod_rel(g: Groups, ctx: Context):
    if g("mod") and g("mod").lower() == "turn":
        return relative_h.turn_of_year(g, ctx, None)
    return relative_h.h_mod_rel(g, ctx)


def h_year_end(g: Groups, ctx: Context):
    return [Hit(g.start, g.end, "DATE", ymd(ctx.this_year_for(12)), "END", True)]


def h_clock(g: Groups, ctx: Context):
    h, mi = int(g("h")), int(g("mi") or 0)
    ap = (g("ap") or "").lower().replace(".", "")
    if h > 12 or mi > 59:
        return None
    if ap == "pm" and h < 12:
        h += 12
    if ap == "am" and h == 12:
        h = 0
    day = ctx.last_day or (ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX")
    return [Hit(g.start, g.end, "TIME", f"{day[:10]}T{h:02d}:{mi:02d}", None, True)]


def h_clock24(g: Groups, ctx: Context):
    """"18:00 UTC", "0800 GMT", "14:30 EDT": a 24-hour clock time with its zone (UTC and GMT as
    ``Z``, as TIMEX3 writes them)."""
    h, mi = int(g("h")), int(g("mi"))
    if h > 23 or mi > 59:
        return None
    day = ctx.last_day or (ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX")
    zone = "Z" if g("tz").upper() in ("UTC", "GMT") else ""
    return [Hit(g.start, g.end, "TIME", f"{day[:10]}T{h:02d}:{mi:02d}{zone}", None, True)]


def h_quarter_ref(g: Groups, ctx: Context):
    """"the quarter", "the latest quarter" (the one a report speaks of: the last that ended before
    publication; "the current quarter" the running one), "the year-earlier quarter" / "the
    year-ago period" (the same quarter a year before)."""
    if g("u").lower() == "period" and not g("ago"):
        return None
    if ctx.dct is None:
        return [Hit(g.start, g.end, "DATE", "XXXX-QX", None, True)]
    index = ctx.dct.year * 4 + (ctx.dct.month - 1) // 3
    if (g("latest") or "").lower() != "current":
        index -= 1
    if g("ago"):
        index -= 4
    return [Hit(g.start, g.end, "DATE", f"{index // 4:04d}-Q{index % 4 + 1}", None, True, bool(g("ago")))]


def h_year_range(g: Groups, ctx: Context):
    """"from 2009 to 2011", "between 2014 and 2016": two years."""
    first, second = ("y1", "y2") if g("y1") else ("y3", "y4")
    return [Hit(*g.span(first), "DATE", g(first)), Hit(*g.span(second), "DATE", g(second))]


def h_duration(g: Groups, ctx: Context):
    n = (g("n") or "").lower()
    if g.after(4).startswith("-old") or g.after(5).startswith(" old"):
        return None  # an age ("a 44-year-old"), not a time
    if g("unit").lower() in ("quarter", "quarters", "third", "half") and g.after(4).strip().startswith("of"):
        return None  # "a quarter of the deliveries" is a share
    if n in ("a", "an"):
        prev = prev_word(g).strip(",")
        before = g.before(40)
        if prev not in lexicons.words("time/en/not_rate_words.txt") and any(ch.isdigit() for ch in before):
            return [Hit(g.start, g.end, "SET", duration(1, unit_code(g("unit"))))]
    return durations.h_duration(g, ctx)


def h_dur_vague(g: Groups, ctx: Context):
    return [Hit(g.start, g.end, "DURATION", duration(None, unit_code(g("u") or g("u2"))))]


def h_that(g: Groups, ctx: Context):
    """"that day", "later that year": the period of the date the text just named."""
    base = ctx.base_date() if ctx.ref is not None else None
    if base is None:
        return None
    unit = g("unit").lower()
    if unit in ("morning", "afternoon", "evening", "night"):
        return [Hit(g.start, g.end, "TIME", f"{base.isoformat()}T{lex.lexicon().parts[unit]}", None, True)]
    grain = {"day": "D", "week": "W", "month": "M", "year": "Y"}[unit]
    return [Hit(g.start, g.end, "DATE", relative(base, grain, 0), None, True)]


def triggers():
    """(first words, word prefixes, word suffixes, weak words, followers), lower case (see rules_de)."""
    words = lexicons.words("time/en/trigger_words.txt")
    weak = lexicons.words("time/en/trigger_weak.txt")
    followers = lexicons.words("time/en/trigger_followers.txt")
    prefixes = lex.ordered_words("en/trigger_prefixes.txt")
    return frozenset(words), prefixes, ("year-end",), frozenset(weak), frozenset(words | followers)


def rules() -> list[Rule]:
    v = vocabulary()
    month, wd, num, unit, unit_pl, approxq, rel, modp = (
        v["MONTH"], v["WD"], v["NUM"], v["UNIT"], v["UNIT_PL"], v["APPROXQ"], v["REL"], v["MODP"])
    return [
        # "490 BC", "from 218 to 201 BC": years before Christ
        ("bc", r"(?P<y>\d{1,4})(?:\s*(?:to|and|or|[–-])\s*(?P<y2>\d{1,4}))?\s+(?:B\.\s?C\.(?:E\.)?|BCE?\b)", absolute.h_bc),
        ("iso", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", absolute.h_iso),
        ("md", rf"(?:(?P<wd>{wd}),?\s+)?(?P<mon>{month})\s+(?P<d>{DAY}){ORD}?(?:,?\s+(?P<y>{YEAR}))?(?!\d)",
         absolute.h_daymonth),
        ("dm", rf"(?:(?P<wd>{wd}),?\s+)?(?:the\s+)?(?P<d>{DAY}){ORD}?\s+(?:of\s+)?(?P<mon>{month})"
               rf"(?:,?\s+(?P<y>{YEAR}))?", absolute.h_daymonth),
        ("numdate", rf"(?P<m>1[0-2]|0?[1-9])/(?P<d>{DAY})/(?P<y>\d{{4}}|\d{{2}})(?![\d/])", absolute.h_numdate),
        ("monthrange", rf"(?P<m1>{month})\s*(?:to|and|or|through|[–-]|/)\s*(?P<m2>{month}),?\s+(?P<y>{YEAR})",
         absolute.h_monthrange),
        ("mod_rel2", rf"(?P<mod>earlier|later|early|late|mid)[-\s]+(?P<rel>this|last|next)\s+"
                     r"(?P<unit>week|month|year|decade)", h_mod_rel),
        ("month", rf"(?:(?P<rel2>last|this|next|past|coming)\s+)?(?:(?P<mod>{modp})[-\s]+)?(?P<mon>{month})(?:,?\s+(?P<y>{YEAR})|\s+(?:of\s+)?(?P<rel>this|last|next)"
                  r"\s+year)?", h_month),
        ("year_jahr", rf"(?:the\s+)?year\s+(?P<y>{YEAR})", absolute.h_year_jahr),
        ("mod_year", rf"(?P<mod>{modp}|spring|summer|fall|autumn|winter)[-\s]+(?:of\s+)?(?P<y>{YEAR})",
         absolute.h_mod_year),
        ("decade", r"(?:the\s+)?(?:(?P<mod>early|mid|late)[-\s])?(?:(?P<c>1\d|20)|')(?P<d>\d)0s", absolute.h_decade),
        ("decade_word", r"the\s+(?:(?P<mod>early|mid|late)[-\s])?(?P<w>twenties|thirties|forties|fifties|sixties"
                        r"|seventies|eighties|nineties)(?!\s+of\b)", absolute.h_decade_word),
        ("century", r"(?:the\s+)?(?:(?P<mod>early|mid|late)[-\s])?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century"
                    r"(?P<bc>\s+BC)?", absolute.h_century),
        ("quarter", r"(?:the\s+)?(?:(?P<ord>first|second|third|fourth|last|1st|2nd|3rd|4th)[-\s]+(?P<unit>quarter|half)"
                    rf"(?:\s+of\s+(?P<y>{YEAR})|\s+of\s+(?:the\s+)?(?P<rel>this|last|next|current|previous)\s+year)?"
                    rf"|(?P<q>Q[1-4]|H[12])(?:\s+(?P<y2>{YEAR}))?)", absolute.h_quarter),
        ("quarter_ref", r"the\s+(?:(?P<latest>latest|most\s+recent|recent|just[-\s]ended|current)\s+)?"
                        r"(?:(?P<ago>year[-\s](?:earlier|ago))\s+)?(?:fiscal\s+)?(?P<u>quarter|period)(?![-\w])(?!\s+of\b)",
         h_quarter_ref),
        ("mod_rel", r"(?:the\s+)?(?P<mod>beginning|start|middle|end|turn)\s+of\s+(?:the\s+)?"
                    rf"(?:(?P<rel>{rel})\s+)?(?P<unit>year|month|week|decade|quarter)", h_mod_rel),
        ("year_end", r"year[-\s]end|end[-\s]of[-\s](?:the[-\s])?year", h_year_end),
        ("season", rf"(?:(?P<rel>this|last|next|past|coming)\s+)?(?P<s>spring|summer|fall|autumn|winter)"
                   rf"(?:\s+(?:of\s+)?(?P<y>{YEAR}))?", h_season),
        ("ago", rf"(?:(?P<approx>{approxq})\s+)?(?P<n>{num})\s+(?P<unit>{unit})\s+ago", relative_h.h_ago),
        ("past_n", rf"(?:the\s+)?(?P<rel>past|last|next|coming|previous|following|first)\s+(?:(?P<n>{num})\s+)?"
                   rf"(?P<unit>{unit_pl})", durations.h_past_n),
        ("later", rf"(?P<n>{num})\s+(?P<unit>{unit})\s+(?P<dir>later|earlier)", relative_h.h_later),
        ("ref_day", r"the\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after)(?!\s+(?:the|a|an|his|her|their)\b)",
         relative_h.h_ref_day),
        ("rel_unit", rf"(?:the\s+)?(?P<rel>{rel})\s+(?P<unit>weekend|week|month|year|quarter|decade|day|morning"
                     r"|afternoon|evening|night)", relative_h.h_rel_unit),
        ("in", rf"in\s+(?P<n>{num})\s+(?P<unit>{unit})(?:'s\s+time)?", relative_h.h_in),
        ("deictic", rf"(?P<w>{v['DEICTIC']})(?:\s+(?P<part>morning|afternoon|evening|night))?", relative_h.h_deictic),
        ("weekday", rf"(?:(?P<set>every|each)\s+|(?P<rel>last|next|this|coming|past)\s+)?(?P<wd>{wd})"
                    r"(?:\s+(?P<part>morning|afternoon|evening|night))?", relative_h.h_weekday),
        ("weekday_set", r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s", durations.h_weekday_set),
        ("clock24", r"(?P<h>[01]\d|2[0-3]|\d):?(?P<mi>[0-5]\d)\s*(?P<tz>UTC|GMT|EST|EDT|CST|CDT|PST|PDT|CET|CEST|BST)\b",
         h_clock24),
        ("clock", r"(?:(?P<approx>about|around)\s+)?(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am|pm)",
         h_clock),
        ("holiday", rf"(?P<h>{v['HOLIDAY']})(?:\s+(?P<y>{YEAR}))?", absolute.h_holiday),
        ("set", r"(?P<w>annually|yearly|monthly|weekly|daily|hourly|quarterly)"
                r"|(?:per|every|each)\s+(?P<u>year|month|week|day|hour|quarter)"
                rf"|every\s+(?P<n>{num})\s+(?P<u2>years|months|weeks|days|hours)", durations.h_set),
        ("duration", rf"(?:(?P<approx>{approxq})\s+)?(?P<n>{num})[-\s](?P<unit>{unit})(?:[-\s]long)?", h_duration),
        ("dur_vague", r"(?:for|over)\s+(?P<u>years|months|weeks|days|decades|hours)"
                      r"|(?P<u2>years|months|weeks|days|decades)-long", h_dur_vague),
        ("recent", r"recent\s+(?P<u>years|months|weeks|days|decades)", h_dur_vague),
        ("weekend", r"the\s+(?P<w>weekend)", relative_h.h_period_word),
        ("that", r"(?:(?P<mod>earlier|later)\s+)?that\s+(?P<unit>day|week|month|year|morning|afternoon|evening|night)",
         h_that),
        ("year_range", rf"(?<=\b(?:from|From)\s)(?P<y1>{YEAR})\s+(?:to|until|through)\s+(?P<y2>{YEAR})(?![.,]\d)"
                       rf"|(?<=\b(?:between|Between)\s)(?P<y3>{YEAR})\s+and\s+(?P<y4>{YEAR})(?![.,]\d)", h_year_range),
        ("year", rf"(?P<y>{YEAR})(?![.,]\d)", absolute.h_year),
    ]

