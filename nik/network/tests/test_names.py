"""De probleemstelling van het netwerk lezen alle leden: namen van gezinnen worden geweigerd."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.utils.html import escape

from nik.network.models import ProblemStatement

pytestmark = pytest.mark.django_db


def test_een_probleemstelling_met_de_naam_van_een_kind_wordt_geweigerd(login, coordinator, region):
    family = apps.get_model("families", "Family").objects.create(region=region, name="Gezin Bakker")
    apps.get_model("families", "Child").objects.create(
        family=family, first_name="Noor", last_name="Bakker", date_of_birth="2017-03-12"
    )
    client = login(coordinator)
    post = {
        "idea": "",
        "reflection": "",
        "version": "",
        "p-TOTAL_FORMS": "0",
        "p-INITIAL_FORMS": "0",
        "p-MIN_NUM_FORMS": "0",
        "p-MAX_NUM_FORMS": "1000",
    }
    where = f"/regions/{region.slug}/network/problem-statement/"
    page = client.post(where, post | {"question": "Noor Bakker moest alles zelf uitzoeken."})
    assert escape("Hierin staat iemand uit een gezin van deze regio: Bakker, Noor.") in page.text
    assert not ProblemStatement.objects.filter(region=region).exclude(question="").exists()
    page = client.post(where, post | {"question": "Ouders moeten alles zelf uitzoeken."})
    assert page.status_code == 302
    assert ProblemStatement.objects.get(region=region).question.startswith("Ouders moeten")
