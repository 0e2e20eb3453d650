"""The demo's 404 and 500 pages are the project's own, in the interface language."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.test import Client, RequestFactory
from django.views.defaults import server_error


@pytest.mark.django_db
def test_a_bad_address_shows_the_project_page_and_no_url_list(client: Client) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "stepstones" in html
    assert "Using the URLconf" not in html
    assert "urlpatterns" not in html
    assert "screening/" not in html.split("<main", 1)[1]


@pytest.mark.django_db
def test_the_404_page_speaks_the_interface_language(client: Client) -> None:
    client.cookies["django_language"] = "mk"
    html = client.get("/no/such/page/", HTTP_ACCEPT_LANGUAGE="mk").content.decode()
    assert '<html lang="mk">' in html


def test_the_500_page_is_the_project_page() -> None:
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "Traceback" not in html


def _settings_with(**env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    environ.update(env)
    code = (
        "import stepstones.settings as s;"
        "print(s.DEBUG, s.STEPSTONES_VAULT_AUTOGENERATE, s.SESSION_COOKIE_SECURE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_demo_server_runs_with_debug_off_but_stays_a_local_demo() -> None:
    # `make run` sets STEPSTONES_DEMO=true: real error pages, the demo's key and cookies.
    assert _settings_with(STEPSTONES_DEMO="true") == "False True False"
    assert _settings_with() == "True True False"
    assert _settings_with(DEBUG="false", SECRET_KEY="x" * 50) == "False False True"


def test_make_run_serves_the_demo_mode() -> None:
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "STEPSTONES_DEMO=$${STEPSTONES_DEMO:-true}" in run
    assert "runserver" in run
