"""The story export in the analysts' formats over the API (the page links them): FollowTheMoney
JSON Lines, GraphML and the facts CSV, each a download named after the story; the same text the
CLI writes."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from lagebild.services import exports


@pytest.mark.parametrize(("fmt", "media"), [("ftm", "application/x-ndjson"), ("graphml", "application/graphml+xml"),
                                            ("facts.csv", "text/csv; charset=utf-8")])
def test_exports_story_download(client: Any, fmt: str, media: str) -> None:
    response = client.get("/api/v1/stories/s1/export", params={"format": fmt})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media
    suffix = exports.FORMATS[fmt][1]
    assert response.headers["content-disposition"] == f'attachment; filename="lagebild-s1{suffix}"'
    doc = client.get("/api/v1/stories/s1/export").json()
    assert response.text == exports.FORMATS[fmt][2](doc)  # the same bytes as the CLI's
    if fmt == "ftm":
        entities = [json.loads(line) for line in response.text.splitlines()]
        assert len([e for e in entities if e["schema"] == "Article"]) == len(doc["articles"]) > 0
        assert len([e for e in entities if e["schema"] == "Event"]) == len(doc["facts"])
    elif fmt == "graphml":
        assert response.text.startswith("<?xml") and "<graphml" in response.text
    else:
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert sorted(r["id"] for r in rows) == sorted(f["id"] for f in doc["facts"])


def test_exports_unknown_format_and_story(client: Any) -> None:
    assert client.get("/api/v1/stories/s1/export", params={"format": "pdf"}).status_code == 422
    assert client.get("/api/v1/stories/nope/export", params={"format": "ftm"}).status_code == 404
