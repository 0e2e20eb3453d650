from __future__ import annotations

from django.urls import path

from stepstones.screening import to_case, views

app_name = "screening"
urlpatterns = [
    path("", views.quick_screen, name="quick"),
    # Carries the quick screen's answers into a new or an existing case (login required).
    path("to-case/", to_case.case_from_screen, name="to_case"),
]
