"""A wegwijzer entry's page: the way back to the search it came from (never elsewhere), the
print button (a PDF without JavaScript) and what paper leaves out (issue 30, wegwijzer minors)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from pypdf import PdfReader

from nik.core.factories import OrganizationFactory
from nik.directory.factories import make_service
from nik.directory.models import Service

pytestmark = pytest.mark.django_db


@pytest.fixture
def volunteer(region) -> Service:
    return make_service(
        region,
        "Vrijwillige thuishulp Leiden",
        "volunteers",
        owner=OrganizationFactory(region=region, name="Stichting Thuishulp"),
        description="Een vrijwilliger komt bij jullie thuis om op te passen.",
        phone="071-7654321",
        postcode="2311",
        city="Leiden",
    )


def _back_link(page: str) -> str:
    found = re.search(
        r'<p class="[^"]*nik-service-back"><a class="utrecht-link" href="([^"]*)"', page
    )
    assert found, "no way back on the page"
    return found.group(1).replace("&amp;", "&")


def test_the_way_back_leads_to_the_search_with_its_words_and_filters(client, region, volunteer):
    search = client.get(f"/regions/{region.slug}/wegwijzer/", {"q": "oppas", "age": "6"}).text
    link = re.search(rf'href="(/wegwijzer/services/{volunteer.pk}/[^"]*)"', search).group(1)
    page = client.get(link.replace("&amp;", "&")).text
    assert _back_link(page) == f"/regions/{region.slug}/wegwijzer/?q=oppas&age=6#results"


def test_the_way_back_from_the_national_search_stays_national(client, region, volunteer):
    search = client.get("/wegwijzer/", {"q": "oppas", "near": "2311", "page": "1"}).text
    link = re.search(rf'href="(/wegwijzer/services/{volunteer.pk}/[^"]*)"', search).group(1)
    back = _back_link(client.get(link.replace("&amp;", "&")).text)
    assert back == "/wegwijzer/?q=oppas&near=2311&page=1#results"


def test_without_a_search_the_way_back_is_the_services_wegwijzer(client, region, volunteer):
    page = client.get(f"/wegwijzer/services/{volunteer.pk}/").text
    assert _back_link(page) == f"/regions/{region.slug}/wegwijzer/"


@pytest.mark.parametrize(
    "query",
    [
        {"in": "https://evil.example", "q": "oppas"},
        {"in": "//evil.example", "q": "oppas"},
        {"in": "../../admin", "q": "oppas"},
        {"in": "no-such-region", "q": "oppas"},
        {"next": "https://evil.example", "q": "oppas"},
    ],
)
def test_the_way_back_never_leads_off_the_wegwijzer(client, region, volunteer, query):
    page = client.get(f"/wegwijzer/services/{volunteer.pk}/", query).text
    assert _back_link(page) == "/wegwijzer/?q=oppas#results"


def test_a_search_the_form_refuses_is_not_carried(client, region, volunteer):
    page = client.get(f"/wegwijzer/services/{volunteer.pk}/", {"category": "dragons", "q": "x"})
    assert _back_link(page.text) == f"/regions/{region.slug}/wegwijzer/"


def test_a_report_keeps_the_way_back(client, region, volunteer):
    url = f"/wegwijzer/services/{volunteer.pk}/?q=oppas&in={region.slug}"
    response = client.post(url, {"message": "Het nummer klopt niet", "email": ""})
    assert response.status_code == 302
    assert response["Location"] == f"/wegwijzer/services/{volunteer.pk}/?q=oppas&in={region.slug}"
    page = client.get(response["Location"]).text
    assert "Dank je wel" in page or "Bedankt" in page
    assert _back_link(page) == f"/regions/{region.slug}/wegwijzer/?q=oppas#results"


def test_paper_leaves_out_the_way_back_the_print_button_and_the_feedback_form(client, volunteer):
    page = client.get(f"/wegwijzer/services/{volunteer.pk}/").text
    assert "/static/directory/service.css" in page
    assert 'class="utrecht-paragraph nik-service-back"' in page
    assert "nik-service-print" in page
    assert 'class="nik-card nik-service-report"' in page
    css = Path(finders.find("directory/service.css")).read_text(encoding="utf-8")
    printed = re.search(r"@media print\s*{(.*)}", css, re.S).group(1)
    for hidden in (".nik-service-back", ".nik-service-print", ".nik-service-report"):
        assert hidden in printed
    assert "display: none" in printed


def test_the_print_button_is_a_link_to_the_entry_as_a_pdf(client, volunteer):
    page = client.get(f"/wegwijzer/services/{volunteer.pk}/").text
    assert (
        f'id="print-service" href="/wegwijzer/services/{volunteer.pk}/print.pdf">Afdrukken' in page
    )
    assert '<script src="/static/directory/print.js" defer></script>' in page
    response = client.get(f"/wegwijzer/services/{volunteer.pk}/print.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Vrijwillige thuishulp Leiden" in text and "071-7654321" in text
    assert "Stichting Thuishulp" in text
    assert "Klopt er iets niet" not in text and "Terug naar de wegwijzer" not in text
    assert client.get("/wegwijzer/services/999999/print.pdf").status_code == 404
    assert client.post(f"/wegwijzer/services/{volunteer.pk}/print.pdf").status_code == 405
