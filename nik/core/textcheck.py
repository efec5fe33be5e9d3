"""The hook for the one name check, so that apps below `families` use it too.

Free text that others read could hold a child's name. The check that finds one reads the region's
families, so it lives in `nik.families.anonymity`; core knows no app, so `families` registers it
here in its `AppConfig.ready()` (the way the panels registry works)::

    register(found_in, redact=redact)

A form of such text is a `TextCheckedForm`: the fields in `name_checked` are checked when the form
is cleaned, with the region given to the form. An action calls `check()` again, so a forged POST
or another caller is checked too. With no check registered, cleaning fails loudly: a text is never
let through because nobody could check it (deny by default).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Protocol

from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Region

IN_REGION = _(
    "This names someone of a family in this region: %(words)s. Others in the network read this "
    "text: write it without names or dates of birth."
)
LEAVES_REGION = _(
    "This could identify a family, and it would leave the region: %(words)s. "
    "Describe it without names, dates of birth, addresses or phone numbers."
)
OWN_FAMILY = _(
    "Your text has a name or date of birth of your family in it: %(words)s. That is not needed: "
    "please take it out. Others in the network read what you write."
)


class Finder(Protocol):
    def __call__(
        self,
        region: Region,
        texts: Iterable[str],
        *,
        leaves_region: bool = False,
        families: QuerySet[Any] | None = None,
    ) -> list[str]: ...


class Redactor(Protocol):
    def __call__(self, region: Region, text: str) -> str: ...


class _Registry:
    finder: Finder | None = None
    redactor: Redactor | None = None


_registry = _Registry()


def register(finder: Finder, *, redact: Redactor | None = None) -> None:
    """Register the check (the words of `texts` that name one of the region's families)."""
    _registry.finder = finder
    _registry.redactor = redact


def unregister() -> tuple[Finder | None, Redactor | None]:
    """Take the check away (for a test of what happens without one); returns what was there."""
    was = (_registry.finder, _registry.redactor)
    _registry.finder = _registry.redactor = None
    return was


def _finder() -> Finder:
    if _registry.finder is None:
        raise ImproperlyConfigured(
            "No name check is registered (nik.families registers it in its ready()): "
            "a free text that others read cannot be saved unchecked."
        )
    return _registry.finder


class NotAnonymous(ValidationError):
    """The text holds what looks like a name or date of birth of one of the region's families
    (or, for text that leaves the region, an address, phone number or e-mail address)."""

    def __init__(self, found: list[str], message: Any = IN_REGION) -> None:
        super().__init__(message % {"words": ", ".join(found)}, code="not_anonymous")
        self.found = found


def found_in(
    region: Region,
    texts: Iterable[str],
    *,
    leaves_region: bool = False,
    families: QuerySet[Any] | None = None,
) -> list[str]:
    """The words of `texts` that name one of the region's families (the registered check)."""
    return _finder()(region, list(texts), leaves_region=leaves_region, families=families)


def check(
    region: Region,
    texts: Iterable[str],
    *,
    leaves_region: bool = False,
    families: QuerySet[Any] | None = None,
    message: Any = None,
) -> None:
    """Raise `NotAnonymous` when `texts` hold a name or date of birth of the region's families
    (of `families` only, when given; and addresses and phone numbers when it leaves the region)."""
    found = found_in(region, texts, leaves_region=leaves_region, families=families)
    if found:
        raise NotAnonymous(found, message or (LEAVES_REGION if leaves_region else IN_REGION))


def redact(region: Region, text: str) -> str:
    """The text with every name and date of birth of the region's families left out."""
    _finder()
    if _registry.redactor is None:
        raise ImproperlyConfigured("The registered name check cannot leave names out.")
    return _registry.redactor(region, text)


class TextCheckedForm(forms.BaseForm):
    """A form of free text that others read: the fields in `name_checked` are checked when the
    form is cleaned, so no view, and no new form built on this one, can forget it.

    - by default the form is refused with the words named on each field (nothing is saved);
    - `leaves_region`: addresses, phone numbers and e-mail addresses count too;
    - `confirm_field`: a check box with which the author says they checked it and saves anyway
      (the words found are in `name_warning` for the page);
    - `redact`: the words are left out of the text instead ("[…]"), for a writer who may not
      learn that a name is a family's (a refusal would tell a visitor who is in the network);
    - `families` (given when the form is made): only these families' names are checked, for a
      parent, who may be told about their own family's names only.

    The region is given to the form (`region=`); a model form whose record has a region may
    leave it out. A form with neither fails when cleaned, never saves the text unchecked.
    """

    name_checked: ClassVar[tuple[str, ...]] = ()
    leaves_region: ClassVar[bool] = False
    confirm_field: ClassVar[str] = ""
    redact: ClassVar[bool] = False

    def __init__(
        self,
        *args: Any,
        region: Region | None = None,
        families: QuerySet[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        self.name_families = families
        self.name_warning: list[str] = []

    def checked_region(self) -> Region:
        region = self.region
        if region is None:
            instance = getattr(self, "instance", None)
            if getattr(instance, "region_id", None) is not None:
                region = instance.region  # type: ignore[union-attr]
        if region is None:
            raise ImproperlyConfigured(
                f"{type(self).__name__} checks its texts for names and needs the region."
            )
        return region

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None
        texts = {f: cleaned[f] for f in self.name_checked if isinstance(cleaned.get(f), str)}
        region = self.checked_region()
        _finder()  # also for an empty form: no check, no save
        if self.redact:
            for field, text in texts.items():
                cleaned[field] = redact(region, text)
            return cleaned
        found = {
            field: found_in(
                region, [text], leaves_region=self.leaves_region, families=self.name_families
            )
            for field, text in texts.items()
        }
        if self.confirm_field and cleaned.get(self.confirm_field):
            return cleaned
        message = (
            OWN_FAMILY
            if self.name_families is not None
            else LEAVES_REGION
            if self.leaves_region
            else IN_REGION
        )
        for field, words in found.items():
            if words:
                self.name_warning += [w for w in words if w not in self.name_warning]
                self.add_error(field, NotAnonymous(words, message))
        return cleaned

    def name_message(self) -> str:
        """The check's refusal in one line (for a view that answers with a message)."""
        return " ".join(str(e) for f in self.name_checked for e in self.errors.get(f, []))
