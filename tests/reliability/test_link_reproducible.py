"""The link stage gives the same picture whatever Python's hash seed: stories, facts, origins and
summaries must not depend on the iteration order of sets (issue 19, finding 5)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lagebild.demo import corpus_dir
from lagebild.services import commands
from lagebild.store.base import Store


@pytest.mark.slow
def test_link_same_output_under_any_hash_seed(tmp_path: Path) -> None:
    analysed = tmp_path / "analysed.db"
    store = Store.open(analysed)
    commands.ingest_paths(store, [corpus_dir()], glob="*.txt")
    commands.analyze(store, workers=1)
    store.close()
    pictures = []
    for seed in ("1", "2"):
        db = tmp_path / f"seed{seed}.db"
        shutil.copy(analysed, db)
        env = {**os.environ, "PYTHONHASHSEED": seed}
        for args in (["link", "--db", str(db)],
                     ["export", "--db", str(db), "--format", "json", "-o", str(tmp_path / f"seed{seed}.json")]):
            subprocess.run([sys.executable, "-m", "lagebild.cli", *args], check=True, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        pictures.append(json.loads((tmp_path / f"seed{seed}.json").read_text("utf-8")))
    first, second = pictures
    for section in first:
        assert first[section] == second[section], f"'{section}' differs between hash seeds"
