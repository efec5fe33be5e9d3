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
