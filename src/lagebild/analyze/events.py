"""Typed events with arguments, attribution and epistemic status.

Interface only (version 0): the stage is registered and wired into the default chain, and
returns no records until its extractor lands.
"""

from __future__ import annotations

from lagebild.pipeline import Doc, stage

STAGE = "lagebild.events"


@stage(STAGE, version="0", requires=("tokens", "sentences", "entities", "timexes", "quantities", "quotes"), provides=("events",))
def make_events(**_: object):
    """Typed events with arguments, attribution and epistemic status (interface; no extractor yet)."""

    def run(doc: Doc) -> dict[str, object]:
        return {"events": []}

    return run
