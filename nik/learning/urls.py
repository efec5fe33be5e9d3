from __future__ import annotations

from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("regions/<slug:slug>/learning/", views.catalogue, name="catalogue"),
    path("regions/<slug:slug>/learning/coverage/", views.coverage_page, name="coverage"),
    path("regions/<slug:slug>/learning/courses/new/", views.course_new, name="course_new"),
    path("regions/<slug:slug>/learning/sessions/new/", views.session_new, name="session_new"),
    path("regions/<slug:slug>/learning/sessions/<int:pk>/", views.session_detail, name="session"),
    path("regions/<slug:slug>/learning/sessions/<int:pk>/enrol/", views.enrol, name="enrol"),
    path(
        "regions/<slug:slug>/learning/sessions/<int:pk>/cancel/<int:enrolment_pk>/",
        views.cancel,
        name="cancel",
    ),
    path(
        "regions/<slug:slug>/learning/sessions/<int:pk>/attendance/",
        views.attendance,
        name="attendance",
    ),
    path(
        "regions/<slug:slug>/learning/sessions/<int:pk>.ics",
        views.session_calendar,
        name="session_ics",
    ),
    path("regions/<slug:slug>/learning/plan/", views.plan, name="plan"),
    path("regions/<slug:slug>/learning/plan/edit/", views.plan_edit, name="plan_edit"),
    path(
        "regions/<slug:slug>/learning/plan/<int:pk>/approve/",
        views.plan_approve,
        name="plan_approve",
    ),
    path("regions/<slug:slug>/learning/family-need/", views.family_need, name="family_need"),
    path("learning/mine/", views.mine, name="mine"),
    path("learning/certificates/<int:pk>.pdf", views.certificate, name="certificate"),
]
