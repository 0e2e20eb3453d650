from __future__ import annotations

from django.urls import path

from stepstones.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/<int:case_id>/", views.new, name="new"),
    path("<int:referral_id>/", views.referral_page, name="referral"),
    path("<int:referral_id>/letter/", views.letter, name="letter"),
    path("<int:referral_id>/accept/", views.accept, name="accept"),
    path("<int:referral_id>/decline/", views.decline, name="decline"),
    path("<int:referral_id>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:referral_id>/complete/", views.complete, name="complete"),
    path("services/<int:service_id>/advance/", views.service_advance, name="service_advance"),
    path("services/new/<int:case_id>/", views.service_add, name="service_add"),
    path("chain/<int:case_id>/", views.chain, name="chain"),
    path("network/", views.network, name="network"),
]
