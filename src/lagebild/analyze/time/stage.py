"""Time expressions (TIMEX3), anchored at the publication date.

One regex pass per article finds DATE, TIME, DURATION and SET expressions (German or English
rules, :mod:`.rules_de` / :mod:`.rules_en`); each match is resolved by its rule's handler against

* the publication date and the tense of the sentence ("im September" in a January article that
  speaks in the past is last September, "plant … im September" next September), and
* the reference time, the last date the text named, for anaphoric expressions ("zwei Tage
  später") and for year-less dates in narrative passages far from the publication date.

Without a publication date, deictic values stay underspecified (``XXXX-09``, ``PAST_REF``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from lagebild.analyze.time import rules_de, rules_en
from lagebild.analyze.time.anchor import FUTURE, PAST, Context, Reference, tense
from lagebild.analyze.time.rules import Compiled, Groups, compile_rules, ymd
from lagebild.model import Sentence, Timex
from lagebild.analyze.pipeline import Doc, stage

STAGE = "lagebild.timex"
VERSION = "17"  # 2: a date inside an opening "seit …" phrase is no reference for later dates
# 3: a year-less date that would turn back before the date just named takes its year from the
#    publication date and tense; a past-tense day may lie up to 45 days after publication; the
#    turn of the year is its winter (2023-WI), no longer a day; "11.7. 2015" is one date
# 4: narrative anchoring: a two-digit year takes the century of the time the text is at ("1.9.39"
#    in 1939, not 2039), "Anfang des neuen Jahres" moves the text a year on, the end of a range
#    across years ("Juni 1775 bis März 1776") and a date in a "seit" phrase inside a clause are no
#    reference; "ein halbes Jahr später" is a month, "Spätsommer" a season; "zu dieser Zeit",
#    "Jahre zuvor"
# 5: a sentence about the future is no part of the narrative's past ("a summit set for April");
#    "vor 40 Jahren", "four decades ago" move no reference; English "last year" counts from the
#    publication date; an undecided year-less date lies ahead only where that is 60 days nearer
# 6: English 24-hour clock times with a zone ("18:00 UTC" = T18:00Z), "from 2009 to 2011" and
#    "between 2014 and 2016" as two years, "7/8/07"
# 7: "closed until Friday" (not in a past sentence) is the Friday ahead; "its lowest level in six
#    years" a duration; "October of next year"; "is set to" speaks of the future
# 8: English earnings language: "the quarter", "the latest quarter" (the last ended before
#    publication), "the current quarter", "the year-earlier quarter", "the year-ago period"
# 9: years before Christ ("490 v. Chr." = BC0490, "von 218 bis 201 v. Chr.", "im Sommer 480 v. Chr.") and
#    the narrative that goes on from them ("zehn Jahre später" = BC0480); decades in words ("in den
#    sechziger Jahren", in the century the text is at); "im darauffolgenden Winter" counted from the
#    text's time; "im selben Jahr" keeps the month the text is at; "Kurz zuvor", "In der Folge",
#    "kurze Zeit später"
# 10: "In den Abendstunden", "am Nachmittag desselben Tages", "am Abend des folgenden Tages", "Ende des
#    Tages"; "zwischen dem 6. und dem 12. September"; "im Sommer des Jahres 1943"; "in jenem Jahr";
#    "Wochen später", "Tage zuvor"
# 11: "am 25. Oktober (7. November) 1917" (two calendars, one year); "bis heute", "noch heute",
#    "(heute Elkton)" are the present (PRESENT_REF), not the publication day; "Allerheiligen";
#    the simple past of common strong verbs ("stiegen", "fiel") is past tense
# 12: in a narrative, a bare year two or more years ahead of the month or day the text is at, inside a
#    sentence ("die 1791 die Erklärung veröffentlichte"), is an aside: it does not move the reference
# 13: "am ersten Tag", "am dritten Tag der Offensive" (counted from the day the text is at); "im Laufe
#    des Jahres", "desselben Jahres"; "August desselben Jahres" as one expression
# 14: English "490 BC", "from 218 to 201 B.C.", "44 BCE"; "the sixties", "the early nineties"; a decade word
#    after a year from 1900 on is of the 1900s
# 15: "1775/76" two years; "Winter 1777/78" the winter of each ("1777-WI", "1778-WI": WikiWarsDE's reading),
#    so that a following "Im Januar" is in the new year
# 16: "im Jahr 216", "im Sommer 211", "im August 210" in a text at a year before Christ are years before Christ
# 17: "Richtlinie 2009/71/EU" is no year pair; "bis heute" in a report (PRESENT_REF) brings it back to its time

#: the year, month and day of a value that can be a reference time
_REF_VALUE = r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|T|-[WQHSFU])"
#: a year before Christ ("BC0490", "BC0480-SU")
_BC_VALUE = re.compile(r"^BC(\d{4})(?:$|-)")
#: "seit Februar 2022" names the start of a state that lasts until now, not the time the text is at
_SINCE = r"(?:\b[Ss]eit|\b[Ss]ince)\s+(?:(?:dem|the|Anfang|Mitte|Ende|Beginn)\s+)?$"
#: a date inside the "seit …"/"since …" phrase that opens its clause ("Seit Beginn der Invasion im
#: Februar 2022 ist …") says where a span starts; it is no reference for the dates after it
_SINCE_PHRASE = re.compile(r"\s*(?:Seit|seit|Since|since)\b[^,;:]*$")
#: ... and so does a date in a "seit"/"since" phrase inside its clause ("die größte Niederlage seit
#: der Teilung Polens 1772")
_SINCE_INSIDE = re.compile(r"(?<!\w)(?:[Ss]eit|[Ss]ince)\s[^,;:()–]*$")
#: what stands between the two ends of a range ("Juni 1775 bis März 1776", "from May to July"):
#: a range across years heads a period that the text then tells from its start, so its end does
#: not move the reference time (within a year the end does: "Vom 11. bis 15. September … Am
#: selben Tag" is the 15th)
_RANGE_GAP = re.compile(r"\s*(?:bis(?:\s+(?:zum|zur|in\s+den))?|[–-]|to|through|until)\s*$")
#: the rules whose "YYYY-WI" values are the turn of the year (Jahreswechsel, "the turn of the year")
_TURN_OF_YEAR_RULES = frozenset({"period", "mod_rel"})
#: a reference this many years from the publication date makes a passage narrative
NARRATIVE_YEARS = 10
#: ... unless a date near the publication date was named within this many sentences
NARRATIVE_SENTENCES = 6
_SENT_SPLIT = r"(?<=[a-zäöüß)\"“”][.!?])\s+(?=[A-ZÄÖÜ„\"])|\n+"


@lru_cache(maxsize=1)
def _helpers() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return re.compile(_REF_VALUE), re.compile(_SINCE), re.compile(_SENT_SPLIT)


@lru_cache(maxsize=4)
def compiled(language: str) -> Compiled:
    """The joined rules of a language ("de" or "en"), compiled once."""
    if language == "en":
        return compile_rules(rules_en.rules(), re.IGNORECASE, rules_en.triggers())
    return compile_rules(rules_de.rules(), 0, rules_de.triggers())


def _candidates(text: str, rules: Compiled) -> list[int]:
    """Start offsets at which some rule may match (see :func:`.rules.trigger_regex`)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two; keep offsets exact
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    return [m.start() for m in rules.trigger.finditer(lowered)]


_CLAUSE_MARKS = ",;:–()\"„“”"


def _clause(text: str, a: int, b: int, start: int, end: int) -> tuple[int, int]:
    """The clause (between commas, semicolons, dashes, brackets, quotes) around start..end in a..b."""
    ca = max(text.rfind(ch, a, start) for ch in _CLAUSE_MARKS) + 1
    cb = min((i for i in (text.find(ch, end, b) for ch in _CLAUSE_MARKS) if i >= 0), default=b)
    return max(a, ca), cb


def _coarser_same(hit, ref: Reference | None) -> bool:
    """Whether an anaphoric hit names the time the text is at, only coarser ("Am 3. Mai 1920 … Im
    selben Jahr … Im gleichen Monat": the month is still May): it keeps the finer reference."""
    if ref is None or not hit.anchored or hit.mod or ref.month is None:
        return False
    known = ymd(ref.year, ref.month, ref.day)
    return len(hit.value) < len(known) and known.startswith(hit.value)


#: a bare year this many years after a month or day the text is at, inside its sentence, is an aside
ASIDE_YEARS = 2
_SENTENCE_OPENING = re.compile(r"[\s\W]*(?:(?:Im|In|Ab|Bis|Seit|Um|Erst|Noch)\s+)?$")
#: ... also where no sentence split put a sentence start before a year ("… tagte. 1850 wurde …")
_AFTER_SENTENCE_END = re.compile(r"[a-zäöüß)][.!?][\"“”]?\s+(?:(?:Im|In|Ab|Bis|Seit|Um|Erst|Noch)\s+)?$")


def _aside_year(text: str, sentence_start: int, hit, ref: Reference | None, published: date | None) -> bool:
    """Whether a bare year inside a sentence looks ahead of the month or day the text is at ("die
    1791 die Erklärung veröffentlichte", "nach einem Plebiszit 1922 angegliedert", "ab dem Kriegsjahr
    1984") rather than moving it: the narrative then goes on where it was ("Am 1. Oktober …" is
    still 1789).  A year that opens its sentence ("1944 landeten …") moves it.  Only in a narrative
    far from the publication date: a news report's years are its own story's, and a year near the
    publication date brings the text back to its present."""
    if ASIDE_YEARS <= 0 or ref is None or ref.month is None or ref.year < 0 or not hit.value.isdigit():
        return False
    if published is not None and (abs(ref.year - published.year) < NARRATIVE_YEARS
                                  or abs(int(hit.value) - published.year) < NARRATIVE_YEARS):
        return False  # a year back near the publication date returns the text to its present
    if int(hit.value) - ref.year < ASIDE_YEARS:
        return False
    return not (_SENTENCE_OPENING.match(text, sentence_start, hit.start)
                or _AFTER_SENTENCE_END.search(text, max(0, hit.start - 24), hit.start))


def _sentence_starts(text: str, sentences: Sequence[Sentence] | None) -> list[int]:
    if sentences:
        return [s.start for s in sentences]
    return [0] + [m.end() for m in _helpers()[2].finditer(text)]


def find_timexes(
    text: str,
    published: date | None = None,
    language: str = "de",
    sentences: Sequence[Sentence] | None = None,
) -> list[Timex]:
    """All time expressions of ``text`` with TIMEX3 values, in text order."""
    rules = compiled("en" if language == "en" else "de")
    ref_value, since, _ = _helpers()
    starts = _sentence_starts(text, sentences)
    ends = [s.end for s in sentences] if sentences else starts[1:] + [len(text)]
    tenses: dict[int, str | None] = {}
    ref: Reference | None = None
    last_near = -1  # the sentence of the last date near the publication date
    last_day: tuple[int, str] | None = None
    ref_end = -1  # where the expression that set the reference time ends
    out: list[Timex] = []
    stage_name = f"{STAGE}.v{VERSION}"
    lang = "en" if language == "en" else "de"
    pos, n = 0, len(text)
    match = rules.regex.match
    for cand in _candidates(text, rules):
        if cand < pos:
            continue
        m = match(text, cand)
        if m is None:
            continue
        kind = rules.kinds[m.lastindex]
        si = bisect_right(starts, m.start()) - 1
        a = starts[si] if si >= 0 else 0
        b = ends[si] if 0 <= si < len(ends) else n
        if si not in tenses:
            tenses[si] = tense(text[a:b], lang)
        # the tense of the clause around the expression decides; the sentence's where it has none
        ca, cb = _clause(text, a, b, m.start(), m.end())
        sentence_tense = tenses[si]
        clause_tense = tense(text[ca:cb], lang) if (ca, cb) != (a, b) else sentence_tense
        now_tense = clause_tense or sentence_tense
        narrative = local = False
        if ref is not None:
            if published is None:
                local = ref.sentence >= si - 1
            else:
                # a passage about a past far from the publication date (not a news report that
                # mentions an old year between dates of its own time) ...
                narrative = abs(ref.year - published.year) >= NARRATIVE_YEARS and (
                    last_near < 0 or last_near < si - NARRATIVE_SENTENCES)
                # ... or a date just named, which year-less dates follow
                local = (ref.sentence == si and now_tense != FUTURE) or (
                    ref.sentence == si - 1 and now_tense == PAST and ref.year != published.year)
        ctx = Context(published, ref, narrative, now_tense, lang,
                      last_day[1] if last_day and last_day[0] == si else None, local)
        hits = rules.handlers[kind](Groups(m, kind), ctx)
        if not hits:
            continue
        for hit in hits:
            if hit.value == "PRESENT_REF" and published is not None and not narrative:
                last_near = si  # "bis heute" in a report: the text is back at its own time
            out.append(Timex(hit.start, hit.end, text[hit.start:hit.end], hit.type, hit.value, hit.mod,
                             hit.anchored, stage_name))
            if hit.type in ("DATE", "TIME") and not hit.keep_ref \
                    and not since.search(text, max(0, hit.start - 8), hit.start) \
                    and not _SINCE_PHRASE.match(text, ca, hit.start) \
                    and not _SINCE_INSIDE.search(text, ca, hit.start) \
                    and not _coarser_same(hit, ref) \
                    and not (kind == "year" and _aside_year(text, a, hit, ref, published)) \
                    and not (ref is not None and ref.sentence == si and 0 <= ref_end <= hit.start
                             and _RANGE_GAP.match(text, ref_end, hit.start)
                             and not hit.value.startswith(f"{ref.year:04d}")):
                rm = ref_value.match(hit.value)
                bc = _BC_VALUE.match(hit.value)
                if bc:
                    # a year before Christ: the text is at that year (negative), which year-less
                    # and anaphoric expressions take ("Zehn Jahre später", "im Sommer")
                    ref = Reference(-int(bc.group(1)), None, None, si)
                    ref_end = hit.end
                elif rm:
                    month = int(rm.group(2)) if rm.group(2) else None
                    day = int(rm.group(3)) if rm.group(3) else None
                    ref = Reference(int(rm.group(1)), month, day, si)
                    ref_end = hit.end
                    if kind in _TURN_OF_YEAR_RULES and hit.value.endswith("-WI"):
                        # the turn of the year ("2023-WI"): the text is then at the new year's
                        # January ("Über den Jahreswechsel … Am 2. Januar …"); a winter named as a
                        # season does not move it
                        ref = Reference(ref.year + 1, 1, None, si)
                    if published is not None and abs(ref.year - published.year) <= 1:
                        last_near = si
                    if day is not None:
                        last_day = (si, hit.value[:10])
        pos = m.end()
    return out


@stage(STAGE, version=VERSION, requires=("tokens", "sentences"), provides=("timexes",))
def make_timex(**_: object):
    """Time expressions (TIMEX3: DATE, TIME, DURATION, SET) anchored at the publication date."""
    compiled("de")
    compiled("en")

    def run(doc: Doc) -> dict[str, object]:
        return {"timexes": find_timexes(doc.text, doc.article.published, doc.language, doc.get("sentences"))}

    return run
