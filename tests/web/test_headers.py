"""Every page's security headers: the Content-Security-Policy, Permissions-Policy, no-store for
logged-in pages, and a production configuration `check --deploy` finds nothing wrong with."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.test import Client
from django.urls import reverse

from tests.personas import Network, build_network, open_case

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "stepstones"


@pytest.fixture
def net() -> Network:
    return build_network()


def _policy(response: object) -> dict[str, str]:
    header = response["Content-Security-Policy"]  # type: ignore[index]
    return {
        part.split()[0]: " ".join(part.split()[1:])
        for part in str(header).split(";")
        if part.strip()
    }


@pytest.mark.parametrize("name", ["home", "screening:quick", "offers:check", "suggest:notes"])
def test_public_pages_allow_only_this_sites_scripts_and_styles(name: str) -> None:
    response = Client().get(reverse(name))
    policy = _policy(response)
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


def test_every_page_a_logged_in_person_sees_is_kept_nowhere(net: Network) -> None:
    case = open_case(net)
    nina = net.client("nina")
    for url in (
        reverse("cases:dashboard"),
        reverse("cases:list"),
        reverse("referrals:inbox"),
        reverse("cases:case", args=[case.pk]),
        reverse("cases:timeline", args=[case.pk]),
        reverse("agencies:directory"),
    ):
        response = nina.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url
        assert "Content-Security-Policy" in response, url


def test_no_template_holds_inline_script_style_or_handlers() -> None:
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=\"|\son[a-z]+=\"|<style\b")
    found = [
        f"{path.relative_to(SRC)}: {match.group(0)}"
        for path in SRC.rglob("templates/**/*.html")
        for match in inline.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_production_configuration_passes_check_deploy(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DEBUG": "false",
        "STEPSTONES_DEMO": "false",
        "SECRET_KEY": Fernet.generate_key().decode() * 2,
        "ALLOWED_HOSTS": "stepstones.example.org",
        # The production database (the check does not connect; SQLite draws its own warning).
        "DATABASE_URL": "postgres://stepstones@db.example.org:5432/stepstones",
        "STEPSTONES_VAULT_KEYS": Fernet.generate_key().decode(),
        "STEPSTONES_AUDIT_KEYS": Fernet.generate_key().decode(),
        "STEPSTONES_LINKAGE_KEYS": Fernet.generate_key().decode(),  # 32 bytes as well
        "STEPSTONES_HOME": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "stepstones", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout
