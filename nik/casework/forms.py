from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nik.core.forms import model_choice
from nik.core.models import Membership, Region, Role, User

from .models import MirrorConversation, Theme


class ConversationForm(forms.ModelForm):
    new_themes = forms.CharField(
        label=_("Other themes (separated by commas)"), required=False, max_length=300
    )

    class Meta:
        model = MirrorConversation
        fields = ["held_on", "facilitator", "parents", "listeners", "themes", "quotes"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "themes": forms.CheckboxSelectMultiple,
            "listeners": forms.Textarea(attrs={"rows": 2}),
            "quotes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "themes").queryset = Theme.objects.filter(region=region)


class IdeaForm(forms.Form):
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
