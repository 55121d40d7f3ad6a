"""A headline that quotes someone: "Sanders: Clinton Email Story Has Moved".

English news titles name the speaker, a colon, and the words (often in single quotes:
"Trump: ‘I’m the Worst Thing That Ever Happened to the Establishment.’").  Only the article's
first line is read, and only when it is short, has no sentence end before the colon and the part
before the colon reads as a name (a few words, each opening with a capital, no digits).
"""

from __future__ import annotations

import re

from lagebild.model import Quote, Span, Speaker

#: the longest first line read as a headline, and the most words a speaker may have
MAX_HEADLINE = 200
MAX_SPEAKER_WORDS = 6
MIN_MESSAGE_WORDS = 3
#: section labels that open a title the same way but speak for no one ("Update: …", "Watch: …")
LABELS = frozenset({"update", "updated", "breaking", "exclusive", "watch", "video", "live", "analysis", "opinion",
                    "editorial", "photos", "listen", "read", "correction", "factbox", "explainer"})
_SPEAKER = re.compile(r"[A-Z][\w.’'&-]*(?:\s+(?:[A-Z][\w.’'&-]*|of|the|and|de|van|von|camp))*")


def headline_quote(text: str, language: str, stage_name: str) -> Quote | None:
    """The quote a headline-style first line makes, or None (English only)."""
    if language != "en":
        return None
    start = len(text) - len(text.lstrip())
    newline = text.find("\n", start)
    end = newline if newline >= 0 else len(text)
    line = text[start:end]
    if not line or len(line) > MAX_HEADLINE or newline < 0:
        return None
    colon = line.find(":")
    if colon <= 0:
        return None
    head = line[:colon].rstrip()
    m = _SPEAKER.fullmatch(head)
    if m is None or len(head.split()) > MAX_SPEAKER_WORDS or re.search(r"\d", head) or head.lower() in LABELS:
        return None
    if re.search(r"[.!?]\s", head):
        return None
    a = start + colon + 1
    while a < end and text[a].isspace():
        a += 1
    b = end
    while b > a and text[b - 1].isspace():
        b -= 1
    if len(re.findall(r"\w+", text[a:b])) < MIN_MESSAGE_WORDS:
        return None
    cue = Span(start + colon, start + colon + 1, ":")
    speaker = Speaker(start, start + len(head), head)
    return Quote(a, b, text[a:b], "direct", cue=cue, speaker=speaker, stage=stage_name)
