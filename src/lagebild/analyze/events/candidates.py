"""Argument candidates of a sentence and how they stand to a trigger.

Candidates are the entity mentions of the sentence plus person names the entity layer has not
found yet (name runs after an office noun, names known from speakers).  The helpers here read a
candidate's surroundings: the preposition before it, whether it follows a noun as a genitive,
whether a state adjective heads a phrase of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from lagebild.analyze.entities import gazetteer
from lagebild.analyze.events.vocabulary import Vocabulary, vocabulary
from lagebild.analyze.text.speech import ARTICLES, AUXILIARIES, PREPOSITIONS, Tok, is_role_word, lexicon

#: entity labels that may fill an argument
LABELS = {"PER", "ORG", "GPE", "LOC"}
#: endings of an inflected German adjective or determiner ("russische", "des hochrangigen")
ADJ_ENDINGS = ("e", "en", "er", "es", "em")


@dataclass(frozen=True)
class Cand:
    """An argument candidate: an entity mention or a name run, by token range."""

    first: int
    last: int  # exclusive
    start: int
    end: int
    mention: int | None
    form: str  # name | adjective | person
    label: str
    key: str | None = None


def candidates(text: str, toks: list[Tok], entities, names: tuple[str, ...], language: str) -> list[Cand]:
    """Entity mentions and name runs of a sentence, as argument candidates; ``entities`` are
    ``(index, mention)`` pairs of the article's entity layer near the sentence."""
    out, covered, offices = entity_candidates(toks, entities, language)
    arts = ARTICLES["en" if language == "en" else "de"]
    k = 0
    while k < len(toks):
        t = toks[k]
        if k in covered or not t.is_cap or not t.is_word or t.lower in arts:
            k += 1
            continue
        cand, k = name_run(toks, k, covered, names, language)
        if cand is not None:
            out.append(cand)
    lex = lexicon(language)
    out = [c for c in out if not names_office(toks, c, out, lex) and not (c.first in offices and any(
        d.label == "PER" and d.first not in offices and c.last <= d.first <= c.last + 1 for d in out))]
    out = [c for c in out if not (c.form == "compound" and any(
        d.form == "name" and (d.first, d.last) == (c.first, c.last) for d in out))]  # "UN" in "UN-Sicherheitsrat"
    return sorted(out, key=lambda c: c.first)


def entity_candidates(toks: list[Tok], entities, language: str) -> tuple[list[Cand], set[int], set[int]]:
    """The entity mentions of the sentence as candidates, the tokens they cover, and the first
    tokens of office mentions ("Russian President")."""
    out: list[Cand] = []
    covered: set[int] = set()
    offices: set[int] = set()
    if not toks:
        return out, covered, offices
    lo, hi = toks[0].start, toks[-1].end
    for m, e in entities:
        if e.end <= lo or e.start >= hi or e.label not in LABELS:
            continue
        rng = tok_range(toks, e.start, e.end)
        if rng is None:
            continue
        if e.key is None and " " in e.text and e.label in {"LOC", "GPE", "ORG"}:
            parts = split_states(e, language)
            if parts:
                for ps, pe, pm in parts:
                    prng = tok_range(toks, ps, pe)
                    if prng:
                        out.append(Cand(prng[0], prng[1], ps, pe, None, "name", "GPE"))
                covered.update(range(*rng))
                continue
        inside_token = toks[rng[1] - 1].end > e.end or toks[rng[0]].start < e.start
        form = "compound" if inside_token else "adjective" if e.form == "adjective" else "name"
        if e.form == "role":
            offices.add(rng[0])
        out.append(Cand(rng[0], rng[1], e.start, e.end, m, form, e.label, e.key))
        covered.update(range(*rng))
    return out, covered, offices


def name_run(toks: list[Tok], k: int, covered: set[int], names: tuple[str, ...], language: str
             ) -> tuple[Cand | None, int]:
    """A person name the entity layer missed in the run of capitalised words that starts at token
    ``k`` (not covered by a mention, no article): after an office noun, a name known from elsewhere
    in the article, or two or more name-like words; and the token to go on from."""
    lex = lexicon(language)
    vocab = vocabulary()
    arts = ARTICLES["en" if language == "en" else "de"]
    j = k
    while j < len(toks) and j not in covered and toks[j].is_cap and toks[j].is_word:
        j += 1
    run = list(range(k, j))
    if k > 0 and toks[k - 1].is_word and not toks[k - 1].is_cap and (toks[k - 1].lower in arts or toks[k - 1].lower.endswith(
            ADJ_ENDINGS)) and not is_role_word(toks[k].text, lex):
        run = run[1:]  # "russische Truppen Charkiw": a common noun after its adjective
    while run and (toks[run[0]].lower in vocab.function_words or is_role_word(toks[run[0]].text, lex)):
        run = run[1:]
    nxt = max(j, k + 1)
    if language == "en" and _english_name(toks, run, j, vocab):  # English: a capitalised word is a name
        return Cand(run[0], run[-1] + 1, toks[run[0]].start, toks[run[-1]].end, None, "person", "PER"), nxt
    after_role = any(is_role_word(toks[r].text, lex) for r in range(k, run[0])) if run else False
    after_role = after_role or (k > 0 and is_role_word(toks[k - 1].text, lex))
    words = [toks[r].text for r in run]
    known = any(w in names for w in words)
    if run and (known or (after_role and len(run) >= 1) or (len(run) >= 2 and name_like(words))):
        return Cand(run[0], run[-1] + 1, toks[run[0]].start, toks[run[-1]].end, None, "person", "PER"), nxt
    return None, nxt


def _english_name(toks: list[Tok], run: list[int], j: int, vocab: Vocabulary) -> bool:
    """A single capitalised word opening an English sentence before a lower-case word, that is no
    function word, month, plural, adverb or common noun by its ending."""
    return bool(run) and len(run) == 1 and run[0] == 0 and j < len(toks) and toks[j].is_word \
        and not toks[j].is_cap and toks[run[0]].lower not in vocab.function_words | vocab.months_en \
        and not toks[run[0]].lower.endswith(("s", "ly") + vocab.en_noun_suffixes)


def tok_range(toks: list[Tok], start: int, end: int) -> tuple[int, int] | None:
    first = next((k for k, t in enumerate(toks) if t.end > start), None)
    if first is None or toks[first].start >= end:
        return None
    last = first
    while last < len(toks) and toks[last].start < end:
        last += 1
    return first, last


def split_states(e, language: str) -> list[tuple[int, int, None]]:
    """A mention the tagger glued together from two state names ("Nordkorea Russland"), split."""
    hits = [h for h in gazetteer.find(e.text, language) if h.label == "GPE" and h.form != "adjective"]
    if len(hits) < 2:
        return []
    return [(e.start + h.start, e.start + h.end, None) for h in hits]


def names_office(toks: list[Tok], c: Cand, cands: list[Cand], lex) -> bool:
    """A state in front of an office and the person holding it ("Nordkoreas Außenministerin Choe
    Son-hui"): the person is the argument, the state only qualifies the office."""
    k = c.last
    if c.label not in {"GPE", "ORG"} or c.form != "name" or k >= len(toks) or not is_role_word(toks[k].text, lex):
        return False
    return any(d.label == "PER" and k < d.first <= k + 2 for d in cands)


def official(toks: list[Tok], c: Cand, cands: list[Cand]) -> Cand:
    """"des Pjöngjang-Beamten": the official of that state named earlier in the sentence (a person
    whose office is qualified by the same state), else the phrase itself."""
    for p in reversed([d for d in cands if d.label == "PER" and d.last <= c.first]):
        if c.key and any(d.key == c.key and d.last <= p.first <= d.last + 2 for d in cands if d is not p):
            return Cand(c.first, c.last, p.start, p.end, p.mention, "name", "PER", p.key)
    t = toks[c.first]
    return Cand(c.first, c.last, t.start, t.end, None, "np", "PER")


def office_word(word: str, language: str) -> bool:
    """An office noun, also inflected ("Pjöngjang-Beamten", "Ministers")."""
    lex = lexicon(language)
    return is_role_word(word, lex) or (word.endswith(("n", "s")) and is_role_word(word[:-1], lex))


def genitive_of(toks: list[Tok], c: Cand, i: int) -> bool:
    """Whether ``c`` follows the noun at ``i`` as a genitive ("Reise des hochrangigen Beamten", "of")."""
    k = c.first - 1
    while k > i + 1 and not toks[k].is_cap and toks[k].lower.endswith(("e", "en", "er", "es")):
        k -= 1
    return 0 < c.first - i <= 4 and k > i and toks[k].lower in {"des", "der", "eines", "einer", "of"}


def name_like(words: list[str]) -> bool:
    vocab = vocabulary()
    return len(words) <= 4 and all(
        (len(w) < 9 or not w.lower().endswith(vocab.noun_endings) or "-" in w) and not vocab.weapon_re.fullmatch(w.lower())
        and not any(ch.isdigit() for ch in w) for w in words)


def prep_before(toks: list[Tok], c: Cand, language: str) -> str | None:
    """The preposition that governs ``c`` (over articles, adjectives and office nouns before it);
    "&" where a conjunction joins it to the candidate before; None where nothing governs it."""
    arts = ARTICLES["en" if language == "en" else "de"]
    k = c.first - 1
    steps = 0
    while k >= 0 and steps < 4 and _skipped_before(toks, k, c, steps, arts, language):
        k -= 1
        steps += 1
    if k < 0:
        return None
    low = toks[k].lower
    if low in {"und", "sowie", "and", "als", "auch", ","}:
        return "&"
    if low in {"after", "before", "since", "until"} and c.last < len(toks) and (
            toks[c.last].lower.endswith("ed") or toks[c.last].lower in AUXILIARIES["en"]):
        return None  # "after Kim Jong Un travelled to …": a conjunction
    if low in {"seit", "bis", "während", "until", "since", "while"} and (k == 0 or toks[k - 1].text == ","):
        return None  # "Seit Kremlchef Wladimir Putin … zusammentraf", ", bis nordkoreanische Soldaten …": a conjunction
    return low if low in PREPOSITIONS["de"] or low in PREPOSITIONS["en"] or low in vocabulary().extra_preps else None


def _skipped_before(toks: list[Tok], k: int, c: Cand, steps: int, arts, language: str) -> bool:
    """Whether token ``k`` before candidate ``c`` belongs to its phrase (an article, an adjective,
    an office noun, a possessive), so that the preposition is further left."""
    lex = lexicon(language)
    tok = toks[k]
    return (tok.lower in arts or (not tok.is_cap and tok.lower.endswith(ADJ_ENDINGS)
                                  and tok.lower not in AUXILIARIES["de"] and len(tok.text) > 3
                                  and tok.lower not in PREPOSITIONS["de"] and tok.lower not in PREPOSITIONS["en"]
                                  and tok.lower not in vocabulary().not_adj)
            or tok.lower in {"sowohl", "den", "beiden"} or (tok.is_cap and is_role_word(tok.text, lex))
            or (steps == 0 and tok.is_cap and k > 0 and toks[k - 1].lower in arts and c.label in {"GPE", "LOC"})
            or (steps == 0 and tok.is_cap and tok.text.endswith(("'s", "’s")))
            or (tok.is_cap and k + 1 < c.first and is_role_word(toks[k + 1].text, lex)))


def heads_phrase(toks: list[Tok], c: Cand, language: str) -> bool:
    """Whether an adjective of a state heads an argument phrase with its noun ("russische Truppen",
    "nordkoreanische Rüstungsfirmen", "der nordkoreanische Machthaber"), rather than modifying a
    weapon or the trigger ("nordkoreanische Raketen")."""
    vocab = vocabulary()
    head = toks[c.last]
    low = head.lower
    if low in vocab.gov_nouns or is_role_word(head.text, lexicon(language)):
        return True
    return not vocab.weapon_re.fullmatch(low) and low not in vocab.not_weapon
