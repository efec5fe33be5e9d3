"""The ten steps of the basismodel, in the project's own words (the facts from the seed, not its
sentences), in English here and in Dutch in the catalog like every other text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    number: int
    title: Any  # lazy texts: read in the reader's language
    what: Any
    lessons: list[Any]
    yields: list[Any]
    questions: list[Any]
    deliverables: list[tuple[Any, str]] = field(
        default_factory=list
    )  # (label, url name taking the region slug)


STEPS: list[Step] = [
    Step(
        1,
        _("Share your problem and idea"),
        _(
            "Talk with a few parents and professionals you already know about the problem the network should solve in your region."
        ),
        [
            _("Have parents think along from the first conversation."),
            _("Map the problem together with parents."),
        ],
        [_("A problem that parents, children and professionals recognise and share.")],
        [_("What view did parents and children bring, and how did it change the problem?")],
        [(_("Problem statement"), "network:problem_statement")],
    ),
    Step(
        2,
        _("Take a photo together"),
        _(
            "Map with everyone involved who cares for seriously ill children today, what each can contribute, and whom the network is for."
        ),
        [
            _("Start with the hospitals: they are the first link."),
            _("Tell each other what you can and cannot solve."),
            _("Check that everyone means the same by the target group."),
        ],
        [
            _("A view of who does what and who is still missing."),
            _("A clearly defined target group."),
        ],
        [
            _("Do you know everyone in the network and what they can contribute?"),
            _("Do you have their names and contact details?"),
            _("Where is the network strong, and where weak?"),
            _("Are all the organisations needed involved?"),
        ],
        [
            (_("Register"), "network:organizations"),
            (_("Stakeholder analysis"), "network:stakeholders"),
            (_("White spots"), "network:gaps"),
            (_("Target group"), "network:target_group"),
        ],
    ),
    Step(
        3,
        _("Look ahead"),
        _(
            "Outline the plan of approach with the partners: goal, target group, area, partners, results, milestones, monitoring and budget."
        ),
        [
            _("Do not take on too much in one meeting."),
            _("Agree how to deal with children from outside the region."),
            _(
                "Without the university hospital and its Kinder Comfort Team, referrals do not get going."
            ),
        ],
        [
            _("A shared picture of where the network is heading."),
            _("Clear expectations between the partners."),
        ],
        [
            _("Are we doing the right things to reach our goals?"),
            _("Does the shared interest come before each partner's own?"),
            _("Is it clear how much room the people doing the work get to take part?"),
        ],
        [(_("Plan of approach"), "roadmap:plan"), (_("Indicators"), "roadmap:indicators")],
    ),
    Step(
        4,
        _("Ask for commitment and make agreements"),
        _(
            "Ask directors to join, and record who does what, who invests what, and who is the fixed contact person."
        ),
        [
            _("Record agreements in a cooperation agreement and review them every six months."),
            _("Consider placing the coordination with youth health care."),
        ],
        [
            _("A clear way of working and division of tasks."),
            _("Agreements about funding."),
            _("An overview of ambassadors and of the route for families."),
        ],
        [
            _("Do the people doing the work know what the directors agreed?"),
            _("Do problems from practice and what parents bring in reach the directors?"),
            _("Do staff have enough mandate to spend hours on the network?"),
        ],
        [
            (_("Cooperation agreement"), "roadmap:agreement"),
        ],
    ),
    Step(
        5,
        _("Make the plan of approach concrete"),
        _(
            "Make concrete with all partners who does what: project structure, milestone planning, conditions (privacy too), communication and learning together."
        ),
        [
            _("Have the steering group and the network share experiences regularly."),
            _("Have a parent check whether what you make is usable."),
            _("Make a leaflet for parents and one for professionals."),
        ],
        [
            _("A concrete plan for the coming period."),
            _("Information for parents and professionals, and a wegwijzer."),
        ],
        [
            _("How often and in what form do you learn together from complex cases?"),
            _(
                "What message is central to the leaflet, and does it fit a wider communication plan?"
            ),
        ],
        [
            (_("Milestones"), "roadmap:milestones"),
            (_("Wegwijzer"), "directory:regional"),
            (_("Learning together"), "casework:together"),
        ],
    ),
    Step(
        6,
        _("Organise a kick-off"),
        _(
            "Celebrate the start with everyone involved, directors and practitioners together, in an informal setting."
        ),
        [
            _("Invite both the directors and the people doing the work."),
            _("Keep it small and personal: working together starts with knowing each other."),
        ],
        [_("Enthusiasm to start together."), _("Ideas for working together.")],
        [
            _(
                "Does everyone share the picture of goal and activities, and does each know their contribution?"
            )
        ],
        [(_("Meetings"), "roadmap:events")],
    ),
    Step(
        7,
        _("Pay attention to training"),
        _(
            "Make a training plan from what network members and families need; start with the basic course together."
        ),
        [
            _("Take the basic course (three days) together at the start."),
            _("Learn the GIZ method to assess needs together with families."),
        ],
        [_("More expertise, more commitment and better cooperation.")],
        [
            _(
                "How do you organise challenge from outside, so you keep some distance from the daily bumps?"
            )
        ],
        [(_("Training"), "learning:catalogue")],
    ),
    Step(
        8,
        _("Carry out the activities"),
        _(
            "Do what the plan and the milestones describe, share out the tasks, and discuss progress and problems regularly."
        ),
        [
            _("It does not happen by itself: it takes time and focus from everyone."),
            _("Involve parents in making products."),
        ],
        [_("Better, continuous care that fits the child and the family.")],
        [
            _("Are we together doing the right things for our goals?"),
            _("How many children are in the network, and is that what we expected?"),
        ],
        [
            (_("Referrals"), "families:referrals"),
            (_("Questions"), "families:inquiries"),
            (_("Learning together"), "casework:together"),
        ],
    ),
    Step(
        9,
        _("Monitor, evaluate and adjust"),
        _(
            "Measure along the way what the cooperation yields, for families and for network members, and adjust."
        ),
        [
            _("Compare how families and professionals experience the care."),
            _("Share results along the way and learn from them."),
            _("Mirror conversations with parents work well."),
        ],
        [_("A view of what works, and direct improvements.")],
        [
            _(
                "Do the experiences of families and of care providers match, and what do the differences teach?"
            )
        ],
        [
            (_("Indicators"), "roadmap:indicators"),
            (_("Results"), "monitoring:dashboard"),
            (_("Mirror conversations"), "casework:conversations"),
        ],
    ),
    Step(
        10,
        _("Keep developing"),
        _(
            "Look back, learn from case discussions and take new steps; steps may be taken again, also for a wider target group."
        ),
        [
            _(
                "Insights from multidisciplinary meetings become new policy, discussed with the network and the steering group."
            )
        ],
        [_("A shared picture of the future and the conditions for new steps.")],
        [
            _(
                "Do you switch enough between practice and directors, and does what you learn come back into earlier steps?"
            )
        ],
        [
            (_("Lessons and proposals"), "roadmap:proposals"),
            (_("Meetings"), "roadmap:events"),
            (_("Case discussions"), "casework:together"),
        ],
    ),
]
