"""The checker's explanations and advice follow the worker's interface language."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from stepstones.recruitment import messages

OFFER = "Waitress job in Germany, 2000 EUR a month, free flight. Send copy of passport on WhatsApp."


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["mk", "sq", "sr", "sr-latn"])
def test_the_result_speaks_the_interface_language(language: str) -> None:
    client = Client()
    client.cookies["django_language"] = language
    html = client.post(reverse("offers:check"), {"text": OFFER}).content.decode()
    english = messages.EXPLANATIONS["passport"]
    with translation.override(language):
        local = translation.gettext(english)
    assert local != english
    assert local.split(".")[0] in html.replace("&quot;", '"').replace("&#x27;", "'")
    assert english.split(".")[0] not in html
