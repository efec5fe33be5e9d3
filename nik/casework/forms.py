from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from nik.core.concurrency import VersionedForm
from nik.core.forms import label_with, model_choice
from nik.core.models import DisciplineCode, Membership, Professional, Region, Role, User
from nik.families.anonymity import NameCheckedForm
from nik.roadmap.models import Event

from .models import CaseDiscussion, LearningForm, MirrorConversation, Theme


class ConversationForm(NameCheckedForm, forms.ModelForm):
    """What parents said is read by the region and goes on to proposals: no family's names."""

    name_checked = ("quotes",)
    new_themes = forms.CharField(
        label=_("Other themes (separated by commas)"), required=False, max_length=300
    )

    class Meta:
        model = MirrorConversation
        fields = [
            "held_on",
            "starts_at",
            "minutes",
            "location",
            "facilitator",
            "parents",
            "listeners",
            "themes",
            "quotes",
        ]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "themes": forms.CheckboxSelectMultiple,
            "listeners": forms.Textarea(attrs={"rows": 2}),
            "quotes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, region=region, **kwargs)
        model_choice(self, "themes").queryset = Theme.objects.filter(region=region)


class IdeaForm(NameCheckedForm, forms.Form):
    name_checked = ("text",)

    text = forms.CharField(label=_("Improvement idea"), max_length=500)


class ActionForm(forms.Form):
    owner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Owner"), queryset=None)
    due = forms.DateField(label=_("By when"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "owner").queryset = User.objects.filter(
            pk__in=Membership.objects.filter(region=region, role__in=Role.in_network()).values(
                "user"
            )
        ).order_by("full_name")


class LearningFormForm(NameCheckedForm, VersionedForm, forms.ModelForm):
    name_checked = ("description",)

    class Meta:
        model = LearningForm
        fields = [
            "kind",
            "name",
            "frequency",
            "starts_at",
            "minutes",
            "location",
            "description",
            "members",
            "themes",
            "active",
        ]
        widgets = {
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "members": forms.SelectMultiple(attrs={"size": 8}),
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, region=region, **kwargs)
        members = model_choice(self, "members")
        members.queryset = Professional.objects.filter(region=region).select_related("organization")
        label_with(members, lambda p: f"{p.full_name} — {p.organization.name}")
        model_choice(self, "themes").queryset = Theme.objects.filter(region=region)
        self.fields["themes"].help_text = _("For an intervision group: what it works on.")


class ScheduleForm(forms.Form):
    first = forms.DateField(
        label=_("First meeting"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    count = forms.IntegerField(label=_("Number of meetings"), min_value=1, max_value=12, initial=6)
    invite = forms.BooleanField(
        label=_("E-mail the members an invitation (.ics) for each meeting"), required=False
    )


def working_people(region: Region) -> QuerySet[User]:
    """The people who work in the region's network (coordinators, case managers, members)."""
    return User.objects.filter(
        pk__in=Membership.objects.filter(
            region=region, role__in=[Role.COORDINATOR, Role.CASEMANAGER, Role.MEMBER]
        ).values("user")
    ).order_by("full_name")


class DiscussionForm(NameCheckedForm, VersionedForm, forms.ModelForm):
    """The seed's format, with attendance by discipline (one number per discipline). Everyone at
    the meeting reads the case: names and dates of birth of the region's families are a warning,
    and the author who checked them may save anyway (`checked`)."""

    name_checked = tuple(CaseDiscussion.TEXT_FIELDS)
    confirm_field = "checked"

    checked = forms.BooleanField(
        label=_("I checked it: the text names no one and gives no date of birth"), required=False
    )

    class Meta:
        model = CaseDiscussion
        fields = [
            "meeting",
            "presenter",
            "age_band",
            "condition_category",
            *CaseDiscussion.TEXT_FIELDS,
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in CaseDiscussion.TEXT_FIELDS}

    def __init__(self, *args: Any, region: Region, linked: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, region=region, **kwargs)
        today = timezone.localdate()
        meeting = model_choice(self, "meeting")
        # The meetings of the last year and the coming two months, and the case's own meeting.
        meeting.queryset = Event.objects.filter(
            Q(
                starts_at__date__gte=today - timedelta(days=365),
                starts_at__date__lte=today + timedelta(days=60),
            )
            | Q(pk=self.instance.meeting_id),
            region=region,
        ).order_by("-starts_at")
        label_with(
            meeting,
            lambda e: f"{date_format(timezone.localtime(e.starts_at), 'j F Y')} — {e.title}",
        )
        model_choice(self, "presenter").queryset = working_people(region)
        if linked:
            # The age band and category follow the linked child.
            del self.fields["age_band"]
            del self.fields["condition_category"]
        for code, label in DisciplineCode.choices:
            self.fields[f"att_{code}"] = forms.IntegerField(
                label=capfirst(label), min_value=0, max_value=200, required=False
            )
        self.fields["att_other"] = forms.IntegerField(
            label=capfirst(_("other")), min_value=0, max_value=200, required=False
        )
        for code, n in (self.instance.attendance or {}).items():
            if f"att_{code}" in self.fields:
                self.initial[f"att_{code}"] = n

    def attendance_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("att_")]

    def text_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in CaseDiscussion.TEXT_FIELDS]

    def attendance(self) -> dict[str, int]:
        return {
            name[4:]: value
            for name, value in self.cleaned_data.items()
            if name.startswith("att_") and value
        }


class FollowUpForm(NameCheckedForm, forms.Form):
    name_checked = ("what",)

    what = forms.CharField(label=_("Follow-up action"), max_length=250)
    owner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Owner"), queryset=None)
    due = forms.DateField(
        label=_("By when"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, region=region, **kwargs)
        model_choice(self, "owner").queryset = working_people(region)


class LessonForm(NameCheckedForm, forms.Form):
    name_checked = ("text",)

    text = forms.CharField(label=_("Lesson for the network"), max_length=500)
