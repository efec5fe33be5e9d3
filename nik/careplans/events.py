"""Names of the audit events of care plans (see nik/core/events.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanEvent(models.TextChoices):
    STARTED = "plan.started", _("started the care plan")
    DRAFT_SAVED = "plan.draft_saved", _("changed the draft of the care plan")
    PUBLISHED = "plan.published", _("published the care plan")
    DISCUSSION_RECORDED = (
        "plan.discussion_recorded",
        _("recorded that the care plan was discussed with the parents"),
    )
    EVALUATION_STARTED = "plan.evaluation_started", _("started an evaluation of the care plan")
    WISHES_SAVED = "plan.wishes_saved", _("wrote the family's wishes")
    ASSESSMENT_RECORDED = "plan.assessment_recorded", _("recorded a needs assessment")
    ASSESSMENT_USED = "plan.assessment_used", _("took a needs assessment into the plan")
    PRINTED = "plan.printed", _("printed the care plan")
    IMPORTED = "plan.imported", _("imported a care plan (FHIR)")
