from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nik.core.forms import Picker, SearchPicker, choice, label_with, model_choice
from nik.core.models import Organization, Professional, Region
from nik.network.models import ConditionCategory

from .models import (
    AnswerWay,
    Availability,
    CareTeamMember,
    Child,
    Consent,
    DeclineReason,
    Family,
    FamilyContact,
    Guardian,
    Inquiry,
    InquiryTopic,
    ReferralSource,
    Sibling,
    Stage,
    TeamRole,
)
from .selectors import casemanagers, pickable_casemanagers


class PublicInquiryForm(forms.ModelForm):
    """The public contact page: only what is needed to answer."""

    # A field people never see: bots fill it in.
    website = forms.CharField(
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        label=_("Leave this field empty"),
    )

    class Meta:
        model = Inquiry
        fields = ["asker", "topic", "question", "name", "email", "phone"]
        widgets = {"question": forms.Textarea(attrs={"rows": 5})}

    def clean_question(self) -> str:
        question = self.cleaned_data["question"].strip()
        if len(question) > 5000:
            raise forms.ValidationError(_("Please keep the question under 5000 characters."))
        return question

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("email") and not data.get("phone"):
            raise forms.ValidationError(
                _("Give an e-mail address or a phone number, so we can reach you.")
            )
        return data


class ParentQuestionForm(forms.Form):
    """A signed-in parent's question: their name and e-mail address come from their account."""

    topic = forms.ChoiceField(label=_("What is your question about?"), choices=InquiryTopic.choices)
    question = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"max_length": _("Please keep the question under 5000 characters.")},
    )
    phone = forms.CharField(
        label=_("Phone number (if you would rather be called)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def clean_question(self) -> str:
        question = self.cleaned_data["question"].strip()
        if not question:
            raise forms.ValidationError(_("Write your question."))
        return question


class StaffInquiryForm(forms.ModelForm):
    class Meta:
        model = Inquiry
        fields = ["channel", "asker", "topic", "question", "name", "email", "phone"]
        widgets = {"question": forms.Textarea(attrs={"rows": 5})}


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}))
    services: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Help from the wegwijzer"),
        queryset=None,
        required=False,
    )
    way = forms.ChoiceField(label=_("How does the answer reach them?"), widget=forms.RadioSelect)
    close = forms.BooleanField(label=_("Close the question"), required=False)
    # The question's version when the form was opened: a save over someone else's newer answer
    # is refused instead of replacing it silently.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, region: Region, inquiry: Inquiry, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.db.models import Q

        from nik.directory.models import Service
        from nik.directory.selectors import pickable

        # E-mail only where they gave an address; otherwise the coordinator phones them.
        ways: list[tuple[str, Any]] = []
        if inquiry.email:
            ways.append(
                (AnswerWay.EMAIL, _("Send it by e-mail to %(email)s") % {"email": inquiry.email})
            )
        ways.append(
            (
                AnswerWay.PHONE,
                _("I told them by phone (%(phone)s)") % {"phone": inquiry.phone}
                if inquiry.phone
                else _("I told them by phone"),
            )
        )
        ways.append((AnswerWay.DRAFT, AnswerWay.DRAFT.label))
        choice(self, "way").choices = ways
        self.fields["way"].initial = ways[0][0]

        services = model_choice(self, "services")
        services.queryset = Service.objects.filter(Q(region=region) | Q(region__isnull=True))
        services.widget = SearchPicker(reverse("directory:pick", args=[region.slug]))
        services.widget.choices = pickable(region)


class ReferralForm(forms.Form):
    first_name = forms.CharField(label=_("First name of the child"), max_length=100)
    last_name = forms.CharField(label=_("Last name of the child"), max_length=100)
    date_of_birth = forms.DateField(
        label=_("Date of birth"), widget=forms.DateInput(attrs={"type": "date"})
    )
    municipality: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Municipality"), queryset=None, required=False
    )
    condition_category = forms.ChoiceField(
        label=_("Condition category"),
        choices=[("", "—"), *ConditionCategory.choices],
        required=False,
    )
    diagnosis = forms.CharField(
        label=_("Diagnosis in words"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    diagnosed_on = forms.DateField(
        label=_("Date of diagnosis"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    guardian_name = forms.CharField(label=_("Name of a parent"), max_length=200)
    guardian_phone = forms.CharField(label=_("Phone of the parent"), max_length=40, required=False)
    guardian_email = forms.EmailField(label=_("E-mail of the parent"), required=False)
    source = forms.ChoiceField(label=_("Referred by"), choices=ReferralSource.choices)
    referrer_name = forms.CharField(label=_("Name of the referrer"), max_length=200, required=False)
    referrer_contact = forms.CharField(
        label=_("Phone or e-mail of the referrer"), max_length=200, required=False
    )
    question = forms.CharField(
        label=_("What the family needs"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    consent_to_share = forms.BooleanField(
        label=_("The family agrees to be referred to the network"), required=False
    )
    exception_reason = forms.CharField(
        label=_("Why an exception to the target group"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        model_choice(self, "municipality").queryset = region.municipalities.all()

    def clean_date_of_birth(self) -> Any:
        born = self.cleaned_data["date_of_birth"]
        if born > timezone.localdate():
            raise forms.ValidationError(_("The date of birth is in the future."))
        return born

    def clean_consent_to_share(self) -> bool:
        if not self.cleaned_data.get("consent_to_share"):
            raise forms.ValidationError(
                _(
                    "The network can only take a referral the family agrees to. Ask the family first."
                )
            )
        return True

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        born = data.get("date_of_birth")
        group = self.region.target_groups.order_by("-version").first()
        if born and group is not None:
            today = timezone.localdate()
            age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
            if age > group.age_max and not (data.get("exception_reason") or "").strip():
                self.add_error(
                    "date_of_birth",
                    _(
                        "The child is %(age)s; this network's target group goes up to %(max)s. Explain the exception below to refer anyway."
                    )
                    % {"age": age, "max": group.age_max},
                )
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("accept", _("Accept")),
            ("decline", _("Decline")),
            ("elsewhere", _("Refer elsewhere")),
        ],
        widget=forms.RadioSelect,
    )
    casemanager: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Case manager"), queryset=None, required=False
    )
    reason = forms.ChoiceField(
        label=_("Reason"), choices=[("", "—"), *DeclineReason.choices], required=False
    )
    note = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    referred_to = forms.CharField(label=_("Referred to"), max_length=200, required=False)

    def __init__(self, *args: Any, region: Region, search_url: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any of the region's case managers may be chosen (a POST is checked against all of
        # them); the picker draws a few and finds the others as you type (a region has hundreds).
        field = model_choice(self, "casemanager")
        field.queryset = casemanagers(region)
        field.widget = SearchPicker(search_url, multiple=False)
        chosen = [str(self.data.get("casemanager", ""))] if self.is_bound else []
        field.widget.choices = list(
            dict(
                pickable_casemanagers(region, ids=chosen, limit=1)
                + pickable_casemanagers(region, limit=SearchPicker.shown)
            ).items()
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        decision = data.get("decision")
        if decision == "accept" and not data.get("casemanager"):
            self.add_error("casemanager", _("Choose the case manager for this family."))
        if decision in ("decline", "elsewhere") and not data.get("reason"):
            self.add_error("reason", _("Choose a reason."))
        if decision == "elsewhere" and not data.get("referred_to"):
            self.add_error("referred_to", _("Say where the family was referred to."))
        return data


class ChildForm(forms.ModelForm):
    class Meta:
        model = Child
        fields = [
            "first_name",
            "last_name",
            "date_of_birth",
            "municipality",
            "condition_category",
            "diagnosis",
            "diagnosed_on",
        ]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "diagnosed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "municipality").queryset = region.municipalities.all()

    def clean_date_of_birth(self) -> Any:
        born = self.cleaned_data["date_of_birth"]
        if born > timezone.localdate():
            raise forms.ValidationError(_("The date of birth is in the future."))
        return born


class FamilyForm(forms.ModelForm):
    class Meta:
        model = Family
        fields = ["name", "language", "interpreter_needed"]


class GuardianForm(forms.ModelForm):
    class Meta:
        model = Guardian
        fields = ["name", "relation", "phone", "email", "has_custody"]


class SiblingForm(forms.ModelForm):
    class Meta:
        model = Sibling
        fields = ["first_name", "date_of_birth", "needs"]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "needs": forms.Textarea(attrs={"rows": 2}),
        }


class ContactForm(forms.ModelForm):
    class Meta:
        model = FamilyContact
        fields = ["name", "relation", "phone"]


class AvailabilityForm(forms.ModelForm):
    class Meta:
        model = Availability
        fields = ["period", "who", "phone", "notes"]


class ConsentForm(Picker, forms.ModelForm):
    """Consent for one organisation. The organisations shown are the care team's, or those a
    search found: a region has thousands, a page never lists them all."""

    class Meta:
        model = Consent
        fields = ["organization", "scope", "given_by", "given_by_names", "method", "ends_on"]
        widgets = {
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "organization": forms.RadioSelect,
        }

    def __init__(
        self, *args: Any, region: Region, family: Family, search: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = model_choice(self, "organization")
        field.queryset = Organization.objects.filter(region=region)
        shown = (
            field.queryset.filter(name__icontains=search)
            if search
            else field.queryset.filter(
                pk__in=CareTeamMember.objects.filter(family=family).values(
                    "professional__organization_id"
                )
            )
        )
        self.offer(field, shown.order_by("name", "pk"))


class OrganizationSearchForm(forms.Form):
    q = forms.CharField(label=_("Find an organisation"), max_length=100, required=True)


class TeamSearchForm(forms.Form):
    """The first step of adding to the team: find the professional by name, job or organisation."""

    q = forms.CharField(
        label=_("Find a professional (name, job or organisation)"), max_length=100, required=True
    )


class TeamMemberForm(Picker, forms.Form):
    professional: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Professional"), queryset=None, widget=forms.RadioSelect
    )
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices)

    def __init__(self, *args: Any, region: Region, search: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any professional of the region may be chosen; only the matches of a search are shown.
        field = model_choice(self, "professional")
        field.queryset = Professional.objects.filter(region=region).select_related("organization")
        label_with(
            field,
            lambda p: " — ".join(
                part for part in (p.full_name, p.job_title, p.organization.name) if part
            ),
        )
        found = (
            field.queryset.filter(
                Q(full_name__icontains=search)
                | Q(job_title__icontains=search)
                | Q(organization__name__icontains=search)
            )
            if search
            else field.queryset.none()
        )
        self.offer(field, found.order_by("full_name", "pk"))


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    note = forms.CharField(label=_("Note"), max_length=250, required=False)


class InviteForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))


class AcceptInvitationForm(forms.Form):
    password1 = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords are not the same."))
        elif data.get("password1"):
            try:
                validate_password(data["password1"])
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class EmergencyForm(forms.Form):
    reason = forms.CharField(
        label=_("What is the emergency?"), widget=forms.Textarea(attrs={"rows": 3}), min_length=10
    )


class ReviewForm(forms.Form):
    note = forms.CharField(label=_("Review note"), max_length=250)
