from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from nik.api import fhir as fhir_views
from nik.api import hsds as hsds_views
from nik.api.urls import api
from nik.core import views as core_views
from nik.home import views as home_views

# The admin logs in through allauth, so it gets the same second factor and lockout.
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "NIK"

urlpatterns = [
    path("", home_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("contact/", home_views.public_contact, name="public_contact"),
    path("networks/<slug:slug>/", home_views.network_page, name="network_page"),
    path("regions/<slug:slug>/", home_views.region_overview, name="region_overview"),
    path("regions/<slug:slug>/imports/<int:pk>/", core_views.import_job, name="import_job"),
    path("regions/<slug:slug>/network/", include("nik.network.urls")),
    path("regions/<slug:slug>/roadmap/", include("nik.roadmap.urls")),
    path("", include("nik.families.urls")),
    path("", include("nik.careplans.urls")),
    path("", include("nik.directory.urls")),
    path("", include("nik.learning.urls")),
    path("", include("nik.casework.urls")),
    path("", include("nik.monitoring.urls")),
    path("", include("nik.signals.urls")),
    path("accounts/api-tokens/", core_views.api_tokens, name="api_tokens"),
    path(
        "accounts/api-tokens/<int:pk>/revoke/",
        core_views.api_token_revoke,
        name="api_token_revoke",
    ),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("hsds/v3/services", hsds_views.services, name="hsds_services"),
    path("hsds/v3/services/<str:key>", hsds_views.service, name="hsds_service"),
    path("hsds/v3/organizations", hsds_views.organizations, name="hsds_organizations"),
    path("hsds/v3/import", hsds_views.import_services, name="hsds_import"),
    path(
        "fhir/r4/HealthcareService", fhir_views.healthcare_services, name="fhir_healthcareservice"
    ),
    path("fhir/r4/metadata", fhir_views.metadata, name="fhir_metadata"),
    path("fhir/r4/", fhir_views.transaction, name="fhir_transaction"),
    path(
        "fhir/r4/Patient/<int:pk>/$everything",
        fhir_views.patient_everything,
        name="fhir_everything",
    ),
    path("fhir/r4/CarePlan/<int:pk>", fhir_views.careplan_read, name="fhir_careplan"),
    # The same bundle as a download from the family's pages, for a signed-in person.
    path(
        "families/<int:pk>/plan/fhir/",
        fhir_views.everything_download,
        name="fhir_everything_download",
    ),
    path("admin/", admin.site.urls),
]
