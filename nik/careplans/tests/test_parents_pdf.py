"""The parents' own plan on paper, in plain words, and one answer to "whom do we call"
(issue 30, parents' items): the PDF parents print is not the professionals' IZP, and the family
page's box and the plan's acute section come from one source, each number a tappable link."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from nik.careplans import actions
from nik.careplans.content import Action, Decision, Domain, Goal, PlanContent
from nik.core.factories import OrganizationFactory, ProfessionalFactory, person
from nik.core.models import AuditEvent, Role
from nik.families.factories import FamilyFactory
from nik.families.models import Availability, CareTeamMember, Child

pytestmark = pytest.mark.django_db

JARGON = [
    "proactieve zorgplanning",
    "hoofdbehandelaar",
    "palliati",
    "individueel zorgplan",
    "wettelijk vertegenwoordiger",
    "in_progress",
]


@pytest.fixture
def child(family):
    return Child.objects.create(
        family=family, first_name="Sam", last_name="Jansen", date_of_birth=date(2017, 4, 12)
    )


@pytest.fixture
def published(family, child, coordinator, region):
    region.phone, region.hours = "071-000 00 10", "maandag tot vrijdag, 9 tot 17 uur"
    region.save()
    doctor = ProfessionalFactory(
        organization=OrganizationFactory(region=region, name="LUMC"),
        full_name="Dr. Anna Bos",
        phone="071-526 00 00",
    )
    CareTeamMember.objects.create(family=family, professional=doctor, role="lead_physician")
    today = timezone.localdate()
    content = PlanContent(
        plan_date=today,
        next_evaluation_on=today + timedelta(days=60),
        next_acp_talk_on=today + timedelta(days=30),
        discussed_with_parents_on=today,
        discussed_with_physician_on=today,
        acute_what_to_do="Bij een lange aanval: 112 bellen en dit plan meegeven.",
        acute_tell_ambulance="Laat dit plan zien.",
        wishes="Samen thuis zijn.",
        legal_representatives="Beide ouders",
        domains=[
            Domain(
                key="physical",
                situation="Veel pijn in de nacht.",
                goals=[Goal(text="Sam slaapt de nacht door", target="5 van de 7 nachten")],
                actions=[
                    Action(what="Pijnschema aanpassen", who="Kinderarts", status="in_progress")
                ],
            )
        ],
        decisions=[
            Decision(
                topic="place_of_care",
                decision="Zo veel mogelijk thuis",
                decided_on=today,
                agreed_by="ouders en kinderarts",
            )
        ],
    )
    draft = actions.do_start_plan(family, content=content, acting_user=coordinator)
    return actions.do_publish(draft, acting_user=coordinator)


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    return " ".join(text.split())


def test_parents_print_their_own_plan_in_plain_words(client, login, parent, family, published):
    client = login(parent)
    page = client.get(f"/families/{family.pk}/plan/").text
    assert f'href="/families/{family.pk}/plan/1/parents.pdf"' in page
    assert f'href="/families/{family.pk}/plan/1.pdf"' not in page
    text = pdf_text(client.get(f"/families/{family.pk}/plan/1/parents.pdf"))
    for plain in [
        "Het plan voor Sam",
        "Als het ineens slechter gaat met je kind",
        "Bij een lange aanval: 112 bellen en dit plan meegeven.",
        "Wie bel je, dag en nacht",
        "Wat we met jullie hebben afgesproken",
        "Het lichaam en de gezondheid van je kind",
        "Sam slaapt de nacht door",
        "Wie doet wat, en wanneer",
        "Pijnschema aanpassen",
        "Jullie wensen",
        "Samen thuis zijn.",
        "Zo veel mogelijk thuis",
        "De vaste arts van je kind: Dr. Anna Bos",
        "071-000 00 10",  # the contact point, as nothing is arranged yet
        "112",
    ]:
        assert plain in text, plain
    for word in JARGON:
        assert word not in text.lower(), word
    assert "Veel pijn in de nacht." not in text  # the professionals' notes stay in their plan


def test_the_professional_pdf_of_the_same_plan_keeps_its_own_words(
    client, login, coordinator, family, published
):
    """The same plan printed by the team: the jargon above is really in this plan's data."""
    text = pdf_text(login(coordinator).get(f"/families/{family.pk}/plan/1.pdf")).lower()
    assert "proactieve zorgplanning" in text and "hoofdbehandelaar" in text


def test_printing_the_parents_plan_is_logged(client, login, parent, family, published):
    login(parent).get(f"/families/{family.pk}/plan/1/parents.pdf")
    event = AuditEvent.objects.filter(event="plan.printed").latest("id")
    assert event.user == parent and event.subject_family_id == family.pk


def test_another_familys_parent_cannot_print_it_nor_anyone_a_draft(
    client, login, family, published, coordinator, parent, region
):
    other = FamilyFactory(region=region)
    stranger = person(region, Role.PARENT, "ander@nik.test")
    other.portal_users.add(stranger)
    assert login(stranger).get(f"/families/{family.pk}/plan/1/parents.pdf").status_code == 404
    client.logout()
    actions.do_start_evaluation(published.plan, acting_user=coordinator)
    assert login(parent).get(f"/families/{family.pk}/plan/2/parents.pdf").status_code == 404


def _call_box(html: str, heading: str) -> str:
    """The whom-to-call part of a page, from its heading to the 112 line."""
    start = html.index(heading)
    end = html.index('href="tel:112"', start)
    part = html[html.index("</h", start) : end]
    return re.sub(r"\s+", " ", re.sub(r"</?h[23][^>]*>", "", part))


@pytest.mark.parametrize("arranged", [False, True])
def test_the_family_page_box_and_the_plans_acute_section_say_the_same(
    client, login, parent, family, published, arranged
):
    if arranged:
        Availability.objects.create(
            family=family, period="always", who="Kinderthuiszorg", phone="088 - 12 34"
        )
    client = login(parent)
    box = _call_box(client.get(f"/families/{family.pk}/").text, "Wie bel je, dag en nacht")
    plan = client.get(f"/families/{family.pk}/plan/").text
    acute = plan[plan.index("Als het ineens slechter gaat met je kind") :]
    assert _call_box(acute, "Wie bel je, dag en nacht") == box
    # Every number is tappable, and 112 always is.
    assert 'href="tel:112"' in acute
    if arranged:
        assert 'href="tel:0881234"' in box and "Tot die tijd:" not in box
    else:
        assert (
            'href="tel:0710000010"' in box and "het aanspreekpunt van NIK Holland Rijnland" in box
        )
