"""Serving with several processes on Linux: one listening socket per process (SO_REUSEPORT).

uvicorn's own ``--workers`` share one socket, and the first process to wake up accepts a whole
burst of new connections at once; keep-alive clients (browsers, a load run) then stay on that
one process while the others idle.  Here each process binds its own socket to the same port and
the kernel spreads new connections over them.  The parent only starts the processes, and stops
them when it is stopped (SIGINT, SIGTERM) or when one of them exits.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import sys
import time
from collections.abc import Callable
from typing import Any

from lagebild.errors import LagebildError


def available() -> bool:
    """True where SO_REUSEPORT balances connections between sockets (Linux)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _socket(host: str, port: int, *, shared: bool) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if shared:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _worker(db: str | None, host: str, port: int, factory: Callable[[str | None], Any]) -> None:
    import uvicorn  # lazy: only a running server needs it

    sock = _socket(host, port, shared=True)
    config = uvicorn.Config(factory(db), log_level="warning", backlog=2048)
    uvicorn.Server(config).run(sockets=[sock])


def serve(db: str | None, host: str, port: int, workers: int,
          factory: Callable[[str | None], Any] | None = None) -> None:
    """Run ``workers`` server processes on ``host:port`` until stopped; each builds its
    application with ``factory(db)`` (a module-level function; default: the API alone)."""
    if factory is None:
        from lagebild.api.app import create_app as factory  # cycle: api.app imports this module
    try:  # a plain bind first: a port already in use (even by another SO_REUSEPORT group) fails here
        _socket(host, port, shared=False).close()
    except OSError as exc:
        raise LagebildError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_worker, args=(db, host, port, factory), name=f"lagebild-serve-{i}")
                 for i in range(workers)]

    def stop(signum: int, _frame: Any) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        for process in processes:
            process.start()
        while all(process.is_alive() for process in processes):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=15)
            if process.is_alive():
                process.kill()
