"""The words of the time rules as data: both languages in each table, read on first use only."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lagebild.analyze.time.lexicon import alternations, lexicon, month_no, rel_offset, unit_code


@pytest.mark.parametrize("word, month", [("März", 3), ("Jänner", 1), ("Sept.", 9), ("March", 3), ("dec", 12)])
def test_time_lexicon_month_no_reads_both_languages(word, month):
    assert month_no(word) == month


@pytest.mark.parametrize("word, code", [
    ("Jahrzehnte", "DE"), ("Jahrhunderts", "CE"), ("Jahren", "Y"), ("Nächte", "D"), ("Minuten", "MIN"),
    ("decades", "DE"), ("centuries", "CE"), ("hours", "H"), ("Augenblick", "D"),
])
def test_time_lexicon_unit_code_takes_the_first_prefix_that_fits(word, code):
    assert unit_code(word) == code


@pytest.mark.parametrize("word, offset", [
    ("letzten", (-1, False)), ("kommende", (1, False)), ("darauffolgenden", (1, True)), ("selben", (0, True)),
    ("previous", (-1, False)), ("following", (1, True)), ("diese", (0, False)), ("this", (0, False)),
])
def test_time_lexicon_rel_offset(word, offset):
    assert rel_offset(word) == offset


def test_time_lexicon_tables_hold_both_languages():
    lx = lexicon()
    assert lx.weekdays["sonnabend"] == lx.weekdays["saturday"] == 5
    assert lx.seasons["herbst"] == lx.seasons["autumn"] == ("FA", 10)
    assert lx.deictic_refs["bisher"] is None and lx.deictic_refs["at present"] == "PRESENT_REF"
    assert lx.holidays["tag der deutschen einheit"] == (10, 3) and lx.easter_holidays["good friday"] == -2
    assert {"einige", "a few"} <= lx.vague_counts
    assert lx.approximators["mehr als"] == lx.approximators["more than"] == "MORE_THAN"


def test_time_lexicon_alternations_keep_their_order():
    # "Jan." and the other abbreviations come last, after the full names they begin
    assert alternations("de")["MONTH"].startswith("Januar|Jänner|Februar")
    assert alternations("de")["MONTH"].endswith(r"|(?:Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sept?|Okt|Nov|Dez)\.")


def test_time_and_quantity_stages_read_no_word_list_at_import():
    code = ("import lagebild.analyze.time.stage, lagebild.analyze.quantities.stage\n"
            "from lagebild import lexicons\n"
            "print(lexicons.lines.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"
