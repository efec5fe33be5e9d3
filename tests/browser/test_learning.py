"""Training in the browser (issue 15): a member enrols, the coordinator records who came, the
member finds the certificate; every page axe-clean and without sideways scroll at 390 px."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.learning.models import Course, CourseKind, Enrolment, Session

pytestmark = pytest.mark.browser


def test_enrol_attend_and_find_the_certificate(
    people, region, coordinator, member, login_via_browser, axe_violations
):
    basic = Course.objects.create(
        title="Basiscursus", kind=CourseKind.COURSE, provider="Kenniscentrum", basic=True, hours=18
    )
    me = ProfessionalFactory(
        region=region,
        organization=OrganizationFactory(region=region),
        user=member,
        full_name="Noor de Wit",
    )
    start = timezone.now().replace(microsecond=0)
    coming = Session.objects.create(
        course=basic,
        region=region,
        starts_at=start + timedelta(days=9),
        ends_at=start + timedelta(days=9, hours=6),
        capacity=10,
        place="LUMC",
    )
    held = Session.objects.create(
        course=basic,
        region=region,
        starts_at=start - timedelta(days=2),
        ends_at=start - timedelta(days=2) + timedelta(hours=6),
        capacity=10,
        place="LUMC",
    )
    Enrolment.objects.create(session=held, professional=me)

    phone = people("nl", 390)
    login_via_browser(phone, member)
    phone.goto(f"/regions/{region.slug}/learning/")
    expect(phone.locator(".nik-area [aria-current=page]")).to_have_text("Scholing")
    assert axe_violations(phone) == []
    phone.locator(f"a[href$='/learning/sessions/{coming.pk}/']").click()
    phone.get_by_role("button", name="Schrijf me in").click()
    expect(phone.locator("#own-status")).to_have_text("Ingeschreven.")
    assert axe_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    desk = people("nl", 1280)
    login_via_browser(desk, coordinator)
    desk.goto(f"/regions/{region.slug}/learning/sessions/{held.pk}/")
    desk.get_by_label("Noor de Wit", exact=False).check()
    assert axe_violations(desk) == []
    desk.get_by_role("button", name="Aanwezigheid vastleggen").click()
    expect(desk.locator(".nik-messages")).to_contain_text("1 waren er, 0 niet")
    desk.goto(f"/regions/{region.slug}/learning/coverage/")
    expect(desk.locator("main")).to_contain_text("100%")
    assert axe_violations(desk) == []
    desk.goto(f"/regions/{region.slug}/learning/sessions/new/")
    assert axe_violations(desk) == []

    phone.goto("/learning/mine/")
    assert axe_violations(phone) == []
    link = phone.get_by_role("link", name="certificaat (PDF)")
    response = phone.request.get(link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
