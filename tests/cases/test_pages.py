"""The pages, through the client: what they show, what they change, what they cost."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from stepstones.audit.models import AuditEvent
from stepstones.cases import actions as case_actions
from stepstones.cases.models import Case, Purpose
from stepstones.referrals.models import Referral
from tests.personas import Network, build_network, consent, open_case, refer

pytestmark = pytest.mark.django_db


@pytest.fixture
def net() -> Network:
    return build_network()


def _client(net: Network, who: str) -> Client:
    return net.client(who)


def test_it_opens_a_case_from_the_form(net: Network) -> None:
    response = _client(net, "nina").post(
        reverse("cases:new"),
        {
            "kind": "trafficking",
            "gender": "Masculine",
            "citizenship": "af, pk",
            "summary": "Met at the border.",
            "confirmed": "on",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:case", args=[case.pk])
    assert case.person.citizenship == ["AF", "PK"]
    assert case.accountable_org == net.ngo


def test_it_names_the_field_when_the_input_is_bad(net: Network) -> None:
    response = _client(net, "nina").post(
        reverse("cases:new"),
        {"kind": "trafficking", "gender": "Masculine", "citizenship": "Narnia"},
    )
    assert response.status_code == 200
    assert "We do not know the country “Narnia”." in response.content.decode()
    assert not Case.objects.exists()


def test_it_keeps_identity_off_the_case_page_until_asked(net: Network) -> None:
    case = open_case(net)
    client = _client(net, "nina")
    page = client.get(reverse("cases:case", args=[case.pk])).content.decode()
    assert "Amira" not in page
    assert case.person.code in page
    before = AuditEvent.objects.filter(action="identity.viewed").count()
    fragment = client.get(reverse("cases:identity", args=[case.pk]), HTTP_HX_REQUEST="true")
    assert "Amira Testova" in fragment.content.decode()
    assert AuditEvent.objects.filter(action="identity.viewed").count() == before + 1


def test_it_shows_an_override_on_the_case(net: Network) -> None:
    case = open_case(net)
    case_actions.record_override(
        case,
        recipient=net.social,
        purpose=Purpose.ASSISTANCE,
        legal_ground="danger_to_life",
        justification="Threatened with a knife last night.",
        by=net.nina,
    )
    page = _client(net, "nina").get(reverse("cases:case", args=[case.pk])).content.decode()
    assert "Shared without consent" in page and "Danger to life" in page


def _referral_post(net: Network, **extra: Any) -> dict[str, Any]:
    return {
        "to_org": net.social.pk,
        "kind": "service",
        "purpose": "assistance",
        "service": "shelter",
        "urgency": "urgent",
        "reason": "AdditionalServicesRequired",
        "share": ["gender", "names", "summary"],
        "note": "Needs a bed tonight.",
        **extra,
    }


def _packet_text(html: str) -> str:
    match = re.search(r'<div class="packet">(.*?)</div>', html, re.S)
    assert match, "no packet on the page"
    # The same words and fields; only the heading's level follows the page it sits in (an h3
    # under the preview's h2, an h2 on the receiver's page).
    return re.sub(r"\s+", " ", re.sub(r"<(/?)h[23]>", r"<\1h>", match.group(1)))


def test_it_shows_the_receiver_exactly_what_the_sender_previewed(net: Network) -> None:
    case = open_case(net)
    consent(net, case, net.social)
    sender = _client(net, "nina")
    url = reverse("referrals:new", args=[case.pk])
    preview = sender.post(url, {**_referral_post(net), "preview": "1"}).content.decode()
    digest = re.search(r'name="digest" value="([0-9a-f]+)"', preview)
    assert digest is not None
    assert not Referral.objects.exists()
    sent = sender.post(url, {**_referral_post(net), "digest": digest.group(1), "send": "1"})
    referral = Referral.objects.get()
    assert sent["Location"] == reverse("referrals:referral", args=[referral.pk])
    received = _client(net, "sara").get(reverse("referrals:referral", args=[referral.pk]))
    assert _packet_text(received.content.decode()) == _packet_text(preview)
    assert "Amira Testova" in _packet_text(preview)
    letter = _client(net, "sara").get(reverse("referrals:letter", args=[referral.pk]))
    assert _packet_text(letter.content.decode()) == _packet_text(preview)


def test_it_refuses_to_send_a_packet_that_changed_since_the_preview(net: Network) -> None:
    case = open_case(net)
    consent(net, case, net.social)
    sender = _client(net, "nina")
    url = reverse("referrals:new", args=[case.pk])
    preview = sender.post(url, {**_referral_post(net), "preview": "1"}).content.decode()
    digest = re.search(r'name="digest" value="([0-9a-f]+)"', preview)
    assert digest is not None
    case_actions.update_identity(case, {"names": ["Someone Else"]}, by=net.nina)
    response = sender.post(url, {**_referral_post(net), "digest": digest.group(1), "send": "1"})
    assert response.status_code == 200
    assert b"changed since your preview" in response.content
    assert not Referral.objects.exists()


def test_it_keeps_the_letter_to_the_packet_fields(net: Network) -> None:
    case = open_case(net)
    referral = refer(net, case, net.social, fields=("gender",))
    letter = _client(net, "sara").get(reverse("referrals:letter", args=[referral.pk]))
    html = letter.content.decode()
    assert "Feminine" in html
    assert "Amira" not in html and "restaurant" not in html  # neither names nor summary


def test_it_explains_a_lost_transfer_race(net: Network) -> None:
    case = open_case(net)
    first = refer(net, case, net.social, kind="transfer", purpose=Purpose.CASE_TRANSFER)
    second = refer(net, case, net.police, kind="transfer", purpose=Purpose.CASE_TRANSFER)
    _client(net, "sara").post(reverse("referrals:accept", args=[first.pk]))
    response = _client(net, "petar").post(
        reverse("referrals:accept", args=[second.pk]), follow=True
    )
    assert b"Another organisation accepted a transfer of this case first" in response.content
    case.refresh_from_db()
    assert case.accountable_org == net.social


@pytest.mark.parametrize("n", [1, 12], ids=["one", "twelve"])
def test_it_lists_cases_in_constant_queries(
    net: Network, n: int, django_assert_max_num_queries: Any
) -> None:
    for _ in range(n):
        refer(net, open_case(net), net.social)
    client = _client(net, "nina")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("cases:list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("cases:dashboard")).status_code == 200
    sara = _client(net, "sara")
    with django_assert_max_num_queries(10):
        assert sara.get(reverse("referrals:inbox")).status_code == 200


@pytest.mark.parametrize("n", [1, 8], ids=["one", "eight"])
def test_it_renders_the_case_and_chain_in_constant_queries(
    net: Network, n: int, django_assert_max_num_queries: Any
) -> None:
    case = open_case(net)
    for _ in range(n):
        refer(net, case, net.social)
        case_actions.record_assessment(
            case, facts={}, result={}, catalogue_version="v", outcome="o", by=net.nina
        )
    client = _client(net, "nina")
    with django_assert_max_num_queries(16):
        assert client.get(reverse("cases:case", args=[case.pk])).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("referrals:chain", args=[case.pk])).status_code == 200


def test_it_searches_the_directory_by_service_and_language(net: Network) -> None:
    client = _client(net, "nina")
    html = client.get(reverse("agencies:directory"), {"service": "shelter", "language": "sq"})
    text = html.content.decode()
    assert "Centre for Social Work Lakeside" in text
    assert "Open Door Outreach" not in text
    none = client.get(reverse("agencies:directory"), {"language": "ur"}).content.decode()
    assert "No organisation matches" in none


def test_it_shows_coordinators_flows_without_case_codes(net: Network) -> None:
    import datetime as dt

    import time_machine

    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        case = open_case(net)
        referral = refer(net, case, net.social)
    with time_machine.travel(start + dt.timedelta(hours=5), tick=False):
        from stepstones.referrals import actions as referral_actions

        referral_actions.accept_referral(referral, by=net.sara)
    response = _client(net, "cora").get(reverse("referrals:network"))
    flow = response.context["flows"][0]
    assert (flow["total"], flow["accepted"], flow["avg_accept_hours"]) == (1, 1, 5.0)
    html = response.content.decode()
    assert "Open Door Outreach" in html and "Centre for Social Work Lakeside" in html
    assert case.person.code not in html


def test_it_lets_the_org_admin_add_a_member_to_their_own_organisation(net: Network) -> None:
    response = _client(net, "olga").post(
        reverse("agencies:members"),
        {"username": "newbie", "email": "newbie@example.org", "role": "frontline_worker"},
    )
    assert response.status_code == 302
    from stepstones.agencies.models import Membership

    assert Membership.objects.get(user__username="newbie").organisation == net.ngo


def test_it_shows_a_partner_only_the_state_and_its_own_referrals(net: Network) -> None:
    case = open_case(net)
    to_police = refer(net, case, net.police, purpose=Purpose.IDENTIFICATION, fields=("gender",))
    from stepstones.referrals import actions as referral_actions

    referral_actions.accept_referral(to_police, by=net.petar)
    refer(net, case, net.social, fields=("gender",))
    case_actions.record_assessment(
        case, facts={"age": 30}, result={}, catalogue_version="v", outcome="o", by=net.nina
    )
    page = _client(net, "petar").get(reverse("cases:case", args=[case.pk])).content.decode()
    assert case.person.code in page and "Open Door Outreach" in page
    assert "restaurant" not in page  # the summary was not in petar's packet
    assert "Centre for Social Work Lakeside" not in page  # another organisation's referral
    assert "assessments/" not in page
    chain = _client(net, "petar").get(reverse("referrals:chain", args=[case.pk])).content.decode()
    assert "Centre for Social Work Lakeside" not in chain and "Police Anti-Trafficking" in chain


def test_it_keeps_identity_packets_from_the_org_admin(net: Network) -> None:
    case = open_case(net)
    referral = refer(net, case, net.social, fields=("gender", "names"))
    page = _client(net, "olga").get(reverse("referrals:referral", args=[referral.pk]))
    assert page.status_code == 200
    assert "Amira" not in page.content.decode()


def test_it_records_a_service_the_holder_gives_and_moves_it_on(net: Network) -> None:
    case = open_case(net)
    client = _client(net, "nina")
    client.post(reverse("referrals:service_add", args=[case.pk]), {"kind": "psychosocial"})
    service = case.services.get()
    assert (service.provider, service.status) == (net.ngo, "requested")
    client.post(reverse("referrals:service_advance", args=[service.pk]), {"status": "started"})
    client.post(reverse("referrals:service_advance", args=[service.pk]), {"status": "completed"})
    service.refresh_from_db()
    assert service.status == "completed" and service.completed_at is not None


def test_it_filters_the_directory_with_an_htmx_fragment(net: Network) -> None:
    response = _client(net, "nina").get(
        reverse("agencies:directory"), {"service": "shelter"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">') or '<div id="results">' in html[:200]
    assert "<html" not in html and "Centre for Social Work Lakeside" in html


def test_it_links_the_dashboard_from_the_home_page_after_login(net: Network) -> None:
    assert reverse("cases:dashboard") not in Client().get("/").content.decode()
    assert reverse("cases:dashboard") in _client(net, "nina").get("/").content.decode()


def test_it_edits_the_case_and_the_persons_pseudonymous_fields(net: Network) -> None:
    case = open_case(net)
    response = _client(net, "nina").post(
        reverse("cases:edit", args=[case.pk]),
        {
            "kind": "trafficking",
            "gender": "Feminine",
            "is_child": "on",
            "citizenship": "sy, iq",
            "primary_language": "ar",
            "summary": "Turns out she is 16.",
            "type_of_exploitation": ["ForcedLabour"],
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    case.person.refresh_from_db()
    assert case.person.is_child and case.person.citizenship == ["SY", "IQ"]
    assert case.type_of_exploitation == ["ForcedLabour"]
    bad = _client(net, "nina").post(
        reverse("cases:edit", args=[case.pk]),
        {"kind": "trafficking", "gender": "Feminine", "citizenship": "Narnia"},
        follow=True,
    )
    assert "Citizenship: We do not know the country “Narnia”." in bad.content.decode()
    case.person.refresh_from_db()
    assert case.person.citizenship == ["SY", "IQ"]


def test_it_asks_browsers_and_proxies_to_keep_no_copy_of_identity_pages(net: Network) -> None:
    case = open_case(net)
    referral = refer(net, case, net.social)
    client = _client(net, "nina")
    for url in (
        reverse("cases:identity", args=[case.pk]),
        reverse("cases:identity_edit", args=[case.pk]),
        reverse("cases:case", args=[case.pk]),
        reverse("referrals:referral", args=[referral.pk]),
        reverse("referrals:letter", args=[referral.pk]),
    ):
        assert "no-store" in client.get(url)["Cache-Control"], url


@pytest.mark.parametrize("name", ["edit", "consent", "override"])
def test_the_case_pages_larger_forms_are_drawn_when_opened(net: Network, name: str) -> None:
    case = open_case(net)
    client = _client(net, "nina")
    page = client.get(reverse("cases:case", args=[case.pk])).content.decode()
    form_url = reverse("cases:form", args=[case.pk, name])
    assert f'hx-get="{form_url}"' in page and f'href="{form_url}"' in page  # works without JS
    assert 'name="recipient"' not in page and 'name="summary"' not in page
    fragment = client.get(form_url, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith("<form") and "csrfmiddlewaretoken" in fragment
    action = {
        "edit": "cases:edit",
        "consent": "cases:consent_add",
        "override": "cases:override_add",
    }
    assert f'action="{reverse(action[name], args=[case.pk])}"' in fragment
    whole = client.get(form_url).content.decode()
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')  # masked anew each time
    assert "<html" in whole and token.sub("", fragment.strip()) in token.sub("", whole)


def test_a_case_form_is_only_for_the_holder_of_an_open_case(net: Network) -> None:
    case = open_case(net)
    nina = _client(net, "nina")
    assert nina.get(reverse("cases:form", args=[case.pk, "nothing"])).status_code == 404
    edit = nina.get(reverse("cases:form", args=[case.pk, "edit"])).content.decode()
    assert "Met at the border; job promised in a restaurant." in edit  # the case's own details
    case_actions.close_case(case, reason="lost_contact", by=net.nina)
    assert nina.get(reverse("cases:form", args=[case.pk, "consent"])).status_code == 404
