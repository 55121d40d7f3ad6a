"""Fallback time and number phrases the finder and the event stage share, where the time and
quantity layers found none ("am 2. Januar", "mehr als eine Million").

These stay in code for now: they belong to the typed time and number values of issue 15 (one
time value, one number reader), and their alternation order decides what ``search`` matches, so
they are kept byte for byte until those readers replace them.
"""

from __future__ import annotations

import re

NUMBER_RE = re.compile(
    r"(?:(?:etwa|rund|mehr als|über|fast|knapp|bis zu|mindestens|about|around|more than|over|nearly|some|up to)\s+)?"
    r"(?:\d[\d.,]*(?:\s+(?:Millionen|Million|Milliarden|Tausend|million|billion|thousand))?"
    r"|eine[rn]? Million|einer? Milliarde|Hunderttausende|Zehntausende|Tausende|Hunderte|hundreds of thousands"
    r"|thousands|hundreds|mehrere|several|dozens)(?=\s)")
TIME_RE = re.compile(
    r"\b(?:(?:am|seit|vom|bis zum|on|since)\s+\d{1,2}\.?\s+(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September"
    r"|Oktober|November|Dezember)(?:\s+\d{4})?|(?:im|seit|in|since|in early|in late)\s+(?:Januar|Februar|März|April|Mai"
    r"|Juni|Juli|August|September|Oktober|November|Dezember|January|February|March|June|July|October|December)"
    r"(?:\s+\d{4})?|(?:letzte|vergangene|diese|nächste|last|this|next)\s+(?:Woche|Monat|Jahr|week|month|year)"
    r"|(?:am|on)\s+(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday)|(?:im Jahr|in)\s+(?:19|20)\d\d|gestern|heute|yesterday|today"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?:,\s*\d{4})?)\b")
