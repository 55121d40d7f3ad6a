"""Settings are data: every shipped setting is documented and validated strictly."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from lagebild import settings

README = Path(__file__).resolve().parents[1] / "README.md"


def test_settings_every_setting_is_documented_in_the_readme():
    text = README.read_text()
    for name, field in settings.Settings.model_fields.items():
        assert f"| `{name}` |" in text, name
        assert field.description and field.description in text, name


def test_settings_defaults_match_the_schema():
    assert set(settings.defaults()) == set(settings.Settings.model_fields)


def test_settings_unknown_keys_are_rejected():
    with pytest.raises(ValidationError):
        settings.Settings(**settings.defaults(), colour="blue")


def test_settings_environment_and_overrides(monkeypatch):
    monkeypatch.setenv("LAGEBILD_WORKERS", "3")
    assert settings.load().workers == 3
    assert settings.load(workers=1).workers == 1
    assert settings.load(workers=None).workers == 3
