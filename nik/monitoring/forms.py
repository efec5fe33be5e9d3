from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nik.core.forms import choice
from nik.core.models import Region

from .formulas import FORMULAS, of_region
from .models import Measure, Settings


class TypedValueForm(forms.Form):
    """A value no record gives (a survey held outside NIK, say), with its source."""

    key = forms.ChoiceField(label=_("Indicator"))
    period_start = forms.DateField(
        label=_("A day in the quarter"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    value = forms.FloatField(label=_("Value"), min_value=0, max_value=100_000)
    source = forms.CharField(label=_("Source and date of the figure"), max_length=200)

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The built-in indicators a record may miss, and the region's own typed-in ones.
        choice(self, "key").choices = [
            (f.key, f.name) for f, stored in of_region(region) if not f.snapshot and f.key == stored
        ]


class MeasureForm(forms.ModelForm):
    """How one of the region's own indicators is measured."""

    formula = forms.ChoiceField(label=_("Computed as"), required=False)

    class Meta:
        model = Measure
        fields = ["formula", "target", "higher_is_better"]
        localized_fields = ["target"]  # "7,5" in Dutch
        widgets = {"target": forms.TextInput(attrs={"inputmode": "decimal"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        formula = choice(self, "formula")
        formula.choices = [("", _("typed in (no record gives it)"))] + [
            (f.key, f.name) for f in FORMULAS
        ]
        formula.help_text = _(
            "A building block computes the figure from the records, with your target; leave the "
            "target empty for the block's own."
        )
        self.fields["higher_is_better"].help_text = _("Only for a figure that is typed in.")


class SettingsForm(forms.ModelForm):
    class Meta:
        model = Settings
        fields = ["family_interval_days"]
