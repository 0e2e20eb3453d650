"""Small helpers the case and referral pages share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from stepstones.errors import ActionError

T = TypeVar("T")


def run_action(
    request: HttpRequest, form: forms.Form | None, action: Callable[[], T], done: str
) -> T | None:
    """Run an action; on refusal show its message and return None (a 403 stays a 403)."""
    try:
        result = action()
    except ActionError as error:
        # "Not yours to do" is a 403 page, like the access getters' read-only writes.
        if error.status == 403:
            raise PermissionDenied(error.message) from None
        if form is not None and error.field and error.field in form.fields:
            form.add_error(error.field, error.message)
        messages.error(request, error.message)
        return None
    messages.success(request, done)
    return result


def form_errors(request: HttpRequest, form: forms.Form) -> None:
    """Show a bound form's errors as page messages, one line per field."""
    for field, errors in form.errors.items():
        label: Any = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))
