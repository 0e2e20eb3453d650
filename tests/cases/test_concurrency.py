"""Two accepts at the same moment, on separate PostgreSQL connections: exactly one wins."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, transaction

from stepstones.agencies.models import Membership, Role
from stepstones.cases.models import Case, Consent, Custody, Purpose
from stepstones.errors import ActionError
from stepstones.referrals import actions
from stepstones.referrals.models import Referral, ReferralStatus
from tests.personas import Network, build_network, consent, open_case, refer

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL: SQLite serialises every writer, so there is no race "
        "to test (run with DATABASE_URL=postgres://...)",
    ),
]


def _race(*jobs: Callable[[], object]) -> list[object]:
    """Run the jobs in threads released together; return each result or ActionError."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(i: int, job: Callable[[], object]) -> None:
        try:
            barrier.wait()
            results[i] = job()
        except ActionError as error:
            results[i] = error
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            results[i] = error
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def _fresh(membership: Membership) -> Membership:
    return Membership.objects.select_related("organisation", "user").get(pk=membership.pk)


def test_it_lets_exactly_one_of_two_organisations_take_the_case() -> None:
    net: Network = build_network()
    case = open_case(net)
    to_social = refer(net, case, net.social, kind="transfer", purpose=Purpose.CASE_TRANSFER)
    to_police = refer(net, case, net.police, kind="transfer", purpose=Purpose.CASE_TRANSFER)
    sara, petar = _fresh(net.sara), _fresh(net.petar)
    results = _race(
        lambda: actions.accept_referral(Referral.objects.get(pk=to_social.pk), by=sara),
        lambda: actions.accept_referral(Referral.objects.get(pk=to_police.pk), by=petar),
    )
    winners = [r for r in results if isinstance(r, Referral)]
    losers = [r for r in results if isinstance(r, ActionError)]
    assert (len(winners), len(losers)) == (1, 1), results
    assert "Another organisation accepted a transfer of this case first" in losers[0].message
    case = Case.objects.get(pk=case.pk)
    assert case.accountable_org_id == winners[0].to_org_id
    assert list(
        Custody.objects.filter(case=case, until__isnull=True).values_list(
            "organisation_id", flat=True
        )
    ) == [winners[0].to_org_id]
    statuses = sorted(Referral.objects.filter(case=case).values_list("status", flat=True))
    assert statuses == [ReferralStatus.ACCEPTED, ReferralStatus.WITHDRAWN]


def test_it_lets_exactly_one_of_two_colleagues_accept_the_same_transfer() -> None:
    net: Network = build_network()
    case = open_case(net)
    transfer = refer(net, case, net.social, kind="transfer", purpose=Purpose.CASE_TRANSFER)
    from django.contrib.auth.models import User

    colleague = Membership.objects.create(
        user=User.objects.create_user("sam"), organisation=net.social, role=Role.CASE_MANAGER
    )
    first, second = _fresh(net.sara), _fresh(colleague)
    results = _race(
        lambda: actions.accept_referral(Referral.objects.get(pk=transfer.pk), by=first),
        lambda: actions.accept_referral(Referral.objects.get(pk=transfer.pk), by=second),
    )
    losers = [r for r in results if isinstance(r, ActionError)]
    assert sum(isinstance(r, Referral) for r in results) == 1, results
    assert len(losers) == 1 and "already Accepted" in losers[0].message
    assert Custody.objects.filter(case=case).count() == 2  # no lost or doubled update


def test_a_consent_commits_while_a_referral_of_the_same_case_is_being_sent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The deadlock found under load (issue 13): a referral holds the case row and then waits
    for its organisation's audit chain; a consent on the same case holds that chain and, at
    commit, checks its foreign key to the case. The referral's lock must not block that check.
    """
    net: Network = build_network()
    case = open_case(net)
    consent(net, case, net.social)
    holding, release = threading.Event(), threading.Event()
    real_build_packet = actions.build_packet

    def slow_build_packet(*args: object, **kwargs: object) -> object:
        holding.set()  # the case row is locked by now
        release.wait(timeout=20)
        return real_build_packet(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(actions, "build_packet", slow_build_packet)
    sent: list[object] = []

    def send() -> None:
        try:
            sent.append(refer(net, Case.objects.get(pk=case.pk), net.social, with_consent=False))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            sent.append(error)
        finally:
            connection.close()

    sender = threading.Thread(target=send)
    sender.start()
    try:
        assert holding.wait(timeout=20)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '2s'")
            recorded = consent(net, Case.objects.get(pk=case.pk), net.police)
        # Committed without waiting for the referral (before the fix: lock timeout at commit).
        assert Consent.objects.filter(pk=recorded.pk).exists()
    finally:
        release.set()
        sender.join(timeout=30)
    assert len(sent) == 1 and isinstance(sent[0], Referral), sent
