from __future__ import annotations

from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("regions/<slug:slug>/monitoring/", views.dashboard_page, name="dashboard"),
    path("regions/<slug:slug>/monitoring/trend.svg", views.trend, name="trend"),
    path("regions/<slug:slug>/monitoring/typed/", views.typed_value, name="typed"),
]
