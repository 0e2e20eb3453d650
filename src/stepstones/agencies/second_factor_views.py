"""The second factor's pages: the code after the password (or before revealing an identity),
and enrolling an authenticator app with its recovery codes.

The rules live in `agencies.second_factor`; these views only ask, check and send on.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache

from stepstones.agencies import account_actions
from stepstones.agencies import second_factor as sf
from stepstones.agencies.lockout import client_address
from stepstones.agencies.models import LogoutReason


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=40,
        strip=True,
        help_text=gettext_lazy(
            "The 6 digits your authenticator app shows now, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from the app"),
        max_length=12,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}
        ),
    )


def _next(request: HttpRequest) -> str:
    """Return where to go once the code is accepted: a local `next`, else the home page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _user(request: HttpRequest) -> AbstractBaseUser:
    user = request.user
    assert isinstance(user, AbstractBaseUser)  # login_required
    return user


def _paused_page(request: HttpRequest) -> HttpResponse:
    """End the session and show the login page saying why, as a paused password login does."""
    user = _user(request)
    account_actions.record_logout(user, reason=LogoutReason.CODES, address=client_address(request))
    logout(request)
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    messages.error(
        request,
        ngettext(
            "Too many wrong codes: logging in to this account is paused for %(minutes)d minute. "
            "Try again later, or ask an administrator to unlock your account.",
            "Too many wrong codes: logging in to this account is paused for %(minutes)d minutes. "
            "Try again later, or ask an administrator to unlock your account.",
            minutes,
        )
        % {"minutes": minutes},
    )
    form = AuthenticationForm(request, initial={"username": user.get_username()})
    return render(request, "registration/login.html", {"form": form, "next": ""}, status=429)


@login_required
@never_cache
def verify(request: HttpRequest) -> HttpResponse:
    """Ask for a code: after the password, or (re-authentication) before revealing an identity."""
    user = _user(request)
    next_url = _next(request)
    if not sf.requires_second_factor(user):
        return redirect(next_url)
    if not sf.has_device(user):
        return redirect(sf.with_next(reverse("second_factor_enrol"), request.GET.get("next")))
    reauth = sf.is_verified(request.session)
    if reauth and not sf.needs_reauthentication(request) and request.method != "POST":
        return redirect(next_url)
    # A code typed while paused is refused unchecked, and recorded (`check_code`).
    if request.method != "POST" and sf.codes_paused(user):
        return _paused_page(request)
    purpose = sf.Purpose.REAUTH if reauth else sf.Purpose.LOGIN
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = sf.check_code(
            user, form.cleaned_data["code"], purpose=purpose, address=client_address(request)
        )
        if outcome.accepted:
            sf.mark_verified(request)
            if outcome is sf.Outcome.RECOVERY:
                left = sf.recovery_codes_left(user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code; %(left)d is left. If your phone is lost, "
                        "ask an administrator to reset your second factor.",
                        "You used a recovery code; %(left)d are left. If your phone is lost, "
                        "ask an administrator to reset your second factor.",
                        left,
                    )
                    % {"left": left},
                )
            return redirect(next_url)
        if outcome is sf.Outcome.PAUSED or sf.codes_paused(user):
            return _paused_page(request)
        form.add_error(
            "code",
            _(
                "This code is not right, or it was used already. Wait for the next code and "
                "try again."
            ),
        )
    return render(
        request,
        "agencies/second_factor.html",
        {
            "form": form,
            "next": request.POST.get("next") or request.GET.get("next", ""),
            "reauth": reauth,
        },
    )


def _qr_svg(uri: str) -> str:
    # segno draws the QR code as SVG here: the key never leaves this server.
    svg: str = segno.make(uri, error="m").svg_inline(scale=4, omitsize=False)
    return svg


@login_required
@never_cache
def enrol(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: show its key (QR code and text), confirm it with a code."""
    user = _user(request)
    if not sf.requires_second_factor(user):
        raise Http404
    next_param = request.POST.get("next") or request.GET.get("next", "")
    if sf.has_device(user):
        return redirect(sf.with_next(reverse("second_factor"), next_param))
    key = request.session.get(sf.ENROLLING)
    if not isinstance(key, str) or len(key) != 40:
        key = sf.new_key()
        request.session[sf.ENROLLING] = key
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = sf.enrol(user, key, form.cleaned_data["code"], address=client_address(request))
        if codes is not None:
            request.session.pop(sf.ENROLLING, None)
            sf.mark_verified(request)
            return render(
                request,
                "agencies/recovery_codes.html",
                {"codes": codes, "next_url": _next(request)},
            )
        form.add_error(
            "code", _("This code does not match. Check the app shows stepstones and try again.")
        )
    uri = sf.provisioning_uri(user, key)
    return render(
        request,
        "agencies/enrol.html",
        {
            "form": form,
            "next": next_param,
            "qr": mark_safe(_qr_svg(uri)),  # noqa: S308  # nosec B308  # segno's SVG of our key
            "secret": " ".join(
                sf.key_base32(key)[i : i + 4] for i in range(0, len(sf.key_base32(key)), 4)
            ),
        },
    )


def ask_fresh_code(request: HttpRequest) -> HttpResponse | None:
    """Return the way to the code page when an identity may be shown only after a fresh code.

    None when the session's last check is recent enough (or the role passes no second factor).
    A GET comes back to itself once the code is accepted; htmx requests go there as a page.
    """
    if not sf.needs_reauthentication(request):
        return None
    back = request.get_full_path() if request.method == "GET" else None
    return sf.redirect_for(request, sf.with_next(reverse("second_factor"), back))


def fresh_second_factor(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Ask for a fresh code before the view when the session's last check is too old.

    For identity reads (`needs_reauthentication`). A GET comes back to itself once the code is
    accepted; htmx requests are sent there as a full page.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "GET" and sf.needs_reauthentication(request):
            target = sf.with_next(reverse("second_factor"), request.get_full_path())
            return sf.redirect_for(request, target)
        return view(request, *args, **kwargs)

    return wrapped
