"""The public check page and the report button."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from stepstones.audit.models import AuditEvent
from stepstones.offers.models import ReportedOffer
from tests.personas import Network

pytestmark = pytest.mark.django_db

DECEPTIVE = (
    "Потребни девојки 18-25 години за хостеси во Германија. Пасошот ќе го чуваме ние. "
    "Viber 071 234 567."
)


def test_it_shows_the_form_without_login(client: Client) -> None:
    response = client.get("/offers/")
    assert response.status_code == 200
    assert b'name="text"' in response.content
    assert response["Cache-Control"].startswith("max-age=0")


def test_it_marks_the_flags_in_the_text_and_gives_level_and_advice(client: Client) -> None:
    response = client.post("/offers/", {"text": DECEPTIVE})
    html = response.content.decode()
    assert response.status_code == 200
    assert "High risk" in html
    assert re.search(r'<mark class="sev-high" data-flags="passport">Пасошот</mark>', html)
    # no unverified number is ever shown; the verified ones say where and when they were checked
    assert "0800 11111" not in html and "number not yet verified" not in html
    assert "112" in html and "number checked on 2026-12-07" in html
    # the advice also in the offer's language
    assert "Чувајте ги пасошот" in html


ARABIC = "عمل في تركيا، 1500 دولار، سكن مجاني، أرسل صورة جواز السفر على واتساب"


def test_it_shows_advice_in_arabic_right_to_left(client: Client) -> None:
    response = client.post("/offers/", {"text": ARABIC, "job_country": ""})
    html = response.content.decode()
    assert "High risk" in html
    assert re.search(r'data-flags="passport">جواز</mark>', html)
    assert '<p lang="ar" dir="rtl" class="in-language">خطر عالٍ' in html
    assert 'lang="ar" dir="rtl" class="in-language">احتفظ بجوازك' in html


def test_it_offers_the_job_country_hotline_first_and_says_which_country_it_is_for(
    client: Client,
) -> None:
    form = {"text": ARABIC, "job_country": "IT", "seeker_country": "RS"}
    response = client.post("/offers/", form)
    html = response.content.decode()
    italy = html.index("800 290 290")
    serbia = html.index("+381 11 785 0000")
    assert italy < serbia < html.index(">112<")
    assert "for the country of the job" in html and "for your country" in html


def test_it_stores_nothing_when_checking(client: Client) -> None:
    client.post("/offers/", {"text": DECEPTIVE})
    assert ReportedOffer.objects.count() == 0


def test_it_escapes_the_offer_text(client: Client) -> None:
    html = client.post("/offers/", {"text": "<script>alert(1)</script> work abroad"}).content
    assert b"<script>alert(1)</script>" not in html
    assert b"&lt;script&gt;" in html


def test_it_answers_htmx_with_the_result_fragment_only(client: Client) -> None:
    response = client.post("/offers/", {"text": DECEPTIVE}, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert b'id="result"' in response.content


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "The offer is empty"),
        ("x" * 20_001, "the limit is 20,000 characters"),
        ("\x01\x02\x03\x04\x05\x06 ab", "not text"),
    ],
    ids=["empty", "too-long", "binary"],
)
def test_it_says_what_is_wrong_with_the_input(client: Client, text: str, message: str) -> None:
    response = client.post("/offers/", {"text": text})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert b'id="result"' not in response.content


def test_the_report_button_is_only_for_members(
    client: Client, logged_in: Client, memberless: Client
) -> None:
    anonymous = Client().post("/offers/", {"text": DECEPTIVE}).content
    assert b"Report this offer" not in anonymous
    assert b"Report this offer" not in memberless.post("/offers/", {"text": DECEPTIVE}).content
    member = logged_in.post("/offers/", {"text": DECEPTIVE}).content.decode()
    assert "Report this offer" in member
    assert "You report it for Open Door Outreach" in member
    assert 'name="organisation_kind"' not in member


def test_reporting_needs_a_login(client: Client) -> None:
    response = client.post("/offers/report/", {"text": DECEPTIVE})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert ReportedOffer.objects.count() == 0


def test_a_member_reports_an_offer_for_their_organisation(logged_in: Client) -> None:
    response = logged_in.post("/offers/report/", {"text": DECEPTIVE}, follow=True)
    assert b"the offer is reported" in response.content
    report = ReportedOffer.objects.get()
    assert report.organisation_kind == "non_governmental"
    event = AuditEvent.objects.exclude(action__startswith="otp.").get()  # not the login's code
    assert (event.action, event.object_id) == ("offer.reported", str(report.pk))
    assert event.organisation_name == "Open Door Outreach"
    again = logged_in.post("/offers/", {"text": DECEPTIVE.replace("071 234 567", "075 000 111")})
    assert b"reported as deceptive on" in again.content
    assert b"Non-governmental" in again.content


def test_an_organisation_kind_in_the_post_is_ignored(net: Network) -> None:
    client = Client()
    client.force_login(net.petar.user)
    client.post("/offers/report/", {"text": DECEPTIVE, "organisation_kind": "international"})
    assert ReportedOffer.objects.get().organisation_kind == "governmental"


def test_a_user_without_an_organisation_is_refused_with_a_clear_page(memberless: Client) -> None:
    response = memberless.post("/offers/report/", {"text": DECEPTIVE})
    assert response.status_code == 403
    assert "Only members of an organisation in the network can report offers" in (
        response.content.decode()
    )
    assert ReportedOffer.objects.count() == 0
    assert AuditEvent.objects.exclude(action__startswith="otp.").count() == 0


def test_a_bad_report_says_why_and_stores_nothing(logged_in: Client) -> None:
    response = logged_in.post("/offers/report/", {"text": "   "}, follow=True)
    assert b"The offer is empty" in response.content
    assert ReportedOffer.objects.count() == 0
    assert AuditEvent.objects.exclude(action__startswith="otp.").count() == 0


def test_a_seeker_from_afghanistan_sees_the_line_of_the_job_country_turkiye_first(
    client: Client,
) -> None:
    text = "کار در ترکیه، معاش خوب، کاپی تذکره و پاسپورت خود را روان کنید"
    form = {"text": text, "job_country": "TR", "seeker_country": "AF"}
    html = client.post("/offers/", form).content.decode()
    assert "High risk" in html and 'lang="fa" dir="rtl"' in html
    hotlines = html[html.index('<ul class="hotlines">') :]
    assert hotlines.index("Türkiye") < hotlines.index(">157<") < hotlines.index(">112<")
