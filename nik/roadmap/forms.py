from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Milestone, StepStatus


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=StepStatus.choices)


class AnswerForm(forms.Form):
    question = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    answer = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 3}))


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "result", "criteria", "owner", "start", "due", "status", "critical"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "result": forms.Textarea(attrs={"rows": 2}),
            "criteria": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("start") and data.get("due") and data["start"] > data["due"]:
            self.add_error("start", _("The start is after the due date."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class PlanForm(forms.ModelForm):
    class Meta:
        from .models import PlanOfApproach

        model = PlanOfApproach
        fields = [
            "goal",
            "target_group",
            "scope",
            "partners",
            "results_short",
            "results_long",
            "milestones_summary",
            "monitoring",
        ]
        widgets = {
            f: forms.Textarea(attrs={"rows": 3})
            for f in [
                "goal",
                "scope",
                "partners",
                "results_short",
                "results_long",
                "milestones_summary",
                "monitoring",
            ]
        }

    def __init__(self, *args, region=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        from nik.network.models import TargetGroup

        self.fields["target_group"].queryset = TargetGroup.objects.filter(region=region)
        self.fields["target_group"].label_from_instance = lambda g: (
            f"versie {g.version}: {g.age_min}–{g.age_max} jaar"
        )


class BudgetLineForm(forms.Form):
    item = forms.CharField(label=_("Budget line"), required=False, max_length=200)
    amount = forms.DecimalField(
        label=_("Amount (euro)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    paid_by = forms.CharField(label=_("Paid by"), required=False, max_length=200)

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("item") and (data.get("amount") is None or not data.get("paid_by")):
            self.add_error("amount", _("Each budget line needs an amount and who pays it."))
        return data


class BudgetTotalForm(forms.Form):
    total = forms.DecimalField(
        label=_("Total of the budget (euro)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )


BudgetFormSet = forms.formset_factory(BudgetLineForm, extra=2)


class EventForm(forms.ModelForm):
    class Meta:
        from .models import Event

        model = Event
        fields = [
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "location",
            "description",
            "invitees",
            "attendees",
            "outcomes",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcomes": forms.Textarea(attrs={"rows": 3}),
            "invitees": forms.SelectMultiple(attrs={"size": 8}),
            "attendees": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, region=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        from nik.core.models import Professional

        people = Professional.objects.filter(region=region).select_related("organization")
        for name in ("invitees", "attendees"):
            self.fields[name].queryset = people
            self.fields[name].required = False
            self.fields[name].label_from_instance = lambda p: (
                f"{p.full_name} — {p.organization.name}"
            )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The end must be after the start."))
        return data


class ActionItemForm(forms.Form):
    what = forms.CharField(label=_("Action"), max_length=250)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None)
    due = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, region=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        from nik.core.models import User

        self.fields["owner"].queryset = (
            User.objects.filter(memberships__region=region)
            .exclude(memberships__role="parent")
            .distinct()
        )
