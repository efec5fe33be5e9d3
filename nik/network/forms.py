from __future__ import annotations

from typing import Any

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from nik.core.concurrency import VersionedForm
from nik.core.forms import WebsiteField, model_choice
from nik.core.models import (
    Discipline,
    DisciplineCode,
    Municipality,
    Organization,
    OrganizationKind,
    Professional,
    Region,
    Role,
)
from nik.core.textcheck import TextCheckedForm

from .models import (
    ConditionCategory,
    ProblemStatement,
    ProblemStatementParticipant,
    StakeholderAssessment,
    TargetGroup,
)


class OrganizationForm(VersionedForm, forms.ModelForm):
    website = WebsiteField(label=_("Website"), required=False)

    class Meta:
        model = Organization
        fields = [
            "name",
            "kind",
            "municipality",
            "address",
            "phone",
            "email",
            "website",
            "has_comfort_team",
            "expertise",
            "contributes",
            "cannot_contribute",
        ]
        widgets = {
            f: forms.Textarea(attrs={"rows": 3})
            for f in ["expertise", "contributes", "cannot_contribute"]
        }

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.region = region
        model_choice(self, "municipality").queryset = Municipality.objects.filter(region=region)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = Organization.objects.filter(region=self.instance.region, name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("This region already has an organisation with this name.")
            )
        return name


class ProfessionalForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Professional
        fields = [
            "full_name",
            "job_title",
            "organization",
            "disciplines",
            "email",
            "phone",
            "expertise",
            "contributes",
            "cannot_contribute",
        ]
        widgets = {
            "disciplines": forms.CheckboxSelectMultiple,
            **{
                f: forms.Textarea(attrs={"rows": 3})
                for f in ["expertise", "contributes", "cannot_contribute"]
            },
        }

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.region = region
        model_choice(self, "organization").queryset = Organization.objects.filter(region=region)
        model_choice(self, "disciplines").queryset = Discipline.objects.all()


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        required=False,
        choices=[("", _("all")), *OrganizationKind.choices],
    )
    municipality: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Municipality.objects.none(),
        empty_label=_("all"),
    )
    discipline = forms.ChoiceField(
        label=_("Discipline"), required=False, choices=[("", _("all")), *DisciplineCode.choices]
    )
    role = forms.ChoiceField(
        label=_("Role in the network"),
        required=False,
        choices=[
            ("", _("all")),
            ("ambassador", _("ambassador")),
            ("contact_person", _("contact person")),
        ]
        + [
            (r, label)
            for r, label in Role.choices
            if r in {Role.COORDINATOR, Role.CASEMANAGER, Role.MEMBER, Role.STEERING}
        ],
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "municipality").queryset = Municipality.objects.filter(region=region)


class ProblemStatementForm(TextCheckedForm, VersionedForm, forms.ModelForm):
    name_checked = ("question", "idea", "reflection")

    class Meta:
        model = ProblemStatement
        fields = ["question", "idea", "reflection"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in fields}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


ParticipantFormSet = inlineformset_factory(
    ProblemStatement,
    ProblemStatementParticipant,
    fields=["name", "kind", "organization"],
    extra=2,
    can_delete=True,
)


class TargetGroupForm(forms.ModelForm):
    categories = forms.MultipleChoiceField(
        label=_("Condition categories"),
        choices=ConditionCategory.the_four,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = TargetGroup
        fields = [
            "age_min",
            "age_max",
            "categories",
            "broadened",
            "care_use",
            "exceptions",
            "considerations",
        ]
        widgets = {
            f: forms.Textarea(attrs={"rows": 3})
            for f in ["care_use", "exceptions", "considerations"]
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        low, high = data.get("age_min"), data.get("age_max")
        if high is not None and high > 23:
            self.add_error("age_max", _("The target group goes up to 23 years at most."))
        if low is not None and high is not None and low > high:
            self.add_error("age_min", _("The minimum age cannot be above the maximum age."))
        if not data.get("categories") and not data.get("broadened"):
            self.add_error("categories", _("Choose at least one category, or the broadened group."))
        return data


class AssessmentForm(TextCheckedForm, forms.ModelForm):
    name_checked = ("action",)

    class Meta:
        model = StakeholderAssessment
        fields = [
            "organization",
            "person",
            "assessed_on",
            "influence",
            "interest",
            "desired_influence",
            "desired_interest",
            "action",
        ]
        widgets = {
            "assessed_on": forms.DateInput(attrs={"type": "date"}),
            "action": forms.Textarea(attrs={"rows": 2}),
            **{
                f: forms.NumberInput(attrs={"min": 1, "max": 5})
                for f in ["influence", "interest", "desired_influence", "desired_interest"]
            },
        }

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, region=region, **kwargs)
        self.instance.region = region
        model_choice(self, "organization").queryset = Organization.objects.filter(region=region)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("organization") and not (data.get("person") or "").strip():
            raise forms.ValidationError(_("Choose an organisation or fill in a person."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class CompareForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
