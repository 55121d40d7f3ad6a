"""English time-expression rules.  The handlers are shared with German (:mod:`timex_handlers`,
whose lexicon tables carry the English words too); the rules here are compiled case-insensitively.
"""

from __future__ import annotations

from lagebild.analyze.time import handlers as th
from lagebild.analyze.time.anchor import Context
from lagebild.analyze.time.rules import Groups, Hit, Rule, duration, relative, ymd

MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
         r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)")
YEAR = th.YEAR
DAY = th.DAY
WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
ORD = r"(?:st|nd|rd|th)"
NUM = (r"(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
       r"|eighteen|twenty|thirty|forty|fifty|sixty|hundred|several|a\s+few|few|many|a\s+couple\s+of"
       r"|couple\s+of|half\s+an?)")
UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century|quarters?|nights?)"
UNIT_PL = r"(?:seconds|minutes|hours|days|weeks|months|years|decades|quarters|nights)"
APPROXQ = (r"(?:about|around|nearly|almost|roughly|approximately|some|more\s+than|over|less\s+than"
           r"|at\s+least|at\s+most|up\s+to)")
REL = r"(?:this|last|next|past|coming|previous|following|current|same)"
MODP = r"(?:early|mid|late|the\s+(?:beginning|start|middle|end)\s+of)"


def h_month(g: Groups, ctx: Context):
    word = g("mon")
    if word.rstrip(".").lower() in ("may", "march", "august", "mar", "jan") and not word[0].isupper():
        return None
    return th.h_month(g, ctx)


def h_season(g: Groups, ctx: Context):
    word = g("s").lower()
    if word in ("fall", "spring") and not (g("rel") or g("y")) and th._prev_word(g) not in (
            "in", "this", "the", "during", "by", "until", "since", "over", "through", "early", "late", "last"):
        return None
    return th.h_season(g, ctx)


def h_mod_rel(g: Groups, ctx: Context):
    if g("mod") and g("mod").lower() == "turn":
        return th.turn_of_year(g, ctx, None)
    return th.h_mod_rel(g, ctx)


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


_NOT_RATE = {"for", "in", "than", "about", "after", "before", "over", "within", "of", "nearly", "almost",
             "only", "just", "spent", "took", "lasted", "takes", "half", "than", "around", "once", "twice",
             "least", "to", "by", "since", "and", "or", "the", "is", "was", "be", "been", "it", "that"}


def h_duration(g: Groups, ctx: Context):
    n = (g("n") or "").lower()
    if g.after(4).startswith("-old") or g.after(5).startswith(" old"):
        return None  # an age ("a 44-year-old"), not a time
    if g("unit").lower() in ("quarter", "quarters", "third", "half") and g.after(4).strip().startswith("of"):
        return None  # "a quarter of the deliveries" is a share
    if n in ("a", "an"):
        prev = th._prev_word(g).strip(",")
        before = g.before(40)
        if prev not in _NOT_RATE and any(ch.isdigit() for ch in before):
            return [Hit(g.start, g.end, "SET", duration(1, th.unit_code(g("unit"))))]
    return th.h_duration(g, ctx)


def h_dur_vague(g: Groups, ctx: Context):
    return [Hit(g.start, g.end, "DURATION", duration(None, th.unit_code(g("u") or g("u2"))))]


def h_that(g: Groups, ctx: Context):
    """"that day", "later that year": the period of the date the text just named."""
    base = ctx.base_date() if ctx.ref is not None else None
    if base is None:
        return None
    unit = g("unit").lower()
    if unit in ("morning", "afternoon", "evening", "night"):
        return [Hit(g.start, g.end, "TIME", f"{base.isoformat()}T{th.PARTS[unit]}", None, True)]
    grain = {"day": "D", "week": "W", "month": "M", "year": "Y"}[unit]
    return [Hit(g.start, g.end, "DATE", relative(base, grain, 0), None, True)]


def triggers():
    """(first words, word prefixes, word suffixes, weak words, followers), lower case (see timex_de)."""
    words = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
             "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
             "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
             "sunday", "the", "early", "mid", "late", "earlier", "later", "year", "spring", "summer", "fall",
             "autumn", "winter", "first", "second", "third", "fourth", "last", "q1", "q2", "q3", "q4", "h1",
             "h2", "beginning", "start", "middle", "end", "turn", "this", "next", "past", "coming",
             "previous", "following", "current", "same", "about", "around", "nearly", "almost", "roughly",
             "approximately", "some", "more", "over", "less", "at", "up", "a", "an", "one", "two", "three",
             "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
             "eighteen", "twenty", "thirty", "forty", "fifty", "sixty", "hundred", "several", "few", "many",
             "couple", "half", "in", "today", "yesterday", "tomorrow", "tonight", "now", "currently",
             "nowadays", "recently", "lately", "soon", "formerly", "every", "each", "christmas", "new",
             "easter", "good", "thanksgiving", "annually", "yearly", "monthly", "weekly", "daily", "hourly",
             "quarterly", "per", "for", "that", "years-long", "decades-long", "months-long", "weeks-long",
             "days-long", "recent"}
    weak = {"that", "the", "a", "an", "in", "at", "up", "more", "less", "over", "some", "for", "good", "new", "half",
            "first", "second", "third", "fourth", "last", "this", "next", "past", "coming", "previous",
            "following", "current", "same", "early", "late", "mid", "earlier", "later", "about", "around",
            "nearly", "almost", "roughly", "approximately", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "eighteen", "twenty", "thirty",
            "forty", "fifty", "sixty", "hundred", "several", "few", "many", "couple", "every", "each", "per",
            "beginning", "start", "middle", "end", "turn", "year", "fall", "spring"}
    followers = {"seconds", "second", "minutes", "minute", "hours", "hour", "days", "day", "weeks", "week",
                 "months", "month", "years", "decades", "decade", "century", "centuries", "quarters",
                 "quarter", "nights", "night", "weekend", "morning", "afternoon", "evening", "of", "than",
                 "least", "most", "to", "and", "a", "few", "couple", "year's", "friday", "ago", "later",
                 "earlier", "before", "after", "half", "long", "am", "pm", "a.m", "p.m", "s", "th", "st", "nd",
                 "rd", "future", "day's", "that", "weekend"}
    prefixes = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    return frozenset(words), prefixes, ("year-end",), frozenset(weak), frozenset(words | followers)


def rules() -> list[Rule]:
    return [
        ("iso", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", th.h_iso),
        ("md", rf"(?:(?P<wd>{WD}),?\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAY}){ORD}?(?:,?\s+(?P<y>{YEAR}))?(?!\d)",
         th.h_daymonth),
        ("dm", rf"(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?P<d>{DAY}){ORD}?\s+(?:of\s+)?(?P<mon>{MONTH})"
               rf"(?:,?\s+(?P<y>{YEAR}))?", th.h_daymonth),
        ("numdate", rf"(?P<m>1[0-2]|0?[1-9])/(?P<d>{DAY})/(?P<y>\d{{4}})", th.h_numdate),
        ("monthrange", rf"(?P<m1>{MONTH})\s*(?:to|and|or|through|[–-]|/)\s*(?P<m2>{MONTH}),?\s+(?P<y>{YEAR})",
         th.h_monthrange),
        ("mod_rel2", rf"(?P<mod>earlier|later|early|late|mid)[-\s]+(?P<rel>this|last|next)\s+"
                     r"(?P<unit>week|month|year|decade)", h_mod_rel),
        ("month", rf"(?:(?P<rel2>last|this|next|past|coming)\s+)?(?:(?P<mod>{MODP})[-\s]+)?(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR})|\s+(?P<rel>this|last|next)"
                  r"\s+year)?", h_month),
        ("year_jahr", rf"(?:the\s+)?year\s+(?P<y>{YEAR})", th.h_year_jahr),
        ("mod_year", rf"(?P<mod>{MODP}|spring|summer|fall|autumn|winter)[-\s]+(?:of\s+)?(?P<y>{YEAR})",
         th.h_mod_year),
        ("decade", r"(?:the\s+)?(?:(?P<mod>early|mid|late)[-\s])?(?:(?P<c>1\d|20)|')(?P<d>\d)0s", th.h_decade),
        ("century", r"(?:the\s+)?(?:(?P<mod>early|mid|late)[-\s])?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century"
                    r"(?P<bc>\s+BC)?", th.h_century),
        ("quarter", r"(?:the\s+)?(?:(?P<ord>first|second|third|fourth|last|1st|2nd|3rd|4th)[-\s]+(?P<unit>quarter|half)"
                    rf"(?:\s+of\s+(?P<y>{YEAR})|\s+of\s+(?:the\s+)?(?P<rel>this|last|next|current|previous)\s+year)?"
                    rf"|(?P<q>Q[1-4]|H[12])(?:\s+(?P<y2>{YEAR}))?)", th.h_quarter),
        ("mod_rel", r"(?:the\s+)?(?P<mod>beginning|start|middle|end|turn)\s+of\s+(?:the\s+)?"
                    rf"(?:(?P<rel>{REL})\s+)?(?P<unit>year|month|week|decade|quarter)", h_mod_rel),
        ("year_end", r"year[-\s]end|end[-\s]of[-\s](?:the[-\s])?year", h_year_end),
        ("season", rf"(?:(?P<rel>this|last|next|past|coming)\s+)?(?P<s>spring|summer|fall|autumn|winter)"
                   rf"(?:\s+(?:of\s+)?(?P<y>{YEAR}))?", h_season),
        ("ago", rf"(?:(?P<approx>{APPROXQ})\s+)?(?P<n>{NUM})\s+(?P<unit>{UNIT})\s+ago", th.h_ago),
        ("past_n", rf"(?:the\s+)?(?P<rel>past|last|next|coming|previous|following|first)\s+(?:(?P<n>{NUM})\s+)?"
                   rf"(?P<unit>{UNIT_PL})", th.h_past_n),
        ("later", rf"(?P<n>{NUM})\s+(?P<unit>{UNIT})\s+(?P<dir>later|earlier)", th.h_later),
        ("ref_day", r"the\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after)(?!\s+(?:the|a|an|his|her|their)\b)",
         th.h_ref_day),
        ("rel_unit", rf"(?:the\s+)?(?P<rel>{REL})\s+(?P<unit>weekend|week|month|year|quarter|decade|day|morning"
                     r"|afternoon|evening|night)", th.h_rel_unit),
        ("in", rf"in\s+(?P<n>{NUM})\s+(?P<unit>{UNIT})(?:'s\s+time)?", th.h_in),
        ("deictic", r"(?P<w>today|yesterday|tomorrow|tonight|now|currently|nowadays|recently|lately|soon"
                    r"|at\s+present|at\s+the\s+moment|in\s+the\s+future|the\s+future|formerly)"
                    r"(?:\s+(?P<part>morning|afternoon|evening|night))?", th.h_deictic),
        ("weekday", rf"(?:(?P<set>every|each)\s+|(?P<rel>last|next|this|coming|past)\s+)?(?P<wd>{WD})"
                    r"(?:\s+(?P<part>morning|afternoon|evening|night))?", th.h_weekday),
        ("weekday_set", r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s", th.h_weekday_set),
        ("clock", r"(?:(?P<approx>about|around)\s+)?(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am|pm)",
         h_clock),
        ("holiday", rf"(?P<h>Christmas\s+Eve|Christmas\s+Day|Christmas|New\s+Year's\s+Eve|New\s+Year's\s+Day"
                    rf"|Easter|Good\s+Friday|Thanksgiving)(?:\s+(?P<y>{YEAR}))?", th.h_holiday),
        ("set", r"(?P<w>annually|yearly|monthly|weekly|daily|hourly|quarterly)"
                r"|(?:per|every|each)\s+(?P<u>year|month|week|day|hour|quarter)"
                rf"|every\s+(?P<n>{NUM})\s+(?P<u2>years|months|weeks|days|hours)", th.h_set),
        ("duration", rf"(?:(?P<approx>{APPROXQ})\s+)?(?P<n>{NUM})[-\s](?P<unit>{UNIT})(?:[-\s]long)?", h_duration),
        ("dur_vague", r"(?:for|over)\s+(?P<u>years|months|weeks|days|decades|hours)"
                      r"|(?P<u2>years|months|weeks|days|decades)-long", h_dur_vague),
        ("recent", r"recent\s+(?P<u>years|months|weeks|days|decades)", h_dur_vague),
        ("weekend", r"the\s+(?P<w>weekend)", th.h_period_word),
        ("that", r"(?:(?P<mod>earlier|later)\s+)?that\s+(?P<unit>day|week|month|year|morning|afternoon|evening|night)",
         h_that),
        ("year", rf"(?P<y>{YEAR})(?![.,]\d)", th.h_year),
    ]

