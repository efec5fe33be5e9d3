"""The searchable service picker: the rows a search asks for, the chosen ones kept, a service of
another region never offered (issue 14, point 14)."""

from __future__ import annotations

import pytest

from nik.core.factories import RegionFactory
from nik.directory.factories import make_service

pytestmark = pytest.mark.django_db


def rows(client, region, **params):
    response = client.get(f"/regions/{region.slug}/wegwijzer/pick/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_search_narrows_the_rows_and_keeps_what_was_chosen(client, login, coordinator, region):
    zeester = make_service(region, "Logeerhuis De Zeester")
    make_service(region, "Kinderthuiszorg Leiden", category="home_nursing")
    elsewhere = make_service(RegionFactory(), "Logeerhuis Elders")
    client = login(coordinator)

    found = rows(client, region, field="services", services__search="logeer")
    assert "Logeerhuis De Zeester" in found and "Kinderthuiszorg" not in found
    assert "Logeerhuis Elders" not in found  # another region's service is not offered
    assert 'type="checkbox"' in found and 'name="services"' in found

    # The chosen one stays (ticked) when the next search would not find it.
    found = rows(
        client, region, field="services", services__search="thuiszorg", services=zeester.pk
    )
    assert f'value="{zeester.pk}" checked' in found and "Kinderthuiszorg Leiden" in found

    found = rows(client, region, field="services", services__search="xyzzy")
    assert "Niets gevonden" in found
    # One choice (a plan action): radio buttons, with "none" to choose no service.
    found = rows(
        client, region, field="actions-0-service", one="1", **{"actions-0-service__search": "zee"}
    )
    assert 'type="radio"' in found and 'name="actions-0-service"' in found and "geen" in found
    assert str(elsewhere.pk) not in found


def test_the_picker_refuses_a_strange_field_name_and_strangers(client, login, coordinator, region):
    assert client.get(f"/regions/{region.slug}/wegwijzer/pick/", {"field": "x"}).status_code == 302
    client = login(coordinator)
    bad = client.get(f"/regions/{region.slug}/wegwijzer/pick/", {"field": '"><script>'})
    assert bad.status_code == 404
    assert client.get("/regions/nowhere/wegwijzer/pick/", {"field": "services"}).status_code == 404
