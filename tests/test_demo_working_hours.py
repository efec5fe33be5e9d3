"""The demo's times of day fall in working hours, whenever it is loaded (issue 30: "01:52").

Loaded at 01:52 on a Sunday night, as someone preparing a demo might: every referral, question,
first contact, decision, stage change and agreement change the demo makes is between 08:30 and
17:00, and what the network's people do (contact, decide, change) on a weekday. (Parents may
write on a Saturday morning.)
"""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from nik.home import demo

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _outside_working_hours(moments: list[datetime], *, weekdays: bool) -> list[str]:
    wrong = []
    for at in moments:
        local = timezone.localtime(at)
        if (weekdays and local.weekday() > 4) or not time(8, 30) <= local.time() <= time(17, 0):
            wrong.append(local.strftime("%a %Y-%m-%d %H:%M"))
    return wrong


def test_a_demo_loaded_at_night_shows_times_within_working_hours():
    from nik.families.models import Inquiry, Referral, StageChange
    from nik.roadmap.models import AgreementChange

    night = datetime(2026, 12, 6, 1, 52, tzinfo=AMSTERDAM)  # a Sunday
    with time_machine.travel(night, tick=False):
        demo.load()
        now = timezone.now()
    referrals = list(Referral.objects.all())
    received = [r.received_at for r in referrals]
    received += list(Inquiry.objects.values_list("received_at", flat=True))
    done = [r.first_contact_at for r in referrals if r.first_contact_at]
    done += [r.decided_at for r in referrals if r.decided_at]
    done += list(StageChange.objects.values_list("at", flat=True))
    done += list(AgreementChange.objects.values_list("changed_at", flat=True))
    assert len(received) > 50 and len(done) > 100
    assert _outside_working_hours(received, weekdays=False) == []
    assert _outside_working_hours(done, weekdays=True) == []
    assert max(received + done) <= now
