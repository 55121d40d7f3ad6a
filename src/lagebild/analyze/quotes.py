"""Direct and indirect quotes with cue and speaker.

Interface only (version 0): the stage is registered and wired into the default chain, and
returns no records until its extractor lands.
"""

from __future__ import annotations

from lagebild.pipeline import Doc, stage

STAGE = "lagebild.quotes"


@stage(STAGE, version="0", requires=("tokens", "sentences", "entities"), provides=("quotes",))
def make_quotes(**_: object):
    """Direct and indirect quotes with cue and speaker (interface; no extractor yet)."""

    def run(doc: Doc) -> dict[str, object]:
        return {"quotes": []}

    return run
