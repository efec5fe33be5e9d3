from __future__ import annotations

from django.urls import path

from . import views
from . import views_together as together

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
    path("mirror/answer/<str:token>/", views.answer, name="answer"),
]

urlpatterns += [
    path("regions/<slug:slug>/together/", together.together, name="together"),
    path("regions/<slug:slug>/together/forms/new/", together.form_edit, name="form_new"),
    path("regions/<slug:slug>/together/forms/<int:pk>/", together.form_detail, name="form"),
    path("regions/<slug:slug>/together/forms/<int:pk>/edit/", together.form_edit, name="form_edit"),
    path(
        "regions/<slug:slug>/together/forms/<int:pk>/schedule/",
        together.schedule,
        name="schedule",
    ),
    path("regions/<slug:slug>/together/cases/", together.discussions, name="discussions"),
    path("regions/<slug:slug>/together/cases/new/", together.discussion_new, name="discussion_new"),
    path("regions/<slug:slug>/together/cases/<int:pk>/", together.discussion, name="discussion"),
    path(
        "regions/<slug:slug>/together/cases/<int:pk>/edit/",
        together.discussion_edit,
        name="discussion_edit",
    ),
    path("regions/<slug:slug>/together/cases/<int:pk>/unlink/", together.unlink, name="unlink"),
    path(
        "regions/<slug:slug>/together/cases/<int:pk>/follow-ups/",
        together.follow_up_add,
        name="follow_up_add",
    ),
    path(
        "regions/<slug:slug>/together/cases/<int:pk>/lessons/",
        together.lesson_add,
        name="lesson_add",
    ),
    path(
        "regions/<slug:slug>/together/cases/<int:pk>/lessons/<int:lesson_pk>/propose/",
        together.lesson_propose,
        name="lesson_propose",
    ),
]
