from __future__ import annotations

from django.urls import path

from stepstones.stats import views

app_name = "stats"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report/", views.report, name="report"),
    path("export/<slug:panel>.<str:fmt>", views.export, name="export"),
]
