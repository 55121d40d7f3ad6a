"""Checks of an event's status after the learned model: Konjunktiv I and "Name:" report, a German
speech act the text tells is asserted, "soll" + infinitive plans and "ohne … zu" denies, English
intent before "to" plans and cancellations deny (see :mod:`.checks`, which runs them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from lagebild.analyze.text.speech import Tok
from lagebild.model import Event


def trigger_index(toks: Sequence[Tok], event: Event) -> int | None:
    """The first token of the event's trigger, or None."""
    return next((k for k, t in enumerate(toks) if t.start < event.trigger.end and event.trigger.start < t.end), None)


def clause_after(toks: Sequence[Tok], k: int, width: int) -> list[Tok]:
    """The words after token ``k`` up to ``width`` tokens, stopping at a clause boundary."""
    out = []
    for t in toks[k + 1:k + 1 + width]:
        if t.text in {",", ";", ":", ".", "!", "?", "–", "(", ")"}:
            break
        out.append(t)
    return out


def clause_before(toks: Sequence[Tok], k: int, width: int) -> list[Tok]:
    """The words before token ``k`` up to ``width`` tokens, nearest first, stopping at a clause boundary."""
    out = []
    for t in reversed(toks[max(0, k - width):k]):
        if t.text in {",", ";", ":", ".", "!", "?", "–", "(", ")"}:
            break
        out.append(t)
    return out


#: Konjunktiv I forms that tell reported speech (not those that read as the indicative of "ich"/"wir")
SUBJUNCTIVE_I = frozenset("sei seiest seien habe werde könne müsse solle wolle dürfe gebe stehe liege".split())


def subjunctive(event: Event, toks: Sequence[Tok], language: str) -> Event:
    """A German event stated in Konjunktiv I ("Zudem habe er kritisiert, …", "Erstmals sei dieser
    Gedanke beim Besuch … geäußert worden") or after a speaker's name and a colon ("Peters: Es
    werden … Gespräche geführt") is reported, not asserted."""
    if language != "de" or event.status != "asserted" or not toks:
        return event
    for k, t in enumerate(toks):
        if t.lower in SUBJUNCTIVE_I and not (k > 0 and toks[k - 1].lower in {"ich", "wir"}) \
                and not (k + 1 < len(toks) and toks[k + 1].lower in {"ich", "wir"}):
            return replace(event, status="reported")
    colon = next((k for k, t in enumerate(toks[:4]) if t.text == ":"), None)
    if colon is not None and colon > 0 and all(t.is_cap for t in toks[:colon]) and event.trigger.start > toks[colon].end:
        return replace(event, status="reported")
    return event


#: German negations of a verb next to it ("konnte die Burg aber nicht einnehmen") and of a noun before it
#: ("keine größeren Kämpfe"), and what makes "nicht" no negation of the event ("nicht nur", "nicht zuletzt")
NOT_VERB = frozenset("nicht nie niemals weder".split())
NOUN_NEGATION = frozenset("kein keine keinen keiner keinem keines no".split())
NOT_NEGATING = frozenset("nur zuletzt erst allein".split())


def negated(event: Event, toks: Sequence[Tok], language: str) -> Event:
    """A German event negated where it is told is denied (guideline: "nicht getötet"): "nicht" or
    "nie" within three words before a verb trigger or four after it in its clause ("… aber nicht
    getötet", "griff die Stadt nicht an"), "kein" before a noun trigger with at most two adjectives
    between ("keine größeren Kämpfe").  Not a condemnation: its negation is often the criticism."""
    k = trigger_index(toks, event)
    if language != "de" or k is None or event.status not in {"asserted", "planned", "reported"} \
            or event.type == "CONDEMN":  # "das geht gar nicht", "nicht akzeptabel" condemn
        return event
    if toks[k].is_cap and k > 0:
        before = clause_before(toks, k, 3)
        for n, t in enumerate(before):
            if t.lower in NOUN_NEGATION:
                return replace(event, status="denied")
            if t.is_cap or not t.is_word or n >= 2:
                break
        return event
    attributive = k + 1 < len(toks) and toks[k + 1].is_cap  # "die bereitgestellten Mittel fließen nicht"
    near = clause_before(toks, k, 3) + ([] if attributive else clause_after(toks, k, 4))
    for t in near:
        if t.lower in NOT_VERB:
            following = toks[toks.index(t) + 1].lower if toks.index(t) + 1 < len(toks) else ""
            if following not in NOT_NEGATING:
                return replace(event, status="denied")
    return event


#: the types that are speech acts: asserted where the text tells them, whoever speaks (guideline)
SPEECH_ACTS = frozenset({"CONDEMN", "ACCUSE", "DENY"})


def speech_act_stated(event: Event, toks: Sequence[Tok], language: str) -> Event:
    """A German condemnation, accusation or denial the text tells ("…, kritisierte BMA-Chef James
    Johnson") is asserted, not reported: its speaker is its own source.  It stays reported where its
    own clause is in Konjunktiv I ("Zudem habe er kritisiert, …"). German train: 35 of 41 such
    events the rules' sources made reported are asserted in the corpus."""
    k = trigger_index(toks, event)
    if language != "de" or k is None or event.status != "reported" or event.type not in SPEECH_ACTS:
        return event
    near = {t.lower for t in clause_before(toks, k, 12) + clause_after(toks, k, 12)}
    return event if near & SUBJUNCTIVE_I else replace(event, status="asserted")


def task_or_omission(event: Event, toks: Sequence[Tok], language: str) -> Event:
    """German "X soll … liefern" (an infinitive, no "haben" after it) is a task or schedule:
    planned; "ohne … den Vorwurf … zu erheben" did not happen: denied."""
    k = trigger_index(toks, event)
    if language != "de" or k is None or event.status not in {"asserted", "reported"}:
        return event
    before = [t.lower for t in clause_before(toks, k, 10)]
    after = [t.lower for t in clause_after(toks, k, 3)]
    word = toks[k].lower
    if "ohne" in before and "zu" in before + after + [word]:
        return replace(event, status="denied")
    infinitive = not toks[k].is_cap and word.endswith(("en", "ern", "eln")) and not word.startswith("ge")
    if infinitive and {"soll", "sollen"} & set(before) and not {"haben", "sein", "werden", "worden"} & set(after):
        return replace(event, status="planned")
    if toks[k].is_cap and k > 0:  # a noun: "Das Spitzentreffen soll am Montag zuendegehen"
        near = set(before) | {t.lower for t in clause_after(toks, k, 10)}
        if {"soll", "sollen"} & near and not {"haben", "sein", "worden"} & near:
            return replace(event, status="planned")
    return event


#: English words of intent before "to": what follows is planned ("wanted to strike", "a bid to revive the talks")
INTENT = frozenset("want wants wanted seek seeks seeking sought threaten threatens threatened plan plans planned "
                   "planning intend intends intended aim aims aimed ready bid hope hopes hoped try tries trying "
                   "tried prepare prepares prepared".split())
#: English words near an event that hedge it ("a defense deal could be in the making")
HEDGES = frozenset("could might may possibly perhaps probably".split())
#: English words before a noun that make it planned ("the proposed defense agreement")
PLANNED_BEFORE = frozenset("proposed planned possible potential upcoming prospective".split())
#: English words before an event that revoke or end it ("cancelling a deal", "no plans for meetings")
REVOKED_BEFORE = frozenset("cancel cancels cancelled canceled cancelling canceling cancellation scrapped scrap "
                           "abandoned abandon halted suspended".split())


def english_intent(event: Event, toks: Sequence[Tok], language: str) -> Event:
    """English cues the status model misses: "could", "may", "perhaps" near an event hedge it; intent
    before "to" ("wanted to strike the US", "in a new bid to revive the peace talks") and
    "proposed"/"possible" before a noun make it planned;
    "cancelling a deal", "no plans for meetings", "… to the negotiating table failed" deny it."""
    k = trigger_index(toks, event)
    if language != "en" or k is None or event.status not in {"asserted", "reported"}:
        return event
    before = [t.lower for t in clause_before(toks, k, 6)]  # nearest first
    after = [t.lower for t in clause_after(toks, k, 8)]
    if set(before[:4]) & REVOKED_BEFORE or ("no" in before[:4] and "plans" in before[:4]) \
            or "failed" in after:
        return replace(event, status="denied")
    near = [t.lower for t in clause_before(toks, k, 4) + clause_after(toks, k, 5) if not t.is_cap]  # not "May 5"
    if HEDGES & set(near):
        return replace(event, status="hedged")
    if set(before[:3]) & PLANNED_BEFORE:
        return replace(event, status="planned")
    if "to" in before:
        at = before.index("to")
        if any(w in INTENT for w in before[at + 1:at + 4]):
            return replace(event, status="planned")
    return event
