"""Indicators over the API: values per quarter, the small-number rule for all but coordinators."""

from __future__ import annotations

import pytest
from django.utils import timezone

from nik.api.tests.test_network_api import get, token_for
from nik.families.factories import FamilyFactory
from nik.families.models import Referral, StageChange
from nik.monitoring.actions import do_recompute

pytestmark = pytest.mark.django_db


def test_indicators_per_quarter_with_small_numbers_suppressed(
    client, region, coordinator, steering, other_coordinator, capsys
):
    now = timezone.now()
    for _i in range(3):
        family = FamilyFactory(region=region)
        StageChange.objects.create(
            family=family, stage="in_care", at=now - timezone.timedelta(days=5)
        )
        Referral.objects.create(
            region=region,
            family=family,
            source="gp",
            received_at=now - timezone.timedelta(days=10),
            first_contact_at=now - timezone.timedelta(days=9, hours=20),
            consent_to_share=True,
        )
    do_recompute([region])
    where = f"/api/v1/regions/{region.slug}/indicators"
    exact = {i["key"]: i for i in get(client, where, token_for(coordinator, capsys)).json()}
    latest = exact["first_contact"]["values"][-1]
    assert (latest["value"], latest["cases"], latest["suppressed"]) == (100.0, 3, False)
    assert len(exact["first_contact"]["values"]) == 8
    hidden = {i["key"]: i for i in get(client, where, token_for(steering, capsys)).json()}
    latest = hidden["first_contact"]["values"][-1]
    assert (latest["value"], latest["cases"], latest["suppressed"]) == (None, None, True)
    assert hidden["basic_course"]["values"][-1]["suppressed"] is False  # not about families
    children = hidden["children_in_care"]["values"][-1]
    assert children["value"] is None and children["suppressed"] is True  # 0 < 3 families < 5
    assert get(client, where, token_for(other_coordinator, capsys)).status_code == 404


def test_survey_results_only_from_five_answers_and_omk_rounds(
    client, region, coordinator, member, steering, capsys
):
    from nik.monitoring import actions
    from nik.monitoring.models import Response
    from nik.monitoring.omk import element_keys

    for mark in range(4):
        Response.objects.create(region=region, instrument="families", version=1,
                                answers={"overall": mark, "fit": mark, "better": "Rust"})  # fmt: skip
    where = f"/api/v1/regions/{region.slug}/survey-results"
    families = get(client, where, token_for(steering, capsys)).json()[0]
    # Four families answered: for the steering group that is "fewer than five", not the number.
    assert (families["answered"], families["shown"], families["items"]) == (None, False, [])
    assert families["suppressed"] is True
    exact = get(client, where, token_for(coordinator, capsys)).json()[0]
    assert (exact["answered"], exact["suppressed"]) == (4, False)
    Response.objects.create(region=region, instrument="families", version=1, answers={"fit": 9})
    families = get(client, where, token_for(steering, capsys)).json()[0]
    fit = next(i for i in families["items"] if i["key"] == "fit")
    assert families["shown"] and fit["mean"] == 3.0 and "Rust" not in str(families)
    # Five marks, each given once: no single mark's count is shown to the steering group.
    assert set(fit["counts"].values()) <= {None, 0} and families["answered"] == 5
    found = actions.do_open_round(region, acting_user=coordinator)
    answers = {k: (True, k.startswith("teamwork"), False) for k in element_keys()}
    actions.do_score(found, answers=answers, acting_user=member)
    assert (
        get(client, f"/api/v1/regions/{region.slug}/omk-rounds", token_for(steering, capsys)).json()
        == []
    )
    actions.do_close_round(found, acting_user=coordinator)
    (closed,) = get(
        client, f"/api/v1/regions/{region.slug}/omk-rounds", token_for(steering, capsys)
    ).json()
    teamwork = next(c for c in closed["clusters"] if c["cluster"] == "teamwork")
    assert (teamwork["in_place"], teamwork["phase"], teamwork["previous"]) == (100.0, 4, None)


def test_the_api_hides_a_part_that_the_total_would_give_away(client, region, steering, capsys):
    from nik.monitoring.models import IndicatorValue
    from nik.monitoring.periods import QUARTER, Period

    period = Period.of(timezone.localdate(), QUARTER)
    IndicatorValue.objects.create(
        region=region,
        key="declined",
        period_kind=QUARTER,
        period_start=period.start,
        value=33.0,
        cases=33,
        detail={"by_reason": {"region": 3, "family": 10, "other": 20}},
    )
    answer = get(client, f"/api/v1/regions/{region.slug}/indicators", token_for(steering, capsys))
    declined = next(i for i in answer.json() if i["key"] == "declined")
    assert declined["values"][-1]["value"] == 33.0
    # 3 alone would be 33 − 10 − 20; so 10 goes too.
    assert declined["breakdowns"]["by_reason"] == {"region": None, "family": None, "other": 20}


def test_the_knowledge_centre_reads_no_single_regions_indicators(client, region, national, capsys):
    answer = get(client, f"/api/v1/regions/{region.slug}/indicators", token_for(national, capsys))
    assert answer.status_code == 403
