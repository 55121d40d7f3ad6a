"""``kill -9`` on ``lagebild analyze --workers 2`` leaves no pool worker behind (before, each
stayed alive with its models' memory, blocked on a queue nobody would write to again)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lagebild.model import Article
from lagebild.store.base import Store

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc (Linux) to find the workers")


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_kill_analyze_leaves_no_worker(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    store = Store.open(db)
    for n in range(400):
        store.add_article(Article.create(f"Artikel {n}: Russland griff am Montag Ziele in der Ukraine an. "
                                         "Nordkorea soll Munition geliefert haben, sagte ein Sprecher.", language="de"))
    store.close()
    proc = subprocess.Popen([sys.executable, "-m", "lagebild.cli", "analyze", "--db", str(db), "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        time.sleep(0.2)
        workers = _children(proc.pid)
    if proc.poll() is not None:
        pytest.fail("analyze ended before its workers could be seen")
    assert len(workers) >= 2
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.2)
    left = [w for w in workers if _alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert not left, f"pool workers {left} outlived their killed parent"
