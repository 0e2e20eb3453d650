from __future__ import annotations

from django.urls import path

from stepstones.screening import views

app_name = "screening"
urlpatterns = [
    path("", views.quick_screen, name="quick"),
]
