"""Two clicks at once on a mirror-conversation invitation's link (PostgreSQL): one answer."""

from __future__ import annotations

import secrets
from datetime import time, timedelta

import pytest
from django.utils import timezone

from nik.casework import actions
from nik.casework.models import MirrorConversation, MirrorInvitation
from nik.core.models import AuditEvent
from tests.races import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_clicks_at_once_record_one_answer(region, parent):
    coming = MirrorConversation.objects.create(
        region=region,
        held_on=timezone.localdate() + timedelta(days=10),
        starts_at=time(19, 30),
        location="Leiden",
        facilitator="Nina",
    )
    token = secrets.token_urlsafe(32)
    MirrorInvitation.objects.create(
        conversation=coming, user=parent, token_hash=actions.link_hash(token)
    )
    first, second = race(
        lambda: actions.do_answer_invitation(token, answer="yes"),
        lambda: actions.do_answer_invitation(token, answer="no"),
    )
    assert first[1] is True and second[1] is False
    assert MirrorInvitation.objects.get().answer == "yes"
    assert AuditEvent.objects.filter(event="mirror.answered").count() == 1
