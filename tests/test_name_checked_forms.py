"""Every form of free text that others read uses the one name check (`NameCheckedForm` in
`nik.families.anonymity`), or is named here as exempt with the reason. A new form with a text
field fails this test until it does one or the other.

Which forms: those of the apps at or above `families` in the layers (the check reads the
region's families, so only they can use it); a free-text field is a plain `CharField`. Apps below
`families` (network, roadmap, directory, learning, core) cannot know a family's name: their texts
are about the network, and are listed in `BELOW_FAMILIES` so that moving one up is noticed."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django import forms

import nik
from nik.core.textcheck import TextCheckedForm

# Importing every module of the project: one of them reads the database when imported.
pytestmark = pytest.mark.django_db

BELOW_FAMILIES = ("core", "network", "roadmap", "directory", "learning")

FAMILY_RECORD = (
    "the family's own record, read through the families' door by its team: names belong there"
)
PLAN = (
    "the family's plan, read through the door by its care team and the parents: names belong there"
)
NO_FAMILY = "names a person at work, a place or a title, never a family"

# "module.Form.field" (or "module.Form" for all its text fields): why it needs no name check.
EXEMPT = {
    # families: the contact point and the family record.
    "nik.families.forms.PublicInquiryForm": "a parent's question to the coordinator, who answers it: the name is how to answer",
    "nik.families.forms.ParentQuestionForm": "a signed-in parent's question about their own family, read by its coordinator and case manager, who answer it",
    "nik.families.forms.StaffInquiryForm": "the contact point's record of a question, read by the coordinators only",
    "nik.families.forms.AnswerForm": "the coordinator's answer to the one who asked",
    "nik.families.forms.ReferralForm": "a referral: the child's name and diagnosis are what is referred",
    "nik.families.forms.DecisionForm": FAMILY_RECORD,
    "nik.families.forms.ChildForm": FAMILY_RECORD,
    "nik.families.forms.FamilyForm": FAMILY_RECORD,
    "nik.families.forms.GuardianForm": FAMILY_RECORD,
    "nik.families.forms.SiblingForm": FAMILY_RECORD,
    "nik.families.forms.ContactForm": FAMILY_RECORD,
    "nik.families.forms.AvailabilityForm": FAMILY_RECORD,
    "nik.families.forms.ConsentForm": FAMILY_RECORD,
    "nik.families.forms.StageForm": FAMILY_RECORD,
    "nik.families.forms.ReviewForm": FAMILY_RECORD,
    "nik.families.forms.EmergencyForm": "the reason for emergency access, logged on the family's own access overview",
    "nik.families.forms.InviteForm": "the name of the parent invited to the portal",
    "nik.families.forms.OrganizationSearchForm": "a search, never saved",
    "nik.families.forms.TeamSearchForm": "a search, never saved",
    "nik.families.forms.AcceptInvitationForm": "passwords",
    # careplans: one family's plan.
    "nik.careplans.forms.GoalForm": PLAN,
    "nik.careplans.forms.ActionForm": PLAN,
    "nik.careplans.forms.DecisionForm": PLAN,
    "nik.careplans.forms.WishesForm": PLAN,
    "nik.careplans.forms.NeedsAssessmentForm": PLAN,
    "nik.careplans.forms.PublishForm": PLAN,
    # casework: the people at work in a mirror conversation.
    "nik.casework.forms.ConversationForm.facilitator": NO_FAMILY,
    "nik.casework.forms.ConversationForm.listeners": "the professionals who listened, by discipline or name",
    "nik.casework.forms.ConversationForm.new_themes": "names of themes",
    "nik.casework.forms.LearningFormForm.name": NO_FAMILY,
    "nik.casework.forms.LearningFormForm.location": NO_FAMILY,
    "nik.casework.forms.ConversationForm.location": NO_FAMILY,
    # monitoring: surveys and typed-in figures.
    "nik.monitoring.authoring.SurveyForm": "a survey's title, written by the knowledge centre",
    "nik.monitoring.authoring.ItemForm": "a survey's questions and options",
    "nik.monitoring.forms.TypedValueForm": "the source of a typed-in figure",
    # signals: the knowledge centre's side, which sees no family of any region (only what passed
    # the check for leaving the region), and a field people never see.
    "nik.signals.forms.PublicSignalForm.website": "a field people never see: bots fill it in",
    "nik.signals.forms.TakeUpForm": "a national issue's title, by the knowledge centre",
    "nik.signals.forms.NotTakenUpForm": "the knowledge centre's reason, written without a family's data",
    "nik.signals.forms.AnswerForm": "the knowledge centre's answer, written without a family's data",
    "nik.signals.forms.ActionForm": "a national action, by the knowledge centre",
}


def _app(module: str) -> str:
    return module.split(".")[1]


def project_forms() -> list[type[forms.BaseForm]]:
    found = []
    for info in pkgutil.walk_packages(nik.__path__, "nik."):
        name = info.name
        if ".tests" in name or ".migrations" in name or name.endswith(("__main__", ".demo")):
            continue
        module = importlib.import_module(name)
        for cls in vars(module).values():
            if (
                inspect.isclass(cls)
                and issubclass(cls, forms.BaseForm)
                and cls.__module__ == name
                and hasattr(cls, "base_fields")  # a form, not a mixin
            ):
                found.append(cls)
    return found


def text_fields(form: type[forms.BaseForm]) -> list[str]:
    return [
        name
        for name, field in form.base_fields.items()  # type: ignore[attr-defined]
        if type(field) is forms.CharField and not isinstance(field.widget, forms.PasswordInput)
    ]


def unchecked(forms_found: list[type[forms.BaseForm]]) -> list[str]:
    """The text fields of these forms that neither use the name check nor are exempt."""
    found = []
    for form in forms_found:
        qualified = f"{form.__module__}.{form.__qualname__}"
        checked = form.name_checked if issubclass(form, TextCheckedForm) else ()
        for field in text_fields(form):
            if field in checked or qualified in EXEMPT or f"{qualified}.{field}" in EXEMPT:
                continue
            found.append(f"{qualified}.{field}")
    return found


def test_every_free_text_that_others_read_is_name_checked_or_exempt_with_a_reason():
    forms_found = project_forms()
    # The forms this test is about are found at all (a broken walk would pass everything).
    names = {f"{f.__module__}.{f.__qualname__}" for f in forms_found}
    assert {"nik.signals.forms.SignalForm", "nik.casework.forms.DiscussionForm"} <= names
    assert unchecked(forms_found) == [], (
        "free text others read without the name check: make the form a NameCheckedForm with the "
        "field in name_checked, or name it in EXEMPT with the reason"
    )


def test_the_name_checked_fields_are_the_forms_own_and_the_exemptions_still_exist():
    forms_found = {f"{f.__module__}.{f.__qualname__}": f for f in project_forms()}
    for name, form in forms_found.items():
        if issubclass(form, TextCheckedForm):
            assert form.name_checked, name
            assert set(form.name_checked) <= set(text_fields(form)), name
    for exempt in EXEMPT:
        form = forms_found.get(exempt) or forms_found.get(exempt.rsplit(".", 1)[0])
        assert form is not None, f"{exempt} is exempt but no such form"
        if exempt not in forms_found:
            assert exempt.rsplit(".", 1)[1] in text_fields(form), f"{exempt}: no such field"


def test_a_form_that_forgets_the_check_is_found():
    """The test itself: a new form with a text field and no check is reported; with it, not."""

    class NewNoteForm(forms.Form):
        note = forms.CharField(widget=forms.Textarea)

    class CheckedNoteForm(TextCheckedForm, forms.Form):
        name_checked = ("note",)
        note = forms.CharField(widget=forms.Textarea)

    assert unchecked([NewNoteForm, CheckedNoteForm]) == [
        f"{__name__}.test_a_form_that_forgets_the_check_is_found.<locals>.NewNoteForm.note"
    ]
