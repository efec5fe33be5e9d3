"""Writing the indicators' values: recomputed from the records by the task, or typed in."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from nik.core import audit
from nik.core.models import AuditAction, Region, User
from nik.roadmap.models import Indicator

from .formulas import BY_KEY, FORMULAS
from .models import IndicatorValue, Measure, OmkAnswer, OmkRound, Settings
from .periods import QUARTER, Period

HISTORY = 8  # quarters recomputed each run: two years


@transaction.atomic
def do_recompute(
    regions: list[Region] | None = None, *, quarters: int = HISTORY, now: datetime | None = None
) -> int:
    """Recompute every formula for the last `quarters` quarters of each region (snapshot
    formulas for the current quarter only) and store the values; typed values are left alone.
    Returns the number of values written."""
    now = now or timezone.now()
    current = Period.of(timezone.localdate(now), QUARTER)
    written = 0
    for region in regions if regions is not None else list(Region.objects.all()):
        typed = set(
            IndicatorValue.objects.filter(region=region, typed=True).values_list(
                "key", "period_kind", "period_start"
            )
        )
        for formula in FORMULAS:
            for period in [current] if formula.snapshot else current.last(quarters):
                if (formula.key, period.kind, period.start) in typed:
                    continue
                result = formula.compute(region, period, now)
                IndicatorValue.objects.update_or_create(
                    region=region,
                    key=formula.key,
                    period_kind=period.kind,
                    period_start=period.start,
                    defaults={
                        "value": result.value,
                        "cases": result.cases,
                        "detail": result.detail,
                        "computed_at": now,
                    },
                )
                written += 1
    return written


def _own_id(key: str) -> int | None:
    number = key.removeprefix("own-")
    return int(number) if key.startswith("own-") and number.isdigit() else None


@transaction.atomic
def do_measure(
    indicator: Indicator,
    *,
    formula: str,
    target: float | None,
    higher_is_better: bool,
    acting_user: User,
) -> Measure:
    """Set how one of the region's own indicators is measured (a building block, or typed in)."""
    if formula and formula not in BY_KEY:
        raise ValueError(formula)
    found, _created = Measure.objects.update_or_create(
        indicator=indicator,
        defaults={"formula": formula, "target": target, "higher_is_better": higher_is_better},
    )
    audit.record_write(
        AuditAction.UPDATE, found, indicator.region, acting_user, "indicator.measured",
        formula=formula or "typed", target=target,
    )  # fmt: skip
    return found


@transaction.atomic
def do_settings(region: Region, *, family_interval_days: int, acting_user: User) -> Settings:
    found, _created = Settings.objects.update_or_create(
        region=region, defaults={"family_interval_days": family_interval_days}
    )
    audit.record_write(
        AuditAction.UPDATE, found, region, acting_user, "monitoring.settings",
        family_interval_days=family_interval_days,
    )  # fmt: skip
    return found


@transaction.atomic
def do_type_value(
    region: Region,
    *,
    key: str,
    period_start: date,
    value: float,
    source: str,
    acting_user: User,
) -> IndicatorValue:
    """A value no record can give, typed in with its source; marked as typed, and kept by the
    task (which never overwrites a typed value)."""
    own = _own_id(key)
    typed_own = own is not None and (
        Measure.objects.filter(indicator__region=region, indicator_id=own, formula="").exists()
    )
    if key not in BY_KEY and not typed_own:
        raise ValueError(key)
    period = Period.of(period_start, QUARTER)
    found, _created = IndicatorValue.objects.update_or_create(
        region=region,
        key=key,
        period_kind=period.kind,
        period_start=period.start,
        defaults={
            "value": value,
            "cases": 0,
            "detail": {},
            "typed": True,
            "source": source.strip(),
            "typed_by": acting_user,
            "computed_at": timezone.now(),
        },
    )
    audit.record_write(AuditAction.UPDATE, found, region, acting_user, "indicator.typed", key=key)
    return found


# The self-assessment (OMK) -----------------------------------------------------------------


@transaction.atomic
def do_open_round(region: Region, *, acting_user: User) -> OmkRound:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    Region.objects.select_for_update().filter(pk=region.pk).values_list("pk").get()
    if OmkRound.objects.filter(region=region, closed_on__isnull=True).exists():
        raise ValidationError(_("A round is open already; close it first."))
    found = OmkRound.objects.create(region=region, opened_by=acting_user)
    audit.record_write(AuditAction.CREATE, found, region, acting_user, "omk.opened")
    return found


@transaction.atomic
def do_close_round(found: OmkRound, *, acting_user: User) -> OmkRound:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    locked = OmkRound.objects.select_for_update().get(pk=found.pk)
    if locked.closed_on is not None:
        raise ValidationError(_("This round is closed already."))
    locked.closed_on = timezone.localdate()
    locked.save(update_fields=["closed_on"])
    audit.record_write(AuditAction.UPDATE, locked, locked.region, acting_user, "omk.closed")
    return locked


@transaction.atomic
def do_score(
    found: OmkRound, *, answers: dict[str, tuple[bool, bool, bool]], acting_user: User
) -> int:
    """Save one person's answers for a round (element → relevant, present, planned); answering
    again replaces their earlier answers. Only while the round is open."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from .omk import element_keys

    locked = OmkRound.objects.select_for_update().get(pk=found.pk)
    if locked.closed_on is not None:
        raise ValidationError(_("This round is closed; its answers can no longer change."))
    known = set(element_keys())
    OmkAnswer.objects.filter(round=locked, respondent=acting_user).delete()
    OmkAnswer.objects.bulk_create(
        OmkAnswer(
            round=locked,
            respondent=acting_user,
            element=key,
            relevant=relevant,
            present=relevant and present,
            planned=relevant and planned and not present,
        )
        for key, (relevant, present, planned) in answers.items()
        if key in known
    )
    audit.record_write(AuditAction.UPDATE, locked, locked.region, acting_user, "omk.scored")
    return len(answers)


def do_send_quarterly_report(region: Region, period: Period | None = None) -> int:
    """E-mail the quarter's report (PDF and .xlsx) to the region's steering members, once per
    region and quarter, through the one outbox. Returns how many were sent (0 or 1)."""
    from django.utils.translation import gettext as _

    from nik.core import notify
    from nik.core.models import Membership, Role

    from . import report

    period = period or report.last_complete_quarter()
    key = f"monitoring.report:{region.pk}:{period.start.isoformat()}"
    if key in notify.claimed(key):
        return 0  # sent before: the daily run does not draw the PDF again
    found = report.build(region, period)
    to = list(
        Membership.objects.filter(region=region, role=Role.STEERING)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    sent = notify.send_once(
        key,
        to=to,
        subject=_("Quarterly report %(q)s of %(region)s")
        % {"q": period.label, "region": region.name},
        body=_(
            "The quarterly report of %(region)s is attached: %(met)s of %(judged)s indicators on "
            "target. The figures are also on the results page in NIK."
        )
        % {"region": region.name, "met": found.met, "judged": found.judged},
        attachments=[
            (f"{found.filename}.pdf", report.pdf(found), "application/pdf"),
            (
                f"{found.filename}.xlsx",
                report.xlsx(found),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
        ],
    )
    return int(sent)
