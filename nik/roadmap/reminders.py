"""Reminders for action items and milestones: each sent once, however many processes run it."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from nik.core.models import Membership, Role

from .models import ActionItem, Agreement, Milestone, MilestoneStatus, SentReminder

AHEAD = timedelta(days=7)
logger = logging.getLogger(__name__)


def _send_once(
    kind: str, object_id: int, due: date, subject: str, body: str, to: list[str]
) -> bool:
    """Send unless another run already did; the row and the mail go together.

    The unique row is inserted in the same transaction as the sending: a parallel run waits on
    that row and then finds it taken; a mail that fails rolls the row back, so the next run
    tries again."""
    try:
        with transaction.atomic():
            SentReminder.objects.create(kind=kind, object_id=object_id, due_for=due)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    except IntegrityError:
        return False
    except OSError:
        logger.exception(
            "reminder %s %s not sent; it is tried again on the next run", kind, object_id
        )
        return False
    return True


def _unsent(queryset: QuerySet, kind: str, due_field: str) -> QuerySet:
    """Leave out what was reminded of already for this due date (the unique row still guards races)."""
    sent = SentReminder.objects.filter(
        kind=kind, object_id=OuterRef("pk"), due_for=OuterRef(due_field)
    )
    return queryset.exclude(Exists(sent))


def send_reminders(today: date | None = None) -> int:
    today = today or timezone.localdate()
    sent = 0
    coordinators: dict[int, list[str]] = {}

    def coordinators_of(region_id: int) -> list[str]:
        if region_id not in coordinators:
            coordinators[region_id] = _coordinators(region_id)
        return coordinators[region_id]

    items = ActionItem.objects.filter(done=False, due__lte=today + AHEAD)
    for item in _unsent(items, "action_item", "due").select_related("owner", "event"):
        if item.owner.email and _send_once(
            "action_item",
            item.pk,
            item.due,
            _("Reminder: %(what)s (due %(due)s)") % {"what": item.what, "due": item.due},
            _("From the meeting '%(event)s': %(what)s, due %(due)s.")
            % {"event": item.event.title, "what": item.what, "due": item.due},
            [item.owner.email],
        ):
            sent += 1
    open_milestones = Milestone.objects.filter(due__lte=today + AHEAD).exclude(
        status__in=[MilestoneStatus.DONE, MilestoneStatus.DROPPED]
    )
    for milestone in _unsent(open_milestones, "milestone", "due").select_related("owner_user"):
        if milestone.owner_user is not None and milestone.owner_user.email:
            to = [milestone.owner_user.email]
        else:
            to = coordinators_of(milestone.region_id)
        if to and _send_once(
            "milestone",
            milestone.pk,
            milestone.due,
            _("Milestone due %(due)s: %(title)s")
            % {"title": milestone.title, "due": milestone.due},
            _("Milestone '%(title)s' (owner: %(owner)s) is due on %(due)s.")
            % {"title": milestone.title, "owner": milestone.owner, "due": milestone.due},
            to,
        ):
            sent += 1
    reviews = Agreement.objects.filter(next_review__lte=today + AHEAD)
    for agreement in _unsent(reviews, "agreement_review", "next_review").select_related("region"):
        to = coordinators_of(agreement.region_id)
        if to and _send_once(
            "agreement_review",
            agreement.pk,
            agreement.next_review,
            _("Review of the cooperation agreement due %(due)s") % {"due": agreement.next_review},
            _(
                "The cooperation agreement of %(region)s is to be reviewed on %(due)s: check it "
                "with the board and with practice, and record the outcome in NIK."
            )
            % {"region": agreement.region.name, "due": agreement.next_review},
            to,
        ):
            sent += 1
    return sent


def _coordinators(region_id: int) -> list[str]:
    return [
        email
        for email in Membership.objects.filter(
            region_id=region_id, role=Role.COORDINATOR
        ).values_list("user__email", flat=True)
        if email
    ]
