"""Quantities with value, bounds, unit and rate.

A trigger regex finds the places where a quantity may start (digits, number words, vague
magnitudes, approximators, currency signs); the core pattern is matched there only.  Each match
becomes a :class:`~lagebild.model.Quantity`:

* ``value`` — the number (None for ranges and vague magnitudes), ``low``/``high`` — bounds
  ("zwischen 100 und 200", "mehr als 200" → low 200, "bis zu 300" → high 300, "Hunderttausende"
  → 200000–999999), ``approximate`` — "rund", "etwa", "more than", vague magnitudes;
* ``unit`` — a currency code (EUR, USD …) or measure (km, t, mm, %) where one is written, else
  the counted noun phrase that follows ("Schuss Munition", "ballistische Raketen");
* ``per`` — a TIMEX3 duration for rates ("monatlich", "pro Jahr", "a month" → P1M, P1Y);
* ``tally`` — what the figure counts, from the words of its sentence nearest to it: ``total`` for a
  running total ("insgesamt", "bisher", "so far", "to date", a time expression after "bis",
  "seit", "by", "since"), ``new`` for an addition ("weitere", "zusätzliche", "another",
  "additional"), None when the sentence does not say.  Linking tells an evolution from a
  contradiction by it (a later total may be larger; an addition is no total).

Shares are given in per cent ("ein Drittel" → 33.33 %, "die Hälfte" → 50 %).  Numbers inside
time expressions (dates, years, "zwei Wochen") belong to the time stage and are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from lagebild.model.numbers import parse_number, scale_of
from lagebild.analyze.quantities.rules import Patterns, lexicon, patterns
from lagebild.model import Quantity, Sentence, Timex
from lagebild.analyze.pipeline import Doc, stage

STAGE = "lagebild.quantities"
VERSION = "2"
#: at most this many characters between a figure and the word that says what it counts
TALLY_GAP = 60

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
    lx = lexicon()
    if language == "en":
        words, pos, out_end = [], m.start(1), end
        for w in m.group(1).split():
            wl = w.lower()
            if wl in lx.en_stop or not w[0].isalpha():
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
                 if (w.lower().endswith("s") and not w.lower().endswith(("ss", "'s"))) or w.lower() in lx.en_uncounted]
        keep = heads[-1] + 1 if heads else 1
        if keep < len(words):
            words = words[:keep]
            p = m.start(1)
            for w in words:
                p = text.index(w, p) + len(w)
            out_end = p
        if words[-1].lower() in lx.containers:
            tail = pats.np.match(text, out_end)
            if tail is not None and text[out_end:tail.start(1)].strip() == "of":
                more, more_end = _noun_phrase(text, out_end, pats, language)
                if more:
                    return f"{' '.join(words)} of {more}", more_end
        return " ".join(words), out_end
    phrase, out_end = m.group(1), m.end(1)
    head = phrase.split()[-1].lower()
    if head in lx.containers:
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
    found: list[tuple] = []
    stage_name = f"{STAGE}.v{VERSION}"
    pos = 0
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
        q = _build(text, m, lang, pats, spans, starts, sentence_ends)
        if q is None:
            continue
        found.append(q)
        pos = q[1]
    tallies = find_tallies(text, [(q[0], q[1]) for q in found], pats, spans, sentences)
    return [Quantity(start, end, text[start:end], value, low, high, approx, unit, per, stage_name, tally)
            for (start, end, value, low, high, approx, unit, per), tally in zip(found, tallies)]


def _sentence_of(text: str, bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence around ``pos``: from the sentence layer, else between sentence punctuation."""
    for s, e in bounds:
        if s <= pos < e:
            return s, e
    left = max(text.rfind(". ", 0, pos), text.rfind("! ", 0, pos), text.rfind("? ", 0, pos), text.rfind("\n", 0, pos))
    ends = [i for i in (text.find(". ", pos), text.find("! ", pos), text.find("? ", pos), text.find("\n", pos)) if i >= 0]
    return left + 1, (min(ends) + 1 if ends else len(text))


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(b[0] - a[1], a[0] - b[1], 0)


def _time_follows(text: str, end: int, time_starts: list[int]) -> bool:
    """Whether a time expression begins right after ``end`` (a preposition such as "im", "in" between)."""
    i = bisect_left(time_starts, end)
    if i == len(time_starts):
        return False
    between = text[end:time_starts[i]].split()
    return len(between) <= 1 and all(len(w) <= 3 for w in between)


def find_tallies(text: str, figures: Sequence[tuple[int, int]], pats: Patterns,
                 timexes: Sequence[tuple[int, int]] = (), sentences: Sequence[Sentence] | None = None,
                 ) -> list[str | None]:
    """What each figure counts: "total", "new" or None (see the module docstring).

    A marker word belongs to the figure of its sentence nearest to it, at most :data:`TALLY_GAP`
    characters away; a figure with several markers takes the nearest (the earlier on a tie)."""
    lx = lexicon()
    time_starts = sorted(ts for ts, _ in timexes)
    markers: list[tuple[int, int, str]] = []
    for m in pats.tally.finditer(text):
        word = m.group().lower()
        if word not in lx.tallies:
            continue
        if word in lx.soft_tallies and _time_follows(text, m.end(), time_starts):
            continue  # "bereits im Juli", "already in July": when, not how much so far
        markers.append((m.start(), m.end(), lx.tallies[word]))
    for ts, te in timexes:
        before = pats.tally_time.search(text, max(0, ts - 20), ts)
        if before is not None:
            markers.append((before.start(), te, "total"))
    bounds = sorted((s.start, s.end) for s in sentences) if sentences else []
    where = [_sentence_of(text, bounds, f[0]) for f in figures]
    best: list[tuple[int, int, str] | None] = [None] * len(figures)
    for ms, me, kind in sorted(markers):
        sentence = _sentence_of(text, bounds, ms)
        near = [(_gap((ms, me), f), i) for i, f in enumerate(figures) if where[i] == sentence]
        if not near:
            continue
        gap, i = min(near)
        if gap <= TALLY_GAP and (best[i] is None or gap < best[i][0]):
            best[i] = (gap, ms, kind)
    return [b[2] if b else None for b in best]


@dataclass
class _Draft:
    """A quantity being built from one match: its span, numbers and unit so far."""

    start: int
    end: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    unit: str | None = None
    has_unit_word: bool = False  # a currency, measure or fraction word says what is counted


def _core_span(m: re.Match[str]) -> tuple[int, int]:
    """The span of the number itself (without approximator, scale or unit)."""
    g = m.group
    return m.span("n") if g("n") else m.span("cn") if g("cn") else m.span("r1") if g("r1") else m.span()


def _scale(m: re.Match[str], lang: str) -> float:
    """The factor of the scale word and "Dutzend" after the number."""
    sc = scale_of(m.group("sc"), lang) if m.group("sc") else 1.0
    if m.group("dozen"):
        sc *= 12
    return sc


def _currency(m: re.Match[str], lang: str, sc: float) -> _Draft | None:
    """"$ 5 Mio.", "€120"."""
    v = parse_number(m.group("cn"), lang)
    if v is None:
        return None
    value = v * scale_of(m.group("csc"), lang) * sc
    return _Draft(m.start(), m.end(), value=value, unit=lexicon().currencies[m.group("cur").lower()],
                  has_unit_word=True)


def _range(m: re.Match[str], lang: str, sc: float) -> _Draft | None:
    """"zwischen 100 und 200", "from 3 to 5 million"."""
    a, b = parse_number(m.group("r1"), lang), parse_number(m.group("r2"), lang)
    if a is None or b is None:
        return None
    low = a * (scale_of(m.group("rsc1"), lang) if m.group("rsc1") else sc)
    high = b * sc
    if low > high:
        return None
    return _Draft(m.start(), m.end(), low=low, high=high)


def _not_a_count(text: str, m: re.Match[str], core: tuple[int, int], sentence_ends: set[int] | None) -> bool:
    """A number that names a thing rather than counts: F-16, 3:1, 26-Jährige, Artikel 5, "3. Platz"."""
    g = m.group
    num = g("n")
    before = text[max(0, core[0] - 2):core[0]]
    if before.endswith("-") and len(before) == 2 and before[0].isalpha():
        return True  # F-16, Su-35
    after = text[core[1]:core[1] + 3]
    if after[:1] in (":", "/") and after[1:2].isdigit():
        return True  # scores, clock times, dates
    if before.endswith((":", "/")) and before[:1].isdigit():
        return True
    if after[:1] == "-" and after[1:2].isalpha() and not g("unit"):
        return True  # "26-Jährige", "27-fachen"
    if _prev_word(text, m.start()) in lexicon().id_words:
        return True
    if after[:1] == "." and not g("n2") and not g("sc") and not g("unit"):
        # "3. Platz" is an ordinal unless a sentence ends at the dot
        if sentence_ends is not None:
            return core[1] + 1 not in sentence_ends
        return len(num) <= 2 and text[core[1] + 1:core[1] + 3].strip()[:1].isupper()
    return False


def _number(text: str, m: re.Match[str], lang: str, sc: float, core: tuple[int, int],
            sentence_ends: set[int] | None, spans: list[tuple[int, int]], starts: list[int]) -> _Draft | None:
    """A number, or two ("3 bis 5", "10-12")."""
    g = m.group
    num = g("n")
    v = parse_number(num, lang)
    if v is None or (num.lower() == "one" and not g("sc")):
        return None  # "no one gives up", "one of them"
    if _not_a_count(text, m, core, sentence_ends):
        return None
    if not g("n2"):
        return _Draft(m.start(), m.end(), value=v * sc)
    w = parse_number(g("n2"), lang)
    if w is None or w <= v:
        return None
    if spans and _overlaps(spans, starts, *m.span("n2")):
        return None
    return _Draft(m.start(), m.end(), low=v * sc, high=w * sc)


def _several(m: re.Match[str], lang: str, sc: float) -> _Draft:
    """"mehrere Tausend", "several hundred": 2 to 9 times the scale word."""
    f = scale_of(m.group("ssc"), lang) if m.group("ssc").lower() not in ("hundert", "hundred") else 100.0
    return _Draft(m.start(), m.end(), low=2 * f * sc, high=9 * f * sc + (f * sc - 1), approximate=True)


def _vague(m: re.Match[str], sc: float) -> _Draft:
    """"Hunderte", "tens of thousands"."""
    lo, hi = lexicon().vague[" ".join(m.group("vague").lower().split())]
    return _Draft(m.start(), m.end(), low=lo * sc, high=hi * sc, approximate=True)


def _fraction(m: re.Match[str]) -> _Draft:
    """"ein Drittel", "two thirds", "die Hälfte": a share in per cent."""
    if m.group("half"):
        value = 50.0
    else:
        lx = lexicon()
        count = lx.word_counts.get(m.group("fn").lower(), 1.0)
        value = round(lx.fractions[m.group("fd").lower()] * count, 4)
    return _Draft(m.start(), m.end(), value=value, unit="%", has_unit_word=True)


def _numbers(text: str, m: re.Match[str], lang: str, core: tuple[int, int], sentence_ends: set[int] | None,
             spans: list[tuple[int, int]], starts: list[int]) -> _Draft | None:
    """The value or bounds the match gives, by the alternative of the pattern that matched."""
    g = m.group
    sc = _scale(m, lang)
    if g("cur"):
        return _currency(m, lang, sc)
    if g("r1"):
        return _range(m, lang, sc)
    if g("n"):
        return _number(text, m, lang, sc, core, sentence_ends, spans, starts)
    if g("one"):
        if not g("sc") and not g("dozen"):
            return None
        return _Draft(m.start(), m.end(), value=sc)
    if g("several"):
        return _several(m, lang, sc)
    if g("vague"):
        return _vague(m, sc)
    if g("fd") or g("half"):
        return _fraction(m)
    return None


def _unit_word(d: _Draft, text: str, m: re.Match[str], lang: str, pats: Patterns) -> None:
    """The currency or measure written after the number; after a container noun, what it holds."""
    g = m.group
    lx = lexicon()
    if not g("unit") or d.unit is not None or (text[m.end("unit"):m.end("unit") + 1] == "-"
                                                and g("unit").lower() in lx.currencies):
        return
    u = g("unit").lower()
    d.unit = lx.currencies.get(u) or lx.measures.get(u)
    d.has_unit_word = True
    if u in lx.containers:
        phrase, np_end = _noun_phrase(text, d.end, pats, lang)
        if phrase:
            joint = " of " if lang == "en" and " of " in text[d.end:np_end] else " "
            d.unit, d.end = f"{g('unit')}{joint}{phrase}", np_end


def _counted_noun(d: _Draft, text: str, m: re.Match[str], lang: str, pats: Patterns) -> None:
    """The noun phrase after the number as the unit ("500 Schuss Munition", "40 ballistic missiles")."""
    if m.group("unit"):
        d.end = m.start("unit") - (1 if text[m.start("unit") - 1:m.start("unit")] in " -" else 0)
    phrase, np_end = _noun_phrase(text, d.end, pats, lang)
    if phrase:
        d.unit, d.end = phrase, np_end
        if lang == "de":
            currencies = lexicon().currencies
            last = phrase.split()[-1]
            if last in currencies or last.lower() in currencies:
                d.unit = currencies[last.lower()]


def _rate(d: _Draft, text: str, pats: Patterns) -> str | None:
    """The period of a rate written after ("pro Jahr", "a month") or before ("jährlich") the quantity."""
    rates = lexicon().rates
    per = None
    ra = pats.rate_after.match(text, d.end)
    if ra is not None:
        per = rates.get((ra.group("u") or ra.group("w")).lower())
        d.end = ra.end("w")
    rb = pats.rate_before.search(text, max(0, d.start - 40), d.start)
    if rb is not None and per is None:
        per = rates.get(rb.group("w").split()[-1].lower())
        d.start = rb.start("w")
    return per


def _build(text: str, m: re.Match[str], lang: str, pats: Patterns, spans: list[tuple[int, int]],
           starts: list[int], sentence_ends: set[int] | None):
    """The quantity of one match as (start, end, value, low, high, approximate, unit, per), or None."""
    core = _core_span(m)
    if spans and _overlaps(spans, starts, core[0], core[1]):
        return None
    approx_word = m.group("approx")
    approximate, bound = lexicon().approximators.get(approx_word.lower(), (True, None)) if approx_word else (
        False, None)
    d = _numbers(text, m, lang, core, sentence_ends, spans, starts)
    if d is None:
        return None
    d.approximate = d.approximate or approximate
    _unit_word(d, text, m, lang, pats)
    if not d.has_unit_word:
        _counted_noun(d, text, m, lang, pats)
    if d.unit is None and not d.has_unit_word and not m.group("sc") and not approx_word and not d.low and not d.high:
        return None  # a bare number ("iPhone 5", "mit 17", "(60.)") says too little
    if bound == "low":
        d.low = d.value if d.low is None else d.low
    elif bound == "high":
        d.high = d.value if d.high is None else d.high
    per = _rate(d, text, pats)
    return d.start, d.end, d.value, d.low, d.high, d.approximate, d.unit, per


@stage(STAGE, version=VERSION, requires=("tokens", "sentences", "timexes"), provides=("quantities",))
def make_quantities(**_: object):
    """Quantities with value, bounds, approximation, unit (counted noun phrase) and rate."""
    patterns("de")
    patterns("en")

    def run(doc: Doc) -> dict[str, object]:
        return {"quantities": find_quantities(doc.text, doc.language, doc.get("timexes"), doc.get("sentences"))}

    return run

