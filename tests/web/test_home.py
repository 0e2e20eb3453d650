from __future__ import annotations

import re

from django.test import Client


def test_it_shows_the_home_page_without_login(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert b"stepstones" in response.content


def test_it_loads_no_third_party_assets(client: Client) -> None:
    html = client.get("/").content.decode()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == []


def test_no_template_comment_spans_lines() -> None:
    # Django's {# #} comments end at the line: a two-line one is shown to the user as text.
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "src" / "stepstones"
    broken = [
        f"{path.relative_to(src)}:{number}"
        for path in src.rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert broken == []


def test_the_quick_screen_shows_no_template_comment(client: Client) -> None:
    assert "{#" not in client.get("/screen/").content.decode()
