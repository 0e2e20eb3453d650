"""URLs of the API app's own page (the token page); the API itself is `api.urls.api`."""

from __future__ import annotations

from django.urls import path

from stepstones.api import views

app_name = "apitokens"
urlpatterns = [
    path("", views.tokens, name="tokens"),
    path("<int:token_id>/revoke/", views.revoke, name="revoke"),
]
