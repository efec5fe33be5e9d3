from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nik.core.forms import Picker, label_with, model_choice
from nik.core.models import Professional, Region

from .models import Course, Session

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
