from __future__ import annotations

from django.urls import path

from stepstones.training import evaluation_views, views

app_name = "training"
urlpatterns = [
    path("", views.sessions, name="sessions"),
    path("<int:session_id>/", views.control, name="control"),
    path("<int:session_id>/move/", views.move, name="move"),
    path("<int:session_id>/reveal/", views.reveal, name="reveal"),
    path("<int:session_id>/groups/", views.groups, name="groups"),
    path("<int:session_id>/projector/", views.projector, name="projector"),
    path("<int:session_id>/projector/live/", views.projector_live, name="projector_live"),
    path("<int:session_id>/media/", views.media_upload, name="media_upload"),
    path("media/<int:media_id>/", views.media, name="media"),
    path("<int:session_id>/drill/", views.drill_room, name="drill"),
    path("<int:session_id>/drill/start/", views.drill_start, name="drill_start"),
    path("<int:session_id>/drill/live/", views.drill_live, name="drill_live"),
    path("room/drill/", views.drill_phone, name="drill_phone"),
    path("room/drill/act/", views.drill_act, name="drill_act"),
    path("picture/", views.picture, name="picture"),
    path("join/", views.join, name="join"),
    path("rejoin/", views.rejoin, name="rejoin"),
    path("room/", views.room, name="room"),
    path("room/answer/", views.room_answer, name="room_answer"),
    path("room/state/", views.room_state, name="room_state"),
]

# The evaluation (issue 12, section 5): the trainer's tests and results, the phones' tests and form.
urlpatterns += [
    path("<int:session_id>/evaluation/", evaluation_views.results, name="evaluation_results"),
    path("<int:session_id>/evaluation/tests/", evaluation_views.quiz_toggle, name="quiz_toggle"),
    path("<int:session_id>/evaluation/report/", evaluation_views.report, name="evaluation_report"),
    path(
        "<int:session_id>/evaluation/export.csv", evaluation_views.export_csv, name="evaluation_csv"
    ),
    path("room/tests/", evaluation_views.quiz_room, name="quiz_room"),
    path("room/evaluation/", evaluation_views.evaluation_form, name="evaluation_form"),
]
