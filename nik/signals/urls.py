from __future__ import annotations

from django.urls import path

from . import views, views_national, views_view

app_name = "signals"

urlpatterns = [
    path("regions/<slug:slug>/signals/", views.signal_list, name="list"),
    path("regions/<slug:slug>/signals/new/", views.signal_new, name="new"),
    path("regions/<slug:slug>/signals/pass/", views.signal_pass, name="pass"),
    path("regions/<slug:slug>/signals/<int:pk>/", views.signal_detail, name="detail"),
    path("signals/mine/", views.mine, name="mine"),
    path("networks/<slug:slug>/signal/", views.public, name="public"),
    path("national/", views_view.overview, name="national_view"),
    path("national/map.svg", views_view.map_image, name="national_map"),
    path("national/export.<str:kind>", views_view.export, name="national_export"),
    path("regions/<slug:slug>/compare/", views_view.compare, name="compare"),
    path("regions/<slug:slug>/compare/sharing/", views_view.sharing, name="sharing"),
    path("national/signals/", views_national.queue, name="national_queue"),
    path("national/signals/<int:pk>/", views_national.report, name="national_report"),
    path(
        "national/signals/report/<int:year>-h<int:half>.<str:kind>",
        views_national.report_file,
        name="signals_report",
    ),
    path("national/issues/<int:pk>/", views_national.issue, name="national_issue"),
    path("national/issues/<int:pk>/merge/", views_national.merge, name="national_merge"),
]
