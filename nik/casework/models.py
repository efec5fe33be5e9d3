"""Learning from families and cases (steps 1, 5, 8, 9 and 10).

- Mirror conversations with parents, whose ideas are followed to an outcome. No parent is named:
  a conversation records how many parents came, never who.
- The forms of learning together the network agreed (MDO, case discussion, intervision group,
  advice line) with their frequency; their meetings are the roadmap's meetings (one calendar).
- Case discussions in the seed's format, held at such a meeting. A case is anonymous (age band,
  condition category) or linked to a family; the link is shown only to those the families' door
  lets through, everyone else reads the anonymised case. Follow-up actions are the meeting's action
  items (start page, reminders); lessons become step-10 proposals.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nik.core.concurrency import Versioned
from nik.core.models import Professional, Region, User
from nik.families.models import Family
from nik.network.models import ConditionCategory
from nik.roadmap.models import ActionItem, Event, Proposal


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
    starts_at = models.TimeField(
        _("starts at"), null=True, blank=True, help_text=_("Needed to invite parents.")
    )
    minutes = models.PositiveSmallIntegerField(_("length in minutes"), default=90)
    location = models.CharField(
        _("place"),
        max_length=250,
        blank=True,
        help_text=_("The address parents come to. Needed to invite parents."),
    )
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

    def start(self) -> datetime | None:
        """The moment it begins, in the Dutch time zone; None while no time is set."""
        if self.starts_at is None:
            return None
        return datetime.combine(
            self.held_on, self.starts_at, tzinfo=timezone.get_current_timezone()
        )

    def end(self) -> datetime | None:
        start = self.start()
        return None if start is None else start + timedelta(minutes=self.minutes)

    def answering_open(self) -> bool:
        """Parents may say yes or no, and change their answer, until the conversation begins."""
        start = self.start()
        return start is not None and timezone.now() < start


class Answer(models.TextChoices):
    NONE = "", _("no answer yet")
    YES = "yes", _("comes")
    NO = "no", _("does not come")


class MirrorInvitation(models.Model):
    """A parent invited to one conversation, with a link (no account needed) to say yes or no.

    Only the link's hash is kept, so a copy of the database opens no answer page. The answer is
    recorded once; the parent may change it, on purpose, until the conversation begins. Who
    comes is for the coordinator's planning only: the conversation itself still records how many
    parents came, never who."""

    conversation = models.ForeignKey(
        MirrorConversation, on_delete=models.CASCADE, related_name="invitations"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    answer = models.CharField(
        _("answer"), max_length=3, choices=Answer.choices, default=Answer.NONE, blank=True
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("invitation to a mirror conversation")
        verbose_name_plural = _("invitations to mirror conversations")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"], name="mirror_invitation_once_per_parent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.conversation} · {self.user}"


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


# Learning together (steps 5, 8 and 10) -----------------------------------------------------


class FormKind(models.TextChoices):
    MDO = "mdo", _("multidisciplinary meeting (MDO)")
    CASE = "case", _("case discussion")
    INTERVISION = "intervision", _("intervision group")
    ADVICE = "advice", _("advice line for professionals")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("every week")
    FORTNIGHTLY = "fortnightly", _("every two weeks")
    MONTHLY = "monthly", _("every month")
    SIX_WEEKLY = "six_weekly", _("every six weeks")
    QUARTERLY = "quarterly", _("every quarter")
    ON_REQUEST = "on_request", _("when asked")


class LearningForm(Versioned):
    """A form of learning together the network agreed on (step 5), with how often it meets.

    An intervision group is a form with its own members and themes. The meetings are the roadmap's
    meetings, scheduled from this agreement."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="learning_forms")
    kind = models.CharField(_("form"), max_length=12, choices=FormKind.choices)
    name = models.CharField(_("name"), max_length=200)
    frequency = models.CharField(
        _("how often"), max_length=12, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    minutes = models.PositiveSmallIntegerField(_("duration in minutes"), default=90)
    location = models.CharField(_("place or online link"), max_length=250, blank=True)
    description = models.TextField(_("what we agreed"), blank=True)
    members = models.ManyToManyField(
        Professional,
        verbose_name=_("members (invited each time)"),
        blank=True,
        related_name="learning_forms",
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    meetings = models.ManyToManyField(Event, blank=True, related_name="learning_forms")
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("form of learning together")
        verbose_name_plural = _("forms of learning together")

    def __str__(self) -> str:
        return self.name

    @property
    def schedulable(self) -> bool:
        return self.frequency != Frequency.ON_REQUEST


class AgeBand(models.TextChoices):
    BABY = "0-1", _("under 1 year")
    TODDLER = "1-4", _("1 to 4 years")
    CHILD = "4-12", _("4 to 12 years")
    TEEN = "12-18", _("12 to 18 years")
    ADULT = "18+", _("18 years or older")

    @classmethod
    def of(cls, age: int) -> AgeBand:
        for band, upper in ((cls.BABY, 1), (cls.TODDLER, 4), (cls.CHILD, 12), (cls.TEEN, 18)):
            if age < upper:
                return band
        return cls.ADULT


class CaseDiscussion(Versioned):
    """One case discussed at a meeting, in the seed's format (step 8's registration).

    The free text is written so that everyone at the meeting may read it: no names, dates of birth
    or addresses (checked before saving). The link to a family, when there is one, is a separate
    field that only the family's own team sees (through the families' door)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="case_discussions")
    meeting = models.ForeignKey(
        Event,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="case_discussions",
    )
    presenter = models.ForeignKey(
        User, verbose_name=_("presented by"), on_delete=models.PROTECT, related_name="+"
    )
    age_band = models.CharField(_("age"), max_length=5, choices=AgeBand.choices)
    condition_category = models.CharField(
        _("condition category"), max_length=10, choices=ConditionCategory.choices, blank=True
    )
    family = models.ForeignKey(
        Family,
        verbose_name=_("family"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_discussions",
    )
    question = models.TextField(_("the presenter's question"))
    picture = models.TextField(
        _("the picture, built with open questions"),
        blank=True,
        help_text=_("What the group learnt by asking open questions, without judging."),
    )
    main_issues = models.TextField(_("main issues"), blank=True)
    side_issues = models.TextField(_("side issues"), blank=True)
    feedback = models.TextField(_("feedback on the question"), blank=True)
    advice = models.TextField(_("advice"), blank=True)
    learned = models.TextField(_("what the presenter learnt"), blank=True)
    network_role = models.TextField(_("the network's role, analysed together"), blank=True)
    attendance = models.JSONField(
        _("attendance by discipline"), default=dict, blank=True
    )  # {discipline name: number of people}
    follow_ups = models.ManyToManyField(
        ActionItem, verbose_name=_("follow-up actions"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    TEXT_FIELDS = (
        "question",
        "picture",
        "main_issues",
        "side_issues",
        "feedback",
        "advice",
        "learned",
        "network_role",
    )

    class Meta:
        ordering = ["-meeting__starts_at", "-pk"]
        verbose_name = _("case discussion")
        verbose_name_plural = _("case discussions")
        indexes = [models.Index(fields=["region", "-created_at"], name="case_region_created")]

    def __str__(self) -> str:
        return self.summary

    @property
    def summary(self) -> str:
        """The anonymised case in a few words: age band and condition category."""
        parts = [str(self.get_age_band_display())]
        if self.condition_category.isdigit():
            parts.append(_("category %(n)s") % {"n": self.condition_category})
        elif self.condition_category:
            parts.append(str(self.get_condition_category_display()))
        return ", ".join(parts)

    @property
    def attendance_total(self) -> int:
        return sum(int(n) for n in self.attendance.values())


class Lesson(models.Model):
    """What the network learnt from a case discussion, on its way to policy (step 10)."""

    discussion = models.ForeignKey(CaseDiscussion, on_delete=models.CASCADE, related_name="lessons")
    text = models.CharField(_("lesson for the network"), max_length=500)
    proposal = models.ForeignKey(
        Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="lessons"
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def __str__(self) -> str:
        return self.text
