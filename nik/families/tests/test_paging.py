"""The long lists page with keysets: every row once, in order, at the cost of the first page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from nik.core import audit
from nik.core.models import AuditEvent
from nik.families.factories import FamilyFactory
from nik.families.models import Family, Referral
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


def _pages(client, url: str) -> list[str]:
    """Follow the "next" links from ``url``; the text of each page."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        pages.append(response.text)
        found = re.search(r'rel="next" href="([^"]+)"', response.text)
        url = found.group(1).replace("&amp;", "&") if found else ""
        if url.startswith("?"):
            url = response.request["PATH_INFO"] + url
        assert len(pages) < 20
    return pages


def test_the_family_list_pages_through_every_family_once_in_order(
    client, login, coordinator, region, other_region
):
    # Names that tie: the page boundary falls inside a run of the same name.
    made = [FamilyFactory(region=region, name=f"Gezin {i // 3:03d}") for i in range(120)]
    FamilyFactory.create_batch(5, region=other_region, name="Gezin Ander")
    client = login(coordinator)
    pages = _pages(client, "/families/")
    assert len(pages) == 3
    seen = [int(pk) for text in pages for pk in re.findall(r'href="/families/(\d+)/"', text)]
    expected = [f.pk for f in sorted(made, key=lambda f: (f.name, f.pk))]
    assert seen == expected
    assert "Gezin Ander" not in "".join(pages)
    assert "Terug naar het begin van de lijst" in pages[1]


def test_a_search_keeps_its_words_on_the_next_page(client, login, coordinator, region):
    for i in range(60):
        FamilyFactory(region=region, name=f"Gezin Bakker {i:02d}")
    FamilyFactory.create_batch(10, region=region, name="Gezin Smit")
    pages = _pages(login(coordinator), "/families/?q=bakker")
    assert len(pages) == 2
    assert "Gezin Smit" not in "".join(pages)
    assert sum(text.count("Gezin Bakker") for text in pages) == 60


def test_each_page_logs_only_the_families_it_shows(client, login, coordinator, region):
    FamilyFactory.create_batch(70, region=region)
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    _pages(login(coordinator), "/families/")
    listed = AuditEvent.objects.filter(id__gt=before, event="access.listed")
    assert [e.details["listed"] for e in listed] == [50, 20]
    for family in Family.objects.all():
        assert audit.about_family(family.pk).filter(id__gt=before).count() == 1


def test_a_later_page_costs_what_the_first_costs(client, login, coordinator, region):
    FamilyFactory.create_batch(60, region=region)
    client = login(coordinator)
    first = client.get("/families/")
    cursor = re.search(r"after=([^\"&]+)", first.text).group(1)
    assert queries_of(lambda: client.get(f"/families/?after={cursor}")) == queries_of(
        lambda: client.get("/families/")
    )


def test_a_forged_cursor_starts_at_the_beginning(client, login, coordinator, region):
    FamilyFactory(region=region, name="Gezin Aarts")
    client = login(coordinator)
    for cursor in ("nonsense", "WyJhIl0=", "WyJhIiwgIngiXQ==", "%00"):
        response = client.get(f"/families/?after={cursor}")
        assert response.status_code == 200 and "Gezin Aarts" in response.text


def test_the_waiting_list_keeps_an_old_undecided_referral(client, login, coordinator, region):
    """The newest referrals page by page; the waiting list shows every undecided one."""
    now = timezone.now()
    old = FamilyFactory(region=region, name="Gezin Wacht")
    Referral.objects.create(
        region=region,
        family=old,
        source="gp",
        consent_to_share=True,
        received_at=now - timedelta(days=400),
    )
    for family in FamilyFactory.create_batch(60, region=region):
        Referral.objects.create(
            region=region,
            family=family,
            source="umc",
            consent_to_share=True,
            decided_at=now,
            status="accepted",
        )
    page = login(coordinator).get(f"/regions/{region.slug}/referrals/")
    waiting = page.text.split("Alle aanmeldingen")[0]
    assert "Gezin Wacht" in waiting
    # The figures count the last twelve months: 60 from the hospital, the old one not.
    assert "academisch ziekenhuis (UMC): 60" in page.text
    assert "huisarts: 1" not in page.text


def test_the_referral_list_pages_newest_first_through_ties(client, login, coordinator, region):
    """Cursors hold a time: referrals received in the same second still come once each."""
    now = timezone.now()
    made = []
    for i, family in enumerate(FamilyFactory.create_batch(120, region=region)):
        made.append(
            Referral.objects.create(
                region=region,
                family=family,
                source="gp",
                consent_to_share=True,
                received_at=now - timedelta(minutes=i // 4),
                decided_at=now,
                status="accepted",
            )
        )
    pages = _pages(login(coordinator), f"/regions/{region.slug}/referrals/")
    assert len(pages) == 3
    seen = [
        int(pk)
        for text in pages
        for pk in re.findall(rf'href="/regions/{region.slug}/referrals/(\d+)/"', text)
    ]
    expected = [r.pk for r in sorted(made, key=lambda r: (r.received_at, r.pk), reverse=True)]
    assert seen == expected


def test_each_clock_and_row_links_to_its_referrals_page(client, login, coordinator, region):
    """The lists build a referral's address once and add its number: each link opens that
    referral, from the referral list (waiting and all) and from the start page's clocks."""
    waiting = Referral.objects.create(
        region=region, family=FamilyFactory(region=region), source="gp", consent_to_share=True
    )
    decided = Referral.objects.create(
        region=region,
        family=FamilyFactory(region=region),
        source="umc",
        consent_to_share=True,
        decided_at=timezone.now(),
        status="accepted",
    )
    client = login(coordinator)
    listed = client.get(f"/regions/{region.slug}/referrals/").text
    start = client.get("/").text
    for page, referrals in ((listed, [waiting, decided]), (start, [waiting])):
        links = set(re.findall(rf'href="(/regions/{region.slug}/referrals/\d+/)"', page))
        assert links == {f"/regions/{region.slug}/referrals/{r.pk}/" for r in referrals}
        for link in links:
            assert client.get(link).status_code == 200
