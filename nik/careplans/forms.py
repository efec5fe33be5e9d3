from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nik.core.forms import SearchPicker, choice

from .content import ACTION_STATUSES, DECISION_TOPICS, DOMAINS, GOAL_OUTCOMES
from .models import NeedsAssessment

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})
# Fields whose text parents read in their own view of the plan: the professional writing there
# gets a gentle hint about words that frighten or confuse parents (see `gentle.py`).
PARENTS_READ = {"data-parents-read": "true"}


def _date(label: Any, required: bool = False) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE)


def _text(label: Any, parents_read: bool = False) -> forms.CharField:
    attrs = {"rows": 3, **(PARENTS_READ if parents_read else {})}
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs=attrs))


SECTIONS: dict[str, dict[str, Any]] = {
    "plan": {
        "title": _("Plan details"),
        "fields": lambda: {
            "plan_date": _date(_("Plan date"), required=True),
            "discussed_with_child_on": _date(_("Discussed with the child on")),
            "discussed_with_parents_on": _date(_("Discussed with the parents on")),
            "discussed_with_physician_on": _date(_("Discussed with the lead physician on")),
            "next_evaluation_on": _date(_("Next evaluation on")),
            "next_acp_talk_on": _date(_("Next talk about care ahead (ACP) on")),
            "drawn_up_by": forms.CharField(label=_("Drawn up by"), required=False),
            "summary_of_changes": _text(_("Summary of changes")),
        },
    },
    "general": {
        "title": _("General information"),
        "fields": lambda: {
            "situation": _text(_("The child's situation")),
            "child_knows": _text(_("What the child knows of the illness, and in which words")),
            "language": forms.CharField(label=_("Language"), required=False),
            "living_situation": _text(_("Living situation")),
            "weight_kg": forms.FloatField(
                label=_("Weight (kg)"), required=False, min_value=0.1, max_value=249
            ),
            "length_cm": forms.FloatField(
                label=_("Length (cm)"), required=False, min_value=1, max_value=249
            ),
            "measured_on": _date(_("Measured on")),
            "allergies": _text(_("Allergies")),
        },
    },
    "wishes": {
        "title": _("Wishes and values of the family"),
        "fields": lambda: {
            "wishes": _text(_("Wishes and values, in the family's words"), parents_read=True)
        },
    },
    "acp": {
        "title": _("Proactive care planning"),
        "fields": lambda: {"legal_representatives": _text(_("Legal representatives"))},
    },
    "acute": {
        "title": _("Acute situations"),
        "fields": lambda: {
            "acute_what_to_do": _text(_("What to do"), parents_read=True),
            "acute_whom_to_call": _text(_("Whom to call"), parents_read=True),
            "acute_tell_ambulance": _text(
                _("What to tell an ambulance or GP on duty"), parents_read=True
            ),
        },
    },
    "aftercare": {
        "title": _("Aftercare for the family"),
        "fields": lambda: {"aftercare": _text(_("Aftercare"))},
    },
}
for key, label in DOMAINS:
    SECTIONS[f"domain-{key}"] = {
        "title": label,
        "domain": key,
        "fields": lambda: {
            "situation": _text(_("Situation")),
            "strengths": _text(_("Strengths")),
            "needs": _text(_("Needs")),
        },
    }


def section_form_class(section: str) -> type[forms.Form]:
    fields = SECTIONS[section]["fields"]()
    fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
    return type("SectionForm", (forms.Form,), fields)


class GoalForm(forms.Form):
    text = forms.CharField(
        label=_("Goal"), required=False, widget=forms.TextInput(attrs=PARENTS_READ)
    )
    target = forms.CharField(
        label=_("Target: when is it reached?"),
        required=False,
        widget=forms.TextInput(attrs=PARENTS_READ),
    )
    evaluate_on = _date(_("Evaluate on"))
    outcome = forms.ChoiceField(
        label=_("Reached? (at the evaluation)"),
        required=False,
        choices=[("", _("not yet evaluated")), *GOAL_OUTCOMES],
    )
    outcome_note = forms.CharField(
        label=_("What came of it"), required=False, widget=forms.TextInput(attrs=PARENTS_READ)
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("text") and not data.get("target"):
            self.add_error("target", _("A goal needs a target: say when it is reached."))
        if data.get("target") and not data.get("text"):
            self.add_error("text", _("Write the goal itself too."))
        return data


class ActionForm(forms.Form):
    what = forms.CharField(
        label=_("Action"), required=False, widget=forms.TextInput(attrs=PARENTS_READ)
    )
    who = forms.CharField(
        label=_("Who"), required=False, widget=forms.TextInput(attrs=PARENTS_READ)
    )
    due = _date(_("By when"))
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ACTION_STATUSES,
    )
    service = forms.ChoiceField(label=_("Help from the wegwijzer"), required=False, choices=[])

    def __init__(
        self,
        *args: Any,
        services: list[tuple[str, str]] | None = None,
        search_url: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = choice(self, "service")
        if search_url:
            field.widget = SearchPicker(search_url, multiple=False)
        field.choices = [("", "—")] + (services or [])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("what") and not data.get("who"):
            self.add_error("who", _("Every action needs an owner."))
        return data


class DecisionForm(forms.Form):
    topic = forms.ChoiceField(
        label=_("About"),
        choices=DECISION_TOPICS,
    )
    decision = forms.CharField(
        label=_("Decision"), required=False, widget=forms.TextInput(attrs=PARENTS_READ)
    )
    decided_on = _date(_("Decided on"))
    agreed_by = forms.CharField(label=_("Agreed by"), required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("decision") and not (data.get("decided_on") and data.get("agreed_by")):
            self.add_error("agreed_by", _("Record when the decision was made and who agreed."))
        return data


GoalFormSet = formset_factory(GoalForm, extra=1)
ActionFormSet = formset_factory(ActionForm, extra=1)
DecisionFormSet = formset_factory(DecisionForm, extra=1)


class WishesForm(forms.Form):
    wishes = forms.CharField(
        label=_("Your wishes and what matters to you"), widget=forms.Textarea(attrs={"rows": 6})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class NeedsAssessmentForm(forms.ModelForm):
    class Meta:
        model = NeedsAssessment
        fields = [
            "variant",
            "held_on",
            "participants",
            "child_strengths",
            "child_concerns",
            "parents_strengths",
            "parents_concerns",
            "surroundings_strengths",
            "surroundings_concerns",
            "nature",
            "severity",
            "urgency",
        ]
        widgets = {
            "held_on": DATE,
            **{
                f: TEXT
                for f in [
                    "child_strengths",
                    "child_concerns",
                    "parents_strengths",
                    "parents_concerns",
                    "surroundings_strengths",
                    "surroundings_concerns",
                    "nature",
                ]
            },
        }


class PublishForm(forms.Form):
    """What publishing a version asks: was it discussed with the parents, and when is the next
    evaluation (issue 14, point 9). The answers go into the version that is published."""

    summary = forms.CharField(label=_("Summary of changes"), required=False, max_length=500)
    discussed = forms.ChoiceField(
        label=_("Have you discussed this version with the parents?"),
        choices=[("yes", _("Yes")), ("no", _("Not yet"))],
        widget=forms.RadioSelect,
    )
    discussed_on = _date(_("Discussed with the parents on"))
    next_evaluation_on = _date(_("Next evaluation on"), required=True)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        today = timezone.localdate()
        if data.get("discussed") == "yes" and not data.get("discussed_on"):
            self.add_error("discussed_on", _("Fill in the date you discussed it with the parents."))
        if data.get("discussed_on") and data["discussed_on"] > today:
            self.add_error("discussed_on", _("This date is in the future."))
        if data.get("discussed") == "no":
            data["discussed_on"] = None
        if data.get("next_evaluation_on") and data["next_evaluation_on"] <= today:
            self.add_error("next_evaluation_on", _("The next evaluation is after today."))
        return data

    @classmethod
    def for_draft(cls, content: Any) -> PublishForm:
        discussed = content.discussed_with_parents_on
        return cls(
            initial={
                "summary": content.summary_of_changes,
                "discussed": "yes" if discussed else "",
                "discussed_on": discussed,
                "next_evaluation_on": content.next_evaluation_on,
            }
        )


class DiscussionForm(forms.Form):
    """Afterwards: the day the published version was discussed with the parents (prefixed: the
    publish form on the same page asks the same for the draft)."""

    prefix = "discussion"

    discussed_on = _date(_("Discussed with the parents on"), required=True)
