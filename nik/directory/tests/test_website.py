"""A wegwijzer entry's website is typed as people type it (issue 30): the browser does not refuse
an address without https://, the form adds it."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_entry_form_lets_the_browser_send_a_website_without_https(login, coordinator, region):
    page = login(coordinator).get(f"/regions/{region.slug}/wegwijzer/new/").text
    [box] = re.findall(r'<input[^>]*name="website"[^>]*>', page)
    # An <input type="url"> is refused by the browser itself when https:// is missing.
    assert 'type="text"' in box and 'inputmode="url"' in box


def test_the_entry_form_saves_a_website_with_https():
    from nik.directory.forms import ServiceForm

    field = ServiceForm.base_fields["website"]
    assert field.clean("www.logeerhuis.example") == "https://www.logeerhuis.example"
