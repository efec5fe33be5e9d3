"""The network self-assessment (issue 16): a round the coordinator opens, members and steering
score, the result per cluster and phase beside the previous round; closed rounds stay as they were."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from nik.monitoring import actions
from nik.monitoring.models import OmkAnswer, OmkRound
from nik.monitoring.omk import CLUSTERS, element_keys, phase
from nik.monitoring.selectors import omk_result

pytestmark = pytest.mark.django_db


def all_answers(present_in: set[str], relevant: bool = True) -> dict[str, tuple[bool, bool, bool]]:
    return {k: (relevant, k.split(".")[0] in present_in, False) for k in element_keys()}


def test_phases_follow_the_share_in_place():
    assert [phase(s)[0] for s in (0, 24.9, 25, 49.9, 50, 74.9, 75, 100)] == [1, 1, 2, 2, 3, 3, 4, 4]
    assert phase(None) is None


def test_a_round_from_opening_to_the_result_beside_the_previous_one(
    client, login, region, coordinator, member, steering, national
):
    first = actions.do_open_round(region, acting_user=coordinator)
    with pytest.raises(ValidationError):
        actions.do_open_round(region, acting_user=coordinator)  # one open round at a time
    actions.do_score(first, answers=all_answers({"teamwork"}), acting_user=member)
    actions.do_close_round(first, acting_user=coordinator)
    with pytest.raises(ValidationError):
        actions.do_score(first, answers=all_answers(set()), acting_user=steering)
    second = actions.do_open_round(region, acting_user=coordinator)
    # Through the page: a member and the steering group score; half say teamwork is in place.
    score = f"/regions/{region.slug}/monitoring/omk/{second.pk}/"
    assert login(member).get(score).status_code == 200
    marked = {f"teamwork.{i}.relevant": "on" for i in range(5)}
    marked |= {f"teamwork.{i}.present": "on" for i in range(5)}
    assert login(member).post(score, marked).status_code == 302
    assert (
        login(steering).post(score, {f"teamwork.{i}.relevant": "on" for i in range(5)}).status_code
        == 302
    )
    assert login(national).get(score).status_code == 403  # the knowledge centre does not score
    assert OmkAnswer.objects.filter(round=second).values("respondent").distinct().count() == 2
    client = login(coordinator)
    client.post(f"/regions/{region.slug}/monitoring/omk/{second.pk}/close/")
    second.refresh_from_db()
    assert not second.is_open
    results = {r.cluster.key: r for r in omk_result(second, first)}
    assert (results["teamwork"].share, results["teamwork"].previous) == (50.0, 100.0)
    assert results["teamwork"].phase[0] == 3 and results["teamwork"].cluster.young
    assert results["client"].share is None  # nobody found it relevant this time
    page = client.get(f"/regions/{region.slug}/monitoring/omk/").content.decode()
    assert "★ Interprofessionele samenwerking" in page and "50,0%" in page
    assert client.get(f"/regions/{region.slug}/monitoring/omk/radar.svg").content.startswith(
        b"<svg"
    )


def test_answering_again_replaces_and_only_known_elements_count(region, coordinator, member):
    found = actions.do_open_round(region, acting_user=coordinator)
    actions.do_score(found, answers=all_answers({"roles"}), acting_user=member)
    actions.do_score(
        found, answers={**all_answers(set()), "forged.9": (True, True, False)}, acting_user=member
    )
    assert OmkAnswer.objects.filter(round=found, respondent=member).count() == sum(
        len(c.elements) for c in CLUSTERS
    )
    assert not OmkAnswer.objects.filter(present=True).exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        OmkRound.objects.create(region=region)  # a second open round, by the database's rule
