"""The named steps of the quote finders, one sentence at a time: the source-phrase rules, the
verb-cue rule, the noun-phrase scan, and the word lists they read."""

from __future__ import annotations

import pytest

from lagebild.analyze.quotes import find as quotes_find
from lagebild.analyze.quotes import sources, speaker
from lagebild.analyze.quotes.base import vocab
from lagebild.analyze.text import speech


def _sentence(text: str, language: str = "de") -> sources.Sentence:
    toks = speech.tokens(text, 0, len(text))
    return sources.Sentence.of(toks, set(), language, speech.lexicon(language), True)


def _at(s: sources.Sentence, word: str) -> int:
    return next(k for k, t in enumerate(s.toks) if t.text == word)


def _text(text: str, span: tuple[int, int] | None) -> str | None:
    return text[span[0]:span[1]] if span else None


@pytest.mark.parametrize("rule, text, word, message, cue, speaker_text", [
    (sources.laut_rule, "Laut Polizei wurden drei Menschen verletzt.", "Laut",
     "wurden drei Menschen verletzt", "Laut", "Polizei"),
    (sources.zufolge_rule, "Dem Bericht zufolge wurden drei Menschen verletzt.", "zufolge",
     "wurden drei Menschen verletzt", "zufolge", "Dem Bericht"),
    (sources.nach_head_rule, "Nach Angaben der Polizei wurden drei Menschen verletzt.", "Nach",
     "wurden drei Menschen verletzt", "Nach", "Angaben der Polizei"),
    (sources.so_rule, "Die Lage sei ernst, so der General.", "so", "Die Lage sei ernst", "so", "der General"),
    (sources.according_rule, "According to the police, three people were injured.", "According",
     "three people were injured", "According to", "the police"),
    (sources.wie_rule, "Wie die Polizei mitteilte, wurden drei Menschen verletzt.", "Wie",
     "wurden drei Menschen verletzt", "mitteilte", "die Polizei"),
])
def test_quotes_rules_source_phrases(rule, text, word, message, cue, speaker_text):
    s = _sentence(text, "en" if rule is sources.according_rule else "de")
    out = rule(s, _at(s, word))
    assert isinstance(out, list) and len(out) == 1
    q = out[0]
    assert (_text(text, (q.start, q.end)), _text(text, q.cue), _text(text, q.speaker)) == (message, cue, speaker_text)


def test_quotes_rules_answer_none_for_other_words():
    s = _sentence("Die Lage sei ernst, sagte der General.")
    k = _at(s, "Lage")
    assert all(rule(s, k) is None for rules in quotes_find.SOURCE_RULES.values() for rule in rules)


def test_quotes_rules_laut_without_source_goes_on():
    s = _sentence("Die Musik war sehr laut , und alle gingen.")
    assert sources.laut_rule(s, _at(s, "laut")) is sources.NEXT_WORD


@pytest.mark.parametrize("text, message, cue, speaker_text", [
    ("Der General sagte, die Lage sei ernst.", "die Lage sei ernst", "sagte", "Der General"),
    ("Die Lage sei ernst, sagte der General.", "Die Lage sei ernst", "sagte", "der General"),
    ("The general said that the situation was serious.", "that the situation was serious", "said", "The general"),
])
def test_quotes_rules_verb_cue(text, message, cue, speaker_text):
    s = _sentence(text, "en" if text.startswith("The") else "de")
    k = next(k for k, t in enumerate(s.toks) if t.lower in {"sagte", "said"})
    out = quotes_find.verb_cue_rule(s, k)
    assert isinstance(out, list) and len(out) == 1
    q = out[0]
    assert (_text(text, (q.start, q.end)), _text(text, q.cue), _text(text, q.speaker)) == (message, cue, speaker_text)


def test_quotes_rules_find_in_sentence_matches_the_rules():
    text = "Laut Polizei wurden drei Menschen verletzt."
    s = _sentence(text)
    assert quotes_find.find_in_sentence(s.toks, set(), "de", s.lex) == sources.laut_rule(s, 0)


@pytest.mark.parametrize("text, language, start, phrase", [
    ("sagte Kyrylo Budanow der Zeitung", "de", 1, "Kyrylo Budanow"),
    ("sagte der Leiter des ukrainischen Militärgeheimdienstes, Kyrylo Budanow, am Montag", "de", 1,
     "der Leiter des ukrainischen Militärgeheimdienstes, Kyrylo Budanow"),
    ("laut Prof. Dr. Matthias W. Beckmann", "de", 1, "Prof. Dr. Matthias W. Beckmann"),
    ("das Magazin „Der Spiegel“ berichtete", "de", 0, "das Magazin „Der Spiegel“"),
    ("said a senior US official on Monday", "en", 1, "a senior US official"),
    # an institution keeps the place it sits in; a person's place is where the cue happened
    ("nach Angaben des Kraftfahrt-Bundesamtes in Flensburg stieg", "de", 2, "des Kraftfahrt-Bundesamtes in Flensburg"),
    ("sagte ein Sprecher des LBM in Koblenz am Montag", "de", 1, "ein Sprecher des LBM in Koblenz"),
    ("sagte Regierungssprecher Seibert in Berlin", "de", 1, "Regierungssprecher Seibert"),
    ("sagte die Organisation in der Nacht", "de", 1, "die Organisation"),
    # an apposition opened by a dative or indefinite article
    ("nach Angaben von Sam Maiha, dem Direktor der Wetterbehörde, hatten", "de", 1, "Angaben von Sam Maiha, dem Direktor der Wetterbehörde"),
    ("sagte Andrew Wetzler, ein Sprecher des Verbandes, am Montag", "de", 1, "Andrew Wetzler, ein Sprecher des Verbandes"),
    ("sagte Andrew Wetzler, einem Anwalt, am Montag", "de", 1, "Andrew Wetzler"),
])
def test_quotes_rules_np_after(text, language, start, phrase):
    toks = speech.tokens(text, 0, len(text))
    rng = speaker.np_after(toks, start, language, speech.lexicon(language))
    assert rng is not None
    assert text[toks[rng[0]].start:toks[rng[1] - 1].end] == phrase


def test_quotes_rules_np_steps():
    text = "der Chef der Bundesagentur für Arbeit (BA), sagte"
    toks = speech.tokens(text, 0, len(text))
    scan = speaker.NPScan(toks, 0, "de", speech.lexicon("de"))
    while scan.j < len(toks):
        word = toks[scan.j].is_word or toks[scan.j].text in {"-", "’", "'"}
        if not (speaker.np_word_step(scan) if word else speaker.np_mark_step(scan)):
            break
    assert toks[scan.j].text == "," and scan.seen_head


def test_quotes_rules_word_lists_split_by_language():
    w = vocab()
    assert {"auch", "even"} <= w.focus_words  # German and English files, used together
    assert "konnte" not in w.konjunktiv and {"sei", "hätte"} <= w.konjunktiv
    assert w.np_glue["en"] != w.np_glue["de"] and "of" in w.np_glue["en"]
    assert w.source_compounds[0].startswith("-")


def test_quotes_rules_by_language_reads_like_a_dict():
    assert "der" in speech.ARTICLES["de"] and "the" in speech.ARTICLES["en"]
    assert set(speech.PREPOSITIONS) == {"de", "en"} and "fr" not in speech.SUBORDINATORS
    with pytest.raises(KeyError):
        speech.AUXILIARIES["fr"]
    assert "von" in speech.name_particles()
