"""Publication dates of real derStandard articles (10kGNAD test split in ../shared/data): the
bylines at their ends ("(APA, 23.8.2015)") give a date to about a tenth of them, every one
inside the corpus' years, and no date told inside a sentence is taken for one."""

from __future__ import annotations

import csv
import lzma
from datetime import date

import pytest

from lagebild.ingest.dates import find_dateline, infer_date
from lagebild.model import normalize_text
from tests.conftest import shared_path

pytestmark = pytest.mark.shared


def _texts() -> list[str]:
    path = shared_path("data", "10kgnad", "test.csv.xz")
    with lzma.open(path, "rt", encoding="utf-8") as fh:
        return [normalize_text(row[1]) for row in csv.reader(fh, delimiter=";", quotechar="'")]


def test_dates_10kgnad_bylines():
    texts = _texts()
    assert len(texts) == 1028
    dated = [d for d in (infer_date(t) for t in texts) if d is not None]
    assert len(dated) >= 105  # 112 when this was written; 5 (all wrong) before bylines were read
    assert all(date(2015, 1, 1) <= d <= date(2016, 12, 31) for d in dated)
    # the articles open with title, lead and "Ort –", never with a dateline
    assert not [t[:80] for t in texts if find_dateline(t) is not None]
