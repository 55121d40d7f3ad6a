"""Quotes: speakers and messages of the source patterns added for SpkAtt (speaker after "sich",
"heißt es" with a document, "wonach" after a noun, relative pronouns, a colon without a verb,
"so X von Y"), and the English demo article whose quote by Budanov was lost once."""

from __future__ import annotations

from importlib import resources

import pytest

from lagebild.analyze.entities import gazetteer
from lagebild.analyze.quotes.base import no_speaker
from lagebild.analyze.quotes import stage as quotes
from lagebild.model import Article
from lagebild.analyze.pipeline import Pipeline


def _sentences(text: str, language: str) -> list[tuple[int, int]]:
    doc = Pipeline.build(["lagebild.sentences"]).annotate(Article(id="t", text=text, language=language))
    return [(s.start, s.end) for s in doc.get("sentences")]


def find(text: str, language: str = "de"):
    found = quotes.find(text, _sentences(text, language), gazetteer.find(text, language), language)
    for q in found:
        assert text[q.start:q.end] == q.text
        if q.speaker is not None:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.text
    return found


def _demo_body(name: str) -> str:
    raw = resources.files("lagebild.demo").joinpath("corpus", name).read_text("utf-8")
    return raw.split("\n---\n", 1)[1]  # the text after the front matter


def test_quotes_sources_budanov_demo_keeps_his_quote():
    text = _demo_body("007_budanov-ft-north-korea-shells.txt")
    found = find(text, "en")
    hits = [q for q in found if q.text.startswith("that the deliveries from Pyongyang")]
    assert len(hits) == 1
    assert hits[0].cue is not None and hits[0].cue.text == "said"
    # the speaker with his apposition, as PolNeAR marks it, named by the phrase before it
    assert hits[0].speaker is not None and hits[0].speaker.text == (
        "Kyrylo Budanov, who leads the Main Intelligence Directorate (HUR),")
    assert hits[0].speaker.name == "Kyrylo Budanov"


@pytest.mark.parametrize("text, speaker, message_start", [
    ("„Die positive Entwicklung am Arbeitsmarkt setzt sich fort“, äußerte sich der Chef der Bundesagentur "
     "für Arbeit, Frank-Jürgen Weise, in Nürnberg.",
     "der Chef der Bundesagentur für Arbeit, Frank-Jürgen Weise", "„Die positive"),
    ("Alle Anzeichen deuteten auf einen Anschlag hin, hieß es vom Abgeordneten Viktor Oserow.",
     "Abgeordneten Viktor Oserow", "Alle Anzeichen"),
    ("In der Vorabversion des Berichts, der ins Netz gestellt wurde, heißt es, im vergangenen Jahr seien "
     "mehr Straftaten begangen worden.", "der Vorabversion des Berichts", "im vergangenen Jahr"),
    ("Der Minister kannte Spekulationen, wonach der Auftraggeber ein staatlicher Dienst gewesen sein könnte.",
     "Spekulationen", "der Auftraggeber"),
    ("Allerdings kursiert auch eine Argumentation, die davon ausgeht, Clinton solle nicht kandidieren.",
     "die", "Clinton solle"),
    ("Diese ganze Inszenierung lenke von der Oper ab, so Karl Harb von den Salzburger Nachrichten.",
     "Karl Harb von den Salzburger Nachrichten", "Diese ganze"),
    ("Ein Beamter der Nationalpolizei: „Hier weiß man, wer die Kriminellen sind.“",
     "Ein Beamter der Nationalpolizei", "„Hier weiß"),
])
def test_quotes_sources_speaker_german(text, speaker, message_start):
    found = find(text)
    assert [(q.speaker.text if q.speaker else None) for q in found] == [speaker]
    assert found[0].text.startswith(message_start)


@pytest.mark.parametrize("text, message_start, speaker", [
    # the comma right after the cue opens the reported clause, even before "die"
    ("General Sonthi erklärte, die noch zu schaffende Verfassung werde die Rolle der Armee festlegen.",
     "die noch zu schaffende", "General Sonthi"),
    # a long adverbial between the cue and the comma, with Konjunktiv after it
    ("Obama sagte in der bereits erwähnten Videobotschaft, der Verzicht sei keine leichte Entscheidung gewesen.",
     "der Verzicht", "Obama"),
    # "…, sagte X, <apposition>": the message is before the cue
    ("Alle Gebiete seien unter Kontrolle des Übergangsrates, sagte Charles Bouchard, kanadischer General "
     "und Kommandeur des Einsatzes.", "Alle Gebiete", "Charles Bouchard"),
    # a name in quotation marks after a preposition is no direct quote
    ("Die Anreise könne zu einem Problem werden, sagte Johanna Moser vom „Queer Beograd Kollektiv“ gestern.",
     "Die Anreise", "Johanna Moser vom „Queer Beograd Kollektiv“"),
    ("Nach den Ermittlungen des ehemaligen Richters war Demjanjuk einer der Wachleute.",
     "war Demjanjuk", "den Ermittlungen des ehemaligen Richters"),
])
def test_quotes_sources_message_german(text, message_start, speaker):
    found = find(text)
    assert len(found) == 1
    assert found[0].text.startswith(message_start)
    assert found[0].speaker is not None and found[0].speaker.text == speaker


def test_quotes_sources_colon_needs_a_person_or_office():
    found = find("Die Lage: „Es gibt keine militärische Lösung in diesem Konflikt.“")
    assert all(q.speaker is None for q in found)


@pytest.mark.parametrize("surface, expected", [
    ("Bislang", True), ("Insbesondere", True), ("Problematisch", True), ("man", True),
    ("er", False), ("Sprecher", False), ("Merkel", False), ("der Minister", False),
])
def test_quotes_sources_adverb_is_no_speaker(surface, expected):
    from lagebild.analyze.text.speech import lexicon

    assert no_speaker(surface, "de", lexicon("de")) is expected


def test_quotes_sources_english_said_with_long_adverbial():
    text = ("Kyrylo Budanov, who leads the agency, said in an interview published on Saturday that "
            "the deliveries had arrived at a critical moment.")
    found = find(text, "en")
    assert [(q.cue.text, q.speaker.text, q.speaker.name) for q in found if q.cue and q.speaker] == [
        ("said", "Kyrylo Budanov, who leads the agency,", "Kyrylo Budanov")]
    assert found[0].text.startswith("that the deliveries")
