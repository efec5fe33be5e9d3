from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from nik.core.concurrency import VersionedForm
from nik.core.forms import choice, label_with, model_choice
from nik.core.models import Organization, Professional, Region
from nik.core.textcheck import TextCheckedForm
from nik.network.models import TargetGroup

from .actions import AGREEMENT_TEXTS, EVENT_TEXTS, MILESTONE_TEXTS, PLAN_TEXTS
from .models import (
    Agreement,
    AgreementParty,
    Event,
    Indicator,
    Milestone,
    PlanOfApproach,
    Proposal,
    ReviewLevel,
    StepStatus,
    StructurePart,
    region_workers,
)


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "definition", "unit", "target", "source"]
        widgets = {"definition": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, region: Region | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.region = region

    def clean_name(self) -> Any:
        name = self.cleaned_data["name"].strip()
        clash = Indicator.objects.filter(region=self.instance.region, name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This region already has an indicator with this name."))
        return name

    def validate_unique(self) -> None:  # checked in clean_name() with a clearer message
        pass


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=StepStatus.choices)


class AnswerForm(TextCheckedForm, forms.Form):
    name_checked = ("answer",)

    question = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    answer = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 3}))


class MilestoneForm(TextCheckedForm, forms.ModelForm):
    name_checked = MILESTONE_TEXTS

    class Meta:
        model = Milestone
        fields = [
            "title",
            "result",
            "criteria",
            "owner",
            "owner_user",
            "start",
            "due",
            "status",
            "critical",
        ]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "result": forms.Textarea(attrs={"rows": 2}),
            "criteria": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, region: Region | None = None, **kwargs: Any) -> None:
        super().__init__(*args, region=region, **kwargs)
        model_choice(self, "owner_user").queryset = region_workers(region)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("start") and data.get("due") and data["start"] > data["due"]:
            self.add_error("start", _("The start is after the due date."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class PlanForm(TextCheckedForm, forms.ModelForm):
    name_checked = PLAN_TEXTS

    class Meta:
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
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in PLAN_TEXTS}

    def __init__(self, *args: Any, region: Region | None = None, **kwargs: Any) -> None:
        super().__init__(*args, region=region, **kwargs)
        model_choice(self, "target_group").queryset = TargetGroup.objects.filter(region=region)
        label_with(
            model_choice(self, "target_group"),
            lambda g: f"versie {g.version}: {g.age_min}–{g.age_max} jaar",
        )


class BudgetLineForm(forms.Form):
    item = forms.CharField(label=_("Budget line"), required=False, max_length=200)
    amount = forms.DecimalField(
        label=_("Amount (euro)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    paid_by = forms.CharField(label=_("Paid by"), required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
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


class EventForm(TextCheckedForm, forms.ModelForm):
    name_checked = EVENT_TEXTS

    class Meta:
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

    def __init__(self, *args: Any, region: Region | None = None, **kwargs: Any) -> None:
        super().__init__(*args, region=region, **kwargs)
        people = Professional.objects.filter(region=region).select_related("organization")
        for name in ("invitees", "attendees"):
            model_choice(self, name).queryset = people
            self.fields[name].required = False
            label_with(model_choice(self, name), lambda p: f"{p.full_name} — {p.organization.name}")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The end must be after the start."))
        return data


class ActionItemForm(TextCheckedForm, forms.Form):
    name_checked = ("what",)

    what = forms.CharField(label=_("Action"), max_length=250)
    owner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Owner"), queryset=None)
    due = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, region: Region | None = None, **kwargs: Any) -> None:
        super().__init__(*args, region=region, **kwargs)
        model_choice(self, "owner").queryset = region_workers(region)


# The agreement ------------------------------------------------------------------------------

DATE = {"type": "date"}


class AgreementForm(TextCheckedForm, VersionedForm, forms.ModelForm):
    name_checked = AGREEMENT_TEXTS

    class Meta:
        model = Agreement
        fields = [
            "principles",
            "working_method",
            "routing",
            "financing",
            "signed_on",
            "review_months",
            "next_review",
        ]
        widgets = {
            "principles": forms.Textarea(attrs={"rows": 4}),
            "working_method": forms.Textarea(attrs={"rows": 4}),
            "routing": forms.Textarea(attrs={"rows": 6}),
            "financing": forms.Textarea(attrs={"rows": 3}),
            "signed_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "next_review": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        }

    def clean_signed_on(self) -> Any:
        day = self.cleaned_data.get("signed_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The signing date cannot be in the future."))
        return day

    def clean_next_review(self) -> Any:
        day = self.cleaned_data.get("next_review")
        changed = day != self.instance.next_review
        if day and changed and day < timezone.localdate():
            raise forms.ValidationError(
                _("The next review cannot be in the past. Record a held review below instead.")
            )
        return day


class PartyForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = AgreementParty
        fields = [
            "organization",
            "contact_person",
            "ambassador",
            "roles",
            "tasks",
            "authority",
            "hours_per_month",
            "money",
            "signed_on",
        ]
        widgets = {
            "roles": forms.Textarea(attrs={"rows": 2}),
            "tasks": forms.Textarea(attrs={"rows": 2}),
            "authority": forms.Textarea(attrs={"rows": 2}),
            "signed_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, region: Region | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "organization").queryset = Organization.objects.filter(region=region)
        people = Professional.objects.filter(region=region).select_related("organization")
        for name in ("contact_person", "ambassador"):
            model_choice(self, name).queryset = people
            label_with(model_choice(self, name), lambda p: f"{p.full_name} — {p.organization.name}")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        org = data.get("organization")
        for name in ("contact_person", "ambassador"):
            person = data.get(name)
            if person and org and person.organization_id != org.pk:
                self.add_error(
                    name,
                    _("%(person)s works for %(other)s, not for %(org)s.")
                    % {"person": person.full_name, "other": person.organization, "org": org},
                )
        if data.get("signed_on") and data["signed_on"] > timezone.localdate():
            self.add_error("signed_on", _("The signing date cannot be in the future."))
        agreement = self.instance.agreement if self.instance.agreement_id else None
        if org and agreement is not None:
            clash = AgreementParty.objects.filter(agreement=agreement, organization=org)
            if clash.exclude(pk=self.instance.pk).exists():
                self.add_error("organization", _("This organisation is already in the agreement."))
        return data

    def validate_unique(self) -> None:  # checked in clean() with a clearer message
        pass


class RoleForm(forms.Form):
    part = forms.ChoiceField(label=_("Part of the project structure"))
    person: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Person"), queryset=None)
    task = forms.CharField(label=_("Role, tasks and authority"), max_length=300, required=False)

    def __init__(self, *args: Any, region: Region | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice(self, "part").choices = StructurePart.choices
        model_choice(self, "person").queryset = Professional.objects.filter(
            region=region
        ).select_related("organization")
        label_with(model_choice(self, "person"), lambda p: f"{p.full_name} — {p.organization.name}")


class ReviewForm(TextCheckedForm, forms.Form):
    name_checked = ("outcome",)

    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs=DATE))
    level = forms.ChoiceField(label=_("Checked by"))
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}))
    next_review = forms.DateField(
        label=_("Next review"),
        widget=forms.DateInput(attrs=DATE),
        required=False,
        help_text=_("Empty: the review interval after the date held."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice(self, "level").choices = ReviewLevel.choices


# Develop further ---------------------------------------------------------------------------


class ProposalForm(TextCheckedForm, forms.ModelForm):
    name_checked = ("title", "lesson", "proposal")

    class Meta:
        model = Proposal
        fields = ["title", "lesson", "proposal", "event"]
        widgets = {
            "lesson": forms.Textarea(attrs={"rows": 3}),
            "proposal": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, region: Region | None = None, **kwargs: Any) -> None:
        super().__init__(*args, region=region, **kwargs)
        model_choice(self, "event").queryset = Event.objects.filter(region=region)
        label_with(
            model_choice(self, "event"),
            lambda e: f"{e.title} ({date_format(timezone.localtime(e.starts_at), 'j F Y')})",
        )


class DecisionForm(TextCheckedForm, forms.Form):
    name_checked = ("decision",)

    discussed_on = forms.DateField(
        label=_("Discussed with the steering group on"), widget=forms.DateInput(attrs=DATE)
    )
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[("adopted", _("adopted")), ("declined", _("declined"))],
        widget=forms.RadioSelect,
    )
    decision = forms.CharField(
        label=_("What the steering group said"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
