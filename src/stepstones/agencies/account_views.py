"""Logging in and out, and the page of one's own sessions ("log out everywhere").

Django's login and logout views, each also writing its audit event. The password step is
recorded as `login.succeeded`; a role that passes a second factor is then sent to the code page
by `second_factor.SecondFactorMiddleware`, which records its own events (`otp.*`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views

from stepstones.agencies import account_actions, sessions
from stepstones.agencies.lockout import client_address
from stepstones.agencies.models import LoginState, LogoutReason


class LoginView(auth_views.LoginView):
    """Django's login page; a successful login is audited as `login.succeeded`.

    Failures are audited where axes counts them (`lockout.on_login_failed`).
    """

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        account_actions.record_login(user, address=client_address(self.request))
        # A login on any device starts in the language the user last chose.
        chosen = _chosen_language(user)
        if chosen:
            _set_language_cookie(response, chosen)
        return response


class LogoutView(auth_views.LogoutView):
    """Django's logout (POST only); audited as `session.logged_out` by the user."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            account_actions.record_logout(
                request.user, reason=LogoutReason.USER, address=client_address(request)
            )
        return super().post(request, *args, **kwargs)


def _moment(stamp: Any) -> dt.datetime | None:
    if not isinstance(stamp, int):
        return None
    return timezone.localtime(dt.datetime.fromtimestamp(stamp, tz=dt.UTC))


@login_required
def own_sessions(request: HttpRequest) -> HttpResponse:
    """Show how long this session lasts; POST ends every session of the account, this one too."""
    user = request.user
    assert isinstance(user, AbstractBaseUser)  # login_required
    if request.method == "POST":
        account_actions.end_sessions_everywhere(user, address=client_address(request))
        logout(request)
        messages.success(
            request,
            _("You were logged out everywhere: on this device and on every other one."),
        )
        return redirect("login")
    started = _moment(request.session.get(sessions.STARTED))
    hours = settings.STEPSTONES_SESSION_HOURS
    return render(
        request,
        "agencies/sessions.html",
        {
            "started": started,
            "ends_by": started + dt.timedelta(hours=hours) if started else None,
            "idle_minutes": settings.STEPSTONES_SESSION_IDLE_MINUTES,
            "hours": hours,
        },
    )


def _chosen_language(user: Any) -> str:
    state = LoginState.objects.filter(user=user).only("language").first()
    if state is None or not _offered(state.language):
        return ""
    return state.language


def _offered(language: str) -> bool:
    """Whether `language` is one of the interface's languages (settings.LANGUAGES)."""
    return bool(language) and language in dict(settings.LANGUAGES)


def _set_language_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch; a logged-in user's choice is also kept for their next login.

    A visitor's choice lives in the language cookie, as Django keeps it.
    """
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if request.method == "POST" and isinstance(user, AbstractBaseUser) and _offered(language):
        LoginState.objects.update_or_create(user=user, defaults={"language": language})
    return response
