from __future__ import annotations

from django.urls import path

from stepstones.suggest import views

app_name = "suggest"

urlpatterns = [
    path("", views.notes, name="notes"),
    path("review/", views.review, name="review"),
]
