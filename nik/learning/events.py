"""Names of the audit events of learning (see nik/core/events.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LearningEvent(models.TextChoices):
    COURSE_SAVED = "learning.course_saved", _("saved a course")
    SESSION_SAVED = "learning.session_saved", _("planned a session")
    ENROLLED = "learning.enrolled", _("enrolled for a session")
    WAITING = "learning.waiting", _("put on the waiting list of a session")
    CANCELLED = "learning.cancelled", _("cancelled an enrolment")
    MOVED_UP = "learning.moved_up", _("moved up from the waiting list")
    ATTENDANCE = "learning.attendance", _("recorded who came to a session")
    CERTIFICATE = "learning.certificate", _("printed a certificate")
    NEED_ADDED = "learning.need_added", _("named a training need")
    PLAN_OPENED = "learning.plan_opened", _("opened a version of the training plan")
    PLAN_SAVED = "learning.plan_saved", _("changed the training plan")
    PLAN_APPROVED = "learning.plan_approved", _("approved the training plan")
