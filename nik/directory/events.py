"""Names of the audit events of the wegwijzer (see nik/core/events.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DirectoryEvent(models.TextChoices):
    SERVICE_ADDED = "service.added", _("added a service to the wegwijzer")
    SERVICE_CHANGED = "service.changed", _("changed a service in the wegwijzer")
    SERVICE_CONFIRMED = "service.confirmed", _("confirmed a service is still right")
