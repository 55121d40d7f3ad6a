"""Issue 19, finding 7: one large file must not take memory many times its size.

A 50 MB file, with the size limit raised, took 1.1 GB to ingest; an 8 MB HTML page took about 17
times its size.  This runs the memory benchmark's own measurement (``benchmarks/ingest_memory.py``:
a fresh process ingests one file, its peak resident memory is compared with the same process on a
1 kB file) on one 8 MB text file and one 8 MB HTML page and holds each to the benchmark's ceiling.
It measures memory, not time; the full check over every format and larger files stays the
benchmark's ``--check``."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
MB = 8


def _benchmark() -> Any:
    spec = importlib.util.spec_from_file_location("ingest_memory", ROOT / "benchmarks" / "ingest_memory.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _benchmark()


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_one_large_file_stays_within_its_memory_ceiling(fmt: str, tmp_path: Path) -> None:
    small = bench.write_input(fmt, tmp_path / f"small.{fmt}", 1_000)
    big = bench.write_input(fmt, tmp_path / f"big.{fmt}", MB * 1_000_000)
    base, *_ = bench.measure(small, tmp_path / "small.db")
    peak, added, problems, first = bench.measure(big, tmp_path / "big.db")
    assert (added, problems) == (1, 0), first
    growth = (peak - base) / big.stat().st_size
    assert growth <= bench.CEILINGS[fmt], (
        f"ingesting one {MB} MB .{fmt} file took {growth:.1f} times its size (ceiling {bench.CEILINGS[fmt]})")
