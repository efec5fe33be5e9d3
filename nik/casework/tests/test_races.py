"""Two people at once in learning together (PostgreSQL): scheduling the same meetings twice gives
them once, and a lesson sent to the steering group twice becomes one proposal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nik.casework import actions
from nik.casework.models import CaseDiscussion, FormKind, Frequency, LearningForm, Lesson
from nik.roadmap.models import Event, Proposal
from tests.races import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_coordinators_schedule_the_same_meetings_once(region, coordinator):
    form = LearningForm.objects.create(
        region=region, kind=FormKind.MDO, name="MDO", frequency=Frequency.MONTHLY
    )
    first_day = timezone.localdate() + timedelta(days=3)
    mine, theirs = (LearningForm.objects.get(pk=form.pk) for _ in range(2))
    first, second = race(
        lambda: actions.do_schedule_meetings(
            mine, first=first_day, count=3, invite=False, acting_user=coordinator
        ),
        lambda: actions.do_schedule_meetings(
            theirs, first=first_day, count=3, invite=False, acting_user=coordinator
        ),
    )
    assert (len(first), len(second)) == (3, 0)
    assert form.meetings.count() == Event.objects.count() == 3


def test_a_lesson_proposed_twice_at_once_is_one_proposal(region, coordinator):
    starts = timezone.now() - timedelta(days=1)
    meeting = Event.objects.create(
        region=region, title="MDO", starts_at=starts, ends_at=starts + timedelta(hours=1)
    )
    case = CaseDiscussion.objects.create(
        region=region, meeting=meeting, presenter=coordinator, age_band="4-12", question="?"
    )
    lesson = Lesson.objects.create(discussion=case, text="Respijt in elk plan")
    mine, theirs = (Lesson.objects.get(pk=lesson.pk) for _ in range(2))
    first, second = race(
        lambda: actions.do_lesson_to_proposal(mine, acting_user=coordinator),
        lambda: actions.do_lesson_to_proposal(theirs, acting_user=coordinator),
    )
    assert isinstance(first, Proposal) and isinstance(second, ValidationError)
    assert Proposal.objects.count() == 1
