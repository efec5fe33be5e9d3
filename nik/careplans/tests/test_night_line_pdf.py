"""The plan's PDF starts with whom to call: the 24-hour arrangement, or what to do until
there is one (issue 14, point 5)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.utils import timezone
from pypdf import PdfReader

from nik.careplans import actions as plan_actions
from nik.careplans.content import PlanContent
from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.families.models import Availability, CareTeamMember, Child

pytestmark = pytest.mark.django_db

FALLBACK = "Tot die tijd:"


@pytest.fixture
def with_casemanager(family, region):
    pro = ProfessionalFactory(
        organization=OrganizationFactory(region=region), full_name="Mirjam de Vries"
    )
    CareTeamMember.objects.create(family=family, professional=pro, role="casemanager")
    return family


def test_the_pdfs_first_page_says_whom_to_call(
    client, login, coordinator, family, with_casemanager
):
    Child.objects.create(
        family=family, first_name="Sam", last_name="Jansen", date_of_birth=date(2017, 4, 12)
    )
    draft = plan_actions.do_start_plan(
        family, content=PlanContent(plan_date=timezone.localdate()), acting_user=coordinator
    )
    plan_actions.do_publish(draft, acting_user=coordinator)
    client = login(coordinator)

    def first_page() -> str:
        response = client.get(f"/families/{family.pk}/plan/1.pdf")
        return PdfReader(io.BytesIO(response.content)).pages[0].extract_text()

    first = first_page()
    assert "Wie bel je, dag en nacht" in first
    assert "huisartsenpost" in first and "112" in first
    assert "Mirjam de Vries" in first
    Availability.objects.create(
        family=family, period="always", who="Kinderthuiszorg", phone="088-1234"
    )
    first = first_page()
    assert "088-1234" in first and FALLBACK not in first
