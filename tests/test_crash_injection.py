"""A crash in the middle of an action leaves nothing half-written (issue 17 §5).

Each action writes its rows and its audit events in one transaction. Here a failure is injected
at each audit event an action writes, in turn (the first, ..., the last): every time, the
action raises and every table holds exactly what it held before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction

from stepstones.audit import chain
from stepstones.cases import actions as cases
from stepstones.cases.models import Case, ClosureReason, Consent, Purpose
from stepstones.referrals import actions as referrals
from stepstones.referrals.models import Referral, Service
from tests.personas import IDENTITY, Network, build_network, consent, open_case, refer

pytestmark = pytest.mark.django_db


class Injected(Exception):
    """The failure planted inside an action."""


def snapshot() -> dict[str, list[dict[str, Any]]]:
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed
    }


Act = Callable[[Network, Case], object]


def _referral(net: Network, case: Case, kind: str = "service") -> Referral:
    if kind == "transfer":
        return refer(net, case, net.social, kind="transfer", purpose=Purpose.CASE_TRANSFER)
    return refer(net, case, net.social)


ACTIONS: dict[str, tuple[Callable[[Network, Case], Any], Act]] = {
    # name: (prepare, act): prepare runs normally; act runs with the failure injected.
    "open a case": (
        lambda net, case: None,
        lambda net, case: cases.open_case(
            by=net.nina, gender="Feminine", summary="Met at the station.", identity=IDENTITY
        ),
    ),
    "change the identity": (
        lambda net, case: None,
        lambda net, case: cases.update_identity(case, {**IDENTITY, "notes": "Moved."}, by=net.nina),
    ),
    "record consent": (
        lambda net, case: None,
        lambda net, case: consent(net, case, net.social),
    ),
    "withdraw consent with a referral pending": (
        lambda net, case: _referral(net, case),
        lambda net, case: cases.withdraw_consent(Consent.objects.get(case=case), by=net.nina),
    ),
    "add a note": (
        lambda net, case: None,
        lambda net, case: cases.add_note(case, "Called back; safe tonight.", by=net.nina),
    ),
    "close the case with a referral pending": (
        lambda net, case: _referral(net, case),
        lambda net, case: cases.close_case(
            case, reason=ClosureReason.ASSISTANCE_COMPLETED, note="Done.", by=net.nina
        ),
    ),
    "send a referral": (
        lambda net, case: consent(net, case, net.social),
        lambda net, case: referrals.send_referral(
            case,
            to_org=net.social,
            kind="service",
            purpose=Purpose.ASSISTANCE,
            service="shelter",
            urgency="normal",
            fields=["gender", "names"],
            by=net.nina,
        ),
    ),
    "accept a transfer": (
        lambda net, case: _referral(net, case, "transfer"),
        lambda net, case: referrals.accept_referral(
            Referral.objects.get(case=case), by=net.sara, note="A bed from tonight."
        ),
    ),
    "decline a referral": (
        lambda net, case: _referral(net, case),
        lambda net, case: referrals.decline_referral(
            Referral.objects.get(case=case), reason="no_capacity", by=net.sara
        ),
    ),
    "record a service": (
        lambda net, case: None,
        lambda net, case: referrals.record_service(case, kind="shelter", by=net.nina),
    ),
    "start a service": (
        lambda net, case: referrals.record_service(case, kind="shelter", by=net.nina),
        lambda net, case: referrals.advance_service(
            Service.objects.get(case=case), "started", by=net.nina
        ),
    ),
}


def _audit_calls(net: Network, case: Case, act: Act) -> int:
    """How many audit events the action writes (counted in a transaction rolled back)."""
    calls = 0
    real = chain.record

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        for module in (cases, referrals):
            patch.setattr(module, "record", counting)
        with transaction.atomic():
            act(net, case)
            transaction.set_rollback(True)
    return calls


@pytest.mark.parametrize("name", list(ACTIONS))
def test_a_failure_at_any_audit_event_leaves_nothing_written(name: str) -> None:
    prepare, act = ACTIONS[name]
    net = build_network()
    case = open_case(net)
    prepare(net, case)
    calls = _audit_calls(net, case, act)
    assert calls >= 1, f"{name} writes no audit event"
    print(f"{name}: {calls} audit events, a failure injected at each")
    before = snapshot()
    real = chain.record
    for failing in range(1, calls + 1):
        seen = 0

        def failing_record(*args: Any, _at: int = failing, **kwargs: Any) -> Any:
            nonlocal seen
            seen += 1
            if seen == _at:
                raise Injected(f"failure injected at audit event {_at}")
            return real(*args, **kwargs)

        with pytest.MonkeyPatch.context() as patch:
            for module in (cases, referrals):
                patch.setattr(module, "record", failing_record)
            case.refresh_from_db()
            with pytest.raises(Injected):
                act(net, case)
        assert snapshot() == before, f"{name}: half-written after a failure at event {failing}"
    # Without the failure the action goes through: the table above tests real writes.
    case.refresh_from_db()
    act(net, case)
    assert snapshot() != before
