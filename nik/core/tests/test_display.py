"""Our `get_FOO_display` shows what Django's own shows, in both languages, for every field."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from nik.core import display
from nik.core.models import Membership, Role


def _fields_with_choices() -> list[tuple[type[models.Model], models.Field[Any, Any]]]:
    return [
        (model, field)
        for config in apps.get_app_configs()
        if config.name.startswith("nik.")
        for model in config.get_models()
        for field in model._meta.fields
        if field.choices
    ]


def test_every_choice_of_every_field_shows_djangos_label_in_dutch_and_english() -> None:
    fields = _fields_with_choices()
    assert len(fields) > 40  # statuses, roles, sources, stages, ... across the apps
    for model, field in fields:
        installed = vars(model)[f"get_{field.name}_display"]
        assert installed.func is display.display, f"{model.__name__}.{field.name}"
        for value, _label in [*field.flatchoices, ("no-such-value", "")]:
            instance = model(**{field.attname: value})
            for language in ("nl", "en"):
                with translation.override(language):
                    ours = getattr(instance, f"get_{field.name}_display")()
                    djangos = models.Model._get_FIELD_display(instance, field)  # type: ignore[attr-defined]
                    assert ours == djangos, (model.__name__, field.name, value, language)
                    assert type(ours) is type(djangos)


def test_the_label_follows_the_language_of_the_moment() -> None:
    membership = Membership(role=Role.COORDINATOR)
    with translation.override("nl"):
        dutch = membership.get_role_display()
    with translation.override("en"):
        english = membership.get_role_display()
    assert (dutch, english) == ("netwerkcoördinator", "network coordinator")


def test_a_model_keeps_its_own_display_method() -> None:
    class Shape(models.Model):
        kind = models.CharField(max_length=10, choices=[("a", "round"), ("b", "square")])

        class Meta:
            app_label = "core"
            managed = False

        def __str__(self) -> str:
            return self.kind

        def get_kind_display(self) -> str:
            return "own"

    class Tile(models.Model):
        kind = models.CharField(max_length=10, choices=[("a", "round"), ("b", "square")])

        class Meta:
            app_label = "core"
            managed = False

        def __str__(self) -> str:
            return self.kind

    display.install([Shape, Tile])
    assert Shape(kind="a").get_kind_display() == "own"
    tile: Any = Tile  # a model made here: the type checker's plugin does not know it
    assert tile(kind="b").get_kind_display() == "square"
    assert tile(kind="c").get_kind_display() == "c"
    assert tile(kind=None).get_kind_display() is None


@pytest.fixture(autouse=True)
def _forget_test_models() -> Any:
    yield
    for name in ("shape", "tile"):
        apps.all_models["core"].pop(name, None)
    apps.clear_cache()
