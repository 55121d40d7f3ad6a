"""The entity stage: gazetteer matches (states, metonyms, demonyms, organizations).

A trained statistical model joins this stage in its own module; the gazetteer keeps the last
word on states and their metonyms.
"""

from __future__ import annotations

from lagebild.analyze import gazetteer
from lagebild.pipeline import Doc, stage

STAGE = "lagebild.entities"


@stage(STAGE, version="1", requires=("tokens", "sentences"), provides=("entities",))
def make_entities(**_: object):
    """Entity mentions: gazetteer of states, capitals, demonyms, organizations and outlets."""

    def run(doc: Doc) -> dict[str, object]:
        return {"entities": gazetteer.find(doc.text, doc.language, stage=f"{STAGE}.v1")}

    return run
