"""Random sequences of case work never break the chain, consent, or withdrawal.

Rules: create / refer / transfer / accept / decline / withdraw / consent / consent-withdraw /
override / close, run by whichever organisation's case worker the rule picks; actions may refuse
(ActionError), and the invariants must hold after every step.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import transaction
from django.test import TestCase
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from stepstones.agencies.models import Membership
from stepstones.cases import actions as case_actions
from stepstones.cases.models import Case, Consent, Custody, Purpose
from stepstones.errors import ActionError
from stepstones.referrals import actions
from stepstones.referrals.access import may_read_packet
from stepstones.referrals.models import Referral, ReferralStatus
from tests.personas import Network, build_network

PURPOSES = [Purpose.ASSISTANCE, Purpose.CASE_TRANSFER]


class ChainMachine(RuleBasedStateMachine):
    net: ClassVar[Network]

    def __init__(self) -> None:
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.workers: list[Membership] = [
            self.net.nina,
            self.net.petar,
            self.net.sara,
            self.net.otto,
        ]
        self.case_ids: list[int] = []

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    def _worker_of(self, organisation_id: int) -> Membership:
        return next(w for w in self.workers if w.organisation_id == organisation_id)

    def _try(self, fn: Any) -> Any:
        try:
            return fn()
        except ActionError:
            return None

    @initialize(worker=st.integers(0, 3))
    def first_case(self, worker: int) -> None:
        self.create(worker)

    @rule(worker=st.integers(0, 3))
    def create(self, worker: int) -> None:
        case = case_actions.open_case(by=self.workers[worker], identity={"names": ["A B"]})
        self.case_ids.append(case.pk)

    def _case(self, index: int) -> Case | None:
        if not self.case_ids:
            return None
        return Case.objects.select_related("person", "accountable_org").get(
            pk=self.case_ids[index % len(self.case_ids)]
        )

    @precondition(lambda self: bool(self.case_ids))
    @rule(index=st.integers(0, 3), to=st.integers(0, 3), purpose=st.sampled_from(PURPOSES))
    def consent(self, index: int, to: int, purpose: str) -> None:
        case = self._case(index)
        if case is None:
            return
        holder = self._worker_of(case.accountable_org_id)
        import datetime as dt

        self._try(
            lambda: case_actions.record_consent(
                case,
                purpose=purpose,
                recipient=self.workers[to].organisation,
                given_on=dt.date(2026, 1, 1),
                language="en",
                how_given="oral",
                by=holder,
            )
        )

    @precondition(lambda self: bool(self.case_ids))
    @rule(index=st.integers(0, 3), to=st.integers(0, 3), purpose=st.sampled_from(PURPOSES))
    def override(self, index: int, to: int, purpose: str) -> None:
        case = self._case(index)
        if case is None:
            return
        self._try(
            lambda: case_actions.record_override(
                case,
                recipient=self.workers[to].organisation,
                purpose=purpose,
                legal_ground="danger_to_life",
                justification="Imminent danger reported by the person.",
                by=self._worker_of(case.accountable_org_id),
            )
        )

    @precondition(lambda self: bool(self.case_ids))
    @rule(
        index=st.integers(0, 3),
        to=st.integers(0, 3),
        transfer=st.booleans(),
        purpose=st.sampled_from(PURPOSES),
        as_holder=st.booleans(),
    )
    def refer(self, index: int, to: int, transfer: bool, purpose: str, as_holder: bool) -> None:
        case = self._case(index)
        if case is None:
            return
        by = self._worker_of(case.accountable_org_id) if as_holder else self.workers[to]
        self._try(
            lambda: actions.send_referral(
                case,
                to_org=self.workers[to].organisation,
                kind="transfer" if transfer else "service",
                purpose=purpose,
                service="shelter",
                urgency="urgent",
                fields=["gender", "names"],
                by=by,
            )
        )

    @precondition(lambda self: bool(self.case_ids))
    @rule(
        index=st.integers(0, 3),
        to=st.integers(0, 3),
        transfer=st.booleans(),
        purpose=st.sampled_from(PURPOSES),
    )
    def consent_then_refer(self, index: int, to: int, transfer: bool, purpose: str) -> None:
        """The usual flow: the holder records consent, then refers under it."""
        self.consent(index, to, purpose)
        self.refer(index, to, transfer, purpose, as_holder=True)

    def _referral(self, index: int) -> Referral | None:
        ids = list(Referral.objects.order_by("id").values_list("id", flat=True))
        if not ids:
            return None
        return Referral.objects.get(pk=ids[index % len(ids)])

    @precondition(lambda self: Referral.objects.exists())
    @rule(index=st.integers(0, 5), who=st.integers(0, 3))
    def accept(self, index: int, who: int) -> None:
        referral = self._referral(index)
        if referral is not None:
            self._try(lambda: actions.accept_referral(referral, by=self.workers[who]))

    @precondition(lambda self: Referral.objects.exists())
    @rule(index=st.integers(0, 5), who=st.integers(0, 3))
    def decline(self, index: int, who: int) -> None:
        referral = self._referral(index)
        if referral is not None:
            self._try(
                lambda: actions.decline_referral(
                    referral, reason="no_capacity", by=self.workers[who]
                )
            )

    @precondition(lambda self: Referral.objects.exists())
    @rule(index=st.integers(0, 5), who=st.integers(0, 3))
    def withdraw(self, index: int, who: int) -> None:
        referral = self._referral(index)
        if referral is not None:
            self._try(lambda: actions.withdraw_referral(referral, by=self.workers[who]))

    @precondition(lambda self: Consent.objects.exists())
    @rule(index=st.integers(0, 5))
    def withdraw_consent(self, index: int) -> None:
        ids = list(Consent.objects.order_by("id").values_list("id", flat=True))
        if not ids:
            return
        consent = Consent.objects.select_related("case").get(pk=ids[index % len(ids)])
        holder = self._worker_of(consent.case.accountable_org_id)
        self._try(lambda: case_actions.withdraw_consent(consent, by=holder))

    @precondition(lambda self: bool(self.case_ids))
    @rule(index=st.integers(0, 3))
    def close(self, index: int) -> None:
        case = self._case(index)
        if case is not None:
            holder = self._worker_of(case.accountable_org_id)
            self._try(lambda: case_actions.close_case(case, reason="lost_contact", by=holder))

    @invariant()
    def every_open_case_has_exactly_one_accountable_organisation(self) -> None:
        for case in Case.objects.filter(pk__in=self.case_ids):
            holders = list(
                Custody.objects.filter(case=case, until__isnull=True).values_list(
                    "organisation_id", flat=True
                )
            )
            if case.is_open:
                assert holders == [case.accountable_org_id], (case.pk, holders)

    @invariant()
    def nothing_is_shared_without_consent_or_override(self) -> None:
        for referral in Referral.objects.select_related("consent", "override"):
            if referral.override is not None:
                assert referral.override.recipient_id == referral.to_org_id
                assert referral.override.purpose == referral.purpose
                assert referral.override.recorded_at <= referral.sent_at
                continue
            consent = referral.consent
            assert consent is not None, f"referral {referral.pk} has no basis"
            assert (consent.recipient_id, consent.purpose) == (referral.to_org_id, referral.purpose)
            assert consent.recorded_at <= referral.sent_at
            assert consent.withdrawn_at is None or consent.withdrawn_at > referral.sent_at

    @invariant()
    def nothing_is_shared_after_withdrawal(self) -> None:
        for referral in Referral.objects.select_related("consent", "case").filter(
            override__isnull=True, consent__withdrawn_at__isnull=False
        ):
            assert referral.consent is not None
            assert referral.consent.withdrawn_at is not None
            assert referral.status != ReferralStatus.PENDING
            if referral.status == ReferralStatus.ACCEPTED:
                assert referral.responded_at is not None
                assert referral.responded_at < referral.consent.withdrawn_at
            receiver = self._worker_of(referral.to_org_id)
            assert not may_read_packet(receiver, referral)


class ChainInvariantsTest(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        ChainMachine.net = build_network()

    def test_the_chain_consent_and_withdrawal_invariants_hold(self) -> None:
        run_state_machine_as_test(
            ChainMachine,
            settings=settings(
                max_examples=60,
                stateful_step_count=30,
                deadline=None,
                suppress_health_check=[HealthCheck.too_slow],
            ),
        )
