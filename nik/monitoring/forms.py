from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nik.core.forms import choice

from .formulas import FORMULAS


class TypedValueForm(forms.Form):
    """A value no record gives (a survey held outside NIK, say), with its source."""

    key = forms.ChoiceField(label=_("Indicator"))
    period_start = forms.DateField(
        label=_("A day in the quarter"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    value = forms.FloatField(label=_("Value"), min_value=0, max_value=100_000)
    source = forms.CharField(label=_("Source and date of the figure"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice(self, "key").choices = [(f.key, f.name) for f in FORMULAS if not f.snapshot]
