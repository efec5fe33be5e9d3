"""Names of the audit events of the roadmap (see nik/core/events.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoadmapEvent(models.TextChoices):
    MILESTONES_IMPORTED = "milestones.imported", _("imported a milestone planning")
    INVITATIONS_SENT = "meeting.invitations_sent", _("sent the invitations to a meeting")
