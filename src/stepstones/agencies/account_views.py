"""Logging in and out, and the page of one's own sessions ("log out everywhere").

Django's login and logout views, each also writing its audit event. A second factor (a later
step) fits between the password check and `record_login`: the login is recorded where it
completes.
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

from stepstones.agencies import account_actions, sessions
from stepstones.agencies.lockout import client_address
from stepstones.agencies.models import LogoutReason


class LoginView(auth_views.LoginView):
    """Django's login page; a successful login is audited as `login.succeeded`.

    Failures are audited where axes counts them (`lockout.on_login_failed`).
    """

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        account_actions.record_login(form.get_user(), address=client_address(self.request))
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
