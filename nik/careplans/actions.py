"""Writes of the care plan: versions, drafts, publishing, the family's wishes, GIZ assessments."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nik.core import audit
from nik.core.concurrency import EditConflict, claim
from nik.core.models import AuditAction, User
from nik.families.models import Family

from .content import PlanContent
from .events import PlanEvent
from .models import CarePlan, CarePlanVersion, NeedsAssessment, VersionStatus


def _event(
    event: PlanEvent,
    action: str,
    version: CarePlanVersion | NeedsAssessment,
    family: Family,
    user: User,
    **details: Any,
) -> None:
    audit.record(
        action=action,
        event=event,
        user=user,
        region_id=family.region_id,
        object_type=version._meta.label_lower,
        object_id=version.pk,
        subject_family_id=family.pk,
        details=details,
    )


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


@transaction.atomic
def do_start_plan(family: Family, *, content: PlanContent, acting_user: User) -> CarePlanVersion:
    plan, _created = CarePlan.objects.get_or_create(family=family)
    if plan.versions.exists():
        raise ValidationError(_("This family has a plan already."))
    version = CarePlanVersion.objects.create(
        plan=plan,
        number=1,
        content=content.model_dump(mode="json"),
        created_by=acting_user,
        updated_by=acting_user,
    )
    _event(PlanEvent.STARTED, AuditAction.CREATE, version, family, acting_user, number=1)
    return version


@transaction.atomic
def do_save_draft(
    version: CarePlanVersion, *, content: PlanContent, seen_version: int, acting_user: User
) -> CarePlanVersion:
    """Save the draft, unless someone else saved it since `seen_version` was loaded."""
    stored = CarePlanVersion.objects.select_for_update().get(pk=version.pk)
    if stored.status != VersionStatus.DRAFT:
        raise ValidationError(
            _("Only a draft can be changed. Start an evaluation for a new version.")
        )
    new = content.model_dump(mode="json")
    try:
        claim(stored, seen_version)
    except EditConflict as conflict:
        stored_content = cast(CarePlanVersion, conflict.current).content
        raise EditConflict(
            conflict.current, {name: "" for name in changed_fields(stored_content, new)}
        ) from None
    before = stored.content
    stored.content = new
    stored.updated_by = acting_user
    stored.save()
    _event(
        PlanEvent.DRAFT_SAVED,
        AuditAction.UPDATE,
        stored,
        stored.plan.family,
        acting_user,
        fields=changed_fields(before, new),
    )
    return stored


@transaction.atomic
def do_publish(
    version: CarePlanVersion,
    *,
    acting_user: User,
    summary: str = "",
    answers: dict[str, Any] | None = None,
) -> CarePlanVersion:
    """Publish the draft. `answers` are what the publish form asked (discussed with the parents
    on, next evaluation on); they are written into the version before it is checked."""
    stored = CarePlanVersion.objects.select_for_update().get(pk=version.pk)
    if stored.status != VersionStatus.DRAFT:
        raise ValidationError(_("This version is published already."))
    problems = stored.problems
    content = stored.data
    if answers:
        content.discussed_with_parents_on = answers.get("discussed_on")
        content.next_evaluation_on = answers.get("next_evaluation_on")
        problems = problems or content.date_problems()
    if problems:
        raise ValidationError([_("Mend the draft before publishing it."), *problems])
    if summary:
        content.summary_of_changes = summary
    if summary or answers:
        stored.content = content.model_dump(mode="json")
    stored.plan.versions.filter(status=VersionStatus.PUBLISHED).update(
        status=VersionStatus.SUPERSEDED
    )
    stored.status = VersionStatus.PUBLISHED
    stored.published_at = timezone.now()
    stored.updated_by = acting_user
    stored.save()
    _event(
        PlanEvent.PUBLISHED,
        AuditAction.UPDATE,
        stored,
        stored.plan.family,
        acting_user,
        published=stored.number,
    )
    return stored


@transaction.atomic
def do_record_discussion(
    version: CarePlanVersion, *, discussed_on: date, acting_user: User
) -> CarePlanVersion:
    """The published version was discussed with the parents after it was published ("not yet"
    at publishing): the date goes into that version, which is otherwise left as it was.
    Read under a lock: two people recording it at once record it once."""
    stored = CarePlanVersion.objects.select_for_update().get(pk=version.pk)
    if stored.status != VersionStatus.PUBLISHED:
        raise ValidationError(_("Only the published version can be marked as discussed."))
    content = stored.data
    if content.discussed_with_parents_on is not None:
        raise ValidationError(
            _("This version was already marked as discussed with the parents on %(date)s.")
            % {"date": date_format(content.discussed_with_parents_on, "j F Y")}
        )
    if discussed_on > timezone.localdate():
        raise ValidationError(_("This date is in the future."))
    if discussed_on < content.plan_date:
        raise ValidationError(
            _("This date is before the version was drawn up (%(date)s).")
            % {"date": date_format(content.plan_date, "j F Y")}
        )
    content.discussed_with_parents_on = discussed_on
    stored.content = content.model_dump(mode="json")
    stored.updated_by = acting_user
    stored.save()
    _event(
        PlanEvent.DISCUSSION_RECORDED,
        AuditAction.UPDATE,
        stored,
        stored.plan.family,
        acting_user,
        number=stored.number,
        discussed_with_parents_on=[None, discussed_on.isoformat()],
    )
    return stored


@transaction.atomic
def do_start_evaluation(plan: CarePlan, *, acting_user: User) -> CarePlanVersion:
    """Evaluating the plan: a new draft, a copy of the published version, to adjust and publish."""
    CarePlan.objects.select_for_update().get(pk=plan.pk)
    draft = plan.draft()
    if draft is not None:
        return draft
    published = plan.published()
    if published is None:
        raise ValidationError(_("There is no published version to evaluate."))
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    content = published.data
    content.plan_date = timezone.localdate()
    content.summary_of_changes = ""
    content.discussed_with_parents_on = None  # this version is to be discussed anew
    for domain in content.domains:
        for goal in domain.goals:  # what came of each goal is recorded in this evaluation
            goal.outcome, goal.outcome_note = "", ""
    if content.next_evaluation_on and content.next_evaluation_on < content.plan_date:
        # The evaluation is being held now: the next date is to be agreed in this round.
        content.next_evaluation_on = None
    version = CarePlanVersion.objects.create(
        plan=plan,
        number=number,
        content=content.model_dump(mode="json"),
        created_by=acting_user,
        updated_by=acting_user,
    )
    _event(
        PlanEvent.EVALUATION_STARTED,
        AuditAction.CREATE,
        version,
        plan.family,
        acting_user,
        number=number,
        evaluation=True,
    )
    return version


@transaction.atomic
def do_family_wishes(
    version: CarePlanVersion, *, wishes: str, seen_version: int, acting_user: User
) -> CarePlanVersion:
    """The family writes or approves its own wishes in the portal."""
    content = version.data
    content.wishes = wishes
    content.wishes_approved_on = timezone.localdate()
    content.wishes_approved_by = acting_user.get_full_name()
    return do_save_draft(
        version, content=content, seen_version=seen_version, acting_user=acting_user
    )


@transaction.atomic
def do_record_assessment(assessment: NeedsAssessment, *, acting_user: User) -> NeedsAssessment:
    assessment.created_by = acting_user
    assessment.full_clean()
    assessment.save()
    _event(
        PlanEvent.ASSESSMENT_RECORDED,
        AuditAction.CREATE,
        assessment,
        assessment.family,
        acting_user,
        variant=assessment.variant,
    )
    return assessment


GIZ_TO_DOMAIN = {"child": "physical", "parents": "family", "surroundings": "social"}


@transaction.atomic
def do_use_assessment(
    assessment: NeedsAssessment, draft: CarePlanVersion, *, acting_user: User
) -> CarePlanVersion:
    """Carry the assessment's concerns and strengths into the draft's domains."""
    content = draft.data
    for side, key in GIZ_TO_DOMAIN.items():
        concerns = getattr(assessment, f"{side}_concerns").strip()
        strengths = getattr(assessment, f"{side}_strengths").strip()
        domain = content.domain(key)
        note = _("From the needs assessment of %(date)s") % {"date": assessment.held_on}
        if concerns:
            domain.needs = "\n".join(filter(None, [domain.needs, f"{concerns} ({note})"]))
        if strengths:
            domain.strengths = "\n".join(filter(None, [domain.strengths, f"{strengths} ({note})"]))
    return do_save_draft(
        draft, content=content, seen_version=draft.version, acting_user=acting_user
    )


def do_print_plan(version: CarePlanVersion, *, family: Family, acting_user: User) -> None:
    """A printed plan leaves the system: the print is logged like an export."""
    _event(
        PlanEvent.PRINTED,
        AuditAction.PRINT,
        version,
        family,
        acting_user,
        number=version.number,
    )
