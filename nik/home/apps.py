from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "nik.home"
    verbose_name = _("Start page")

    def ready(self) -> None:

        from nik.core.models import Role
        from nik.core.nav import Place, register

        register(Place("home.start", 10, _("Start"), "home", exact=True))
        register(
            Place(
                "home.network",
                50,
                _("Network"),
                "region_overview",
                roles=frozenset(Role.in_network()),
                per_region=True,
                also=("/regions/{slug}/network/",),
            )
        )
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from nik.core.models import Membership, Municipality, Organization, Professional

        from .selectors import forget_summary

        for model in (Membership, Municipality, Organization, Professional):
            post_save.connect(forget_summary, sender=model, dispatch_uid=f"summary-{model}")
            post_delete.connect(forget_summary, sender=model, dispatch_uid=f"summary-d-{model}")
        m2m_changed.connect(
            forget_summary,
            sender=Professional.disciplines.through,
            dispatch_uid="summary-disciplines",
        )
