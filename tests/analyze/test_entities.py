"""The entity stage: model + gazetteer combination and within-article resolution."""

from __future__ import annotations

import json

import pytest

from lagebild.analyze.entities.resolve import resolve
from lagebild.model import Article, EntityMention
from lagebild.analyze.pipeline import Pipeline

STAGES = ["lagebild.sentences", "lagebild.entities"]


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline.build(STAGES)


def _mentions(pipeline, text, language="de"):
    article = Article.create(text, language=language)
    mentions = pipeline.annotate(article).get("entities")
    for m in mentions:
        assert article.text[m.start:m.end] == m.text
    return article.text, mentions


def _one(mentions, surface, occurrence=0):
    hits = [m for m in mentions if m.text == surface]
    assert len(hits) > occurrence, f"{surface!r} not among {[m.text for m in mentions]}"
    return hits[occurrence]


@pytest.mark.parametrize(("text", "surface", "label", "key", "form"), [
    ("Moskau hat die Vorwürfe am Montag zurückgewiesen.", "Moskau", "GPE", "gpe:RU", "metonym"),
    ("Pjöngjang liefert nach Angaben aus Seoul weiter Granaten.", "Pjöngjang", "GPE", "gpe:KP", "metonym"),
    ("Der Kreml wollte sich zu dem Bericht nicht äußern.", "Kreml", "GPE", "gpe:RU", "metonym"),
    ("Die Delegation landete am Abend in Moskau.", "Moskau", "LOC", None, "name"),
    ("Nordkoreanische Raketen sollen in der Ukraine eingeschlagen sein.", "Nordkoreanische", "GPE", "gpe:KP",
     "adjective"),
    ("Russische Streitkräfte griffen in der Nacht Charkiw an.", "Russische", "GPE", "gpe:RU", "adjective"),
    ("Die Iraner bestreiten jede Beteiligung an dem Angriff.", "Iraner", "GPE", "gpe:IR", "demonym"),
    ("Washington kündigte neue Sanktionen gegen Teheran an.", "Teheran", "GPE", "gpe:IR", "metonym"),
    ("Russia has denied the reports, the Kremlin said on Monday.", "Kremlin", "GPE", "gpe:RU", "metonym"),
    ("North Korean missiles were fired at Kharkiv, officials said.", "North Korean", "GPE", "gpe:KP",
     "adjective"),
])
def test_entities_gazetteer_states_metonyms_adjectives(pipeline, text, surface, label, key, form):
    language = "en" if text.startswith(("Russia ", "North Korean")) else "de"
    _, mentions = _mentions(pipeline, text, language)
    m = _one(mentions, surface)
    assert (m.label, m.form) == (label, form)
    if key is not None:
        assert m.key == key


@pytest.mark.parametrize(("text", "surname", "full", "occurrence", "language"), [
    ("Der Außenminister Sergej Lawrow reiste nach Peking. Lawrow sprach dort von Vertrauen.",
     "Lawrow", "Sergej Lawrow", 0, "de"),
    ("Verteidigungsminister Boris Pistorius besuchte Litauen. Pistorius kündigte eine Brigade an.",
     "Pistorius", "Boris Pistorius", 0, "de"),
    ("Nach Angaben von Olaf Scholz ist die Lage ernst. Am Abend bekräftigte Scholz seine Haltung.",
     "Scholz", "Olaf Scholz", 0, "de"),
    ("Secretary of State Antony Blinken arrived in Kyiv. Blinken met officials on Wednesday.",
     "Blinken", "Antony Blinken", 0, "en"),
])
def test_entities_surname_links_to_full_name(pipeline, text, surname, full, occurrence, language):
    _, mentions = _mentions(pipeline, text, language)
    m = _one(mentions, surname, occurrence)
    assert m.label == "PER" and m.name == full
    assert mentions[m.ref].text == full


@pytest.mark.parametrize(("text", "long_name", "acronym"), [
    ("Die Internationale Atomenergiebehörde (IAEA) schickte Inspekteure. Die IAEA fand keine Spuren.",
     "Internationale Atomenergiebehörde", "IAEA"),
    ("Die Kassenärztliche Bundesvereinigung (KBV) warnte vor Engpässen. Die KBV fordert mehr Geld.",
     "Kassenärztliche Bundesvereinigung", "KBV"),
])
def test_entities_acronym_links_both_ways(pipeline, text, long_name, acronym):
    _, mentions = _mentions(pipeline, text)
    full = _one(mentions, long_name)
    first, later = _one(mentions, acronym, 0), _one(mentions, acronym, 1)
    assert first.form == later.form == "acronym"
    assert mentions[first.ref] == full and mentions[later.ref] == full
    assert mentions[full.ref] == first
    assert first.name == long_name


@pytest.mark.parametrize(("text", "role", "person"), [
    ("US-Außenminister Antony Blinken traf in Seoul seinen Amtskollegen. Der US-Außenminister warnte "
     "vor weiteren Lieferungen.", "Der US-Außenminister", "Antony Blinken"),
    ("Der Sprecher des Weißen Hauses, John Kirby, äußerte sich am Freitag. Später ergänzte der Sprecher "
     "des Weißen Hauses, man beobachte die Lage.", "der Sprecher des Weißen Hauses", "John Kirby"),
])
def test_entities_role_phrase_links_to_person(pipeline, text, role, person):
    _, mentions = _mentions(pipeline, text)
    m = _one(mentions, role)
    assert m.form == "role" and m.name == person and mentions[m.ref].text == person


SEED_NAMES = [
    ("Budanow", "Budanov"), ("Kirby",), ("Putin",), ("Kim Jong-un", "Kim Jong Un"),
    ("Choe Son-hui", "Choe Son Hui"), ("Blinken",), ("Russland",), ("Nordkorea",), ("Ukraine",),
    ("Iran",), ("USA", "US"), ("HUR",), ("Financial Times", "FT"), ("KCNA",), ("Kyiv Independent",),
    ("UN", "Vereinten Nationen", "UN-Experten", "UN-Sicherheitsrat"),
]


def test_entities_seed_people_states_organizations(pipeline, seeds_dir):
    found: set[str] = set()
    for line in (seeds_dir / "seeds.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        _, mentions = _mentions(pipeline, record["text"], record.get("language", "de"))
        found.update(m.text for m in mentions)
        found.update(m.name for m in mentions if m.name)
    missing = [names for names in SEED_NAMES if not any(n in text for n in names for text in found)]
    assert not missing, f"not found in the seeds: {missing}"


@pytest.mark.parametrize(("text", "name"), [
    ("Kim Yo Jong warnte Seoul am Sonntag vor neuen Provokationen.", "Kim Yo Jong"),
    ("Auch Ri Son-gwon nahm an dem Treffen in Wladiwostok teil.", "Ri Son-gwon"),
    ("Außenminister Wang Yi empfing seinen Amtskollegen in Peking.", "Wang Yi"),
])
def test_entities_east_asian_names_are_people(pipeline, text, name):
    _, mentions = _mentions(pipeline, text)
    assert _one(mentions, name).label == "PER"


@pytest.mark.parametrize(("text", "surface", "key"), [
    ("Nach US-Erkenntnissen wurden die Raketen im Dezember geliefert.", "US", "gpe:US"),
    ("Die EU-Kommission legte am Mittwoch ein neues Sanktionspaket vor.", "EU", "org:eu"),
])
def test_entities_names_inside_compounds(pipeline, text, surface, key):
    _, mentions = _mentions(pipeline, text)
    assert _one(mentions, surface).key == key


def test_entities_harmonize_majority_label():
    from lagebild.analyze.entities.name_patterns import harmonize
    from lagebild.model import EntityMention

    ms = [EntityMention(0, 5, "Adler", "ORG"), EntityMention(10, 15, "Adler", "ORG"),
          EntityMention(20, 25, "Adler", "PER")]
    assert [m.label for m in harmonize(ms)] == ["ORG", "ORG", "ORG"]


def test_entities_surname_keys_are_names_only():
    from lagebild.analyze.entities.resolve import surname_keys

    assert surname_keys("Kim Jong Un") == ["Un", "Kim"]
    assert "." not in surname_keys("Chr .")  # "." is no surname: every full stop would become a person
    assert surname_keys("Mustafa S.") == ["Mustafa"]


def test_entities_outlet_that_is_a_common_noun_needs_the_tagger(pipeline):
    _, mentions = _mentions(pipeline, "Das Gemälde zeigt ein düsteres Bild der Stadt.")
    assert "Bild" not in [m.text for m in mentions]
    _, mentions = _mentions(pipeline, "Wie die „Bild“-Zeitung berichtet, sagte der Minister nichts.")
    assert any(m.text.startswith("Bild") and m.label == "ORG" for m in mentions)


@pytest.mark.parametrize(("text", "part", "label"), [
    ("Die Siemens-Werke in Bochum wurden geschlossen.", "Siemens", "ORG"),
    ("Er las aus der neuen Hitler-Biografie vor.", "Hitler", "PER"),
])
def test_entities_name_opening_a_compound(pipeline, text, part, label):
    _, mentions = _mentions(pipeline, text)
    m = _one(mentions, part)
    assert m.label == label and m.form == "part"


def test_entities_place_compound_is_not_a_part(pipeline):
    from lagebild.analyze.entities import ner
    from lagebild.analyze.entities.name_patterns import compound_parts

    lex = ner.load("de").featurizer.lex
    text = "Sie wohnt in der Kirow-Straße, nicht im Schwarz-Weiß-Haus."
    assert compound_parts(text, [], lex, "test") == []


def test_entities_genitive_of_a_known_place_is_the_place():
    from lagebild.analyze.entities import ner
    from lagebild.analyze.entities.name_patterns import place_genitive

    lex = ner.load("de").featurizer.lex
    assert place_genitive(lex, "Hannovers") and place_genitive(lex, "Tarragonas")
    assert not place_genitive(lex, "Hans")  # a known name, not an unknown genitive
    assert not place_genitive(lex, "Andreas")  # the stem is a person's name


@pytest.mark.parametrize(("text", "word", "dropped"), [
    ("Die Lage im ukrainischen Hinterland ist ruhig.", "Hinterland", True),
    ("Die Verfassung des modernen Griechenlandes entstand 1975.", "Griechenlandes", False),  # inflected name
    ("Der Anteil des Landes Nordsachen am Konzern.", "Nordsachen", False),  # "Landes" is no adjective
])
def test_entities_common_noun_after_adjective(text, word, dropped):
    from lagebild.analyze.entities import ner
    from lagebild.analyze.entities.mentions import not_a_name

    lex = ner.load("de").featurizer.lex
    start = text.index(word)
    assert not_a_name(text, start, start + len(word), "LOC", "de", lex, set()) is dropped


def test_government_description_keeps_its_state_but_names_no_one(pipeline):
    # "Bundesregierung" is a description (form role) of Germany's government: it keeps the key,
    # and unlike a person's role phrase it is not taken for the title of the name that follows
    _, mentions = _mentions(pipeline, "Die Bundesregierung Olaf Scholz verhängte neue Sanktionen.")
    gov = _one(mentions, "Bundesregierung")
    assert (gov.label, gov.key, gov.form, gov.ref) == ("GPE", "gpe:DE", "role", None)


def _tagged(text: str, *spans: str) -> list[EntityMention]:
    """Mentions as a tagger gives them: each span at its occurrences, in order, as an organisation."""
    out, at = [], {}
    for span in spans:
        start = text.index(span, at.get(span, 0))
        at[span] = start + 1
        out.append(EntityMention(start, start + len(span), span, "ORG"))
    return sorted(out, key=lambda m: m.start)


def test_acronym_grows_a_name_the_tagger_cut_short():
    text = ("Die Globale Wasser Allianz warnt vor Dürre. Das sagte die Globale Wasser Allianz (GWA) am "
            "Montag. Die GWA fordert Geld.")
    out = resolve(text, _tagged(text, "Wasser Allianz", "Wasser Allianz", "GWA", "GWA"), "de", "test")
    names = [m.text for m in out]
    assert names == ["Globale Wasser Allianz", "Globale Wasser Allianz", "GWA", "GWA"]
    assert out[2].ref == 1 and out[3].ref == 1 and out[3].name == "Globale Wasser Allianz"


def test_acronym_spelled_out_by_untagged_words_makes_an_organisation():
    text = "Laut der Nordischen Fischerei Kommission (NFK) sinken die Bestände. Die NFK rät zur Vorsicht."
    out = resolve(text, [], "de", "test")
    full = next(m for m in out if m.text == "Nordischen Fischerei Kommission")
    assert full.label == "ORG"
    assert [out[m.ref].text for m in out if m.text == "NFK"] == [full.text, full.text]


def test_acronym_that_the_words_do_not_spell_changes_nothing():
    text = "Die Hauptverwaltung für Aufklärung (HUR) meldete neue Lieferungen."
    out = resolve(text, [], "de", "test")
    assert [m.text for m in out] == []
