"""Top-level URL configuration: each app owns its own `urls.py`."""

from __future__ import annotations

from django.urls import include, path

from stepstones.agencies import account_views, second_factor_views
from stepstones.api.urls import api

urlpatterns = [
    path("", include("stepstones.web.urls")),
    path("screen/", include("stepstones.screening.urls")),
    path("api/v1/", api.urls),
    path("offers/", include("stepstones.offers.urls")),
    path("api/tokens/", include("stepstones.api.page_urls")),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("suggest/", include("stepstones.suggest.urls")),
    path("accounts/login/", account_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", account_views.LogoutView.as_view(), name="logout"),
    path("accounts/sessions/", account_views.own_sessions, name="sessions"),
    path("accounts/two-factor/", second_factor_views.verify, name="second_factor"),
    path("accounts/two-factor/enrol/", second_factor_views.enrol, name="second_factor_enrol"),
    path("cases/", include("stepstones.cases.urls")),
    path("referrals/", include("stepstones.referrals.urls")),
    path("duplicates/", include("stepstones.duplicates.urls")),
    path("orgs/", include("stepstones.agencies.urls")),
    path("audit/", include("stepstones.audit.urls")),
    path("training/", include("stepstones.training.urls")),
    path("stats/", include("stepstones.stats.urls")),
]

# Django's 400 in words (a form too large to read answers 413 with the limit).
handler400 = "stepstones.web.views.bad_request"
