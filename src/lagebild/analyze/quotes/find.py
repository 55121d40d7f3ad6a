"""Finding quotes: direct quotes in quotation marks, indirect speech after cues, and speakers.

Pure functions over the article text, its sentences and its entity mentions.  The result of
:func:`find` is a list of :class:`~lagebild.model.Quote` records with the message span (quotation
marks included for direct quotes), the cue span (speech verb with its particle, "laut",
"zufolge", "nach Angaben", "so" …) and the speaker span; :mod:`quotes` then resolves
speakers to names and entity mentions.
"""

from __future__ import annotations


from lagebild.analyze.quotes.base import (
    ADJ_RE, BACK_CUES, BACK_PRONOUNS, KONJUNKTIV, KONJUNKTIV_ENDINGS, MAX_QUOTE, NACH_NOUNS, NACH_SUFFIXES, NOT_CLAUSE,
    NP_ADJ_RE, NP_GLUE, OPEN_MARKS, PAIRS_DE, PAIRS_EN, REPORT_AUX,
    SO_TAILS, TITLE_ABBREVIATIONS, Found,
)
from lagebild.analyze.quotes.cue import (
    _cue_span, _finite_before, _is_cue, _message_span, _sentence_span, cue_extra, cue_lemma, direct_cue, inner_gap,
)
from lagebild.analyze.quotes.speaker import (
    RELATIVE_PRONOUNS, _document_source, _np_before, _speaker_after, _speaker_before, np_after,
)
from lagebild.analyze.text.speech import (
    ARTICLES, AUXILIARIES, PREPOSITIONS, PRONOUNS, SUBORDINATORS, Lexicon, Tok, is_role_word,
)

__all__ = [
    "KONJUNKTIV", "KONJUNKTIV_ENDINGS", "NP_ADJ_RE", "TITLE_ABBREVIATIONS", "Found", "back_reference", "cue_extra",
    "direct_cue", "direct_spans", "find_in_sentence", "inner_gap", "np_after",
]

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
                found.append(Found(msg[0], msg[1], "indirect", (t.start, t.end), span(np)))
            return found
        if lang == "de" and low == "zufolge" and i > 0:
            lo = 0
            for k in range(i - 1, -1, -1):
                if toks[k].text == ",":
                    lo = k + 1
                    break
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
            src = (t.start, t.end) if i == 0 else span(_np_before(toks, i - 1) if i > 1 else None)
            if msg:  # "Spekulationen, wonach …": the noun before the comma is the source
                found.append(Found(msg[0], msg[1], "indirect", (t.start, t.end), src))
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
            np = _with_origin(toks, np_after(toks, i + 1, language, lex), language, lex)
            if np and (np[1] >= n - 1 or toks[np[1]].text in {".", ","} or (
                    toks[np[1]].lower in SO_TAILS and np[1] + 1 < n and toks[np[1] + 1].text in {".", ",", ":"}) or (
                    # "…, so das Ergebnis einer Studie mit dem Titel …": the source runs on past its NP
                    toks[i + 1].lower in ARTICLES["de"] and i >= 5)):
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
            between = k - c1 - 1 - ((inv[1] - inv[0]) if inv else 0)
            # a relative clause after an object ("nannte Gründe, die …"); right after the cue (and
            # its subject) the comma opens the reported clause ("erklärte, die noch zu schaffende …")
            rel = nxt in {"der", "die", "das", "den", "dem", "deren", "dessen"} and k + 2 < n \
                and not toks[k + 2].is_cap and between > 0
            if toks[k].text == ":" or nxt in SUBORDINATORS[lang] or (
                    lang == "de" and nxt not in NOT_CLAUSE and not rel and (
                        between <= 4 or (between <= 10 and _konjunktiv_in(toks, k + 1, n)))):
                after = (k + 1, n)
            if after is not None and lang == "de" and toks[k].text == "," and nxt not in SUBORDINATORS[lang] \
                    and inv and c0 > 2 and toks[c0 - 1].text == "," and not _konjunktiv_in(toks, k + 1, n):
                after = None  # "<message>, sagte Charles Bouchard, kanadischer General …": the message is before
        if after is None and lang == "en" and toks[c0].lower in {"told", "tells", "tell"}:
            # "he told the newspaper, Russian troops would …": the addressee is no part of the message
            k = next((j for j in range(c1 + 1, min(n, c1 + 7)) if not toks[j].is_word), None)
            if k is not None and k > c1 + 1 and toks[k].text == "," and k + 3 < n and toks[k + 1].lower != "and":
                after = (k + 1, n)
        if after is None and lang == "en" and c1 + 1 < n and toks[c1 + 1].is_word and (
                toks[c1 + 1].lower in {"that", "the", "it", "he", "she", "they", "there", "on", "in", "a", "an", "its",
                                       "his", "her", "their", "this", "these", "some", "no"}
                or (toks[c1 + 1].is_cap and toks[c1 + 1].lower not in PRONOUNS["en"])) and (
                c1 + 2 < n and toks[c1 + 2].text not in {",", "."}):
            j = c1 + 1
            if toks[j].lower in {"on", "in"}:
                # "said in an interview published on Saturday that …": the adverbial ends at "that"
                while j < n and toks[j].lower != "that" and j - c1 < 10 and toks[j].text not in {",", ".", ";", ":"}:
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
        if after is None and before is None and lang == "de" and reported and _reported_act(toks, c0, c1, lex):
            v = _finite_before(toks, 0, c0, language)
            sp = _speaker_before(toks, 0, v, language, lex)
            relative = sp is not None and sp[1] - sp[0] == 1 and toks[sp[0]].lower in RELATIVE_PRONOUNS
            if sp and sentence and not relative:
                # a reported speech act: SpkAtt marks no cue and takes the whole sentence
                # (it keeps its verb as the cue: the events stage needs it to tell a speech-act event
                # from an event reported by someone)
                cue_span = _cue_span(toks, c0, c0, c1)
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


def _reported_act(toks: list[Tok], c0: int, c1: int, lex: Lexicon) -> bool:
    """Whether the cue ``toks[c0..c1]`` is a speech act whose content may be a noun phrase; a form
    shared by several verbs ("wies" … "zurück" or … "hin") counts as the one its particle names."""
    low = toks[c0].lower
    if low in lex.participles:
        return lex.participles[low] in lex.reported
    particle = toks[c1].lower if c1 > c0 else None
    return any(lemma in lex.reported for lemma, p in lex.verbs.get(low, ()) if p == particle)


def _konjunktiv_in(toks: list[Tok], a: int, b: int) -> bool:
    """Whether the tokens ``[a, b)`` hold a Konjunktiv form (reported speech)."""
    return any(t.lower in KONJUNKTIV or (not t.is_cap and t.lower.endswith(KONJUNKTIV_ENDINGS)) for t in toks[a:b])


def _with_origin(toks: list[Tok], np: tuple[int, int] | None, language: str, lex: Lexicon) -> tuple[int, int] | None:
    """A source phrase with the "von"/"vom"/"aus" phrase that says where the source works, where
    that ends the clause ("so Karl Harb von den Salzburger Nachrichten.")."""
    n = len(toks)
    if np is None or np[1] + 1 >= n or toks[np[1]].lower not in {"von", "vom", "aus"}:
        return np
    tail = np_after(toks, np[1] + 1, language, lex)
    if tail is not None and (tail[1] >= n - 1 or toks[tail[1]].text in {".", ",", ":"}):
        return np[0], tail[1]
    return np


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
