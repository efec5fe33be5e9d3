"""Mirror conversations over the API: the region's own, with each idea's outcome; paged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from nik.api.tests.test_network_api import get, token_for
from nik.casework.models import Idea, MirrorConversation, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(region, member):
    conversation = MirrorConversation.objects.create(
        region=region,
        held_on=timezone.localdate() - timedelta(days=5),
        facilitator="Nina",
        parents=4,
    )
    conversation.themes.add(Theme.objects.create(region=region, name="bereikbaarheid"))
    Idea.objects.create(conversation=conversation, text="Nachtnummer bovenaan")
    Idea.objects.create(
        conversation=conversation,
        text="Kaartje met aanspreekpunt",
        outcome="action",
        owner=member,
        due=timezone.localdate() + timedelta(days=9),
    )
    return conversation


def test_conversations_with_their_ideas(client, steering, member, region, held, capsys):
    body = get(
        client, f"/api/v1/regions/{region.slug}/mirror-conversations", token_for(steering, capsys)
    ).json()
    [found] = body["items"]
    assert (found["parents"], found["themes"]) == (4, ["bereikbaarheid"])
    outcomes = {i["text"]: (i["outcome"], i["owner"]) for i in found["ideas"]}
    assert outcomes == {
        "Nachtnummer bovenaan": ("", None),
        "Kaartje met aanspreekpunt": ("action", member.get_full_name()),
    }


def test_another_region_is_404_and_the_count_does_not_grow(
    client, other_coordinator, coordinator, region, held, capsys, django_assert_max_num_queries
):
    assert (
        get(
            client,
            f"/api/v1/regions/{region.slug}/mirror-conversations",
            token_for(other_coordinator, capsys),
        ).status_code
        == 404
    )
    token = token_for(coordinator, capsys)
    path = f"/api/v1/regions/{region.slug}/mirror-conversations"
    get(client, path, token)
    with django_assert_max_num_queries(12) as few:
        get(client, path, token)
    for day in range(6, 12):
        more = MirrorConversation.objects.create(
            region=region, held_on=timezone.localdate() - timedelta(days=day), facilitator="Nina"
        )
        Idea.objects.create(conversation=more, text="idee")
    with django_assert_max_num_queries(len(few.captured_queries)):
        get(client, path, token)


# Case discussions -----------------------------------------------------------------------------


def _case(region, meeting, presenter, **extra):
    from nik.casework.models import CaseDiscussion

    return CaseDiscussion.objects.create(
        region=region,
        meeting=meeting,
        presenter=presenter,
        age_band="4-12",
        question="Wie houdt het overzicht?",
        attendance={"nurse": 2},
        **extra,
    )


@pytest.fixture
def meeting(region):
    from nik.roadmap.models import Event

    starts = timezone.now() - timedelta(days=3)
    return Event.objects.create(
        region=region,
        kind="learning",
        title="MDO",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
    )


def test_case_discussions_are_anonymised_except_for_the_familys_team(
    client, region, family, coordinator, member, steering, meeting, capsys
):
    from nik.core.events import CoreEvent
    from nik.core.models import AuditSubject

    _case(region, meeting, coordinator, family=family)
    where = f"/api/v1/regions/{region.slug}/case-discussions"
    [seen] = get(client, where, token_for(coordinator, capsys)).json()["items"]
    assert seen["family"] == {"id": family.pk, "name": family.name}
    assert seen["attendance"] == {"nurse": 2} and seen["age_band"] == "4-12"
    shown = AuditSubject.objects.filter(family_id=family.pk, event__event=CoreEvent.LISTED)
    assert shown.filter(event__user=coordinator).count() == 1  # the family shown, logged
    [anonymous] = get(client, where, token_for(member, capsys)).json()["items"]
    assert anonymous["family"] is None and family.name not in str(anonymous)
    assert anonymous["question"] == "Wie houdt het overzicht?"
    assert not shown.filter(event__user=member).exists()
    assert get(client, where, token_for(steering, capsys)).status_code == 403


def test_the_case_list_does_not_grow_in_queries(
    client, region, family, coordinator, member, meeting, capsys
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nik.casework.models import Lesson

    token = token_for(coordinator, capsys)
    where = f"/api/v1/regions/{region.slug}/case-discussions"

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert get(client, where, token).status_code == 200
        return len(captured.captured_queries)

    def add(n: int) -> None:
        for i in range(n):
            case = _case(region, meeting, member, family=family if i % 2 else None)
            Lesson.objects.create(discussion=case, text="les")

    add(2)
    count()  # the token's first use is written once
    few = count()
    add(8)
    assert count() == few
