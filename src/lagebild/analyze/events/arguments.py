"""Filling a trigger's argument frame within its clause.

:func:`fill` runs the steps in a fixed order (the order decides which rule wins a role and the
order of the roles in the event): candidates governed by a preposition, an adjective or a
genitive; the subject and object of a verb, or the agent of a noun; plain phrases where no entity
fits; the weapon or item; the trigger's requirements.  The steps share one :class:`Frame`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lagebild.analyze.events.candidates import (
    Cand, genitive_of, heads_phrase, office_word, official, prep_before,
)
from lagebild.analyze.events.phrases import Span, about_phrase, guest, pp_phrase, subject_np
from lagebild.analyze.events.triggers import Trigger
from lagebild.analyze.events.vocabulary import vocabulary
from lagebild.analyze.events.weapons import weapon as find_weapon
from lagebild.analyze.text.speech import ARTICLES, AUXILIARIES, PREPOSITIONS, Tok, is_role_word, lexicon
from lagebild.model import events as events_model

#: roles that several arguments fill, numbered: participant, participant2, participant3, …
NUMBERED_ROLES = {"participant", "party", "participant2", "party2"}
#: the finder fills a list role of the event model (lagebild.model.events) through numbered slots
SLOT_OF_LIST = {"participants": "participant", "parties": "party"}
_LIST_OF_SLOT = {slot: role for role, slot in SLOT_OF_LIST.items()}
#: noun triggers of these types: a bare candidate before the noun is the acting role ("Moskaus Sanktionen", "the Kim visit")
AGENT_TYPES = frozenset({"VISIT", "MEET", "AGREE", "NEGOTIATE", "SANCTION", "CONDEMN", "ACCUSE"})


def model_role(slot: str) -> str:
    """The event-model role of a slot: "participant2" and "party3" are members of a list role."""
    return _LIST_OF_SLOT.get(slot.rstrip("0123456789"), slot)


def agent_slot(event_type: str) -> str | None:
    """The slot a noun trigger's bare agent fills: the type's acting role ("visitor", "participant")."""
    if event_type not in AGENT_TYPES:
        return None
    role = events_model.TYPES[event_type].side("who")[0]
    return SLOT_OF_LIST.get(role, role)


def anchored(event_type: str, slots: dict) -> bool:
    """A mention is kept only with one of its type's anchor roles filled (DESIGN §2a)."""
    anchors = events_model.TYPES[event_type].anchors
    return any(model_role(slot) in anchors for slot in slots)
#: German subject pronouns in front of a noun phrase object ("dass man russische Hilfe erhalte")
IMPERSONAL = {"man", "er", "sie", "es", "wir", "ich"}


@dataclass
class RawEvent:
    type: str
    trigger: tuple[int, int]  # character span
    clause: tuple[int, int]  # character span
    args: dict[str, Span] = field(default_factory=dict)  # role → (start, end, mention)
    trigger_tok: int = 0
    noun: bool = False
    source: Span | None = None  # who names the event ("X bezeichnete … als Lieferanten")


@dataclass
class Frame:
    """One trigger's frame being filled: the clause, the trigger at token ``i`` (with its particle
    at ``part``), the candidates, and the arguments found so far."""

    text: str
    toks: list[Tok]
    clause: tuple[int, int]
    cands: list[Cand]
    trig: Trigger
    i: int
    part: int | None
    language: str
    prev_clause: tuple[int, int] | None
    args: dict[str, Span] = field(default_factory=dict)
    source: Span | None = None

    @property
    def lang(self) -> str:
        return "en" if self.language == "en" else "de"

    def put(self, role: str, c: Cand) -> None:
        put(self.args, role, c)


def put(args: dict[str, Span], role: str, c: Cand) -> None:
    """``c`` as ``role``, unless it already fills a role or the role is taken; several participants
    or parties are numbered ("participant", "participant2", …)."""
    if any(v[0] == c.start for v in args.values()):
        return
    if role in NUMBERED_ROLES:
        base = role.rstrip("2")
        key = base if role == base and base not in args else base + "2"
        n = 3
        while key in args:
            key = f"{base}{n}"
            n += 1
    elif role in args:
        return
    else:
        key = role
    args[key] = (c.start, c.end, c.mention)


def fill(text: str, toks: list[Tok], clause: tuple[int, int], cands: list[Cand], trig: Trigger, i: int,
         part: int | None, language: str, prev_clause: tuple[int, int] | None) -> RawEvent | None:
    """The event ``trig`` at token ``i`` makes in ``clause``, with its arguments; None where the
    trigger's requirements fail or no core role is filled."""
    f = Frame(text, toks, clause, cands, trig, i, part, language, prev_clause)
    lo, hi = clause
    inside = [c for c in cands if lo <= c.first < hi and not (c.first <= i < c.last)]
    passive = is_passive(toks, clause, i, f.lang)
    zu = is_zu_clause(toks, clause, i, f.lang)
    bare = place_governed(f, inside)
    if not trig.noun:
        fill_verb_frame(f, bare, passive, zu)
    else:
        fill_noun_frame(f, bare)
    if trig.type == "VISIT" and not trig.noun and f.lang == "en":
        obj = next((c for c in bare if i < c.first <= i + 2 and c.label in {"GPE", "LOC"}), None)
        if obj is not None:  # "intends to visit North Korea …, his first trip to Pyongyang"
            f.args["destination"] = (obj.start, obj.end, obj.mention)
    if not passive and not zu:
        fill_subject_phrase(f)
    weapon = clause_weapon(f, inside)
    fill_plain_phrases(f, weapon)
    if not meets_requirements(f, weapon):
        return None
    if trig.type in {"CONDEMN", "DENY"} and "about" not in f.args:
        about = about_phrase(text, toks, clause, i, part, trig.noun, f.args.get(trig.roles.get("subject", "")))
        if about is not None:
            f.args["about"] = (toks[about[0]].start, toks[about[1] - 1].end, None)
    trigger = (toks[i].start, toks[i].end)
    span = (toks[lo].start, toks[hi - 1].end)
    if trig.type == "SUPPLY" and f.lang == "en" and toks[i].lower.startswith("receiv"):
        meeting = reception(f, inside)
        if meeting is not None:  # "when he received Foreign Minister Choe at the Kremlin": a meeting
            return RawEvent("MEET", trigger, span, meeting, i)
    if not anchored(trig.type, f.args):
        return None
    return RawEvent(trig.type, trigger, span, f.args, i, trig.noun, f.source)


def is_passive(toks: list[Tok], clause: tuple[int, int], i: int, lang: str) -> bool:
    """Whether the verb at ``i`` is a participle in a passive clause ("was sent", "wurde geliefert")."""
    lo, hi = clause
    low = toks[i].lower
    participle = low.endswith(("t", "ed")) or (low.startswith("ge") and low.endswith("en")) or \
        low in vocabulary().participles
    if lang == "en":
        return participle and i > lo and (toks[i - 1].lower in {"was", "were", "been", "being", "is", "are", "be"} or (
            i - 1 > lo and toks[i - 2].lower in {"was", "were", "been", "is", "are", "be"} and toks[i - 1].lower.endswith("ly")))
    return participle and any(toks[k].lower in {"wurde", "wurden", "worden", "werden", "wird"}
                              for k in range(lo, hi)) and not (i + 1 < hi and toks[i + 1].lower in {
                                  "haben", "hat", "hatte", "habe", "hätten", "hätte"})


def is_zu_clause(toks: list[Tok], clause: tuple[int, int], i: int, lang: str) -> bool:
    """Whether the trigger is an infinitive with "zu"/"to", whose subject stands in the clause before."""
    lo, hi = clause
    low = toks[i].lower
    return low.startswith(("zu", "abzu", "anzu", "einzu", "auszu")) and "zu" in low[:6] or (
        i > lo and toks[i - 1].lower == "zu") or (i + 1 < hi and toks[i + 1].lower == "zu") or (
        lang == "en" and i > lo and toks[i - 1].lower == "to")


def place_governed(f: Frame, inside: list[Cand]) -> list[Cand]:
    """Candidates governed by a preposition of the frame, state adjectives (the modifier role) and
    genitives into their roles; the bare candidates left over, in order."""
    bare: list[Cand] = []
    last_prep: str | None = None
    for c in inside:
        if any(d is not c and d.first <= c.first and c.last <= d.last and (d.last - d.first) > (c.last - c.first)
               for d in inside):
            continue  # "nordkoreanischen" inside "dem nordkoreanischen Außenminister"
        prep = prep_before(f.toks, c, f.language)
        if prep == "&":
            prep = last_prep  # "zwischen Moskau und Pjöngjang"; None: "Russland und Nordkorea"
        last_prep = prep
        shaped = reshape(f, c, inside)
        if shaped is not None and not place(f, shaped, prep):
            bare.append(shaped)
    return bare


def reshape(f: Frame, c: Cand, inside: list[Cand]) -> Cand | None:
    """A candidate as an argument: a compound's official or adjective, a state adjective with the
    noun it heads ("russische Truppen"); None where a person after it is the argument."""
    toks, i, hi = f.toks, f.i, f.clause[1]
    if c.form == "compound" and office_word(toks[c.first].text, f.language):
        return official(toks, c, f.cands)  # "des Pjöngjang-Beamten": the official, not the state
    if c.form == "compound":
        return Cand(c.first, c.last, c.start, c.end, c.mention, "adjective", c.label, c.key)
    if c.form == "adjective" and c.last < hi and c.last != i and not toks[c.first].text.endswith(("'s", "’s")) and (
            toks[c.last].is_cap or (f.lang == "en" and toks[c.last].is_word and toks[c.last].lower not in
                                    PREPOSITIONS["en"] | AUXILIARIES["en"] | ARTICLES["en"] | {"and", "or"})) \
            and heads_phrase(toks, c, f.lang):
        if any(d.first == c.last + 1 and d.label == "PER" for d in inside):
            return None  # "der russische Präsident Wladimir Putin": the person is the argument
        vocab = vocabulary()
        head = toks[c.last]
        form = "name" if head.lower in vocab.gov_nouns or is_role_word(head.text, lexicon(f.language)) else "np"
        person = f.trig.type in {"VISIT", "MEET"} and head.lower not in vocab.collective_nouns and office_word(
            head.text, f.language)  # "der nordkoreanische Machthaber" travels, not North Korea
        return Cand(c.first, c.last + 1, c.start, toks[c.last].end, None if person else c.mention, form, c.label, c.key)
    return c


def place(f: Frame, c: Cand, prep: str | None) -> bool:
    """Put ``c`` into the role its adjective form, preposition or genitive gives it; False where
    nothing governs it (a bare candidate: subject, object or agent)."""
    toks, i, trig, roles = f.toks, f.i, f.trig, f.trig.roles
    if c.form == "adjective":
        between = range(min(i, c.first) + 1, max(i, c.first))
        if trig.noun and "modifier" in roles and (c.first < i and i - c.first <= 4 or (
                c.first > i and c.first - i <= 3 and not any(toks[k].lower in vocabulary().extra_preps - {"of"}
                                                             for k in between))):
            f.put(roles["modifier"], c)
        return True
    near = not trig.noun or (0 < c.first - i <= 7)
    if prep and prep in roles and near:
        if not (c.form == "np" and prep in {"aus", "from"} and roles[prep] == "supplier"):
            f.put(roles[prep], c)  # "eine Limousine aus russischer Fertigung": where the item was made
        return True
    if prep:
        if prep in {"in", "im", "at", "auf", "bei"} and "place" not in f.args and c.label in {"GPE", "LOC"} \
                and "place" in set(roles.values()):
            f.args["place"] = (c.start, c.end, c.mention)
        return True
    if trig.noun and "genitive" in roles and (
            (i - 2 <= c.last <= i and toks[c.last - 1].text.endswith(("s", "’s", "'s")) and all(
                not toks[k].is_cap for k in range(c.last, i)))
            or (c.first > i and genitive_of(toks, c, i))):
        f.put(roles["genitive"], c)
        return True
    return False


def fill_verb_frame(f: Frame, bare: list[Cand], passive: bool, zu: bool) -> None:
    """Subject and object of a verb from the bare candidates: in a zu-clause the subject comes from
    the clause before; "man"/"er" before a noun phrase; "wirft der Westen Pjöngjang vor"; else
    the first candidate (and those joined to it by "und") is the subject, the next the object."""
    toks, i, lo = f.toks, f.i, f.clause[0]
    order, subject_role, object_role = verb_order(f, bare, passive)
    if zu and subject_role and f.prev_clause is not None and (f.lang == "de" or not any(c.first < i for c in order)):
        outer_subject(f, order, subject_role, object_role)
    elif order and subject_role and order[0].form == "np" and (object_role or f.trig.type == "SUPPLY") and any(
            toks[k].lower in IMPERSONAL for k in range(lo, order[0].first)):
        c = order[0]
        if object_role:
            f.put(object_role, c)
        else:  # "dass man russische Hilfe erhalte": the thing received, from the state of its adjective
            f.args["item"] = (toks[c.first].start, c.end, None)
            if "supplier" not in f.args and c.mention is not None:
                f.args["supplier"] = (c.start, toks[c.last - 2].end, c.mention)
    elif f.lang == "de" and order and subject_role and object_role and order[0].first == i + 3 and \
            toks[i + 1].lower in {"der", "die", "das"} and toks[i + 2].is_cap and toks[i + 2].is_word:
        f.args[subject_role] = (toks[i + 1].start, toks[i + 2].end, None)  # "wirft der Westen Pjöngjang vor"
        f.put(object_role, order[0])
    elif order and subject_role:
        if f.lang == "en" and zu and f.trig.type == "VISIT":
            inviter = next((k for k in range(lo, i) if vocabulary().invite_re.fullmatch(toks[k].lower)), None)
            if inviter is not None:  # "Kim invited Putin to visit Pyongyang"
                order = [c for c in order if c.first > inviter] + [c for c in order if c.first <= inviter]
        f.put(subject_role, order[0])
        rest = order[1:]
        while rest and prep_before(toks, rest[0], f.language) == "&":
            if subject_role in {"participant", "party", "sanctioner", "speaker"}:
                f.put(subject_role, rest[0])
            rest = rest[1:]
        if object_role and rest:
            f.put(object_role, rest[0])
    elif order and object_role:
        f.put(object_role, order[0])


def verb_order(f: Frame, bare: list[Cand], passive: bool) -> tuple[list[Cand], str | None, str | None]:
    """The bare candidates in the order subject, object, with the verb's subject and object roles;
    English: the subject stands before the verb (no subject role where nothing does)."""
    roles = f.trig.roles
    subject_role, object_role = roles.get("subject"), roles.get("object")
    if passive:
        subject_role = None
    order = bare
    if f.lang == "en":
        before = [c for c in order if c.first < f.i]
        after = [c for c in order if c.first > f.i]
        head = before[:1] + [c for c in before[1:] if prep_before(f.toks, c, f.language) == "&"]
        order = head + after if head and subject_role else after
        if not head and subject_role and object_role:
            subject_role = None  # English: nothing before the verb, so the first noun is its object
    return order, subject_role, object_role


def outer_subject(f: Frame, order: list[Cand], subject_role: str, object_role: str | None) -> None:
    """A zu-clause's subject from the clause that governs it: the first candidate there, or the
    last where it accuses or invites ("wirft Pjöngjang vor, … zu liefern": the one accused)."""
    prev = f.prev_clause
    vocab = vocabulary()
    outer = [c for c in f.cands if prev[0] <= c.first < prev[1] and c.form != "adjective"
             and prep_before(f.toks, c, f.language) in (None, "&")]
    accusing = any(vocab.accuse_re.fullmatch(f.toks[k].lower) or vocab.invite_re.fullmatch(f.toks[k].lower)
                   for k in range(*prev))
    if outer:
        f.put(subject_role, outer[-1] if accusing and len(outer) > 1 else outer[0])  # the one accused, invited
    if order and object_role:
        f.put(object_role, order[0])


def fill_noun_frame(f: Frame, bare: list[Cand]) -> None:
    """Roles of a noun trigger from the bare candidates: the subject before it, a modifier next to
    it, the agent before it ("Moskaus Sanktionen"); the invitee of an invitation visits."""
    toks, i, trig, roles = f.toks, f.i, f.trig, f.trig.roles
    lo, hi = f.clause
    agent = agent_slot(trig.type)
    if trig.type == "VISIT" and any(vocabulary().invite_re.fullmatch(toks[k].lower) for k in range(lo, hi)):
        before = [c for c in bare if c.first < i and c.form != "np"]
        if len(before) >= 2:
            f.put("visitor", before[1])  # "Kim hatte Putin zu einem Gegenbesuch eingeladen"
    definite = i - 2 >= lo and toks[i - 1].lower in {"der", "dem", "den", "die", "the"} and (
        toks[i - 2].lower in PREPOSITIONS[f.lang])
    if trig.type == "VISIT" and definite:
        agent = None  # "schon vor der Reise gewarnt": a trip named before, not one by the subject
    bare = designation(f, bare)
    sanctioning = trig.type != "SANCTION" or any(vocabulary().light_sanction.fullmatch(toks[k].lower)
                                                 for k in range(lo, hi))
    for c in bare:
        if "subject" in roles and c.first < i:
            f.put(roles["subject"], c)
        elif roles.get("modifier") and (c.first == i - 1 or (c.first == i + 1 and f.lang == "de"
                                                              and toks[c.last - 1].lower.endswith("s"))):
            f.put(roles["modifier"], c)
        elif agent and c.first < i and c.form != "np" and (agent not in f.args or agent in {"party", "participant"}) \
                and sanctioning:
            f.put(agent, c)


def designation(f: Frame, bare: list[Cand]) -> list[Cand]:
    """"X bezeichnete das Land als wichtigsten Lieferanten": the one named fills the subject role,
    the one naming is the event's source; the bare candidates after the verb of naming are left."""
    toks, i, roles = f.toks, f.i, f.trig.roles
    lo = f.clause[0]
    des = next((k for k in range(lo, i) if vocabulary().designate_re.fullmatch(toks[k].lower)), None)
    als = None if des is None else next((k for k in range(des + 1, i) if toks[k].lower in {"als", "as"}), None)
    if "subject" not in roles or als is None:
        return bare
    named = [c for c in bare if des < c.first < als]
    said = next((c for c in bare if c.first < des), None)
    if said is not None:
        f.source = (said.start, said.end, said.mention)
    end = next((k for k in range(des + 1, als) if toks[k].lower in PREPOSITIONS[f.lang] or not toks[k].is_word), als)
    if named:
        f.put(roles["subject"], named[0])
    elif end > des + 1:
        f.args[roles["subject"]] = (toks[des + 1].start, toks[end - 1].end, None)
    return [c for c in bare if c.first > des]


def fill_subject_phrase(f: Frame) -> None:
    """A verb's subject that is no entity ("rund 50 Staaten"); a visitor only where it names an office."""
    trig, toks = f.trig, f.toks
    subject_role = trig.roles.get("subject")
    if trig.noun or not subject_role or subject_role in f.args or "item" in f.args:
        return
    np = subject_np(toks, f.clause[0], f.i, f.language)
    if np is not None and (trig.type != "VISIT" or any(
            is_role_word(toks[k].text, lexicon(f.language)) for k in range(*np))):
        f.args[subject_role] = (toks[np[0]].start, toks[np[1] - 1].end, None)


def clause_weapon(f: Frame, inside: list[Cand]) -> tuple[int, int] | None:
    """The weapon or item phrase of the clause, with the state adjectives in front of it (for
    SUPPLY not those already used as an argument: "nordkoreanische Lieferungen von Munition")."""
    lo, hi = f.clause
    adjectives = frozenset(k for c in inside if c.form == "adjective" for k in range(c.first, c.last))
    used_adj = frozenset(k for c in inside if c.form == "adjective" and any(v[0] == c.start for v in f.args.values())
                         for k in range(c.first, c.last))
    return find_weapon(f.toks, lo, hi, f.i, adjectives, used_adj if f.trig.type == "SUPPLY" else frozenset())


def fill_plain_phrases(f: Frame, weapon: tuple[int, int] | None) -> None:
    """Roles no entity filled, from plain phrases: after a preposition ("Angriffe auf die
    Energieinfrastruktur"), the English object of an attack, the agreement of AGREE/NEGOTIATE,
    the item supplied and the weapon of an attack."""
    toks, i, trig, args = f.toks, f.i, f.trig, f.args
    lo, hi = f.clause
    vocab = vocabulary()
    for role, preps in vocab.fallback_pps.get(trig.type, {}).items():
        if role not in args:
            np = pp_phrase(toks, lo, hi, i, preps, trig.noun)
            if np is not None:
                args[role] = (toks[np[0]].start, toks[np[1] - 1].end, None)
    if trig.type == "ATTACK" and "target" not in args and f.lang == "en" and not trig.noun and i + 1 < hi:
        a = i + 1 + (toks[i + 1].lower in ARTICLES["en"])
        b = a
        while b < hi and b - a < 3 and toks[b].is_word and toks[b].lower not in PREPOSITIONS["en"] | {"and"}:
            b += 1
        if b > a and not (weapon and weapon[0] <= a < weapon[1]):
            args["target"] = (toks[a].start, toks[b - 1].end, None)
    if trig.type in {"AGREE", "NEGOTIATE"} and "object" not in args:
        k = i if trig.noun else next((k for k in range(lo, hi) if toks[k].is_cap
                                      and vocab.agreement_re.fullmatch(toks[k].lower)), None)
        if k is not None:
            args["object"] = (toks[k].start, toks[k].end, None)
    if trig.type == "SUPPLY" and weapon:
        args.setdefault("item", (toks[weapon[0]].start, toks[weapon[1] - 1].end, None))
    if trig.type == "ATTACK" and weapon:
        args.setdefault("weapon", (toks[weapon[0]].start, toks[weapon[1] - 1].end, None))


def meets_requirements(f: Frame, weapon: tuple[int, int] | None) -> bool:
    """The trigger's ``requires``: a weapon (not one launched before "launched"), a partner of a
    meeting, the word "Sanktion" in the clause (whose noun then triggers the event itself), or any
    other word the phrase needs in the clause ("verantwortlich" … "gemacht")."""
    trig, toks, args = f.trig, f.toks, f.args
    lo, hi = f.clause
    if trig.requires == "weapon" and (not weapon or (toks[f.i].lower in {"launched", "launch", "launches"}
                                                     and weapon[0] < f.i)):
        return False
    if trig.requires == "partner" and not any(r.startswith("participant") and r != "participant" for r in args) \
            and not ("participant" in args and len([r for r in args if r.startswith("participant")]) > 1):
        return False
    if trig.requires == "sanktion" and not any("sanktion" in toks[k].lower for k in range(lo, hi)):
        return False
    if trig.requires not in {None, "weapon", "partner", "sanktion"} and not any(
            toks[k].lower == trig.requires for k in range(lo, hi)):  # a word of the phrase: "verantwortlich gemacht"
        return False
    return not (trig.type == "SANCTION" and trig.requires == "sanktion")  # the noun "Sanktionen" triggers it


def reception(f: Frame, inside: list[Cand]) -> dict[str, Span] | None:
    """"when he received Foreign Minister Choe at the Kremlin": the arguments of a meeting, or None
    where a thing is received."""
    toks, i, hi = f.toks, f.i, f.clause[1]
    other = guest(toks, f.cands, i, hi, f.language)
    if other is None:
        return None
    meet = {"participant": f.args["recipient"]} if "recipient" in f.args else {}
    meet["participant2"] = other
    place = next((c for c in inside if c.first > i and c.label in {"GPE", "LOC", "ORG"}
                  and prep_before(toks, c, f.language) in {"at", "in"}), None)
    if place is not None:
        meet["place"] = (place.start, place.end, place.mention)
    return meet
