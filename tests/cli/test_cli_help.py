"""Every command's --help speaks plainly: metavars such as TEXT, PATH, N or the option's own,
never typer's ``<str>`` / ``<bool>`` / ``{paths}``, and each default is shown."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from lagebild.cli.main import app

runner = CliRunner()
TYPE_LABEL = re.compile(r"<(?:str|int|float|bool|list\[[^\]]*\]|path|file|[a-z]+\|[a-z|]+)>", re.I)


def _commands() -> list[list[str]]:
    found: list[list[str]] = [[]]

    def walk(group: Any, prefix: list[str]) -> None:
        for name, command in group.commands.items():
            found.append([*prefix, name])
            if hasattr(command, "commands"):  # a group of its own
                walk(command, [*prefix, name])

    walk(typer.main.get_command(app), [])
    return found


def _help(command: list[str]) -> str:
    result = runner.invoke(app, [*command, "--help"], terminal_width=200, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("command", _commands(), ids=lambda c: " ".join(c) or "lagebild")
def test_cli_help_plain_metavars(command: list[str]) -> None:
    text = _help(command)
    assert TYPE_LABEL.findall(text) == []
    usage = next(line for line in text.splitlines() if "Usage:" in line)
    assert "{" not in usage, usage


@pytest.mark.parametrize(("command", "option", "shown"), [
    (["demo"], "--out", "[default: .]"),
    (["export"], "--format", "[default: json]"),
    (["watch"], "--every", "[default: 15m]"),
    (["watch"], "--rounds", "[default: (until Ctrl-C)]"),
    (["serve"], "--port", "[default: 8000]"),
    (["serve"], "--host", "[default: 127.0.0.1]"),
    (["ingest"], "--db", "[default: ($LAGEBILD_DB or lagebild.db)]"),
])
def test_cli_help_shows_defaults(command: list[str], option: str, shown: str) -> None:
    rows = _help(command).split("│ --")
    row = next(r for r in rows if r.startswith(option.removeprefix("--") + " "))
    assert shown in " ".join(row.replace("│", " ").split()), row


def test_cli_help_usage_names_arguments_plainly() -> None:
    assert "Usage: lagebild ingest [OPTIONS] PATHS..." in _help(["ingest"])
    assert "Usage: lagebild watch [OPTIONS] FEED_OR_URL_LIST..." in _help(["watch"])
    assert "Usage: lagebild entities merge [OPTIONS] A B" in _help(["entities", "merge"])


def test_cli_help_the_check_finds_type_labels() -> None:
    assert TYPE_LABEL.findall("--db <str>  --json <bool> PATHS <list[str]> --gold <path>") == \
        ["<str>", "<bool>", "<list[str]>", "<path>"]
