from __future__ import annotations

from django.urls import path

from . import views, views_authoring, views_omk, views_setup, views_survey

app_name = "monitoring"

urlpatterns = [
    path("regions/<slug:slug>/monitoring/", views.dashboard_page, name="dashboard"),
    path("regions/<slug:slug>/monitoring/trend.svg", views.trend, name="trend"),
    path("regions/<slug:slug>/monitoring/typed/", views.typed_value, name="typed"),
    path(
        "regions/<slug:slug>/monitoring/report/<int:year>-q<int:quarter>.<str:kind>",
        views.report_file,
        name="report",
    ),
    path("regions/<slug:slug>/monitoring/setup/", views_setup.setup, name="setup"),
    path("regions/<slug:slug>/monitoring/own/<int:pk>/", views_setup.measure, name="measure"),
    path("regions/<slug:slug>/monitoring/settings/", views_setup.settings, name="settings"),
    path("survey/<str:token>/", views_survey.answer, name="survey"),
    path(
        "regions/<slug:slug>/monitoring/invite/<str:key>/",
        views_survey.invite,
        name="invite",
    ),
    path("regions/<slug:slug>/monitoring/surveys/", views_authoring.survey_list, name="surveys"),
    path(
        "regions/<slug:slug>/monitoring/surveys/new/",
        views_authoring.survey_new,
        name="survey_new",
    ),
    path(
        "regions/<slug:slug>/monitoring/surveys/own/<int:pk>/",
        views_authoring.survey_edit,
        name="survey_edit",
    ),
    path(
        "regions/<slug:slug>/monitoring/surveys/own/<int:pk>/publish/",
        views_authoring.survey_publish,
        name="survey_publish",
    ),
    path(
        "regions/<slug:slug>/monitoring/surveys/own/<int:pk>/new-version/",
        views_authoring.survey_new_version,
        name="survey_new_version",
    ),
    path(
        "regions/<slug:slug>/monitoring/surveys/<str:key>/<str:kind>",
        views_survey.export,
        name="survey_export",
    ),
    path("regions/<slug:slug>/monitoring/omk/", views_omk.overview, name="omk"),
    path("regions/<slug:slug>/monitoring/omk/radar.svg", views_omk.radar, name="omk_radar"),
    path("regions/<slug:slug>/monitoring/omk/open/", views_omk.open_round, name="omk_open"),
    path("regions/<slug:slug>/monitoring/omk/<int:pk>/", views_omk.score, name="omk_score"),
    path(
        "regions/<slug:slug>/monitoring/omk/<int:pk>/close/",
        views_omk.close_round,
        name="omk_close",
    ),
]
