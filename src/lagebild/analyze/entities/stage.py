"""The entity stage: the trained tagger combined with the gazetteer, then resolved in the article.

1. :mod:`lagebild.analyze.entities.ner` tags names (a CRF and a BiLSTM per language, trained by ``training/ner``).
   :func:`lagebild.analyze.entities.mentions.from_model` tidies its spans into names and role
   phrases (:mod:`lagebild.analyze.entities.roles`).
2. :mod:`lagebild.analyze.entities.name_patterns` fixes what the training data rarely shows: East
   Asian names, a quoted name after a noun that says what it names ("die Sendereihe „Kulturzeit“"
   → MISC, "die Zeitung „Nowaja Gaseta“" → ORG), names opening a compound, genitives of places.
3. :mod:`lagebild.analyze.entities.gazetteer` has the last word on states, capitals used for their
   governments, metonyms, adjectives, demonyms and curated organizations
   (:func:`lagebild.analyze.entities.combine.combine`).
4. :func:`lagebild.analyze.entities.resolve.resolve` links surnames, acronyms and role phrases to the
   full mention in the same article.

The word lists the rules use live in ``resources/entities/<de|en|any>/``
(:mod:`lagebild.analyze.entities.wordlists`); they are read when the stage is built.
"""

from __future__ import annotations

from lagebild.analyze.entities import gazetteer, ner, wordlists
from lagebild.analyze.entities.combine import combine, unambiguous
from lagebild.analyze.entities.mentions import from_model
from lagebild.analyze.entities.name_patterns import (
    compound_parts, east_asian_names, harmonize, place_genitives, quoted_titles)
from lagebild.analyze.entities.resolve import resolve
from lagebild.model import EntityMention
from lagebild.analyze.pipeline import PRELOAD, Doc, stage

STAGE = "lagebild.entities"
VERSION = "12"  # 10: the English tagger is a CRF + BiLSTM ensemble too; 11: its network trained 20 epochs; 12: a name spelled out before its acronym is made whole ("Internet Watch Foundation (IWF)")


def find(text: str, sdoc, language: str = "de", stage_name: str = f"{STAGE}.v{VERSION}") -> list[EntityMention]:
    """All entity mentions of one article (``sdoc``: its spaCy tokens with sentence starts)."""
    tagger = ner.load(language)
    lex = tagger.featurizer.lex
    model = harmonize(from_model(text, tagger.find(sdoc, text), stage_name, lex, language))
    model = quoted_titles(text, east_asian_names(text, model, stage_name), language, stage_name)
    model = compound_parts(text, place_genitives(model, lex), lex, stage_name)
    found = unambiguous(gazetteer.find(text, language, stage=stage_name), model, lex)
    merged = combine(model, found)
    return resolve(text, merged, language, stage_name)


@stage(STAGE, version=VERSION, requires=("tokens", "sentences"), provides=("entities",))
def make_entities(**_: object):
    """Entity mentions: trained CRF tagger + gazetteer of states, organizations and outlets."""
    for language in PRELOAD:  # the default language's models load when the stage is built;
        ner.load(language)    # another language's at its first article (a run may have none)
        gazetteer.prepare(language)
    wordlists.prepare()

    def run(doc: Doc) -> dict[str, object]:
        return {"entities": find(doc.text, doc.get("tokens"), doc.language)}

    return run
