"""The Django side of linkage: encodings stored with the identity, pairs, notices, answers."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from stepstones.audit.chain import verify_chains
from stepstones.audit.models import AuditEvent
from stepstones.cases import actions as case_actions
from stepstones.cases.models import Case, ClosureReason
from stepstones.duplicates import actions, keys
from stepstones.duplicates.models import BlockKey, LinkEncoding, PairStatus, PossibleDuplicate
from stepstones.errors import ActionError
from stepstones.linkage import THRESHOLD
from tests.conftest import TEST_LINKAGE_KEY
from tests.personas import Network, build_network

pytestmark = pytest.mark.django_db

POLICE_NAME = "Мухамед Ахмади"
NGO_NAME = "Mohammad Ahmadi"


def register(net: Network, who: str, name: str, born: str = "1994-03-12", **extra: Any) -> Case:
    """Open a case for a man from Afghanistan as the named persona's organisation."""
    return case_actions.open_case(
        by=getattr(net, who),
        gender="Masculine",
        citizenship=["AF"],
        identity={"names": [{"script": "latin", "value": name}], "birthdate": born, **extra},
    )


def pair_of(a: Case, b: Case) -> PossibleDuplicate | None:
    first, second = sorted((a.pk, b.pk))
    return PossibleDuplicate.objects.filter(case_a_id=first, case_b_id=second).first()


def stored_text() -> str:
    """Every value of every row of the linkage tables, as one text (bytes decoded loosely)."""
    parts: list[str] = []
    with connection.cursor() as cursor:
        for model in (LinkEncoding, BlockKey, PossibleDuplicate):
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")  # noqa: S608 - our own names
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        parts.append(bytes(value).decode("latin-1"))
                        parts.append(bytes(value).decode("utf-8", "replace"))
                    else:
                        parts.append(str(value))
    return "\n".join(parts).lower()


def test_it_stores_encodings_and_block_keys_on_registration_and_no_plaintext() -> None:
    net = build_network()
    case = case_actions.open_case(
        by=net.nina,
        gender="Feminine",
        citizenship=["SY"],
        identity={
            "names": [
                {"script": "latin", "value": "Zeynab Qaderi"},
                {"script": "arabic", "value": "زينب قادري"},
            ],
            "birthdate": "1997-11-23",
        },
    )
    encodings = LinkEncoding.objects.filter(person=case.person)
    assert encodings.count() == 2  # one per name: each spelling is found by either
    assert {len(bytes(e.bits)) for e in encodings} == {128}
    assert {e.secret for e in encodings} == {keys.current_fingerprint()}
    assert BlockKey.objects.filter(encoding__person=case.person).count() > 0
    text = stored_text()
    for plain in ("zeynab", "qaderi", "زينب", "قادري", "1997", "11-23", "zynb", "qdr"):
        assert plain not in text, plain


def test_it_encodes_the_identity_again_when_it_changes() -> None:
    net = build_network()
    case = register(net, "nina", "Farid Nazari")
    before = {bytes(e.bits) for e in LinkEncoding.objects.filter(person=case.person)}
    case_actions.update_identity(
        case, {"names": ["Farid Nazari", "Фарид Назари"], "birthdate": "1990-01-02"}, by=net.nina
    )
    rows = LinkEncoding.objects.filter(person=case.person)
    after = {bytes(e.bits) for e in rows}
    # One encoding per name; both spellings read alike, so their filters are the same.
    assert rows.count() == 2 and after.isdisjoint(before)
    case_actions.update_identity(case, {"names": ["Omid Rahimi"]}, by=net.nina)
    latest = {bytes(e.bits) for e in LinkEncoding.objects.filter(person=case.person)}
    assert len(latest) == 1 and latest.isdisjoint(after)


def test_it_encodes_again_when_sex_or_citizenship_change() -> None:
    net = build_network()
    case = register(net, "nina", "Farid Nazari")
    before = {bytes(e.bits) for e in LinkEncoding.objects.filter(person=case.person)}
    case_actions.update_case(
        case,
        by=net.nina,
        summary="",
        type_of_exploitation=[],
        methods_of_control=[],
        method_of_recruitment=[],
        person={"citizenship": ["IR"]},
    )
    after = {bytes(e.bits) for e in LinkEncoding.objects.filter(person=case.person)}
    assert len(after) == 1 and after.isdisjoint(before)


def test_it_finds_the_same_person_across_scripts_and_organisations() -> None:
    net = build_network()
    police = register(net, "petar", POLICE_NAME)
    ngo = register(net, "nina", NGO_NAME)
    pair = pair_of(police, ngo)
    assert pair is not None and pair.status == PairStatus.OPEN
    assert pair.score >= THRESHOLD
    event = AuditEvent.objects.get(action="duplicate.found")
    assert event.object_id == str(pair.pk)
    assert sorted(event.details["cases"]) == sorted([police.person.code, ngo.person.code])
    assert "ahmadi" not in str(event.details).lower()


def test_it_makes_no_pair_below_the_threshold_nor_inside_one_organisation() -> None:
    net = build_network()
    police = register(net, "petar", POLICE_NAME)
    other = register(net, "nina", "Mohammad Karimi", born="1971-08-30")
    twin = register(net, "ivan", NGO_NAME)  # the police again: its workers read both records
    assert pair_of(police, other) is None
    assert pair_of(police, twin) is None
    assert not PossibleDuplicate.objects.exists()


def test_it_compares_with_the_blocked_candidates_only() -> None:
    net = build_network()
    police = register(net, "petar", POLICE_NAME)
    stranger = register(net, "sara", "Ana Petrovska", born="1962-01-17")
    probes = actions.probes_of(police.person, {"names": [NGO_NAME], "birthdate": "1994-03-12"})
    found = actions.candidates(probes, exclude_person=0)
    assert police.person.pk in found.persons
    assert stranger.person.pk not in found.persons


def test_the_cases_are_linked_only_when_both_holders_confirm() -> None:
    net = build_network()
    police = register(net, "petar", POLICE_NAME)
    ngo = register(net, "nina", NGO_NAME)
    pair = pair_of(police, ngo)
    assert pair is not None
    nina = net.client("nina")
    response = nina.post(reverse("duplicates:confirm", args=[pair.pk]))
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == PairStatus.OPEN
    assert getattr(pair, f"{pair.side_of(ngo.pk)}_confirmed_at") is not None
    assert getattr(pair, f"{pair.side_of(police.pk)}_confirmed_at") is None
    page = nina.get(reverse("cases:case", args=[ngo.pk])).content.decode()
    assert "The same person as a case held by" not in page
    with pytest.raises(ActionError):  # once per side
        actions.confirm_pair(pair, by=net.nina)
    actions.confirm_pair(pair, by=net.ivan)  # another case worker of the police
    pair.refresh_from_db()
    assert pair.status == PairStatus.LINKED
    page = nina.get(reverse("cases:case", args=[ngo.pk])).content.decode()
    assert f"The same person as a case held by {net.police.name}" in page
    assert police.person.code not in page
    page = net.client("petar").get(reverse("cases:case", args=[police.pk])).content.decode()
    assert f"The same person as a case held by {net.ngo.name}" in page
    assert ngo.person.code not in page
    confirmed = AuditEvent.objects.filter(action="duplicate.confirmed").order_by("id")
    assert [e.details["linked"] for e in confirmed] == [False, True]
    assert [e.organisation_id for e in confirmed] == [net.ngo.pk, net.police.pk]
    assert not verify_chains().problems


def test_a_rejected_pair_is_never_shown_again_even_after_registering_again() -> None:
    net = build_network()
    police = register(net, "petar", POLICE_NAME)
    ngo = register(net, "nina", NGO_NAME)
    pair = pair_of(police, ngo)
    assert pair is not None
    assert net.client("petar").post(reverse("duplicates:reject", args=[pair.pk])).status_code == 302
    pair.refresh_from_db()
    assert pair.status == PairStatus.REJECTED and pair.rejected_by_org == net.police
    assert AuditEvent.objects.filter(action="duplicate.rejected").count() == 1
    # The identity is written again (another spelling), and everything is encoded again.
    case_actions.update_identity(
        ngo, {"names": ["Muhammad Ahmadi"], "birthdate": "1994-03-12"}, by=net.nina
    )
    call_command("reencode_linkage", "--check", stdout=io.StringIO())
    assert list(PossibleDuplicate.objects.values_list("status", flat=True)) == ["rejected"]
    assert AuditEvent.objects.filter(action="duplicate.found").count() == 1
    for who in ("nina", "petar"):
        client = net.client(who)
        notices = client.get(reverse("duplicates:list")).context["notices"]
        assert pair.pk not in [n.pair.pk for n in notices]
        assert client.post(reverse("duplicates:confirm", args=[pair.pk])).status_code == 404
        dashboard = client.get(reverse("cases:dashboard")).content.decode()
        assert "likely the same person" not in dashboard


def test_a_holder_sees_the_other_holders_name_and_the_score_only() -> None:
    net = build_network()
    police = register(net, "petar", POLICE_NAME)
    ngo = register(net, "nina", NGO_NAME)
    pair = pair_of(police, ngo)
    assert pair is not None
    for page in ("duplicates:list", "cases:dashboard"):
        text = net.client("nina").get(reverse(page)).content.decode()
        assert ngo.person.code in text
        assert f"and a case held by {net.police.name}" in text
        assert f"{pair.score:.2f}" in text
        assert police.person.code not in text
        for plain in ("Мухамед", "Ахмади", "Ahmadi", "1994"):
            assert plain not in text


@pytest.mark.parametrize("persona", ["olga", "sara", "otto", "cora", "audrey", "nobody"])
def test_nobody_else_sees_or_answers_a_pair(persona: str) -> None:
    net = build_network()
    police = register(net, "petar", POLICE_NAME)
    ngo = register(net, "nina", NGO_NAME)
    pair = pair_of(police, ngo)
    assert pair is not None
    client = net.client(persona)
    for name in ("duplicates:confirm", "duplicates:reject"):
        assert client.post(reverse(name, args=[pair.pk])).status_code == 404
    listing = client.get(reverse("duplicates:list"))
    assert listing.status_code == 404 or listing.context["notices"] == []
    assert net.police.name not in client.get(reverse("cases:dashboard")).content.decode()
    pair.refresh_from_db()
    assert pair.status == PairStatus.OPEN and pair.a_confirmed_at is None


def test_erasing_a_person_removes_their_encodings_and_open_pairs() -> None:
    net = build_network()
    police = register(net, "petar", POLICE_NAME)
    ngo = register(net, "nina", NGO_NAME)
    assert pair_of(police, ngo) is not None
    case_actions.close_case(ngo, reason=ClosureReason.LOST_CONTACT, by=net.nina)
    case_actions.erase_person(ngo.person, reason="request", by=net.nina)
    assert not LinkEncoding.objects.filter(person=ngo.person).exists()
    assert not BlockKey.objects.filter(encoding__person=ngo.person).exists()
    assert pair_of(police, ngo) is None
    assert LinkEncoding.objects.filter(person=police.person).exists()
    event = AuditEvent.objects.get(action="person.erased")
    assert event.details["encodings"] == 1 and event.details["open_pairs"] == 1


def test_reencoding_moves_every_encoding_to_the_new_secret(settings: Any) -> None:
    net = build_network()
    police = register(net, "petar", POLICE_NAME)
    register(net, "nina", "Lina Haddad", born="2000-05-06")
    old = keys.current_fingerprint()
    settings.STEPSTONES_LINKAGE_KEYS = [keys.generate_key(), TEST_LINKAGE_KEY]
    new = keys.current_fingerprint()
    assert new != old
    call_command("reencode_linkage", stdout=io.StringIO())
    assert set(LinkEncoding.objects.values_list("secret", flat=True)) == {new}
    assert AuditEvent.objects.get(action="linkage.reencoded").details["persons"] == 2
    # Under the new secret the same person is still found.
    ngo = register(net, "nina", NGO_NAME)
    assert pair_of(police, ngo) is not None


def test_the_demo_holds_cross_organisation_duplicates_in_different_scripts() -> None:
    from django.test import Client

    from stepstones.agencies.models import Membership

    call_command("demo", stdout=io.StringIO())
    pairs = PossibleDuplicate.objects.select_related("case_a__accountable_org")
    assert pairs.count() >= 2
    assert all(p.case_a.accountable_org_id != p.case_b.accountable_org_id for p in pairs)
    client = Client()
    client.force_login(Membership.objects.get(user__username="dragan.police").user)
    text = client.get(reverse("cases:dashboard")).content.decode()
    assert "and a case held by Open Road Outreach (fictional)" in text
