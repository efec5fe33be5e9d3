from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from nik.core.concurrency import VersionedForm
from nik.core.forms import label_with
from nik.families.anonymity import NameCheckedForm

from .models import Kind, NationalIssue, Signal, System, Theme


class SignalForm(NameCheckedForm, forms.ModelForm):
    """A professional's or coordinator's signal: the whole region reads it, so it names no one
    of the region's families."""

    name_checked = ("text",)

    systems = forms.MultipleChoiceField(
        label=_("Systems involved"),
        choices=System.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Signal
        fields = ["kind", "theme", "systems", "text"]
        widgets = {"kind": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "text": _("What happens, for whom, and where it gets stuck (or what works well). "
                      "No names: the signal never needs to say who."),
        }  # fmt: skip


PLAIN_KINDS = [
    (Kind.BOTTLENECK, _("Something did not go well")),
    (Kind.GOOD_PRACTICE, _("Something went really well")),
]


class ParentSignalForm(NameCheckedForm, forms.ModelForm):
    """A parent's signal in plain words (the family page, or the public site). Made with the
    parent's own families: a parent is told about their own family's names only (a refusal over
    all the region's families would tell them who else is in the network)."""

    name_checked = ("text",)

    kind = forms.ChoiceField(
        label=_("What do you want to tell us?"),
        choices=PLAIN_KINDS,
        widget=forms.RadioSelect,
        initial=Kind.BOTTLENECK,
    )
    theme = forms.ChoiceField(label=_("What is it about?"), choices=Theme.choices)
    text = forms.CharField(
        label=_("What happened?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("You do not have to write your name or your child's name."),
    )

    class Meta:
        model = Signal
        fields = ["kind", "theme", "text"]


class PublicSignalForm(ParentSignalForm):
    """Without an account: names and dates of birth of the region's families are left out of the
    text, without telling the visitor (a refusal would tell anyone who is in the network)."""

    redact = True
    reply_to = forms.EmailField(
        label=_("Your e-mail address, if you want an answer"),
        required=False,
        help_text=_("We only use it to send you the answer, then we forget it."),
    )
    # A field people never see (the contact page's way): bots fill it in.
    website = forms.CharField(
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        label=_("Leave this field empty"),
    )

    class Meta(ParentSignalForm.Meta):
        fields = ["kind", "theme", "text", "reply_to"]


class DiscussForm(NameCheckedForm, VersionedForm):
    name_checked = ("region_note",)

    region_note = forms.CharField(
        label=_("What the region concluded"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    close = forms.BooleanField(
        label=_("The region deals with it itself: close it (not passed on)"), required=False
    )


class SteeringForm(NameCheckedForm, VersionedForm):
    name_checked = ("steering_view",)

    steering_view = forms.CharField(
        label=_("The steering group's view"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PassForm(NameCheckedForm, forms.Form):
    name_checked = ("summary",)
    leaves_region = True

    signals = forms.ModelMultipleChoiceField(
        label=_("Signals passed on together"),
        queryset=Signal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label=_("What the knowledge centre should know"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("In your own words, without names, dates of birth, addresses or phone "
                    "numbers: this text leaves the region."),
    )  # fmt: skip
    families = forms.IntegerField(
        label=_("How many families it concerns"), min_value=1, max_value=100_000
    )
    systems = forms.MultipleChoiceField(
        label=_("Systems involved"),
        choices=System.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, open_signals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["signals"])
        field.queryset = open_signals
        label_with(
            field, lambda s: f"{s.get_theme_display()} ({s.get_kind_display()}): {s.text[:120]}"
        )


class TakeUpForm(forms.Form):
    issue = forms.ModelChoiceField(
        label=_("A national issue it belongs to"),
        queryset=NationalIssue.objects.all(),
        required=False,
        empty_label=_("— a new issue —"),
    )
    title = forms.CharField(label=_("Title of a new issue"), max_length=200, required=False)


class NotTakenUpForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is not taken up"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    feedback = forms.CharField(
        label=_("The answer to the region and to who raised it"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=300)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("planned", _("planned")), ("underway", _("underway")), ("done", _("done"))],
    )
    on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
