"""Quantities with value, bounds, unit and rate.

Interface only (version 0): the stage is registered and wired into the default chain, and
returns no records until its extractor lands.
"""

from __future__ import annotations

from lagebild.pipeline import Doc, stage

STAGE = "lagebild.quantities"


@stage(STAGE, version="0", requires=("tokens", "sentences"), provides=("quantities",))
def make_quantities(**_: object):
    """Quantities with value, bounds, unit and rate (interface; no extractor yet)."""

    def run(doc: Doc) -> dict[str, object]:
        return {"quantities": []}

    return run
