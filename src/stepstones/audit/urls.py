from __future__ import annotations

from django.urls import path

from stepstones.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.log, name="log"),
]
