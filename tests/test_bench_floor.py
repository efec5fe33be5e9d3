"""The load benchmark's floor pages (bench/floor_urls.py, `bench/load.py --floor`) do what they
say: the least a signed-in page can do, the last one opening a family through the door."""

from __future__ import annotations

import pytest

from nik.core.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bench.floor_urls")]


def test_the_floor_pages_answer_and_only_the_family_one_is_audited(
    client, login, region, coordinator, family
):
    client = login(coordinator)
    base = f"/bench-floor/{region.slug}"
    before = AuditEvent.objects.count()
    assert client.get(f"{base}/signed-in").status_code == 200
    assert client.get(f"{base}/region").status_code == 200
    assert AuditEvent.objects.count() == before
    page = client.get(f"{base}/family/{family.pk}")
    assert page.status_code == 200 and "<main" in page.text
    event = AuditEvent.objects.latest("id")
    assert (event.subject_family_id, event.purpose) == (family.pk, "bench floor")
    # The product's own pages are still there under this URLconf.
    assert client.get("/healthz").status_code == 200


def test_the_floor_pages_keep_the_door(client, login, region, other_coordinator, family):
    client = login(other_coordinator)
    assert client.get(f"/bench-floor/{region.slug}/family/{family.pk}").status_code == 404
    assert client.get(f"/bench-floor/{region.slug}/region").status_code == 404
