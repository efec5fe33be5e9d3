"""The family: the household in care.

The foundation holds only what the access rule needs (its region and the parents' accounts);
the families issue adds the child, guardians, siblings, consent and the care team.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nik.core.models import Region


class Family(models.Model):
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="families"
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("How the team refers to the family.")
    )
    portal_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal accounts"),
        related_name="portal_families",
        blank=True,
        help_text=_("Parents (and the child from 12) who see this family in the portal."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("family")
        verbose_name_plural = _("families")

    def __str__(self) -> str:
        return self.name
