"""Reminders for action items and milestones: each sent once, however many processes run it."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nik.core.models import Membership, Role

from .models import ActionItem, Milestone, MilestoneStatus, SentReminder

AHEAD = timedelta(days=7)


def _claim(kind: str, object_id: int, due: date) -> bool:
    """Take the reminder; False when another run already did."""
    try:
        with transaction.atomic():
            SentReminder.objects.create(kind=kind, object_id=object_id, due_for=due)
    except IntegrityError:
        return False
    return True


def send_reminders(today: date | None = None) -> int:
    today = today or timezone.localdate()
    sent = 0
    for item in ActionItem.objects.filter(done=False, due__lte=today + AHEAD).select_related(
        "owner", "event"
    ):
        if item.owner.email and _claim("action_item", item.pk, item.due):
            send_mail(
                _("Reminder: %(what)s (due %(due)s)") % {"what": item.what, "due": item.due},
                _("From the meeting '%(event)s': %(what)s, due %(due)s.")
                % {"event": item.event.title, "what": item.what, "due": item.due},
                settings.DEFAULT_FROM_EMAIL,
                [item.owner.email],
            )
            sent += 1
    open_milestones = Milestone.objects.filter(due__lte=today + AHEAD).exclude(
        status__in=[MilestoneStatus.DONE, MilestoneStatus.DROPPED]
    )
    for milestone in open_milestones.select_related("region"):
        coordinators = list(
            Membership.objects.filter(region=milestone.region, role=Role.COORDINATOR).values_list(
                "user__email", flat=True
            )
        )
        if coordinators and _claim("milestone", milestone.pk, milestone.due):
            send_mail(
                _("Milestone due %(due)s: %(title)s")
                % {"title": milestone.title, "due": milestone.due},
                _("Milestone '%(title)s' (owner: %(owner)s) is due on %(due)s.")
                % {"title": milestone.title, "owner": milestone.owner, "due": milestone.due},
                settings.DEFAULT_FROM_EMAIL,
                coordinators,
            )
            sent += 1
    return sent
