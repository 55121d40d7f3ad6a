"""Errors a person understands when ``--db`` is wrong (issue 19, finding 8): a mistyped path is
no new empty store, a missing folder is not created, an unknown scheme is named, a password never
shows, and judgements name entities that exist."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lagebild.cli.main import app

runner = CliRunner()


class Outcome:
    def __init__(self, result) -> None:
        self.exit_code = result.exit_code
        self.output = " ".join(result.output.split())  # the console wraps long paths


def invoke(*args: str) -> Outcome:
    return Outcome(runner.invoke(app, list(args), catch_exceptions=False))


@pytest.mark.parametrize("command", [["info"], ["export", "--format", "json"], ["entities", "list"],
                                      ["link"], ["serve"]])
def test_cli_mistyped_db_is_an_error_and_creates_nothing(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "typo" / "lagebld.db"
    result = invoke(*command, "--db", str(db))
    assert result.exit_code == 2 and "does not exist" in result.output
    assert not db.parent.exists()
    db = tmp_path / "lagebld.db"
    result = invoke(*command, "--db", str(db))
    assert result.exit_code == 2 and "no store at" in result.output and not db.exists()


def test_cli_ingest_creates_a_store_but_no_folders(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Die Regierung in Kiew meldete am Montag neue Angriffe.", encoding="utf-8")
    assert invoke("ingest", str(text), "--db", str(tmp_path / "new.db")).exit_code == 0
    result = invoke("ingest", str(text), "--db", str(tmp_path / "no" / "such" / "new.db"))
    assert result.exit_code == 2 and "does not exist" in result.output and not (tmp_path / "no").exists()


def test_cli_unknown_scheme_is_named_without_a_traceback() -> None:
    result = invoke("info", "--db", "mysql://user:geheim@localhost/lage")
    assert result.exit_code == 2 and "'mysql'" in result.output and "Traceback" not in result.output
    assert "geheim" not in result.output


def test_cli_postgres_error_hides_the_password() -> None:
    result = invoke("info", "--db", "postgresql://lage:topsecret@127.0.0.1:1/none")  # nothing listens on port 1
    assert result.exit_code == 2 and "cannot open the store" in result.output
    assert "topsecret" not in result.output


def test_cli_judgement_on_an_unknown_name_is_refused(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Wladimir Putin traf Kim Jong-un in Wostotschny.", encoding="utf-8")
    db = str(tmp_path / "j.db")
    assert invoke("ingest", str(text), "--db", db).exit_code == 0
    assert invoke("analyze", "--db", db).exit_code == 0
    assert invoke("link", "--db", db).exit_code == 0
    result = invoke("entities", "merge", "Wladimir Putin", "Wladimir Putn", "--db", db)
    assert result.exit_code == 2 and "no entity is named 'Wladimir Putn'" in result.output
    assert invoke("entities", "merge", "Wladimir Putin", "Kim Jong-un", "--db", db).exit_code == 0


def test_cli_version_is_the_package_version() -> None:
    from importlib.metadata import version

    result = invoke("--version")
    assert result.exit_code == 0 and result.output == f"lagebild {version('lagebild')}"
