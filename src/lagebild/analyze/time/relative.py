"""Handlers of time expressions that count from an anchor: deictic words (heute, yesterday),
relative periods (letzte Woche, next month), distances (vor zwei Wochen, three days later),
weekdays, parts of the day and clock times (shared by the German and English rules).

A handler gets the :class:`~lagebild.analyze.time.rules.Groups` of one rule's match and the
:class:`~lagebild.analyze.time.anchor.Context`, and returns the hits it makes (None rejects the
match).  The words it looks up come from :func:`~lagebild.analyze.time.lexicon.lexicon`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from lagebild import lexicons
from lagebild.analyze.time.anchor import FUTURE, PAST, Context
from lagebild.analyze.time.lexicon import lexicon, rel_offset, unit_code
from lagebild.analyze.time.rules import (
    Groups, Hit, approx_of, date_value, duration, mod_of, parse_count, prev_word, relative, shift, year_text, ymd,
)


def turn_of_year(g: Groups, ctx: Context, explicit: str | None):
    """"über den Jahreswechsel", "zum Jahreswechsel 2023/24", "over the turn of the year": the winter
    that spans the change of year (``2023-WI``: December 2023 to February 2024).  No day: the
    words name a stretch of days on both sides of New Year, and no month holds both sides; the
    winter is the finest value that does, so it is compatible with a date told on either side.
    ``explicit`` is the new year."""
    if explicit:
        return [Hit(g.start, g.end, "DATE", f"{int(explicit) - 1:04d}-WI", "APPROX")]
    ref = ctx.ref
    if ref is not None and (ctx.narrative or ctx.local or ctx.dct is None):
        # the turn the text has reached: after an autumn, into the next year; in a January, the last
        old = ref.year if ref.month is None or ref.month >= 7 else ref.year - 1
        return [Hit(g.start, g.end, "DATE", f"{year_text(old)}-WI", "APPROX", True)]
    if ctx.dct is None:
        return [Hit(g.start, g.end, "DATE", "XXXX-WI", "APPROX", True)]
    d = ctx.dct
    if ctx.tense == PAST:
        new_year = d.year
    elif ctx.tense == FUTURE:
        new_year = d.year + 1
    else:
        new_year = d.year if d.month <= 6 else d.year + 1
    return [Hit(g.start, g.end, "DATE", f"{new_year - 1:04d}-WI", "APPROX", True)]


def h_period_word(g: Groups, ctx: Context):
    w = g("w").lower()
    y = g("y")
    if w.startswith(("jahreswechsel", "jahreswende")):
        if g("y2"):
            y2 = g("y2")
            return turn_of_year(g, ctx, y2 if len(y2) == 4 else y[:2] + y2)
        return turn_of_year(g, ctx, str(int(y) + 1) if y else None)
    if w.startswith(("wochenende", "weekend")):
        wd = ctx.weekday_date(5, (PAST if rel_off(g) < 0 else FUTURE if rel_off(g) > 0 else None))
        if wd is None:
            return [Hit(g.start, g.end, "DATE", "XXXX-WXX-WE", None, True)]
        return [Hit(g.start, g.end, "DATE", relative(wd, "WE", 0), None, True)]
    mod = "END" if "ende" in w else "MID" if "mitte" in w else "START"
    if w.startswith("monat"):
        base = ctx.base_date() if ctx.narrative else ctx.dct
        return [Hit(g.start, g.end, "DATE", relative(base, "M", rel_off(g)) or "XXXX-XX", mod, True)]
    if y:
        return [Hit(g.start, g.end, "DATE", ymd(int(y)), mod)]
    if g("rel"):
        base = ctx.dct
        return [Hit(g.start, g.end, "DATE", relative(base, "Y", rel_off(g)) or "XXXX", mod, True)]
    month = {"END": 12, "MID": 6, "START": 1}[mod]
    return [Hit(g.start, g.end, "DATE", ymd(ctx.this_year_for(month)), mod, True)]


def rel_off(g: Groups) -> int:
    return rel_offset(g("rel"))[0] if g("rel") else 0


def _unit_grain(word: str) -> str:
    grains = lexicon().unit_grains
    return grains.get(word, grains.get(word.rstrip("s"), grains.get(word.lower(), "D")))


def h_mod_rel(g: Groups, ctx: Context):
    mod = mod_of(g("mod"))
    grain = _unit_grain(g("unit"))
    off, anaphoric = rel_offset(g("rel")) if g("rel") else (0, False)
    base = ctx.base_date() if (anaphoric or ctx.narrative) else ctx.dct
    bc = _bc_year(ctx)
    if bc is not None and grain == "Y" and (anaphoric or ctx.narrative or ctx.local):
        # "Ende des Jahres" after 146 v. Chr.
        year = bc + off if bc + off < 0 else bc + off + 1
        return [Hit(g.start, g.end, "DATE", ymd(year), mod, True)]
    if not g("rel") and grain == "Y" and not ctx.narrative:
        value = ymd(ctx.this_year_for(12 if mod == "END" else 1 if mod == "START" else 6))
        return [Hit(g.start, g.end, "DATE", value, mod, True)]
    value = relative(base, grain, off)
    if value is None:
        value = {-1: "PAST_REF", 1: "FUTURE_REF"}.get(off, "PRESENT_REF")
    return [Hit(g.start, g.end, "DATE", value, mod, True)]


def h_rel_unit(g: Groups, ctx: Context):
    off, anaphoric = rel_offset(g("rel"))
    unit = g("unit")
    u = unit.lower()
    lx = lexicon()
    if u.startswith(tuple(lx.seasons)):
        return None
    if u in ("tag", "day") or u in lx.parts:  # a day or a part of one (the rules allow no other part words)
        base = ctx.base_date()
        rel = g("rel").lower()
        if not anaphoric and (rel.startswith("this") or (rel.startswith("dies") and u != "tag")
                              or (off < 0 and rel.startswith(("last", "letzt")))):
            base = ctx.dct
        if base is None:
            return [Hit(g.start, g.end, "DATE", "XXXX-XX-XX", None, True)]
        value = (base + timedelta(days=off)).isoformat()
        if u not in ("tag", "day"):
            value += "T" + lx.parts[u]
        return [Hit(g.start, g.end, "DATE", value, None, True)]
    grain = _unit_grain(unit)
    bc = _bc_year(ctx)
    if bc is not None and grain == "Y" and (anaphoric or ctx.narrative):
        # "im folgenden Jahr" after 218 v. Chr.: 217 v. Chr.
        year = bc + off if bc + off < 0 else bc + off + 1
        return [Hit(g.start, g.end, "DATE", ymd(year), None, True, off < 0)]
    # English news anchors "last year", "next month" at the publication date even where an old
    # year was named before (TimeBank: "from 1980 to more than 300,000 last year" is 1997)
    base = ctx.base_date() if (anaphoric or (ctx.narrative and ctx.language != "en")) else ctx.dct
    value = relative(base, grain, off)
    if value is None:
        value = {-1: "PAST_REF", 1: "FUTURE_REF"}.get(off, "PRESENT_REF")
    return [Hit(g.start, g.end, "DATE", value, None, True, off < 0)]


def h_prev_unit(g: Groups, ctx: Context):
    w = g("w").lower()
    grain = "Y" if "jahr" in w else "M" if "monat" in w else "W" if "woche" in w else "D"
    off = -1 if w.startswith("vor") else 1
    base = ctx.dct if not ctx.narrative and grain != "D" else ctx.base_date()
    if grain == "D":
        base = ctx.base_date()
    value = relative(base, grain, off) or {-1: "PAST_REF", 1: "FUTURE_REF"}[off]
    return [Hit(g.start, g.end, "DATE", value, None, True, off < 0)]


def h_ago(g: Groups, ctx: Context, sign: int = -1):
    n, vague = parse_count(g("n"), ctx.language)
    code = unit_code(g("unit"))
    if sign > 0 and ctx.language == "en" and _after_superlative(g):
        # "its lowest level in six years": the stretch looked back over
        s = g.span("n")[0]
        return [Hit(s, g.end, "DURATION", duration(None if vague else n, code))]
    if sign > 0 and ctx.tense == PAST:
        # "in zehn Tagen" in a past-tense sentence: how long it took, not a future date
        s = g.span("n")[0]
        return [Hit(s, g.end, "DURATION", duration(None if vague else n, code))]
    if vague or n is None:
        return [Hit(g.start, g.end, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, True)]
    if ctx.dct is None:
        return [Hit(g.start, g.end, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, True)]
    if code in ("H", "MIN", "S"):
        return [Hit(g.start, g.end, "DATE", ctx.dct.isoformat(), None, True)]
    if code == "CE":
        return None
    grain = {"DE": "Y"}.get(code, code)
    nn = int(n) if n == int(n) else n
    if isinstance(nn, float):
        d = shift(ctx.dct, "M", int(round(sign * n * {"Y": 12, "M": 1}.get(code, 1))))
        return [Hit(g.start, g.end, "DATE", date_value(d, "M"), approx_of(g("approx")), True)]
    d = shift(ctx.dct, code, sign * nn)
    # "vor 40 Jahren", "four decades ago": a rough point counted from the publication date, not a
    # time the text goes on from
    return [Hit(g.start, g.end, "DATE", date_value(d, grain), approx_of(g("approx")), True, grain in ("Y", "DE"))]


def _after_superlative(g: Groups) -> bool:
    """Whether a superlative ("lowest", "first") comes before the match within its clause."""
    before = re.split(r"[.;:!?]", g.before(60))[-1]
    words = lexicons.words("time/en/superlatives.txt")
    return any(w.strip(",").lower() in words for w in before.split())


def h_in(g: Groups, ctx: Context):
    return h_ago(g, ctx, sign=1)


def _bc_year(ctx: Context) -> int | None:
    """The year the text is at where that is before Christ (negative; no calendar dates there)."""
    return ctx.ref.year if ctx.ref is not None and ctx.ref.year < 0 else None


def h_later(g: Groups, ctx: Context):
    n, vague = parse_count(g("n"), ctx.language)
    code = unit_code(g("unit"))
    sign = 1 if g("dir").lower() in ("später", "danach", "darauf", "later", "after") else -1
    bc = _bc_year(ctx)
    if bc is not None:
        # "zehn Jahre später" after 490 v. Chr.: 480 v. Chr.; finer steps have no calendar there
        if code in ("Y", "DE") and n is not None and not vague and not g("half") and n == int(n):
            year = bc + sign * int(n) * (10 if code == "DE" else 1)
            return [Hit(g.start, g.end, "DATE", ymd(year) if year < 0 else ymd(year + 1), None, True, sign < 0)]
        return [Hit(g.start, g.end, "DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", None, True, True)]
    base = ctx.base_date()
    if base is None or code in ("H", "MIN", "S", "CE"):
        return [Hit(g.start, g.end, "DATE", "XXXX-XX-XX" if base is None else base.isoformat(), None, True)]
    if vague or n is None:
        return [Hit(g.start, g.end, "DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", None, True)]
    has_day = ctx.ref is not None and ctx.ref.day is not None
    grain = {"DE": "Y", "W": "D" if has_day else "W", "D": "D"}.get(code, code)
    if g("half") or n != int(n):
        # "ein halbes Jahr später", "anderthalb Jahre danach": a date counted in months
        months = round((n * 0.5 if g("half") else n) * {"Y": 12, "M": 1}.get(code, 0))
        if not months:
            return [Hit(g.start, g.end, "DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", None, True)]
        return [Hit(g.start, g.end, "DATE", date_value(shift(base, "M", sign * months), "M"), None, True, sign < 0)]
    d = shift(base, code, sign * int(n))
    night = "TNI" if g("unit").lower().startswith(("näch", "night")) else ""
    return [Hit(g.start, g.end, "DATE", date_value(d, grain) + night, None, True, sign < 0)]


def h_ref_day(g: Groups, ctx: Context):
    w = (g("unit") or "tag").lower()
    dirw = g("dir").lower()
    sign = -1 if dirw in ("zuvor", "davor", "vorher", "before", "earlier") else 1
    back = sign < 0
    bc = _bc_year(ctx)
    if bc is not None and w.startswith(("jahr", "year")):
        return [Hit(g.start, g.end, "DATE", ymd(bc + sign if bc + sign < 0 else bc + sign + 1), None, True, back)]
    base = ctx.base_date()
    if base is None:
        return [Hit(g.start, g.end, "DATE", "XXXX-XX-XX", None, True)]
    if w.startswith(("jahr", "year")):
        return [Hit(g.start, g.end, "DATE", ymd(base.year + sign), None, True, back)]
    if w.startswith(("monat", "month")):
        return [Hit(g.start, g.end, "DATE", relative(base, "M", sign), None, True, back)]
    if w.startswith(("woche", "week")):
        return [Hit(g.start, g.end, "DATE", relative(base, "W", sign), None, True, back)]
    value = (base + timedelta(days=sign)).isoformat()
    parts = lexicon().parts
    if w in parts and w not in ("tag", "day"):
        value += "T" + parts[w]
    return [Hit(g.start, g.end, "DATE", value, None, True, back)]


def h_deictic(g: Groups, ctx: Context):
    w = " ".join(g("w").lower().split())
    part = g("part")
    lx = lexicon()
    if w in lx.deictic_refs:
        value = lx.deictic_refs[w]
        return [Hit(g.start, g.end, "DATE", value, None, True)] if value else None
    if w.startswith("heutigen"):
        w = "heute"
    if w == "heuer":
        return [Hit(g.start, g.end, "DATE", ymd(ctx.dct.year) if ctx.dct else "PRESENT_REF", None, True)]
    off = lx.deictic_days[w]
    if w == "tonight":
        part = "night"
    nowadays = w == "heute" and not part and (
        prev_word(g) in lexicons.words("time/de/nowadays_left.txt") or g.before(1) == "(")
    if ctx.dct is None or (ctx.narrative and w == "heute" and not part) or nowadays:
        value = "PRESENT_REF" if off == 0 else ("PAST_REF" if off < 0 else "FUTURE_REF")
        return [Hit(g.start, g.end, "DATE", value, None, True)]
    value = (ctx.dct + timedelta(days=off)).isoformat()
    if part:
        value += "T" + lx.parts[part.lower()]
    return [Hit(g.start, g.end, "TIME" if part else "DATE", value, None, True)]


def h_weekday(g: Groups, ctx: Context):
    wd = lexicon().weekdays[g("wd").lower()]
    part = (g("part") or g("pre") or "").lower()
    if g("set"):
        return [Hit(g.start, g.end, "SET", f"XXXX-WXX-{wd + 1}", None, False)]
    direction = None
    if g("rel"):
        off, _ = rel_offset(g("rel"))
        direction = PAST if off < 0 else FUTURE if off > 0 else None
    elif ctx.tense != PAST and prev_word(g) in lexicons.words(f"time/{ctx.language}/weekday_ahead.txt"):
        direction = FUTURE  # "remain closed until Friday", "bis Freitag" (not "until Thursday, they had …")
    d = ctx.weekday_date(wd, direction)
    value = d.isoformat() if d else f"XXXX-WXX-{wd + 1}"
    if part:
        value += "T" + lexicon().parts[part]
    return [Hit(g.start, g.end, "DATE", value, None, True)]


def h_daypart(g: Groups, ctx: Context):
    """"am Morgen": the morning of the day the sentence speaks of (a named day, else the anchor)."""
    day = clock_day(ctx)
    if ctx.ref is not None and ctx.ref.day is not None and not ctx.last_day and (ctx.narrative or ctx.dct is None):
        day = ymd(ctx.ref.year, ctx.ref.month, ctx.ref.day)
    start = g.span("early")[0] if g("early") else g.span("part")[0]
    return [Hit(start, g.end, "TIME", f"{day}T{lexicon().parts[g('part').lower()]}", None, True)]


def h_part_of_day(g: Groups, ctx: Context):
    """"am Nachmittag desselben Tages", "am Abend des folgenden Tages": a part of the day the text is
    at, or of the day after or before it."""
    base = ctx.base_date()
    if base is None:
        return [Hit(g.start, g.end, "TIME", "XXXX-XX-XX", None, True)]
    off = 0 if g("same") else rel_offset(g("rel"))[0]
    value = (base + timedelta(days=off)).isoformat()
    return [Hit(g.span("part")[0], g.end, "TIME", f"{value}T{lexicon().parts[g('part').lower()]}", None, True)]


#: the words before "des Jahres" that make it the year the text is at ("im Laufe des Jahres"; not
#: "der Fußballer des Jahres")
_THIS_YEAR_LEFT = frozenset({"laufe", "verlauf", "verlaufe", "während", "hälfte", "sommer", "frühjahr", "frühling",
                             "herbst", "winter", "monaten", "wochen", "rest", "monat", "im", "in"})


def h_this_year(g: Groups, ctx: Context):
    """"im Laufe des Jahres", "im Sommer desselben Jahres": the year the text is at."""
    if g("w") != "desselben" and prev_word(g) not in _THIS_YEAR_LEFT:
        return None
    if ctx.ref is not None and (ctx.narrative or ctx.local or ctx.dct is None):
        return [Hit(g.start, g.end, "DATE", ymd(ctx.ref.year), None, True, True)]
    if ctx.dct is None:
        return None
    return [Hit(g.start, g.end, "DATE", ymd(ctx.this_year_for(6)), None, True, True)]


_ORDINAL_DAYS = {"ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "fünften": 5, "sechsten": 6, "siebten": 7,
                 "achten": 8, "neunten": 9, "zehnten": 10}


def h_nth_day(g: Groups, ctx: Context):
    """"am ersten Tag", "am dritten Tag der Offensive": the n-th day from the day the text is at (its
    start); it does not move the text, so the next ordinal counts from the same start."""
    ref = ctx.ref
    if ref is None or ref.day is None or ref.year < 0 or not (ctx.narrative or ctx.local or ctx.dct is None):
        return None
    start = ref.as_date()
    if start is None:
        return None
    n = _ORDINAL_DAYS[g("ord").lower()]
    d = start + timedelta(days=n - 1)
    return [Hit(g.span("ord")[0], g.end, "DATE", d.isoformat(), None, True, True)]


def h_around(g: Groups, ctx: Context):
    """"acht Tage vor Jahresende", "zwei Wochen nach Weihnachten"."""
    n, vague = parse_count(g("n"), ctx.language)
    if vague or n is None:
        return None
    month, day = lexicon().anchors[g("a").lower()]
    year = ctx.year_for(month, day)
    if year is None:
        return [Hit(g.start, g.end, "DATE", ymd(None, month, day), None, True)]
    sign = -1 if g("dir") == "vor" else 1
    d = shift(date(year, month, day), unit_code(g("unit")), sign * int(n))
    return [Hit(g.start, g.end, "DATE", d.isoformat(), None, True)]


def h_clock(g: Groups, ctx: Context):
    h = int(g("h"))
    mi = int(g("mi") or 0)
    if h > 24 or mi > 59:
        return None
    return [Hit(g.start, g.end, "TIME", f"{clock_day(ctx)}T{h:02d}:{mi:02d}", approx_of(g("approx")), True)]


def clock_day(ctx: Context) -> str:
    """The day a clock time belongs to: a day named in its sentence, the narrative day, the publication date."""
    if ctx.last_day:
        return ctx.last_day[:10]
    if ctx.narrative and ctx.ref is not None and ctx.ref.day is not None:
        return ymd(ctx.ref.year, ctx.ref.month, ctx.ref.day)
    return ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
