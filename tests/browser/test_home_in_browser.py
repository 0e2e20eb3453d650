from __future__ import annotations

from typing import Any

import pytest
from selenium import webdriver

pytestmark = pytest.mark.browser


def test_it_fits_the_home_page_in_a_phone_screen(
    browser: webdriver.Chrome, live_server: Any
) -> None:
    browser.get(live_server.url + "/")
    assert "stepstones" in browser.title
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
