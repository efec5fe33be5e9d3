"""What one version of a family's plan (IZP) holds, as typed data.

A version is a whole snapshot, so versions compare field by field and nothing is lost.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any, Literal

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pydantic import (
    BaseModel,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    model_validator,
)

DOMAINS: list[tuple[str, object]] = [
    ("physical", _("Physical")),
    ("psychological", _("Psychological")),
    ("social", _("Social")),
    ("upbringing_school", _("Upbringing and school")),
    ("spiritual", _("Spiritual")),
    ("safety", _("Safety")),
    ("family", _("The family: parents' load, brothers and sisters")),
    ("practical_financial", _("Practical and financial")),
]
DomainKey = Literal[
    "physical",
    "psychological",
    "social",
    "upbringing_school",
    "spiritual",
    "safety",
    "family",
    "practical_financial",
]
# The same parts as parents read them: plain words, no professional headings (issue 14, point 3).
PARENT_DOMAINS: dict[str, object] = {
    "physical": _("Your child's body and health"),
    "psychological": _("Feelings and worries"),
    "social": _("Friends, family and others around you"),
    "upbringing_school": _("Raising your child, and school"),
    "spiritual": _("What gives meaning and hope"),
    "safety": _("Safety"),
    "family": _("You as parents, and brothers and sisters"),
    "practical_financial": _("Practical matters and money"),
}
ActionStatus = Literal["planned", "in_progress", "done", "cancelled"]
ACTION_STATUSES: list[tuple[str, object]] = [
    ("planned", _("planned")),
    ("in_progress", _("in progress")),
    ("done", _("done")),
    ("cancelled", _("cancelled")),
]
DecisionTopic = Literal["treatment_limits", "resuscitation", "place_of_care", "other"]
DECISION_TOPICS: list[tuple[str, object]] = [
    ("treatment_limits", _("limits of treatment")),
    ("resuscitation", _("resuscitation")),
    ("place_of_care", _("preferred place of care")),
    ("other", _("other")),
]
# What came of a goal, recorded when the plan is evaluated ("" until then).
GoalOutcome = Literal["", "reached", "partly", "not_reached"]
GOAL_OUTCOMES: list[tuple[str, object]] = [
    ("reached", _("reached")),
    ("partly", _("partly reached")),
    ("not_reached", _("not reached")),
]


class Goal(BaseModel):
    text: str = Field(min_length=1)
    target: str = Field(min_length=1, description="When is the goal reached?")
    evaluate_on: date | None = None
    outcome: GoalOutcome = ""
    outcome_note: str = ""

    @property
    def outcome_label(self) -> str:
        return str(dict(GOAL_OUTCOMES).get(self.outcome, ""))


class Action(BaseModel):
    what: str = Field(min_length=1)
    who: str = Field(min_length=1, description="Owner of the action")
    due: date | None = None
    status: ActionStatus = "planned"
    service: str = ""  # a wegwijzer service's id
    _service_name: str = PrivateAttr(default="")  # set for reading, see `PlanContent.name_services`

    @property
    def service_name(self) -> str:
        return self._service_name

    @property
    def status_label(self) -> str:
        return str(dict(ACTION_STATUSES)[self.status])


class Domain(BaseModel):
    key: DomainKey
    situation: str = ""
    strengths: str = ""
    needs: str = ""
    goals: list[Goal] = []
    actions: list[Action] = []


class Decision(BaseModel):
    topic: DecisionTopic
    decision: str = Field(min_length=1)
    decided_on: date
    agreed_by: str = Field(min_length=1)

    @property
    def topic_label(self) -> str:
        return str(dict(DECISION_TOPICS)[self.topic])


class PlanContent(BaseModel):
    # Plan data
    plan_date: date
    discussed_with_child_on: date | None = None
    discussed_with_parents_on: date | None = None
    discussed_with_physician_on: date | None = None
    next_evaluation_on: date | None = None
    next_acp_talk_on: date | None = None
    drawn_up_by: str = ""
    summary_of_changes: str = ""
    # General
    situation: str = ""
    child_knows: str = ""
    language: str = ""
    living_situation: str = ""
    weight_kg: float | None = Field(default=None, gt=0, lt=250)
    length_cm: float | None = Field(default=None, gt=0, lt=250)
    measured_on: date | None = None
    allergies: str = ""
    # Per domain
    domains: list[Domain] = []
    # The family's own words
    wishes: str = ""
    wishes_approved_on: date | None = None
    wishes_approved_by: str = ""
    # Proactive care planning
    decisions: list[Decision] = []
    legal_representatives: str = ""
    # Acute situations
    acute_what_to_do: str = ""
    acute_whom_to_call: str = ""
    acute_tell_ambulance: str = ""
    # Aftercare
    aftercare: str = ""

    @model_validator(mode="after")
    def _dates_make_sense(self, info: ValidationInfo) -> PlanContent:
        # Stored versions are read with `stored`: a plan whose dates no longer agree must still
        # open, with the problem shown (see `load_stored`); new input is always checked.
        if not (info.context or {}).get("stored"):
            problems = self.date_problems()
            if problems:
                raise ValueError(problems[0])
        return self

    def date_problems(self) -> list[str]:
        if self.next_evaluation_on and self.next_evaluation_on < self.plan_date:
            return [gettext("The evaluation date is before the plan date.")]
        return []

    def domain(self, key: str) -> Domain:
        for d in self.domains:
            if d.key == key:
                return d
        found = Domain(key=key)  # type: ignore[arg-type]
        self.domains.append(found)
        return found

    def filled_domains(self) -> list[tuple[str, object, Domain]]:
        """The domains with anything written in them: a printed plan leaves out empty ones."""
        return [
            (key, label, d)
            for key, label, d in self.sorted_domains()
            if d.situation or d.strengths or d.needs or d.goals or d.actions
        ]

    def empty_domains(self) -> list[str]:
        filled = {key for key, _label, _d in self.filled_domains()}
        return [str(label) for key, label in DOMAINS if key not in filled]

    def service_ids(self) -> set[str]:
        return {a.service for d in self.domains for a in d.actions if a.service.isdigit()}

    def name_services(self, names: dict[str, str]) -> PlanContent:
        """Give each action its wegwijzer service's name, for reading (`names` by id)."""
        for domain in self.domains:
            for action in domain.actions:
                action._service_name = names.get(action.service, "")
        return self

    def for_parents(self) -> list[tuple[object, Domain]]:
        """The domains with goals or actions, under the names parents read."""
        return [
            (PARENT_DOMAINS[key], d)
            for key, _label, d in self.sorted_domains()
            if d.goals or d.actions
        ]

    def sorted_domains(self) -> list[tuple[str, object, Domain]]:
        by_key = {d.key: d for d in self.domains}
        return [(key, label, by_key.get(key) or Domain(key=key)) for key, label in DOMAINS]  # type: ignore[call-overload,arg-type]


def _drop(raw: Any, loc: tuple[int | str, ...]) -> bool:
    """Remove the value at `loc` from nested dicts and lists; False when there was nothing to drop."""
    if not loc:
        return False
    node = raw
    for part in loc[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    last = loc[-1]
    if isinstance(node, dict) and last in node:
        del node[last]
        return True
    if isinstance(node, list) and isinstance(last, int) and 0 <= last < len(node):
        node.pop(last)
        return True
    return False


# The names people know the parts of the plan by (the same texts as the section forms').
FIELD_LABELS = {
    "plan_date": _("Plan date"),
    "next_evaluation_on": _("Next evaluation on"),
    "next_acp_talk_on": _("Next talk about care ahead (ACP) on"),
    "discussed_with_child_on": _("Discussed with the child on"),
    "discussed_with_parents_on": _("Discussed with the parents on"),
    "discussed_with_physician_on": _("Discussed with the lead physician on"),
    "weight_kg": _("Weight (kg)"),
    "length_cm": _("Length (cm)"),
    "measured_on": _("Measured on"),
    "wishes_approved_on": _("Wishes and values of the family"),
    "domains": _("Domains"),
    "decisions": _("Decisions made ahead of time"),
}


def _where(loc: tuple[int | str, ...]) -> str:
    if not loc:
        return gettext("the plan")
    label = FIELD_LABELS.get(str(loc[0]))
    if label is None:
        return ".".join(str(part) for part in loc)
    rest = [str(p + 1) if isinstance(p, int) else str(p) for p in loc[1:2]]
    return " ".join([str(label), *rest])


def _value_at(raw: Any, loc: tuple[int | str, ...]) -> str:
    node = raw
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return ""
    text = str(node)
    return text if len(text) <= 40 else text[:40] + "…"


def load_stored(raw: Any) -> tuple[PlanContent, list[str]]:
    """A stored version as typed content, also when it no longer validates.

    A version saved under older rules (or dates that drifted apart) must still open for
    editing: what does not fit is left out of the typed content and named in the problems,
    so the page can show it and publishing can refuse until it is mended.
    """
    try:
        content = PlanContent.model_validate(raw)
    except ValidationError:
        pass
    else:
        return content, []
    problems: list[str] = []
    reported: set[tuple[int | str, ...]] = set()
    data = copy.deepcopy(raw) if isinstance(raw, dict) else {}
    for _attempt in range(50):
        try:
            content = PlanContent.model_validate(data, context={"stored": True})
        except ValidationError as error:
            dropped = False
            # Deepest and last first, so dropping a list item does not shift the next one.
            errors = sorted(
                error.errors(),
                key=lambda e: [(1, 0, p) if isinstance(p, str) else (0, p, "") for p in e["loc"]],
                reverse=True,
            )
            for item in errors:
                loc = tuple(item["loc"])
                if loc == ("plan_date",) and "plan_date" not in data:
                    data["plan_date"] = timezone.localdate().isoformat()
                    dropped = True
                    if loc in reported:
                        continue
                else:
                    # A bad part of a list item takes the item with it (a domain without a key is
                    # no domain); a bad plain field is left out on its own.
                    items = [i for i, part in enumerate(loc) if isinstance(part, int)]
                    dropped = _drop(data, loc[: items[-1] + 1] if items else loc) or dropped
                reported.add(loc)
                value = _value_at(raw, loc)
                problems.append(
                    gettext(
                        "%(where)s: the stored value “%(value)s” does not fit and is left out. "
                        "Fill it in again."
                    )
                    % {"where": _where(loc), "value": value}
                    if value
                    else gettext("%(where)s is missing or incomplete and is left out.")
                    % {"where": _where(loc)}
                )
            if not dropped:
                break
        else:
            return content, problems + content.date_problems()
    content = PlanContent(plan_date=timezone.localdate())
    return content, [*problems, gettext("The stored plan could not be read.")]
