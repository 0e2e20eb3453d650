"""Referral pages: inbox, sending with preview, the referral, the letter, chain and network."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from stepstones.agencies.access import require_membership, require_role
from stepstones.agencies.models import Role
from stepstones.agencies.second_factor_views import ask_fresh_code
from stepstones.cases.access import access_case
from stepstones.cases.forms import ConsentForm
from stepstones.cases.models import Consent, SharingOverride
from stepstones.cases.ui import (
    for_referral_table,
    form_errors,
    page_rows,
    run_action,
    show_message,
)
from stepstones.errors import ActionError
from stepstones.referrals import actions
from stepstones.referrals import packet as packets
from stepstones.referrals.access import (
    access_referral,
    access_service,
    inbox_for,
    may_read_packet,
    outbox_for,
    overdue_for,
    partner_scope,
    read_packet,
)
from stepstones.referrals.chain import chain_of
from stepstones.referrals.forms import DeclineForm, NoteForm, ReferralForm
from stepstones.referrals.models import Referral, ReferralStatus
from stepstones.screening import person

INBOX_PAGE = 25


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """Incoming, outgoing and overdue referrals of the member's organisation."""
    membership = require_membership(request.user)
    if not membership.reads_cases:
        raise Http404
    status = request.GET.get("status", "pending")
    incoming = inbox_for(request.user)
    outgoing = outbox_for(request.user)
    if status in ReferralStatus.values:
        incoming = incoming.filter(status=status)
        outgoing = outgoing.filter(status=status)
    # Each section pages on its own (25 rows, "more" link), so the page stays light on a phone
    # and its cost does not grow with the organisation's referrals.
    context = {
        "overdue": page_rows(
            request,
            for_referral_table(overdue_for(request.user)).order_by("due_at", "id"),
            per_page=INBOX_PAGE,
            param="overdue_page",
        ),
        "incoming": page_rows(
            request,
            for_referral_table(incoming).order_by("due_at", "id"),
            per_page=INBOX_PAGE,
            param="incoming_page",
        ),
        "outgoing": page_rows(
            request,
            for_referral_table(outgoing).order_by("due_at", "id"),
            per_page=INBOX_PAGE,
            param="sent_page",
        ),
        "status": status,
        "statuses": ReferralStatus.choices,
        "now": timezone.now(),
    }
    return render(request, "referrals/inbox.html", context)


@login_required
@never_cache
def new(request: HttpRequest, case_id: int) -> HttpResponse:
    """Consent first, then what to share, a preview of exactly what the receiver sees, then send.

    The page opens with what the person agreed to (and any override), so the worker knows
    before choosing whom the packet may go to; a refusal shows once, beside its field.
    """
    case = access_case(request.user, case_id, write=True)
    membership = require_membership(request.user)
    form = ReferralForm(request.POST or None, initial=_initial_from(request))
    preview = None
    digest = ""
    if request.method == "POST" and form.is_valid():
        choices = form.choices()
        try:
            if "send" in request.POST:
                referral = actions.send_referral(
                    case,
                    by=membership,
                    expect_digest=form.cleaned_data["digest"] or None,
                    **choices,  # type: ignore[arg-type]
                )
                messages.success(request, _("Referral sent."))
                return redirect("referrals:referral", referral_id=referral.pk)
            preview = actions.preview_referral(case, by=membership, **choices)
            digest = actions.packet_digest(preview)
        except ActionError as error:
            show_message(request, form, error, redisplay=True)
            preview = None
    consents = list(
        Consent.objects.filter(case_id=case.pk, withdrawn_at__isnull=True)
        .select_related("recipient")
        .order_by("recipient__name", "purpose", "-given_on")
    )
    overrides = list(
        SharingOverride.objects.filter(case_id=case.pk)
        .select_related("recipient")
        .order_by("recipient__name", "purpose", "-recorded_at")
    )
    context = {
        "case": case,
        "form": form,
        "preview": preview,
        "digest": digest,
        "header": packets.header(preview) if preview else [],
        "lines": packets.lines(preview) if preview else [],
        "consents": consents,
        "overrides": overrides,
        "consent_form": None
        if consents
        else ConsentForm(initial={"given_on": timezone.localdate()}),
        "here": request.path,
        # What to read to the person before they decide, in their own language where we have it.
        "person_words": person.words_in(case.person.primary_language or ""),
    }
    return render(request, "referrals/new.html", context)


def _initial_from(request: HttpRequest) -> dict[str, str]:
    """Preselect the recipient and purpose of the consent the worker chose ("refer under this")."""
    return {name: request.GET[name] for name in ("to_org", "purpose") if request.GET.get(name)}


@login_required
@never_cache
def referral_page(request: HttpRequest, referral_id: int) -> HttpResponse:
    """One referral: its state, deadline and (if still allowed) its packet."""
    referral = access_referral(request.user, referral_id)
    membership = require_membership(request.user)
    shows_packet = may_read_packet(membership, referral)
    # A packet with identity fields reveals an identity: a fresh code first, as on the case page.
    if shows_packet and referral.includes_identity and (asked := ask_fresh_code(request)):
        return asked
    packet = read_packet(request.user, referral) if shows_packet else None
    receiver = membership.organisation_id == referral.to_org_id and membership.works_cases
    sender = membership.organisation_id == referral.from_org_id and membership.works_cases
    service = getattr(referral, "service", None)
    context = {
        "referral": referral,
        "header": packets.header(packet) if packet else [],
        "lines": packets.lines(packet) if packet else [],
        "packet": packet,
        "receiver": receiver,
        "sender": sender,
        "service": service,
        "decline_form": DeclineForm(),
        "note_form": NoteForm(),
        "now": timezone.now(),
    }
    return render(request, "referrals/referral.html", context)


@login_required
@never_cache
def letter(request: HttpRequest, referral_id: int) -> HttpResponse:
    """The printable referral letter: the packet's fields and nothing else."""
    referral = access_referral(request.user, referral_id)
    if referral.includes_identity and (asked := ask_fresh_code(request)):
        return asked
    packet = read_packet(request.user, referral)
    context = {
        "referral": referral,
        "header": packets.header(packet),
        "lines": packets.lines(packet),
    }
    return render(request, "referrals/letter.html", context)


def _act(request: HttpRequest, referral_id: int, verb: str) -> HttpResponse:
    referral = access_referral(request.user, referral_id, write=True)
    membership = require_membership(request.user)
    if verb == "accept":
        form = NoteForm(request.POST)
        form.is_valid()
        run_action(
            request,
            None,
            lambda: actions.accept_referral(
                referral, by=membership, note=form.cleaned_data.get("note", "")
            ),
            _("Referral accepted."),
        )
    elif verb == "decline":
        decline = DeclineForm(request.POST)
        if decline.is_valid():
            run_action(
                request,
                decline,
                lambda: actions.decline_referral(
                    referral,
                    reason=decline.cleaned_data["reason"],
                    note=decline.cleaned_data["note"],
                    by=membership,
                ),
                _("Referral declined; the sender stays accountable."),
            )
        else:
            form_errors(request, decline)
    elif verb == "withdraw":
        run_action(
            request,
            None,
            lambda: actions.withdraw_referral(referral, by=membership),
            _("Referral withdrawn."),
        )
    elif verb == "complete":
        form = NoteForm(request.POST)
        form.is_valid()
        run_action(
            request,
            None,
            lambda: actions.complete_referral(
                referral, note=form.cleaned_data.get("note", ""), by=membership
            ),
            _("Referral completed."),
        )
    return redirect("referrals:referral", referral_id=referral.pk)


@login_required
@require_POST
def accept(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _act(request, referral_id, "accept")


@login_required
@require_POST
def decline(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _act(request, referral_id, "decline")


@login_required
@require_POST
def withdraw(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _act(request, referral_id, "withdraw")


@login_required
@require_POST
def complete(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _act(request, referral_id, "complete")


@login_required
@require_POST
def service_advance(request: HttpRequest, service_id: int) -> HttpResponse:
    """The provider marks a service started, completed or cancelled."""
    service = access_service(request.user, service_id, write=True)
    membership = require_membership(request.user)
    status = request.POST.get("status", "")
    run_action(
        request,
        None,
        lambda: actions.advance_service(
            service, status, note=request.POST.get("note", ""), by=membership
        ),
        _("Service updated."),
    )
    if service.referral_id:
        return redirect("referrals:referral", referral_id=service.referral_id)
    return redirect("cases:case", case_id=service.case_id)


@login_required
@require_POST
def service_add(request: HttpRequest, case_id: int) -> HttpResponse:
    """The accountable organisation records a service it gives itself."""
    case = access_case(request.user, case_id, write=True)
    membership = require_membership(request.user)
    kind = request.POST.get("kind", "")
    run_action(
        request,
        None,
        lambda: actions.record_service(
            case, kind=kind, note=request.POST.get("note", ""), by=membership
        ),
        _("Service recorded."),
    )
    return redirect("cases:case", case_id=case.pk)


@login_required
def chain(request: HttpRequest, case_id: int) -> HttpResponse:
    """Timeline of every organisation that held the case, its referrals and services, and gaps."""
    case = access_case(request.user, case_id)
    membership = require_membership(request.user)
    only = partner_scope(membership, case)
    context = {"chain": chain_of(case, only_org=only), "now": timezone.now()}
    return render(request, "referrals/chain.html", context)


@login_required
def network(request: HttpRequest) -> HttpResponse:
    """Referral flows between organisations for coordinators: counts and times, no identities."""
    require_role(request.user, Role.COORDINATOR)
    now = timezone.now()
    answered = Q(status__in=[ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED])
    rows = list(
        Referral.objects.values("from_org__name", "to_org__name")
        .annotate(
            total=Count("id"),
            pending=Count("id", filter=Q(status=ReferralStatus.PENDING)),
            overdue=Count("id", filter=Q(status=ReferralStatus.PENDING, due_at__lt=now)),
            accepted=Count("id", filter=answered),
            declined=Count("id", filter=Q(status=ReferralStatus.DECLINED)),
            avg_accept=Avg(
                ExpressionWrapper(F("responded_at") - F("sent_at"), output_field=DurationField()),
                filter=answered,
            ),
        )
        .order_by("-overdue", "-pending", "from_org__name", "to_org__name")
    )
    flows: list[dict[str, object]] = []
    for row in rows:
        avg = row["avg_accept"]
        hours = round(avg.total_seconds() / 3600, 1) if avg is not None else None
        flows.append({**row, "avg_accept_hours": hours})
    totals = {
        "pending": sum(r["pending"] for r in rows),
        "overdue": sum(r["overdue"] for r in rows),
        "total": sum(r["total"] for r in rows),
    }
    return render(request, "referrals/network.html", {"flows": flows, "totals": totals})
