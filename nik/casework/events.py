"""Names of the audit events of casework (see nik/core/events.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseworkEvent(models.TextChoices):
    MIRROR_SAVED = "mirror.saved", _("recorded a mirror conversation")
    IDEA_ADDED = "mirror.idea_added", _("added an improvement idea")
    IDEA_OUTCOME = "mirror.idea_outcome", _("gave an idea its outcome")
    IDEA_DONE = "mirror.idea_done", _("marked an idea's action done")
    INTEREST = "mirror.interest", _("asked to join a mirror conversation")
    INVITED = "mirror.invited", _("invited parents to a mirror conversation")
