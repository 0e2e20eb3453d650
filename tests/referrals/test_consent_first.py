"""The referral page puts the person's consent first, and shows each refusal once, in words."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from stepstones.cases.models import Consent
from stepstones.errors import ActionError
from stepstones.referrals.models import Referral
from tests.personas import Network, build_network, consent, open_case

pytestmark = pytest.mark.django_db

NO_CONSENT = "No consent covers sharing with"


@pytest.fixture
def net() -> Network:
    return build_network()


def _post(net: Network, **extra: Any) -> dict[str, Any]:
    return {
        "to_org": net.social.pk,
        "kind": "service",
        "purpose": "assistance",
        "service": "shelter",
        "urgency": "normal",
        "reason": "AdditionalServicesRequired",
        "share": ["gender", "summary"],
        "note": "",
        **extra,
    }


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_without_consent_the_page_opens_with_the_consent_form_before_the_referral(
    net: Network,
) -> None:
    case = open_case(net)
    html = net.client("nina").get(reverse("referrals:new", args=[case.pk])).content.decode()
    consent_form = html.index(reverse("cases:consent_add", args=[case.pk]))
    referral_form = html.index('name="preview"')
    assert consent_form < referral_form
    assert "No consent recorded yet" in html
    assert "the receiver sees exactly your preview" in html


def test_the_preview_is_refused_without_consent_and_says_so_once_beside_the_recipient(
    net: Network,
) -> None:
    case = open_case(net)
    response = net.client("nina").post(
        reverse("referrals:new", args=[case.pk]), {**_post(net), "preview": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count(NO_CONSENT) == 1
    assert "Preview: exactly what the receiver will see" not in html
    # The refusal sits in the "To" field's error list, not in the page messages.
    field = re.search(r'<div[^>]*>\s*<label for="id_to_org".*?</div>', html, re.S)
    assert field is not None and NO_CONSENT in field.group(0)
    assert not Referral.objects.exists()


def test_a_form_error_shows_once_and_names_no_machine_field(net: Network) -> None:
    case = open_case(net)
    consent(net, case, net.social)
    response = net.client("nina").post(
        reverse("referrals:new", args=[case.pk]),
        {**_post(net), "to_org": net.ngo.pk, "preview": "1"},
    )
    text = _text(response.content.decode())
    assert text.count("Choose another organisation than your own") == 1
    assert "to_org" not in text


def test_consent_recorded_from_the_referral_page_returns_to_it_and_preselects_the_recipient(
    net: Network,
) -> None:
    case = open_case(net)
    nina = net.client("nina")
    here = reverse("referrals:new", args=[case.pk])
    response = nina.post(
        reverse("cases:consent_add", args=[case.pk]),
        {
            "purpose": "assistance",
            "recipient": net.social.pk,
            "given_on": "2026-12-01",
            "language": "ps",
            "how_given": "oral",
            "next": here,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == here
    assert Consent.objects.filter(case=case, recipient=net.social).exists()
    html = nina.get(here).content.decode()
    link = re.search(r'href="(\?to_org=\d+&amp;purpose=assistance#share)"', html)
    assert link is not None
    chosen = nina.get(here + link.group(1).replace("&amp;", "&")).content.decode()
    assert re.search(rf'<option value="{net.social.pk}" selected>', chosen)
    # With the consent recorded the preview goes through.
    preview = nina.post(here, {**_post(net), "preview": "1"}).content.decode()
    assert "Preview: exactly what the receiver will see" in preview


@pytest.mark.parametrize("target", ["https://example.org/", "//example.org/x", "javascript:x"])
def test_consent_never_redirects_off_the_site(net: Network, target: str) -> None:
    case = open_case(net)
    response = net.client("nina").post(
        reverse("cases:consent_add", args=[case.pk]),
        {
            "purpose": "assistance",
            "recipient": net.social.pk,
            "given_on": "2026-12-01",
            "language": "ps",
            "how_given": "oral",
            "next": target,
        },
    )
    assert response["Location"] == reverse("cases:case", args=[case.pk])


def test_a_refusal_after_a_redirect_is_one_message_led_by_the_fields_label(net: Network) -> None:
    case = open_case(net)
    consent(net, case, net.social)
    nina = net.client("nina")
    response = nina.post(
        reverse("cases:consent_add", args=[case.pk]),
        {
            "purpose": "assistance",
            "recipient": net.social.pk,
            "given_on": "2026-12-01",
            "language": "ps",
            "how_given": "guardian",  # the person is not marked as a child
        },
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1
    assert messages[0] == "How given: A guardian consents only for a child."


@pytest.mark.parametrize(
    ("field", "message", "words"),
    [
        ("to_org", "to_org: choose another organisation.", "Choose another organisation."),
        ("route", "route.transit[0]: expected a country.", "Expected a country."),
        (None, "This case is closed.", "This case is closed."),
        ("note", "Explain: what happened.", "Explain: what happened."),
    ],
)
def test_an_action_errors_words_drop_the_machine_field_path(
    field: str | None, message: str, words: str
) -> None:
    assert ActionError("invalid", message, field=field).words == words


def test_the_consent_explanation_is_offered_in_the_persons_language(net: Network) -> None:
    from stepstones.screening import person

    case = open_case(net)  # the person reads Arabic
    words = person.words_in("ar")
    assert words is not None and words.consent
    html = net.client("nina").get(reverse("referrals:new", args=[case.pk])).content.decode()
    assert f'<p class="in-language" lang="ar" dir="rtl">{words.consent}</p>' in html
    assert "Read this to the person, or show it, in Arabic" in html
