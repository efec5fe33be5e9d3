from __future__ import annotations

from django.urls import path

from . import portal, views

app_name = "families"

urlpatterns = [
    # The region's central contact point and intake.
    path("regions/<slug:slug>/contact/", views.contact, name="contact"),
    path("regions/<slug:slug>/inquiries/", views.inquiry_list, name="inquiries"),
    path("regions/<slug:slug>/inquiries/new/", views.inquiry_new, name="inquiry_new"),
    path("regions/<slug:slug>/inquiries/<int:pk>/", views.inquiry_detail, name="inquiry_detail"),
    path("regions/<slug:slug>/referrals/", views.referral_list, name="referrals"),
    path("regions/<slug:slug>/referrals/new/", views.referral_new, name="referral_new"),
    path(
        "regions/<slug:slug>/referrals/casemanagers/",
        views.casemanager_pick,
        name="casemanager_pick",
    ),
    path("regions/<slug:slug>/referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("regions/<slug:slug>/emergency-access/", views.emergency_review, name="emergency_review"),
    # The family record.
    path("families/", views.family_list, name="family_list"),
    path("families/<int:pk>/", views.family_detail, name="family_detail"),
    path("families/<int:pk>/edit/<str:part>/", views.family_part_edit, name="part_new"),
    path(
        "families/<int:pk>/edit/<str:part>/<int:part_pk>/", views.family_part_edit, name="part_edit"
    ),
    path(
        "families/<int:pk>/delete/<str:part>/<int:part_pk>/",
        views.family_part_delete,
        name="part_delete",
    ),
    path("families/<int:pk>/stage/", views.family_stage, name="stage"),
    path("families/<int:pk>/consent/", views.consent_add, name="consent_add"),
    path(
        "families/<int:pk>/consent/<int:consent_pk>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("families/<int:pk>/team/", views.team_add, name="team_add"),
    path("families/<int:pk>/team/<int:member_pk>/remove/", views.team_remove, name="team_remove"),
    path("families/<int:pk>/invite/", views.invite, name="invite"),
    path("families/<int:pk>/access-log/", views.access_log, name="access_log"),
    path("families/<int:pk>/emergency/", views.emergency, name="emergency"),
    # The parents' own pages.
    path("families/<int:pk>/questions/new/", portal.question_new, name="question_new"),
    path(
        "families/<int:pk>/questions/<int:question_pk>/",
        portal.question_detail,
        name="question",
    ),
    path("invitation/<str:key>/", views.invitation, name="invitation"),
]
