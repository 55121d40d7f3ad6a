"""The words of the time-expression rules, read from ``resources/time/<de|en|any>/``.

The handlers are shared by German and English, so their tables (:class:`Lexicon`) hold the
words of both languages: each table is the union of its ``de``, ``en`` and ``any`` files.  The
rules' regex vocabulary (month names, units, number words …) comes from ``patterns.tsv``
(:func:`alternations`).  Everything is read once, when a stage or rule first asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lagebild import lexicons


def words(name: str) -> frozenset[str]:
    return lexicons.union_words("time", name)


def phrases(name: str) -> frozenset[str]:
    return lexicons.union_phrases("time", name)


def rows(name: str) -> tuple[tuple[str, ...], ...]:
    return lexicons.union_table("time", name)


@dataclass(frozen=True)
class Lexicon:
    """The word tables the handlers look words up in (lower case unless said otherwise)."""

    months: dict[str, int]
    weekdays: dict[str, int]  # 0 = Monday
    parts: dict[str, str]  # parts of the day: TIMEX3 codes (MO, AF …)
    seasons: dict[str, tuple[str, int]]  # code and the month a year-less season is anchored at
    ambiguous_months: frozenset[str]  # month names that are words too: they need a cue
    month_cues: frozenset[str]
    year_cues: frozenset[str]
    finite_verbs: frozenset[str]
    number_left: frozenset[str]
    year_left_en: frozenset[str]
    year_approximators: frozenset[str]
    unit_prefixes: tuple[tuple[str, str], ...]  # in order: the first that fits wins
    relatives: tuple[tuple[tuple[str, ...], int, bool], ...]  # (prefixes, offset, anaphoric)
    deictic_days: dict[str, int]
    deictic_refs: dict[str, str | None]
    anchors: dict[str, tuple[int, int]]
    unit_grains: dict[str, str]  # as written: "Woche", "week"
    adjective_units: dict[str, str]
    set_words: dict[str, str]
    holidays: dict[str, tuple[int, int]]
    easter_holidays: dict[str, int]
    ordinals: dict[str, int]
    modifiers: dict[str, str]
    approximators: dict[str, str]
    vague_counts: frozenset[str]


def _relatives() -> tuple[tuple[tuple[str, ...], int, bool], ...]:
    """The prefix rows grouped by (offset, anaphoric), the groups in their first order."""
    grouped: dict[tuple[int, bool], list[str]] = {}
    for prefix, offset, anaphoric in rows("relatives.tsv"):
        grouped.setdefault((int(offset), anaphoric == "1"), []).append(prefix)
    return tuple((tuple(prefixes), offset, anaphoric) for (offset, anaphoric), prefixes in grouped.items())


@cache
def lexicon() -> Lexicon:
    """The tables of both languages, read once."""
    return Lexicon(
        months={w: int(n) for w, n in rows("months.tsv")},
        weekdays={w: int(n) for w, n in rows("weekdays.tsv")},
        parts=dict(rows("day_parts.tsv")),
        seasons={w: (code, int(month)) for w, code, month in rows("seasons.tsv")},
        ambiguous_months=words("ambiguous_months.txt"),
        month_cues=words("month_cues.txt"),
        year_cues=words("year_cues.txt"),
        finite_verbs=words("finite_verbs.txt"),
        number_left=words("number_left.txt"),
        year_left_en=words("year_left.txt"),
        year_approximators=words("year_approximators.txt"),
        unit_prefixes=tuple((prefix, code) for prefix, code in rows("unit_prefixes.tsv")),
        relatives=_relatives(),
        deictic_days={w: int(n) for w, n in rows("deictic_days.tsv")},
        deictic_refs={w: (None if v == "-" else v) for w, v in rows("deictic_refs.tsv")},
        anchors={w: (int(m), int(d)) for w, m, d in rows("anchors.tsv")},
        unit_grains=dict(rows("unit_grains.tsv")),
        adjective_units=dict(rows("adjective_units.tsv")),
        set_words=dict(rows("set_words.tsv")),
        holidays={w: (int(m), int(d)) for w, m, d in rows("holidays.tsv")},
        easter_holidays={w: int(n) for w, n in rows("easter_holidays.tsv")},
        ordinals={w: int(n) for w, n in rows("ordinals.tsv")},
        modifiers=dict(rows("modifiers.tsv")),
        approximators=dict(rows("approximators.tsv")),
        vague_counts=phrases("vague_counts.txt"),
    )


@cache
def alternations(language: str) -> dict[str, str]:
    """The regex vocabulary of ``time/<language>/patterns.tsv``: name → ``alt1|alt2|…`` (the rows
    of a name joined in order; the rules wrap each in a group)."""
    alternatives: dict[str, list[str]] = {}
    for name, alternative in lexicons.table(f"time/{language}/patterns.tsv"):
        alternatives.setdefault(name, []).append(alternative)
    return {name: "|".join(alts) for name, alts in alternatives.items()}


@cache
def ordered_words(path: str) -> tuple[str, ...]:
    """The words of ``time/<path>`` in file order."""
    return tuple(w for line in lexicons.lines(f"time/{path}") for w in line.split())


@cache
def alternation(path: str) -> str:
    """The lines of ``time/<path>`` (one regex alternative each) joined in order: ``a|b|c``."""
    return "|".join(lexicons.lines(f"time/{path}"))


# --- lookups ---------------------------------------------------------------------------------


def month_no(word: str) -> int:
    return lexicon().months[word.rstrip(".").lower()]


def unit_code(word: str) -> str:
    """The TIMEX3 unit of a time-unit word ("Wochen" → W, "decades" → DE); D where none fits."""
    w = word.lower()
    for prefix, code in lexicon().unit_prefixes:
        if w.startswith(prefix):
            return code
    return "D"


def rel_offset(word: str) -> tuple[int, bool]:
    """(offset, anaphoric) of a relative adjective: letzte → -1, diese → 0, folgende → +1 (anaphoric)."""
    w = word.lower()
    for prefixes, offset, anaphoric in lexicon().relatives:
        if w.startswith(prefixes):
            return offset, anaphoric
    return 0, False
