"""A website is typed as people type it, saved with https:// and shown as a link (issue 30)."""

from __future__ import annotations

import re

import pytest

from nik.core.models import Organization

pytestmark = pytest.mark.django_db


def test_the_website_box_lets_the_browser_send_an_address_without_https(
    client, login, coordinator, region
):
    page = login(coordinator).get(f"/regions/{region.slug}/network/organizations/new/").text
    [box] = re.findall(r'<input[^>]*name="website"[^>]*>', page)
    # An <input type="url"> is refused by the browser itself when https:// is missing.
    assert 'type="text"' in box
    assert 'inputmode="url"' in box


def test_a_website_without_https_is_saved_with_it_and_shown_as_a_link(
    client, login, coordinator, region
):
    client = login(coordinator)
    response = client.post(
        f"/regions/{region.slug}/network/organizations/new/",
        {"name": "Kinderhospice De Vlinder", "kind": "hospice", "website": "www.devlinder.nl"},
    )
    assert response.status_code == 302
    org = Organization.objects.get(name="Kinderhospice De Vlinder")
    assert org.website == "https://www.devlinder.nl"
    page = client.get(response.url).text
    assert '<dt>Website</dt><dd><a class="utrecht-link" href="https://www.devlinder.nl"' in page
    assert ">https://www.devlinder.nl</a>" in page


def test_a_website_that_is_no_address_is_refused_in_dutch(client, login, coordinator, region):
    response = login(coordinator).post(
        f"/regions/{region.slug}/network/organizations/new/",
        {"name": "Kinderhospice De Vlinder", "kind": "hospice", "website": "de vlinder"},
    )
    assert response.status_code == 200
    assert "Voer een geldige URL in." in response.text
    assert not Organization.objects.filter(name="Kinderhospice De Vlinder").exists()
