"""The steering group's quarterly report: the indicators against their targets with their trend,
the self-assessment, open proposals and milestones, and a one-page summary for executives first.
As PDF (WeasyPrint, the page's own HTML) and as .xlsx. A report always keeps the small-number rule,
whoever asks for it: it leaves the system.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from nik.core.models import Region
from nik.core.xlsx import write_tables
from nik.roadmap.models import Milestone, MilestoneStatus, Proposal, ProposalStatus

from .models import OmkRound
from .periods import QUARTER, Period
from .selectors import ClusterResult, Row, dashboard, omk_result, on_target


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
        list(Proposal.objects.filter(region=region, status=ProposalStatus.OPEN)[:20]),
        list(
            Milestone.objects.filter(
                region=region, due__lt=period.end + (period.end - period.start)
            )
            .exclude(status__in=[MilestoneStatus.DONE, MilestoneStatus.DROPPED])
            .order_by("due")[:20]
        ),
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
    return write_tables(
        [
            (_("Indicators"), [_("Indicator"), _("Target"), *labels], indicators, [44, 12]),
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
