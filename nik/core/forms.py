"""Form machinery every app uses the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.forms.renderers import DjangoTemplates, Jinja2
from django.template.backends.jinja2 import Jinja2 as Jinja2Backend
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .models import ApiToken


def model_choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """A form's model-choice field, to narrow its queryset or label to the region."""
    return cast(forms.ModelChoiceField[Any], form.fields[name])


def choice(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """A form's choice field, to set its choices."""
    return cast(forms.ChoiceField, form.fields[name])


def label_with(field: forms.ModelChoiceField[Any], label: Callable[[Any], str]) -> None:
    """How each choice of a model-choice field reads (a name with its organisation, …)."""
    field.label_from_instance = label  # type: ignore[method-assign,assignment]


class WebsiteField(forms.URLField):
    """A website as people type it: "www.voorbeeld.nl" is saved as "https://www.voorbeeld.nl".

    An `<input type="url">` makes the browser refuse an address without its scheme before the
    form is sent (issue 30), so the input is plain text with the URL keyboard; the field adds
    https:// and checks the address itself.
    """

    widget = forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url"})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class FormRenderer(Jinja2):
    """Django's own form, field and widget templates drawn by Jinja2, which Django ships them
    for: the same HTML as through Django's template engine in 60 % of the time (a form field is
    several small templates; the family record draws a dozen fields on every view).
    NIK's own widget templates (``core/widgets/``) are Django templates and are drawn as such.
    """

    @cached_property
    def engine(self) -> Jinja2Backend:
        engine = cast(Jinja2Backend, super().engine)
        # Django's form templates use none of Jinja2's default globals (range, dict, cycler,
        # …); without them each of the ~150 small templates a record page draws starts with
        # a context made of its own variables alone: 26 → 17 µs a template.
        engine.env.globals.clear()
        return engine

    @cached_property
    def django_templates(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name: str) -> Any:
        # Django's own live under django/forms/; any other is written for Django's engine.
        if template_name.startswith("django/forms/"):
            return super().get_template(template_name)
        return self.django_templates.get_template(template_name)


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


class SearchPicker(forms.Widget):
    """Check boxes (or, for one choice, radio buttons) for a long list, with a search field that
    narrows the list as you type (htmx asks `search_url` for the matching rows). What is chosen
    stays shown, and travels with each search, so narrowing never loses a choice. Without
    JavaScript the first rows and the chosen ones are there to tick; everything works by keyboard:
    type, Tab to the rows, Space to choose.

    The field keeps its own choices and checks a POST against them; the widget only draws."""

    template_name = "core/widgets/search_picker.html"
    shown = 12

    def __init__(self, search_url: str, *, multiple: bool = True, attrs: Any = None) -> None:
        super().__init__(attrs)
        self.search_url = search_url
        self.multiple = multiple
        self.choices: Any = []

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if self.multiple:
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False  # an empty list of boxes is an answer: none chosen

    def id_for_label(self, id_: str) -> str:
        return id_  # the label names the search field

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v}
        rows = [(str(k), str(label)) for k, label in self.choices if str(k) != ""]
        context["widget"].update(
            rows=picker_rows(rows, chosen, "", self.shown),
            multiple=self.multiple,
            search_url=self.search_url,
        )
        return context


def picker_rows(
    rows: list[tuple[str, str]], chosen: set[str], search: str, shown: int
) -> list[dict[str, Any]]:
    """The rows a picker draws: the chosen ones first, then up to `shown` others that match."""
    words = search.lower().split()
    picked = [{"value": k, "label": v, "checked": True} for k, v in rows if k in chosen]
    others = [
        {"value": k, "label": v, "checked": False}
        for k, v in rows
        if k not in chosen and all(word in v.lower() for word in words)
    ]
    return picked + others[:shown]


class ApiTokenForm(forms.Form):
    """A new API token: what it is for, and how long it lives (at most a year)."""

    label = forms.CharField(
        label=_("Name or purpose"),
        max_length=100,
        help_text=_("Which system or link uses it, so you know later what you would switch off."),
    )
    days = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        choices=[
            (30, _("30 days")),
            (90, _("90 days")),
            (180, _("half a year")),
            (ApiToken.MAX_DAYS, _("a year")),
        ],
        initial=ApiToken.DEFAULT_DAYS,
    )
