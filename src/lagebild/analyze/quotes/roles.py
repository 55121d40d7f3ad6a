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
  "told reporters", "in an interview with CNN" (English).  German cues with an object name it
  too (:func:`object_addressee`): "wirft der Regierung vor", "forderte Mussawi auf", "sagte der
  Presse", "Ihm wird vorgeworfen", and a preposition after the cue: "sagte zur Sportschau",
  "appellierte an die Lehrkräfte", "sagte vor der Presse".
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence

from lagebild import lexicons
from lagebild.analyze.quotes.base import vocab
from lagebild.analyze.quotes.find import direct_spans
from lagebild.analyze.text.speech import ADVERBIAL_STARTS, ARTICLES, PREPOSITIONS, SUBORDINATORS, Tok, tokens
from lagebild.model import Quote, Span

#: a quoted phrase inside reported speech needs this many words to count as a nested quote
NESTED_MIN_WORDS = 1
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


def addressee_span(text: str, frame: Span | None, language: str, quote: Quote | None = None) -> Span | None:
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
        if lang == "de":  # the token reading takes quoted names and agencies in ("der Zeitung „Die Welt“")
            toks = tokens(text, frame.start + lead.end(), frame.end)
            end = _noun_phrase(toks, 0, len(toks))
            if end is not None:
                return Span(toks[0].start, toks[end - 1].end, text[toks[0].start:toks[end - 1].end])
        m = np_re.match(part, lead.end())
        if m is None or not m.group(0).strip():
            continue
        surface = m.group(0).rstrip()
        a = frame.start + m.start()
        return Span(a, a + len(surface), surface)
    if lang == "de" and quote is not None:
        return object_addressee(text, frame, quote)
    return None


# --- German addressees named by the cue's object ---------------------------------------------

#: dative articles and pronouns that open the addressee of a "dative" cue ("sagte der Presse")
DATIVE_OPENERS = frozenset({"dem", "den", "der", "einem", "einer", "seinem", "seiner", "ihrem", "ihrer",
                            "ihm", "ihr", "ihnen", "mir", "uns"})
#: object pronouns that are a whole addressee ("warf ihm vor", "Ihm wird vorgeworfen")
OBJECT_PRONOUNS = frozenset({"ihm", "ihr", "ihnen", "ihn", "mir", "uns"})
#: finite forms of "werden" that make a participle cue passive ("Ihm wird vorgeworfen")
PASSIVE_AUX = frozenset({"wird", "wurde", "werden", "wurden", "worden"})
#: a cue object noun phrase is at most this many tokens
OBJECT_MAX = 14
_ADJ_ENDINGS = ("e", "en", "er", "es", "em")
_OPEN_QUOTES = frozenset({"„", "»", "«", '"', "“", "‚", "''"})
_CLOSE_QUOTES = frozenset({"“", "«", "»", '"', "‘", "''"})


#: lowercase words that end a name after a capitalised word ("Nachrichtenagentur dpa")
AGENCY_TAILS = frozenset({"dpa", "ddp", "afp", "apa", "sid", "epd", "kna", "taz", "ap"})


def _cue_object_kind(words: Sequence[str]) -> str | None:
    """"any" or "dative" when the cue's words match a row of ``addressee_cues.tsv``."""
    for row in lexicons.table("quotes/de/addressee_cues.tsv"):
        stem, *particle = row[0].lower().split()
        if any(w.startswith(stem) for w in words) and all(p in words for p in particle):
            return row[1] if len(row) > 1 else "any"
    return None


def _noun_phrase(toks: Sequence[Tok], i: int, stop: int) -> int | None:
    """The end (exclusive) of a German noun phrase starting at ``toks[i]`` before ``stop``: an
    optional article, adjectives, capitalised words, a quoted name, a genitive ("der Regierung
    Myanmars", "des Rates der EU") and a short bracket ("( CDU )"); None when no capitalised
    head comes."""
    if i >= stop:
        return None
    if toks[i].lower in OBJECT_PRONOUNS:
        return i + 1
    k = i
    if toks[k].lower in ARTICLES["de"]:
        k += 1
    head = None
    while k < stop:
        t = toks[k]
        if t.text in _OPEN_QUOTES:
            close = next((j for j in range(k + 1, min(stop, k + 8)) if toks[j].text in _CLOSE_QUOTES), None)
            if close is None:
                break
            head = k = close + 1
            continue
        if t.is_cap and t.is_word and t.lower not in SUBORDINATORS["de"] or head == k and (
                t.lower in AGENCY_TAILS or (t.is_word and re.fullmatch(r"[a-z0-9-]+\.[a-z]{2,4}", t.text))):
            k += 1
            head = k
            continue
        if head is None and t.is_word and (t.text[0].isdigit() or (not t.is_cap and t.lower.endswith(_ADJ_ENDINGS)
                                                                   and t.lower not in PREPOSITIONS["de"])):
            k += 1
            continue
        if head is not None and t.lower in {"der", "des"} and k + 1 < stop:
            j = k + 1
            while j < stop and not toks[j].is_cap and toks[j].is_word and toks[j].lower.endswith(_ADJ_ENDINGS):
                j += 1
            if j < stop and toks[j].is_cap and toks[j].is_word:
                k = j
                continue
        if head is not None and t.lower in {"und", "sowie"} and k + 1 < stop and (
                toks[k + 1].is_cap and toks[k + 1].is_word or toks[k + 1].lower in ARTICLES["de"]):
            k += 1  # "Mussawi und dessen Anhänger", "Die Bürgerinnen und Bürger"
            if toks[k].lower in ARTICLES["de"]:
                k += 1
            continue
        if head is not None and t.text == "(":
            close = next((j for j in range(k + 1, min(stop, k + 5)) if toks[j].text == ")"), None)
            if close is not None:
                head = k = close + 1
                continue
        break
    if head is None or head - i > OBJECT_MAX or toks[head - 1].text in vocab().time_nouns:
        return None
    return head


def object_addressee(text: str, frame: Span, quote: Quote) -> Span | None:
    """The addressee a German cue names as its object or after a preposition (see the module
    docstring): the noun phrase right after the cue (and the speaker standing there), or the
    whole fronted phrase before the cue when the speaker stands elsewhere or the cue is passive."""
    cue = quote.cue
    if cue is None:
        return None
    toks = tokens(text, frame.start, frame.end)
    if not toks:
        return None
    speaker = quote.speaker
    sp = (speaker.start, speaker.end) if speaker is not None and speaker.start is not None \
        and speaker.end is not None else None
    cue_parts = [c for c in (cue, quote.cue_extra) if c is not None]
    cue_words = [w.lower() for c in cue_parts for w in re.findall(r"\w+", c.text)]
    in_cue = [any(c.start <= t.start and t.end <= c.end for c in cue_parts) for t in toks]
    in_sp = [sp is not None and sp[0] <= t.start and t.end <= sp[1] for t in toks]
    c0 = next((k for k, t in enumerate(in_cue) if t), None)
    if c0 is None:
        return None
    passive = any(t.lower in PASSIVE_AUX for t in toks)
    kind = _cue_object_kind(cue_words)

    def span(a: int, b: int) -> Span | None:
        if any(in_sp[a:b]) or any(in_cue[a:b]):
            return None
        return Span(toks[a].start, toks[b - 1].end, text[toks[a].start:toks[b - 1].end])

    # after the cue word: skip the speaker standing there and the cue's own words
    k = c0 + 1
    while k < len(toks) and (in_sp[k] or (in_cue[k] and k == c0 + 1)):
        k += 1
    prep_words = lexicons.words("quotes/de/addressee_preps.txt")
    audiences = lexicons.words("quotes/de/addressee_audiences.txt")
    not_heads = lexicons.words("quotes/de/addressee_not.txt")
    j = k
    while j < len(toks) and j < k + 3 and not in_cue[j]:
        t = toks[j]
        if t.lower in prep_words:
            end = _noun_phrase(toks, j + 1, len(toks))
            if end is not None and (t.lower != "vor" or any(toks[x].text in audiences for x in range(j + 1, end))) \
                    and not any(toks[x].text in not_heads for x in range(j + 1, end)):
                return span(j + 1, end)
        if t.lower in OBJECT_PRONOUNS or t.lower in ARTICLES["de"] or (t.is_cap and t.is_word) \
                or t.lower in PREPOSITIONS["de"]:
            break
        if t.lower not in ADVERBIAL_STARTS["de"]:
            break
        j += 1
    if kind is None or sp is None and not passive:
        return None
    if k < len(toks) and not in_cue[k] and (sp is not None or passive):
        first = toks[k]
        if kind == "any" or first.lower in DATIVE_OPENERS or first.text in audiences:
            end = _noun_phrase(toks, k, len(toks))
            if end is not None and first.lower == "den" and not toks[end - 1].lower.endswith("n"):
                end = None  # "bestätigte den Verdacht": an accusative, no dative plural
            if end is not None and first.lower not in PREPOSITIONS["de"]:
                found = span(k, end)
                if found is not None:
                    return found
    # the fronted phrase: from the frame's start to the cue (or to a speaker standing right before it)
    stop = c0
    while stop > 0 and in_sp[stop - 1]:
        stop -= 1
    if stop == 0 or stop < c0 and not passive and kind == "dative":
        return None
    first = toks[0]
    if first.lower in PREPOSITIONS["de"] or first.lower in SUBORDINATORS["de"] or (
            first.lower in ADVERBIAL_STARTS["de"] and first.lower not in OBJECT_PRONOUNS) or not (
            first.is_cap or first.lower in OBJECT_PRONOUNS):
        return None
    if kind == "dative" and first.lower not in DATIVE_OPENERS - {"den", "der"}:
        return None
    if sp is None and not passive:
        return None
    end = _noun_phrase(toks, 0, stop)
    if end is None:
        return None
    tail = toks[end:stop]
    if tail and not (tail[0].text == "," and tail[-1].text == "," and len(tail) <= OBJECT_MAX):
        return None
    return span(0, stop - 1 if tail else stop)


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
        addressee = addressee_span(text, frame, language, q)
        out.append(dataclasses.replace(q, frame=(frame,) if frame else (), addressee=addressee,
                                       quoted=quoted_inside(text, q, spans)))
    return out
