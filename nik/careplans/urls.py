from __future__ import annotations

from django.urls import path

from . import parents, views

app_name = "careplans"

urlpatterns = [
    path("families/<int:pk>/plan/", views.plan_detail, name="plan"),
    path("families/<int:pk>/plan/start/", views.plan_start, name="start"),
    path("families/<int:pk>/plan/edit/<str:section>/", views.plan_section, name="section"),
    path("families/<int:pk>/plan/publish/", views.plan_publish, name="publish"),
    path("families/<int:pk>/plan/discussed/", views.plan_discussed, name="discussed"),
    path("families/<int:pk>/plan/evaluate/", views.plan_evaluate, name="evaluate"),
    path("families/<int:pk>/plan/compare/", views.plan_compare, name="compare"),
    path("families/<int:pk>/plan/<int:number>.pdf", views.plan_pdf, name="pdf"),
    path(
        "families/<int:pk>/plan/<int:number>/parents.pdf",
        parents.plan_pdf_for_parents,
        name="parents_pdf",
    ),
    path("families/<int:pk>/plan/wishes/", views.plan_wishes, name="wishes"),
    path("families/<int:pk>/assessments/", views.assessments, name="assessments"),
    path(
        "families/<int:pk>/assessments/<int:assessment_pk>/use/",
        views.assessment_use,
        name="assessment_use",
    ),
]
