"""Events: triggers, arguments (supplier and recipient never swapped), attribution and status."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from functools import lru_cache

import pytest

from lagebild.analyze.entities import gazetteer
from lagebild.analyze.events import stage as events
from lagebild.analyze.quotes import stage as quotes
from lagebild.eval.events import DEFAULT_GOLD, read_events_gold
from lagebild.model import Argument, Article, Event, Span
from lagebild.analyze.events import role_checks
from lagebild.model.events import EVENT_TYPES, STATUSES, each_arg
from lagebild.analyze.pipeline import Pipeline, registered
from tests.conftest import shared_path


def find(text: str, language: str = "de"):
    doc = Pipeline.build(["lagebild.sentences"]).annotate(Article(id="t", text=text, language=language))
    sents = [(s.start, s.end) for s in doc.get("sentences")]
    ents = gazetteer.find(text, language)
    qs = quotes.find(text, sents, ents, language)
    return events.find(text, sents, ents, (), (), qs, language)


def _args(event) -> dict[str, str | list[str]]:
    return {role: [x.text for x in a] if isinstance(a, tuple) else a.text for role, a in event.args.items()}


def _check_offsets(text: str, found) -> None:
    for e in found:
        assert text[e.start:e.end] == e.text
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
        for _role, a in each_arg(e.args):
            assert text[a.start:a.end] == a.text


@pytest.mark.parametrize("text, language, etype, status, expected", [
    ("Russland erhält Granaten aus Nordkorea.", "de", "SUPPLY", "asserted",
     {"supplier": "Nordkorea", "recipient": "Russland", "item": "Granaten"}),
    ("Nordkorea hat Russland Artilleriemunition geliefert.", "de", "SUPPLY", "asserted",
     {"supplier": "Nordkorea", "recipient": "Russland", "item": "Artilleriemunition"}),
    ("Pjöngjang soll Moskau ballistische Raketen geliefert haben.", "de", "SUPPLY", "alleged",
     {"supplier": "Pjöngjang", "recipient": "Moskau", "item": "ballistische Raketen"}),
    ("Teheran könnte Moskau weitere Drohnen liefern.", "de", "SUPPLY", "hedged",
     {"supplier": "Teheran", "recipient": "Moskau", "item": "Drohnen"}),
    ("Der Iran will Russland Raketen verkaufen.", "de", "SUPPLY", "planned",
     {"supplier": "Iran", "recipient": "Russland"}),
    ("Die Lieferung nordkoreanischer Granaten an Russland hat zugenommen.", "de", "SUPPLY", "asserted",
     {"supplier": "nordkoreanischer", "recipient": "Russland", "item": "Granaten"}),
    ("Laut Reuters hat Russland Raketen auf Kiew abgefeuert.", "de", "ATTACK", "reported",
     {"attacker": "Russland", "target": "Kiew", "weapon": "Raketen"}),
    ("Am Montag griffen russische Truppen Kiew mit Drohnen an.", "de", "ATTACK", "asserted",
     {"attacker": "russische Truppen", "target": "Kiew", "weapon": "Drohnen"}),
    ("Russland und Nordkorea unterzeichneten einen Pakt.", "de", "AGREE", "asserted",
     {"parties": ["Russland", "Nordkorea"], "object": "Pakt"}),
    ("Russland verhandelt mit dem Iran über neue Drohnen.", "de", "NEGOTIATE", "asserted",
     {"parties": ["Russland", "Iran"]}),
    ("Die EU verhängte Sanktionen gegen Nordkorea.", "de", "SANCTION", "asserted",
     {"sanctioner": "EU", "target": "Nordkorea"}),
    ("Der Kreml plant einen Besuch in Pjöngjang.", "de", "VISIT", "planned", {"destination": "Pjöngjang"}),
    ("Südkorea verurteilte den Raketentest scharf.", "de", "CONDEMN", "asserted", {"speaker": "Südkorea"}),
    ("Russia received artillery shells from North Korea.", "en", "SUPPLY", "asserted",
     {"supplier": "North Korea", "recipient": "Russia", "item": "artillery shells"}),
    ("Reportedly, North Korea shipped missiles to Russia.", "en", "SUPPLY", "alleged",
     {"supplier": "North Korea", "recipient": "Russia", "item": "missiles"}),
    ("Russia will deliver air defence systems to Belarus.", "en", "SUPPLY", "planned",
     {"supplier": "Russia", "recipient": "Belarus"}),
])
def test_events_table(text, language, etype, status, expected):
    found = [e for e in find(text, language) if e.type == etype]
    _check_offsets(text, found)
    assert len(found) == 1, [(e.type, _args(e)) for e in find(text, language)]
    event = found[0]
    assert event.status == status
    args = _args(event)
    for role, surface in expected.items():
        assert args.get(role) == surface, (role, args)


def test_events_supplier_and_recipient_never_swapped_by_receive_verbs():
    for text in ("Russland erhält Munition aus Nordkorea.", "Russland bekam Granaten von Nordkorea."):
        (event,) = [e for e in find(text) if e.type == "SUPPLY"]
        assert _args(event)["supplier"] == "Nordkorea"
        assert _args(event)["recipient"] == "Russland"


def test_events_denial_marks_the_denied_supply():
    text = "Moskau hat Waffenlieferungen aus Nordkorea bestritten."
    found = find(text)
    by_type = {e.type: e for e in found}
    assert by_type["DENY"].args["speaker"].text == "Moskau"
    assert by_type["SUPPLY"].status == "denied"
    assert by_type["SUPPLY"].args["supplier"].text == "Nordkorea"


@pytest.mark.parametrize("text, kind", [
    ("Nach US-Erkenntnissen hat Russland Raketen aus Nordkorea abgefeuert.", "intelligence"),
    ("Laut Kyiv Independent hat Nordkorea Granaten an Russland geliefert.", "outlet"),
    ("Experten vermuten, dass Nordkorea Granaten an Russland liefert.", "experts"),
])
def test_events_attribution_kinds(text, kind):
    found = [e for e in find(text) if e.type in {"ATTACK", "SUPPLY"}]
    assert found and found[0].attribution is not None
    assert found[0].attribution.kind == kind
    assert found[0].status in {"reported", "hedged"}


def test_events_attribution_names_the_quoted_speaker():
    text = "John Kirby sagte, Nordkorea habe Russland Raketen geliefert."
    (event,) = [e for e in find(text) if e.type == "SUPPLY"]
    assert event.attribution.text == "John Kirby"
    assert event.attribution.kind == "speaker"
    assert event.status == "reported"
    assert _args(event)["supplier"] == "Nordkorea"


def test_events_learned_model_decides_with_a_confidence():
    """The shipped models load, give every event a probability, and find plain news events."""
    from lagebild.analyze.events import learned

    for language in ("de", "en"):
        model = learned.load(language)
        assert model is not None and 0 < model.rule_threshold <= model.threshold < 1
    text = "Bei einem Feuergefecht mit den Taliban wurden drei Soldaten getötet. Kerry traf Lawrow am Montag in Wien."
    evs = _full(text, learned_events=True)
    assert {"ATTACK", "MEET"} <= {e.type for e in evs}
    assert all(e.confidence is not None and 0 < e.confidence <= 1 for e in evs)
    meet = _one(evs, "MEET")
    assert _args(meet)["participants"] == ["Kerry", "Lawrow"]
    assert all(e.confidence is None for e in _full(text))  # the rules alone: no confidence


def test_events_stage_is_version_39():
    spec = registered()["lagebild.events"]
    assert spec.version == "39"
    assert "quotes" in spec.requires


def test_events_gold_file_is_valid_and_large_enough():
    items = read_events_gold(DEFAULT_GOLD)
    german = [i for i in items if i["language"] == "de"]
    english = [i for i in items if i["language"] == "en"]
    assert len(german) >= 60 and len(english) >= 20
    for item in items:
        for event in item["events"]:
            assert event["type"] in EVENT_TYPES and event["status"] in STATUSES


@pytest.mark.shared
def test_events_seeds_supplies_strikes_meetings_and_planned_visit():
    seeds = shared_path("seeds", "seeds.jsonl")
    pipeline = Pipeline.build()
    found = []
    for line in seeds.read_text("utf-8").splitlines():
        data = json.loads(line)
        article = Article(id=data["id"], text=data["text"], language=data["language"])
        evs = pipeline.annotate(article).get("events")
        _check_offsets(article.text, evs)
        found.extend(evs)
    supplies = [e for e in found if e.type == "SUPPLY" and "supplier" in e.args and "recipient" in e.args]
    assert any(e.attribution and "Kirby" in e.attribution.text for e in supplies)
    assert any(e.args["supplier"].text in {"Nordkorea", "Pjöngjang"} for e in supplies)
    assert any(e.type == "ATTACK" for e in found)
    assert any(e.type == "MEET" for e in found)
    assert any(e.type == "VISIT" and e.status == "planned" and "Putin" in e.args.get("visitor", e.trigger).text
               for e in found)
    visits = [e for e in found if e.type == "VISIT" and "visitor" in e.args]
    assert all(e.args["visitor"].text not in {"Pjöngjang", "Nordkorea"} for e in visits)  # the official travels
    accusations = [e for e in found if e.type == "ACCUSE"]
    assert all(e.args.get("speaker") is None or e.args["speaker"].text != "Pjöngjang" for e in accusations)


@lru_cache(maxsize=1)
def _seed_events() -> tuple:
    """The events of every seed article (annotated once for the tests that read them)."""
    seeds = shared_path("seeds", "seeds.jsonl")
    pipeline = Pipeline.build()
    found = []
    for line in seeds.read_text("utf-8").splitlines():
        data = json.loads(line)
        article = Article.create(data["text"], language=data["language"],
                                 published=date.fromisoformat(data["published"]))
        found.extend(pipeline.annotate(article).get("events"))
    return tuple(found)


@pytest.mark.shared
def test_events_seeds_the_issue_names_with_arguments_time_and_status():
    """Issue 16: the Putin-Kim meeting of September 2023, the Putin-Choe meeting "diese Woche", the
    deliveries North Korea "wird beschuldigt … geliefert zu haben" (alleged), the strike on Kharkiv
    of 2 January, each with its arguments, time and status."""
    found = _seed_events()

    def names(e, role):
        value = e.args.get(role)
        return {a.text for a in value} if isinstance(value, tuple) else {value.text} if value is not None else set()

    meets = [e for e in found if e.type == "MEET"]
    assert any({"Wladimir Putin", "Kim Jong-un"} <= names(e, "participants") and e.time == "2023-09"
               and e.status == "asserted" for e in meets)
    assert any("Putin" in names(e, "participants") and any(n.startswith("Choe") for n in names(e, "participants"))
               and e.time == "2024-W03" for e in meets)
    assert any(e.type == "SUPPLY" and e.status == "alleged" and names(e, "supplier") == {"Nordkorea"}
               and any("Raketen" in x for x in names(e, "item")) for e in found)
    assert any(e.type == "ATTACK" and e.time == "2024-01-02" and names(e, "place") == {"Charkiw"}
               and "Russland" in names(e, "attacker") for e in found)
    assert not any(e.type == "ACCUSE" and e.trigger.text == "wirft" for e in found)  # "wirft … Bedenken auf"


def _full(text: str, language: str = "de", learned_events: bool = False):
    """The whole chain; the events of the rules alone unless ``learned_events`` (the rules are the
    learned model's features and second opinion, and these tests pin what they find)."""
    doc = Pipeline.build(learned_events=learned_events).annotate(
        Article.create(text, language=language, published=date(2024, 1, 20)))
    evs = doc.get("events")
    _check_offsets(doc.text, evs)
    return evs


def _one(evs, etype: str):
    found = [e for e in evs if e.type == etype]
    assert len(found) == 1, [(e.type, _args(e)) for e in evs]
    return found[0]


@pytest.mark.parametrize("text, language, etype, status, expected", [
    # a state in front of an office and its holder is no participant of its own
    ("Irans Außenminister Abbas Araghchi und Sergej Lawrow sind am Freitag in Teheran zusammengekommen.", "de",
     "MEET", "asserted", {"participants": ["Abbas Araghchi", "Sergej Lawrow"], "place": "Teheran"}),
    # "des Peking-Beamten": the official named before travels, not the state
    ("Lawrow empfing den chinesischen Außenminister Wang Yi am Dienstag in Moskau während einer viertägigen Reise "
     "des hochrangigen Peking-Beamten.", "de", "VISIT", "asserted", {"visitor": "Wang Yi"}),
    # the invitee is the visitor; the time of the invitation is not the time of the visit
    ("Lukaschenko hatte Xi Jinping im Mai zu einem Staatsbesuch eingeladen.", "de", "VISIT", "planned",
     {"visitor": "Xi Jinping"}),
    # a meeting in a temporal phrase took place, whatever the clause alleges
    ("Seit dem Treffen zwischen Xi und Putin im Mai werfen die USA Peking vor, Drohnenteile an Russland zu liefern.",
     "de", "MEET", "asserted", {"participants": ["Xi", "Putin"]}),
    ("Seit dem Treffen zwischen Xi und Putin im Mai werfen die USA Peking vor, Drohnenteile an Russland zu liefern.",
     "de", "SUPPLY", "alleged", {"supplier": "Peking", "recipient": "Russland", "item": "Drohnenteile"}),
    # the object of "visit" is the destination, not a later "trip to"
    ("Lukashenko plans to visit China, the state news agency Belta reported, in what would be his third trip to "
     "Beijing.", "en", "VISIT", "planned", {"visitor": "Lukashenko", "destination": "China"}),
    # receiving a person is a meeting
    ("Xi made the remarks when he received Belarusian Prime Minister Roman Golovchenko in Beijing.", "en", "MEET",
     "asserted", {"participants": ["Xi", "Roman Golovchenko"]}),
    # "said … that": the subject of the reported clause acts
    ("The White House said on Monday that Iranian forces had fired drones at Odesa.", "en", "ATTACK", "reported",
     {"attacker": "Iranian forces", "weapon": "drones", "target": "Odesa"}),
    ("Scholz sagte am Mittwoch bei einem Besuch in Kiew, Russland habe Drohnen aus Iran erhalten.", "de", "SUPPLY",
     "reported", {"supplier": "Iran", "recipient": "Russland", "item": "Drohnen"}),
    # a subject pronoun stands for the person named before it
    ("Kim extended the invitation in March, when he and Lukashenko met in Minsk.", "en", "MEET", "asserted",
     {"participants": ["Kim", "Lukashenko"], "place": "Minsk"}),
])
def test_events_real_text_arguments_and_status(text, language, etype, status, expected):
    event = _one(_full(text, language), etype)
    assert event.status == status
    assert {role: _args(event).get(role) for role in expected} == expected


def test_events_report_frame_is_the_reports_own():
    evs = _full("Scholz sagte am Mittwoch bei einem Besuch in Kiew, Russland habe Drohnen aus Iran erhalten.")
    assert _one(evs, "VISIT").attribution is None
    assert _one(evs, "SUPPLY").attribution.text == "Scholz"


@pytest.mark.parametrize("text, language, source", [
    ("Putin intends to visit North Korea soon, the country's state news agency KCNA reported on Sunday.", "en",
     "KCNA"),
    ("Nach Erkenntnissen westlicher Geheimdienste hat Pjöngjang Raketen an Russland geliefert.", "de",
     "Erkenntnissen westlicher Geheimdienste"),
])
def test_events_attribution_names_the_whole_source(text, language, source):
    event = next(e for e in _full(text, language) if e.type in {"VISIT", "SUPPLY"})
    assert event.attribution is not None and event.attribution.text == source


@pytest.mark.parametrize("sentence,value,item,status", [
    ("Ein Beamter sprach von etwa 1,5 Millionen Granaten, die Pjöngjang nach Russland verschifft haben soll.",
     1_500_000, "Granaten", "alleged"),
    ("Es geht um rund 300 Raketen, die Nordkorea an Russland geliefert hat.", 300, "Raketen", "asserted"),
])
def test_events_relative_clause_takes_the_antecedent_quantity(sentence, value, item, status):
    from datetime import date

    from lagebild.model import Article
    from lagebild.analyze.pipeline import Pipeline

    doc = Pipeline.build(learned_events=False).annotate(
        Article.create(sentence, language="de", published=date(2024, 1, 25)))
    supply = [e for e in doc.layers["events"] if e.type == "SUPPLY"]
    assert len(supply) == 1
    e = supply[0]
    assert e.args["quantity"].value == value and item in e.args["item"].text
    assert e.status == status
    for arg in e.args.values():
        assert sentence[arg.start:arg.end] == arg.text


def test_events_learned_encoder_scores_as_the_training_features():
    """The run-time encoder (indices, window sums) gives the probabilities of the string features
    the model was trained on."""
    import numpy as np

    from lagebild.analyze.events import learned
    from lagebild.analyze.text.speech import tokens

    for language, text in (("de", "Bei einem Feuergefecht mit den Taliban wurden am Montag drei Soldaten getötet, "
                                   "sagte ein Sprecher der Polizei in Kabul."),
                           ("en", "Russian forces fired drones at Odesa on Monday, the governor said.")):
        model = learned.load(language)
        toks = tokens(text, 0, len(text))
        info = learned.word_info(toks, language)
        rule = {3: "ATTACK"}
        expected = model.triggers.batch([learned.token_features(toks, i, rule, info) for i in range(len(toks))])
        got = learned.encoder(model, language).probabilities(toks, rule)
        words = [t.is_word for t in toks]
        assert np.allclose(expected[words], got[words], atol=1e-5)


def test_events_learned_encoder_article_batch_gives_each_sentence_its_own_floats():
    """An article's sentences scored in one batch get exactly the probabilities each gets alone
    (the events stage scores an article at once; its output must not depend on the batch)."""
    import numpy as np

    from lagebild.analyze.events import learned
    from lagebild.analyze.text.speech import tokens

    sentences = ["Russland hat in der Nacht Kiew mit Drohnen angegriffen.", "Ja.", "",
                 "Der Kreml bestritt am Montag, Waffen aus Nordkorea erhalten zu haben, sagte ein Sprecher in Moskau.",
                 "Putin und Kim trafen sich im September im Weltraumbahnhof Wostotschny zu Gesprächen über Raketen "
                 "und Munition, die Nordkorea nach Angaben aus Washington an Russland liefert."]
    model = learned.load("de")
    enc = learned.encoder(model, "de")
    batch = [(tokens(s, 0, len(s)), {2: "ATTACK"} if k == 0 else {}) for k, s in enumerate(sentences)]
    for (toks, rule), got in zip(batch, enc.probabilities_many(batch)):
        assert got.shape == (len(toks), len(model.triggers.labels))
        if toks:
            assert np.array_equal(got, enc.probabilities(toks, rule))


@pytest.mark.parametrize("text, language, etype, source", [
    ("Die Nachrichtenagentur Reuters berichtete am Montag über neue Angriffe. Demnach hat Russland Kiew mit Drohnen "
     "angegriffen.", "de", "ATTACK", "Reuters"),
    ("Laut dem ukrainischen Militärgeheimdienst liefert Nordkorea weiter Munition. Nordkorea hat demnach eine Million "
     "Granaten an Russland geliefert.", "de", "SUPPLY", "dem ukrainischen Militärgeheimdienst"),
    ("Das Pentagon legte am Montag einen Bericht vor. Demnach lieferte Nordkorea Raketen an Russland.", "de", "SUPPLY",
     "Pentagon"),
    ("Reuters reported new strikes on Monday. According to this, Russia attacked Kyiv with drones.", "en", "ATTACK",
     "Reuters"),
])
def test_events_demnach_carries_the_source_of_the_sentence_before(text, language, etype, source):
    """Issue 16: "demnach" / "according to this" carries the source of the sentence before."""
    evs = Pipeline.build().annotate(Article.create(text, language=language)).get("events")
    second = text.index(".") + 1
    found = [e for e in evs if e.type == etype and e.trigger.start > second]
    assert found, [(e.type, e.trigger.text) for e in evs]
    for e in found:
        assert e.status == "reported"
        assert e.attribution is not None and e.attribution.text == source
        assert all(a.text.lower() not in {"according", "demnach"} for _, a in each_arg(e.args))


@pytest.mark.shared
def test_events_seeds_arguments_are_of_the_right_kind():
    """What the seeds' events must not hold: an office as the destination of Choe's trip, the
    missiles as a party to the Moscow–Tehran talks, an adjective as what North Korea is accused of."""
    found = _seed_events()
    texts = {(e.type, role, a.text) for e in found for role, a in each_arg(e.args)}
    assert ("VISIT", "destination", "Pjöngjang-Beamten") not in texts
    assert not any(t == "NEGOTIATE" and role == "parties" and "Raketen" in x for t, role, x in texts)
    assert ("ACCUSE", "about", "russischen") not in texts
    trips = [e for e in found if e.type == "VISIT" and e.trigger.text == "Reise"]  # Choe's trip to Moscow
    assert all(e.args["visitor"].text.startswith("Choe") for e in trips if "visitor" in e.args)
    for e in found:  # no participant twice, no adjective beside the office and name it belongs to
        if e.type == "MEET":
            people = [a.text for a in e.args.get("participants", ())]
            assert "nordkoreanischen" not in people and len(people) == len(set(people))
    talks = [e for e in found if e.type == "NEGOTIATE" and "Teheran" in {a.text for _, a in each_arg(e.args)}]
    assert talks and all({a.text for a in e.args["parties"]} == {"Moskau", "Teheran"} for e in talks)


@pytest.mark.parametrize("text, language, expected", [
    ("Kritiker werfen ihr vor, zu langsam reagiert zu haben.", "de", {"ihr": "PRON"}),
    ("We held a conference call with the companies.", "en", {"We": "PRON", "the companies": "NP"}),
])
def test_events_pronouns_and_phrases_are_argument_candidates(text, language, expected):
    from lagebild.analyze.events import learned_args
    from lagebild.analyze.text.speech import tokens
    toks = tokens(text, 0, len(text))
    found = {text[toks[c.start].start:toks[c.end - 1].end]: c.kind for c in learned_args.candidates(toks, [], language)}
    assert {k: found.get(k) for k in expected} == expected


@pytest.mark.parametrize("text, source", [
    ("In Washington geht man davon aus, dass Russland die Geschosse gegen Ziele nahe der Front einsetzen will.",
     "Washington"),
    ("Man geht davon aus, dass Russland die Geschosse gegen Ziele nahe der Front einsetzen will.", None),
])
def test_events_a_speech_verb_without_a_subject_is_no_source(text, source):
    """The verb of "geht man davon aus" was the source's name ("geht"); the frame's place is the
    source where it names one, else the report has no named source."""
    event = _one(_full(text), "ATTACK")
    assert (event.attribution.text if event.attribution else None) == source


@pytest.mark.parametrize("text, status, expected, absent", [
    # the second of two clauses joined by "und" and a finite verb: its place supplies nothing, its
    # future does not plan the receipt
    ("Der Minister sagte, Minsk habe Drohnen erhalten und werde sie bald in Polen testen.", "reported",
     {"recipient": "Minsk", "item": "Drohnen"}, "supplier"),
    ("Caracas hat Panzer gekauft und will sie nächstes Jahr in Kolumbien zeigen.", "asserted",
     {"recipient": "Caracas", "item": "Panzer"}, "supplier"),
])
def test_events_a_joined_clause_keeps_its_own_arguments_and_future(text, status, expected, absent):
    event = _one(_full(text, learned_events=True), "SUPPLY")
    assert event.status == status
    assert {role: _args(event).get(role) for role in expected} == expected
    assert absent not in event.args


@pytest.mark.parametrize("text, item", [
    ("Minsk könnte Venezuela im Tausch gegen Öl Panzer verkaufen.", "Panzer"),
    ("Minsk könnte im Austausch für Öl moderne Panzer an Venezuela liefern.", "moderne Panzer"),
    ("Minsk könnte Venezuela im Tausch gegen Öl liefern.", None),
])
def test_events_what_is_given_in_exchange_is_no_item(text, item):
    event = _one(_full(text, learned_events=True), "SUPPLY")
    assert _args(event).get("item") == item
    assert event.status == "hedged"


@pytest.mark.parametrize("text, speaker, target", [
    ("Seit der Wahl wirft die Opposition Orbán vor, Gelder veruntreut zu haben.", "die Opposition", "Orbán"),
    ("Am Montag warf Kiew Minsk vor, Söldner zu schicken.", "Kiew", "Minsk"),
])
def test_events_the_subject_after_wirft_accuses(text, speaker, target):
    event = _one(_full(text, learned_events=True), "ACCUSE")
    assert (_args(event).get("speaker"), _args(event).get("target")) == (speaker, target)


@pytest.mark.parametrize("text, language, etype, expected, absent", [
    # the source a phrase cites is no recipient
    ("Bisher habe Minsk solche Drohnen nach EU-Erkenntnissen noch nicht geliefert.", "de", "SUPPLY",
     {"supplier": "Minsk"}, "recipient"),
    # names listed together act together: the last is no target
    ("Spanien, Italien und Portugal reagierten mit neuen Sanktionen.", "de", "SANCTION", {}, "target"),
    # an office right before a name is that person
    ("Defence Minister Pal Jonson dismissed the reports.", "en", "DENY", {"speaker": "Pal Jonson"}, None),
])
def test_events_participants_that_are_none(text, language, etype, expected, absent):
    event = _one(_full(text, language, learned_events=True), etype)
    assert {role: _args(event).get(role) for role in expected} == expected
    assert absent is None or absent not in event.args


def test_events_a_count_is_no_target_and_people_sent_no_supply():
    evs = _full("Bei den Angriffen am 5. März wurden in Lwiw zwei Menschen getötet und Dutzende verletzt.",
                learned_events=True)
    assert all(_args(e).get("target") != "Dutzende" for e in evs)
    assert not any(e.type == "SUPPLY" for e in _full("Minsk will zudem Ausbilder an die Grenze schicken.",
                                                     learned_events=True))


@pytest.mark.parametrize("text, status", [
    # the negation of another verb's part between commas is not the event's
    ("Minsk betont, sich aus dem Konflikt keinesfalls herauszuhalten, gibt aber zu, Moskau nicht Panzer verkauft "
     "zu haben.", "denied"),
    ("Minsk beteuert, im Konflikt keine Seite zu wählen, räumt aber ein, Moskau Panzer verkauft zu haben.", "reported"),
])
def test_events_a_negation_between_other_commas_is_not_the_events(text, status):
    event = _one(_full(text), "SUPPLY")
    assert event.status == status


def test_events_supplied_with_and_an_authority_targeting():
    """"supplied the commission with drone footage": the object receives, the with-phrase is the
    item; an authority that targets a firm sanctions it, it does not strike it."""
    supply = _one(_full("Poland had supplied the commission with drone footage of the border, officials said.", "en",
                        learned_events=True), "SUPPLY")
    assert (_args(supply).get("recipient"), _args(supply).get("item")) == ("the commission", "drone footage")
    text = "The British Treasury targeted Belavia and two banks."
    attack = Event("ATTACK", 0, len(text), text, Span(21, 29, "targeted"),
                   {"attacker": Argument(4, 20, "British Treasury"), "target": Argument(30, 37, "Belavia")})
    sanction = role_checks.sanctioning(attack)
    assert sanction.type == "SANCTION" and _args(sanction) == {"sanctioner": "British Treasury", "target": "Belavia"}
    named = role_checks.sanctioning(replace(attack, args={**attack.args, "attacker": Argument(4, 11, "British")}))
    assert named.type == "SANCTION"  # the name before the authority's word


def test_events_english_destination_after_to_and_plural_offices():
    """The place right after "travelled to" is the destination, not a name further on; a
    capitalised adjective before a plural office is the office."""
    from lagebild.analyze.text.speech import tokens
    text = "Lukashenko travelled to the Sochi residence in May, a meeting EU diplomats had watched closely."
    eu = text.index("EU")
    visit = Event("VISIT", 0, len(text), text, Span(11, 20, "travelled"),
                  {"visitor": Argument(0, 10, "Lukashenko"), "destination": Argument(eu, eu + 2, "EU")})
    fixed = role_checks.travelled_to(visit, text, tokens(text, 0, len(text)), "en")
    assert _args(fixed)["destination"] == "the Sochi residence"
    event = _one(_full("Foreign ministers from about 30 states, together with NATO, on Monday condemned Belarus's "
                       "missile tests.", "en", learned_events=True), "CONDEMN")
    assert _args(event).get("speaker") == "Foreign ministers"


def test_events_an_amount_of_a_thing_is_an_item():
    """"eine große Menge an Panzermunition an Serbien geliefert": "an" after an amount is no direction."""
    event = _one(_full("Laut Kiew hat Minsk eine große Menge an Panzermunition an Serbien geliefert.",
                       learned_events=True), "SUPPLY")
    assert "Panzermunition" in _args(event).get("item", "")


def test_events_a_possessive_alone_is_no_thing():
    """"condemned Belarus's missile tests": the thing is what the possessive owns, not "Belarus's"."""
    event = _one(_full("Foreign ministers from about 30 states, together with NATO, on Monday condemned Belarus's "
                       "missile tests.", "en", learned_events=True), "CONDEMN")
    assert _args(event).get("about") == "Belarus's missile tests"


def test_events_a_joined_clause_keeps_the_meetings_participants():
    """"… zu Gesprächen in Minsk und wurde dort auch von Präsident Lukaschenko empfangen": the
    receiver is a participant of the talks, though named in the joined clause."""
    event = _one(_full("Ungarns Außenminister Péter Szijjártó war in der vergangenen Woche zu Gesprächen in Minsk und "
                       "wurde dort auch von Präsident Lukaschenko empfangen.", learned_events=True), "MEET")
    assert "Lukaschenko" in _args(event)["participants"]


@pytest.mark.parametrize("text, name", [
    ("Can we have a meeting with Bob Fagan?", None),
    ("Please visit the office.", None),
    ("Gordon visited England in 1686.", "Gordon"),
])
def test_events_a_modal_or_opener_starting_an_english_sentence_is_no_name(text, name):
    from lagebild.analyze.events.candidates import candidates
    from lagebild.analyze.text.speech import tokens
    toks = tokens(text, 0, len(text))
    first = [c for c in candidates(text, toks, [], (), "en") if c.first == 0]
    assert [text[c.start:c.end] for c in first] == ([name] if name else [])


@pytest.mark.parametrize("text, trigger, attacker", [
    ("Investigators said that Russian forces shelled the hospital.", "shelled", "Russian forces"),
    ("Gunmen massacred dozens of villagers in Darfur.", "massacred", "Gunmen"),
])
def test_events_english_attack_verbs_need_no_weapon(text, trigger, attacker):
    event = _one(_full(text, "en"), "ATTACK")
    assert event.trigger.text == trigger
    assert _args(event)["attacker"] == attacker
