"""Names a reader can use for an article or a story that came without a title.

An untitled article (JSONL lines, feed items, derStandard's undated bodies) is shown by its lead
sentence, shortened at a word boundary; an article with neither title nor text by its source
name.  Views, exports and story titles all call :func:`display_title`, so an internal id or hash
never stands where a reader expects a name.
"""

from __future__ import annotations

import re

#: the longest fallback title, in characters (an ellipsis marks a cut)
MAX_TITLE = 90
_SENTENCE_END = re.compile(r"(\S*)[.!?][\"»«“”']?\s+(?=[\"»«“„A-ZÄÖÜ0-9])")
#: words whose period ends no sentence ("Dr. Meier", "am 2. Januar" is caught as a number)
_ABBREVIATIONS = frozenset("dr prof bzw ca etc st nr mr mrs ms jr sen gen vs inc co abs art mio mrd".split())


def _first_sentence(line: str) -> str:
    for m in _SENTENCE_END.finditer(line):
        word = m.group(1).lower().lstrip("(\"„“«»")
        if len(word) <= 1 or word.isdigit() or word in _ABBREVIATIONS or "." in word:
            continue
        return line[:m.end()].strip()
    return line


def lead(text: str, limit: int = MAX_TITLE) -> str:
    """The first sentence of ``text`` (its first line when that is shorter), cut to ``limit``
    characters at a word boundary with an ellipsis."""
    first = (text or "").strip().split("\n", 1)[0].strip()
    first = _first_sentence(first)
    if len(first) <= limit:
        return first
    cut = first[:limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–") + "…"


def display_title(title: str | None, text: str | None = None, source: str | None = None,
                  limit: int = MAX_TITLE) -> str:
    """``title`` when there is one; else the lead of ``text``; else the file or feed name."""
    if title and title.strip():
        return title.strip()
    shown = lead(text or "", limit)
    if shown:
        return shown
    if source:
        return re.split(r"[/\\]", source.rstrip("/\\"))[-1] or source
    return "untitled article"
