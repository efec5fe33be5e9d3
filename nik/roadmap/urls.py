from __future__ import annotations

from django.urls import path

from . import views, views_agreement

app_name = "roadmap"

urlpatterns = [
    path("", views.roadmap, name="roadmap"),
    path("steps/<int:number>/", views.step_detail, name="step"),
    path("indicators/", views.indicators, name="indicators"),
    path("indicators/<int:pk>/", views.indicator_edit, name="indicator"),
    path("plan/", views.plan_page, name="plan"),
    path("plan/edit/", views.plan_edit, name="plan_edit"),
    path("plan/discussed/", views.plan_discussed, name="plan_discussed"),
    path("plan/approve/", views.plan_approve, name="plan_approve"),
    path("events/", views.events, name="events"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("events/<int:pk>.ics", views.event_ics_download, name="event_ics"),
    path("action-items/<int:pk>/done/", views.action_item_done, name="action_done"),
    path("milestones/", views.milestones, name="milestones"),
    path("milestones/import/", views.milestones_import, name="milestones_import"),
    path("milestones.xlsx", views.milestones_export, name="milestones_export"),
    path("milestones/<int:pk>/", views.milestone_edit, name="milestone"),
    path("agreement/", views_agreement.agreement_page, name="agreement"),
    path("agreement/edit/", views_agreement.agreement_edit, name="agreement_edit"),
    path("agreement/parties/new/", views_agreement.party_edit, name="party_new"),
    path("agreement/parties/<int:pk>/", views_agreement.party_edit, name="party"),
    path("agreement/structure/", views_agreement.structure_edit, name="structure"),
    path("proposals/", views_agreement.proposals, name="proposals"),
    path("proposals/<int:pk>/", views_agreement.proposal_detail, name="proposal"),
]
