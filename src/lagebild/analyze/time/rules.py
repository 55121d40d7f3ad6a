"""Shared machinery of the time-expression rules: hits, group access, value builders.

A language module (:mod:`.rules_de`, :mod:`.rules_en`) lists its rules as ``(kind, pattern, handler)``;
:func:`compile_rules` joins them into one alternation (one regex pass over the text) whose
inner groups are prefixed with the rule's kind.  A handler gets a :class:`Groups` view of its
match and the :class:`~lagebild.analyze.time.anchor.Context`, and returns the hits it makes
(none to reject the match).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from lagebild.model.numbers import parse_de_word, parse_digits, parse_en_words
from lagebild.analyze.time.anchor import Context, add_months, safe_date, week_value
from lagebild.analyze.time.lexicon import lexicon

#: a year of the calendar as the rules write it (1000-2099), and a day of the month
YEAR = r"(?:1\d{3}|20\d{2})(?![\d])"
DAY = r"(?:[12]\d|3[01]|0?[1-9])"


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    anchored: bool = False
    keep_ref: bool = False  # a look back ("im Vorjahr", "am Tag zuvor") does not move the reference time


class Groups:
    """The groups of one rule's match, by their short names."""

    __slots__ = ("m", "kind")

    def __init__(self, m: re.Match[str], kind: str) -> None:
        self.m, self.kind = m, kind

    def __call__(self, name: str) -> str | None:
        try:
            return self.m.group(f"{self.kind}__{name}")
        except IndexError:  # the rule has no such group
            return None

    def span(self, name: str | None = None) -> tuple[int, int]:
        return self.m.span(f"{self.kind}__{name}" if name else self.kind)

    @property
    def start(self) -> int:
        return self.m.start(self.kind)

    @property
    def end(self) -> int:
        return self.m.end(self.kind)

    @property
    def text(self) -> str:
        return self.m.string

    def before(self, n: int = 30) -> str:
        s = self.start
        return self.m.string[max(0, s - n):s]

    def after(self, n: int = 30) -> str:
        e = self.end
        return self.m.string[e:e + n]


def prev_word(g: Groups) -> str:
    """The word before a match, lower case ("" at the start of the text)."""
    before = g.before(20).split()
    return before[-1].lower() if before else ""


Handler = Callable[[Groups, Context], Sequence[Hit] | None]
Rule = tuple[str, str, Handler]


@dataclass(frozen=True)
class Compiled:
    regex: re.Pattern[str]
    kinds: dict[int, str]  # group index of each rule's outer group -> kind
    handlers: dict[str, Handler]
    words: frozenset[str] = frozenset()  # lower-case words that can start a match
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    weak: frozenset[str] = frozenset()  # trigger words that start a match only before a follower
    followers: frozenset[str] = frozenset()
    trigger: re.Pattern[str] | None = None


Triggers = tuple[frozenset[str], tuple[str, ...], tuple[str, ...], frozenset[str], frozenset[str]]


def compile_rules(rules: Sequence[Rule], flags: int = 0, triggers: Triggers | None = None) -> Compiled:
    parts = []
    named = re.compile(r"\(\?P<(\w+)>")
    for kind, pattern, _ in rules:
        inner = named.sub(rf"(?P<{kind}__\1>", pattern)
        parts.append(f"(?P<{kind}>{inner})")
    regex = re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", flags)
    kinds = {regex.groupindex[kind]: kind for kind, _, _ in rules}
    words, prefixes, suffixes, weak, followers = triggers or (frozenset(), (), (), frozenset(), frozenset())
    return Compiled(regex, kinds, {kind: handler for kind, _, handler in rules}, words, prefixes, suffixes, weak,
                    followers, trigger_regex(words, prefixes, suffixes, weak, followers))


def trie_pattern(words: Sequence[str] | set[str] | frozenset[str]) -> str:
    """One regex alternation for a word list, shaped as a trie (fast to reject in ``re``)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_alternation(trie)


def _trie_alternation(node: dict) -> str:
    """The regex of one trie node: its branches by character, optional where a word ends here."""
    alts = [re.escape(ch) + _trie_alternation(sub) for ch, sub in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


def trigger_regex(words: frozenset[str], prefixes: Sequence[str], suffixes: Sequence[str],
                  weak: frozenset[str], followers: frozenset[str]) -> re.Pattern[str]:
    """Where in the *lower-cased* text a rule may start: a digit that looks like part of a date or
    a count of time units, a strong trigger word, a compound, or a weak word before a follower."""
    strong = trie_pattern(set(words) - set(weak))
    pre = trie_pattern(set(prefixes)) if prefixes else "(?!)"
    fol = trie_pattern(set(followers))
    # ("490 v. Chr.", "490 BC": a year before Christ)
    digit = (rf"(?<!\d[.,])(?:\d{{4}}(?!\d)|\d{{1,2}}(?=[.:/-])|\d+(?=er)|\d{{1,4}}(?=\s+(?:v\.\s?(?:chr|u)|vor\s+christ|b\.?\s?c\.?(?:e\b|\b|$)))"
             rf"|\d+(?:[.,]\d+)?(?=\s+(?:{fol})(?!\w)))")
    compounds = ""
    if suffixes:
        compounds = r"|[^\W\d_]+?(?:" + trie_pattern(set(suffixes)) + r")(?!\w)"
    return re.compile(rf"(?<!\w)(?:{digit}|(?:{strong})(?!\w)|{pre}"
                      rf"|(?:{trie_pattern(set(weak))})(?=[\s-]+(?:\d|(?:{fol})(?!\w)|{pre})){compounds})")


# --- values ----------------------------------------------------------------------------------

def mod_of(word: str | None) -> str | None:
    if not word:
        return None
    mods = lexicon().modifiers
    w = " ".join(word.lower().replace("the ", "").replace(" of", "").split())
    return mods.get(w) or mods.get(w.split(" ")[-1]) or mods.get(w.split(" ")[0])


def approx_of(word: str | None) -> str | None:
    if not word:
        return None
    return lexicon().approximators.get(" ".join(word.lower().split()))


def year_text(year: int) -> str:
    """A year as a value writes it: ``0490``; a year before Christ (negative here) ``BC0490``."""
    return f"BC{-year:04d}" if year < 0 else f"{year:04d}"


def ymd(year: int | None, month: int | None = None, day: int | None = None) -> str:
    y = "XXXX" if year is None else year_text(year)
    if month is None:
        return y
    if day is None:
        return f"{y}-{month:02d}"
    return f"{y}-{month:02d}-{day:02d}"


def date_value(d: date | None, grain: str = "D") -> str | None:
    """A date at a grain: D (day), W (ISO week), M (month), Y (year)."""
    if d is None:
        return None
    if grain == "W":
        return week_value(d)
    if grain == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if grain == "Y":
        return f"{d.year:04d}"
    if grain == "DE":
        return f"{d.year // 10:03d}"
    return d.isoformat()


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (D, W, M, Y, DE, Q); months clamp to the month's last day."""
    if unit == "D":
        return d + timedelta(days=n)
    if unit == "W":
        return d + timedelta(weeks=n)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120}.get(unit)
    if months is None:
        return d
    y, m = add_months(d.year, d.month, n * months)
    return safe_date(y, m, d.day) or safe_date(y, m, 28) or d


def relative(d: date | None, unit: str, n: int) -> str | None:
    """The value of the period ``n`` units from ``d`` ("letzte Woche" = -1, W)."""
    if d is None:
        return None
    if unit == "Q":
        t = shift(d, "M", 3 * n)
        return f"{t.year:04d}-Q{(t.month - 1) // 3 + 1}"
    if unit == "WE":
        return week_value(d + timedelta(weeks=n)) + "-WE"
    return date_value(shift(d, unit, n), unit if unit in ("W", "M", "Y", "DE") else "D")


def duration(n: float | None, unit: str) -> str:
    """A TIMEX3 duration: P3Y, P2W, PT24H, PXY (n unknown), P18M for 1.5 years."""
    time_unit = unit in ("H", "MIN", "S")
    code = {"MIN": "M"}.get(unit, unit)
    if n is None:
        return f"PT{'X'}{code}" if time_unit else f"PX{code}"
    if n != int(n) and unit in ("Y", "H") and n > 1:
        # "eineinhalb Jahre" = P1Y6M, "anderthalb Stunden" = PT1H30M
        whole, part = int(n), n - int(n)
        sub_n = round(part * (12 if unit == "Y" else 60))
        return f"P{whole}Y{sub_n}M" if unit == "Y" else f"PT{whole}H{sub_n}M"
    if n != int(n):
        conv = {"Y": (12, "M"), "W": (7, "D"), "D": (24, "H"), "DE": (10, "Y"), "H": (60, "MIN")}
        if unit in conv:
            factor, sub = conv[unit]
            return duration(n * factor, sub)
    num = f"{int(n)}" if n == int(n) else f"{n:g}"
    return f"PT{num}{code}" if time_unit else f"P{num}{code}"


def parse_count(text: str | None, language: str) -> tuple[float | None, bool]:
    """A count in a duration or relative date: (value, vague).  "einige"/"several" → (None, True)."""
    if text is None:
        return 1.0, False
    t = " ".join(text.lower().split())
    if not t:
        return 1.0, False
    if t[0].isdigit():
        return parse_digits(t, language), False
    if t in lexicon().vague_counts:
        return None, True
    if language == "en":
        v = parse_en_words(t.replace("half a", "0.5").replace("a half", "0.5")) if "half" not in t else None
        if "and a half" in t:
            base = parse_en_words(t.replace("and a half", "").strip())
            return (base + 0.5 if base is not None else None), base is None
        if t in ("half a", "half an"):
            return 0.5, False
        return v, v is None
    v = parse_de_word(t)
    return (float(v) if v is not None else None), v is None

