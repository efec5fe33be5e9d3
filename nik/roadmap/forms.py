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
