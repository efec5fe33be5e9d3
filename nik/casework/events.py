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
    ANSWERED = "mirror.answered", _("said whether they come to a mirror conversation")
    FORM_SAVED = "together.form_saved", _("recorded a form of learning together")
    SCHEDULED = "together.scheduled", _("scheduled meetings of learning together")
    CASE_SAVED = "case.saved", _("recorded a case discussion")
    CASE_WARNED = "case.identifiers_warned", _("was warned of names or dates in a case")
    CASE_LINKED = "case.linked", _("linked a case discussion to a family")
    CASE_UNLINKED = "case.unlinked", _("removed a case discussion's link to a family")
    FOLLOW_UP = "case.follow_up", _("added a follow-up action to a case discussion")
    LESSON_ADDED = "case.lesson_added", _("added a lesson from a case discussion")
    LESSON_PROPOSED = "case.lesson_proposed", _("made a lesson a proposal to the steering group")
