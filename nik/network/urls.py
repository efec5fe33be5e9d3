from __future__ import annotations

from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("organizations/", views.organization_list, name="organizations"),
    path("organizations/new/", views.organization_edit, name="organization_new"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization_detail"),
    path("organizations/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path("professionals/", views.professional_list, name="professionals"),
    path("professionals/new/", views.professional_edit, name="professional_new"),
    path("professionals/<int:pk>/", views.professional_detail, name="professional_detail"),
    path("professionals/<int:pk>/edit/", views.professional_edit, name="professional_edit"),
    path("contacts.xlsx", views.contacts_export, name="contacts_export"),
    path("problem-statement/", views.problem_statement, name="problem_statement"),
    path("target-group/", views.target_group, name="target_group"),
    path("stakeholders/", views.stakeholder_grid, name="stakeholders"),
    path("stakeholders/import/", views.stakeholder_import, name="stakeholder_import"),
    path("stakeholders.xlsx", views.stakeholder_export, name="stakeholder_export"),
    path("gaps/", views.gap_matrix, name="gaps"),
    path("graph/", views.network_graph, name="graph"),
]
