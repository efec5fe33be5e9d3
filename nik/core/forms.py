"""Form machinery every app uses the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms


def model_choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """A form's model-choice field, to narrow its queryset or label to the region."""
    return cast(forms.ModelChoiceField[Any], form.fields[name])


def choice(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """A form's choice field, to set its choices."""
    return cast(forms.ChoiceField, form.fields[name])


def label_with(field: forms.ModelChoiceField[Any], label: Callable[[Any], str]) -> None:
    """How each choice of a model-choice field reads (a name with its organisation, …)."""
    field.label_from_instance = label  # type: ignore[method-assign,assignment]
