"""Names of the audit events of the network's records (see nik/core/events.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NetworkEvent(models.TextChoices):
    STAKEHOLDERS_IMPORTED = "stakeholders.imported", _("imported a stakeholder analysis")
    CONTACTS_EXPORTED = "register.exported", _("exported the contact list")
