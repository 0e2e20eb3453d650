"""The settings module reads the environment strictly and refuses unsafe production settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import LazySettings
from django.core.exceptions import ImproperlyConfigured

from stepstones.env import env_bool, env_int, env_list, env_str


def _load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import stepstones.settings"],
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_refuses_to_start_with_debug_off_and_the_default_secret() -> None:
    result = _load_settings(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_starts_with_debug_off_and_a_real_secret() -> None:
    result = _load_settings(DEBUG="false", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


def test_it_starts_locally_with_no_configuration() -> None:
    assert _load_settings().returncode == 0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        ("Yes", True),
        ("on", True),
        ("0", False),
        ("off", False),
        ("", False),
    ],
    ids=["1", "true", "Yes", "on", "0", "off", "empty"],
)
def test_env_bool_reads_the_usual_spellings(raw: str, expected: bool) -> None:
    assert env_bool("X", not expected, {"X": raw}) is expected


def test_env_bool_names_the_variable_when_the_value_is_wrong() -> None:
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be one of"):
        env_bool("DEBUG", True, {"DEBUG": "maybe"})


def test_env_int_rejects_words_and_values_below_the_minimum() -> None:
    with pytest.raises(ImproperlyConfigured, match="PORT must be a whole number"):
        env_int("PORT", 1, {"PORT": "eighty"})
    with pytest.raises(ImproperlyConfigured, match="PORT must be at least 1"):
        env_int("PORT", 1, {"PORT": "0"}, minimum=1)
    assert env_int("PORT", 1, {"PORT": "8080"}) == 8080


def test_env_list_and_env_str_fall_back_to_defaults_when_empty() -> None:
    assert env_list("H", ["a"], {"H": " x , ,y "}) == ["x", "y"]
    assert env_list("H", ["a"], {}) == ["a"]
    assert env_str("S", "d", {"S": "  "}) == "d"


def test_a_language_is_offered_once_its_translation_file_exists(tmp_path: Path) -> None:
    from stepstones.i18n import translated_languages

    assert translated_languages(tmp_path) == []
    for folder in ("mk", "sr_Latn", "en"):
        (tmp_path / folder / "LC_MESSAGES").mkdir(parents=True)
        (tmp_path / folder / "LC_MESSAGES" / "django.po").write_text("", encoding="utf-8")
    assert translated_languages(tmp_path) == [
        ("mk", "Македонски"),
        ("sr-latn", "srpski (latinica)"),
    ]


def test_the_deploy_check_refuses_debug_and_the_demo(settings: LazySettings) -> None:
    from stepstones.web.apps import check_production_settings

    settings.DEBUG, settings.DEMO = False, False
    assert "stepstones.E002" not in {m.id for m in check_production_settings()}
    settings.DEMO = True
    assert "stepstones.E002" in {m.id for m in check_production_settings()}
    settings.DEBUG = True
    assert "stepstones.E001" in {m.id for m in check_production_settings()}
