"""Every form of free text that others read uses the one name check (`TextCheckedForm` in
`nik.core.textcheck`, which `families` fills with its check; `NameCheckedForm` builds on it), or
is named here as exempt with the reason. A new form with a text field fails this test until it
does one or the other.

Which forms: those of every app, core, network, roadmap, directory and learning too (they reach
the check through `nik.core.textcheck`); a free-text field is a plain `CharField`. A form whose
view gives it no region is in `CHECKED_IN_ACTION`: its action checks the text before it is saved."""

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

FAMILY_RECORD = (
    "the family's own record, read through the families' door by its team: names belong there"
)
PLAN = (
    "the family's plan, read through the door by its care team and the parents: names belong there"
)
NO_FAMILY = "names a person at work, a place or a title, never a family"
SEARCH = "a search, never saved"
WEGWIJZER = (
    "the wegwijzer's public text about a service (who offers it, for whom, where), never a family"
)
NETWORK_REGISTER = "the network's register of organisations and people at work, never a family"
COURSE = "a course or training session offered to professionals, never a family"

# "module.Form.field": a form its view makes without the region; the action named checks the text
# (`nik.core.textcheck.check`) before anything is saved, and its view shows the refusal.
CHECKED_IN_ACTION = {
    "nik.learning.forms.NeedForm.topic": "nik.learning.actions.do_add_need",
    "nik.learning.forms.FamilyNeedForm.topic": "nik.learning.actions.do_add_need",
}

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
    # core: an API token's label, seen by the one who made it and the technical admins.
    "nik.core.forms.ApiTokenForm.label": "an API token's label: which system uses it",
    # network: the register and the network's own analysis.
    "nik.network.forms.OrganizationForm": NETWORK_REGISTER,
    "nik.network.forms.ProfessionalForm": NETWORK_REGISTER,
    "nik.network.forms.RegisterFilterForm.q": SEARCH,
    "nik.network.forms.AssessmentForm.person": NO_FAMILY,
    # directory (the wegwijzer): public texts about services.
    "nik.directory.forms.ServiceForm": WEGWIJZER,
    "nik.directory.forms.SearchForm": SEARCH,
    # learning: courses and sessions.
    "nik.learning.forms.CourseForm": COURSE,
    "nik.learning.forms.SessionForm.place": NO_FAMILY,
    "nik.learning.forms.SessionForm.trainer": NO_FAMILY,
    "nik.learning.forms.PlanNoteForm.note": "the training plan's note: which needs its courses answer",
    "nik.learning.forms.PlanLineForm.what": "a line of the training plan: a course or activity",
    "nik.directory.forms.ReportForm.message": "a remark on a service's entry, read by the region's coordinators, who keep the wegwijzer",
    "nik.network.forms.TargetGroupForm": "the network's target group in general terms (ages, conditions, care use), never one child",
    # roadmap: indicators, budget lines, the agreement's parties and roles.
    "nik.roadmap.forms.IndicatorForm": "an indicator's name, definition and source: what is counted, never whom",
    "nik.roadmap.forms.BudgetLineForm": "a budget line and the organisation that pays it",
    "nik.roadmap.forms.PartyForm": "an organisation's part in the agreement: its roles, tasks and authority",
    "nik.roadmap.forms.RoleForm.task": "a person's role in the project structure",
    "nik.roadmap.forms.MilestoneForm.owner": NO_FAMILY,
    "nik.roadmap.forms.EventForm.location": "where a network meeting is held: an organisation's place",
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
            where = f"{qualified}.{field}"
            if field in checked or qualified in EXEMPT or where in EXEMPT:
                continue
            if where in CHECKED_IN_ACTION:
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


def test_the_forms_checked_in_their_action_exist_and_the_action_checks():
    forms_found = {f"{f.__module__}.{f.__qualname__}": f for f in project_forms()}
    for where, action in CHECKED_IN_ACTION.items():
        form = forms_found[where.rsplit(".", 1)[0]]
        assert where.rsplit(".", 1)[1] in text_fields(form), where
        module, name = action.rsplit(".", 1)
        source = inspect.getsource(getattr(importlib.import_module(module), name))
        assert "textcheck.check(" in source or "textcheck.redact(" in source, (
            f"{action} does not check {where}"
        )


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
