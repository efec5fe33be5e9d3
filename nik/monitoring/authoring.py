"""Writing a region's own survey: the survey's form and one form per question, read into the
stored items (`Survey.items`), with the checks a question needs (options for a choice, a
condition that points at an earlier choice question and one of its answers)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from nik.core.concurrency import VersionedForm

from .instruments import LIKERT5, MULTIPLE, SCALE10, SINGLE, TEXT
from .models import Survey

KINDS = [
    (SCALE10, _("a mark from 0 to 10")),
    (LIKERT5, _("agree or disagree (five steps)")),
    (SINGLE, _("one choice")),
    (MULTIPLE, _("several choices")),
    (TEXT, _("in their own words")),
]
MAX_ITEMS = 40


class SurveyForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["audience", "title", "title_en"]


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=KINDS)
    # Not required: a question left empty is left out (the two empty ones at the end, or one
    # whose text was removed).
    nl = forms.CharField(label=_("Question (Dutch)"), max_length=300, required=False)
    en = forms.CharField(label=_("Question (English)"), max_length=300, required=False)
    options = forms.CharField(
        label=_("Answers to choose from"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line; the English after a “|”: ja | yes"),
    )
    required = forms.BooleanField(label=_("An answer is needed"), required=False, initial=True)
    show_if_item = forms.IntegerField(
        label=_("Only ask after question number"), required=False, min_value=1
    )
    show_if_answer = forms.CharField(label=_("… was answered with"), required=False, max_length=100)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("nl", "").strip():
            return data
        choices = data.get("kind") in (SINGLE, MULTIPLE)
        if choices and len(options_of(data.get("options", ""))) < 2:
            self.add_error("options", _("Give at least two answers to choose from."))
        if bool(data.get("show_if_item")) != bool(data.get("show_if_answer", "").strip()):
            self.add_error(
                "show_if_answer", _("Give both the question number and the answer, or neither.")
            )
        return data


ItemFormSet = forms.formset_factory(
    ItemForm, extra=2, can_delete=True, max_num=MAX_ITEMS, validate_max=True
)


def options_of(text: str) -> list[list[str]]:
    """ "ja | yes" lines as [key, Dutch, English]; keys from the Dutch words, each once."""
    found: list[list[str]] = []
    for line in text.splitlines():
        nl, _bar, en = line.partition("|")
        nl, en = nl.strip(), en.strip()
        if not nl:
            continue
        key = slugify(nl)[:40] or f"o{len(found) + 1}"
        while any(o[0] == key for o in found):
            key += "-2"
        found.append([key, nl, en or nl])
    return found


def items_of(formset: Any) -> list[dict[str, Any]]:
    """The questions of a valid formset as stored items (q1, q2, … in their order), or a
    ValidationError naming the question whose condition points nowhere."""
    # An empty extra form has no question; one marked "delete" is left out.
    forms_kept = [
        f
        for f in formset.forms
        if f.cleaned_data.get("nl") and not f.cleaned_data.get("DELETE", False)
    ]
    items: list[dict[str, Any]] = []
    for number, form in enumerate(forms_kept, start=1):
        data = form.cleaned_data
        item: dict[str, Any] = {
            "key": f"q{number}",
            "kind": data["kind"],
            "nl": data["nl"].strip(),
            "en": data.get("en", "").strip(),
            "required": bool(data.get("required")),
        }
        if data["kind"] in (SINGLE, MULTIPLE):
            item["options"] = options_of(data.get("options", ""))
        if data.get("show_if_item"):
            item["show_if"] = _condition(items, number, data)
        items.append(item)
    if not items:
        raise ValidationError(_("Write at least one question."))
    return items


def _condition(earlier: list[dict[str, Any]], number: int, data: dict[str, Any]) -> list[str]:
    target = data["show_if_item"]
    answer = data["show_if_answer"].strip().lower()
    if target >= number or earlier[target - 1]["kind"] != SINGLE:
        raise ValidationError(
            _("Question %(n)s: it can only follow an earlier question with one choice.")
            % {"n": number}
        )
    for key, nl, en in earlier[target - 1]["options"]:
        if answer in (key, nl.lower(), en.lower()):
            return [earlier[target - 1]["key"], key]
    raise ValidationError(
        _("Question %(n)s: “%(answer)s” is not one of the answers of question %(target)s.")
        % {"n": number, "answer": data["show_if_answer"], "target": target}
    )


def initial_of(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stored items as the formset's initial rows."""
    position = {i["key"]: n for n, i in enumerate(items, start=1)}
    rows = []
    for item in items:
        options = item.get("options", [])
        show_if = item.get("show_if") or ["", ""]
        label = next((nl for key, nl, _en in _options(items, show_if) if key == show_if[1]), "")
        rows.append(
            {
                "kind": item["kind"],
                "nl": item["nl"],
                "en": item.get("en", ""),
                "options": "\n".join(f"{nl} | {en}" for _k, nl, en in options),
                "required": item.get("required", True),
                "show_if_item": position.get(show_if[0]),
                "show_if_answer": label,
            }
        )
    return rows


def _options(items: list[dict[str, Any]], show_if: list[str]) -> list[list[str]]:
    return next((i.get("options", []) for i in items if i["key"] == show_if[0]), [])
