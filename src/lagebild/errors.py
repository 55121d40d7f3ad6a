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


class SettingsError(LagebildError):
    """A setting is unknown or its value (from defaults.toml, a LAGEBILD_* variable or an option) is invalid."""


class StoreError(LagebildError):
    """The store cannot be opened or written."""


class GoldError(LagebildError):
    """A gold file for the evaluation harness is malformed (file, line where known, reason)."""

    def __init__(self, file: object, reason: str = "", line: int | None = None) -> None:
        where = f"{file}:{line}" if line is not None else f"{file}"
        super().__init__(f"{where}: {reason}" if reason else where)
        self.file = str(file)
        self.line = line
        self.reason = reason


class EngineError(LagebildError):
    """The engine that runs the per-article stages (``--engine``) cannot start or lost its workers."""
