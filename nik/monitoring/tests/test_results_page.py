"""The results page as the steering group and the coordinator read it (issue 30): never more
answers than invitations, no stray separator, every heading with its value, and why the two see
different totals."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from nik.families.factories import FamilyFactory
from nik.families.models import Referral, StageChange
from nik.monitoring.actions import do_recompute
from nik.monitoring.models import Invitation, Response

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_answers_never_outnumber_the_invitations_they_came_through(login, region, coordinator):
    # Invited 380 days ago, answered 350 days ago: the link was open in the last twelve months.
    made = timezone.now() - timedelta(days=380)
    for n in range(6):
        Invitation.objects.create(
            region=region, instrument="families", version=1, token_hash=f"h{n}",
            created_at=made, expires_at=made + timedelta(days=30), used=True,
        )  # fmt: skip
        Response.objects.create(
            region=region, instrument="families", version=1,
            submitted_on=timezone.localdate() - timedelta(days=350), answers={"fit": 8},
        )  # fmt: skip
    html = login(coordinator).get(f"/regions/{region.slug}/monitoring/").content.decode()
    line = _text(html.split('id="survey-families"')[1].split("</p>")[0])
    assert "Uitgenodigd: 6; geantwoord: 6 (100" in line


def test_answer_counts_have_no_stray_separator(login, region, coordinator):
    for mark in (6, 8, 8, 8, 8):  # nobody gave a 9 or a 10
        Response.objects.create(
            region=region, instrument="families", version=1,
            submitted_on=timezone.localdate(), answers={"fit": mark},
        )  # fmt: skip
    html = login(coordinator).get(f"/regions/{region.slug}/monitoring/").content.decode()
    cells = [_text(c) for c in re.findall(r'<td class="utrecht-table__cell">(.*?)</td>', html)]
    assert "6: 1; 8: 4" in cells
    assert not any(c.rstrip().endswith(";") for c in cells)


def test_every_count_heading_has_its_value_and_the_steering_group_is_told_why_it_counts_fewer(
    login, region, coordinator, steering
):
    zone = timezone.get_current_timezone()
    now = timezone.now()
    received = datetime.combine(timezone.localdate() - timedelta(days=1), datetime.min.time(), zone)
    for _n in range(3):  # three referrals: the share of first contacts rests on too few
        family = FamilyFactory(region=region)
        Referral.objects.create(
            region=region, family=family, source="gp", received_at=received,
            first_contact_at=received + timedelta(hours=3), consent_to_share=True,
        )  # fmt: skip
        StageChange.objects.create(family=family, stage="in_care", at=received)
    do_recompute([region], now=now)
    where = f"/regions/{region.slug}/monitoring/"
    exact = _text(login(coordinator).get(where).content.decode())
    hidden = _text(login(steering).get(where).content.decode())
    assert "1 van de 1 op streefwaarde" in exact and "telt hier niet mee" not in exact
    assert "Nog geen cijfers. Eén indicator met een streefwaarde telt hier niet mee" in hidden
    # Nor does the steering group read the small number of cases the share rests on.
    first_contact = hidden.split("Eerste contact binnen twee werkdagen")[1].split("Tijd tot")[0]
    assert "3 gevallen" not in first_contact and "minder dan 5 gevallen" in first_contact
    # The heading of the children in care carries its value, for the coordinator exactly.
    section = exact.split("Kinderen en aanmeldingen, laatste kwartaal")[1]
    assert re.match(r" Kinderen in het netwerk K\d \d{4} 3 ", section)


def test_the_steering_groups_start_page_says_what_its_count_leaves_out(
    client, login, region, coordinator, steering
):
    zone = timezone.get_current_timezone()
    received = datetime.combine(timezone.localdate() - timedelta(days=1), datetime.min.time(), zone)
    for _n in range(3):  # the share of first contacts rests on three families: not for steering
        family = FamilyFactory(region=region)
        Referral.objects.create(
            region=region, family=family, source="gp", received_at=received,
            first_contact_at=received + timedelta(hours=3), consent_to_share=True,
        )  # fmt: skip
    do_recompute([region], now=timezone.now())
    exact = _text(login(coordinator).get("/").content.decode())
    client.logout()
    hidden = _text(login(steering).get("/").content.decode())
    assert "1 van de 1 op streefwaarde" in exact and "niet meegeteld" not in exact
    assert "(één niet meegeteld: minder dan 5 gezinnen)" in hidden
