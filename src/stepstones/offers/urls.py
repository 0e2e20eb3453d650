from __future__ import annotations

from django.urls import path

from stepstones.offers import views

app_name = "offers"
urlpatterns = [
    path("", views.check, name="check"),
    path("report/", views.report, name="report"),
]
