"""The network pages: who may read, who may change, and what lands in the database."""

from __future__ import annotations

import html
import io
import re

import pytest
from openpyxl import load_workbook

from nik.core.factories import (
    MunicipalityFactory,
    OrganizationFactory,
    ProfessionalFactory,
    discipline,
)
from nik.core.models import AuditEvent, Organization, Professional
from nik.network import actions as network_actions
from nik.network.models import (
    ParticipantKind,
    ProblemStatement,
    ProblemStatementParticipant,
    StakeholderAssessment,
    TargetGroup,
)

pytestmark = pytest.mark.django_db

PAGES = [
    "organizations/",
    "professionals/",
    "problem-statement/",
    "target-group/",
    "stakeholders/",
    "gaps/",
    "graph/",
    "contacts.xlsx",
    "stakeholders.xlsx",
]


def url(region, page: str) -> str:
    return f"/regions/{region.slug}/network/{page}"


@pytest.fixture
def register(region):
    leiden = MunicipalityFactory(region=region, name="Leiden")
    MunicipalityFactory(region=region, name="Gouda")
    umc = OrganizationFactory(region=region, name="LUMC", kind="umc", municipality=leiden)
    home = OrganizationFactory(
        region=region, name="Thuiszorg Leiden", kind="home_care", municipality=leiden
    )
    doctor = ProfessionalFactory(organization=umc, full_name="Dr. Anna de Vries")
    doctor.disciplines.add(discipline("doctor"))
    nurse = ProfessionalFactory(organization=home, full_name="Bram Verpleegkundige")
    nurse.disciplines.add(discipline("nurse"))
    return umc, home


@pytest.mark.parametrize("page", PAGES)
def test_coordinator_opens_every_page(client, login, coordinator, region, register, page):
    assert login(coordinator).get(url(region, page)).status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_another_regions_coordinator_gets_404(
    client, login, other_coordinator, region, register, page
):
    assert login(other_coordinator).get(url(region, page)).status_code == 404


@pytest.mark.parametrize("page", ["organizations/", "stakeholders/", "gaps/"])
def test_steering_reads_but_a_parent_does_not(
    client, login, steering, parent, region, register, page
):
    assert login(steering).get(url(region, page)).status_code == 200
    client.logout()
    assert login(parent).get(url(region, page)).status_code == 404


def test_steering_may_not_edit(client, login, steering, region, register):
    umc, _ = register
    client = login(steering)
    assert client.get(url(region, f"organizations/{umc.pk}/edit/")).status_code == 403
    assert (
        client.post(url(region, "target-group/"), {"age_min": 0, "age_max": 18}).status_code == 403
    )
    assert (
        AuditEvent.objects.filter(outcome="denied", details__reason="read_only_role").count() == 2
    )


def test_search_and_filter_the_register(client, login, coordinator, region, register):
    client = login(coordinator)
    page = client.get(url(region, "professionals/"), {"discipline": "nurse"}).text
    assert "Bram Verpleegkundige" in page and "Anna de Vries" not in page
    page = client.get(url(region, "organizations/"), {"q": "thuis"}).text
    assert "Thuiszorg Leiden" in page and ">LUMC<" not in page
    page = client.get(url(region, "organizations/"), {"kind": "umc"}).text
    assert ">LUMC<" in page


def test_organisation_list_query_count_does_not_grow(
    client, login, coordinator, region, django_assert_max_num_queries
):
    client = login(coordinator)
    OrganizationFactory.create_batch(3, region=region)
    client.get(url(region, "organizations/"))
    with django_assert_max_num_queries(20) as few:
        client.get(url(region, "organizations/"))
    OrganizationFactory.create_batch(30, region=region)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url(region, "organizations/"))


def test_professional_list_query_count_does_not_grow(
    client, login, coordinator, region, register, django_assert_max_num_queries
):
    client = login(coordinator)
    client.get(url(region, "professionals/"))
    with django_assert_max_num_queries(20) as few:
        client.get(url(region, "professionals/"))
    umc, _ = register
    for _ in range(25):
        ProfessionalFactory(organization=umc).disciplines.add(discipline("nurse"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url(region, "professionals/"))


def _listed(page) -> list[str]:
    """The names in a register list as the page shows them, in its order."""
    return [
        row[0].full_name if hasattr(row[0], "full_name") else row[0].name
        for row in page.context["rows"]
    ]


def test_the_register_pages_on_from_where_it_stopped(client, login, coordinator, region):
    """A long register comes a page at a time, in name order, each row once, and the next page
    keeps the filter; the line above it counts them all."""
    for i in range(55):
        OrganizationFactory(region=region, name=f"Zorg {i:02}", kind="home_care")
    OrganizationFactory(region=region, name="Ziekenhuis", kind="umc")
    client = login(coordinator)
    first = client.get(url(region, "organizations/"), {"kind": "home_care"})
    assert "55 organisaties" in first.text
    assert _listed(first) == [f"Zorg {i:02}" for i in range(50)]
    following = re.search(r'rel="next" href="\?([^"]+)"', first.text)
    assert following and "kind=home_care" in following[1]
    rest = client.get(url(region, "organizations/") + "?" + html.unescape(following[1]))
    assert _listed(rest) == [f"Zorg {i:02}" for i in range(50, 55)]
    assert "Terug naar het begin van de lijst" in rest.text and 'rel="next"' not in rest.text
    # A cursor that cannot be read starts from the beginning.
    again = client.get(url(region, "organizations/"), {"kind": "home_care", "after": "x!"})
    assert _listed(again) == _listed(first)


def test_a_register_past_the_bound_is_counted_as_more_than(
    client, login, coordinator, region, monkeypatch
):
    """Past the bound the count says "more than"; the list is the same either way (past it the page
    walks the name order, below it reads the matching ids)."""
    from nik.network import views

    for i in range(12):
        ProfessionalFactory(organization__region=region, full_name=f"Els {i:02}")
    client = login(coordinator)
    below = client.get(url(region, "professionals/"))
    assert "12 professionals" in below.text
    monkeypatch.setattr(views, "COUNTED", 10)
    past = client.get(url(region, "professionals/"))
    assert "Meer dan 10 professionals" in past.text
    assert _listed(past) == _listed(below) == [f"Els {i:02}" for i in range(12)]
    search = client.get(url(region, "professionals/"), {"q": "els 0"})
    assert "10 professionals" in search.text and "Meer dan" not in search.text
    assert _listed(search) == [f"Els {i:02}" for i in range(10)]


def test_the_register_reads_a_bounded_unsorted_count(
    client, login, coordinator, region, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nik.network.views import COUNTED

    client = login(coordinator)
    for page in ("organizations/", "professionals/"):
        with CaptureQueriesContext(connection) as seen:
            client.get(url(region, page), {"q": "zorg"})
        counts = [q["sql"] for q in seen.captured_queries if f"LIMIT {COUNTED + 1}" in q["sql"]]
        assert len(counts) == 1 and "ORDER BY" not in counts[0] and "DISTINCT" not in counts[0]


def test_a_filter_on_professionals_lists_each_organisation_once(client, login, coordinator, region):
    umc = OrganizationFactory(region=region, name="LUMC", kind="umc")
    OrganizationFactory(region=region, name="Huisartsenpost")
    for name in ("Ans", "Bas"):
        ProfessionalFactory(organization=umc, full_name=name).disciplines.add(discipline("nurse"))
    ProfessionalFactory(organization=umc, full_name="Cor").disciplines.add(discipline("doctor"))
    page = login(coordinator).get(url(region, "organizations/"), {"discipline": "nurse"})
    assert "1 organisatie" in page.text
    # The column counts all of the organisation's professionals, not the ones the filter found.
    assert page.context["rows"] == [(umc, 3)]


def test_the_role_filter_reads_memberships_of_this_region_only(
    client, login, coordinator, region, other_region
):
    from nik.core.factories import MembershipFactory, UserFactory
    from nik.core.models import Role

    org = OrganizationFactory(region=region)
    by_account = ProfessionalFactory(organization=org, full_name="Via account", user=UserFactory())
    MembershipFactory(user=by_account.user, region=region, role=Role.MEMBER, ambassador=True)
    ProfessionalFactory(organization=org, full_name="Via afspraak", named_ambassador=True)
    elsewhere = ProfessionalFactory(organization=org, full_name="Elders", user=UserFactory())
    MembershipFactory(user=elsewhere.user, region=other_region, role=Role.MEMBER, ambassador=True)
    MembershipFactory(user=elsewhere.user, region=region, role=Role.MEMBER)
    ProfessionalFactory(organization=org, full_name="Niemand")
    client = login(coordinator)
    page = client.get(url(region, "professionals/"), {"role": "ambassador"})
    assert _listed(page) == ["Via account", "Via afspraak"]
    page = client.get(url(region, "professionals/"), {"role": "member"})
    assert _listed(page) == ["Elders", "Via account"]
    orgs = client.get(url(region, "organizations/"), {"role": "ambassador"})
    assert orgs.context["rows"] == [(org, 4)]


def test_coordinator_creates_an_organisation(client, login, coordinator, region):
    response = login(coordinator).post(
        url(region, "organizations/new/"),
        {"name": "Kinderhospice De Vlinder", "kind": "hospice", "contributes": "Logeren, respijt"},
    )
    assert response.status_code == 302
    org = Organization.objects.get(name="Kinderhospice De Vlinder")
    assert (org.region, org.kind, org.contributes) == (region, "hospice", "Logeren, respijt")
    assert AuditEvent.objects.filter(
        action="create", object_type="core.organization", object_id=str(org.pk)
    ).exists()


def test_a_duplicate_organisation_name_is_refused(client, login, coordinator, region, register):
    response = login(coordinator).post(
        url(region, "organizations/new/"), {"name": "lumc", "kind": "umc"}
    )
    assert response.status_code == 200
    assert "al een organisatie met deze naam" in response.text


def test_a_second_save_is_refused_with_what_changed(client, login, coordinator, region, register):
    umc, _ = register
    client = login(coordinator)
    form = client.get(url(region, f"organizations/{umc.pk}/edit/")).context["form"]
    shown = form.initial["version"]
    # Someone else saves first.
    theirs = Organization.objects.get(pk=umc.pk)
    theirs.phone = "071-1111111"
    network_actions.do_save_organization(
        theirs, acting_user=coordinator, seen_version=theirs.version, fields=["phone"]
    )
    response = client.post(
        url(region, f"organizations/{umc.pk}/edit/"),
        {"name": "LUMC", "kind": "umc", "phone": "071-2222222", "version": shown},
    )
    assert response.status_code == 200
    assert "071-1111111" in response.text
    assert Organization.objects.get(pk=umc.pk).phone == "071-1111111"
    # Saving again after seeing the conflict keeps the user's version.
    again = response.context["form"].data["version"]
    response = client.post(
        url(region, f"organizations/{umc.pk}/edit/"),
        {"name": "LUMC", "kind": "umc", "phone": "071-2222222", "version": again},
    )
    assert response.status_code == 302
    assert Organization.objects.get(pk=umc.pk).phone == "071-2222222"


def test_coordinator_edits_a_professional(client, login, coordinator, region, register):
    umc, home = register
    person = Professional.objects.get(full_name="Bram Verpleegkundige")
    response = login(coordinator).post(
        url(region, f"professionals/{person.pk}/edit/"),
        {
            "full_name": "Bram de Verpleegkundige",
            "organization": umc.pk,
            "disciplines": [
                discipline("nurse").pk,
                discipline("pedagogue").pk,
            ],
            "version": person.version,
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.full_name == "Bram de Verpleegkundige"
    assert person.organization == umc
    assert set(person.disciplines.values_list("code", flat=True)) == {"nurse", "pedagogue"}


def test_problem_statement_warns_until_a_parent_took_part(client, login, coordinator, region):
    client = login(coordinator)
    assert "Nog geen ouder" in client.get(url(region, "problem-statement/")).text
    response = client.post(
        url(region, "problem-statement/"),
        {
            "question": "Ouders moeten alles zelf uitzoeken.",
            "idea": "",
            "reflection": "",
            "version": "",
            "p-TOTAL_FORMS": "1",
            "p-INITIAL_FORMS": "0",
            "p-MIN_NUM_FORMS": "0",
            "p-MAX_NUM_FORMS": "1000",
            "p-0-name": "Moeder van Sam",
            "p-0-kind": ParticipantKind.PARENT,
            "p-0-organization": "",
        },
    )
    assert response.status_code == 302
    statement = ProblemStatement.objects.get(region=region)
    assert statement.question == "Ouders moeten alles zelf uitzoeken."
    assert ProblemStatementParticipant.objects.get().name == "Moeder van Sam"
    assert "Nog geen ouder" not in client.get(url(region, "problem-statement/")).text


def test_target_group_changes_are_new_versions(client, login, coordinator, region):
    client = login(coordinator)
    for age_max in (18, 23):
        response = client.post(
            url(region, "target-group/"),
            {"age_min": 0, "age_max": age_max, "categories": ["1", "3"]},
        )
        assert response.status_code == 302
    versions = list(TargetGroup.objects.filter(region=region).order_by("version"))
    assert [(v.version, v.age_max) for v in versions] == [(1, 18), (2, 23)]
    assert versions[0].categories == ["1", "3"]


def test_target_group_refuses_an_age_above_23(client, login, coordinator, region):
    response = login(coordinator).post(
        url(region, "target-group/"), {"age_min": 0, "age_max": 30, "categories": ["1"]}
    )
    assert response.status_code == 200
    assert "23" in response.text
    assert not TargetGroup.objects.exists()


def test_target_group_says_why_a_child_fits(region):
    group = TargetGroup.objects.create(
        region=region, version=1, age_min=0, age_max=18, categories=["1", "2"]
    )
    assert group.fits(age=7, category="2")[0]
    fits, reasons = group.fits(age=19, category="2")
    assert not fits and "19" in reasons[0]
    assert not group.fits(age=7, category=None, seriously_ill=True)[0]


def test_coordinator_adds_an_assessment_and_sees_it_in_the_grid(
    client, login, coordinator, region, register
):
    umc, _ = register
    client = login(coordinator)
    response = client.post(
        url(region, "stakeholders/"),
        {
            "organization": umc.pk,
            "assessed_on": "2026-03-01",
            "influence": 5,
            "interest": 2,
            "desired_influence": 5,
            "desired_interest": 5,
            "action": "Bestuurder spreken",
        },
    )
    assert response.status_code == 302
    page = client.get(url(region, "stakeholders/"))
    assert "<svg" in page.text and "Bestuurder spreken" in page.text
    assert page.context["items"][0].start == (2, 5)
    assert page.context["items"][0].end == (5, 5)


def test_the_grid_shows_movement_between_two_dates(client, login, coordinator, region, register):
    umc, _ = register
    for day, interest in (("2025-03-01", 2), ("2026-03-01", 4)):
        StakeholderAssessment.objects.create(
            region=region,
            organization=umc,
            assessed_on=day,
            influence=5,
            interest=interest,
            desired_influence=5,
            desired_interest=5,
        )
    page = login(coordinator).get(
        url(region, "stakeholders/"), {"date_from": "2025-06-01", "date_to": "2026-06-01"}
    )
    [item] = page.context["items"]
    assert (item.start, item.end) == ((2, 5), (4, 5))


def test_import_by_the_page_reports_rows_in_dutch(
    client, login, coordinator, region, register, django_capture_on_commit_callbacks
):
    from nik.network.tests.test_stakeholder_import import sheet

    file = sheet([["Onbekend", "", "2026-03-01", 9, 3, 3, 3, ""]])
    file.name = "stakeholders.xlsx"
    client = login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(region, "stakeholders/import/"), {"file": file})
    assert response.status_code == 302  # to the import's own page: it runs as a task
    report = client.get(response.url)
    assert "Er is niets geïmporteerd" in report.text
    assert "Onbekend" in report.text
    assert 'hx-trigger="every 1s"' not in report.text  # finished: the page stops asking


def test_an_import_job_shows_its_progress_while_it_runs_and_is_claimed_once(
    client, login, coordinator, region, register
):
    from nik.core import imports
    from nik.core.models import ImportJob, ImportStatus
    from nik.network.tests.test_stakeholder_import import sheet

    job = ImportJob.objects.create(
        region=region,
        kind="stakeholders",
        filename="stakeholders.xlsx",
        content=sheet([["", "Wethouder", "2026-03-01", 4, 2, 4, 4, ""]]).getvalue(),
        created_by=coordinator,
    )
    ImportJob.objects.filter(pk=job.pk).update(rows_total=400, rows_checked=100)
    page = login(coordinator).get(f"/regions/{region.slug}/imports/{job.pk}/")
    assert "100 van 400 rijen gecontroleerd" in page.text
    assert 'hx-trigger="every 1s"' in page.text
    assert imports.run_import.call(job.pk) == ImportStatus.DONE
    assert imports.run_import.call(job.pk) == "taken"  # a second worker finds it done
    job.refresh_from_db()
    assert (job.status, job.imported, bytes(job.content)) == (ImportStatus.DONE, 1, b"")
    assert "1 rij geïmporteerd" in client.get(f"/regions/{region.slug}/imports/{job.pk}/").text


def test_another_regions_coordinator_cannot_open_an_import_job(
    client, login, coordinator, other_coordinator, region
):
    from nik.core.models import ImportJob

    job = ImportJob.objects.create(region=region, kind="stakeholders", content=b"x")
    client = login(other_coordinator)
    assert client.get(f"/regions/{region.slug}/imports/{job.pk}/").status_code == 404
    assert client.get(f"/regions/limburg/imports/{job.pk}/").status_code in (403, 404)


def test_contact_list_export_is_a_real_workbook_and_audited(
    client, login, coordinator, region, register
):
    response = login(coordinator).get(url(region, "contacts.xlsx"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Naam", "Functie", "Disciplines", "Organisatie")
    assert {r[0] for r in rows[1:]} == {"Dr. Anna de Vries", "Bram Verpleegkundige"}
    assert AuditEvent.objects.filter(action="export", object_type="core.professional").exists()


def test_gaps_page_shows_white_spots(client, login, coordinator, region, register):
    page = login(coordinator).get(url(region, "gaps/"))
    report = page.context["report"]
    assert "hospice" in report.missing_kinds
    assert "pharmacist" in report.missing_disciplines
    assert "nik-white-spot" in page.text


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_worker_runs_the_queued_import(
    client, login, coordinator, region, register, settings
):
    """Production's path: the upload only queues; `nik db_worker` does the work."""
    from django.core.management import call_command
    from django_tasks import task_backends

    from nik.core.models import ImportJob, ImportStatus
    from nik.network.tests.test_stakeholder_import import sheet

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    task_backends._settings = None  # read the setting again
    if hasattr(task_backends._connections, "default"):
        del task_backends._connections.default
    try:
        file = sheet([["", "Wethouder", "2026-03-01", 4, 2, 4, 4, ""]])
        file.name = "stakeholders.xlsx"
        login(coordinator).post(url(region, "stakeholders/import/"), {"file": file})
        job = ImportJob.objects.get()
        assert job.status == ImportStatus.QUEUED  # nothing ran in the request
        call_command("db_worker", batch=True, no_startup_delay=True)
        job.refresh_from_db()
        assert (job.status, job.imported) == (ImportStatus.DONE, 1)
    finally:
        task_backends._settings = None
        if hasattr(task_backends._connections, "default"):
            del task_backends._connections.default


def test_a_register_change_is_logged_by_name_with_what_changed(
    client, login, coordinator, region, register
):
    umc, _ = register
    client = login(coordinator)
    form = client.get(url(region, f"organizations/{umc.pk}/edit/")).context["form"]
    response = client.post(
        url(region, f"organizations/{umc.pk}/edit/"),
        {
            "name": "LUMC",
            "kind": "general_hospital",
            "phone": "071-9999999",
            "version": form.initial["version"],
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(object_type="core.organization").latest("id")
    assert event.event == "organization.update"
    assert event.details["changes"]["kind"] == ["umc", "general_hospital"]
    assert event.details["changes"]["phone"] == "changed"
