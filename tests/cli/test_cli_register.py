"""lagebild export --format register-csv | register-xlsx: the transfer register from the command line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lagebild.cli.main import app
from tests.api.fixtures import build_store

runner = CliRunner()


def test_cli_export_register_csv_and_xlsx(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    build_store(db)
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "register-csv"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["supplier"], r["recipient"], r["quantity"]) for r in rows] == [("Nordkorea", "Russland", "1000000")]
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "register-xlsx"])
    assert result.exit_code != 0 and "needs -o" in result.output
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "transfers.xlsx"
    result = runner.invoke(app, ["export", "--db", str(db), "-f", "register-xlsx", "-o", str(target)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(target).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "supplier" and values[1][:2] == ("Nordkorea", "Russland") and len(values) == 2
