"""The entity stage: the trained tagger combined with the gazetteer, then resolved in the article.

1. :mod:`lagebild.analyze.entities.ner` tags names (a CRF per language, trained by ``training/ner``).
2. :mod:`lagebild.analyze.entities.gazetteer` has the last word on states, capitals used for their
   governments, metonyms, adjectives, demonyms and curated organizations
   (:func:`lagebild.analyze.entities.resolve.combine`).
   Before that, a quoted name after a noun that says what it names becomes one mention
   ("die Sendereihe „Kulturzeit“" → MISC, "die Zeitung „Nowaja Gaseta“" → ORG;
   :func:`lagebild.analyze.entities.resolve.quoted_titles`).
3. :func:`lagebild.analyze.entities.resolve.resolve` links surnames, acronyms and role phrases to the
   full mention in the same article.
"""

from __future__ import annotations

from lagebild.analyze.entities import gazetteer, ner
from lagebild.analyze.entities.resolve import (
    combine, compound_parts, east_asian_names, from_model, harmonize, place_genitives, quoted_titles, resolve,
    unambiguous)
from lagebild.model import EntityMention
from lagebild.analyze.pipeline import Doc, stage

STAGE = "lagebild.entities"
VERSION = "9"


def find(text: str, sdoc, language: str = "de", stage_name: str = f"{STAGE}.v{VERSION}") -> list[EntityMention]:
    """All entity mentions of one article (``sdoc``: its spaCy tokens with sentence starts)."""
    tagger = ner.load(language)
    model = harmonize(from_model(text, tagger.find(sdoc, text), stage_name, tagger.featurizer.lex, language))
    model = quoted_titles(text, east_asian_names(text, model, stage_name), language, stage_name)
    model = compound_parts(text, place_genitives(model, tagger.featurizer.lex), tagger.featurizer.lex, stage_name)
    found = unambiguous(gazetteer.find(text, language, stage=stage_name), model, tagger.featurizer.lex)
    merged = combine(model, found)
    return resolve(text, merged, language, stage_name)


@stage(STAGE, version=VERSION, requires=("tokens", "sentences"), provides=("entities",))
def make_entities(**_: object):
    """Entity mentions: trained CRF tagger + gazetteer of states, organizations and outlets."""
    for language in ("de", "en"):  # load the models when the stage is built, not per article
        ner.load(language)
        gazetteer.prepare(language)

    def run(doc: Doc) -> dict[str, object]:
        return {"entities": find(doc.text, doc.get("tokens"), doc.language)}

    return run
