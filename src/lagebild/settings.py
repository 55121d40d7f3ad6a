"""Settings are data: the shipped ``defaults.toml``, a strict schema, environment overrides.

Each setting is one field of :class:`Settings` (its name, type, limits and help text); its
default is in ``defaults.toml``; the environment variable ``LAGEBILD_<NAME>`` overrides it, and
a command-line option overrides both.  This module is the only place in lagebild that reads (or
sets) a ``LAGEBILD_*`` variable.  :func:`documented` feeds the CLI's ``--help`` and the README's
Settings table (:func:`readme_table`; a test keeps the README in step).
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from typing import Any, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from lagebild.errors import SettingsError

PREFIX = "LAGEBILD_"
DEFAULTS_FILE = "defaults.toml"


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    db: str = Field(description="Where the store lives: a SQLite file path or a postgresql:// URL.")
    workers: int = Field(ge=0, description="Worker processes for the per-article analysis (0 = number of cores).")
    max_bytes: int = Field(gt=0, description="Files larger than this many bytes are skipped at ingest.")
    max_front_matter: int = Field(gt=0, description="Ingest skips a file whose YAML front matter is longer "
                                                    "than this many characters.")
    max_depth: int = Field(gt=0, description="Ingest skips an item nested deeper than this: lists and maps "
                                             "in front matter or a JSON line, elements in HTML.")
    max_line: int = Field(gt=0, description="Ingest skips an article whose text has a line longer than this "
                                            "many characters.")
    file_seconds: float = Field(gt=0, description="Ingest gives up on a file after this many seconds spent "
                                                  "reading one article of it (the whole file, a line of JSON "
                                                  "Lines, a feed's entry) and skips what is left of the file.")
    stages: list[str] = Field(min_length=1, description="The per-article stages, in order.")
    api_token: str = Field(description="The token that POST /api/v1/articles requires; empty: writing "
                                       "through the API is off.")
    api_max_body: int = Field(gt=0, description="Request bodies to the API larger than this many bytes "
                                                "are refused (413).")
    event_min_confidence: float = Field(ge=0, le=1, description="Events the extractor is less sure of than "
                                        "this (0-1) stay stored and exported with their confidence, but are "
                                        "not linked into facts nor shown on the page.")

    @property
    def worker_count(self) -> int:
        return self.workers or (os.cpu_count() or 1)


@dataclass(frozen=True)
class Documented:
    """One setting as the CLI's ``--help`` and the README show it."""

    name: str
    env: str
    default: object
    help: str


def env_name(name: str) -> str:
    """The environment variable that overrides setting ``name`` ("api_token" → "LAGEBILD_API_TOKEN")."""
    return PREFIX + name.upper()


def defaults() -> dict[str, object]:
    """The shipped defaults, as written in ``defaults.toml``."""
    text = resources.files("lagebild").joinpath(DEFAULTS_FILE).read_text("utf-8")
    return tomllib.loads(text)


def _from_environment(environ: Mapping[str, str]) -> dict[str, object]:
    """The settings given as ``LAGEBILD_<NAME>`` variables; an empty variable counts as unset."""
    values: dict[str, object] = {}
    for name, field in Settings.model_fields.items():
        raw = environ.get(env_name(name))
        if not raw:
            continue
        if get_origin(field.annotation) is list:
            try:
                values[name] = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise SettingsError(f"setting {name!r} from ${env_name(name)}: not a JSON list "
                                    f"({exc.msg}): {raw!r}") from exc
        else:
            values[name] = raw
    return values


def _explain(exc: ValidationError, origin: dict[str, str], values: dict[str, object]) -> str:
    """One line per problem, naming the setting, where its value came from and what is wrong."""
    problems = []
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else "?"
        if error["type"] == "extra_forbidden":
            problems.append(f"unknown setting {name!r} (from {origin.get(name, 'an override')}); "
                            f"known settings: {', '.join(Settings.model_fields)}")
        else:
            problems.append(f"setting {name!r} = {values.get(name)!r} (from {origin.get(name, 'an override')}): "
                            f"{error['msg']}")
    return "; ".join(problems)


def load(**overrides: object) -> Settings:
    """Defaults, then ``LAGEBILD_<NAME>`` environment variables, then explicit overrides (not None).

    An unknown key or a bad value raises :class:`~lagebild.errors.SettingsError` naming the
    setting, where its value came from and what is wrong.
    """
    values = defaults()
    origin = dict.fromkeys(values, DEFAULTS_FILE)
    environment = _from_environment(os.environ)
    values.update(environment)
    origin.update({name: "$" + env_name(name) for name in environment})
    given = {k: v for k, v in overrides.items() if v is not None}
    values.update(given)
    origin.update(dict.fromkeys(given, "an option"))
    try:
        return Settings(**values)
    except ValidationError as exc:
        raise SettingsError(_explain(exc, origin, values)) from exc


def to_environment(**values: object) -> None:
    """Set ``LAGEBILD_<NAME>`` for each given value (not None or empty), so that child processes
    started afterwards read it back with :func:`load`."""
    for name, value in values.items():
        if name not in Settings.model_fields:
            raise SettingsError(f"unknown setting {name!r}; known settings: {', '.join(Settings.model_fields)}")
        if value is None or value == "":
            continue
        os.environ[env_name(name)] = json.dumps(value) if isinstance(value, list) else str(value)


@contextmanager
def foreign_environment(name: str, value: str | None) -> Iterator[None]:
    """Set another program's environment variable ``name`` (unset it for None) while the block
    runs, then put back what was there: for libraries that read their settings from the
    environment of the process that starts them (Ray's ``RAY_worker_niceness``)."""
    saved = os.environ.get(name)
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = saved


def documented() -> Iterator[Documented]:
    """Every setting with its environment variable, shipped default and help text."""
    shipped = defaults()
    for name, field in Settings.model_fields.items():
        yield Documented(name, env_name(name), shipped.get(name), field.description or "")


def setting(name: str) -> Documented:
    """One setting's documentation (for a CLI option's help)."""
    for item in documented():
        if item.name == name:
            return item
    raise SettingsError(f"unknown setting {name!r}; known settings: {', '.join(Settings.model_fields)}")


def option_default(name: str) -> str:
    """What a CLI option shows as its default: the variable, else the shipped value."""
    item = setting(name)
    return f"${item.env} or {_show(item.default)}"


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if value == "":
        return '""'
    return str(value)


def readme_table() -> str:
    """The README's Settings table (Markdown), one row per setting."""
    rows = ["| setting | environment variable | default | meaning |", "|---|---|---|---|"]
    for item in documented():
        default = " ".join(f"`{v}`" for v in item.default) if isinstance(item.default, list) \
            else f"`{_show(item.default)}`"
        rows.append(f"| `{item.name}` | `{item.env}` | {default} | {item.help} |")
    return "\n".join(rows)


def ray_address() -> str | None:
    """The Ray cluster ``--engine ray`` joins when no ``--ray-address`` is given: Ray's own
    ``RAY_ADDRESS`` variable (read here, as every variable is), else None (a Ray started for the run)."""
    return os.environ.get("RAY_ADDRESS") or None
