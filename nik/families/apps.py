from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamiliesConfig(AppConfig):
    name = "nik.families"
    verbose_name = _("Families")

    def ready(self) -> None:

        from nik.core.models import Role
        from nik.core.nav import Place
        from nik.core.nav import register as place

        place(
            Place(
                "families.list",
                20,
                _("Families"),
                "families:family_list",
                roles=frozenset({Role.COORDINATOR, Role.CASEMANAGER, Role.MEMBER}),
            )
        )
        for name, order, label, url in [
            ("families.referrals", 30, _("Referrals"), "families:referrals"),
            ("families.inquiries", 40, _("Questions"), "families:inquiries"),
        ]:
            place(Place(name, order, label, url, frozenset({Role.COORDINATOR}), per_region=True))
        from nik.core.panels import register

        from .panels import PANELS

        for panel in PANELS:
            register(panel)

        from nik.core import textcheck

        from .anonymity import found_in, redact

        textcheck.register(found_in, redact=redact)

        from django.db.models.signals import post_delete, post_save, pre_save

        from .figures import note_referral_day, tally_family, tally_referral
        from .models import Family, Referral

        pre_save.connect(note_referral_day, sender=Referral, dispatch_uid="referral-tally-before")
        post_save.connect(tally_referral, sender=Referral, dispatch_uid="referral-tally")
        post_delete.connect(tally_referral, sender=Referral, dispatch_uid="referral-tally-d")
        post_save.connect(tally_family, sender=Family, dispatch_uid="family-tally")
        post_delete.connect(tally_family, sender=Family, dispatch_uid="family-tally-d")
