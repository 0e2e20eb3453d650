from __future__ import annotations

from django.urls import path

from stepstones.training import views

app_name = "training"
urlpatterns = [
    path("", views.sessions, name="sessions"),
    path("<int:session_id>/", views.control, name="control"),
    path("<int:session_id>/move/", views.move, name="move"),
    path("<int:session_id>/reveal/", views.reveal, name="reveal"),
    path("<int:session_id>/groups/", views.groups, name="groups"),
    path("<int:session_id>/projector/", views.projector, name="projector"),
    path("<int:session_id>/projector/live/", views.projector_live, name="projector_live"),
    path("picture/", views.picture, name="picture"),
    path("join/", views.join, name="join"),
    path("rejoin/", views.rejoin, name="rejoin"),
    path("room/", views.room, name="room"),
    path("room/answer/", views.room_answer, name="room_answer"),
    path("room/state/", views.room_state, name="room_state"),
]

