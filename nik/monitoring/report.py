"""The steering group's quarterly report: the indicators against their targets with their trend,
children and referrals broken down, the surveys of the last twelve months with families' and
professionals' views side by side, the self-assessment, open proposals and milestones, and a one-page summary for executives first.
As PDF (WeasyPrint, the page's own HTML) and as .xlsx. A report always keeps the small-number rule,
whoever asks for it: it leaves the system.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from nik.core.models import Region
from nik.core.xlsx import write_tables
from nik.roadmap.models import Milestone, MilestoneStatus, Proposal, ProposalStatus

from . import small
from .models import OmkRound
from .periods import QUARTER, Period
from .selectors import ClusterResult, Row, dashboard, left_out, omk_result, on_target
from .surveys import Comparison, SurveyResult, results, side_by_side


@dataclass
class Report:
    region: Region
    period: Period
    rows: list[Row]
    met: int
    judged: int
    omk: list[ClusterResult]
    omk_round: OmkRound | None
    proposals: list[Proposal]
    milestones: list[Milestone]
    surveys: list[SurveyResult]
    side_by_side: list[Comparison]

    @property
    def breakdowns(self) -> list[tuple[Row, str, dict[str, Any]]]:
        """(indicator, what it is broken down by, label → count) of the latest value."""
        titles = {
            "by_category": _("By condition category"),
            "by_source": _("By who referred"),
            "by_reason": _("By reason"),
        }
        return [
            (row, str(titles[key]), part)
            for row in self.rows
            for key, part in row.breakdowns.items()
            if key in titles and part
        ]

    @property
    def left_out(self) -> int:
        return left_out(self.rows)

    @property
    def below(self) -> list[Row]:
        return [r for r in self.rows if r.met is False]

    @property
    def filename(self) -> str:
        return f"kwartaalrapport-{self.region.slug}-{self.period.start.year}-q{(self.period.start.month - 1) // 3 + 1}"


def last_complete_quarter() -> Period:
    return Period.of(timezone.localdate(), QUARTER).previous()


def build(region: Region, period: Period) -> Report:
    rows = dashboard(region, exact=False, quarters=4, until=period)
    met, judged = on_target(rows)
    year = (region, period.end - timedelta(days=365), period.end)
    rounds = list(
        OmkRound.objects.filter(
            region=region, closed_on__isnull=False, closed_on__lt=period.end
        ).order_by("-opened_on", "-pk")[:2]
    )
    return Report(
        region,
        period,
        rows,
        met,
        judged,
        omk_result(rounds[0], rounds[1] if len(rounds) > 1 else None) if rounds else [],
        rounds[0] if rounds else None,
        _waiting(region, period),
        list(
            Milestone.objects.filter(
                region=region, due__lt=period.end + (period.end - period.start)
            )
            .exclude(status__in=[MilestoneStatus.DONE, MilestoneStatus.DROPPED])
            .order_by("due")[:20]
        ),
        results(*year, exact=False),
        side_by_side(*year),
    )


def _waiting(region: Region, period: Period) -> list[Proposal]:
    """The proposals waiting for the steering group at the quarter's end: made before it, and
    not discussed before it (a proposal of December is not in the third quarter's report)."""
    _start, end = period.bounds()
    return list(
        Proposal.objects.filter(region=region, created_at__lt=end)
        .filter(Q(status=ProposalStatus.OPEN) | Q(discussed_on__gte=period.end))
        .order_by("-created_at", "-pk")[:20]
    )


def pdf(report: Report) -> bytes:
    from weasyprint import HTML

    from .charts import trend_svg

    chart = trend_svg(
        report.rows, _("Indicators per quarter, %(region)s") % {"region": report.region.name}
    )
    html = render_to_string("monitoring/report.html", {"report": report, "chart": chart})
    return HTML(string=html).write_pdf()


def xlsx(report: Report) -> bytes:
    labels = [p.period.label for p in report.rows[0].points] if report.rows else []
    indicators = [
        [str(r.formula.name), r.target_shown, *(p.shown for p in r.points)] for r in report.rows
    ]
    omk = [
        [
            str(c.cluster.name),
            c.share,
            f"{c.phase[0]}. {c.phase[1]}" if c.phase else "",
            c.previous,
            c.planned,
        ]
        for c in report.omk
    ]
    children = [
        [str(row.formula.name), title, label, small.in_table(n)]
        for row, title, part in report.breakdowns
        for label, n in part.items()
    ]
    answers: list[list[Any]] = []
    for found in report.surveys:
        head = [str(found.instrument.title), found.invited_shown, found.answered_shown]
        answers += [[*head, str(i.item.text), i.mean] for i in found.items] or [[*head, "", None]]
    sides = [[str(c.theme), c.families, c.professionals, c.gap] for c in report.side_by_side]
    return write_tables(
        [
            (_("Indicators"), [_("Indicator"), _("Target"), *labels], indicators, [44, 12]),
            (
                _("Children and referrals"),
                [_("Indicator"), _("Broken down"), _("Group"), _("Number")],
                children,
                [34, 24, 34, 10],
            ),
            (
                _("Surveys"),
                [_("Survey"), _("Invited"), _("Answered"), _("Question"), _("Average")],
                answers,
                [34, 10, 10, 60, 10],
            ),
            (
                _("Side by side"),
                [_("Theme"), _("Families (%)"), _("Professionals (%)"), _("Difference")],
                sides,
                [30, 14, 16, 12],
            ),
            (
                _("Self-assessment"),
                [
                    _("Cluster"),
                    _("In place (%)"),
                    _("Phase"),
                    _("Previous round (%)"),
                    _("Planned"),
                ],
                omk,
                [34, 14, 32, 18, 10],
            ),
            (
                _("Open proposals"),
                [_("Proposal"), _("What we learnt")],
                [[p.title, p.lesson] for p in report.proposals],
                [44, 80],
            ),
            (
                _("Milestones"),
                [_("Milestone"), _("Due"), _("Status")],
                [[m.title, m.due, str(m.get_status_display())] for m in report.milestones],
                [44, 12, 16],
            ),
        ]
    )
