"""Case notes (encrypted, need-to-know) and the case's timeline of actions and notes."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.urls import reverse

from stepstones.audit.chain import verify
from stepstones.audit.models import AuditEvent
from stepstones.cases import actions as case_actions
from stepstones.cases.models import CaseNote, Stage
from stepstones.errors import ActionError
from stepstones.referrals import actions as referral_actions
from tests.personas import Network, build_network, open_case, refer

pytestmark = pytest.mark.django_db

SECRET = "She said the boss keeps her passport in the office safe."


@pytest.fixture
def net() -> Network:
    return build_network()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_note_is_shown_on_the_case_encrypted_at_rest_and_audited_without_its_text(
    net: Network,
) -> None:
    case = open_case(net)
    nina = net.client("nina")
    response = nina.post(reverse("cases:note_add", args=[case.pk]), {"text": SECRET})
    assert response.status_code == 302
    page = nina.get(reverse("cases:case", args=[case.pk])).content.decode()
    assert SECRET in page
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM cases_casenote")
        (token,) = cursor.fetchone()
    assert "passport" not in token
    event = AuditEvent.objects.get(action="case.note_added")
    assert "passport" not in str(event.details)
    assert verify() == []


@pytest.mark.parametrize(
    ("text", "message"),
    [("   ", "Note: Write the note."), ("x" * 4001, "Note: Ensure this value has at most")],
)
def test_a_bad_note_stores_nothing_and_says_why(net: Network, text: str, message: str) -> None:
    case = open_case(net)
    response = net.client("nina").post(
        reverse("cases:note_add", args=[case.pk]), {"text": text}, follow=True
    )
    shown = [str(m) for m in response.context["messages"]]
    assert len(shown) == 1 and shown[0].startswith(message)
    assert not CaseNote.objects.exists()


def test_notes_are_read_by_their_writer_and_the_accountable_organisation_only(
    net: Network,
) -> None:
    case = open_case(net)
    police = refer(net, case, net.police)
    referral_actions.accept_referral(police, by=net.petar)
    social = refer(net, case, net.social)
    referral_actions.accept_referral(social, by=net.sara)
    case_actions.add_note(case, "Holder note.", by=net.nina)
    case_actions.add_note(case, "Police note.", by=net.petar)
    case_actions.add_note(case, "Social work note.", by=net.sara)

    def seen(who: str) -> set[str]:
        page = net.client(who).get(reverse("cases:case", args=[case.pk])).content.decode()
        return {n for n in ("Holder note", "Police note", "Social work note") if n in page}

    assert seen("nina") == {"Holder note", "Police note", "Social work note"}
    assert seen("petar") == {"Police note"}
    assert seen("sara") == {"Social work note"}


def test_no_note_on_a_closed_case_nor_from_a_role_that_only_reads(net: Network) -> None:
    case = open_case(net)
    with pytest.raises(ActionError) as refused:
        case_actions.add_note(case, "Admin note.", by=net.olga)
    assert refused.value.status == 403
    case_actions.close_case(case, reason="assistance_completed", by=net.nina)
    with pytest.raises(ActionError) as closed:
        case_actions.add_note(case, "Too late.", by=net.nina)
    assert closed.value.code == "case_closed"
    assert not CaseNote.objects.exists()


def test_the_timeline_tells_the_case_in_words_newest_first(net: Network) -> None:
    case = open_case(net)
    referral = refer(net, case, net.social)
    referral_actions.accept_referral(referral, by=net.sara, note="A bed from tonight.")
    service = referral.service
    referral_actions.advance_service(service, "started", note="Arrived, settled in.", by=net.sara)
    case_actions.advance_stage(case, Stage.ASSISTANCE, by=net.nina)
    case_actions.add_note(case, "Follow up on Monday.", by=net.nina)

    html = net.client("nina").get(reverse("cases:timeline", args=[case.pk])).content.decode()
    text = _text(html)
    expected = [
        "Note by nina",
        "Follow up on Monday.",
        "Stage: Assistance",
        "Service started: Shelter",
        "Arrived, settled in.",
        "Referral accepted",
        "A bed from tonight.",
        "sent to Centre for Social Work Lakeside: Shelter",
        "Consent recorded: sharing with Centre for Social Work",
        "Case opened",
    ]
    positions = [text.find(words) for words in expected]
    assert -1 not in positions, dict(zip(expected, positions, strict=True))
    assert positions == sorted(positions)
    # No machine values on the page.
    for code in ("case.stage_changed", ">accepted<", "AdditionalServicesRequired", "shelter<"):
        assert code not in html


def test_a_partner_sees_only_its_own_part_of_the_timeline(net: Network) -> None:
    case = open_case(net)
    police = refer(net, case, net.police)
    referral_actions.accept_referral(police, by=net.petar)
    social = refer(net, case, net.social)
    referral_actions.accept_referral(social, by=net.sara, note="Social work answer.")
    case_actions.add_note(case, "Holder note.", by=net.nina)
    text = _text(
        net.client("petar").get(reverse("cases:timeline", args=[case.pk])).content.decode()
    )
    assert "Police Anti-Trafficking Unit" in text
    for hidden in ("Holder note.", "Social work answer.", "Consent recorded", "Screening"):
        assert hidden not in text
