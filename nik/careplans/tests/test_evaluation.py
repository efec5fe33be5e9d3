"""Evaluating a plan whose dates have passed, and stored content that no longer validates."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from nik.careplans import actions
from nik.careplans.content import PlanContent
from nik.careplans.models import CarePlanVersion, VersionStatus
from nik.careplans.tests.helpers import answers
from nik.families.models import Child

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(family, coordinator):
    """A plan made three months ago whose evaluation date passed last week: the normal case."""
    Child.objects.create(
        family=family, first_name="Sam", last_name="Jansen", date_of_birth="2017-04-12"
    )
    today = timezone.localdate()
    version = actions.do_start_plan(
        family,
        content=PlanContent(
            plan_date=today - timedelta(days=90), next_evaluation_on=today - timedelta(days=7)
        ),
        acting_user=coordinator,
    )
    return actions.do_publish(version, acting_user=coordinator)


def url(family, rest: str = "") -> str:
    return f"/families/{family.pk}/plan/{rest}"


def test_evaluating_a_plan_whose_evaluation_date_passed_opens_a_working_draft(
    client, login, coordinator, family, published
):
    client = login(coordinator)
    assert client.post(url(family, "evaluate/")).status_code == 302
    draft = CarePlanVersion.objects.get(status=VersionStatus.DRAFT)
    assert draft.problems == []
    assert draft.data.plan_date == timezone.localdate()
    assert draft.data.next_evaluation_on is None  # agreed anew in this evaluation

    assert client.get(url(family)).status_code == 200
    assert client.get(url(family, "edit/plan/")).status_code == 200
    # Evaluating again gives the same draft, still working.
    assert client.post(url(family, "evaluate/")).status_code == 302
    assert CarePlanVersion.objects.filter(status=VersionStatus.DRAFT).count() == 1
    response = client.post(url(family, "publish/"), answers(summary="Geëvalueerd"))
    assert response.status_code == 302
    assert CarePlanVersion.objects.get(number=2).status == VersionStatus.PUBLISHED
    pdf = client.get(url(family, "2.pdf"))
    assert pdf.status_code == 200
    assert "Geëvalueerd" in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages
    )


def test_a_stored_draft_whose_dates_disagree_opens_with_the_problem_shown(
    client, login, coordinator, family, published
):
    """A draft saved under older rules: every page opens, publishing waits until it is mended."""
    client = login(coordinator)
    client.post(url(family, "evaluate/"))
    draft = CarePlanVersion.objects.get(status=VersionStatus.DRAFT)
    today = timezone.localdate()
    bad = dict(draft.content, next_evaluation_on=(today - timedelta(days=30)).isoformat())
    CarePlanVersion.objects.filter(pk=draft.pk).update(content=bad)

    page = client.get(url(family))
    assert page.status_code == 200
    assert "De evaluatiedatum ligt vóór de plandatum." in page.content.decode()
    assert client.get(url(family, "edit/plan/")).status_code == 200
    assert client.get(url(family, "edit/wishes/")).status_code == 200
    assert client.get(url(family, f"{draft.number}.pdf")).status_code == 200

    # Another section still saves; publishing is refused with the reason.
    draft.refresh_from_db()
    response = client.post(
        url(family, "edit/wishes/"), {"version": draft.version, "wishes": "Thuis zijn"}
    )
    assert response.status_code == 302
    response = client.post(url(family, "publish/"), answers(), follow=True)
    assert "De evaluatiedatum ligt vóór de plandatum." in response.content.decode()
    assert CarePlanVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT

    # Mending the dates in their own section makes it publishable.
    draft.refresh_from_db()
    response = client.post(
        url(family, "edit/plan/"),
        {
            "version": draft.version,
            "plan_date": today.isoformat(),
            "next_evaluation_on": (today + timedelta(days=90)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert client.post(url(family, "publish/"), answers()).status_code == 302
    assert CarePlanVersion.objects.get(pk=draft.pk).status == VersionStatus.PUBLISHED


def test_a_stored_value_of_the_wrong_kind_is_left_out_and_named(
    client, login, coordinator, family, published
):
    client = login(coordinator)
    client.post(url(family, "evaluate/"))
    draft = CarePlanVersion.objects.get(status=VersionStatus.DRAFT)
    bad = dict(
        draft.content,
        weight_kg=900,
        domains=[{"key": "no-such-domain"}, {"key": "social", "situation": "School gaat goed"}],
        plan_date="gisteren",
    )
    CarePlanVersion.objects.filter(pk=draft.pk).update(content=bad)
    draft.refresh_from_db()
    assert draft.data.weight_kg is None
    assert [d.key for d in draft.data.domains] == ["social"]
    assert len(draft.problems) == 3
    page = client.get(url(family))
    assert page.status_code == 200
    assert "School gaat goed" in page.content.decode()
    assert (
        "Gewicht (kg): de opgeslagen waarde “900” past niet en is weggelaten."
        in page.content.decode()
    )
    assert client.get(url(family, "edit/general/")).status_code == 200
    assert client.get(url(family, f"{draft.number}.pdf")).status_code == 200


def test_publishing_twice_says_so_instead_of_failing(client, login, coordinator, family, published):
    client = login(coordinator)
    client.post(url(family, "evaluate/"))
    draft = CarePlanVersion.objects.get(status=VersionStatus.DRAFT)
    actions.do_publish(draft, acting_user=coordinator)
    # A second person's publish arrives after the first: no draft is left, which is a 404.
    assert client.post(url(family, "publish/")).status_code == 404


def test_bad_items_far_down_a_list_are_each_left_out_and_the_good_ones_kept():
    from nik.careplans.content import load_stored

    goals = [{"text": f"Doel {i}", "target": "Bereikt"} for i in range(12)]
    goals[9] = {"text": "kapot"}  # no target
    goals[10] = {"target": "kapot"}  # no text
    content, problems = load_stored(
        {"plan_date": "2026-11-01", "domains": [{"key": "social", "goals": goals}]}
    )
    kept = [g.text for g in content.domains[0].goals]
    assert kept == [f"Doel {i}" for i in range(12) if i not in (9, 10)]
    assert len(problems) == 2
