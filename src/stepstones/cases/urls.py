from __future__ import annotations

from django.urls import path

from stepstones.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("list/", views.case_list, name="list"),
    path("list/filters/", views.filter_save, name="filter_save"),
    path("list/filters/<int:filter_id>/delete/", views.filter_delete, name="filter_delete"),
    path("new/", views.case_new, name="new"),
    path("<int:case_id>/", views.case_page, name="case"),
    path("<int:case_id>/identity/", views.identity, name="identity"),
    path("<int:case_id>/identity/edit/", views.identity_edit, name="identity_edit"),
    path("<int:case_id>/edit/", views.case_edit, name="edit"),
    path("<int:case_id>/form/<slug:name>/", views.case_form, name="form"),
    path("<int:case_id>/consent/", views.consent_add, name="consent_add"),
    path("<int:case_id>/notes/", views.note_add, name="note_add"),
    path("<int:case_id>/timeline/", views.case_timeline, name="timeline"),
    path("consents/<int:consent_id>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("<int:case_id>/override/", views.override_add, name="override_add"),
    path("<int:case_id>/stage/", views.stage_change, name="stage"),
    path("<int:case_id>/identification/", views.identification, name="identification"),
    path("<int:case_id>/close/", views.close, name="close"),
    path("<int:case_id>/assessments/new/", views.assessment_new, name="assessment_new"),
    path("assessments/<int:assessment_id>/", views.assessment_page, name="assessment"),
]
