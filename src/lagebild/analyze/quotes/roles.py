"""The roles of a quote beyond cue and speaker: its frame and its addressee.

* **Frame**: the stretch of the cue's sentence that introduces the message — from the cue outward
  to the message on either side, or to the sentence's edge ("Der Minister sagte gegenüber der
  Presse, …" → "Der Minister sagte gegenüber der Presse,"; "„…“, erklärte er." → ", erklärte
  er").  A source phrase set into the message ("Die Lage, so X, sei ernst") is the frame between
  the two parts.  Sentence-final punctuation is left out.  A quote without a cue has no frame.
* **Quoted words** inside an indirect message ("…, die Lage sei „sehr ernst“"): nested direct
  quotes of the same speaker, kept on the quote around them (:attr:`Quote.quoted`).
* **Addressee**: whom the message is told to, read from the frame: "gegenüber der Presse",
  "in einem Interview mit der New York Times", "an die Gewerkschaften gewandt" (German),
  "told reporters", "in an interview with CNN" (English).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence

from lagebild.analyze.quotes.find import direct_spans
from lagebild.model import Quote, Span

#: a quoted phrase inside reported speech needs this many words to count as a nested quote
NESTED_MIN_WORDS = 2
#: a quotation of fewer words that opens with a capital is a name (see :func:`_title`)
TITLE_WORDS = 6
#: punctuation that ends a sentence and stays out of the frame
FINAL_PUNCT = ".!?…"
#: words that open an addressee phrase, and the words that must come right before them
ADDRESSEE_LEADS = {
    "de": re.compile(r"\b(?:gegenüber|(?:Interview|Gespräch|Telefonat|Telefongespräch|Brief|Schreiben)\s+"
                     r"(?:mit|an))\s+", re.IGNORECASE),
    "en": re.compile(r"\b(?:told|telling|(?:interview|conversation|letter|call)\s+(?:with|to))\s+", re.IGNORECASE),
}
#: the words an addressee phrase is made of: articles, capitalised words, adjectives, names with
#: dots ("space.com"), hyphens and quotation marks ("der „Berliner Zeitung“")
_DE_NP = re.compile(
    r"(?:(?:der|die|das|dem|den|des|ein|eine|einem|einer|eines|seinen|seiner|ihren|ihrer|mehreren|zwei|drei)\s+)?"
    r"(?:(?:[\w-]+(?:e|en|er|es|em)|[„»\"])\s*)*"
    r"(?:[A-ZÄÖÜ][\w.&-]*[\w]|[A-ZÄÖÜ])"
    r"(?:\s*[“«\"])?"
    r"(?:\s+(?:[A-ZÄÖÜ][\w.&-]*\w|[A-ZÄÖÜ]{2,}|(?:der|des)\s+[A-ZÄÖÜ][\w-]*\w)(?:\s*[“«\"])?)*")
_EN_NP = re.compile(
    r"(?:(?:the|a|an|his|her|their|its|several|two|three)\s+)?"
    r"(?:[a-z-]+(?:al|ish|ic|ian|ed|ing|ive|ous|ary|ern|ent|ant)\s+)*"
    r"(?:[A-Z][\w.&-]*\w|[A-Z]|reporters|journalists|the press|lawmakers|supporters|members|donors|voters|"
    r"students|officials|viewers|listeners|colleagues)"
    r"(?:\s+(?:[A-Z][\w.&-]*\w|[A-Z]{2,}|of\s+(?:the\s+)?[A-Z][\w-]*\w))*")
_DE_GEWANDT = re.compile(r"^\s*An\s+(.+?)\s+gewandt\b")


def _parts(quote: Quote) -> list[tuple[int, int]]:
    """The message proper: ``start``..``end`` less the gaps."""
    parts, pos = [], quote.start
    for gap in sorted(quote.gaps, key=lambda g: g.start):
        if gap.start > pos:
            parts.append((pos, gap.start))
        pos = max(pos, gap.end)
    if quote.end > pos:
        parts.append((pos, quote.end))
    return parts


def frame_span(text: str, sentences: Sequence[tuple[int, int]], quote: Quote) -> Span | None:
    """The frame of ``quote`` (see the module docstring); ``sentences`` sorted ``(start, end)``."""
    cue = quote.cue
    if cue is None or not sentences:
        return None
    starts = [a for a, _ in sentences]
    k = max(0, bisect.bisect_right(starts, cue.start) - 1)
    lo, hi = sentences[k]
    hi = max(hi, cue.end)
    parts = _parts(quote)
    if any(a < cue.end and cue.start < b for a, b in parts):
        return None  # the cue sits inside the message: no frame to tell apart
    left = max([lo] + [b for a, b in parts if b <= cue.start and b > lo])
    right = min([hi] + [a for a, b in parts if a >= cue.end and a < hi])
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    if right == hi or not text[right:hi].strip():
        while right > left and (text[right - 1] in FINAL_PUNCT or text[right - 1].isspace()):
            right -= 1
    if right <= left:
        return None
    return Span(left, right, text[left:right])


def colon_frame(text: str, sentences: Sequence[tuple[int, int]], quote: Quote) -> Span | None:
    """The clause that a direct quote follows after a colon ("BKA-Präsident Ziercke: „…“",
    "Der Leiter sagte: „…“" with the colon ending the sentence before), colon included."""
    if quote.kind != "direct":
        return None
    end = quote.start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == 0 or text[end - 1] != ":":
        return None
    starts = [a for a, _ in sentences]
    k = max(0, bisect.bisect_right(starts, end - 1) - 1)
    left = sentences[k][0] if sentences else 0
    while left < end and text[left].isspace():
        left += 1
    if end - left < 2:
        return None
    return Span(left, end, text[left:end])


def addressee_span(text: str, frame: Span | None, language: str) -> Span | None:
    """Whom the message is addressed to, read from the frame (None when it names no one)."""
    if frame is None:
        return None
    lang = "de" if language == "de" else "en"
    part = text[frame.start:frame.end]
    if lang == "de":
        m = _DE_GEWANDT.match(part)
        if m:
            a = frame.start + m.start(1)
            return Span(a, a + len(m.group(1)), m.group(1))
    np_re = _DE_NP if lang == "de" else _EN_NP
    for lead in ADDRESSEE_LEADS[lang].finditer(part):
        m = np_re.match(part, lead.end())
        if m is None or not m.group(0).strip():
            continue
        surface = m.group(0).rstrip()
        a = frame.start + m.start()
        return Span(a, a + len(surface), surface)
    return None


def quoted_inside(text: str, quote: Quote, spans: Sequence[tuple[int, int]]) -> tuple[Span, ...]:
    """The quotations (``spans``, marks included) inside the message of an indirect quote: the
    speaker's own words, nested direct quotes."""
    if quote.kind != "indirect":
        return ()
    parts = _parts(quote)
    return tuple(Span(a, b, text[a:b]) for a, b in spans
                 if (a, b) != (quote.start, quote.end) and any(pa <= a and b <= pb for pa, pb in parts)
                 and len(re.findall(r"\w+", text[a:b])) >= NESTED_MIN_WORDS and not _title(text, a, b))


def _title(text: str, a: int, b: int) -> bool:
    """Whether the quotation at ``a``..``b`` reads as a name or title rather than someone's words:
    a few words opening with a capital ("„Lavisan II“", "„Reporter ohne Grenzen“"; quoted words
    inside reported speech open with a small letter: "die „volle Verantwortung“")."""
    words = re.findall(r"\w[\w.-]*", text[a:b])
    return bool(words) and len(words) < TITLE_WORDS and words[0][0].isupper()


def with_roles(text: str, sentences: Sequence[tuple[int, int]], quotes: Sequence[Quote],
               language: str) -> list[Quote]:
    """The quotes with their frame, addressee and the quotations nested in them filled in."""
    sents = sorted(sentences)
    spans = direct_spans(text, language)
    out = []
    for q in quotes:
        frame = frame_span(text, sents, q) or colon_frame(text, sents, q)
        addressee = addressee_span(text, frame, language)
        out.append(dataclasses.replace(q, frame=(frame,) if frame else (), addressee=addressee,
                                       quoted=quoted_inside(text, q, spans)))
    return out
