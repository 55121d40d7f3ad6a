"""Several server processes on one port (SO_REUSEPORT): they all answer, a port in use is a clear
error, and stopping the parent stops them all."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from lagebild.api import serving
from lagebild.errors import LagebildError

pytestmark = pytest.mark.skipif(not serving.available(), reason="SO_REUSEPORT balancing is Linux-only")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/stories?limit=1", timeout=5) as response:
        return response.status


def test_serve_with_two_processes_answers_and_stops(built_store: tuple[Path, dict[str, Any]]) -> None:
    port = _free_port()
    code = f"from lagebild.app import serve; serve({str(built_store[0])!r}, '127.0.0.1', {port}, workers=2)"
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 90
        while True:
            try:
                assert _get(port) == 200
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
                assert time.time() < deadline, "server did not start"
                time.sleep(0.3)
        assert all(_get(port) == 200 for _ in range(10))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    time.sleep(0.5)
    with pytest.raises(OSError):  # no worker left behind on the port
        _get(port)


def test_serve_refuses_a_port_in_use() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(LagebildError, match="cannot listen"):
            serving.serve(None, "127.0.0.1", busy.getsockname()[1], 2)
