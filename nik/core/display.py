"""`get_FOO_display` without translating every label of the field on every call.

Django's own (`Model._get_FIELD_display`) builds a dict of the field's choices each time it is
called, and hashing a lazily translated label translates it: a field of seven choices costs seven
translations to show one label (~20-30 µs). A list of 50 referrals shows two or three a row. Here
the dict is built once per field (its labels stay lazy, so it holds for every language) and only
the label shown is translated. `install` puts it on our models at start-up (`CoreConfig.ready`);
a model that writes its own `get_FOO_display` keeps it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partialmethod
from typing import Any

from django.db import models
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_labels: dict[models.Field[Any, Any], dict[Any, Any]] = {}


def display(instance: models.Model, field: models.Field[Any, Any]) -> Any:
    """What Django's `_get_FIELD_display` returns, with the field's choices read once."""
    labels = _labels.get(field)
    if labels is None:
        labels = _labels[field] = dict(make_hashable(field.flatchoices))
    value = getattr(instance, field.attname)
    return force_str(labels.get(make_hashable(value), value), strings_only=True)


def _is_djangos(model: type[models.Model], name: str) -> bool:
    for klass in model.__mro__:
        if name in klass.__dict__:
            found = klass.__dict__[name]
            djangos = models.Model._get_FIELD_display  # type: ignore[attr-defined]
            return isinstance(found, partialmethod) and found.func is djangos
    return False


def install(all_models: Iterable[type[models.Model]]) -> None:
    for model in all_models:
        for field in model._meta.fields:
            name = f"get_{field.name}_display"
            if isinstance(field.choices, CallableChoiceIterator) or not field.choices:
                continue  # no choices, or choices that may change between calls
            if _is_djangos(model, name):
                setattr(model, name, partialmethod(display, field=field))
