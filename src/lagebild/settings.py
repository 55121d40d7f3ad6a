"""Settings are data: the shipped ``defaults.toml``, a strict schema, environment overrides."""

from __future__ import annotations

import json
import os
import tomllib
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    db: str = Field(description="Where the store lives: a SQLite file path or a postgresql:// URL.")
    workers: int = Field(ge=0, description="Worker processes for the per-article analysis (0 = number of cores).")
    max_bytes: int = Field(gt=0, description="Files larger than this many bytes are skipped at ingest.")
    stages: list[str] = Field(min_length=1, description="The per-article stages, in order.")

    @property
    def worker_count(self) -> int:
        return self.workers or (os.cpu_count() or 1)


def defaults() -> dict[str, object]:
    text = resources.files("lagebild").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def load(**overrides: object) -> Settings:
    """Defaults, then ``LAGEBILD_<KEY>`` environment variables, then explicit overrides (not None)."""
    values = defaults()
    for name, field in Settings.model_fields.items():
        env = os.environ.get(f"LAGEBILD_{name.upper()}")
        if env is not None:
            values[name] = json.loads(env) if field.annotation is list[str] else env
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)
