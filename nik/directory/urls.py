from __future__ import annotations

from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("wegwijzer/", views.national, name="national"),
    path("wegwijzer/services/<int:pk>/", views.service_detail, name="service"),
    path("wegwijzer/services/<int:pk>/print.pdf", views.service_pdf, name="service_pdf"),
    path("wegwijzer/confirm/<int:pk>/<str:key>/", views.confirm, name="confirm"),
    path("regions/<slug:slug>/wegwijzer/", views.regional, name="regional"),
    path("regions/<slug:slug>/wegwijzer/pick/", views.pick, name="pick"),
    path("regions/<slug:slug>/wegwijzer/booklet.pdf", views.booklet, name="booklet"),
    path("regions/<slug:slug>/wegwijzer/manage/", views.manage, name="manage"),
    path("regions/<slug:slug>/wegwijzer/new/", views.service_edit, name="service_new"),
    path("regions/<slug:slug>/wegwijzer/<int:pk>/edit/", views.service_edit, name="service_edit"),
]
