"""spaCy is imported without PyTorch (``lagebild.analyze.text.spacy_import``), and PyTorch still
imports afterwards where it is installed."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"


def _run(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          check=True).stdout.split()


def test_stages_import_spacy_without_pytorch():
    code = ("import sys, lagebild.analyze.text.sentences, lagebild.analyze.entities.ner; "
            "import thinc.compat; print('torch' in sys.modules, sys.modules.get('torch', 0) is None, "
            "thinc.compat.has_torch)")
    assert _run(code) == ["False", "False", "False"]


def test_pytorch_imports_after_the_stages_where_installed():
    if importlib.util.find_spec("torch") is None:
        pytest.skip("PyTorch is not installed here")
    code = "import lagebild.analyze.text.sentences, torch; print(torch.tensor([1, 2]).sum().item())"
    assert _run(code) == ["3"]


def test_pytorch_imported_first_is_left_to_thinc():
    if importlib.util.find_spec("torch") is None:
        pytest.skip("PyTorch is not installed here")
    code = "import torch, lagebild.analyze.text.sentences, thinc.compat; print(thinc.compat.has_torch)"
    assert _run(code) == ["True"]
