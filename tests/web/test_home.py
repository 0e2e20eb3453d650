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
