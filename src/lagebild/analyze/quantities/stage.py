"""Quantities with value, bounds, unit and rate.

A trigger regex finds the places where a quantity may start (digits, number words, vague
magnitudes, approximators, currency signs); the core pattern is matched there only.  Each match
becomes a :class:`~lagebild.model.Quantity`:

* ``value`` — the number (None for ranges and vague magnitudes), ``low``/``high`` — bounds
  ("zwischen 100 und 200", "mehr als 200" → low 200, "bis zu 300" → high 300, "Hunderttausende"
  → 200000–999999), ``approximate`` — "rund", "etwa", "more than", vague magnitudes;
* ``unit`` — a currency code (EUR, USD …) or measure (km, t, mm, %) where one is written, else
  the counted noun phrase that follows ("Schuss Munition", "ballistische Raketen");
* ``per`` — a TIMEX3 duration for rates ("monatlich", "pro Jahr", "a month" → P1M, P1Y).

Shares are given in per cent ("ein Drittel" → 33.33 %, "die Hälfte" → 50 %).  Numbers inside
time expressions (dates, years, "zwei Wochen") belong to the time stage and are skipped.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from lagebild.model.numbers import parse_number, scale_of
from lagebild.analyze.quantities.rules import (
    APPROX, CONTAINERS, CURRENCIES, EN_PLURAL_NOUNS, EN_STOP, FRACTIONS, ID_WORDS, MEASURES, RATES, VAGUE,
    Patterns, patterns,
)
from lagebild.model import Quantity, Sentence, Timex
from lagebild.analyze.pipeline import Doc, stage

STAGE = "lagebild.quantities"
VERSION = "1"

_WORD_COUNTS = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0, "ein": 1.0,
                "eine": 1.0, "einem": 1.0, "einen": 1.0, "einer": 1.0, "zwei": 2.0, "drei": 3.0, "vier": 4.0}


def _overlaps(spans: list[tuple[int, int]], starts: list[int], a: int, b: int) -> bool:
    i = bisect_left(starts, b)
    while i > 0:
        i -= 1
        s, e = spans[i]
        if e > a:
            return True
        if e <= a and s < a - 200:
            break
    return False


def _prev_word(text: str, pos: int) -> str:
    j = pos
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    k = j
    while k > 0 and not text[k - 1].isspace():
        k -= 1
    return text[k:j].lower().strip("(„\"'")


def _noun_phrase(text: str, end: int, pats: Patterns, language: str) -> tuple[str | None, int]:
    """The counted noun phrase after ``end`` and its end offset."""
    m = pats.np.match(text, end)
    if m is None:
        return None, end
    if language == "en":
        words, pos, out_end = [], m.start(1), end
        for w in m.group(1).split():
            wl = w.lower()
            if wl in EN_STOP or not w[0].isalpha():
                break
            words.append(w)
            pos = text.index(w, pos) + len(w)
            out_end = pos
            if len(words) >= 3:
                break
        if not words:
            return None, end
        # the head is the last plural noun ("missiles hit" → "missiles"), else the first word
        heads = [i for i, w in enumerate(words)
                 if (w.lower().endswith("s") and not w.lower().endswith(("ss", "'s"))) or w.lower() in EN_PLURAL_NOUNS]
        keep = heads[-1] + 1 if heads else 1
        if keep < len(words):
            words = words[:keep]
            p = m.start(1)
            for w in words:
                p = text.index(w, p) + len(w)
            out_end = p
        if words[-1].lower() in CONTAINERS:
            tail = pats.np.match(text, out_end)
            if tail is not None and text[out_end:tail.start(1)].strip() == "of":
                more, more_end = _noun_phrase(text, out_end, pats, language)
                if more:
                    return f"{' '.join(words)} of {more}", more_end
        return " ".join(words), out_end
    phrase, out_end = m.group(1), m.end(1)
    head = phrase.split()[-1].lower()
    if head in CONTAINERS:
        more, more_end = _noun_phrase(text, out_end, pats, language)
        if more:
            return f"{phrase} {more}", more_end
    return phrase, out_end


def find_quantities(
    text: str,
    language: str = "de",
    timexes: Sequence[Timex] = (),
    sentences: Sequence[Sentence] | None = None,
) -> list[Quantity]:
    """All quantities of ``text`` in text order."""
    lang = "en" if language == "en" else "de"
    pats = patterns(lang)
    spans = sorted((t.start, t.end) for t in timexes)
    starts = [s for s, _ in spans]
    sentence_ends = {s.end for s in sentences} if sentences else None
    out: list[Quantity] = []
    stage_name = f"{STAGE}.v{VERSION}"
    pos = 0
    n = len(text)
    match = pats.core.match
    lowered = text.lower()
    if len(lowered) != len(text):  # keep offsets exact where a character lower-cases to two
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    for cand in pats.trigger.finditer(lowered):
        c = cand.start()
        if c < pos:
            continue
        m = match(text, c)
        if m is None or m.end() == c:
            continue
        q = _build(text, m, lang, pats, spans, starts, sentence_ends, n)
        if q is None:
            continue
        start, end, value, low, high, approx, unit, per = q
        out.append(Quantity(start, end, text[start:end], value, low, high, approx, unit, per, stage_name))
        pos = end
    return out


def _build(text, m, lang, pats, spans, starts, sentence_ends, n):
    g = m.group
    start, end = m.start(), m.end()
    core = m.span("n") if g("n") else m.span("cn") if g("cn") else m.span("r1") if g("r1") else (start, end)
    if spans and _overlaps(spans, starts, core[0], core[1]):
        return None
    approx_word = g("approx")
    approximate, bound = APPROX.get(approx_word.lower(), (True, None)) if approx_word else (False, None)
    value = low = high = None
    unit = None
    sc = scale_of(g("sc"), lang) if g("sc") else 1.0
    if g("dozen"):
        sc *= 12
    has_unit_word = False
    if g("cur"):
        v = parse_number(g("cn"), lang)
        if v is None:
            return None
        value = v * scale_of(g("csc"), lang) * sc
        unit = CURRENCIES[g("cur").lower()]
        has_unit_word = True
    elif g("r1"):
        a, b = parse_number(g("r1"), lang), parse_number(g("r2"), lang)
        if a is None or b is None:
            return None
        low = a * (scale_of(g("rsc1"), lang) if g("rsc1") else sc)
        high = b * sc
        if low > high:
            return None
    elif g("n"):
        num = g("n")
        v = parse_number(num, lang)
        if v is None or (num.lower() == "one" and not g("sc")):
            return None  # "no one gives up", "one of them"
        before = text[max(0, core[0] - 2):core[0]]
        if before.endswith("-") and len(before) == 2 and before[0].isalpha():
            return None  # F-16, Su-35
        after = text[core[1]:core[1] + 3]
        if after[:1] in (":", "/") and after[1:2].isdigit():
            return None  # scores, clock times, dates
        if before.endswith((":", "/")) and before[:1].isdigit():
            return None
        if after[:1] == "-" and after[1:2].isalpha() and not g("unit"):
            return None  # "26-Jährige", "27-fachen"
        if _prev_word(text, start) in ID_WORDS:
            return None
        if after[:1] == "." and not g("n2") and not g("sc") and not g("unit"):
            # "3. Platz" is an ordinal unless a sentence ends at the dot
            if sentence_ends is not None:
                if core[1] + 1 not in sentence_ends:
                    return None
            elif len(num) <= 2 and text[core[1] + 1:core[1] + 3].strip()[:1].isupper():
                return None
        if g("n2"):
            w = parse_number(g("n2"), lang)
            if w is None or w <= v:
                return None
            low, high = v * sc, w * sc
            if spans and _overlaps(spans, starts, *m.span("n2")):
                return None
        else:
            value = v * sc
    elif g("one"):
        if not g("sc") and not g("dozen"):
            return None
        value = sc
    elif g("several"):
        f = scale_of(g("ssc"), lang) if g("ssc").lower() not in ("hundert", "hundred") else 100.0
        low, high, approximate = 2 * f * sc, 9 * f * sc + (f * sc - 1), True
    elif g("vague"):
        lo, hi = VAGUE[" ".join(g("vague").lower().split())]
        low, high, approximate = lo * sc, hi * sc, True
    elif g("fd") or g("half"):
        if g("half"):
            value = 50.0
        else:
            count = _WORD_COUNTS.get(g("fn").lower(), 1.0)
            value = round(FRACTIONS[g("fd").lower()] * count, 4)
        unit = "%"
        has_unit_word = True
    else:
        return None
    if g("unit") and unit is None and not (text[m.end("unit"):m.end("unit") + 1] == "-"
                                           and g("unit").lower() in CURRENCIES):
        u = g("unit").lower()
        unit = CURRENCIES.get(u) or MEASURES.get(u)
        has_unit_word = True
        if u in CONTAINERS:
            phrase, np_end = _noun_phrase(text, end, pats, lang)
            if phrase:
                joint = " of " if lang == "en" and " of " in text[end:np_end] else " "
                unit, end = f"{g('unit')}{joint}{phrase}", np_end
    if not has_unit_word:
        if g("unit"):
            end = m.start("unit") - (1 if text[m.start("unit") - 1:m.start("unit")] in " -" else 0)
        phrase, np_end = _noun_phrase(text, end, pats, lang)
        if phrase:
            unit, end = phrase, np_end
            if lang == "de":
                last = phrase.split()[-1]
                if last in CURRENCIES or last.lower() in CURRENCIES:
                    unit = CURRENCIES[last.lower()]
    if unit is None and not has_unit_word and not g("sc") and not approx_word and not low and not high:
        return None  # a bare number ("iPhone 5", "mit 17", "(60.)") says too little
    if bound == "low":
        low = value if low is None else low
    elif bound == "high":
        high = value if high is None else high
    per = None
    ra = pats.rate_after.match(text, end)
    if ra is not None:
        per = RATES.get((ra.group("u") or ra.group("w")).lower())
        end = ra.end("w")
    rb = pats.rate_before.search(text, max(0, start - 40), start)
    if rb is not None and per is None:
        w = rb.group("w").split()[-1].lower()
        per = RATES.get(w)
        start = rb.start("w")
    return start, end, value, low, high, approximate, unit, per


@stage(STAGE, version=VERSION, requires=("tokens", "sentences", "timexes"), provides=("quantities",))
def make_quantities(**_: object):
    """Quantities with value, bounds, approximation, unit (counted noun phrase) and rate."""
    patterns("de")
    patterns("en")

    def run(doc: Doc) -> dict[str, object]:
        return {"quantities": find_quantities(doc.text, doc.language, doc.get("timexes"), doc.get("sentences"))}

    return run

