"""Reminders for action items, milestones and agreement reviews: each sent once, however many
processes run it (the outbox's unique key, nik.core.notify), after the run commits."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from nik.core import notify
from nik.core.models import Membership, Role

from .models import ActionItem, Agreement, Milestone, MilestoneStatus

AHEAD = timedelta(days=7)


def _send_once(
    kind: str, object_id: int, due: date, subject: str, body: str, to: list[str]
) -> bool:
    """One reminder per object and due date, through the one outbox (nik.core.notify)."""
    return notify.send_once(
        f"roadmap.{kind}:{object_id}:{due.isoformat()}", to=to, subject=subject, body=body
    )


def _unsent(queryset: QuerySet[Any], kind: str, due_field: str) -> list[Any]:
    """Leave out what was reminded of already for this due date (the unique key still guards)."""
    sent = notify.claimed(f"roadmap.{kind}:")
    return [
        obj
        for obj in queryset
        if f"roadmap.{kind}:{obj.pk}:{getattr(obj, due_field).isoformat()}" not in sent
    ]


@transaction.atomic
def send_reminders(today: date | None = None) -> int:
    today = today or timezone.localdate()
    sent = 0
    coordinators: dict[int, list[str]] = {}

    def coordinators_of(region_id: int) -> list[str]:
        if region_id not in coordinators:
            coordinators[region_id] = _coordinators(region_id)
        return coordinators[region_id]

    items = ActionItem.objects.filter(done=False, due__lte=today + AHEAD)
    for item in _unsent(items.select_related("owner", "event"), "action_item", "due"):
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
    for milestone in _unsent(open_milestones.select_related("owner_user"), "milestone", "due"):
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
    for agreement in _unsent(reviews.select_related("region"), "agreement_review", "next_review"):
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
