"""Quote roles beyond cue and speaker: the frame and the addressee."""

from __future__ import annotations

import pytest

from lagebild.analyze.quotes.roles import addressee_span, frame_span, quoted_inside, with_roles
from lagebild.analyze.quotes.stage import find
from lagebild.model import Quote, Span, Speaker


def _span(text: str, sub: str, after: int = 0) -> Span:
    a = text.index(sub, after)
    return Span(a, a + len(sub), sub)


def _quote(text: str, message: str, cue: str, gaps: tuple[str, ...] = ()) -> Quote:
    m = _span(text, message)
    return Quote(m.start, m.end, m.text, "indirect", cue=_span(text, cue),
                 gaps=tuple(_span(text, g, m.start) for g in gaps))


@pytest.mark.parametrize("text, message, cue, gaps, frame", [
    ("Der Minister sagte gegenüber der Presse, die Lage sei ernst.", "die Lage sei ernst", "sagte", (),
     "Der Minister sagte gegenüber der Presse,"),
    ("„Wir helfen“, erklärte sie am Montag.", "„Wir helfen“", "erklärte", (), ", erklärte sie am Montag"),
    ("Die Lage, so der Minister, sei ernst.", "Die Lage, so der Minister, sei ernst", "so", (", so der Minister,",),
     ", so der Minister,"),
    # the frame stops at the message on either side and leaves the other clause out
    ("Sie räumte ein, es könnten Stellen verloren gehen, sprach aber von einem offenen Prozess.",
     "es könnten Stellen verloren gehen", "räumte", (), "Sie räumte ein,"),
    ("Er sagte: „Wir bleiben.“", "„Wir bleiben.“", "sagte", (), "Er sagte:"),
])
def test_quotes_roles_frame(text, message, cue, gaps, frame):
    got = frame_span(text, [(0, len(text))], _quote(text, message, cue, gaps))
    assert got is not None and got.text == frame and text[got.start:got.end] == frame


def test_quotes_roles_frame_stays_in_the_cue_sentence_and_needs_a_cue():
    text = "Der Sprecher sagte am Abend: „Wir bleiben hier.“ Dann ging er."
    sents = [(0, 48), (49, len(text))]
    quote = Quote(29, 48, text[29:48], "direct", cue=_span(text, "sagte"))
    assert frame_span(text, sents, quote).text == "Der Sprecher sagte am Abend:"
    assert frame_span(text, sents, Quote(29, 48, text[29:48], "direct")) is None


@pytest.mark.parametrize("frame, language, addressee", [
    ("Ein Sprecher sagte gegenüber der Nachrichtenagentur AFP,", "de", "der Nachrichtenagentur AFP"),
    ("In einem Interview mit der „Berliner Zeitung“ erklärte er,", "de", "der „Berliner Zeitung“"),
    ("An die Gewerkschaften gewandt sagte Köhler,", "de", "die Gewerkschaften"),
    ("Jugendliche haben gegenüber der Kreiszeitung ausgesagt,", "de", "der Kreiszeitung"),
    ("the senator told reporters on Monday", "en", "reporters"),
    ("he said in an interview with CNN", "en", "CNN"),
    ("Der Minister sagte am Montag,", "de", None),
    ("the senator said on Monday", "en", None),
])
def test_quotes_roles_addressee(frame, language, addressee):
    got = addressee_span(frame, Span(0, len(frame), frame), language)
    assert (got.text if got else None) == addressee
    if got:
        assert frame[got.start:got.end] == got.text


def _with_speaker(text: str, cue: str, speaker: str | None, extra: str | None = None) -> Quote:
    sp = _span(text, speaker) if speaker else None
    return Quote(len(text), len(text), "", "indirect", cue=_span(text, cue),
                 speaker=Speaker(sp.start, sp.end, sp.text) if sp else None,
                 cue_extra=_span(text, extra) if extra else None)


@pytest.mark.parametrize("frame, cue, extra, speaker, addressee", [
    ("Die Regierung wirft den Rebellen vor,", "wirft", "vor", "Die Regierung", "den Rebellen"),
    ("Thaksin beschuldigte General Prem,", "beschuldigte", None, "Thaksin", "General Prem"),
    ("Die Bürgerinnen und Bürger forderte er anschließend auf,", "forderte", "auf", "er",
     "Die Bürgerinnen und Bürger"),
    ("Ihm wird vorgeworfen,", "vorgeworfen", "wird", None, "Ihm"),
    ("Der grüne Staatssekretär sagte der „Berliner Zeitung“,", "sagte", None, "Der grüne Staatssekretär",
     "der „Berliner Zeitung“"),
    (", sagte Georg Ratzinger zur Nachrichtenagentur dpa", "sagte", None, "Georg Ratzinger",
     "Nachrichtenagentur dpa"),
    ("Er appellierte an die Lehrkräfte,", "appellierte", None, "Er", "die Lehrkräfte"),
    # no addressee: a thing as the object, the occasion after "zur", a cue without an object
    ("Eine Laboranalyse bestätigte den Verdacht,", "bestätigte", None, "Eine Laboranalyse", None),
    ("Der Komiteechef sagte zur Begründung:", "sagte", None, "Der Komiteechef", None),
    ("Der Senatssprecher kritisierte den harten Kurs:", "kritisierte", None, "Der Senatssprecher", None),
    ("Der Minister sagte der Sprecher,", "sagte", None, None, None),
])
def test_quotes_roles_addressee_named_by_the_cue(frame, cue, extra, speaker, addressee):
    got = addressee_span(frame, Span(0, len(frame), frame), "de", _with_speaker(frame, cue, speaker, extra))
    assert (got.text if got else None) == addressee


def test_quotes_roles_find_fills_frame_and_addressee():
    text = "Der Minister sagte gegenüber der Presse, die Lage sei ernst."
    quotes = find(text, [(0, len(text))], (), "de")
    assert len(quotes) == 1
    q = quotes[0]
    assert [f.text for f in q.frame] == ["Der Minister sagte gegenüber der Presse,"]
    assert q.addressee is not None and q.addressee.text == "der Presse"
    assert with_roles(text, [(0, len(text))], [Quote(0, 3, "Der", "direct")], "de")[0].frame == ()


def test_quotes_roles_quoted_words_inside_an_indirect_message():
    text = ("Die Kanadier sagen, der Pilot der „Air France“ trage die „volle Verantwortung“ für die "
            "„Landung“.")
    q = find(text, [(0, len(text))], (), "de")[0]
    assert q.kind == "indirect"
    # a few words in quotation marks opening with a capital are a name: not the speaker's words
    assert [s.text for s in q.quoted] == ["„volle Verantwortung“"]
    spans = [(text.index("„volle"), text.index("“ für") + 1)]
    direct = Quote(0, len(text), text, "direct", cue=_span(text, "sagen"))
    assert quoted_inside(text, direct, spans) == ()
