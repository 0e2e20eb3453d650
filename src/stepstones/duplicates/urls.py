from __future__ import annotations

from django.urls import path

from stepstones.duplicates import views

app_name = "duplicates"
urlpatterns = [
    path("", views.duplicate_list, name="list"),
    path("<int:pair_id>/confirm/", views.confirm, name="confirm"),
    path("<int:pair_id>/reject/", views.reject, name="reject"),
]
