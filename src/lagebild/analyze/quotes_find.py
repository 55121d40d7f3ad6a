"""Finding quotes: direct quotes in quotation marks, indirect speech after cues, and speakers.

Pure functions over the article text, its sentences and its entity mentions.  The result of
:func:`find` is a list of :class:`~lagebild.model.Quote` records with the message span (quotation
marks included for direct quotes), the cue span (speech verb with its particle, "laut",
"zufolge", "nach Angaben", "so" …) and the speaker span; :mod:`quotes_speakers` then resolves
speakers to names and entity mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lagebild.analyze.speech import (
    ADVERBIAL_STARTS, ARTICLES, AUXILIARIES, PREPOSITIONS, PRONOUNS, SUBORDINATORS, Lexicon, Tok, is_role_word,
)

#: opening mark → closing marks
PAIRS_DE = {"„": "“”", "»": "«", "«": "»", '"': '"', "‚": "‘’", "“": "”"}
PAIRS_EN = {"“": "”", '"': '"', "«": "»", "„": "“”", "‘": "’"}
MAX_QUOTE = 2000

#: Konjunktiv forms that mark reported speech in a clause without a cue of its own
#: words after "Verb, " that do not open a reported clause
NOT_CLAUSE = {"und", "aber", "sondern", "als", "um", "wobei", "bevor", "nachdem", "weil", "da", "wenn", "doch",
              "denn", "während", "obwohl", "sowie", "oder", "nachdem", "bis", "seit", "indem", "so"}
#: nouns after "nach" that name where a claim comes from ("nach Meinung von", "nach einer Studie")
NACH_NOUNS = {"Meinung", "Vernehmen", "Studie", "Umfrage", "Expertenmeinung", "Ansicht", "Auffassung",
              "Darstellung", "Aussage", "Aussagen", "Worten", "Schätzung", "Schätzungen", "Einschätzung",
              "Berechnungen", "Erkenntnissen", "Informationen", "Angaben", "Berichten", "Bericht",
              "Polizeiangaben", "Medienberichten", "Zeugenaussagen", "Untersuchungen", "Analyse",
              "Stellungnahme", "Erkenntnisstand", "Ankündigung", "Mitteilung", "Pressemitteilung", "Erklärung",
              "Auskunft", "Auskünften", "Prognose", "Prognosen", "Hochrechnung", "Hochrechnungen", "Sicht",
              "Überzeugung", "Endergebnis", "Zwischenergebnis", "Ergebnissen", "Wunsch", "Willen", "Lesart"}
#: endings of compounds that name a source after "nach" ("Bahnangaben", "Regierungserklärung")
NACH_SUFFIXES = ("angaben", "informationen", "berichten", "erkenntnissen", "schätzungen", "aussagen", "meinung",
                 "einschätzung", "darstellung", "stellungnahme", "mitteilung", "erklärung", "auskunft",
                 "berechnungen", "prognose", "prognosen", "umfrage", "studie", "analyse", "ankündigung",
                 "endergebnis", "hochrechnung", "hochrechnungen")
#: a "…, so das Ergebnis einer Studie mit dem Titel …" source may run on past its noun phrase
SO_LONG_SOURCE = True
#: demonstratives that point back to the message ("Dies bestätigte der Parteichef.")
BACK_PRONOUNS = {"dies", "das", "dieses"}
#: words that may end a "…, so X weiter." source phrase
SO_TAILS = {"weiter", "außerdem", "zudem", "ebenfalls", "abschließend", "gegenüber", "auch", "dazu", "damals",
            "bereits", "zuvor", "später", "heute", "gestern", "jedoch"}
#: sentence adverbs that point back to a source ("Demnach steht …")
BACK_CUES = {"demnach", "wonach", "danach"}
#: verbs that report a speech act whose content is a noun phrase ("sprach von …")
REPORTED_VERBS = {"sprechen", "bezeichnen", "kritisieren", "nennen", "fordern", "warnen", "ankündigen",
                  "bekanntgeben", "vorwerfen", "beklagen", "verurteilen", "dementieren", "bestreiten",
                  "zurückweisen", "bestätigen", "melden", "berichten", "verweisen", "erwarten"}
#: whether a reported speech act keeps its verb as the cue (SpkAtt marks none; the events stage
#: needs it to tell a speech-act event from an event reported by someone)
REPORTED_CUE = True
#: words that belong to a cue when they follow its verb ("äußerte sich", "hieß es")
CUE_TAILS = {"sich"}
KONJUNKTIV = {
    "benötige", "gehöre", "unterliege", "befinde", "führe", "zeige", "erfolge", "erwarte", "halte",
    "nehme", "stelle", "spiele", "möge", "bedeute", "betrage", "entspreche", "reiche", "treffe", "brächten",
    "müssten", "wüssten", "gingen", "kämen", "lägen", "stünden", "gäben", "ließe", "wolle", "solle",
    "sei", "seien", "seiest", "habe", "hätte", "hätten", "werde", "würde", "würden", "könne", "könnte",
    "könnten", "müsse", "müsste", "müssten", "solle", "wolle", "dürfe", "gebe", "gäbe", "wäre", "wären",
    "liege", "stehe", "gehe", "komme", "bestehe", "handle", "handele", "bleibe", "lasse", "brauche",
    "trage", "sehe", "wisse", "verfüge", "fehle", "plane", "arbeite", "gelte", "beabsichtige",
    "ruhe", "rate", "laufe", "falle", "hänge", "erhalte", "leide", "fahre", "sterbe", "bringe", "finde", "lebe",
    "kenne", "lege", "setze", "zahle", "mache", "kaufe", "baue", "suche", "steige", "sinke", "wachse", "drohe",
    "verliere", "gewinne", "beginne", "entstehe", "verstehe", "diene", "wirke", "sorge", "stamme", "richte",
    "ermögliche", "erhöhe", "verhindere", "schade", "reagiere", "lohne", "wünsche", "bemühe", "bedürfe",
    "befände", "befänden", "fände", "fänden", "stünde", "läge", "käme", "täte", "sähe", "hielte", "wüsste",
    "bräuchte", "bräuchten", "ginge", "bliebe", "hinge", "trüge", "verlöre", "gewönne", "sprächen", "spräche",
}
#: endings of Konjunktiv I forms ("funktioniere", "existiere")
KONJUNKTIV_ENDINGS = ("iere",)
#: a cue that is a preposition or an adverbial phrase naming the source
SOURCE_PREPS = {"de": {"laut", "gemäß", "zufolge"}, "en": set()}
#: whether "laut Angaben"/"Berichten zufolge" make the noun part of the cue (SpkAtt: the noun is the source)
REPORT_NOUN_CUE = False
REPORT_NOUNS = {"Berichten", "Medienberichten", "Presseberichten", "Angaben", "Informationen", "Schätzungen"}
OPEN_MARKS = {"„", "»", "«", '"', "“", "‚"}
CLOSE_MARKS = {"“", "”", "«", "»", '"', "‘"}
#: finite verbs in front of a cue participle after the message ("…, soll Kim gesagt haben")
REPORT_AUX = {"soll", "sollen", "hat", "habe", "hatte", "haben", "hätte", "hatten"}
STOP_PUNCT = {".", "!", "?", ";", ":", "…"}
ADJ_RE = re.compile(r"\w+(?:e|en|er|es|em)$")


@dataclass(frozen=True)
class Found:
    """A quote before speaker resolution (offsets into the article)."""

    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    inherit: bool = False  # speaker continues from the previous quote
    reported: bool = False  # a reported speech act (the whole sentence, no cue)
    cue_extra: tuple[int, int] | None = None  # the detached part of a split cue ("teilte … mit")
    gaps: tuple[tuple[int, int], ...] = ()  # source phrases set into the message ("…, so X, …")


# --------------------------------------------------------------------------- direct quotes

def direct_spans(text: str, language: str) -> list[tuple[int, int]]:
    """Character spans (marks included) of top-level quotations in ``text``."""
    pairs = PAIRS_EN if language == "en" else PAIRS_DE
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        closers = pairs.get(ch)
        if closers is None:
            i += 1
            continue
        if ch == '"' or ch == "‘":
            prev = text[i - 1] if i else " "
            if not (prev.isspace() or prev in "([/-–—:") or i + 1 >= n or text[i + 1].isspace():
                i += 1
                continue
        j = i + 1
        limit = min(n, i + MAX_QUOTE)
        end = -1
        while j < limit:
            cj = text[j]
            if cj in closers and (cj != '"' or j + 1 >= n or not text[j + 1].isalnum()):
                end = j + 1
                break
            if cj == "\n" and text[j:j + 2] == "\n\n":
                break
            if cj == "\n" and ch == '"':
                break
            j += 1
        if end < 0:
            i += 1
            continue
        spans.append((i, end))
        i = end
    return spans


def _words(toks: list[Tok]) -> int:
    return sum(1 for t in toks if t.is_word)


# --------------------------------------------------------------------------- noun phrases

def np_after(toks: list[Tok], i: int, language: str, lex: Lexicon) -> tuple[int, int] | None:
    """Token range of the noun phrase (a speaker) that starts at ``toks[i]``."""
    lang = "en" if language == "en" else "de"
    arts, preps = ARTICLES[lang], PREPOSITIONS[lang]
    n = len(toks)
    if i >= n:
        return None
    while i + 1 < n and toks[i].lower in FOCUS_WORDS and (toks[i + 1].is_cap or toks[i + 1].lower in arts):
        i += 1  # "auch Volker Beck", "schon die WHO"
    if toks[i].lower in PRONOUNS[lang]:
        return (i, i + 1)
    if toks[i].lower in NO_SPEAKERS or (toks[i].lower in preps and toks[i].lower not in NP_GLUE[lang]):
        return None  # "Es gebe Hinweise", "In vielen Fällen käme es …"
    j = i
    seen_head = False
    appositions = 0
    while j < n:
        t = toks[j]
        low = t.lower
        if t.text == "(":
            k = j + 1
            while k < n and toks[k].text != ")" and k - j < 6:
                k += 1
            if k < n and toks[k].text == ")":
                j = k + 1
                continue
            break
        if t.text == ",":
            # apposition: ", der Leiter des …," or ", John Kirby,"
            if seen_head and j + 1 < n and (toks[j + 1].lower in {"der", "die"} or toks[j + 1].is_cap) \
                    and toks[j + 1].lower not in SUBORDINATORS[lang]:
                k = j + 1
                while k < n and toks[k].text not in {",", ".", ":", ";"}:
                    k += 1
                seg = toks[j + 1:k]
                named = not seg or seg[0].lower not in arts or any(is_role_word(x.text, lex) for x in seg)
                office = any(is_role_word(x.text, lex) for x in seg)
                if seg and len(seg) <= 10 and named and not appositions and all(
                        s.lower in arts or s.is_cap or s.lower in NP_GLUE[lang] or s.text in {"(", ")"}
                        or ADJ_RE.match(s.lower) or NAME_PART_RE.match(s.lower)
                        or (office and s.lower in preps and s.lower not in {"als", "than", "as", "told"}) for s in seg):
                    j = k
                    appositions += 1
                    continue
            break
        if t.text == "." and j > i and (toks[j - 1].text in TITLE_ABBREVIATIONS or INITIAL_RE.fullmatch(toks[j - 1].text)) \
                and j + 1 < n and toks[j + 1].is_cap:
            j += 1  # "Prof. Dr. Matthias W. Beckmann"
            continue
        if not t.is_word and t.text not in {"-", "’", "'"} and t.text not in OPEN_MARKS:
            break
        if t.text in OPEN_MARKS:  # a title in quotation marks: das Magazin „Der Spiegel“, laut „tagesschau.de“
            if seen_head and not (j + 1 < n and toks[j + 1].is_cap):
                break  # a quoted phrase after the noun phrase: laut Gall „auch in Zukunft bestehen“
            k = j + 1
            while k < n and k - j <= 6 and toks[k].text not in CLOSE_MARKS:
                k += 1
            if k < n and toks[k].text in CLOSE_MARKS and k > j + 1:
                j = k + 1
                seen_head = True
                continue
            break
        if seen_head and lang == "de" and low in arts and (low not in {"des", "der", "eines", "einer"} or (
                low == "der" and toks[i].lower not in arts and not is_role_word(toks[j - 1].text, lex))):
            break  # "sagte Kyrylo Budanow der Zeitung": a dative after a name
        if (low == "auch" and toks[j - 1].lower != "als") or (low == "als" and not (
                j + 1 < n and toks[j + 1].lower == "auch")) or (low in {"von", "vom"} and j + 1 < n and (
                toks[j + 1].text in TIME_NOUNS or toks[j + 1].text[0].isdigit())):
            break  # "Angaben der Staatsanwaltschaft auch Mitglieder", "Angaben der Polizei vom Dienstag"
        if low in arts or low in NP_GLUE[lang]:
            j += 1
            continue
        if seen_head and NAME_PART_RE.match(low) and toks[j - 1].is_cap:
            j += 1  # "Ali al-Omair", "Mohammed el-Baradei"
            continue
        if t.is_cap and not (seen_head and low in preps):
            if j > i and toks[j - 1].is_cap and lang == "en" and low in AUXILIARIES["en"]:
                break
            seen_head = True
            j += 1
            continue
        if lang == "de" and NP_ADJ_RE.match(low) and low not in ADVERBIAL_STARTS["de"] and low not in preps and j + 1 < n \
                and (not seen_head or toks[j - 1].lower in arts or toks[j - 1].lower in NP_GLUE[lang]
                     or (toks[j - 1].is_word and not toks[j - 1].is_cap)
                     or (j - 1 == i and toks[i].text.endswith("s"))) \
                and toks[j + 1].lower not in arts and (toks[j + 1].is_cap or NP_ADJ_RE.match(toks[j + 1].lower)) \
                and low not in AUXILIARIES["de"] and low not in lex.verbs:
            j += 1
            continue
        if lang == "en" and not seen_head and low not in preps and low not in AUXILIARIES["en"] \
                and low not in lex.verbs and j - i < 4 and low not in SUBORDINATORS["en"] and not (
                    j + 1 < n and toks[j + 1].is_cap and not EN_ADJ_RE.fullmatch(low)):
            j += 1  # English lower-case adjectives and nouns ("a senior official")
            continue
        if lang == "en" and seen_head and toks[j - 1].is_cap and (
                low in {"official", "officials", "spokesman", "spokeswoman"} or is_role_word(low, lex) or (
                len(low) > 3 and low.endswith("s") and not low.endswith("ss") and low not in AUXILIARIES["en"]
                and low not in lex.verbs and low not in preps)):
            j += 1  # "Ukrainian investigators", "US officials"
            continue
        break
    while j > i and toks[j - 1].lower in (arts | NP_GLUE[lang] | {","}):
        j -= 1
    if j == i or not any(toks[k].is_cap or toks[k].lower in PRONOUNS[lang] for k in range(i, j)) \
            and lang == "de":
        return None
    return (i, j) if j > i else None


#: German attributive adjectives, hyphenated ones too ("64-jährige", "baden-württembergischen")
NP_ADJ_RE = re.compile(r"[\w-]+(?:e|en|er|es|em)$")
#: focus particles in front of a speaker ("auch Volker Beck", "selbst die Wochenzeitschrift")
FOCUS_WORDS = {"auch", "schon", "selbst", "sogar", "nur", "einzig", "even", "also", "only"}
#: nouns of time after "vom" that attach to no speaker ("Angaben der Polizei vom Dienstag")
TIME_NOUNS = {"Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag", "Wochenende",
              "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
              "November", "Dezember", "Vortag", "Morgen", "Abend", "Vormittag", "Nachmittag", "Jahr", "Jahresbeginn"}
#: words that never open a speaker phrase ("Es gebe Hinweise", "there was")
NO_SPEAKERS = {"es", "there"}
#: an initial in a name ("Matthias W. Beckmann", "B.N. Suresh")
INITIAL_RE = re.compile(r"[A-ZÄÖÜ](?:\.[A-ZÄÖÜ])*")
#: lower-case parts of Arabic names ("al-Omair", "el-Baradei")
NAME_PART_RE = re.compile(r"(?:al|el|ad|ar|as|az|an|at|ash|abu|ibn|bin|ben)-\w")
#: English lower-case words that modify a following name ("former President", "senior US official")
EN_ADJ_RE = re.compile(r"\w+(?:al|ior|ish|ic|ian|ed|ing|ive|ous|ary|ern|ent|ant|ful|less|ese|ite)|former|top|senior"
                       r"|chief|deputy|acting|foreign|prime|state|defense|defence|new|then|ex|vice|two|three|four")
FINITE_BACKWARD = True
COLON_BOUNDARY = True
TITLE_ABBREVIATIONS = {"Dr", "Prof", "St", "Mr", "Mrs", "Ms", "Gen", "Sen", "Jr", "Hl"}
NP_GLUE = {
    "de": {"des", "der", "von", "vom", "und", "sowie", "sowohl", "als", "auch", "al", "van", "de", "bin",
           "eines", "einer"},
    "en": {"of", "and", "the", "for", "al", "bin", "de", "van", "von"},
}


# --------------------------------------------------------------------------- cues

def _is_cue(toks: list[Tok], i: int, lex: Lexicon, language: str) -> tuple[int, int] | None:
    """Token indexes (first, last) of a verb cue at ``toks[i]``, with its particle if separable."""
    low = toks[i].lower
    if toks[i].is_cap and i > 0 and toks[i - 1].is_word:
        return None  # a noun ("das Sagen", "Hinweise"), a name ("Secretary of State")
    if low in lex.participles:
        return (i, i)
    hits = lex.verbs.get(low)
    if not hits:
        return None
    plain = False
    for _lemma, particle in hits:
        if not particle:
            plain = True
            continue
        for k in range(i + 1, min(len(toks), i + 20)):
            if toks[k].text in {".", ":", ";"} or (toks[k].text == "," and k + 1 < len(toks)
                                                   and toks[k + 1].lower in SUBORDINATORS["de"] | NOT_CLAUSE):
                break
            if toks[k].lower == particle:
                return (i, k)
    # a separable verb without its particle is no cue ("gab" without "an"/"bekannt")
    return (i, i) if plain else None


def cue_lemma(tok: Tok, lex: Lexicon) -> str:
    hits = lex.verbs.get(tok.lower)
    return hits[0][0] if hits else lex.participles.get(tok.lower, "")


def _clause_end(toks: list[Tok], i: int) -> int:
    k = i
    while k < len(toks) and toks[k].text not in STOP_PUNCT:
        k += 1
    return k


def _message_span(toks: list[Tok], a: int, b: int) -> tuple[int, int] | None:
    while a < b and toks[a].text in {",", ":", "-", "–"}:
        a += 1
    while b > a and toks[b - 1].text in {",", ".", ":", ";", "-", "–", "!", "?"}:
        b -= 1
    if b - a < 3:
        return None
    return (toks[a].start, toks[b - 1].end)


def _sentence_span(toks: list[Tok], a: int, b: int) -> tuple[int, int] | None:
    """A whole sentence as a message, its final mark included (SpkAtt's reading of reported and
    free indirect speech)."""
    while a < b and toks[a].text in {",", ":", "-", "–"}:
        a += 1
    while b > a and toks[b - 1].text in {",", ":", ";", "-", "–"}:
        b -= 1
    if b - a < 3:
        return None
    return (toks[a].start, toks[b - 1].end)


def _speaker_before(toks: list[Tok], lo: int, v: int, language: str, lex: Lexicon) -> tuple[int, int] | None:
    """Subject in front of the finite verb at ``v`` (clause starts at ``lo``), or after it."""
    lang = "en" if language == "en" else "de"
    if v <= lo:
        return np_after(toks, v + 1, language, lex)
    last_comma = next((k for k in range(v - 1, lo - 1, -1) if toks[k].text == ","), None)
    if lang == "en" and last_comma is not None and last_comma + 1 < v:
        # "Speaking to reporters in Rome, Austin said": the subject after the last comma
        tail = _np_exactly(toks, last_comma + 1, v, language, lex)
        if tail is not None:
            return tail
    first = toks[lo].lower
    if lang == "de" and first in SUB_STARTS and any(toks[k].text == "," for k in range(lo, v)):
        return np_after(toks, v + 1, language, lex)
    adverb = v - lo == 1 and (not toks[lo].is_cap or first.endswith(("lich", "weise", "mals", "falls", "dings", "ends")))
    focus = first in FOCUS_WORDS and lo + 1 < v and (toks[lo + 1].is_cap or toks[lo + 1].lower in ARTICLES[lang])
    if (first in ADVERBIAL_STARTS[lang] and not (lang == "en" and first in LEAD_WORDS) and not focus) \
            or first in PREPOSITIONS[lang] \
            or (lang == "de" and adverb):
        k = v + 1
        return np_after(toks, k, language, lex)
    a, b = lo, v
    while a < b and not toks[a].is_word and not (toks[a].text in OPEN_MARKS and any(
            toks[k].text in CLOSE_MARKS for k in range(a + 1, b))):
        a += 1
    while a < b and toks[a].lower in LEAD_WORDS:
        a += 1  # "Wie der Sprecher mitteilte", "Auch Volker Beck plädierte"
    while b > a and (toks[b - 1].text in {",", "-"} or (lang == "de" and
            toks[b - 1].is_word and not toks[b - 1].is_cap and toks[b - 1].lower not in PRONOUNS[lang]) or (
            lang == "en" and (toks[b - 1].lower in EN_TAILS or toks[b - 1].lower.endswith("ly")))):
        b -= 1
    if b <= a or b - a > 14 or (b - a == 1 and toks[a].lower in {"es", "dies", "das", "it", "this", "there"}):
        return None
    return _noun_phrase_in(toks, a, b, language, lex)


#: conjunctions that open a subordinate clause in the first position of a sentence
SUB_STARTS = {"da", "wenn", "ob", "weil", "obwohl", "nachdem", "bevor", "dass", "falls", "als", "während", "sobald"}
#: words in front of a subject that belong to no speaker phrase
LEAD_WORDS = {"denn", "und", "aber", "doch", "and", "but", "so", "wie", "als", "indem", "nachdem", "während", "weil",
              "auch", "schon", "selbst", "sogar", "nur", "einzig", "zudem", "also", "even", "only", "as"}
#: English words after a subject and before its verb ("officials also said", "had warned", "did not deny")
EN_TAILS = AUXILIARIES["en"] | {"not", "also", "both", "too", "again", "later", "now", "still", "already", "then",
                                "have", "has", "had"}
_RELATIVE_OPEN = {"der", "die", "das", "den", "dem", "dessen", "deren", "welche", "welcher", "welches", "who",
                  "which", "whose", "that"}


def _clause_word(toks: list[Tok], k: int, lang: str, lex: Lexicon) -> bool:
    """Whether ``toks[k]`` is a lower-case word that belongs to a clause, not to a noun phrase (a
    verb or adverb; not an article, preposition or an adjective before a noun)."""
    t = toks[k]
    if not t.is_word or t.is_cap or t.text[0].isdigit() or t.lower in PREPOSITIONS[lang] \
            or t.lower in ARTICLES[lang] or t.lower in NP_GLUE[lang] or NAME_PART_RE.match(t.lower):
        return False
    if t.lower in AUXILIARIES[lang] or t.lower in lex.verbs or t.lower in lex.participles:
        return True
    if lang == "en":
        return not EN_ADJ_RE.fullmatch(t.lower) or not (k + 1 < len(toks) and toks[k + 1].is_cap)
    return not NP_ADJ_RE.match(t.lower) or not (k + 1 < len(toks) and (
        toks[k + 1].is_cap or NP_ADJ_RE.match(toks[k + 1].lower)))


def _np_exactly(toks: list[Tok], a: int, b: int, language: str, lex: Lexicon) -> tuple[int, int] | None:
    """``(a, b)`` where the tokens ``[a, b)`` are one noun phrase, else None."""
    np = np_after(toks, a, language, lex)
    return (a, b) if np is not None and np[1] >= b else None


def _noun_phrase_in(toks: list[Tok], a: int, b: int, language: str, lex: Lexicon) -> tuple[int, int] | None:
    """The speaker among the tokens ``[a, b)`` in front of a verb: all of them where they form a
    noun phrase; else the noun phrase they open, up to a relative clause (", der in der ARD …")
    or a verb ("Einer der Putschisten, X, dankte … und ergänzte"); else the noun phrase that ends
    them ("Es sind Arbeitsplätze entstanden, die Betreiber sprechen"); English speakers are noun
    phrases or nothing ("a summit US officials had warned")."""
    lang = "en" if language == "en" else "de"
    if toks[a].lower in SUBORDINATORS["en"] and lang == "en":
        return None  # a relative clause: "…, which South Korean officials estimate"
    np = np_after(toks, a, language, lex)
    if np is not None and np[1] >= b:
        return (a, b)
    if np is not None and toks[np[1]].text == "," and np[1] + 1 < b and (
            toks[np[1] + 1].lower in _RELATIVE_OPEN and (np[1] + 2 >= b or not toks[np[1] + 2].is_cap
                                                          or toks[np[1] + 1].lower in {"dessen", "deren", "whose"})
            or not toks[np[1] + 1].is_cap and toks[np[1] + 1].lower not in ARTICLES[lang]):
        return np  # "Der NDR, der in der ARD … zuständig ist, begründete"
    for s in range(a + 1, b):
        prev = toks[s - 1]
        opens = (prev.text == "," and any(_clause_word(toks, k, lang, lex) for k in range(a, s - 1))) \
            or prev.lower in SUBORDINATORS[lang] or prev.lower in {"as", "wie"} \
            or (s == a + 1 and _clause_word(toks, a, lang, lex))
        if opens and _np_exactly(toks, s, b, language, lex) is not None and not (
                toks[s].lower in _RELATIVE_OPEN and (s + 1 >= b or not toks[s + 1].is_cap)):
            return (s, b)
    if np is not None and any(_clause_word(toks, k, lang, lex) for k in range(np[1], b)):
        return np  # a clause follows the noun phrase
    if lang == "en":
        return None
    return (a, b)


def _document_source(toks: list[Tok], lo: int, c0: int, c1: int, language: str, lex: Lexicon) -> tuple[int, int] | None:
    """The text that "heißt es" quotes, from "in"/"im"/"aus" with its noun phrase in front of the
    cue ("In dem Antrag heißt es") or after it ("hieß es in einer Mitteilung der Polizei")."""
    if language == "en":
        return None
    k = c1 + 1
    if k < len(toks) and toks[k].lower == "es":
        k += 1
    for p in (lo, k):
        if p < len(toks) and toks[p].lower in {"in", "im", "aus"}:
            np = np_after(toks, p + 1, language, lex)
            if np is not None and p == k:
                return np
            if np is not None and p == lo and np[1] <= c0 and c0 - p <= 12 and not any(
                    toks[j].text == "," or _clause_word(toks, j, "de", lex) for j in range(p + 1, c0)):
                return (p + 1, c0)  # "Im Bericht der Kommission hieß es"
    return None


def _speaker_after(toks: list[Tok], cue: tuple[int, int], language: str, lex: Lexicon) -> tuple[int, int] | None:
    """Subject after a cue verb; inside a separable cue when it stands there ("fügte er hinzu")."""
    c0, c1 = cue
    if c1 > c0:
        inner = np_after(toks, c0 + 1, language, lex)
        if inner and inner[1] <= c1:
            return inner
    return np_after(toks, c1 + 1, language, lex)


def _finite_before(toks: list[Tok], lo: int, c: int, language: str) -> int:
    """Index of the finite auxiliary in front of a participle cue at ``c`` (or ``c`` itself)."""
    aux = AUXILIARIES["en" if language == "en" else "de"]
    if not FINITE_BACKWARD:
        for k in range(lo, c):
            if toks[k].lower in aux:
                return k
        return c
    found = c
    for k in range(c - 1, lo - 1, -1):  # never across a clause boundary ("…, den er geschickt hat, erklärt er")
        if toks[k].text in {",", ":", ";"}:
            break
        if toks[k].lower in aux:
            found = k
    return found


def find_in_sentence(toks: list[Tok], masked: set[int], language: str, lex: Lexicon,
                     reported: bool = True) -> list[Found]:
    """Indirect quotes of one sentence (tokens inside direct quotes are in ``masked``)."""
    lang = "en" if language == "en" else "de"
    n = len(toks)
    if n < 4:
        return []
    found: list[Found] = []
    whole = _message_span(toks, 0, n)
    sentence = _sentence_span(toks, 0, n)

    def span(rng: tuple[int, int] | None) -> tuple[int, int] | None:
        if rng is None or rng[1] <= rng[0]:
            return None
        return (toks[rng[0]].start, toks[rng[1] - 1].end)

    def source_phrase_quote(i: int, end: int, cue) -> list[Found]:
        """A source phrase at token ``i`` up to ``end`` ("nach Angaben von X"): the message is
        what follows it at a sentence start, what precedes it at a sentence end, else the sentence."""
        if i == 0 or (i == 1 and not toks[0].is_word):
            msg = _message_span(toks, end, n)
        elif end >= n - 1:
            msg = _message_span(toks, 0, i)
        else:
            msg = whole
        if msg:
            found.append(Found(msg[0], msg[1], "indirect", (cue.start, cue.end), span((i + 1, end))))
        return found

    for i, t in enumerate(toks):
        if i in masked:
            continue
        low = t.lower
        # ---- prepositional source cues
        if lang == "de" and low in ("laut", "gemäß"):
            np = np_after(toks, i + 1, language, lex)
            if np is None and (i == 0 or (i == 1 and not toks[0].is_word)):
                np = _fronted_source(toks, i + 1)
            if np is None:
                continue
            b = np[1]
            if b < n and toks[b].text == ",":  # relative clause after the source
                k = b + 1
                while k < n and toks[k].text != ",":
                    k += 1
                b = k + 1 if k < n else b
            msg = _message_span(toks, b, n) if i == 0 or toks[i - 1].text in {",", "("} and i < 2 else None
            if msg is None and i > 0:
                msg = _message_span(toks, 0, i) if np[1] >= n - 1 else whole
            if msg:
                if REPORT_NOUN_CUE and np[1] - np[0] == 1 and toks[np[0]].text in REPORT_NOUNS:
                    found.append(Found(msg[0], msg[1], "indirect", (t.start, toks[np[0]].end), None))
                else:
                    found.append(Found(msg[0], msg[1], "indirect", (t.start, t.end), span(np)))
            return found
        if lang == "de" and low == "zufolge" and i > 0:
            lo = 0
            for k in range(i - 1, -1, -1):
                if toks[k].text == ",":
                    lo = k + 1
                    break
            if REPORT_NOUN_CUE and toks[i - 1].text in REPORT_NOUNS:
                msg = _message_span(toks, lo, n)
                if msg:
                    found.append(Found(msg[0], msg[1], "indirect", (toks[i - 1].start, t.end), None))
                return found
            src = (lo, i) if i - lo <= 8 else (i - 1, i)
            before_np = _np_before(toks, i)
            if before_np is not None and before_np[0] >= lo:
                src = before_np  # "…, wo Russland Berichten zufolge …": the source is "Berichten"
            inner = before_np if lo == 0 and INNER_SOURCES else None
            if inner is not None and inner[0] > 0 and any(x.is_word for x in toks[:inner[0]]):
                # "Die Wiener Linien haben Medieninformationen zufolge … nicht bezahlt"
                if whole:
                    found.append(Found(whole[0], whole[1], "indirect", (t.start, t.end), span(inner),
                                       gaps=((toks[inner[0]].start, t.end),)))
                return found
            if lo > 0 and toks[lo].lower in SUBORDINATORS["de"] and src[0] > lo and n - i > 4:
                # the reported clause is the subordinate clause around the source: "…, wo Russland
                # Berichten zufolge Raketen verwendet"
                msg = _message_span(toks, lo, n)
                if msg:
                    found.append(Found(msg[0], msg[1], "indirect", (t.start, t.end), span(src),
                                       gaps=((toks[src[0]].start, t.end),)))
                return found
            msg = _message_span(toks, i + 1, n) if lo == 0 else _message_span(toks, 0, lo)
            if msg:
                found.append(Found(msg[0], msg[1], "indirect", (t.start, t.end), span(src)))
            return found
        if lang == "de" and low in BACK_CUES and (i == 0 or toks[i - 1].text == ","):
            msg = _message_span(toks, i + 1, n)
            if msg:
                found.append(Found(msg[0], msg[1], "indirect", (t.start, t.end), (t.start, t.end) if i == 0 else None))
            return found
        if lang == "de" and low == "nach" and 0 < i <= 6 and _source_noun(toks[i - 1]) and (
                i + 3 < n and not toks[i + 1].is_cap) and not any(toks[k].text == "," for k in range(i)):
            # postposed: "Seiner Meinung nach hätte …"
            lo = 1 if not toks[0].is_word else 0
            before_np = _np_before(toks, i)
            if before_np is not None and before_np[0] >= lo:
                lo = before_np[0]  # "Die … Rolle sei seiner Ansicht nach …"
            msg = _message_span(toks, i + 1, n)
            if msg:
                found.append(Found(msg[0], msg[1], "indirect", (t.start, t.end), span((lo, i))))
            return found
        head = _nach_head(toks, i) if lang == "de" and low == "nach" and i + 2 < n else None
        if head is not None:
            k = head
            end = k + 1
            if end < n and (toks[end].lower in {"von", "der", "des", "aus", "eines", "einer"} or (
                    toks[end].is_cap and toks[end].text.endswith("s") and _is_cue(toks, end, lex, language) is None) or (
                    end + 1 < n and not toks[end].is_cap and toks[end].lower.endswith("er") and toks[end + 1].is_cap)):
                np = np_after(toks, end + 1 if toks[end].lower in {"von", "aus"} else end, language, lex)
                if np:
                    end = np[1]
            return source_phrase_quote(i, end, t)
        if lang == "de" and low == "nach" and i + 1 < n and (
                toks[i + 1].text in lex.nouns or toks[i + 1].text.endswith(tuple("-" + x for x in ("Erkenntnissen", "Angaben", "Informationen", "Berichten", "Einschätzung")))
                or (i + 2 < n and toks[i + 2].text in lex.nouns and toks[i + 1].lower in ARTICLES["de"] | {"eigenen", "ersten", "neuen", "offiziellen"})):
            k = i + 1
            while k < n and toks[k].text not in lex.nouns and not toks[k].text.endswith(
                    ("-Erkenntnissen", "-Angaben", "-Informationen", "-Berichten")):
                k += 1
            end = k + 1
            if end < n and toks[end].lower in {"von", "der", "des", "aus"}:
                np = np_after(toks, end + 1 if toks[end].lower in {"von", "aus"} else end, language, lex)
                if np:
                    end = np[1]
            return source_phrase_quote(i, end, t)
        if lang == "de" and low == "so" and i > 0 and toks[i - 1].text == "," and i + 1 < n:
            np = np_after(toks, i + 1, language, lex)
            if np and (np[1] >= n - 1 or toks[np[1]].text in {".", ","} or (
                    toks[np[1]].lower in SO_TAILS and np[1] + 1 < n and toks[np[1] + 1].text in {".", ","}) or (
                    SO_LONG_SOURCE and toks[i + 1].lower in ARTICLES["de"] and i >= 5)):
                close = np[1] + (np[1] < n and toks[np[1]].lower in SO_TAILS)
                if INNER_SOURCES and _resumes(toks, close, lex) and whole:
                    # "Der Präsident sei, so Gamkrelidse, schuld daran, dass …"
                    found.append(Found(whole[0], whole[1], "indirect", (t.start, t.end), span(np),
                                       gaps=((toks[i - 1].start, toks[close].end),)))
                    return found
                msg = _message_span(toks, 0, i)
                if msg:
                    found.append(Found(msg[0], msg[1], "indirect", (t.start, t.end), span(np)))
                    return found
        if lang == "en" and low == "according" and i + 2 < n and toks[i + 1].lower == "to":
            np = np_after(toks, i + 2, language, lex)
            if np is None:
                continue
            if i == 0:
                msg = _message_span(toks, np[1], n)
            elif np[1] >= n - 1:
                msg = _message_span(toks, 0, i)
            else:
                msg = whole
            if msg:
                found.append(Found(msg[0], msg[1], "indirect", (t.start, toks[i + 1].end), span(np)))
            return found
        if low in ("wie", "as") and i + 2 < n and (i == 0 or toks[i - 1].text == "," or t.text in {"Wie", "As"} or (
                i == 1 and toks[0].lower in {"denn", "und", "aber", "doch", "and", "but"})):
            k = i + 1
            while k < n and k - i <= 14 and toks[k].text not in {",", "."} and not _is_cue(toks, k, lex, language):
                k += 1
            if k < n and k - i <= 14 and _is_cue(toks, k, lex, language) and k > i + 1:
                cue_end = k
                while cue_end + 1 < n and toks[cue_end + 1].text not in {",", "."}:
                    cue_end += 1
                np = (i + 1, k)
                inner = np_after(toks, i + 1, language, lex)
                if inner and inner[1] <= k:
                    np = inner
                gaps: tuple[tuple[int, int], ...] = ()
                if i <= 1 or t.is_cap:
                    msg = _message_span(toks, cue_end + 1, n)
                elif INNER_SOURCES and toks[i - 1].text == "," and _resumes(toks, cue_end + 1, lex) and whole:
                    # "die Staatsanwaltschaft, die, wie er sagt, die Ermittlungen … geführt habe"
                    msg, gaps = whole, ((toks[i - 1].start, toks[cue_end + 1].end),)
                else:
                    msg = _message_span(toks, 0, i)
                if msg:
                    found.append(Found(msg[0], msg[1], "indirect", _cue_span(toks, k, k, k), span(np), gaps=gaps))
                    return found
        # ---- verb cues
        cue = _is_cue(toks, i, lex, language)
        if cue is None:
            continue
        c0, c1 = cue
        # message after: ", dass …", ": …", ", <Konjunktiv clause>"; English "said (that) …"
        k = c1 + 1
        inv = np_after(toks, k, language, lex) if k < n and toks[k].text != "," else None
        if inv:
            k = inv[1]
        while k < n and k - c1 <= 14 and toks[k].text not in {",", ":", ".", ";"} and k not in masked:
            k += 1
        after = None
        lemma = cue_lemma(toks[c0], lex)
        if lemma == "heißen" and not ((c0 + 1 < n and toks[c0 + 1].lower == "es") or toks[c0 - 1].lower == "es"):
            continue
        if k < n and toks[k].text in {",", ":"} and k + 1 < n and (k + 1) not in masked:
            nxt = toks[k + 1].lower
            rel = nxt in {"der", "die", "das", "den", "dem", "deren", "dessen"} and k + 2 < n and not toks[k + 2].is_cap
            between = k - c1 - 1 - ((inv[1] - inv[0]) if inv else 0)
            if toks[k].text == ":" or nxt in SUBORDINATORS[lang] or (
                    lang == "de" and nxt not in NOT_CLAUSE and not rel and between <= 4):
                after = (k + 1, n)
        if after is None and lang == "en" and c1 + 1 < n and toks[c1 + 1].is_word and (
                toks[c1 + 1].lower in {"that", "the", "it", "he", "she", "they", "there", "on", "in", "a", "an", "its",
                                       "his", "her", "their", "this", "these", "some", "no"}
                or (toks[c1 + 1].is_cap and toks[c1 + 1].lower not in PRONOUNS["en"])) and (
                c1 + 2 < n and toks[c1 + 2].text not in {",", "."}):
            j = c1 + 1
            if toks[j].lower in {"on", "in"}:
                while j < n and toks[j].lower != "that" and j - c1 < 5:
                    j += 1
            if j < n and (toks[j].lower == "that" or toks[c1 + 1].lower not in {"on", "in"}):
                after = (j, n)
        if after is None and lang == "en" and toks[c0].lower in {"told"}:
            j = c1 + 1
            while j < n and j - c1 < 6 and toks[j].lower != "that":
                j += 1
            if j < n and toks[j].lower == "that":
                after = (j, n)
        # message before: "<message>, sagte X." / "<message>, X said."
        before = None
        if after is None and i > 2:
            lead = c0 - 1
            aux = next((k for k in range(max(0, c0 - 8), c0) if toks[k].lower in REPORT_AUX
                        and k > 0 and toks[k - 1].text == ","), None)
            if toks[lead].text == ",":
                before = (0, lead)
            elif lang == "de" and toks[lead].lower in BACK_PRONOUNS and lead > 1 and toks[lead - 1].text == ",":
                before = (0, c0)  # "…, das teilte das Institut mit."
            elif lang == "de" and aux is not None and not any(toks[k].text == "," for k in range(aux + 1, c0)):
                before = (0, aux - 1)  # "…, soll Kim bei einem Essen gesagt haben."
                inverted = np_after(toks, aux + 1, language, lex)
                if inverted:
                    msg = _message_span(toks, *before)
                    if msg:
                        found.append(Found(msg[0], msg[1], "indirect", _cue_span(toks, c0, c0, c1), span(inverted)))
                        return found
            elif lang == "en":
                np_start = c0
                while np_start > 0 and toks[np_start - 1].text != "," and c0 - np_start < 6:
                    np_start -= 1
                if np_start > 2 and toks[np_start - 1].text == ",":
                    before = (0, np_start - 1)
        if after is not None:
            msg = _message_span(toks, *after)
            lo = 0
            for b in range(c0 - 1, -1, -1):
                if toks[b].text == ";" or (toks[b].text == ":" and not (b + 1 < n and toks[b + 1].text[0].isdigit())) or (
                        toks[b].text == "," and b + 1 < n and toks[b + 1].lower in {"und", "aber", "and", "but", "doch"}):
                    lo = b + (1 if toks[b].text in {";", ":"} else 2)
                    break
            v = _finite_before(toks, lo, c0, language)
            sp = _speaker_before(toks, lo, v, language, lex)
            if lemma == "heißen":
                sp = _document_source(toks, lo, c0, c1, language, lex)
            if msg:
                cue_span = _cue_span(toks, v, c0, c1)
                found.append(Found(msg[0], msg[1], "indirect", cue_span, span(sp)))
                return found
        if after is None and before is None and lang == "de" and lemma in REPORTED_VERBS and reported:
            v = _finite_before(toks, 0, c0, language)
            sp = _speaker_before(toks, 0, v, language, lex)
            if sp and sentence:
                # a reported speech act: SpkAtt marks no cue and takes the whole sentence
                cue_span = _cue_span(toks, c0, c0, c1) if REPORTED_CUE else None
                found.append(Found(sentence[0], sentence[1], "indirect", cue_span, span(sp), reported=True))
                return found
        if before is not None:
            msg = _message_span(toks, *before)
            if lang == "en" and toks[c0 - 1].text != ",":
                sp = _speaker_before(toks, before[1] + 1, c0, language, lex)
            elif lemma == "heißen":
                sp = _document_source(toks, c0, c0, c1, language, lex)
            else:
                sp = _speaker_after(toks, cue, language, lex)
            if msg and (sp or lemma == "heißen"):
                found.append(Found(msg[0], msg[1], "indirect", _cue_span(toks, c0, c0, c1), span(sp)))
                return found
    return found


def back_reference(toks: list[Tok], language: str, lex: Lexicon) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Cue and speaker (character spans) of a sentence that reports the one before it ("Dies
    bestätigte der Parteivorsitzende am Abend.", "Das hat ein Sprecher erklärt.")."""
    n = len(toks)
    first = 0 if n and toks[0].is_word else 1
    if language == "en" or n < first + 4 or toks[first].lower not in BACK_PRONOUNS:
        return None
    k = first + 1
    cue = _is_cue(toks, k, lex, language)
    if cue is None and toks[k].lower in AUXILIARIES["de"]:
        for j in range(k + 1, min(n, k + 8)):
            if toks[j].text in {",", ".", ";", ":"}:
                return None
            cue = _is_cue(toks, j, lex, language)
            if cue is not None:
                break
    if cue is None or cue_lemma(toks[cue[0]], lex) == "heißen":
        return None
    sp = _speaker_after(toks, cue, language, lex) if cue[0] == k else np_after(toks, k + 1, language, lex)
    if sp is None or toks[sp[0]].lower in PRONOUNS["de"] and sp[1] - sp[0] == 1 and toks[sp[0]].lower == "es":
        return None
    return _cue_span(toks, k, cue[0], cue[1]), (toks[sp[0]].start, toks[sp[1] - 1].end)


def _source_noun(tok: Tok) -> bool:
    return tok.text in NACH_NOUNS or (tok.is_cap and tok.lower.endswith(NACH_SUFFIXES))


def _nach_head(toks: list[Tok], i: int) -> int | None:
    """Index of the source noun of "nach" at ``i`` ("nach Angaben", "Nach einer Stellungnahme der
    US-Armee", "nach Grupps Meinung", "nach Bahnangaben"), or None (a time: "nach dem Spiel")."""
    for k in range(i + 1, min(len(toks), i + 6)):
        t = toks[k]
        if _source_noun(t):
            return k
        if t.lower in ARTICLES["de"] or (not t.is_cap and t.is_word and ADJ_RE.match(t.lower)):
            continue
        if t.is_cap and t.text.endswith("s") and k + 1 < len(toks) and toks[k + 1].is_cap:
            continue  # a genitive name: "nach Grupps Meinung"
        return None
    return None


def _fronted_source(toks: list[Tok], i: int) -> tuple[int, int] | None:
    """The source phrase after a sentence-initial "Laut" up to the finite verb, where it is no plain
    noun phrase ("Laut bildblog.de veröffentlichte …", "Laut einer am Dienstag veröffentlichten
    Pressemitteilung des WFP wurden …")."""
    n = len(toks)
    for j in range(i + 1, min(n, i + 14)):
        t = toks[j]
        if t.text in {",", ".", ";", ":"}:
            return None
        if t.is_cap or not t.is_word or t.lower in ARTICLES["de"] or t.lower in NP_GLUE["de"] \
                or t.lower in PREPOSITIONS["de"] or t.text[0].isdigit():
            continue
        if ADJ_RE.match(t.lower) and j + 1 < n and (toks[j + 1].is_cap or ADJ_RE.match(toks[j + 1].lower)) \
                and toks[j + 1].is_word:
            continue
        return (i, j) if j - i <= 12 else None
    return None


# --------------------------------------------------------------------------- direct cues

def direct_cue(toks: list[Tok], qa: int, qb: int, language: str, lex: Lexicon) -> tuple[
        tuple[int, int] | None, tuple[int, int] | None]:
    """Cue and speaker (token ranges) of a direct quote at tokens ``[qa, qb)`` of its sentence."""
    lang = "en" if language == "en" else "de"
    n = len(toks)
    # after: „…“, sagte er / "…," Kirby said / "…", said Kirby
    k = qb
    if k < n and toks[k].text == ",":
        k += 1
    if k < n:
        cue = _is_cue(toks, k, lex, language)
        if cue:
            rng = _with_tail(toks, _cue_range(cue[0], cue[0], cue[1]))
            if cue_lemma(toks[cue[0]], lex) == "heißen":
                return rng, _document_source(toks, k, cue[0], rng[1] - 1, language, lex)
            return rng, _speaker_after(toks, cue, language, lex)
        if lang == "de" and toks[k].lower == "so" and k > qb:
            np = np_after(toks, k + 1, language, lex)
            if np:
                return (k, k + 1), np
        if lang == "en":
            for j in range(k + 1, min(n, k + 6)):
                cue = _is_cue(toks, j, lex, language)
                if cue:
                    return (cue[0], cue[1] + 1), (k, j)
                if toks[j].text in {",", "."}:
                    break
    # before: Kirby sagte: „…“ / sagte er, „…“
    lo = 0
    for j in range(qa - 1, -1, -1):
        cue = _is_cue(toks, j, lex, language)
        if cue:
            c0, c1 = cue
            for b in range(c0 - 1, -1, -1):
                if toks[b].text in {"“", "”", '"', "»", "«"} or (COLON_BOUNDARY and toks[b].text == ":"):
                    lo = b + 1
                    break
            while lo < c0 and toks[lo].text in {","}:
                lo += 1
            if cue_lemma(toks[c0], lex) == "heißen":
                rng = _with_tail(toks, _cue_range(c0, c0, c1))
                return rng, _document_source(toks, lo, c0, rng[1] - 1, language, lex)
            if c0 == lo:
                return _with_tail(toks, _cue_range(c0, c0, c1)), _speaker_after(toks, cue, language, lex)
            v = _finite_before(toks, lo, c0, language)
            return _with_tail(toks, _cue_range(v, c0, c1)), _speaker_before(toks, lo, v, language, lex)
    return None, None


def _cue_range(v: int, c0: int, c1: int) -> tuple[int, int]:
    """Token range of a cue: the verb, with an auxiliary right before it and a particle close
    after it ("hatte berichtet", "fügte er hinzu"); a span never swallows a whole clause."""
    first = v if 0 < c0 - v <= 1 else c0
    last = c1 if c1 - c0 <= 2 else c0
    return first, last + 1


def _cue_span(toks: list[Tok], v: int, c0: int, c1: int) -> tuple[int, int]:
    a, b = _with_tail(toks, _cue_range(v, c0, c1))
    return toks[a].start, toks[b - 1].end


def _with_tail(toks: list[Tok], rng: tuple[int, int]) -> tuple[int, int]:
    """Extend a cue by a reflexive or the "es" of "heißt es" right after it."""
    a, b = rng
    if b < len(toks) and (toks[b].lower in CUE_TAILS or (
            toks[b].lower == "es" and toks[b - 1].lower in {"heißt", "hieß", "hießt"})):
        return a, b + 1
    return a, b


# --------------------------------------------------------------------------- split cues and gaps

#: a source phrase inside a sentence ("…, so X, …", "… X zufolge …", "…, wie X sagt, …") leaves
#: the sentence around it as the message, the phrase as its gap
INNER_SOURCES = True
_RELATIVES = {"der", "die", "das", "den", "dem", "dessen", "deren", "welche", "welcher", "welches"}


def _resumes(toks: list[Tok], k: int, lex: Lexicon) -> bool:
    """Whether the sentence goes on after the comma at ``k`` with the clause a source phrase
    interrupted (not a new clause, a relative clause or its end)."""
    if k + 2 >= len(toks) or toks[k].text != ",":
        return False
    nxt = toks[k + 1]
    if nxt.text in OPEN_MARKS:
        return True
    if nxt.is_cap and is_role_word(nxt.text, lex):
        return False  # an apposition to the source: "…, so Frank Karl, Leiter der Abteilung, …"
    return nxt.is_word and nxt.lower not in NOT_CLAUSE | SUBORDINATORS["de"] | _RELATIVES | ARTICLES["de"] \
        and sum(1 for x in toks[k + 1:] if x.is_word) >= 2


def _np_before(toks: list[Tok], i: int) -> tuple[int, int] | None:
    """Token range of the noun phrase right before ``toks[i]`` ("dem Bericht", "offiziellen
    chinesischen Angaben", "dem „Figaro“", "Ermittlungen der Polizei"), or None."""

    def one(end: int) -> int | None:
        k = end - 1
        if k < 0:
            return None
        if toks[k].text == ")":  # "des Verbandes Deutscher Realschullehrer (VDR)"
            k = next((j for j in range(k - 1, max(-1, k - 8), -1) if toks[j].text == "("), -1) - 1
            if k < 0:
                return None
        if toks[k].text in CLOSE_MARKS:
            k = next((j for j in range(k - 1, max(-1, k - 8), -1) if toks[j].text in OPEN_MARKS), -1)
            if k < 0:
                return None
        elif not (toks[k].is_cap and toks[k].is_word):
            return None
        while k > 0 and toks[k - 1].is_word and not toks[k - 1].is_cap and ADJ_RE.match(toks[k - 1].lower) \
                and toks[k - 1].lower not in AUXILIARIES["de"] | KONJUNKTIV | ARTICLES["de"] \
                and not toks[k - 1].lower.endswith("te") \
                and not (k > 1 and toks[k - 2].is_word and toks[k - 2].lower not in ARTICLES["de"] and (
                    toks[k - 2].is_cap or toks[k - 2].text.rsplit("-", 1)[-1][:1].isupper())):
            k -= 1  # not a verb after a noun: "al-Qaida-Gruppen gewinnen Medienberichten zufolge"
        if k > 0 and toks[k - 1].lower in ARTICLES["de"]:
            k -= 1
        return k

    a = one(i)
    if a is None:
        return None
    if a > 1 and toks[a - 1].lower in {"in", "aus"} and toks[a].is_cap:
        b = one(a - 1)  # "Den Polizeibehörden in Mombasa"
        if b is not None and b < a - 1 and toks[a - 2].is_cap:
            a = b
    if toks[a].lower in {"der", "des", "eines", "einer"} or (a > 0 and toks[a - 1].lower in {"von", "vom"}):
        # a genitive or "von" attribute: "Angaben der Polizei", "Angaben vom gestrigen Mittwoch"
        b = one(a if toks[a].lower in {"der", "des", "eines", "einer"} else a - 1)
        if b is not None:
            a = b
    if a == 1 and toks[0].is_word and (toks[0].lower in ARTICLES["de"] or ADJ_RE.match(toks[0].lower)):
        a = 0  # "Offiziellen Angaben zufolge", "Einer Meldung zufolge"
    return (a, i) if i - a <= 8 else None

#: pronominal adverbs that belong to a separable cue before its particle ("wies … darauf hin")
DA_WORDS = {"darauf", "davon", "dazu", "daran", "darüber", "darum", "dafür", "damit"}
#: auxiliaries that form a split cue with a participle or infinitive ("hat … angekündigt")
CUE_AUX = {"hat", "haben", "hatte", "hatten", "ist", "sind", "war", "waren", "wird", "werden", "wurde",
           "wurden"}
#: words that complete a cue verb later in its clause ("bezeichnete den Plan als …")
CUE_COMPLEMENTS = {"bezeichnen": "als"}
#: punctuation that a gap takes along on either side ("Die Lage, so X, sei …")
GAP_PUNCT = {",", "–", "-", "—"}
_QUOTE_MARKS = OPEN_MARKS | CLOSE_MARKS | {"‘", "’"}


def _clause(toks: list[Tok], c0: int, c1: int) -> tuple[int, int]:
    """Token range ``[lo, hi)`` of the clause around the cue tokens ``c0..c1``."""
    lo = c0
    while lo > 0 and toks[lo - 1].text not in {",", ";", ":", "(", ")"} | _QUOTE_MARKS | STOP_PUNCT:
        lo -= 1
    hi = c1 + 1
    while hi < len(toks) and toks[hi].text not in {";", ":", "(", ")"} | _QUOTE_MARKS | STOP_PUNCT and not (
            toks[hi].text == "," and hi + 1 < len(toks) and toks[hi + 1].lower in SUBORDINATORS["de"] | NOT_CLAUSE):
        hi += 1
    return lo, hi


def cue_extra(toks: list[Tok], c0: int, c1: int, lex: Lexicon, language: str) -> tuple[int, int] | None:
    """Token range ``[a, b)`` of the part of a cue that stands apart from the cue tokens
    ``c0..c1`` in its clause: the particle of a separable verb ("teilte die Polizei mit", with a
    "darauf"/"davon" before it), the auxiliary of a participle ("hat der Minister angekündigt") or
    the "wie" of "wie die Polizei mitteilte"; None where the cue is whole."""
    if language == "en":
        return None
    lo, hi = _clause(toks, c0, c1)
    inside = {t.lower for t in toks[c0:c1 + 1]}
    for k in range(c0, c1 + 1):
        for _lemma, particle in lex.verbs.get(toks[k].lower, ()):
            if not particle or particle in inside:
                continue
            hits = [j for j in range(c1 + 1, hi) if toks[j].lower == particle]
            if hits:
                j = hits[-1]
                a = j - 1 if j - 1 > c1 and toks[j - 1].lower in DA_WORDS else j
                return a, j + 1
    low = toks[c0].lower
    if low not in lex.verbs and low not in lex.participles:
        return None  # "laut", "zufolge", "so": no verb to complete
    lemma = cue_lemma(toks[c1], lex)
    if lemma in CUE_COMPLEMENTS:
        hits = [j for j in range(c1 + 1, hi) if toks[j].lower == CUE_COMPLEMENTS[lemma]]
        if hits:
            return hits[0], hits[0] + 1
    finite = low in lex.verbs and not low.startswith("ge") and low not in lex.participles \
        and low.endswith(("te", "ten", "st", "e"))
    if not finite and toks[c0].is_word and not toks[c0].is_cap and not inside & CUE_AUX:
        aux = next((k for k in range(lo, c0) if toks[k].lower in CUE_AUX), None)
        if aux is not None and not any(toks[k].lower in CUE_AUX for k in range(aux + 1, c0)):
            return aux, aux + 1
    if c1 + 1 < len(toks) and toks[c1 + 1].is_word:
        return None
    # "Wie X mitteilte", "wie die „Aktion Deutschland hilft“ heute mitteilte", "Wie X, Sprecher …, mitteilte"
    for k in range(c0 - 2, max(-1, c0 - 20), -1):
        t = toks[k]
        if t.text in STOP_PUNCT or t.text in {";", ":"}:
            break
        if t.lower == "wie" and (t.text == "Wie" or k == 0 or toks[k - 1].text == ","
                                 or toks[k - 1].lower in {"und", "denn", "aber", "doch"}):
            return k, k + 1
    return None


def inner_gap(toks: list[Tok], msg: tuple[int, int], parts: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Character span of the source phrase set into a message (``msg``, a character span): the
    stretch from the first to the last of ``parts`` (cue and speaker, character spans) with the
    comma or dash on either side, where all of it lies strictly inside the message."""
    a, b = min(p[0] for p in parts), max(p[1] for p in parts)
    if not (msg[0] < a and b < msg[1]):
        return None
    ta = next((k for k, t in enumerate(toks) if t.start >= a), None)
    tb = next((k for k in range(len(toks) - 1, -1, -1) if toks[k].end <= b), None)
    if ta is None or tb is None or tb < ta:
        return None
    if ta > 0 and toks[ta - 1].text in GAP_PUNCT and toks[ta - 1].start > msg[0]:
        ta -= 1
    if tb + 1 < len(toks) and toks[tb + 1].text in GAP_PUNCT and toks[tb + 1].end < msg[1]:
        tb += 1
    return toks[ta].start, toks[tb].end
