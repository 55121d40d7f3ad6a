"""Handlers of durations (zwei Wochen, a three-day visit, jahrelang) and sets, regular repetitions
(jährlich, every Monday), shared by the German and English rules.

A handler gets the :class:`~lagebild.analyze.time.rules.Groups` of one rule's match and the
:class:`~lagebild.analyze.time.anchor.Context`, and returns the hits it makes (None rejects the
match).
"""

from __future__ import annotations

from lagebild.analyze.time.anchor import Context
from lagebild.analyze.time.lexicon import lexicon, unit_code
from lagebild.analyze.time.rules import Groups, Hit, approx_of, duration, parse_count, prev_word


def h_duration(g: Groups, ctx: Context):
    n, vague = parse_count(g("n"), ctx.language)
    code = unit_code(g("unit"))
    if g("half"):
        n, vague = 0.5 if not g("n") else (n or 1) * 0.5, False
    if not g("n") and not g("half"):
        vague = True
    value = duration(None if vague else n, code)
    mod = approx_of(g("approx"))
    return [Hit(g.start, g.end, "DURATION", value, mod, False)]


def h_dur_adj(g: Groups, ctx: Context):
    if g("n")[0].isdigit() and g("u") == "jährig":
        return None  # an age ("ein 45-jähriger Soldat"), not a time
    raw = g("n").rstrip("-").lower()
    n, vague = parse_count(raw, ctx.language)
    if n is None:
        return None
    return [Hit(g.start, g.end, "DURATION", duration(n, lexicon().adjective_units[g("u")]))]


def h_dur_vague(g: Groups, ctx: Context):
    u = (g("u") or g("u2")).lower()
    return [Hit(g.start, g.end, "DURATION", duration(None, unit_code(u)))]


def h_past_n(g: Groups, ctx: Context):
    n, vague = parse_count(g("n"), ctx.language) if g("n") else (None, True)
    return [Hit(g.start, g.end, "DURATION", duration(None if vague else n, unit_code(g("unit"))), None, False)]


def h_set(g: Groups, ctx: Context):
    if g("w"):
        w = g("w").lower()
        for stem, value in lexicon().set_words.items():
            if w.startswith(stem):
                return [Hit(g.start, g.end, "SET", value)]
        return None
    if g("u"):
        return [Hit(g.start, g.end, "SET", duration(1, unit_code(g("u"))))]
    n, vague = parse_count(g("n"), ctx.language)
    if n is None:
        return None
    return [Hit(g.start, g.end, "SET", duration(n, unit_code(g("u2"))))]


def h_weekday_set(g: Groups, ctx: Context):
    return [Hit(g.start, g.end, "SET", f"XXXX-WXX-{lexicon().weekdays[g('wd').lower()] + 1}")]


def h_folge_pl(g: Groups, ctx: Context):
    w = g("w").lower()
    code = "Y" if "jahr" in w else "M" if "monat" in w else "W" if "woche" in w else "D"
    return [Hit(g.start, g.end, "DURATION", duration(None, code))]


def h_duration_checked(g: Groups, ctx: Context):
    """A duration needs a count ("zwei Wochen", "ein halbes Jahr") or a trailing "lang"."""
    if not g("n") and not g("half"):
        if g.text[g.span("unit")[1]:g.end].strip() != "lang":
            return None
    unit = g("unit")
    if unit in ("Tag", "Tages", "Jahr", "Jahres", "Monat", "Monats") and g("n") and g("n").lower() in (
            "ein", "eine", "einen", "einem", "einer", "eines") and prev_word(g) in ("am", "im", "pro", "je"):
        return None
    return h_duration(g, ctx)
