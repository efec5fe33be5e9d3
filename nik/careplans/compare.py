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
    labels = _Labels()
    found = []
    for path in set(a) | set(b):
        place = labels.place(path)
        if place is None:
            continue
        section, label, field, order = place
        names = services if path.endswith("].service") else {}
        found.append(
            Row(
                section,
                label,
                _shown(a.get(path, ""), field, names),
                _shown(b.get(path, ""), field, names),
                order,
            )
        )
    return sorted(found, key=lambda r: (r.order, r.label))


class _Labels:
    """The section forms' fields by path, built once per comparison."""

    def __init__(self) -> None:
        self.top = _top_fields()
        # Every domain's section has the same fields; only its title differs.
        self.domain_fields = SECTIONS[f"domain-{DOMAINS[0][0]}"]["fields"]()
        self.domains = dict(DOMAINS)
        self.domain_at = {key: 100 + i for i, (key, _label) in enumerate(DOMAINS)}

    def place(self, path: str) -> tuple[str, str, forms.Field, tuple[int, int, int]] | None:
        nested = NESTED.match(path)
        if nested:
            key, kind, number, name = nested.groups()
            field = (GoalForm if kind == "goals" else ActionForm).base_fields.get(name)
            if field is None:
                return None
            part = (_("goal %(n)s") if kind == "goals" else _("action %(n)s")) % {"n": number}
            order = (self.domain_at.get(key, 199), 1 if kind == "goals" else 2, int(number))
            return f"{self.domains.get(key, key)} — {part}", str(field.label), field, order
        one = DOMAIN_FIELD.match(path)
        if one:
            key, name = one.groups()
            field = self.domain_fields.get(name) if key in self.domains else None
            if field is None:  # the domain's own key, or a field no form shows
                return None
            order = (self.domain_at[key], 0, 0)
            return str(self.domains[key]), str(field.label), field, order
        decision = DECISION.match(path)
        if decision:
            number, name = decision.groups()
            field = DecisionForm.base_fields.get(name)
            if field is None:
                return None
            part = _("decision %(n)s") % {"n": number}
            section = f"{SECTIONS['acp']['title']} — {part}"
            return section, str(field.label), field, (list(SECTIONS).index("acp"), 1, int(number))
        top = self.top.get(path)
        if top is None:
            return None
        index, section, field = top
        return section, str(field.label), field, (index, 0, 0)


def _top_fields() -> dict[str, tuple[int, str, forms.Field]]:
    fields: dict[str, tuple[int, str, forms.Field]] = {}
    for index, section in enumerate(SECTIONS.values()):
        if "domain" in section:
            continue
        for key, field in section["fields"]().items():
            fields[key] = (index, str(section["title"]), field)
    wishes_at = list(SECTIONS).index("wishes")
    wishes = str(SECTIONS["wishes"]["title"])
    fields["wishes_approved_on"] = (wishes_at, wishes, forms.DateField(label=_("Approved on")))
    fields["wishes_approved_by"] = (wishes_at, wishes, forms.CharField(label=_("Approved by")))
    return fields


def _shown(value: str, field: forms.Field, names: dict[str, str]) -> str:
    """A stored value as people read it; `names` turns a wegwijzer service's id into its name."""
    if not value:
        return ""
    if names:
        return names.get(value, value)
    if isinstance(field, forms.DateField):
        try:
            return date_format(date.fromisoformat(value), "j F Y")
        except ValueError:
            return value
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))  # type: ignore[arg-type]
    return value
