"""Time expressions (TIMEX3), anchored at the publication date.

Interface only (version 0): the stage is registered and wired into the default chain, and
returns no records until its extractor lands.
"""

from __future__ import annotations

from lagebild.pipeline import Doc, stage

STAGE = "lagebild.timex"


@stage(STAGE, version="0", requires=("tokens", "sentences"), provides=("timexes",))
def make_timex(**_: object):
    """Time expressions (TIMEX3), anchored at the publication date (interface; no extractor yet)."""

    def run(doc: Doc) -> dict[str, object]:
        return {"timexes": []}

    return run
