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


# A picker shows at most this many rows of a long list (a region's professionals, organisations).
PICKER_SIZE = 25


class Picker:
    """A form that shows few rows of a long model-choice list: those a search found.

    Any row of the field's queryset may still be chosen (a POST is checked against it); only the
    rows given to ``offer`` are drawn, so a page never renders thousands of options."""

    matches: list[Any]

    def offer(self, field: forms.ModelChoiceField[Any], shown: Any) -> None:
        """Draw the first PICKER_SIZE rows of ``shown`` (a queryset, in its order)."""
        self.matches = list(shown[: PICKER_SIZE + 1])
        field.choices = [
            (row.pk, field.label_from_instance(row)) for row in self.matches[:PICKER_SIZE]
        ]

    @property
    def more_than_shown(self) -> bool:
        return len(self.matches) > PICKER_SIZE
