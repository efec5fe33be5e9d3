from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q
from django.forms import formset_factory
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from nik.core.forms import Picker, label_with, model_choice
from nik.core.models import Professional, Region

from .models import Course, Session, TrainingNeed

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = ["title", "kind", "provider", "hours", "points", "disciplines", "description"]
        widgets = {
            "disciplines": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["course", "starts_at", "ends_at", "place", "capacity", "trainer"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "course").queryset = Course.objects.filter(
            Q(region=region) | Q(region__isnull=True)
        )
        for name in ("starts_at", "ends_at"):
            cast(forms.DateTimeField, self.fields[name]).input_formats = ["%Y-%m-%dT%H:%M"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("A session ends after it starts."))
        return data


class EnrolSomeoneForm(Picker, forms.Form):
    """A coordinator enrols a professional of the register, found by a search."""

    professional: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Professional"), queryset=None, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, region: Region, search: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = model_choice(self, "professional")
        field.queryset = Professional.objects.filter(region=region).select_related("organization")
        label_with(field, lambda p: f"{p.full_name} — {p.organization.name}")
        found = (
            field.queryset.filter(
                Q(full_name__icontains=search) | Q(organization__name__icontains=search)
            )
            if search
            else field.queryset.none()
        )
        self.offer(field, found.order_by("full_name", "pk"))


class NeedForm(forms.ModelForm):
    class Meta:
        model = TrainingNeed
        fields = ["topic", "discipline"]


class PlanNoteForm(forms.Form):
    note = forms.CharField(
        label=_("What the plan answers"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PlanLineForm(forms.Form):
    what = forms.CharField(label=_("What"), max_length=300, required=False)
    course: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Course"), queryset=None, required=False
    )
    need: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Answers the need"), queryset=None, required=False
    )
    month = forms.TypedChoiceField(
        label=_("Month"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *[(m, MONTHS[m]) for m in range(1, 13)]],
    )
    amount = forms.DecimalField(
        label=_("Budget (€)"), required=False, min_value=0, max_digits=10, decimal_places=2
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "course").queryset = Course.objects.filter(
            Q(region=region) | Q(region__isnull=True)
        )
        model_choice(self, "need").queryset = TrainingNeed.objects.filter(region=region)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("what") and (data.get("course") or data.get("amount")):
            self.add_error("what", _("Say what will be learnt."))
        return data


PlanLineFormSet = formset_factory(PlanLineForm, extra=2)


class FamilyNeedForm(forms.Form):
    topic = forms.CharField(
        label=_("What should the professionals around your child learn or do better?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
