"""Property-based run of the OpenAPI document (schemathesis): no request makes the server fail (5xx)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

from tests.api.conftest import TOKEN  # noqa: E402


@pytest.fixture(scope="module")
def api_schema(built_store: tuple[Path, dict], tmp_path_factory: pytest.TempPathFactory) -> Any:
    from lagebild.app import create_app

    path = tmp_path_factory.mktemp("schemathesis") / "store.db"
    shutil.copy(built_store[0], path)  # POST may write: never into the shared fixture
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(str(path), token=TOKEN))


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_openapi_no_server_error_without_token(case: Any) -> None:
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}"


@schema.include(method="POST").parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_openapi_no_server_error_with_token(case: Any) -> None:
    # the first POST loads the analysis models (seconds on a busy 2-core machine): a long timeout
    response = case.call(headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120)
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}"
