"""One local Ray for the engine tests (started once: it takes seconds), or a skip that says why."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="package")
def ray_cluster():
    ray = pytest.importorskip("ray", reason="the 'ray' package is not installed (pip install 'lagebild[ray]')")
    if not ray.is_initialized():
        try:
            ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="warning")
        except Exception as exc:  # a sandbox without shared memory or sockets: Ray cannot start
            pytest.skip(f"Ray cannot start here: {type(exc).__name__}: {exc}")
    yield ray
    ray.shutdown()
