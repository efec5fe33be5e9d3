"""Two versions of a plan side by side, as people read them: the section and field as the form
labels them, dates as dates and statuses in words (issue 14, point 8)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .content import DOMAINS
from .forms import SECTIONS, ActionForm, DecisionForm, GoalForm

NESTED = re.compile(r"^domains\[(\w+)\]\.(goals|actions)\[(\d+)\]\.(\w+)$")
DOMAIN_FIELD = re.compile(r"^domains\[(\w+)\]\.(\w+)$")
DECISION = re.compile(r"^decisions\[(\d+)\]\.(\w+)$")


@dataclass(frozen=True)
class Row:
    section: str
    label: str
    left: str
    right: str
    order: tuple[int, int, int]

    @property
    def changed(self) -> bool:
        return self.left != self.right


def flatten(value: Any, prefix: str = "") -> dict[str, str]:
    """A version's content as `path: text` (domains and list items by their key or number)."""
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for k, v in value.items():
            out.update(flatten(v, f"{prefix}.{k}" if prefix else k))
        return out
    if isinstance(value, list):
        out = {}
        for i, v in enumerate(value):
            key = v.get("key") if isinstance(v, dict) and "key" in v else str(i + 1)
            out.update(flatten(v, f"{prefix}[{key}]"))
        return out
    return {prefix: "" if value is None else str(value)}


def rows(left: dict[str, Any], right: dict[str, Any], services: dict[str, str]) -> list[Row]:
    """Every field of either version, labelled and in the plan's own order."""
    a, b = flatten(left), flatten(right)
    found = []
    for path in set(a) | set(b):
        place = _place(path)
        if place is None:
            continue
        section, label, field, order = place
        found.append(
            Row(
                section,
                label,
                _shown(a.get(path, ""), field, services),
                _shown(b.get(path, ""), field, services),
                order,
            )
        )
    return sorted(found, key=lambda r: (r.order, r.label))


def _top_fields() -> dict[str, tuple[int, str, forms.Field]]:
    fields: dict[str, tuple[int, str, forms.Field]] = {}
    for index, section in enumerate(SECTIONS.values()):
        if "domain" in section:
            continue
        for key, field in section["fields"]().items():
            fields[key] = (index, str(section["title"]), field)
    wishes = SECTIONS["wishes"]
    wishes_at = list(SECTIONS).index("wishes")
    fields["wishes_approved_on"] = (
        wishes_at,
        str(wishes["title"]),
        forms.DateField(label=_("Approved on")),
    )
    fields["wishes_approved_by"] = (
        wishes_at,
        str(wishes["title"]),
        forms.CharField(label=_("Approved by")),
    )
    return fields


def _place(path: str) -> tuple[str, str, forms.Field, tuple[int, int, int]] | None:
    domains = dict(DOMAINS)
    domain_at = {key: 100 + i for i, (key, _label) in enumerate(DOMAINS)}
    nested = NESTED.match(path)
    if nested:
        key, kind, number, name = nested.groups()
        form = GoalForm if kind == "goals" else ActionForm
        field = form.base_fields.get(name)
        if field is None:
            return None
        part = _("goal %(n)s") if kind == "goals" else _("action %(n)s")
        section = f"{domains.get(key, key)} — {part % {'n': number}}"
        return (
            section,
            str(field.label),
            field,
            (domain_at.get(key, 199), 1 if kind == "goals" else 2, int(number)),
        )
    one = DOMAIN_FIELD.match(path)
    if one:
        key, name = one.groups()
        if name == "key":
            return None
        field = (
            SECTIONS[f"domain-{key}"]["fields"]().get(name) if f"domain-{key}" in SECTIONS else None
        )
        if field is None:
            return None
        return str(domains.get(key, key)), str(field.label), field, (domain_at.get(key, 199), 0, 0)
    decision = DECISION.match(path)
    if decision:
        number, name = decision.groups()
        field = DecisionForm.base_fields.get(name)
        if field is None:
            return None
        title = str(SECTIONS["acp"]["title"])
        part = _("decision %(n)s") % {"n": number}
        section = f"{title} — {part}"
        return section, str(field.label), field, (list(SECTIONS).index("acp"), 1, int(number))
    top = _top_fields().get(path)
    if top is None:
        return None
    index, section, field = top
    return section, str(field.label), field, (index, 0, 0)


def _shown(value: str, field: forms.Field, services: dict[str, str]) -> str:
    if not value:
        return ""
    if isinstance(field, forms.DateField):
        try:
            return date_format(date.fromisoformat(value), "j F Y")
        except ValueError:
            return value
    if isinstance(field, forms.ChoiceField):
        if field.label == ActionForm.base_fields["service"].label:
            return services.get(value, value)
        return str(dict(field.choices).get(value, value))  # type: ignore[arg-type]
    return value
