"""Handlers of dates the text names by the calendar: days, months, years, decades, centuries,
quarters, calendar weeks, seasons and holidays (shared by the German and English rules).

A handler gets the :class:`~lagebild.analyze.time.rules.Groups` of one rule's match and the
:class:`~lagebild.analyze.time.anchor.Context`, and returns the hits it makes (None rejects the
match).  The words it looks up come from :func:`~lagebild.analyze.time.lexicon.lexicon`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from lagebild.analyze.time.anchor import PAST, Context, easter, safe_date
from lagebild.analyze.time.lexicon import alternations, lexicon, month_no, rel_offset
from lagebild.analyze.time.rules import DAY, YEAR, Groups, Hit, approx_of, mod_of, prev_word, year_text, ymd

#: articles before an adjective-like word after a year ("1919 die ersten ..."): syntax, not vocabulary
ARTICLES = frozenset({"die", "der", "das", "den", "dem", "des", "eine", "einen", "einer", "einem", "eines", "keine"})


def _year(g: Groups, ctx: Context, month: int, day: int | None = None) -> tuple[int | None, bool]:
    """The year of a date written without one: a year that follows in a coordination, else anchored."""
    m = _ahead_rx().match(g.text, g.end)
    if m:
        return int(m.group(1)), False
    if prev_word(g) == "seit" and ctx.tense is None:
        ctx = Context(ctx.dct, ctx.ref, ctx.narrative, PAST, ctx.language)
    return ctx.year_for(month, day), True


def _wd_year(ctx: Context, month: int, day: int, weekday: int) -> int | None:
    """The year near the anchor in which day.month falls on weekday."""
    anchor = ctx.dct or (ctx.ref.as_date() if ctx.ref else None)
    if anchor is None:
        return None
    for y in (anchor.year, anchor.year - 1, anchor.year + 1):
        d = safe_date(y, month, day)
        if d and d.weekday() == weekday:
            return y
    return None


def h_iso(g: Groups, ctx: Context):
    d = safe_date(int(g("y")), int(g("m")), int(g("d")))
    return [Hit(g.start, g.end, "DATE", d.isoformat())] if d else None


def h_numdate(g: Groups, ctx: Context):
    day, month, y = int(g("d")), int(g("m") or g("m2")), g("y") or g("y2") or g("y3")
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if y is None:
        year, anchored = ctx.year_for(month, day), True
    elif len(y) == 2:
        year, anchored = two_digit_year(int(y), ctx), True
    else:
        year, anchored = int(y), False
    return [Hit(g.start, g.end, "DATE", ymd(year, month, day), None, anchored)]


#: a two-digit year is not read as more than this many years after the publication date
TWO_DIGIT_AHEAD = 10


def two_digit_year(yy: int, ctx: Context) -> int:
    """"1.9.39": the year ending in ``yy`` nearest the time the text is at (the date it named
    last, else the publication date), never more than :data:`TWO_DIGIT_AHEAD` years after
    publication; without either, 20yy below 50 and 19yy from it."""
    anchor = ctx.ref.year if ctx.ref is not None and ctx.ref.year > 0 else ctx.dct.year if ctx.dct is not None else None
    if anchor is None:
        return yy + (2000 if yy < 50 else 1900)
    century = anchor // 100 * 100
    cands = [c + yy for c in (century - 100, century, century + 100)]
    if ctx.dct is not None:
        cands = [y for y in cands if y <= ctx.dct.year + TWO_DIGIT_AHEAD] or cands
    return min(cands, key=lambda y: (abs(y - anchor), -y))


def h_dayrange(g: Groups, ctx: Context):
    mon = month_no(g("mon"))
    d1, d2 = int(g("d1")), int(g("d2"))
    if g("y"):
        year, anchored = int(g("y")), False
    else:
        year, anchored = _year(g, ctx, mon, d2)
    part = g("pre")
    v1 = ymd(year, mon, d1) + (f"T{lexicon().parts[part.lower()]}" if part else "")
    s1 = g.start
    e1 = g.span("d1")[1] + 1
    return [Hit(s1, e1, "DATE", v1, None, anchored),
            Hit(g.span("d2")[0], g.end, "DATE", ymd(year, mon, d2), None, anchored)]


#: the year that follows a date given in two calendars: "25. Oktober (7. November) 1917", and the
#: end of the bracket "(7. November) 1917"
_LATE_YEAR = re.compile(rf"\s*(?:\((?:jul\.|greg\.|julianisch|gregorianisch|[^()\n]){{1,30}}\)\s*|\)\s*)({YEAR})")


def h_daymonth(g: Groups, ctx: Context):
    mon, day = month_no(g("mon")), int(g("d"))
    late = None if g("y") else _LATE_YEAR.match(g.after(40))
    if g("y"):
        year, anchored = int(g("y")), False
    elif late:
        # "am 25. Oktober (7. November) 1917": the year after the other calendar's date is both's
        year, anchored = int(late.group(1)), False
    else:
        year, anchored = _year(g, ctx, mon, day)
        if g("wd"):
            year = _wd_year(ctx, mon, day, lexicon().weekdays[g("wd").lower()]) or year
    value = ymd(year, mon, day)
    part = g("part") or g("part2")
    if part:
        value += f"T{lexicon().parts[part.lower()]}"
    return [Hit(g.start, g.end, "DATE", value, None, anchored)]


def h_monthrange(g: Groups, ctx: Context):
    y = int(g("y"))
    return [Hit(g.start, g.span("m1")[1], "DATE", ymd(y, month_no(g("m1")))),
            Hit(g.span("m2")[0], g.end, "DATE", ymd(y, month_no(g("m2"))))]


def h_month(g: Groups, ctx: Context):
    word = g("mon")
    mon = month_no(word)
    rel = (g("rel2") or "").lower()
    if rel and not g("y"):
        # "im vergangenen Mai", "last February", "next May", "this September"
        d = ctx.dct
        mod = mod_of(g("mod"))
        if d is None:
            return [Hit(g.start, g.end, "DATE", ymd(None, mon), mod, True)]
        off, _ = rel_offset(rel)
        if off < 0:
            year = d.year if mon < d.month else d.year - 1
        elif off > 0:
            year = d.year if mon > d.month else d.year + 1
        else:
            year = d.year
        return [Hit(g.start, g.end, "DATE", ymd(year, mon), mod, True)]
    mod = mod_of(g("mod"))
    approx = approx_of(g("approx"))
    if g("y"):
        return [Hit(g.start, g.end, "DATE", ymd(int(g("y")), mon), mod or approx)]
    lx = lexicon()
    if not mod and word.rstrip(".").lower() in lx.ambiguous_months and prev_word(g) not in lx.month_cues:
        return None
    if g("rel") or g("vorj"):
        if ctx.dct is None:
            return [Hit(g.start, g.end, "DATE", ymd(None, mon), mod or approx, True)]
        off = -1 if g("vorj") else rel_offset(g("rel"))[0]
        return [Hit(g.start, g.end, "DATE", ymd(ctx.dct.year + off, mon), mod or approx, True)]
    year, anchored = _year(g, ctx, mon)
    return [Hit(g.start, g.end, "DATE", ymd(year, mon), mod or approx, anchored)]


def h_year_jahr(g: Groups, ctx: Context):
    return [Hit(g.start, g.end, "DATE", ymd(int(g("y"))), mod_of(g("mod")) or approx_of(g("approx")))]


def second_year(y: int, y2: str) -> int:
    """The second year of "1941/42", "2023/2024": written out, or the next with those last digits."""
    if len(y2) == 4:
        return int(y2)
    full = y // 100 * 100 + int(y2)
    return full + 100 if full <= y else full


def _season_pair(g: Groups, y: int, code: str, mod: str | None) -> list[Hit]:
    """"Winter 1941/42": the season of the first year, and the second year's part of it on its own
    (``1941-WI`` and ``1942-WI``, as WikiWarsDE's annotators mark "Winter 1777/78")."""
    first_end = g.span("y")[1]
    y2 = second_year(y, g("y2"))
    return [Hit(g.start, first_end, "DATE", f"{y:04d}-{code}", mod),
            Hit(g.span("y2")[0], g.end, "DATE", f"{y2:04d}-{code}", mod)]


def h_year_pair(g: Groups, ctx: Context):
    """"1775/76": both years; the second does not move the time the text is at."""
    y = int(g("y"))
    return [Hit(g.start, g.span("y")[1], "DATE", ymd(y)),
            Hit(g.span("y2")[0], g.end, "DATE", ymd(second_year(y, g("y2"))), None, False, True)]


def h_mod_year(g: Groups, ctx: Context):
    y, word = int(g("y")), g("mod").lower()
    seasons = lexicon().seasons
    if word in seasons:
        if g("y2"):
            return _season_pair(g, y, seasons[word][0], approx_of(g("approx")))
        return [Hit(g.start, g.end, "DATE", f"{y:04d}-{seasons[word][0]}", approx_of(g("approx")))]
    return [Hit(g.start, g.end, "DATE", ymd(y), mod_of(word) or approx_of(g("approx")))]


def h_decade(g: Groups, ctx: Context):
    c, d = g("c"), g("d")
    if c is None:
        c = "20" if d in ("0", "1") else "19"
    return [Hit(g.start, g.end, "DATE", f"{c}{d}", mod_of(g("mod")), False)]


def h_bc(g: Groups, ctx: Context):
    """"490 v. Chr.", "im Sommer 480 v. Chr.", "am 2. August 216 v. Chr.", "von 218 bis 201 v. Chr."
    (both ends before Christ): ``BC0490``, ``BC0480-SU``, ``BC0216-08-02``."""
    y = int(g("y"))
    if not 1 <= y <= 9999:
        return None
    mod = mod_of(g("mod"))
    if g("y2"):
        y2 = int(g("y2"))
        if not 1 <= y2 <= 9999:
            return None
        s1, e1 = g.span("y")
        # the end of the range does not move the time the text is at (as "Juni 1775 bis März 1776")
        return [Hit(s1, e1, "DATE", ymd(-y)), Hit(g.span("y2")[0], g.end, "DATE", ymd(-y2), None, False, True)]
    if g("mon"):
        month = month_no(g("mon"))
        day = int(g("d")) if g("d") else None
        return [Hit(g.start, g.end, "DATE", ymd(-y, month, day), mod)]
    if g("s"):
        code, _ = lexicon().seasons[g("s").lower().rstrip("s").removesuffix("e")]
        return [Hit(g.start, g.end, "DATE", f"{year_text(-y)}-{code}", mod)]
    return [Hit(g.start, g.end, "DATE", ymd(-y), mod)]


#: the decade words of "in den sechziger Jahren", "in the sixties"
_DECADE_WORDS = {"zwanziger": 2, "dreißiger": 3, "vierziger": 4, "fünfziger": 5, "sechziger": 6, "siebziger": 7,
                 "achtziger": 8, "neunziger": 9, "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5,
                 "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}


def h_decade_word(g: Groups, ctx: Context):
    """"in den sechziger Jahren": the decade of the century the text is at where that is before 1900
    ("in den fünfziger Jahren" in a text at 1861 is the 1850s), else of the 1900s (also in a text
    at 2005: "the sixties" are not the 2060s)."""
    d = _DECADE_WORDS[g("w").lower()]
    ref = ctx.ref
    century = ref.year // 100 if ref is not None and 1000 <= ref.year < 1900 else 19
    return [Hit(g.start, g.end, "DATE", f"{century}{d}", mod_of(g("mod")), True, True)]


def h_bc_bare(g: Groups, ctx: Context):
    """"im Jahr 216", "im Sommer 218" in a text at a year before Christ: that year before Christ (the
    text has left out "v. Chr." once it is clear).  Elsewhere the month or season alone, as the
    month and season rules read it, and a bare "Jahr 216" is nothing."""
    ref = ctx.ref
    y = int(g("y"))
    bc = ref is not None and ref.year < 0 and y <= -ref.year + 100
    seasons = lexicon().seasons
    if g("s"):
        code, month = seasons[g("s").lower().rstrip("s").removesuffix("e")]
        if bc:
            return [Hit(g.start, g.end, "DATE", f"{year_text(-y)}-{code}")]
        return [Hit(g.start, g.span("s")[1], "DATE", f"{ymd(ctx.year_for(month))}-{code}", None, True)]
    if g("mon"):
        month = month_no(g("mon"))
        if bc:
            return [Hit(g.start, g.end, "DATE", ymd(-y, month))]
        return [Hit(g.start, g.span("mon")[1], "DATE", ymd(ctx.year_for(month), month), None, True)]
    return [Hit(g.start, g.end, "DATE", ymd(-y))] if bc else None


def h_century(g: Groups, ctx: Context):
    n = int(g("n"))
    if not 1 <= n <= 21:
        return None
    value = f"{n - 1:02d}"
    if g("bc"):
        value = "BC" + value
    return [Hit(g.start, g.end, "DATE", value, mod_of(g("mod")))]


@lru_cache(maxsize=1)
def _unit_right() -> re.Pattern[str]:
    return re.compile(rf"\s*(?:{alternations('any')['UNIT_RIGHT']})\b")


def h_year(g: Groups, ctx: Context):
    lx = lexicon()
    prev = prev_word(g).strip(",;:")
    prev_raw = g.before(2)
    if prev in lx.number_left:
        return None
    after = g.after(24)
    if _unit_right().match(after):
        return None
    y = int(g("y"))
    line_end = not after.strip(" \t") or after.lstrip(" \t").startswith("\n")
    nxt = after.lstrip()
    if ctx.language == "en":
        if prev in ("the", "a", "its", "his", "her", "their") and y < 1900:
            return None  # "the 1500 soldiers"
        cue = prev in lx.year_left_en or prev_raw.endswith(("(", "–", "-"))
        if not cue and nxt and nxt[0] not in ".,;:)!?\"'”’\n" and not after.startswith("\n"):
            return None
    else:
        strong = prev in lx.year_cues
        words = nxt.split(None, 2)
        first = words[0].rstrip(".,;:") if words else ""
        if not strong and not line_end:
            if y < 1500:
                return None
            if first[:1].isupper() and first.lower() not in lx.months:
                return None
            if (len(words) > 1 and prev not in lx.month_cues and first[:1].islower()
                    and first.endswith(("e", "en", "er", "es", "em")) and words[1][:1].isupper()
                    and first not in lx.finite_verbs and first not in ARTICLES):
                return None
        if prev not in lx.month_cues and not strong and _count_range().match(after):
            return None  # "etwa 1500 bis 2000 Euro"
    mod = "APPROX" if prev in lx.year_approximators else None
    # "der Nato-Russland-Rat von 1999", "the 1959 trade embargo": a year that describes a thing
    # does not move the time the text is at
    before = g.before(40).split()
    attributive = (prev in ("von", "of") and len(before) > 1 and before[-2][:1].isupper()
                   and before[-2].lower() not in lx.months) or (ctx.language == "en" and prev in ("the", "a")
                                                              and nxt[:1].isalpha())
    return [Hit(g.start, g.end, "DATE", ymd(y), mod, False, attributive)]


@lru_cache(maxsize=1)
def _count_range() -> re.Pattern[str]:
    return re.compile(r"\s*(?:bis|und|oder|[-–])\s*\d[\d.,]*\s*(?:[A-ZÄÖÜ€$%]|Mio|Mrd)")


def h_quarter(g: Groups, ctx: Context):
    if g("q"):
        kind, n = g("q")[0], int(g("q")[1])
    else:
        ordw = g("ord").lower().rstrip(".")
        n = lexicon().ordinals.get(ordw, 1)
        unit = g("unit").lower()
        kind = "Q" if unit.startswith(("quartal", "quarter")) else "H"
        if kind == "H" and ordw in ("letzten", "last"):
            n = 2
        if kind == "H" and n > 2:
            return None
    if g("y") or g("y2"):
        year, anchored = int(g("y") or g("y2")), False
    elif g("rel") or g("vorj"):
        if ctx.dct is None:
            year, anchored = None, True
        else:
            year, anchored = ctx.dct.year + (-1 if g("vorj") else rel_offset(g("rel"))[0]), True
    else:
        if g("unit") and g("unit").lower() in ("hälfte", "half"):
            return None
        month = n * 3 if kind == "Q" else n * 6
        year, anchored = ctx.year_for(month), True
    return [Hit(g.start, g.end, "DATE", f"{ymd(year)}-{kind}{n}", None, anchored)]


def h_week_no(g: Groups, ctx: Context):
    w = int(g("w"))
    if not 1 <= w <= 53:
        return None
    if g("y"):
        year, anchored = int(g("y")), False
    else:
        year, anchored = (ctx.dct.year if ctx.dct else None), True
    return [Hit(g.start, g.end, "DATE", f"{ymd(year)}-W{w:02d}", None, anchored)]


def h_season(g: Groups, ctx: Context):
    code, month = lexicon().seasons[g("s").lower().rstrip("s").removesuffix("e")]
    mod = mod_of(g("mod"))
    if g("y"):
        if g("y2"):
            return _season_pair(g, int(g("y")), code, mod)
        return [Hit(g.start, g.end, "DATE", f"{int(g('y')):04d}-{code}", mod)]
    if g("rel"):
        off, anaphoric = rel_offset(g("rel"))
        ref = ctx.ref
        if anaphoric and ref is not None and (ctx.narrative or ctx.local or ctx.dct is None):
            # "im darauffolgenden Winter", "im selben Sommer": counted from the time the text is at
            if off > 0:
                year = ref.year if ref.month is not None and month > ref.month else ref.year + 1
            else:
                year = ref.year
            return [Hit(g.start, g.end, "DATE", f"{year_text(year)}-{code}", mod, True)]
        if ctx.dct is None:
            return [Hit(g.start, g.end, "DATE", f"XXXX-{code}", mod, True)]
        d = ctx.dct
        if off < 0:
            year = d.year if month < d.month else d.year - 1
        elif off > 0:
            year = d.year if month > d.month else d.year + 1
        else:
            year = ctx.year_for(month) or d.year
        return [Hit(g.start, g.end, "DATE", f"{year_text(year)}-{code}", mod, True)]
    year = ctx.year_for(month)
    return [Hit(g.start, g.end, "DATE", f"{ymd(year)}-{code}", mod, True)]


#: the part of a season a compound names ("Spätsommer": the end of the summer)
_SEASON_PARTS = {"spät": "END", "früh": "START", "hoch": "MID"}


def h_season_part(g: Groups, ctx: Context):
    """"Spätsommer 1939", "im Frühherbst": the season, its part as the modifier."""
    code, month = lexicon().seasons[g("s").lower().rstrip("s").removesuffix("e")]
    mod = _SEASON_PARTS[g("pre").lower()]
    if g("y"):
        return [Hit(g.start, g.end, "DATE", f"{int(g('y')):04d}-{code}", mod)]
    return [Hit(g.start, g.end, "DATE", f"{ymd(ctx.year_for(month))}-{code}", mod, True)]


def h_holiday(g: Groups, ctx: Context):
    h = " ".join(g("h").lower().split())
    lx = lexicon()
    fixed = lx.holidays
    if g("y"):
        year, anchored = int(g("y")), False
    else:
        # movable feasts: about where they fall (Easter and its kin in April, Thanksgiving late November)
        month, day = fixed[h] if h in fixed else (11, 25) if h == "thanksgiving" else (4, 10)
        year, anchored = ctx.year_for(month, day), True
    if h in fixed:
        return [Hit(g.start, g.end, "DATE", ymd(year, *fixed[h]), None, anchored)]
    if year is None or year < 1:  # unknown, or before Christ: no calendar to find the feast in
        return [Hit(g.start, g.end, "DATE", "XXXX" if year is None else year_text(year), None, True)]
    if h == "thanksgiving":
        first = date(year, 11, 1)
        d = first + timedelta(days=(3 - first.weekday()) % 7 + 21)
        return [Hit(g.start, g.end, "DATE", d.isoformat(), None, anchored)]
    d = easter(year) + timedelta(days=lx.easter_holidays[h])
    return [Hit(g.start, g.end, "DATE", d.isoformat(), None, anchored)]


def h_bare_day(g: Groups, ctx: Context):
    """"am 16." in a passage that has just named the month."""
    if ctx.ref is None or ctx.ref.month is None:
        return None
    day = int(g("d"))
    if safe_date(ctx.ref.year, ctx.ref.month, day) is None:
        return None
    return [Hit(g.start, g.end, "DATE", ymd(ctx.ref.year, ctx.ref.month, day), None, True)]


@lru_cache(maxsize=1)
def _ahead_rx() -> re.Pattern[str]:
    return re.compile(rf"\s*(?:und|bis(?:\s+(?:zum|zur|in\s+den|Anfang|Mitte|Ende))?|oder|bzw\.|and|or|to|through|–|-|/)\s*"
                      rf"(?:(?:Anfang|Mitte|Ende|early|mid|late)[\s-]+)?(?:{DAY}\.?\s*)?"
                      rf"(?:(?:{alternations('any')['MONTH_ANY']}))\s+(?:{DAY}(?:st|nd|rd|th)?,?\s+)?({YEAR})")
