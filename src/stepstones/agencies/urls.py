from __future__ import annotations

from django.urls import path

from stepstones.agencies import views

app_name = "agencies"
urlpatterns = [
    path("directory/", views.directory, name="directory"),
    path("members/", views.members, name="members"),
    path("members/<int:membership_id>/", views.member_change, name="member_change"),
    path("entry/", views.entry, name="entry"),
]
