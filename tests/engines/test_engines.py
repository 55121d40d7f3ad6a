"""The engines: the same analyses wherever the stages run; failures reported per article; Ray
optional with a clear message when missing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from lagebild import services
from lagebild.engines import make_engine
from lagebild.engines.local import LocalEngine
from lagebild.errors import EngineError
from lagebild.model import Analysis, Article

DEMO = Path(__file__).resolve().parents[2] / "src" / "lagebild" / "demo" / "corpus"


def _articles(count: int) -> list[Article]:
    return [Article(id=f"a{i:03d}", text=f"Artikel {i}. Zweiter Satz.", language="de") for i in range(count)]


class LightAnalyzer:
    """A Ray actor without models: one layer with the article's length; article ids ending in 7 fail."""

    def __init__(self, names: tuple[str, ...]) -> None:
        from lagebild.analyze.pipeline import chain_signature  # lazy: runs inside the Ray worker
        self._signature = chain_signature(names)

    def signature(self) -> str:
        return self._signature

    def run(self, articles: list[Article]) -> list[Analysis | BaseException]:
        return [ValueError(f"{a.id} is cursed") if a.id.endswith("7")
                else Analysis(a.id, {"length": [{"n": len(a.text)}]}, {}) for a in articles]


class StaleAnalyzer(LightAnalyzer):
    """An actor on a node with another lagebild: its stage chain differs."""

    def signature(self) -> str:
        return "lagebild.sentences.v0"


def _ray_engine(actor: type, **options):
    import cloudpickle  # lazy: Ray's pickler, present with ray
    from lagebild.engines.ray import RayEngine

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import tests/
    return type("TestRayEngine", (RayEngine,), {"actor_class": actor})(**options)


def test_engines_unknown_engine_names_the_known_ones() -> None:
    with pytest.raises(EngineError, match="unknown engine 'spark'; known engines: local, ray"):
        make_engine("spark")
    with pytest.raises(EngineError, match="--ray-address only applies to --engine ray"):
        make_engine("local", address="10.0.0.1:6379")
    assert isinstance(make_engine("local", workers=2), LocalEngine)


def test_engines_ray_missing_says_how_to_install(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    with pytest.raises(EngineError, match=r"needs the 'ray' package.*pip install 'lagebild\[ray\]'"):
        make_engine("ray")


def test_engines_ray_keeps_order_and_reports_failures(ray_cluster) -> None:
    articles = _articles(45)
    engine = _ray_engine(LightAnalyzer, workers=2, batch=4)
    got = list(engine.run(iter(articles), names=("lagebild.sentences",)))
    assert [a.id for a, _ in got] == [a.id for a in articles]
    failed = [a.id for a, result in got if isinstance(result, BaseException)]
    assert failed == ["a007", "a017", "a027", "a037"]
    assert all(result.layers["length"] == [{"n": len(a.text)}]
               for a, result in got if isinstance(result, Analysis))


def test_engines_ray_refuses_workers_with_other_stage_versions(ray_cluster) -> None:
    engine = _ray_engine(StaleAnalyzer, workers=1)
    with pytest.raises(EngineError, match="other stage versions.*same lagebild on every node"):
        list(engine.run(_articles(3), names=("lagebild.sentences",)))


def test_engines_ray_refuses_more_workers_than_cpus(ray_cluster) -> None:
    engine = _ray_engine(LightAnalyzer, workers=64)
    with pytest.raises(EngineError, match="--workers 64: the Ray cluster offers 2 CPU"):
        list(engine.run(_articles(3), names=("lagebild.sentences",)))


def _analyzed_export(tmp_path: Path, name: str, **engine) -> str:
    store = services.open_store(tmp_path / f"{name}.db")
    sources = sorted(DEMO.glob("*.txt"))[:8]
    services.ingest_paths(store, sources)
    report = services.analyze(store, **engine)
    assert len(report.analyzed) == len(sources) and not report.problems
    services.link_store(store)
    picture = services.export_picture(store)
    store.close()
    return json.dumps(picture, sort_keys=True, ensure_ascii=False)


@pytest.mark.slow
def test_engines_ray_and_local_export_the_same_picture(ray_cluster, tmp_path: Path) -> None:
    local = _analyzed_export(tmp_path, "local", engine="local", workers=1)
    on_ray = _analyzed_export(tmp_path, "ray", engine="ray", workers=2)
    assert '"facts"' in local and len(local) > 10_000
    assert on_ray == local


def test_engines_cli_rejects_an_unknown_engine(tmp_path: Path) -> None:
    from typer.testing import CliRunner  # lazy: only this test drives the CLI
    from lagebild.cli.main import app

    db = str(tmp_path / "x.db")
    result = CliRunner().invoke(app, ["analyze", "--db", db, "--engine", "spark"])
    assert result.exit_code != 0
    assert "'spark' is not one of 'local', 'ray'" in " ".join(result.output.split())


def test_engines_ray_address_comes_from_ray_address(monkeypatch) -> None:
    from lagebild import settings

    monkeypatch.setenv("RAY_ADDRESS", "10.1.2.3:6379")
    assert settings.ray_address() == "10.1.2.3:6379"
    monkeypatch.setenv("RAY_ADDRESS", "")
    assert settings.ray_address() is None


def test_engines_ray_started_here_gives_its_workers_our_priority(monkeypatch) -> None:
    import os

    pytest.importorskip("ray", reason="the 'ray' package is not installed (pip install 'lagebild[ray]')")
    from lagebild.engines.ray import NICENESS, RayEngine

    seen: dict = {}

    class FakeRay:  # records what ray.init saw in the environment (the raylet inherits it)
        def is_initialized(self) -> bool:
            return False

        def init(self, **options) -> None:
            seen.update(options, niceness=os.environ.get(NICENESS))

    monkeypatch.setenv(NICENESS, "7")
    engine = RayEngine(workers=2)
    engine.ray = FakeRay()
    assert engine._connect() is True
    assert seen["address"] == "local" and seen["niceness"] == "0"
    assert os.environ[NICENESS] == "7"  # this process's own setting is given back
    joined = RayEngine(workers=2, address="10.1.2.3:6379")
    joined.ray = FakeRay()
    joined._connect()
    assert seen["address"] == "10.1.2.3:6379" and seen["niceness"] == "7"  # a cluster's raylets are not ours
