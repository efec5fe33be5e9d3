"""The network self-assessment after the development model for integrated care (OMK): nine
clusters, their elements, four phases.

The elements are written in our own words, five per cluster: what a network that has this in
place would recognise in itself. (The published model has 89 elements; this is a shorter
instrument on the same clusters and phases, not a copy of it.)

A cluster's result in a round is the share of the answers "relevant" that also say "present";
the phase follows from that share (our rule, stated on the page): under 25% initiative and design,
under 50% experiment and execution, under 75% expansion and monitoring, from 75% consolidation and
transformation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Cluster:
    key: str
    name: Any
    elements: tuple[Any, ...]
    young: bool = False  # one of the clusters the seed names for a young network


CLUSTERS: tuple[Cluster, ...] = (
    Cluster(
        "client",
        _("Client-centredness"),
        (
            _("Families tell us what matters to them, and the plan starts from that."),
            _("Parents know whom to call, day and night."),
            _("Parents are asked regularly how the care fits them."),
            _("Brothers and sisters get attention of their own."),
            _("What parents tell us changes how we work."),
        ),
    ),
    Cluster(
        "delivery",
        _("Delivery system"),
        (
            _("There is one route for families, from referral to aftercare, that everyone knows."),
            _("Each family has one case manager."),
            _("Information about a family goes with the family, with their consent."),
            _("Respite and care at home can be arranged without long waits."),
            _("The transition to adult care is planned in time."),
        ),
    ),
    Cluster(
        "performance",
        _("Performance"),
        (
            _("We know how many families we reach and how quickly."),
            _("We have agreed indicators with targets."),
            _("The figures are discussed with the steering group every quarter."),
            _("We compare our figures with other networks."),
            _("We act on figures that fall short."),
        ),
    ),
    Cluster(
        "quality",
        _("Quality of care"),
        (
            _("Every family in care has an individual care plan."),
            _("Care plans are evaluated on time."),
            _("We work with the national guidelines for children with a serious illness."),
            _("Complex cases are discussed together."),
            _("Professionals are trained for this work."),
        ),
    ),
    Cluster(
        "learning",
        _("Result-focused learning"),
        (
            _("We look back regularly at what went well and what did not."),
            _("Lessons from cases become proposals for the way we work."),
            _("Mirror conversations with parents are held."),
            _("Improvements are followed until they are done."),
            _("Members learn from each other across organisations."),
        ),
    ),
    Cluster(
        "teamwork",
        _("Interprofessional teamwork"),
        (
            _("Professionals of different organisations know each other by name."),
            _("There is a regular multidisciplinary meeting."),
            _("Professionals ask each other for advice easily."),
            _("Disagreements are talked through openly."),
            _("The team around a family agrees one plan."),
        ),
        young=True,
    ),
    Cluster(
        "roles",
        _("Roles and tasks"),
        (
            _("Everyone knows what they do and do not do in the network."),
            _("The coordinator's role and mandate are clear."),
            _("Tasks of the partners are written down in the agreement."),
            _("Staff have time agreed with their employer for the network."),
            _("Who does what around a family is recorded in the plan."),
        ),
        young=True,
    ),
    Cluster(
        "commitment",
        _("Commitment"),
        (
            _("The partners' directors signed the cooperation agreement."),
            _("Directors take part in the steering group."),
            _("Partners contribute hours or money as agreed."),
            _("The network's goals are shared by the partners."),
            _("Partners keep to what was agreed when it gets difficult."),
        ),
        young=True,
    ),
    Cluster(
        "enterprise",
        _("Transparent entrepreneurship"),
        (
            _("The network's funding is arranged for the coming years."),
            _("Costs and contributions are visible to all partners."),
            _("The network is known to referrers and families in the region."),
            _("New partners can join in a known way."),
            _("The network looks for ways to sustain itself after the project."),
        ),
    ),
)

PHASES = (
    (25, _("initiative and design")),
    (50, _("experiment and execution")),
    (75, _("expansion and monitoring")),
    (101, _("consolidation and transformation")),
)


def phase(share: float | None) -> tuple[int, Any] | None:
    """The phase (1 to 4, with its name) for a cluster's share of relevant elements present."""
    if share is None:
        return None
    for number, (below, name) in enumerate(PHASES, start=1):
        if share < below:
            return number, name
    return 4, PHASES[-1][1]


def element_keys() -> list[str]:
    return [f"{c.key}.{i}" for c in CLUSTERS for i in range(len(c.elements))]
