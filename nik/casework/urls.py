from __future__ import annotations

from django.urls import path

from . import views

app_name = "casework"

urlpatterns = [
    path("regions/<slug:slug>/mirror/", views.conversations, name="conversations"),
    path("regions/<slug:slug>/mirror/new/", views.conversation_new, name="conversation_new"),
    path("regions/<slug:slug>/mirror/join/", views.join, name="join"),
    path("regions/<slug:slug>/mirror/<int:pk>/", views.conversation, name="conversation"),
    path("regions/<slug:slug>/mirror/<int:pk>/ideas/", views.idea_add, name="idea_add"),
    path(
        "regions/<slug:slug>/mirror/<int:pk>/ideas/<int:idea_pk>/outcome/",
        views.idea_outcome,
        name="idea_outcome",
    ),
    path(
        "regions/<slug:slug>/mirror/<int:pk>/ideas/<int:idea_pk>/done/",
        views.idea_done,
        name="idea_done",
    ),
    path("regions/<slug:slug>/mirror/<int:pk>/invite/", views.invite, name="invite"),
]
