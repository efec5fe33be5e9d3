"""What one version of a family's plan (IZP) holds, as typed data.

A version is a whole snapshot, so versions compare field by field and nothing is lost.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, Field, model_validator

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
ActionStatus = Literal["planned", "in_progress", "done", "cancelled"]
DecisionTopic = Literal["treatment_limits", "resuscitation", "place_of_care", "other"]


class Goal(BaseModel):
    text: str = Field(min_length=1)
    target: str = Field(min_length=1, description="When is the goal reached?")
    evaluate_on: date | None = None


class Action(BaseModel):
    what: str = Field(min_length=1)
    who: str = Field(min_length=1, description="Owner of the action")
    due: date | None = None
    status: ActionStatus = "planned"
    service: str = ""  # a link to a wegwijzer service, once the directory exists


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
    def _dates_make_sense(self) -> PlanContent:
        if self.next_evaluation_on and self.next_evaluation_on < self.plan_date:
            raise ValueError("The evaluation date is before the plan date.")
        return self

    def domain(self, key: str) -> Domain:
        for d in self.domains:
            if d.key == key:
                return d
        found = Domain(key=key)  # type: ignore[arg-type]
        self.domains.append(found)
        return found

    def sorted_domains(self) -> list[tuple[str, object, Domain]]:
        by_key = {d.key: d for d in self.domains}
        return [(key, label, by_key.get(key) or Domain(key=key)) for key, label in DOMAINS]  # type: ignore[arg-type]
