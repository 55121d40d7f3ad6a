"""The epistemic status of an event: denied, alleged, hedged, planned, reported or asserted.

Markers come from ``resources/events/markers.tsv`` and apply to the clause of the event and to the
clause that governs it ("Pjöngjang soll … geliefert haben", "Moskau bestreitet, … zu liefern").
"""

from __future__ import annotations

import re

from lagebild.analyze.events.triggers import markers
from lagebild.analyze.events.vocabulary import vocabulary
from lagebild.analyze.text.speech import Tok
from lagebild.model import Attribution

#: a participle of a separable verb ("angegriffen", "vorgeworfen", "abgegeben"): "wird … angegriffen" is
#: the passive, no future (an infinitive such as "abgeben" or "angehen" has less after its "ge")
SEPARABLE_PARTICIPLE = re.compile(r"(?:an|ab|auf|aus|bei|ein|mit|nach|vor|weg|zu|zurück|fest|frei|los|um|dar|"
                                  r"her|hin|fort|heraus|hinaus|vorbei|wieder)ge\w{5,}")
#: a purpose clause: what it names is planned
PURPOSE = re.compile(r"\bum\b.*\bzu\b|\bin order to\b")


def event_status(etype: str, scope: str, trigger_text: str, attribution: Attribution | None, language: str,
                 future: bool) -> str:
    """The epistemic status of an event from the markers in its scope (the clause, or the clause
    that governs it): denied > alleged > hedged > planned > reported (attributed) > asserted."""
    at = scope.find(trigger_text) if trigger_text in scope else len(scope)  # English denies what follows
    found = {status for status, rx in markers(language)
             if any(status != "denied" or language != "en" or m.start() < at for m in rx.finditer(scope))}
    if "denied" in found and etype != "DENY":
        return "denied"
    if "alleged" in found and etype != "ACCUSE":
        return "alleged"
    if "hedged" in found:
        return "hedged"
    before = scope[: scope.find(trigger_text) + 1] if trigger_text in scope else ""  # "die geplante Reise"
    purpose = PURPOSE.search(scope)  # only the happening inside the purpose clause is planned
    if "planned" in found or future or (purpose is not None and purpose.start() < at) \
            or vocabulary().planned_nouns.search(before):
        return "planned"
    return "reported" if attribution is not None else "asserted"


def is_future(toks: list[Tok], clause: tuple[int, int], trig: int, language: str) -> bool:
    """Whether the clause speaks of the future ("wird … liefern", "will supply", "plans to visit")."""
    lo, hi = clause
    words = {toks[k].lower for k in range(lo, hi)}
    t = toks[trig].lower
    if language == "en":
        return bool(words & {"will", "shall"}) or ("to" in words and trig > 0 and toks[trig - 1].lower == "to"
                                                   and any(w in words for w in ("plans", "intends", "wants", "expected")))
    infinitive = t.endswith(("en", "ern", "eln")) and not t.startswith("ge") and t[:1].islower() \
        and not SEPARABLE_PARTICIPLE.fullmatch(t)
    return bool(words & {"wird", "werden", "werde"}) and infinitive and not words & {"worden"}
