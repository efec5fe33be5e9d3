"""Learning from families and cases (steps 1, 9 and 10): mirror conversations with parents, whose
ideas are followed to an outcome. Case discussions come here too (issue 15, still to build).

No parent is named: a conversation records how many parents came, never who.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nik.core.models import Region, User
from nik.roadmap.models import Proposal


class Theme(models.Model):
    """A theme parents raise, from the region's own list (so conversations can be compared)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="mirror_themes")
    name = models.CharField(_("theme"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="mirror_theme_unique")
        ]

    def __str__(self) -> str:
        return self.name


class MirrorConversation(models.Model):
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="mirror_conversations"
    )
    held_on = models.DateField(_("date"))
    facilitator = models.CharField(_("facilitator"), max_length=200)
    parents = models.PositiveSmallIntegerField(_("number of parents"), default=0)
    listeners = models.TextField(
        _("professionals who listened"), blank=True, help_text=_("Names or disciplines.")
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes heard"), blank=True)
    quotes = models.TextField(
        _("what parents said, and agreed to share"),
        blank=True,
        help_text=_("Only words the parents agreed to share, without names."),
    )
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("mirror conversation")
        verbose_name_plural = _("mirror conversations")

    def __str__(self) -> str:
        return f"{self.region} {self.held_on}"

    @property
    def planned(self) -> bool:
        return self.held_on > timezone.localdate()


class Outcome(models.TextChoices):
    NONE = "", _("no outcome yet")
    ACTION = "action", _("an action")
    PROPOSAL = "proposal", _("a proposal to the steering group")
    SIGNAL = "signal", _("a signal for the national level")


class Idea(models.Model):
    """An improvement worked out with professionals right after the conversation, followed to an
    outcome: an action with an owner, a step-10 proposal, or a signal for the national level."""

    conversation = models.ForeignKey(
        MirrorConversation, on_delete=models.CASCADE, related_name="ideas"
    )
    text = models.CharField(_("idea"), max_length=500)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.NONE, blank=True
    )
    owner = models.ForeignKey(
        User, verbose_name=_("owner"), on_delete=models.SET_NULL, null=True, blank=True
    )
    due = models.DateField(_("by when"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    proposal = models.ForeignKey(
        Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas"
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="action") | Q(owner__isnull=False, due__isnull=False),
                name="idea_action_has_owner_and_date",
            )
        ]

    def __str__(self) -> str:
        return self.text


class MirrorInterest(models.Model):
    """A parent who wants to be invited to the next conversation (from the portal)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region", "user"], name="mirror_interest_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.region}"
