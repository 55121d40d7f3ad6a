"""The exports as files: CSV tables in a folder, GraphML and FollowTheMoney JSON Lines; the
text itself comes from :mod:`lagebild.services.exports`, which the page serves as well."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lagebild.services.exports import (  # noqa: F401 - re-exported for the CLI and the tests
    FORMATS,
    FTM_SCHEMA,
    csv_tables,
    ftm_entities,
    ftm_id,
    ftm_lines,
    graph_edges,
    graphml_text,
)
from lagebild.services.exports import _ftm_time  # noqa: F401 - tested


def write_csv(doc: dict[str, Any], folder: Path) -> list[Path]:
    """entities.csv, events.csv and facts.csv in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in csv_tables(doc).items():
        path = folder / f"{name}.csv"
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    return written


def write_graphml(doc: dict[str, Any], path: Path) -> Path:
    """Entities as nodes, facts between them as directed edges."""
    path.write_text(graphml_text(doc), encoding="utf-8")
    return path


def write_ftm(doc: dict[str, Any], path: Path) -> Path:
    """FollowTheMoney entities as JSON Lines at ``path``."""
    with path.open("w", encoding="utf-8") as fh:
        fh.writelines(ftm_lines(doc))
    return path
