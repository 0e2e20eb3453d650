"""Small helpers the case and referral pages share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from stepstones.errors import ActionError

T = TypeVar("T")
M = TypeVar("M", bound=Model)

# Beyond this page number a request is out of range whatever the data (and OFFSET stays small).
_MAX_PAGE = 100_000


def run_action(
    request: HttpRequest,
    form: forms.Form | None,
    action: Callable[[], T],
    done: str,
    *,
    redisplay: bool = False,
) -> T | None:
    """Run an action; on refusal show its message once and return None (a 403 stays a 403).

    With `redisplay` (the view draws `form` again), a refusal that names one of the form's
    fields shows beside that field; otherwise (the view redirects) it becomes a page message,
    led by the field's label.
    """
    try:
        result = action()
    except ActionError as error:
        # "Not yours to do" is a 403 page, like the access getters' read-only writes.
        if error.status == 403:
            raise PermissionDenied(error.message) from None
        show_message(request, form, error, redisplay=redisplay)
        return None
    messages.success(request, done)
    return result


def show_message(
    request: HttpRequest, form: forms.Form | None, error: ActionError, *, redisplay: bool
) -> None:
    """Show an action's refusal once: beside its field when the form is drawn again, else above."""
    field = form.fields.get(error.field) if form is not None and error.field else None
    if field is not None and redisplay:
        form.add_error(error.field, error.words)  # type: ignore[union-attr]
    elif field is not None and field.label:
        messages.error(request, f"{field.label}: {error.words}")
    else:
        messages.error(request, error.words)


def form_errors(request: HttpRequest, form: forms.Form) -> None:
    """Show a bound form's errors as page messages, one line per field."""
    for field, errors in form.errors.items():
        label: Any = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


def query_with(request: HttpRequest, **params: object) -> str:
    """Return "?<the request's query string with `params` replaced>", encoded for a link."""
    query = request.GET.copy()
    for name, value in params.items():
        query[name] = str(value)
    return "?" + query.urlencode()


# The columns the case and referral tables show (cases/templatetags/tables.py): a list reads
# only these, not every column of three or four joined tables, nor the JSON it would decode.
CASE_TABLE_COLUMNS = ("stage", "kind", "updated_at", "person__code", "accountable_org__name")
REFERRAL_TABLE_COLUMNS = (
    *("status", "kind", "due_at", "case__person__code"),
    *("from_org__name", "to_org__name"),
)


def for_case_table(cases: QuerySet[M]) -> QuerySet[M]:
    """Read only what the case table shows (the person's code, the accountable organisation)."""
    return (
        cases.select_related(None)
        .select_related("person", "accountable_org")
        .only(*CASE_TABLE_COLUMNS)
    )


def for_referral_table(referrals: QuerySet[M]) -> QuerySet[M]:
    """Read only what the referral table shows."""
    return (
        referrals.select_related(None)
        .select_related("case__person", "from_org", "to_org")
        .only(*REFERRAL_TABLE_COLUMNS)
    )


@dataclass(frozen=True)
class Rows(Generic[M]):
    """One page of a list, read without counting: its rows and links to its neighbours."""

    rows: list[M]
    number: int
    previous_query: str  # "" on the first page
    next_query: str  # "" on the last page


def page_rows(
    request: HttpRequest, queryset: QuerySet[M], *, per_page: int, param: str = "page"
) -> Rows[M]:
    """Return page `request.GET[param]` of an ordered queryset in one query (no COUNT).

    It reads one row more than it shows to know whether a next page exists. A missing or
    malformed page number means the first page; a page past the end shows the last page (one
    COUNT and one more read, only then).
    """
    raw = request.GET.get(param, "")
    number = int(raw) if raw.isascii() and raw.isdigit() else 1  # "²".isdigit() too
    number = min(max(number, 1), _MAX_PAGE)
    rows = list(queryset[(number - 1) * per_page : number * per_page + 1])
    if not rows and number > 1:
        # Past the end (the list shrank, or a hand-made link): show the last page instead.
        number = max(1, -(-queryset.count() // per_page))
        rows = list(queryset[(number - 1) * per_page : number * per_page + 1])
    has_next = len(rows) > per_page
    return Rows(
        rows=rows[:per_page],
        number=number,
        previous_query=query_with(request, **{param: number - 1}) if number > 1 else "",
        next_query=query_with(request, **{param: number + 1}) if has_next else "",
    )
