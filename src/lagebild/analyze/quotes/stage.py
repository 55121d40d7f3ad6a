"""Direct and indirect quotes with cue and speaker (stage ``lagebild.quotes``).

:func:`find` is pure: article text, sentence spans and entity mentions in, quote records out.

* Direct quotes: text in „…“, "…", »…«, «…», ‚…‘ and “…” (spanning sentences too); the cue
  and speaker come from the same sentence ("„…“, sagte er", "Kirby sagte: „…“"), from a
  previous sentence ending in a colon, or from the previous quote when a quote continues.
* Indirect speech: clauses after a speech verb ("sagte, dass …", "betonte, die Lage sei …",
  "…, sagt Budanow"), "laut X", "X zufolge", "nach Angaben von X", "nach US-Erkenntnissen",
  "…, so X", "wie X berichtet"; English "said (that)", "according to", "…, X said".  A clause in
  Konjunktiv right after a quote continues it (same speaker, no cue), as does a main clause with
  "soll"/"sollen" in the sentence right after one ("Die Busse sollen … in ihren Depots bleiben.").
* Speakers: pronouns take the last named speaker; surnames the full name given earlier; role
  phrases ("der Leiter des ukrainischen Militärgeheimdienstes") the name they stand beside in
  the article; a speaker that overlaps an entity mention points to it.
* Roles (:mod:`.roles`): the frame (the cue's clause outside the message), the addressee
  ("gegenüber der Presse", "told reporters", "wirft der Regierung vor") and the quoted words
  inside an indirect message (nested direct quotes, kept on the quote around them).
* A German cue whose rules found no speaker takes the subject of its clause (:mod:`.subject`).
* English cues are widened to the words PolNeAR counts as the cue (:mod:`.widen`); English
  speech acts with a noun-phrase content ("X called for further action") are quotes too.
* English headlines that quote someone ("Sanders: Clinton Email Story Has Moved", :mod:`.headline`).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence

from lagebild.analyze.quotes import filters as quotes_filter
from lagebild.analyze.quotes.base import no_speaker, vocab
from lagebild.analyze.quotes.headline import headline_quote
from lagebild.analyze.quotes.roles import with_roles
from lagebild.analyze.quotes.subject import with_subject
from lagebild.analyze.quotes.widen import widen_en_cue
from lagebild.analyze.quotes.find import (
    KONJUNKTIV_ENDINGS, NP_ADJ_RE, Found, back_reference, cue_extra, direct_cue, direct_spans, find_in_sentence,
    inner_gap, np_after,
)
from lagebild.analyze.text.speech import ARTICLES, PRONOUNS, Lexicon, Tok, is_role_word, lexicon, name_in, tokens
from lagebild.model import EntityMention, Quote, Span, Speaker
from lagebild.analyze.pipeline import Doc, stage

STAGE = "lagebild.quotes"
#: 11: English "said at the White House that …", "said that, according to X, …" are reported speech
#: 12: German addressees named by the cue's object ("wirft der Regierung vor", "sagte der Presse"),
#: speakers read from the cue's clause when the cue rules found none (subject.py), one-word quoted
#: phrases inside reported speech are nested quotes
#: 13: English speakers with their apposition ("Robby Mook, her campaign manager,"), whole subject
#: noun phrases ("Republican presidential candidate Donald Trump"), cues with auxiliaries, adverbs
#: and a time ("has publicly vowed", "said Tuesday"), "said on Friday he …" (widen.py)
#: 14: English speech acts with a noun-phrase content ("X called for further action", "criticized
#: the draft platform"; resources/quotes/en/act_verbs.txt)
#: 15: English participle acts after a comma take the main clause's subject ("…, calling him a liar")
#: 16: German "wirft X Y vor": the speaker X ends before the accused Y
#: 17: German speakers keep an institution's place ("ein Sprecher des LBM in Koblenz") and an
#: apposition opened by "dem", "ein", "einem" … (", dem Direktor der Wetterbehörde,"); a fronted
#: adverb is no subject, the noun phrase after the cue is ("Bislang gingen die Forscher davon aus")
#: 18: German cues: the words between a verb and its particle stay out ("fügte er hinzu" →
#: "fügte … hinzu"), an auxiliary after a participle ("festgestellt hatte"), "davor"/"dafür" before
#: the message ("warnte davor, …"), "Es wird vermutet"; "zugesagt" takes no later "zu"
#: 19: English "told X (on Monday) that …" and "told X he …": the addressee is no part of the message
#: 20: English "X called Y “…”" is a speech act (the object and the quoted words its content);
#: "support", "backed", "criticize", "praise", "endorse", "oppose" as act verbs
VERSION = "20"
MIN_DIRECT_WORDS = 3
#: a quotation this short after an article or a preposition (``vocab().title_leads``) is a name
#: or title, not a quote
TITLE_WORDS = 6
#: a Konjunktiv sentence this many sentences after a quote continues it
CONTINUATION = 3
#: cues whose source is no speaker a later sentence continues ("Demnach", "nach Erkenntnissen")
WEAK_SOURCES = frozenset({"demnach", "danach", "wonach", "nach"})
#: a reported sentence this many sentences after a quote takes its speaker
INHERIT_REACH = 1
#: the reportive modal: "soll … geliefert haben" reports a claim without naming its source
REPORTIVE = re.compile(r"\b(?:soll|sollen)\b[^.;:]*?\b(?:haben|sein|worden)\b")


def _sentence_index(starts: list[int], pos: int) -> int:
    return max(0, bisect.bisect_right(starts, pos) - 1)


def _tok_index(toks: list[Tok], pos: int) -> int:
    for k, t in enumerate(toks):
        if t.start >= pos:
            return k
    return len(toks)


def _direct(text: str, sents: list[tuple[int, int]], language: str, lex: Lexicon) -> list[Found]:
    starts = [a for a, _ in sents]
    found: list[Found] = []
    last_sentence = -10
    for qa, qb in direct_spans(text, language):
        inner = tokens(text, qa + 1, qb - 1)
        words = sum(1 for t in inner if t.is_word)
        if words < MIN_DIRECT_WORDS:
            continue
        si, sj = _sentence_index(starts, qa), _sentence_index(starts, max(qa, qb - 1))
        lo, hi = sents[si][0], max(sents[sj][1], qb)
        toks = tokens(text, lo, hi)
        ta, tb = _tok_index(toks, qa), _tok_index(toks, qb)
        if words < TITLE_WORDS and ta > 0 and toks[ta - 1].lower in vocab().title_leads:
            continue  # a name in quotation marks: "vom „Queer Beograd Kollektiv“", "der „Rundschau am Sonntag“"
        cue, speaker = direct_cue(toks, ta, tb, language, lex)
        if cue is None and si > 0:
            ps, pe = sents[si - 1]
            ptoks = tokens(text, ps, pe)
            if ptoks and ptoks[-1].text == ":":
                cue, speaker = direct_cue(ptoks, len(ptoks) - 1, len(ptoks), language, lex)
                toks = ptoks if cue else toks
        at_start = ta == 0 or all(not t.is_word for t in toks[:ta])
        inherit = False
        if cue is None:
            if not at_start and words < 8 and speaker is None:
                continue  # a title or a phrase in quotation marks inside a sentence
            inherit = si - last_sentence <= 2
            if not inherit and words < 5:
                continue
        last_sentence = sj
        cue_span = (toks[cue[0]].start, toks[cue[1] - 1].end) if cue else None
        sp = (toks[speaker[0]].start, toks[speaker[1] - 1].end) if speaker else None
        if cue is None and found and found[-1].kind == "direct" and not text[found[-1].end:qa].strip():
            prev = found.pop()  # one quotation split into two by the sentence break
            found.append(Found(prev.start, qb, "direct", prev.cue, prev.speaker, prev.inherit))
            continue
        found.append(Found(qa, qb, "direct", cue_span, sp, inherit=inherit and sp is None))
    return found


def _overlaps(a: int, b: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a < y and x < b for x, y in spans)


def _indirect(text: str, sents: list[tuple[int, int]], direct: list[Found], language: str,
              lex: Lexicon) -> list[Found]:
    dspans = [(d.start, d.end) for d in direct]
    dcues = {d.cue for d in direct if d.cue}
    found: list[Found] = []
    last_quote_sentence = -10
    last_free = -10
    sents = _split_at_quotes(text, sents, dspans)
    dstarts = [d.start for d in direct]
    absorbed: set[int] = set()
    direct_sentences = {i for i, (a, b) in enumerate(sents) if _overlaps(a, b, dspans)}
    for si, (a, b) in enumerate(sents):
        toks = tokens(text, a, b)
        masked = {k for k, t in enumerate(toks) if any(x <= t.start and t.end <= y for x, y in dspans)}
        if len(masked) >= len(toks) - 1:
            continue
        hits = []
        for f in find_in_sentence(toks, masked, language, lex):
            if _absorb(text, f, direct, dstarts, absorbed):  # a quoted phrase inside reported speech
                hits.append(f)  # a clause around a quoted phrase: "…, dass er „…“ sei"
                continue
            if f.cue in dcues:
                continue
            if _covered(f, dspans):
                _lend_cue(direct, f)
                continue
            hits.append(f)
        if not hits and si > 0 and (back := back_reference(toks, language, lex)):
            start = sents[si - 1][0]
            if found and found[-1].cue is None and found[-1].start >= start:
                start = min(start, found.pop().start)  # the sentence read as free indirect speech
            if not _overlaps(start, a, dspans):
                first = next(t for t in toks if t.is_word)
                hits = [Found(start, first.end, "indirect", back[0], back[1])]
        if hits:
            found.extend(hits)
            last_quote_sentence = si
            continue
        if si in direct_sentences:
            if language != "en" and si - last_quote_sentence <= CONTINUATION \
                    and _konjunktiv(toks, masked) and (partial := _partial_sentence(toks, masked, direct, dstarts, absorbed)):
                found.append(partial)  # "Gillibrand sei „das Postergirl der NRA“."
            last_quote_sentence = si
            continue
        continued = language != "en" and si - last_quote_sentence <= CONTINUATION and _konjunktiv(toks, masked)
        if not continued and language != "en" and SOLLEN_REACH and si - last_quote_sentence <= SOLLEN_REACH:
            continued = _reportive_sollen(toks, masked)
        if continued or (language != "en" and (REPORTIVE.search(text, a, b) or _konjunktiv(toks, masked, vocab().konjunktiv_strong))):
            first = next((k for k, t in enumerate(toks) if t.is_word), 0)
            end = len(toks)
            while end > first and not toks[end - 1].is_word and toks[end - 1].text not in {"“", "”", '"', "«", "»", ".", "!", "?"}:
                end -= 1
            split = _clause_split(toks, masked, first, end, language, lex)  # ", dass": only the clause
            if split is not None:
                found.append(split)
                last_quote_sentence = si
                continue
            if end - first >= 4:
                prev = found[-1] if found else None
                if prev is not None and prev.cue is None and prev.speaker is None \
                        and last_free == si - 1 \
                        and not _reported_after_comma(toks, masked):
                    # free indirect speech running over several sentences is one quote
                    found[-1] = Found(prev.start, toks[end - 1].end, "indirect", None, None, inherit=prev.inherit)
                else:
                    found.append(Found(toks[first].start, toks[end - 1].end, "indirect", None, None,
                                       inherit=continued or si - last_quote_sentence <= INHERIT_REACH))
                last_free = si
                # a continuation does not extend the reach of the quote it continues
    direct[:] = [d for k, d in enumerate(direct) if k not in absorbed]
    return found


def _inside(a: int, b: int, direct: list[Found], dstarts: list[int], absorbed: set[int]) -> list[int]:
    """Indexes of the direct quotes (sorted by start) that lie within ``[a, b)``."""
    out = []
    for k in range(bisect.bisect_left(dstarts, a), len(direct)):
        if direct[k].start >= b:
            break
        if direct[k].end <= b and k not in absorbed:
            out.append(k)
    return out


def _absorb(text: str, f: Found, direct: list[Found], dstarts: list[int], absorbed: set[int]) -> bool:
    """Drop the direct quotes that lie inside the indirect message ``f`` with words of ``f`` around
    them (SpkAtt reads a quoted phrase inside reported speech as part of that message)."""
    idx = _inside(f.start, f.end, direct, dstarts, absorbed)
    if not idx:
        return False
    inner = [direct[k] for k in idx]
    outside = text[f.start:f.end]
    for d in reversed(inner):
        outside = outside[:d.start - f.start] + outside[d.end - f.start:]
    if len(re.findall(r"\w+", outside)) < 2:
        return False
    absorbed.update(idx)
    return True


def _partial_sentence(toks: list[Tok], masked: set[int], direct: list[Found], dstarts: list[int],
                      absorbed: set[int]) -> Found | None:
    """A Konjunktiv sentence around a quoted phrase without a cue of its own, as one continuing
    quote (the quoted phrase becomes part of it)."""
    first = next((k for k, t in enumerate(toks) if t.is_word), None)
    if first is None or first in masked or sum(1 for k, t in enumerate(toks) if t.is_word and k not in masked) < 2:
        return None
    a, b = toks[first].start, toks[-1].end
    idx = _inside(a, b, direct, dstarts, absorbed)
    if not idx or any(direct[k].cue is not None for k in idx):
        return None
    absorbed.update(idx)
    return Found(a, b, "indirect", None, None, inherit=True)


def _clause_split(toks: list[Tok], masked: set[int], first: int, end: int, language: str,
                  lex: Lexicon) -> Found | None:
    """A reported clause after an unknown speech phrase: "Die Experten kamen zu dem Ergebnis,
    dass …" → message from "dass", the verb after the subject as the cue."""
    for p in range(first + 2, min(end - 3, first + 16)):
        if p in masked or toks[p].text in {".", ";", ":"}:
            return None
        if toks[p].text == "," and toks[p + 1].lower in {"dass", "daß"}:
            break
    else:
        return None
    sp = np_after(toks, first, language, lex)
    cue = None
    if sp is not None and sp[1] < p and toks[sp[1]].is_word and not toks[sp[1]].is_cap:
        cue = (toks[sp[1]].start, toks[sp[1]].end)
    else:
        sp = None
    last = end
    while last > p + 1 and toks[last - 1].text in {".", "!", "?"}:
        last -= 1
    if last - p < 4:
        return None
    spk = (toks[sp[0]].start, toks[sp[1] - 1].end) if sp else None
    return Found(toks[p + 1].start, toks[last - 1].end, "indirect", cue, spk, inherit=sp is None)


def _reported_after_comma(toks: list[Tok], masked: set[int]) -> bool:
    """Whether the first Konjunktiv of a sentence stands after a comma: an indicative main clause
    introduces it ("Die Stadt begegnet der Kritik mit dem Argument, die Züge seien …"), so the
    sentence opens a quote of its own."""
    comma = False
    forms = vocab().konjunktiv
    for k, t in enumerate(toks):
        if k in masked:
            continue
        if t.text == ",":
            comma = True
        elif t.lower in forms:
            return comma
    return False


def _lend_cue(direct: list[Found], f: Found) -> None:
    """Give a direct quote without a cue the cue and speaker of the clause around it."""
    for k, d in enumerate(direct):
        if d.cue is None and f.start < d.end and d.start < f.end and f.cue:
            direct[k] = Found(d.start, d.end, d.kind, f.cue, f.speaker)


def _covered(f: Found, dspans: Sequence[tuple[int, int]]) -> bool:
    inside = sum(min(f.end, y) - max(f.start, x) for x, y in dspans if f.start < y and x < f.end)
    return inside > 0.5 * (f.end - f.start)


def _konjunktiv(toks: list[Tok], masked: set[int], forms: frozenset[str] | None = None) -> bool:
    """Whether the sentence (less ``masked``) holds one of ``forms`` (by default every Konjunktiv
    form of ``quotes/de/konjunktiv.txt`` and the endings of Konjunktiv I), with no first person and
    no conditional that explains it."""
    words = {t.lower for k, t in enumerate(toks) if k not in masked}
    if words & BLOCKERS or _conditional(toks, masked, words):
        return False
    if forms is None and any(k not in masked and not t.is_cap and t.lower.endswith(KONJUNKTIV_ENDINGS)
                             for k, t in enumerate(toks)):
        return True
    return bool(words & (vocab().konjunktiv if forms is None else forms))


#: words that make a Konjunktiv no sign of reported speech: the first person speaks for itself
BLOCKERS = frozenset({"ich", "wir"})
#: a conditional or comparative clause explains a Konjunktiv II ("Falls …, wäre es …", "Als ob …");
#: a Konjunktiv I form beside it still reports ("…, auch wenn es Zeugen gegeben habe")
CONDITIONALS = frozenset({"wenn", "falls", "ob"})


def _conditional(toks: list[Tok], masked: set[int], words: set[str]) -> bool:
    """Whether a conditional ("wenn", "falls", "ob") or a clause-opening "als" ("Als die Polizei …",
    "…, als ob …") stands in a sentence without a Konjunktiv I form; "mehr als" compares only."""
    if words & vocab().konjunktiv_one:
        return False
    if words & CONDITIONALS:
        return True
    return any(t.lower == "als" and k not in masked and (k == 0 or toks[k - 1].text == "," or not toks[k - 1].is_word)
               for k, t in enumerate(toks))


#: a main clause with "soll"/"sollen" right after a quote (1 sentence; 2 was as good on tune) goes on reporting its plans
#: ("Die Busse sollen in ihren Depots bleiben.")
SOLLEN_REACH = 1
SOLLEN = frozenset({"soll", "sollen", "sollte", "sollten"})


def _reportive_sollen(toks: list[Tok], masked: set[int]) -> bool:
    """Whether a form of "sollen" stands in the main clause, before any comma, of a sentence with no
    conditional or first person ("ob Island Asyl gewähren sollte" asks, "Als … werden sollten" times)."""
    for k, t in enumerate(toks):
        if k in masked:
            continue
        if t.text in {",", ":", ";"}:
            return False
        if t.lower in SOLLEN:
            words = {x.lower for j, x in enumerate(toks) if j not in masked}
            return not (words & BLOCKERS or words & CONDITIONALS or (k > 0 and toks[0].lower == "als"))
    return False


def _split_at_quotes(text: str, sents: list[tuple[int, int]], dspans: Sequence[tuple[int, int]]
                     ) -> list[tuple[int, int]]:
    """Sentences cut where a direct quote ends a sentence of its own inside them ("„… ernst.“ Die
    Lage sei …"): the sentence splitter keeps them together, but the clause after the quote is
    one of its own."""
    cuts = sorted(y for x, y in dspans if text[max(x, y - 3):y - 1].rstrip()[-1:] in {".", "!", "?"})
    if not cuts:
        return sents
    out: list[tuple[int, int]] = []
    for a, b in sents:
        lo = bisect.bisect_right(cuts, a)
        for c in cuts[lo:]:
            if c >= b:
                break
            rest = text[c:b].lstrip()
            if rest[:1].isupper():
                out.append((a, c))
                a = b - len(rest)
        out.append((a, b))
    return out


# --------------------------------------------------------------------------- speakers

def _full_name(text: str, before: int, surname: str) -> str | None:
    """A longer name ending in ``surname`` that the article gives before offset ``before``."""
    best = None
    not_names = vocab().not_names
    for m in re.finditer(r"((?:[A-ZÄÖÜ][\w’'-]+ ){1,3})" + re.escape(surname) + r"\b", text[:before]):
        words = m.group(0).split()
        while words and _role_like(words[0]):
            words = words[1:]
        if not words or words[0].lower() in not_names or len(words) < 2:
            continue
        best = " ".join(words)
    return best


def _role_like(word: str) -> bool:
    return is_role_word(word, lexicon("de")) or is_role_word(word, lexicon("en"))


def _apposition_name(text: str, role: str) -> str | None:
    """The name written beside a role phrase ("Kyrylo Budanov, der Leiter des …")."""
    core = role.split(" ", 1)[1] if role.split(" ", 1)[0].lower() in ARTICLES["de"] | ARTICLES["en"] else role
    if len(core) < 6:
        return None
    pat = re.escape(core)
    m = re.search(r"([A-ZÄÖÜ][\w’'-]+(?: [A-ZÄÖÜ][\w’'-]+)+),? (?:der|die|the|des|dem) " + pat, text)
    if m:
        return m.group(1)
    m = re.search(pat + r"(?: \([^)]{1,12}\))?,? ([A-ZÄÖÜ][\w’'-]+(?: [A-ZÄÖÜ][\w’'-]+)+)", text)
    return m.group(1) if m else None


def _mention_at(entities: Sequence[EntityMention], a: int, b: int) -> int | None:
    best, size = None, 0
    for k, e in enumerate(entities):
        ov = min(b, e.end) - max(a, e.start)
        if ov > 0 and ov > size:
            best, size = k, ov
    return best


def _resolve(text: str, found: list[Found], entities: Sequence[EntityMention], language: str,
             lex: Lexicon, stage_name: str) -> list[Quote]:
    lang = "en" if language == "en" else "de"
    quotes: list[Quote] = []
    last: Speaker | None = None
    last_full: Speaker | None = None
    known: list[str] = [e.name or e.text for e in entities if e.label == "PER" and " " in (e.name or e.text)]
    spans = sorted((e.start, e.end) for e in entities)
    for f in sorted(found, key=lambda x: x.start):
        if f.speaker and lang == "de":
            f = _trim_speaker(text, f, spans, lex)
        speaker: Speaker | None = None
        if f.speaker and no_speaker(text[f.speaker[0]:f.speaker[1]], lang, lex):
            if f.reported:
                continue
            f = dataclasses.replace(f, speaker=None)
        if f.speaker:
            a, b = f.speaker
            surface = text[a:b]
            if lang == "en":  # "Kyrylo Budanov, who leads …, said": the name is the phrase before the apposition
                head = re.search(r"\s*[,—–]", surface)
                if head is not None and head.start() > 0:
                    b = a + head.start()
            toks = tokens(text, a, b)
            name, mention = None, _mention_at(entities, a, b)
            if mention is not None and entities[mention].form in {"adjective", "demonym"} and (
                    entities[mention].end - entities[mention].start) < (b - a) - 2:
                mention = None  # "Ein Sprecher des ukrainischen Militärgeheimdienstes" is no state
            if len(toks) == 1 and toks[0].lower in PRONOUNS[lang]:
                if last is not None and last.name:
                    name, mention = last.name, last.mention
                else:
                    mention = _last_person(entities, a)
                    name = entities[mention].name or entities[mention].text if mention is not None else None
            else:
                rng = name_in(toks, language, lex)
                if rng:
                    na, nb = toks[rng[0]].start, toks[rng[1] - 1].end
                    name = text[na:nb]
                    mention = _mention_at(entities, na, nb) if _mention_at(entities, na, nb) is not None else mention
                    if rng[1] - rng[0] == 1:
                        name = next((k for k in reversed(known) if k.endswith(" " + name)), None) \
                            or _full_name(text, a, name) or name
                elif any(is_role_word(t.text, lex) for t in toks):
                    name = _apposition_name(text, surface)
                if mention is not None and entities[mention].name:
                    m = entities[mention]
                    name = m.name if m.label in {"PER", "ORG"} and m.form not in {"adjective", "demonym"} \
                        or not name else name
            if f.reported and not _speaking(toks, mention, entities, lang, lex):
                continue  # "eine oft beklagte Lücke": no one speaks
            speaker = Speaker(a, f.speaker[1], surface, mention, name)
        elif f.inherit and last is not None:
            # the speaker mention nearest to it, even a pronoun (SpkAtt gives a continuation the
            # source tokens of the quote it continues), not the last full name
            speaker = (last if last.text else None) or last_full or last
        cue = Span(f.cue[0], f.cue[1], text[f.cue[0]:f.cue[1]]) if f.cue else None
        extra = Span(f.cue_extra[0], f.cue_extra[1], text[f.cue_extra[0]:f.cue_extra[1]]) if f.cue_extra else None
        gaps = tuple(Span(a, b, text[a:b]) for a, b in f.gaps)
        quotes.append(Quote(f.start, f.end, text[f.start:f.end], f.kind, cue, speaker, stage_name, extra, gaps))
        if speaker is not None:
            last = speaker
            if (speaker.text or "").lower() not in PRONOUNS[lang] and not (
                    cue is not None and cue.text.split()[0].lower() in WEAK_SOURCES):
                last_full = speaker
            if speaker.name and " " in speaker.name:
                known.append(speaker.name)
    return quotes


def _drop_no_speaker(text: str, f: Found, language: str, lex: Lexicon) -> Found:
    """``f`` without a speaker phrase that speaks for no one ("Dagegen beteuerte …"), so that
    :func:`with_subject` may read the real one; a reported speech act keeps it (it is dropped)."""
    lang = "en" if language == "en" else "de"
    if f.speaker is None or f.reported or not no_speaker(text[f.speaker[0]:f.speaker[1]], lang, lex):
        return f
    return dataclasses.replace(f, speaker=None)


def _in_mention(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether the characters ``[a, b)`` lie inside one entity mention (``spans`` sorted)."""
    k = bisect.bisect_right(spans, (a, 1 << 60)) - 1
    return k >= 0 and spans[k][0] <= a and b <= spans[k][1]


def _trim_speaker(text: str, f: Found, spans: list[tuple[int, int]], lex: Lexicon) -> Found:
    """End a German speaker phrase where a plural noun follows its head without an article or a
    name between them ("laut Ministerium Arbeiten …" → "Ministerium", "laut Airbus Bestellungen"
    → "Airbus"); a word of a name ("Robert Koch-Institut", "Nachrichtenagentur KCNA") or one after
    an office ("Präsident Selenskyj") stays.  A message that began after the old end takes the
    cut words back."""
    assert f.speaker is not None
    a, b = f.speaker
    toks = tokens(text, a, b)
    for k in range(1, len(toks)):
        x, y = toks[k - 1], toks[k]
        if y.text in {"(", "„", "»", "«", '"', "“", "‚"} or x.text in {"(", "„", "»", "«", '"', "“", "‚"}:
            return f  # a title or an acronym: leave the phrase alone
        if not (x.is_cap and x.is_word and y.is_cap and y.is_word) or x.lower in ARTICLES["de"] \
                or is_role_word(x.text, lex) or x.text in vocab().title_abbreviations or _in_mention(spans, y.start, y.end) \
                or NP_ADJ_RE.match(x.lower) or not (len(y.text) > 5 and y.lower.endswith("en")):
            continue  # "Berliner Polizei", "Deftalgne Tessema": one phrase; cut before plural nouns only
        end = x.end
        start = f.start
        if b <= f.start and not text[b:f.start].strip(" ,"):
            start = y.start  # "Laut Robert Koch-Institut gehören …": the message opens after the speaker
        return dataclasses.replace(f, speaker=(a, end), start=start)
    return f


def _speaking(toks: list[Tok], mention: int | None, entities: Sequence[EntityMention], lang: str,
              lex: Lexicon) -> bool:
    """Whether a speaker phrase names someone who can speak: a person, an organisation, a state,
    an office or a pronoun."""
    if mention is not None and entities[mention].label in {"PER", "ORG", "GPE"}:
        return True
    w = vocab()
    return any(t.lower in PRONOUNS[lang] or is_role_word(t.text, lex) or t.text in w.speaking_nouns
               or (t.is_cap and t.lower.endswith(w.speaking_endings)) for t in toks)


def _last_person(entities: Sequence[EntityMention], before: int) -> int | None:
    best = None
    for k, e in enumerate(entities):
        if e.end <= before and e.label == "PER":
            best = k
    return best


def find(text: str, sentences: Sequence[tuple[int, int]], entities: Sequence[EntityMention] = (),
         language: str = "de", stage_name: str = f"{STAGE}.v{VERSION}") -> list[Quote]:
    """All quotes of an article: ``sentences`` are ``(start, end)`` offsets into ``text``."""
    lex = lexicon(language)
    sents = sorted(sentences) or [(0, len(text))]
    direct = _direct(text, sents, language, lex)
    indirect = _indirect(text, sents, direct, language, lex)
    found = quotes_filter.check(text, sents, _detached(text, sents, direct + indirect, language, lex), language, lex)
    found = [with_subject(text, sents, _drop_no_speaker(text, f, language, lex), language, lex) for f in found]
    quotes = _resolve(text, found, entities, language, lex, stage_name)
    headline = headline_quote(text, language, stage_name)
    if headline is not None and not any(q.start < headline.end and headline.start < q.end for q in quotes):
        mention = _mention_at(entities, headline.speaker.start, headline.speaker.end)
        if mention is not None:
            headline = dataclasses.replace(headline, speaker=dataclasses.replace(headline.speaker, mention=mention))
        quotes.append(headline)
    if language == "en":
        quotes = [widen_en_cue(text, q) for q in quotes]
    return with_roles(text, sents, quotes, language)


def _detached(text: str, sents: list[tuple[int, int]], found: list[Found], language: str,
              lex: Lexicon) -> list[Found]:
    """The quotes with the detached part of a split cue and the source phrase set into an
    indirect message filled in (see :class:`~lagebild.model.Quote`)."""
    starts = [a for a, _ in sents]
    out = []
    for f in found:
        if f.cue is None:
            out.append(f)
            continue
        si = _sentence_index(starts, f.cue[0])
        toks = tokens(text, sents[si][0], max(sents[si][1], f.cue[1]))
        extra, gaps = None, f.gaps
        c0 = next((k for k, t in enumerate(toks) if t.start >= f.cue[0]), None)
        c1 = next((k for k in range(len(toks) - 1, -1, -1) if toks[k].end <= f.cue[1]), None)
        if c0 is not None and c1 is not None and c0 <= c1:
            rng = cue_extra(toks, c0, c1, lex, language)
            if rng is not None and not (f.start <= toks[rng[0]].start and toks[rng[1] - 1].end <= f.end):
                extra = (toks[rng[0]].start, toks[rng[1] - 1].end)
        if f.kind == "indirect" and not f.reported and not gaps:
            gap = inner_gap(toks, (f.start, f.end), [p for p in (f.cue, f.speaker) if p])
            gaps = (gap,) if gap else ()
        out.append(dataclasses.replace(f, cue_extra=extra, gaps=gaps) if extra or gaps else f)
    return out


@stage(STAGE, version=VERSION, requires=("tokens", "sentences", "entities"), provides=("quotes",))
def make_quotes(**_: object):
    """Direct and indirect quotes with cue and speaker (rules for German and English)."""
    lexicon("de"), lexicon("en"), vocab()

    def run(doc: Doc) -> dict[str, object]:
        sents = [(s.start, s.end) for s in doc.get("sentences")]
        return {"quotes": find(doc.text, sents, doc.get("entities"), doc.language)}

    return run
