"""The indicators, each a definition in words and a formula in code over the records.

A formula answers for one region and one period: the value, the number of cases it rests on, and
a detail (breakdowns, a median). It reads the records as they are; a case still running (a
referral not yet due for its first contact, a family in care for less than eight weeks without a
plan) is left out until its outcome is known, not counted as a failure.

Snapshot indicators (the basic course, the wegwijzer's freshness, the agreement's review) describe
the state on the day they are computed: they are stored for the current period each time the task
runs, so their history grows period by period.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nik.careplans.models import CarePlanVersion
from nik.core.models import Professional, Region
from nik.directory.models import Service
from nik.families.models import (
    Family,
    Inquiry,
    Referral,
    ReferralStatus,
    Stage,
    StageChange,
    is_working_day,
)
from nik.learning.models import Enrolment, EnrolmentStatus
from nik.roadmap.models import Agreement, Milestone, MilestoneStatus

from .periods import Period

SHARE, DAYS, COUNT, RATING, NUMBER = "share", "days", "count", "rating", "number"
EIGHT_WEEKS = timedelta(weeks=8)
FRESH = timedelta(days=365)


@dataclass
class Result:
    value: float | None
    cases: int
    detail: dict[str, Any] = field(default_factory=dict)


def share(hits: int, cases: int) -> float | None:
    return round(100 * hits / cases, 1) if cases else None


def working_days_between(start: datetime, end: datetime) -> int:
    """Working days after `start`'s day up to and including `end`'s (weekends and Dutch public
    holidays skipped): received on Friday, answered on Monday is one working day."""
    first, last = timezone.localdate(start), timezone.localdate(end)
    days, day = 0, first
    while day < last:
        day += timedelta(days=1)
        days += is_working_day(day)
    return days


# The formulas ---------------------------------------------------------------------------------


def first_contact(region: Region, period: Period, now: datetime) -> Result:
    """Referrals received in the period whose family was contacted within two working days."""
    start, end = period.bounds()
    referrals = Referral.objects.filter(region=region, received_at__gte=start, received_at__lt=end)
    on_time, waits, cases = 0, [], 0
    for received, due, contacted in referrals.values_list(
        "received_at", "contact_due_at", "first_contact_at"
    ):
        if contacted is None and due > now:
            continue  # still within its two days
        cases += 1
        if contacted is not None:
            on_time += contacted <= due
            waits.append(working_days_between(received, contacted))
    detail = {"median_working_days": statistics.median(waits)} if waits else {}
    return Result(share(on_time, cases), cases, detail)


def first_answer(region: Region, period: Period, now: datetime) -> Result:
    """Questions to the contact point received in the period: working days to the first answer
    (the median), over the questions answered."""
    start, end = period.bounds()
    answered = Inquiry.objects.filter(
        region=region, received_at__gte=start, received_at__lt=end, first_answer_at__isnull=False
    ).values_list("received_at", "first_answer_at")
    waits = [working_days_between(received, first) for received, first in answered if first]
    return Result(float(statistics.median(waits)) if waits else None, len(waits))


def _entered_care(region: Region, period: Period) -> dict[int, datetime]:
    start, end = period.bounds()
    return dict(
        StageChange.objects.filter(family__region=region, stage=Stage.IN_CARE)
        .values("family")
        .annotate(first=Min("at"))
        .filter(first__gte=start, first__lt=end)
        .values_list("family", "first")
    )


def plan_in_eight_weeks(region: Region, period: Period, now: datetime) -> Result:
    """Families who entered care in the period with a care plan made final within eight weeks."""
    entered = _entered_care(region, period)
    published = dict(
        CarePlanVersion.objects.filter(plan__family__in=list(entered), published_at__isnull=False)
        .values("plan__family")
        .annotate(first=Min("published_at"))
        .values_list("plan__family", "first")
    )
    hits = cases = 0
    for family, since in entered.items():
        first = published.get(family)
        if first is None and since + EIGHT_WEEKS > now:
            continue  # still within its eight weeks
        cases += 1
        hits += first is not None and first <= since + EIGHT_WEEKS
    return Result(share(hits, cases), cases)


def _plans_at(region: Region, period: Period, now: datetime) -> list[Any]:
    """The care plan of each family of the region as it stood at the period's end (or now): its
    latest version made final before then."""
    _start, end = period.bounds()
    moment = min(end, now)
    versions = (
        CarePlanVersion.objects.filter(
            plan__family__region=region, published_at__isnull=False, published_at__lt=moment
        )
        .order_by("plan", "-published_at", "-pk")
        .only("plan_id", "content", "published_at")
    )
    latest: dict[int, Any] = {}
    for version in versions:
        latest.setdefault(version.plan_id, version)
    return [version.data for version in latest.values()]


def evaluations_on_time(region: Region, period: Period, now: datetime) -> Result:
    """Care plans whose next evaluation had not passed at the period's end."""
    _start, end = period.bounds()
    moment = min(end.date(), now.date())
    plans = _plans_at(region, period, now)
    hits = sum(1 for p in plans if p.next_evaluation_on and p.next_evaluation_on >= moment)
    return Result(share(hits, len(plans)), len(plans))


def plans_discussed(region: Region, period: Period, now: datetime) -> Result:
    """Care plans, as they stood at the period's end, discussed with the parents by then (a
    discussion recorded afterwards on a published version counts from its own date)."""
    plans = _plans_at(region, period, now)
    end, today = period.bounds()[1].date(), now.date()
    hits = sum(
        1
        for p in plans
        if p.discussed_with_parents_on
        and p.discussed_with_parents_on < end
        and p.discussed_with_parents_on <= today
    )
    return Result(share(hits, len(plans)), len(plans))


def children_in_care(region: Region, period: Period, now: datetime) -> Result:
    """Children in the network's care at the period's end (each family once: its last stage
    change before the end says in care or aftercare); new referrals and the families whose route
    closed in the period; by condition category (a family without a recorded child or category
    under "unknown", so the categories add up to the value) and by who referred.

    Counted over families, never over joined rows: a DISTINCT over stage changes also takes
    their default ordering (`at`, `id`) into its columns and counts every change once."""
    start, end = period.bounds()
    last_stage = (
        StageChange.objects.filter(family=OuterRef("pk"), at__lt=end)
        .order_by("-at", "-pk")
        .values("stage")[:1]
    )
    in_care = Family.objects.filter(region=region).alias(stage_then=Subquery(last_stage))
    in_care = in_care.filter(stage_then__in=[Stage.IN_CARE, Stage.AFTERCARE])
    # One row per family: a child is one-to-one with its family (a LEFT JOIN, None without one).
    categories = Counter(
        code or "unknown"
        for code in in_care.order_by().values_list("child__condition_category", flat=True)
    )
    families = sum(categories.values())
    new = Referral.objects.filter(region=region, received_at__gte=start, received_at__lt=end)
    closed = (
        StageChange.objects.filter(
            family__region=region, stage=Stage.CLOSED, at__gte=start, at__lt=end
        )
        .order_by()
        .values("family")
        .distinct()
        .count()
    )
    return Result(
        float(families),
        families,
        {
            "new": new.count(),
            "closed": closed,
            "by_category": dict(sorted(categories.items())),
            "by_source": dict(sorted(Counter(new.values_list("source", flat=True)).items())),
        },
    )


def declined(region: Region, period: Period, now: datetime) -> Result:
    """Referrals declined in the period, by reason."""
    start, end = period.bounds()
    reasons = Counter(
        Referral.objects.filter(
            region=region, status=ReferralStatus.DECLINED, decided_at__gte=start, decided_at__lt=end
        ).values_list("decline_reason", flat=True)
    )
    total = sum(reasons.values())
    return Result(float(total), total, {"by_reason": dict(sorted(reasons.items()))})


def basic_course(region: Region, period: Period, now: datetime) -> Result:
    """Professionals of the region's register who followed a basic course before the period's end
    (from the training records)."""
    _start, end = period.bounds()
    followed = Enrolment.objects.filter(
        professional=OuterRef("pk"),
        status=EnrolmentStatus.ATTENDED,
        session__course__basic=True,
        session__starts_at__lt=min(end, now),
    )
    totals = Professional.objects.filter(region=region).aggregate(
        cases=Count("pk"), hits=Count("pk", filter=Q(Exists(followed)))
    )
    return Result(share(totals["hits"], totals["cases"]), totals["cases"])


def wegwijzer_fresh(region: Region, period: Period, now: datetime) -> Result:
    """The region's wegwijzer services confirmed by their provider within the last twelve months."""
    today = now.date()
    services = Service.objects.filter(region=region)
    totals = services.aggregate(
        cases=Count("pk"), hits=Count("pk", filter=Q(last_confirmed__gte=today - FRESH))
    )
    return Result(share(totals["hits"], totals["cases"]), totals["cases"])


def agreement_review(region: Region, period: Period, now: datetime) -> Result:
    """Whether the cooperation agreement's review is not overdue (100) or overdue (0)."""
    agreement = Agreement.objects.filter(region=region).only("next_review").first()
    if agreement is None or agreement.next_review is None:
        return Result(None, 0)
    return Result(100.0 if agreement.next_review >= now.date() else 0.0, 1)


def milestones_on_time(region: Region, period: Period, now: datetime) -> Result:
    """Milestones due in the period that are done (dropped ones left out; open ones not yet due
    at the time of computing left out)."""
    due = Milestone.objects.filter(
        region=region, due__gte=period.start, due__lt=min(period.end, now.date() + timedelta(1))
    ).exclude(status=MilestoneStatus.DROPPED)
    totals = due.aggregate(
        cases=Count("pk"), hits=Count("pk", filter=Q(status=MilestoneStatus.DONE))
    )
    return Result(share(totals["hits"], totals["cases"]), totals["cases"])


def family_rating(region: Region, period: Period, now: datetime) -> Result:
    """The families' mean mark (0 to 10) for how well care fitted their wishes, over the answers
    given in the period; no value under five answers (a survey result is never shown for fewer)."""
    from .surveys import GROUP, survey_values

    marks = [
        a["fit"]
        for a in survey_values(region, "families", period.start, period.end)
        if isinstance(a.get("fit"), int)
    ]
    if len(marks) < GROUP:
        return Result(None, len(marks))
    return Result(round(statistics.mean(marks), 1), len(marks))


def professional_experience(region: Region, period: Period, now: datetime) -> Result:
    """Share of the professionals' answers in the period that agree (4 or 5 of 5) that care is
    coordinated, efficient and good — all three; no value under five answers."""
    from .surveys import GROUP, survey_values

    answers = survey_values(region, "professionals", period.start, period.end)
    if len(answers) < GROUP:
        return Result(None, len(answers))
    hits = sum(
        1
        for a in answers
        if all(int(a.get(k, 0)) >= 4 for k in ("coordinated", "efficient", "quality"))
    )
    return Result(share(hits, len(answers)), len(answers))


# The registry -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Formula:
    key: str
    name: Any
    definition: Any
    unit: str
    target: float | None
    compute: Callable[[Region, Period, datetime], Result]
    higher_is_better: bool = True
    snapshot: bool = False  # the state on the day of computing: stored for the current period
    counts_families: bool = False  # a count of families: small numbers hidden for steering
    about_families: bool = True  # rests on families (the small-number rule applies to its cases)
    own: bool = False  # one of the region's own indicators (step 3)

    def met(self, value: float | None) -> bool | None:
        if value is None or self.target is None:
            return None
        return value >= self.target if self.higher_is_better else value <= self.target


FORMULAS: list[Formula] = [
    Formula(
        "first_contact",
        _("First contact within two working days"),
        _(
            "Share of the referrals received in the period whose family heard from the network within two working days (weekends and public holidays not counted)."
        ),
        SHARE,
        90,
        first_contact,
    ),
    Formula(
        "first_answer",
        _("Time to a first answer"),
        _(
            "Median number of working days between a question to the contact point and its first answer."
        ),
        DAYS,
        2,
        first_answer,
        higher_is_better=False,
    ),
    Formula(
        "plan_in_eight_weeks",
        _("Care plan within eight weeks"),
        _(
            "Share of the families who entered care in the period with a care plan made final within eight weeks."
        ),
        SHARE,
        90,
        plan_in_eight_weeks,
    ),
    Formula(
        "evaluations_on_time",
        _("Evaluations on time"),
        _("Share of the care plans whose next evaluation had not passed at the end of the period."),
        SHARE,
        90,
        evaluations_on_time,
    ),
    Formula(
        "plans_discussed",
        _("Plans discussed with parents"),
        _(
            "Share of the care plans, as they stood at the end of the period, that were discussed with the parents."
        ),
        SHARE,
        90,
        plans_discussed,
    ),
    Formula(
        "children_in_care",
        _("Children in the network"),
        _(
            "Children in care at the end of the period, with the new referrals and closed routes of the period, by condition category and by who referred."
        ),
        COUNT,
        None,
        children_in_care,
        counts_families=True,
    ),
    Formula(
        "declined",
        _("Referrals declined"),
        _("Referrals the network declined in the period, by reason."),
        COUNT,
        None,
        declined,
        higher_is_better=False,
        counts_families=True,
    ),
    Formula(
        "family_rating",
        _("Care fitted the family's wishes"),
        _(
            "Families' average rating (0 to 10) of how well care fitted their wishes, from the families' survey."
        ),
        RATING,
        7,
        family_rating,
    ),
    Formula(
        "professional_experience",
        _("Professionals experience good coordinated care"),
        _(
            "Share of the professionals who experience coordinated, efficient and good care, from the professionals' survey."
        ),
        SHARE,
        90,
        professional_experience,
        about_families=False,
    ),
    Formula(
        "basic_course",
        _("Basic course followed"),
        _("Share of the professionals in the region's register who followed a basic course."),
        SHARE,
        75,
        basic_course,
        snapshot=True,
        about_families=False,
    ),
    Formula(
        "wegwijzer_fresh",
        _("Wegwijzer up to date"),
        _(
            "Share of the region's services confirmed by their provider within the last twelve months."
        ),
        SHARE,
        90,
        wegwijzer_fresh,
        snapshot=True,
        about_families=False,
    ),
    Formula(
        "agreement_review",
        _("Agreement reviewed on time"),
        _("Whether the review of the cooperation agreement is not overdue."),
        SHARE,
        100,
        agreement_review,
        snapshot=True,
        about_families=False,
    ),
    Formula(
        "milestones_on_time",
        _("Milestones on time"),
        _("Share of the milestones due in the period that are done."),
        SHARE,
        80,
        milestones_on_time,
        about_families=False,
    ),
]
BY_KEY = {f.key: f for f in FORMULAS}


def _typed_only(region: Region, period: Period, now: datetime) -> Result:
    return Result(None, 0)


def of_region(region: Region) -> list[tuple[Formula, str]]:
    """The built-in indicators and the region's own ones (step 3), each with the key its values
    are stored under: an own indicator computed by a building block reads that block's values
    with its own name and target; one typed in has values of its own (one query)."""
    from .models import Measure

    found = [(f, f.key) for f in FORMULAS]
    measures = Measure.objects.filter(indicator__region=region).select_related("indicator")
    for measure in measures.order_by("indicator_id"):
        indicator, base = measure.indicator, BY_KEY.get(measure.formula)
        if base is not None:
            target = base.target if measure.target is None else measure.target
            own = replace(base, key=measure.key, name=indicator.name, target=target, own=True)
            found.append(
                (replace(own, definition=indicator.definition or base.definition), base.key)
            )
        else:
            typed = Formula(
                measure.key,
                indicator.name,
                indicator.definition,
                NUMBER,
                measure.target,
                _typed_only,
                higher_is_better=measure.higher_is_better,
                about_families=False,
                own=True,
            )
            found.append((typed, measure.key))
    return found


def today_or(now: datetime | None) -> datetime:
    return now or timezone.now()


def periods_back(n: int, today: date | None = None) -> list[Period]:
    return Period.of(today or timezone.localdate()).last(n)
