"""JSON API for offers: POST /api/v1/offers/check (public) and /report (members only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import ConfigDict, Field

from stepstones.agencies.access import membership_for
from stepstones.api.auth import BrowserSession, TokenAuth, caller
from stepstones.api.errors import ApiError
from stepstones.offers import actions
from stepstones.offers.presenting import tr
from stepstones.offers.services import run_check
from stepstones.recruitment import Offer, OfferError, in_language

router = Router(tags=["offers"])


def _member(user: Any) -> Any:
    """Let a caller with an active membership through; refuse any other logged-in caller (403)."""
    if user is None:
        return None
    if membership_for(user) is None:
        raise ApiError(403, "forbidden", _("Only members of an organisation can report offers."))
    return user


class MemberToken(TokenAuth):
    """A personal API token of a member of an organisation."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        return _member(super().authenticate(request, token))


class MemberSession(BrowserSession):
    """The browser session (with its CSRF check) of a member of an organisation."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        return _member(super().authenticate(request, key))


# Like stepstones.api.auth.AUTH (token or session; anonymous 401), but a logged-in caller with
# no active membership gets 403 `forbidden` before the body is read.
MEMBER_AUTH = [MemberToken(), MemberSession()]


class OfferIn(Schema):
    text: str = Field(description="The offer's text (at most 20,000 characters).")
    seen_at: str = Field("", max_length=200, description="Where the offer was seen.")
    contact: str = Field("", max_length=200, description="The contact the offer gave.")
    job_country: str = Field("", max_length=5, description="ISO country code of the job.")
    seeker_country: str = Field("", max_length=5, description="ISO code of the seeker's country.")


class SpanOut(Schema):
    start: int
    end: int
    text: str
    field: str


class PrincipleOut(Schema):
    title: str
    source: str
    verified: bool


class FlagOut(Schema):
    id: str
    severity: str
    spans: list[SpanOut]
    explanation: str
    advice: str
    principle: PrincipleOut


class HotlineOut(Schema):
    name: str
    number: str
    note: str
    source: str
    source_url: str
    checked: str = Field(description="The day the number was checked in its source (ISO date).")
    verified: bool
    countries: list[str] = Field(description="ISO codes the hotline is for; ALL = everywhere.")
    role: str = Field(description="job_country, seeker_country, language, region or general.")
    name_local: str = Field(
        "", description="The name in the offer's language (ar, fa, ps, ur, tr, fr), or empty."
    )
    note_local: str = Field("", description="The note in the offer's language, or empty.")


class CheckOut(Schema):
    level: str
    language: str
    direction: str = Field(description="ltr, or rtl for Arabic, Dari/Farsi, Pashto and Urdu.")
    summary: str
    summary_local: str | None = Field(
        None, description="The summary in the offer's language, when the checker has its texts."
    )
    flags: list[FlagOut]
    seeker_advice: list[str]
    worker_advice: list[str]
    hotlines: list[HotlineOut]
    model_probability: float | None


class ReportIn(Schema):
    """The offer to report. Unknown fields are refused (422), `organisation_kind` included: the
    kind is always the reporter's organisation's, and a caller must not believe it chose it."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The offer's text (at most 20,000 characters); not stored.")


class ReportOut(Schema):
    id: int
    reported_at: datetime
    organisation_kind: str
    language: str


def _offer_error(exc: OfferError) -> ApiError:
    return ApiError(422, exc.code, tr(exc.message), "text")


@router.post("/check", response=CheckOut, auth=None, summary="Check a job offer (stores nothing)")
def check(request: HttpRequest, payload: OfferIn) -> CheckOut:
    offer = Offer(
        payload.text, payload.seen_at, payload.contact, payload.job_country, payload.seeker_country
    )
    try:
        result = run_check(offer)
    except OfferError as exc:
        raise _offer_error(exc) from None
    return CheckOut(
        level=result.level.value,
        language=result.language,
        direction=result.direction,
        summary=tr(result.summary),
        summary_local=in_language(result.summary, result.language),
        flags=[
            FlagOut(
                id=f.id,
                severity=f.severity.value,
                spans=[
                    SpanOut(start=s.start, end=s.end, text=s.text, field=s.field) for s in f.spans
                ],
                explanation=tr(f.explanation),
                advice=tr(f.advice),
                principle=PrincipleOut(
                    title=tr(f.principle.title),
                    source=f.principle.source,
                    verified=f.principle.verified,
                ),
            )
            for f in result.flags
        ],
        seeker_advice=[tr(m) for m in result.seeker_advice],
        worker_advice=[tr(m) for m in result.worker_advice],
        hotlines=[
            HotlineOut(
                name=_(h.name),
                number=h.number,
                note=_(h.note) if h.note else "",
                name_local=h.name_local,
                note_local=h.note_local,
                source=h.source,
                source_url=h.source_url,
                checked=h.checked,
                verified=h.verified,
                countries=list(h.countries),
                role=h.role,
            )
            for h in result.hotlines
        ],
        model_probability=result.model_probability,
    )


@router.post(
    "/report", response={201: ReportOut}, auth=MEMBER_AUTH, summary="Report an offer as deceptive"
)
def report(request: HttpRequest, payload: ReportIn) -> Status[ReportOut]:
    membership = membership_for(caller(request))
    if membership is None:  # MEMBER_AUTH lets no one else through
        raise ApiError(403, "forbidden", _("Only members of an organisation can report offers."))
    try:
        reported = actions.report_offer(payload.text, by=membership)
    except OfferError as exc:
        raise _offer_error(exc) from None
    return Status(
        201,
        ReportOut(
            id=reported.pk,
            reported_at=reported.reported_at,
            organisation_kind=reported.organisation_kind,
            language=reported.language,
        ),
    )
