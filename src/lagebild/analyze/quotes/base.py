"""Shared vocabulary of the quote finders: quotation marks, cue and source word lists, the
Konjunktiv forms of reported speech, noun-phrase word shapes, and :class:`Found`, the quote
record before speaker resolution.

Kept apart so that :mod:`quotes_speaker`, :mod:`quotes_cue` and :mod:`quotes_find` can share
the lists without importing each other in a circle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


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
              "Überzeugung", "Endergebnis", "Zwischenergebnis", "Ergebnissen", "Wunsch", "Willen", "Lesart",
              "Ermittlungen", "Recherchen", "Schilderung", "Schilderungen", "Beobachtungen",
              "Veröffentlichung", "Vorhersage", "Dokument", "Planungen", "Gesetzesentwurf", "Gesetzentwurf"}
#: endings of compounds that name a source after "nach" ("Bahnangaben", "Regierungserklärung")
NACH_SUFFIXES = ("angaben", "informationen", "berichten", "erkenntnissen", "schätzungen", "aussagen", "meinung",
                 "einschätzung", "darstellung", "stellungnahme", "mitteilung", "erklärung", "auskunft",
                 "berechnungen", "prognose", "prognosen", "umfrage", "studie", "analyse", "ankündigung",
                 "endergebnis", "hochrechnung", "hochrechnungen", "ermittlungen", "recherchen", "bericht",
                 "-dokument", "vorhersage", "veröffentlichung")
#: demonstratives that point back to the message ("Dies bestätigte der Parteichef.")
BACK_PRONOUNS = {"dies", "das", "dieses"}
#: words that may end a "…, so X weiter." source phrase
SO_TAILS = {"weiter", "außerdem", "zudem", "ebenfalls", "abschließend", "gegenüber", "auch", "dazu", "damals",
            "bereits", "zuvor", "später", "heute", "gestern", "jedoch"}
#: sentence adverbs that point back to a source ("Demnach steht …")
BACK_CUES = {"demnach", "wonach", "danach"}
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
TITLE_ABBREVIATIONS = {"Dr", "Prof", "St", "Mr", "Mrs", "Ms", "Gen", "Sen", "Jr", "Hl"}
NP_GLUE = {
    "de": {"des", "der", "von", "vom", "und", "sowie", "sowohl", "als", "auch", "al", "van", "de", "bin",
           "eines", "einer"},
    "en": {"of", "and", "the", "for", "al", "bin", "de", "van", "von"},
}
