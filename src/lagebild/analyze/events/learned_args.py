"""The learned argument model's inputs: the argument candidates of a sentence (entity and
labelled spans, German noun groups, pronouns and English determiner phrases) and the features of a
candidate against a trigger (:func:`arg_features`), used by :mod:`lagebild.analyze.events.learned`
at run time and by ``training/events/train.py`` when the model is fitted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lagebild.analyze.events.vocabulary import vocabulary
from lagebild.analyze.text.speech import Tok

#: words that open a German noun group before its capitalised noun ("die russischen Truppen")
DETERMINERS = frozenset(
    "der die das den dem des ein eine einen einem einer eines kein keine keinen zwei drei vier fünf sechs "
    "sieben acht neun zehn mehrere viele einige zahlreiche alle seine ihre ihren seinen sein ihr".split())
#: verbs and other words that end like an adjective but never open a noun group ("haben malische Soldaten")
NOT_MODIFIERS = frozenset(
    "haben hatten hätten sein seien sind waren wären werden wurden würden worden können konnten könnten müssen "
    "mussten sollen sollten wollen wollten dürfen durften lassen ließen gegen wegen neben zwischen unter hinter "
    "oben unten innen außen gestern morgen heute eben gerne ohne seit nachdem wenn denn dann aber oder und "
    "bereits gemeinsam zusammen".split())


#: English pronouns that fill roles as they stand (the corpus marks "I", "we", "he" …)
EN_PRONOUNS = frozenset("i we you he she they me us him them myself ourselves himself herself themselves".split())
#: German pronouns that fill roles as they stand ("Kritiker werfen ihr vor", "Er reiste nach Spanien")
DE_PRONOUNS = frozenset("ich wir er sie man ihr ihm ihn ihnen uns mir mich".split())
#: English words that open a noun phrase, and the words that end one
EN_DETERMINERS = frozenset("the a an two three four five several many some his her their its our my your this these "
                           "those".split())
EN_STOP = frozenset("of in on at to for with by from and or but that which who whom whose is are was were be been "
                    "has have had will would can could may might should did do does not as than into over after "
                    "before during about against between".split())


@dataclass(frozen=True)
class Candidate:
    start: int  # token range
    end: int
    kind: str
    rule_roles: tuple[str, ...] = ()


def candidates(toks: Sequence[Tok], spans: Sequence[tuple[int, int, str]], language: str) -> list[Candidate]:
    """Argument candidates: labelled character spans turned into token ranges, plus German noun
    groups (determiners, numbers and lower-case adjectives before a capitalised noun)."""
    starts = {t.start: k for k, t in enumerate(toks)}
    ends = {t.end: k + 1 for k, t in enumerate(toks)}
    found: dict[tuple[int, int], list[str]] = {}
    for s, e, kind in spans:
        a = starts.get(s)
        b = ends.get(e)
        if a is None:
            a = next((k for k, t in enumerate(toks) if t.start <= s < t.end), None)
        if b is None:
            b = next((k + 1 for k, t in enumerate(toks) if t.start < e <= t.end), None)
        if a is None or b is None or b <= a:
            continue
        found.setdefault((a, b), []).append(kind)
    if language == "de":
        function_words = vocabulary().function_words
        for k, t in enumerate(toks):
            if k == 0 or not t.is_cap or not t.is_word or any(a <= k < b for a, b in found) \
                    or t.lower in function_words:
                continue  # "Erstmals muss sich …", "Nicht wenige …": a word capitalised by its place
            a = k
            while a > 0 and toks[a - 1].is_word and not toks[a - 1].is_cap \
                    and toks[a - 1].lower not in NOT_MODIFIERS and (
                    toks[a - 1].lower in DETERMINERS or toks[a - 1].text[0].isdigit()
                    or toks[a - 1].lower.endswith(("e", "en", "er", "es", "em"))) and k - a < 4:
                a -= 1
            found.setdefault((a, k + 1), []).append("NP")
    if language == "de":
        for k, t in enumerate(toks):
            if t.lower in DE_PRONOUNS and not any(a <= k < b for a, b in found):
                found.setdefault((k, k + 1), []).append("PRON")
    if language == "en":
        for k, t in enumerate(toks):
            if t.lower in EN_PRONOUNS and not any(a <= k < b for a, b in found):
                found.setdefault((k, k + 1), []).append("PRON")
            elif t.lower in EN_DETERMINERS and not any(a <= k < b for a, b in found):
                end = k + 1
                while end < len(toks) and end - k <= 3 and toks[end].is_word and toks[end].lower not in EN_STOP:
                    end += 1
                if end > k + 1 and not any(a < end and k < b for a, b in found):
                    found.setdefault((k, end), []).append("NP")
    out = []
    for (a, b), kinds in sorted(found.items()):
        entity = sorted({x for x in kinds if not x.startswith("role:")})
        roles = tuple(sorted({x[5:] for x in kinds if x.startswith("role:")}))
        out.append(Candidate(a, b, "+".join(entity) or "ARG", roles))
    return out


def _distance(d: int) -> str:
    return str(d) if d <= 3 else "4-6" if d <= 6 else "7-10" if d <= 10 else "far"


def arg_features(toks: Sequence[Tok], trigger: tuple[int, int], etype: str, c: Candidate) -> list[str]:
    a, b = trigger
    side = "L" if c.end <= a else "R" if c.start >= b else "I"
    dist = a - c.end if side == "L" else c.start - b if side == "R" else 0
    prev = toks[c.start - 1].lower if c.start > 0 else "<s>"
    prev2 = toks[c.start - 2].lower if c.start > 1 else "<s>"
    head = toks[c.end - 1].lower
    first = toks[c.start].lower
    between = toks[c.end:a] if side == "L" else toks[b:c.start]
    comma = any(t.text in {",", ";", ":"} for t in between)
    T = etype + "|"
    f = ["b", T, T + "k=" + c.kind, T + "side=" + side, T + "k|side=" + c.kind + side, T + "d=" + _distance(dist),
         T + "side|d=" + side + _distance(dist), T + "prev=" + prev, T + "prev|side=" + prev + side,
         T + "prev2=" + prev2 + "|" + prev, T + "head=" + head, T + "first=" + first, T + "s4=" + head[-4:],
         T + "trig=" + toks[a].lower + "|" + side, T + "comma=" + str(comma) + side,
         T + "k|prev=" + c.kind + "|" + prev, "k=" + c.kind, "prev=" + prev]
    for role in c.rule_roles:
        f.append(T + "rule=" + role)
        f.append("rule=" + role)
    return f
