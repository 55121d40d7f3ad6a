"""One exception tree for lagebild; every message names the input and the reason."""

from __future__ import annotations


class LagebildError(Exception):
    """Base of all lagebild errors."""


class InputError(LagebildError):
    """An input item could not be read; it is skipped and reported."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class PipelineError(LagebildError):
    """The stage chain is inconsistent (a stage requires what no earlier stage provides)."""


class StoreError(LagebildError):
    """The store cannot be opened or written."""


class GoldError(LagebildError):
    """A gold file for the evaluation harness is malformed."""
