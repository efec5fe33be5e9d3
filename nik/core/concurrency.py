"""Two people at once: the row lock every decision takes, and the one edit-conflict check."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

from django import forms
from django.db import models
from django.db.models import F, Model
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

T = TypeVar("T")


def lock(obj: Model) -> None:
    """Lock the object's row until the transaction commits, and re-read it as stored now.

    Call inside the action's transaction, then check the state: a second person deciding at
    the same moment waits here and then sees the first one's decision (PostgreSQL; SQLite
    serialises writers anyway).
    """
    type(obj)._default_manager.select_for_update().filter(pk=obj.pk).values_list("pk").get()
    obj.refresh_from_db()


# Edit conflicts --------------------------------------------------------------------------------
#
# One way for every form that edits a record two people may open at once: the record carries an
# integer `version` (the `Versioned` abstract model), the form carries the version it showed
# (`VersionedForm`), and the action calls `claim(obj, seen, fields)` before it saves. The claim is
# a compare-and-set update (version = version + 1 where version = seen): the second of two saves
# changes no row and gets `EditConflict` with the stored record and the fields that differ, which
# `save_or_explain` shows on the form. An API call without a version saves without the check.


class Versioned(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class EditConflict(Exception):
    """Someone else saved the record after this user opened it."""

    def __init__(self, current: Versioned, changed_by_other: dict[str, Any]) -> None:
        super().__init__("edit conflict")
        self.current = current
        self.changed = changed_by_other


def claim(obj: Versioned, seen: int | None, fields: Iterable[str] = ()) -> None:
    """Take the next version of ``obj`` if it is still at ``seen``; else raise EditConflict.

    Call inside the action's transaction, before ``obj.save()``. A new object starts at 1.
    """
    if obj.pk is None:
        obj.version = 1
        return
    rows = type(obj)._default_manager.filter(pk=obj.pk)
    if seen is not None:
        rows = rows.filter(version=seen)
    if not rows.update(version=F("version") + 1):
        stored = type(obj)._default_manager.get(pk=obj.pk)
        changed = {f: getattr(stored, f) for f in fields if getattr(stored, f) != getattr(obj, f)}
        raise EditConflict(stored, changed)
    obj.version = (
        type(obj)._default_manager.filter(pk=obj.pk).values_list("version", flat=True).get()
    )


class VersionedForm(forms.Form):
    """Carries the version of the record the form showed (a hidden field)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and not self.is_bound:
            self.initial["version"] = instance.version

    def seen_version(self) -> int | None:
        return self.cleaned_data.get("version")


def save_or_explain(form: forms.BaseForm, save: Callable[[], T]) -> T | None:
    """Run the save; on someone else's edit, say what they changed and show the form again.

    The form then carries the stored version, so saving again keeps this user's values.
    """
    try:
        return save()
    except EditConflict as conflict:
        labels = {name: form.fields[name].label for name in conflict.changed if name in form.fields}
        changes = ", ".join(f"{labels.get(k, k)}: “{v}”" for k, v in conflict.changed.items())
        form.add_error(
            None,
            _(
                "Someone else saved this record while you were editing it. Their version: %(changes)s. "
                "Check the fields and save again to keep yours."
            )
            % {"changes": changes or _("no visible differences")},
        )
        data = cast(QueryDict, form.data).copy()
        data[form.add_prefix("version")] = str(conflict.current.version)
        form.data = data
        return None
