from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nik.core.forms import WebsiteField, model_choice
from nik.core.models import Organization, Region

from .models import Category, Financing, Service

LANGUAGES = [
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
    ("pl", _("Polish")),
]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("What are you looking for?"), required=False, max_length=10_000)
    category = forms.ChoiceField(
        label=_("Kind of help"), required=False, choices=[("", _("all")), *Category.choices]
    )
    age = forms.IntegerField(label=_("Age of the child"), required=False, min_value=0, max_value=30)
    financing = forms.ChoiceField(
        label=_("Paid by"), required=False, choices=[("", _("all")), *Financing.choices]
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("all"))] + LANGUAGES
    )
    near = forms.CharField(label=_("Near (postcode or place)"), required=False, max_length=100)

    def clean_q(self) -> str:
        # Very long input is cut, not refused: the first words are what people mean.
        return self.cleaned_data["q"][:200]


class ServiceForm(forms.ModelForm):
    financing = forms.MultipleChoiceField(
        label=_("Financing"),
        choices=Financing.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    website = WebsiteField(label=_("website"), required=False)

    class Meta:
        model = Service
        fields = [
            "organization",
            "name",
            "description",
            "for_whom",
            "category",
            "age_min",
            "age_max",
            "financing",
            "cost",
            "languages",
            "address",
            "postcode",
            "city",
            "phone",
            "email",
            "website",
            "contact_name",
            "contact_email",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, region: Region | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if region is not None:
            model_choice(self, "organization").queryset = Organization.objects.filter(region=region)
        if self.instance.pk and not self.is_bound:
            self.initial["financing"] = self.instance.financing_codes()
            self.initial["languages"] = self.instance.language_codes()

    def clean_financing(self) -> str:
        return ",".join(self.cleaned_data["financing"])

    def clean_languages(self) -> str:
        return ",".join(self.cleaned_data["languages"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if (
            data.get("age_min") is not None
            and data.get("age_max") is not None
            and data["age_min"] > data["age_max"]
        ):
            self.add_error("age_min", _("The lowest age cannot be above the highest age."))
        return data


class ReportForm(forms.Form):
    message = forms.CharField(
        label=_("What is not right?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    email = forms.EmailField(label=_("Your e-mail address (if you want an answer)"), required=False)
