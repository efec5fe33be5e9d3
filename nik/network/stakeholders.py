"""Where stakeholders stand, and the influence × interest grid drawn as SVG."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nik.core.models import Region

from .models import StakeholderAssessment


@dataclass(frozen=True)
class Movement:
    number: int
    name: str
    start: tuple[int, int]  # (interest, influence)
    end: tuple[int, int]
    start_label: str
    end_label: str
    action: str


def latest_per_stakeholder(
    assessments: list[StakeholderAssessment], on: date | None = None
) -> dict[tuple[int | None, str], StakeholderAssessment]:
    """The newest assessment of each stakeholder on or before `on` (all dates when None)."""
    latest: dict[tuple[int | None, str], StakeholderAssessment] = {}
    for a in sorted(assessments, key=lambda a: (a.assessed_on, a.id)):
        if on is None or a.assessed_on <= on:
            latest[a.stakeholder_key] = a
    return latest


def movements(
    region: Region, date_from: date | None = None, date_to: date | None = None
) -> list[Movement]:
    """Current → desired position; or, given two dates, the position then → the position later."""
    assessments = list(
        StakeholderAssessment.objects.filter(region=region).select_related("organization")
    )
    result: list[Movement] = []
    if date_from and date_to:
        before = latest_per_stakeholder(assessments, date_from)
        after = latest_per_stakeholder(assessments, date_to)
        keys = [k for k in after if k in before]
        for number, key in enumerate(
            sorted(keys, key=lambda k: after[k].stakeholder_name), start=1
        ):
            a, b = before[key], after[key]
            result.append(
                Movement(
                    number,
                    b.stakeholder_name,
                    (a.interest, a.influence),
                    (b.interest, b.influence),
                    date_format(a.assessed_on, "j F Y"),
                    date_format(b.assessed_on, "j F Y"),
                    b.action,
                )
            )
        return result
    current = latest_per_stakeholder(assessments)
    for number, a in enumerate(sorted(current.values(), key=lambda a: a.stakeholder_name), start=1):
        result.append(
            Movement(
                number,
                a.stakeholder_name,
                (a.interest, a.influence),
                (a.desired_interest, a.desired_influence),
                _("now, %(date)s") % {"date": date_format(a.assessed_on, "j F Y")},
                _("desired"),
                a.action,
            )
        )
    return result


def grid_svg(items: list[Movement], title: str) -> str:
    """The 5 × 5 grid with a numbered arrow per stakeholder; the numbers match the table."""
    # A Figure of its own, not pyplot: no global state shared between the threads of a server.
    from matplotlib import rcParams
    from matplotlib.figure import Figure

    rcParams["svg.fonttype"] = "none"  # real text in the SVG (one constant, set for every chart)
    fig = Figure(figsize=(6.4, 6.4))
    ax = fig.subplots()
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0.5, 5.5)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.axhline(3, color="#999999", linewidth=0.8)
    ax.axvline(3, color="#999999", linewidth=0.8)
    ax.set_xlabel(_("Interest"))
    ax.set_ylabel(_("Influence"))
    ax.set_title(title)
    ax.grid(True, color="#e5e5e5")
    for m in items:
        # Spread stakeholders that share a cell a little, so each arrow stays visible.
        jitter = ((m.number % 5) - 2) * 0.07
        x0, y0 = m.start[0] + jitter, m.start[1] + jitter
        x1, y1 = m.end[0] + jitter, m.end[1] + jitter
        if (x0, y0) != (x1, y1):
            ax.annotate(
                "",
                xy=(x1, y1),
                xytext=(x0, y0),
                arrowprops={"arrowstyle": "->", "color": "#1f5fa8", "linewidth": 1.2},
            )
        ax.plot([x0], [y0], "o", color="#1f5fa8", markersize=5)
        ax.annotate(str(m.number), (x0, y0), textcoords="offset points", xytext=(4, 4), fontsize=8)
    out = io.StringIO()
    fig.savefig(out, format="svg", bbox_inches="tight")
    svg = out.getvalue()
    # matplotlib puts a <style> element in the SVG; the page's CSP allows no inline style
    # elements, so its two rules live in nik.css (.nik-svg) instead.
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.DOTALL)
    return svg[svg.index("<svg") :]
