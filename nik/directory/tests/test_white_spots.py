"""White spots count the help the region's wegwijzer lists (issue 14, point 13): a region whose
wegwijzer has respite houses is not told it has no children's hospice or respite house."""

from __future__ import annotations

import pytest

from nik.core.factories import OrganizationFactory
from nik.directory.factories import make_service
from nik.network import gaps

pytestmark = pytest.mark.django_db


def _service(region, category, owner):
    return make_service(region, f"Dienst {category}", category, owner=owner)


def test_respite_services_in_the_wegwijzer_fill_the_hospice_gap(
    client, login, coordinator, region, other_region
):
    owner = OrganizationFactory(region=region, kind="other", name="Stichting Logeren")
    assert "hospice" in gaps.analyse(region).missing_kinds
    _service(other_region, "respite", OrganizationFactory(region=other_region))
    assert "hospice" in gaps.analyse(region).missing_kinds  # another region's house is not ours
    _service(region, "respite", owner)
    _service(region, "school", owner)
    report = gaps.analyse(region)
    assert "hospice" not in report.missing_kinds
    assert "school_support" not in report.missing_kinds
    assert "home_care" in report.missing_kinds
    page = login(coordinator).get(f"/regions/{region.slug}/network/gaps/").text
    assert "kinderhospice / logeerhuis" not in page  # neither in the next steps nor the list
    assert "thuiszorg" in page.lower()  # what is still missing is still said
