"""Quotes: direct and indirect speech, cues, speakers and their resolution."""

from __future__ import annotations

import json

import pytest

from lagebild.analyze.entities import gazetteer
from lagebild.analyze.quotes import stage as quotes
from lagebild.model import Article
from lagebild.analyze.pipeline import Pipeline, registered
from tests.conftest import shared_path


def _sentences(text: str, language: str) -> list[tuple[int, int]]:
    doc = Pipeline.build(["lagebild.sentences"]).annotate(Article(id="t", text=text, language=language))
    return [(s.start, s.end) for s in doc.get("sentences")]


def find(text: str, language: str = "de"):
    return quotes.find(text, _sentences(text, language), gazetteer.find(text, language), language)


def _check_offsets(text: str, found) -> None:
    for q in found:
        assert text[q.start:q.end] == q.text
        if q.cue is not None:
            assert text[q.cue.start:q.cue.end] == q.cue.text
        if q.speaker is not None and q.speaker.start is not None:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.text
        for part in (q.cue_extra, *q.gaps):
            if part is not None:
                assert text[part.start:part.end] == part.text
        for gap in q.gaps:
            assert q.start < gap.start and gap.end < q.end


@pytest.mark.parametrize("text", [
    "„Die Lage an der Front ist ernst“, sagte der General.",
    '"Die Lage an der Front ist ernst", sagte der General.',
    "»Die Lage an der Front ist ernst«, sagte der General.",
    "«Die Lage an der Front ist ernst», sagte der General.",
    "‚Die Lage an der Front ist ernst‘, sagte der General.",
])
def test_quotes_direct_in_all_marks(text):
    found = find(text)
    _check_offsets(text, found)
    assert [q.kind for q in found] == ["direct"]
    assert found[0].cue.text == "sagte"
    assert found[0].speaker.text == "der General"
    assert "Lage an der Front" in found[0].text


def test_quotes_direct_interrupted_by_cue():
    text = "„Wir liefern keine Waffen“, sagte der Sprecher, „und daran wird sich nichts ändern.“"
    found = find(text)
    _check_offsets(text, found)
    assert [q.kind for q in found] == ["direct", "direct"]
    assert {q.speaker.text for q in found} == {"der Sprecher"}


def test_quotes_direct_spanning_sentences():
    text = "Der Minister sagte: „Die Lieferungen gehen weiter. Wir halten uns an alle Verträge.“"
    found = find(text)
    _check_offsets(text, found)
    assert len(found) == 1 and found[0].kind == "direct"
    assert found[0].text.endswith("Verträge.“")
    assert found[0].speaker.text == "Der Minister"


@pytest.mark.parametrize("text, cue, speaker, message_start", [
    ("Der Minister sagte am Montag, dass die Gespräche fortgesetzt würden.", "sagte", "Der Minister", "dass"),
    ("Die Lieferungen hätten zugenommen, sagt der Analyst.", "sagt", "der Analyst", "Die Lieferungen"),
    ("Laut Reuters hat die Regierung neue Sanktionen beschlossen.", "Laut", "Reuters", "hat die Regierung"),
    ("Der Regierung zufolge ist die Lage an der Grenze stabil.", "zufolge", "Der Regierung", "ist die Lage"),
    ("Nach Angaben der Polizei wurden drei Menschen verletzt.", "Nach", "Angaben der Polizei", "wurden drei"),
    ("Die Verhandlungen seien gescheitert, so der Vermittler.", "so", "der Vermittler", "Die Verhandlungen"),
    ("Wie die Zeitung berichtet, plant die Regierung eine Reform.", "berichtet", "die Zeitung",
     "plant die Regierung"),
    ("Die Sprecherin wies darauf hin, dass die Frist abgelaufen sei.", "wies darauf hin", "Die Sprecherin", "dass"),
    ("Am Donnerstag betonte der Botschafter, die Vereinbarung gelte weiter.", "betonte", "der Botschafter",
     "die Vereinbarung"),
    ("Seiner Meinung nach hätte die Stadt früher handeln müssen.", "nach", "Seiner Meinung", "hätte die Stadt"),
    ("Nach einer Stellungnahme der Armee befand sich der Hubschrauber auf einem Übungsflug.", "Nach",
     "einer Stellungnahme der Armee", "befand sich"),
    ("Laut bildblog.de veröffentlichte das Ministerium einen neuen Bericht.", "Laut", "bildblog.de",
     "veröffentlichte"),
    ("Medienberichten zufolge wurde der Vertrag gestern unterzeichnet.", "zufolge", "Medienberichten",
     "wurde der Vertrag"),
    ("Der Zug fährt wieder pünktlich, so die Bahn weiter.", "so", "die Bahn", "Der Zug"),
    ("Die Kamera des Teleskops ist seit Juni ausgefallen, das teilte das Institut mit.", "teilte", "das Institut",
     "Die Kamera"),
])
def test_quotes_indirect_german(text, cue, speaker, message_start):
    found = find(text)
    _check_offsets(text, found)
    assert len(found) == 1
    q = found[0]
    assert q.kind == "indirect"
    assert q.cue.text == cue
    assert q.speaker.text == speaker
    assert q.text.startswith(message_start)


@pytest.mark.parametrize("text, cue, speaker, message_start", [
    ("The minister said that the talks would continue next week.", "said", "The minister", "that"),
    ("According to officials, the convoy was attacked near the border.", "According to", "officials", "the convoy"),
    ("The shipments have increased sharply, the analyst said.", "said", "the analyst", "The shipments"),
    # whom it was told to stays out of the message
    ("Rubio told a crowd in Miami on Tuesday that voters are angry.", "told", "Rubio", "that voters"),
    ("Trump told the audience he would win the state.", "told", "Trump", "he would"),
    ("Clinton told The Associated Press on Monday she would stay in the race.", "told", "Clinton", "she would"),
])
def test_quotes_indirect_english(text, cue, speaker, message_start):
    found = find(text, "en")
    _check_offsets(text, found)
    assert len(found) == 1
    assert (found[0].cue.text, found[0].speaker.text) == (cue, speaker)
    assert found[0].text.startswith(message_start)


def test_quotes_direct_english():
    text = "“We will not give up,” he said."
    found = find(text, "en")
    assert [q.kind for q in found] == ["direct"]
    assert found[0].speaker.text == "he"


def test_quotes_pronoun_resolves_to_last_speaker():
    text = ("Die Lage sei ernst, sagte Kyrylo Budanow der Zeitung. "
            "„Wir brauchen mehr Munition“, fügte er hinzu.")
    found = find(text)
    assert found[-1].speaker.text == "er"
    assert found[-1].speaker.name == "Kyrylo Budanow"
    assert found[-1].cue.text.startswith("fügte")


def test_quotes_surname_resolves_to_full_name():
    text = ("Kyrylo Budanow gab der Zeitung ein langes Interview. "
            "Die Armee habe zu wenig Granaten, sagte Budanow.")
    found = find(text)
    assert found[-1].speaker.text == "Budanow"
    assert found[-1].speaker.name == "Kyrylo Budanow"


def test_quotes_role_phrase_resolves_to_apposition():
    text = ("Maria Hansen, die Sprecherin des Ministeriums, trat am Montag vor die Presse. "
            "Die Sprecherin des Ministeriums sagte, die Gespräche seien abgeschlossen.")
    found = find(text)
    assert found[-1].speaker.text == "Die Sprecherin des Ministeriums"
    assert found[-1].speaker.name == "Maria Hansen"


def test_quotes_konjunktiv_sentence_continues_previous_speaker():
    text = ("Der General sagte, die Armee habe genug Munition. "
            "Die Lage im Osten sei unter Kontrolle.")
    found = find(text)
    assert len(found) == 2
    assert found[1].cue is None
    assert found[1].speaker.text == "Der General"


def test_quotes_title_in_marks_is_no_quote():
    text = "Der Film „Das Boot“ lief gestern im Fernsehen."
    assert find(text) == []


def test_quotes_reported_speech_act_is_whole_sentence():
    text = "Der Verkehrsminister forderte am Montag eine rasche Reparatur der Brücke."
    found = find(text)
    _check_offsets(text, found)
    assert len(found) == 1
    assert found[0].text == text  # SpkAtt: the final mark belongs to a reported sentence
    assert found[0].speaker.text == "Der Verkehrsminister"


def test_quotes_reported_speech_act_needs_a_speaker():
    text = "Mit dem neuen Programm schließt sich eine oft beklagte Lücke im Angebot der Stadt."
    assert find(text) == []


def test_quotes_free_indirect_sentences_form_one_quote():
    text = ("Der Sprecher sagte, der Schaden sei groß. Die Brücke bleibe vorerst gesperrt. "
            "Eine Umleitung werde eingerichtet.")
    found = find(text)
    _check_offsets(text, found)
    assert len(found) == 2
    assert found[1].text == "Die Brücke bleibe vorerst gesperrt. Eine Umleitung werde eingerichtet."
    assert found[1].cue is None and found[1].speaker.text == "Der Sprecher"


@pytest.mark.parametrize("text, cue, speaker", [
    ("In der Mitteilung heißt es, die Lage sei unter Kontrolle.", "heißt es", "der Mitteilung"),
    ("Der Trainer äußerte sich, die Mannschaft habe gut gespielt.", "äußerte sich", "Der Trainer"),
    ("„Wir bauen die Halle bis zum Sommer“, so der Architekt.", "so", "der Architekt"),
    ("„Die Werte sind unauffällig“, sagte Prof. Dr. Anna Weber.", "sagte", "Prof. Dr. Anna Weber"),
    # a fronted adverb is no speaker: the subject after the cue is
    ("Bislang gingen die Forscher davon aus, dass die Werte stabil seien.", "gingen", "die Forscher"),
    ("Offiziell geht die Regierung davon aus, dass der Plan scheitern werde.", "geht", "die Regierung"),
])
def test_quotes_cue_and_speaker_boundaries(text, cue, speaker):
    found = find(text)
    _check_offsets(text, found)
    assert len(found) == 1
    assert found[0].cue.text == cue
    assert (found[0].speaker.text if found[0].speaker else None) == speaker


def test_quotes_demonstrative_reports_previous_sentence():
    text = "Die Partei schließt eine Koalition mit den Grünen aus. Dies bestätigte der Vorsitzende am Abend."
    found = find(text)
    _check_offsets(text, found)
    assert len(found) == 1
    assert found[0].text.startswith("Die Partei") and found[0].text.endswith("Dies")
    assert (found[0].cue.text, found[0].speaker.text) == ("bestätigte", "der Vorsitzende")


def test_quotes_phrase_in_marks_belongs_to_indirect_message():
    text = "Der Minister sagte, die Reform sei „ein großer Schritt nach vorn“ für das Land."
    found = find(text)
    _check_offsets(text, found)
    assert len(found) == 1
    assert found[0].kind == "indirect" and "„ein großer Schritt nach vorn“" in found[0].text
    assert found[0].cue.text == "sagte"


@pytest.mark.parametrize("text, second", [
    ("Der Arzt sagte: „Wir haben alles versucht.“ Die Lage sei aber weiter sehr ernst.",
     "Die Lage sei aber weiter sehr ernst."),
    ("Der Sprecher sagte, der Schaden sei groß. Das System funktioniere aber wieder normal.",
     "Das System funktioniere aber wieder normal."),
])
def test_quotes_konjunktiv_continuation_after_quote(text, second):
    found = find(text)
    _check_offsets(text, found)
    assert len(found) == 2
    assert found[1].text == second and found[1].cue is None


def test_quotes_reported_speech_act_by_group_noun():
    text = "Augenzeugen berichteten von mindestens drei Verletzten."
    found = find(text)
    assert len(found) == 1 and found[0].speaker.text == "Augenzeugen"


def test_quotes_stage_is_version_20():
    spec = registered()["lagebild.quotes"]
    assert spec.version == "20"
    assert "quotes" in spec.provides


@pytest.mark.shared
def test_quotes_seeds_speakers():
    seeds = shared_path("seeds", "seeds.jsonl")
    pipeline = Pipeline.build(["lagebild.sentences", "lagebild.entities", "lagebild.quotes"])
    names: set[str] = set()
    texts: set[str] = set()
    for line in seeds.read_text("utf-8").splitlines():
        data = json.loads(line)
        article = Article(id=data["id"], text=data["text"], language=data["language"])
        found = pipeline.annotate(article).get("quotes")
        _check_offsets(article.text, found)
        names.update(q.speaker.name or "" for q in found if q.speaker)
        texts.update(q.speaker.text or "" for q in found if q.speaker)
    assert any("Budanov" in n or "Budanow" in n for n in names)
    assert any("Kirby" in n for n in names)
    assert any("Sprecher des ukrainischen Militärgeheimdienstes" in t for t in texts)


@pytest.mark.parametrize("text, cue, extra", [
    ("Die Polizei teilte am Montag in Berlin mit, der Täter sei gefasst.", "teilte", "mit"),
    ("Der Minister hat am Montag angekündigt, die Lieferungen würden fortgesetzt.", "angekündigt", "hat"),
    ("Wie die Polizei am Montag mitteilte, ist der Täter gefasst worden.", "mitteilte", "Wie"),
    ("Der Sprecher wies in Berlin darauf hin, dass die Lage ernst sei.", "wies", "darauf hin"),
    ("Die Polizei sagte, der Täter sei gefasst.", "sagte", None),
    # the words between a verb and its particle stay out of the cue
    ("Er fügte hinzu, der Täter sei gefasst.", "fügte hinzu", None),
    ("Der Sprecher fügte gestern hinzu, der Täter sei gefasst.", "fügte", "hinzu"),
    # a participle holding its particle takes its auxiliary, not a later "zu"
    ("Der Minister hatte am Montag zugesagt, die Stadt zu unterstützen.", "zugesagt", "hatte"),
    ("Wie die Ärzte festgestellt hatten, sei die Lage ernst.", "festgestellt", "hatten"),
    ("Die Ärzte warnten davor, die Lage sei ernst.", "warnten", "davor"),
    ("Es wird vermutet, dass der Täter geflohen sei.", "Es wird vermutet", None),
])
def test_quotes_split_cue_has_its_detached_part(text, cue, extra):
    found = find(text)
    _check_offsets(text, found)
    assert len(found) == 1 and found[0].cue.text == cue
    assert (found[0].cue_extra.text if found[0].cue_extra else None) == extra


@pytest.mark.parametrize("text, gap", [
    ("Die Lieferungen seien laut Außenministerium bereits gestoppt worden.", "laut Außenministerium"),
    ("Die Lieferungen, so der Minister, seien bereits gestoppt worden.", ", so der Minister,"),
    ("Die Wiener Linien haben Medieninformationen zufolge das Gehalt nicht bezahlt.", "Medieninformationen zufolge"),
    ("Die Kürzung verstoße, wie der Anwalt sagt, gegen den Grundsatz der Gleichbehandlung.", ", wie der Anwalt sagt,"),
])
def test_quotes_source_inside_message_is_a_gap(text, gap):
    found = find(text)
    _check_offsets(text, found)
    assert len(found) == 1 and [g.text for g in found[0].gaps] == [gap]
    assert found[0].speaker.text in gap and found[0].cue.text in gap


def test_quotes_source_at_sentence_start_leaves_no_gap():
    text = "Laut Außenministerium sind die Lieferungen bereits gestoppt worden."
    found = find(text)
    assert len(found) == 1 and found[0].gaps == () and found[0].text.startswith("sind")


@pytest.mark.parametrize("text, speaker", [
    # the noun phrase ends before the verb and the next noun
    ("Grund für den Brand waren laut Ministerium Arbeiten an der Stromübergabestelle.", "Ministerium"),
    ("Laut Aussage des Justizministeriums lebte der Mann seit zwölf Jahren illegal im Land.",
     "Aussage des Justizministeriums"),
    ("Nach Angaben der Polizei kamen die Täter gegen fünf Uhr in die Wohnung.", "Angaben der Polizei"),
    ("Nach Angaben der Staatsanwaltschaft sollen auch Mitglieder der Gruppe beteiligt gewesen sein.",
     "Angaben der Staatsanwaltschaft"),
    # a relative clause or a clause in front of the subject is no part of it
    ("Der Sender, der in der ARD für den Vertrag zuständig ist, begründete, die Daten würden genutzt.",
     "Der Sender"),
    ("Es sind 500 neue Arbeitsplätze entstanden, die Betreiber sprechen davon, dass es mehr würden.",
     "die Betreiber"),
    ("Wie Steve Marshall, Sprecher der UN-Büros, mitteilte, hat die Regierung nur sieben Boote geschickt.",
     "Steve Marshall, Sprecher der UN-Büros"),
    ("Auch Volker Beck sagte, dem Mann dürfe kein Visum erteilt werden.", "Volker Beck"),
    # "X zufolge" inside a clause: the noun phrase in front of "zufolge"
    ("Die Folgen sind spürbar, wo Russland Berichten zufolge nordkoreanische Raketen verwendet.", "Berichten"),
    ("Auch al-Qaida-Gruppen gewinnen Medienberichten zufolge an Einfluss im Jemen.", "Medienberichten"),
    ("Im Bericht der Kommission hieß es, die Lage sei ernst.", "Bericht der Kommission"),
])
def test_quotes_speaker_is_a_noun_phrase_german(text, speaker):
    found = find(text)
    _check_offsets(text, found)
    assert [q.speaker.text for q in found if q.speaker] == [speaker]


def test_quotes_zufolge_in_subordinate_clause_keeps_that_clause():
    text = "Die Folgen sind spürbar, wo Russland Berichten zufolge nordkoreanische Raketen verwendet."
    (q,) = find(text)
    assert q.text.startswith("wo Russland") and [g.text for g in q.gaps] == ["Berichten zufolge"]


@pytest.mark.parametrize("text, speaker", [
    ("Speaking to reporters in Rome, Austin said there was evidence of the deployment.", "Austin"),
    ("In a joint statement, the signatories said the deliveries were adding to the suffering.", "the signatories"),
    ("Secretary of State Antony Blinken said Russia had received the missiles.", "Secretary of State Antony Blinken"),
    ("The ratification comes as Ukrainian officials report the first encounters with the units.",
     "Ukrainian officials"),
    ("Foreign Minister Abbas Araghchi dismissed the claims and said Tehran had not delivered missiles.",
     "Foreign Minister Abbas Araghchi"),
])
def test_quotes_speaker_is_a_noun_phrase_english(text, speaker):
    found = find(text, "en")
    _check_offsets(text, found)
    assert [q.speaker.text for q in found if q.speaker] == [speaker]


@pytest.mark.parametrize("text", [
    # the cue stands in a relative clause or after an auxiliary: no speaker, no quote
    "The disclosure came after Kim travelled to the cosmodrome for talks with Putin, a summit US officials had "
    "warned would tighten military ties.",
    "The troop movements follow a year of arms deliveries, which South Korean officials estimate at millions.",
    "Vladimir Putin, asked about the reports at the summit in Kazan on Thursday, did not deny them.",
])
def test_quotes_english_clause_fragment_is_no_speaker(text):
    found = find(text, "en")
    _check_offsets(text, found)
    assert not [q for q in found if q.speaker is not None and q.speaker.text.split()[-1] in {"had", "not", "officials"}]


@pytest.mark.parametrize("text", [
    "Seit Donnerstag halten Demonstranten – so werden die Anhänger wegen ihrer Kleidung genannt – den Platz besetzt.",
    "Sie wurde zu sieben Jahren Haft wegen Amtsmissbrauch verurteilt.",
    "Den Zusammenhang mit den Morden konnte die Polizei zunächst nicht bestätigen.",
    "Danach war das Flugzeug über die Bahn hinausgeschossen, zerbrach und brannte aus.",
])
def test_quotes_filter_no_speech(text):
    assert find(text) == []


@pytest.mark.parametrize("text, speaker", [
    ("Die al-Shabaab wurde von Kenias Regierung beschuldigt, die Anschläge verübt zu haben.", "Kenias Regierung"),
    ("Dem Mann wird vorgeworfen, die Warnungen ignoriert zu haben.", None),
    ("Am Montag sagte der 81-jährige in einem Interview, dass die Maus sofort tot gewesen sei.", "der 81-jährige"),
    ("Erst vor zwei Tagen hatte der Investor für den Neubau zugesagt, nicht weiter bestimmen zu wollen.", "der Investor"),
    ("Deren Haltung gegenüber der PKK bezeichnete er als „zutiefst verlogen und heuchlerisch“.", "er"),
    ("Der Grund für den Rauswurf, so vermutet die Zeitung The Guardian, dürfte deren Unterstützung gewesen sein.",
     "die Zeitung The Guardian"),
])
def test_quotes_filter_speakers(text, speaker):
    found = find(text)
    _check_offsets(text, found)
    assert len(found) == 1
    assert (found[0].speaker.text if found[0].speaker else None) == speaker


def test_quotes_told_addressee_not_in_message():
    text = "He told the newspaper, Russian troops would not reach the city before winter."
    found = find(text, "en")
    _check_offsets(text, found)
    assert [q.text for q in found] == ["Russian troops would not reach the city before winter"]
    assert found[0].speaker.text == "He"


def test_quotes_nach_document_source():
    text = "Nach einer Veröffentlichung im Wissenschaftsmagazin „Nature“ haben Forscher ein Ozonloch entdeckt."
    found = find(text)
    assert len(found) == 1 and found[0].cue.text == "Nach"
    assert "Veröffentlichung" in found[0].speaker.text


def test_konjunktiv_after_a_comparison_continues_a_quote():
    text = ("Der Minister sagte, die Lage sei ernst. "
            "Das Viertel sei dennoch kein Problemgebiet, an dem mehr los sei als sonst.")
    found = find(text)
    assert [q.text for q in found][-1].startswith("Das Viertel sei dennoch")
    assert found[-1].speaker is not None and found[-1].speaker.text == "Der Minister"


def test_conditional_konjunktiv_two_is_no_quote():
    text = ("Der Minister sagte, die Lage sei ernst. "
            "Falls die Eisbären als bedroht eingestuft werden, wäre es die erste Art dieser Liste.")
    assert [q.text for q in find(text)] == ["die Lage sei ernst"]


def test_sollen_right_after_a_quote_continues_it():
    text = ("Die Gewerkschaft kündigte an, den Streik auszuweiten. "
            "Die Busse und Bahnen sollen am Mittwoch in ihren Depots bleiben.")
    found = find(text)
    assert found[-1].text.startswith("Die Busse und Bahnen sollen")
    assert found[-1].speaker is not None and found[-1].speaker.text == "Die Gewerkschaft"


def test_sollen_far_from_a_quote_or_in_a_subordinate_clause_is_no_quote():
    assert find("Die Kuppel soll zwei Astronauten Platz bieten. Sie wiegt 1.800 Kilogramm.") == []
    text = ("Die Gewerkschaft kündigte an, den Streik auszuweiten. "
            "Betroffen sind 52 Kinder, die in der nächsten Zeit adoptiert werden sollten.")
    assert len(find(text)) == 1


@pytest.mark.parametrize("text, speaker", [
    ("Der Konzern wies die Vorwürfe der Umweltschützer entschieden zurück.", "Der Konzern"),
    ("Die Polizei bezifferte den Schaden auf mehrere Millionen Euro.", "Die Polizei"),
    ("Der Bürgermeister von Orleans forderte daher die Unterstützung der Nationalgarde.",
     "Der Bürgermeister von Orleans"),
])
def test_reported_speech_acts_take_the_whole_sentence(text, speaker):
    found = find(text)
    assert len(found) == 1 and found[0].text == text and found[0].speaker.text == speaker


def test_continuation_keeps_the_pronoun_source_of_the_quote_it_continues():
    text = ("Pérez ist Diplomat. Er sagte, die Regierung habe viel erreicht. "
            "Sie werde den Weg fortsetzen.")
    found = find(text)
    assert len(found) == 2 and found[1].speaker.text == "Er" and found[1].speaker.start == found[0].speaker.start


@pytest.mark.parametrize("text, speaker", [
    # a long subject with its apposition, a subject after a fronted adverb or a subordinator
    ("Der Vertreter der Arbeitgeber im Aufsichtsrat der Bundesagentur für Arbeit (BA), Peter Clever, hat "
     "in einem Interview gefordert, dass der Datenschutz gelockert werden solle.",
     "Der Vertreter der Arbeitgeber im Aufsichtsrat der Bundesagentur für Arbeit (BA), Peter Clever"),
    ("Dagegen beteuerte die Polizei, dass niemand verletzt worden sei.", "die Polizei"),
    ("In einer Presseerklärung, die am Mittwoch veröffentlicht wurde, wurde verkündet, dass die "
     "Verantwortlichen ausgeliefert würden.", "einer Presseerklärung"),
])
def test_quotes_speaker_read_from_the_cue_clause(text, speaker):
    assert [q.speaker.text if q.speaker else None for q in find(text)] == [speaker]


def test_quotes_no_speaker_from_a_passive_clause_object():
    text = "Ägypten wird inzwischen bereits aufgefordert, die Grenze zu öffnen."
    assert all(q.speaker is None or q.speaker.text != "Ägypten" for q in find(text))


def _english_triples(text: str) -> list[tuple[str, str | None, str | None]]:
    """Each English quote found in ``text`` as (message, speaker, cue)."""
    return [(q.text, q.speaker.text if q.speaker else None, q.cue.text if q.cue else None) for q in find(text, "en")]


@pytest.mark.parametrize("text, message, speaker, cue", [
    # a time between "said" and a bare reported clause belongs to the cue
    ("Sheldon Adelson said on Friday he met Donald Trump earlier this week.",
     "he met Donald Trump earlier this week", "Sheldon Adelson", "said"),
    ("The governor said Tuesday that the state would appeal the ruling.",
     "that the state would appeal the ruling", "The governor", "said Tuesday"),
    ("Lieutenant Governor Dan Patrick says Sen. Ted Cruz is standing tall after the primary.",
     "Sen. Ted Cruz is standing tall after the primary", "Lieutenant Governor Dan Patrick", "says"),
    # an English subject with its apposition, as PolNeAR marks it, and adverbs before the verb
    ("Her campaign manager, Robby Mook, also suggested that the staffers may have broken the law.",
     "that the staffers may have broken the law", "Her campaign manager, Robby Mook,", "also suggested"),
    ("“We are not sure how much lower he can sink,” said Virgie M. Rollins, chair of the Black Caucus.",
     "“We are not sure how much lower he can sink,”", "Virgie M. Rollins, chair of the Black Caucus", "said"),
    ("Republican presidential candidate Donald Trump argued that the senator has a long way to go.",
     "that the senator has a long way to go", "Republican presidential candidate Donald Trump", "argued"),
])
def test_quotes_english_speaker_and_cue_as_polnear_marks_them(text, message, speaker, cue):
    assert _english_triples(text) == [(message, speaker, cue)]


@pytest.mark.parametrize("text, message, speaker, cue", [
    # an English speech act with a noun-phrase content, as PolNeAR marks it
    ("Hillary Clinton called for further action to stem gun violence.",
     "further action to stem gun violence", "Hillary Clinton", "called for"),
    ("The bishops criticized the party's draft platform on abortion.",
     "the party's draft platform on abortion", "The bishops", "criticized"),
    # naming someone with quoted words: the object and the quotation
    ("Sen. Marco Rubio called the statement “offensive and outlandish.”",
     "the statement “offensive and outlandish.”", "Sen. Marco Rubio", "called"),
    ("He called her “third-rate” and left.", "her “third-rate”", "He", "called"),
    ("Most Democrats support a temporary ban on new pipelines.",
     "a temporary ban on new pipelines", "Most Democrats", "support"),
])
def test_quotes_english_speech_act_with_noun_phrase_content(text, message, speaker, cue):
    assert _english_triples(text) == [(message, speaker, cue)]


@pytest.mark.parametrize("text", [
    "The senator announced that he would run again.",  # a reported clause: the verb rule's
    "Police searched the house near the river.",  # no act verb
    "He criticized it.",  # a pronoun alone is no content
    "He called his brother on Sunday.",  # no quoted words after "called": no speech act
])
def test_quotes_english_speech_act_needs_a_noun_phrase(text):
    quotes = find(text, "en")
    assert all(q.text.startswith("that") for q in quotes)


def test_quotes_english_participle_act_takes_the_main_subject():
    text = "Bush also attacked Donald Trump, calling him a total loser of the debate."
    quotes = find(text, "en")
    assert [(q.text, q.speaker.text if q.speaker else None, q.cue.text if q.cue else None) for q in quotes] == [
        ("him a total loser of the debate", "Bush", "calling")]


@pytest.mark.parametrize("text, speaker", [
    ("Seit der Wahl wirft die Opposition Orbán vor, Gelder veruntreut zu haben.", "die Opposition"),
    ("Am Montag warf der Außenminister Sikorski Minsk vor, Migranten an die Grenze zu bringen.",
     "der Außenminister Sikorski"),
])
def test_quotes_the_accused_after_wirft_is_no_speaker(text, speaker):
    """"wirft X Y vor": X accuses, Y is accused; the speaker phrase ends before Y."""
    found = find(text)
    assert [q.speaker.text for q in found if q.speaker is not None] == [speaker]
