"""English cues as PolNeAR marks them: the speech verb with its auxiliaries, the adverbs in
front of it and a time right after it ("has publicly vowed", "also said", "then recalled",
"said Thursday", "found last week"), and the preposition that opens a noun-phrase content
("warned of the dangers …", "called for …").  The cue finders mark the verb alone.
"""

from __future__ import annotations

import dataclasses
import re

from lagebild.analyze.quotes.find import EN_DAYS
from lagebild.analyze.text.speech import AUXILIARIES, tokens
from lagebild.model import Quote, Span

#: adverbs that stand between an English subject and its verb and belong to the cue
EN_CUE_ADVERBS = frozenset({"also", "then", "since", "again", "later", "previously", "recently", "repeatedly",
                            "once", "often", "still", "never", "already", "even", "just", "now", "not", "n’t", "n't"})
#: times right after the verb that belong to the cue ("said Thursday", "found last week")
EN_CUE_TIMES = EN_DAYS | {"yesterday", "today", "tonight", "earlier"}
#: prepositions after a verb that open its noun-phrase content ("warned of", "called for")
EN_CUE_PREPOSITIONS = frozenset({"of", "for", "about", "on", "to"})
#: how far left of the verb the cue may grow (tokens)
REACH = 4
_WORD = re.compile(r"\w")


def widen_en_cue(text: str, quote: Quote) -> Quote:
    """``quote`` with its English cue widened (see the module docstring); the message, the
    speaker and the gaps are never taken into it."""
    cue = quote.cue
    if cue is None:
        return quote
    blocked = [(quote.start, quote.end)] + [(g.start, g.end) for g in quote.gaps]
    if quote.speaker is not None and quote.speaker.start is not None and quote.speaker.end is not None:
        blocked.append((quote.speaker.start, quote.speaker.end))

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in blocked)

    left = tokens(text, max(0, cue.start - 80), cue.start)
    start = cue.start
    k = len(left) - 1
    while k >= 0 and len(left) - k <= REACH:
        t = left[k]
        low = t.lower
        if not free(t.start, t.end):
            break
        if low in AUXILIARIES["en"] or low in EN_CUE_ADVERBS or (low.endswith("ly") and len(low) > 4 and not t.is_cap) \
                or low.endswith(("n’t", "n't")):
            start = t.start
            k -= 1
            continue
        break
    right = tokens(text, cue.end, min(len(text), cue.end + 40))
    end = cue.end
    if right and right[0].lower in EN_CUE_TIMES and free(right[0].start, right[0].end):
        end = right[0].end
    elif len(right) > 1 and right[0].lower in {"last", "this"} and right[1].lower in {"week", "month", "year"} \
            and free(right[0].start, right[1].end):
        end = right[1].end
    elif right and right[0].lower in EN_CUE_PREPOSITIONS and quote.kind == "indirect" and free(right[0].start, right[0].end) \
            and len(right) > 1 and right[1].start >= quote.start and not text[right[0].end:quote.start].strip():
        end = right[0].end
    if (start, end) == (cue.start, cue.end):
        return quote
    return dataclasses.replace(quote, cue=Span(start, end, text[start:end]))
