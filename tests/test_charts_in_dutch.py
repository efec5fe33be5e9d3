"""Every chart is drawn in Dutch too: numbers written into SVG, CSS and data attributes are
numbers for the browser (438.9), never in the reader's notation (438,9 puts a node at 0,0)
(issue 14, point 7)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.network.models import Collaboration, StakeholderAssessment
from nik.roadmap.models import Milestone

pytestmark = pytest.mark.django_db

# Attributes that hold numbers in SVG, and CSS lengths in style attributes.
NUMERIC = re.compile(
    r'\s(cx|cy|r|x|y|x1|y1|x2|y2|width|height|rx|ry|viewBox|points|stroke-width|font-size)="([^"]*)"'
)
STYLE = re.compile(r'style="([^"]*)"')


def _numbers(html: str) -> list[float]:
    found = []
    for name, value in NUMERIC.findall(html):
        for part in re.split(r"[\s]+", value.strip()):
            part = part.removesuffix("%").removesuffix("px").removesuffix("pt")
            if part:
                assert "," not in part or name == "points", f'{name}="{value}"'
                for number in part.split(","):
                    found.append(float(number))  # fails on "438,9"-like values
    for style in STYLE.findall(html):
        for number in re.findall(r":\s*(-?[\d.,]+)(?:%|px|rem|em)", style):
            assert "," not in number, f'style="{style}"'
            found.append(float(number))
    return found


@pytest.fixture
def charts(region):
    orgs = [OrganizationFactory(region=region, name=f"Organisatie {i}") for i in range(4)]
    for org in orgs:
        ProfessionalFactory(region=region, organization=org)
    for a, b in [(0, 1), (1, 2), (2, 3)]:
        Collaboration.objects.create(region=region, source=orgs[a], target=orgs[b])
    StakeholderAssessment.objects.create(
        region=region,
        organization=orgs[0],
        influence=2,
        interest=3,
        desired_influence=4,
        desired_interest=5,
    )
    today = timezone.localdate()
    Milestone.objects.create(
        region=region,
        title="Samenwerkingsovereenkomst",
        result="Getekend",
        owner="Coördinator",
        start=today - timedelta(days=33),
        due=today + timedelta(days=47),
    )
    return region


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_chart_has_numbers_a_browser_reads(client, login, coordinator, charts, language):
    client = login(coordinator)
    client.cookies["django_language"] = language
    base = f"/regions/{charts.slug}"
    graph = client.get(f"{base}/network/graph/").text
    xs = [float(x) for x in re.findall(r'<circle cx="([^"]+)"', graph)]
    assert len(xs) >= 4 and len(set(xs)) > 1, "the nodes are drawn in different places"
    _numbers(graph)
    for page in ("/network/stakeholders/", "/roadmap/milestones/"):
        html = client.get(base + page).text
        assert _numbers(html), page
