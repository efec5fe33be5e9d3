"""Surveys: invitations with single-use links that need no account, anonymous answers, reminders
once, response rates, and results only for groups of at least 5 answers.

A family is invited after a plan evaluation or when its route closed, never more often than the
region sets (`Settings.family_interval_days`, 90 days unless changed): by e-mail to the first
parent with an address, and on the family page of the parents who have one. The professionals of
the network are asked at most once a quarter (the training needs once a year). An answer keeps no
link to its invitation, no time (a day), and no person.
"""

from __future__ import annotations

import hashlib
import secrets
import statistics
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nik.core import audit, notify
from nik.core.models import AuditAction, Professional, Region, User

from . import small
from .instruments import (
    FAMILIES,
    LIKERT5,
    MULTIPLE,
    PROFESSIONALS,
    SCALE10,
    SINGLE,
    TEXT,
    Instrument,
    instrument_of,
    instruments_of,
)
from .models import Invitation, Response, Settings, Survey
from .small import HIDDEN

VALID_FOR = timedelta(days=30)
REMIND_AFTER = timedelta(days=7)
PROFESSIONAL_INTERVAL = timedelta(days=90)
NEEDS_INTERVAL = timedelta(days=365)  # the members' training needs: once a year
GROUP = 5  # results only for groups of at least this many answers


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _link(base_url: str, token: str) -> str:
    return base_url.rstrip("/") + reverse("monitoring:survey", args=[token])


def _invite(
    region: Region, instrument: Instrument, email: str, family_id: int | None, base_url: str
) -> Invitation:
    token = secrets.token_urlsafe(24)
    invitation = Invitation.objects.create(
        region=region,
        instrument=instrument.key,
        version=instrument.version,
        token_hash=_hash(token),
        token=token,
        family_id=family_id,
        email=email,
        expires_at=timezone.now() + VALID_FOR,
    )
    if not email:  # on the family page only
        return invitation
    notify.send_once(
        f"survey.invite:{invitation.pk}",
        to=[email],
        subject=instrument.title,
        body=_(
            "Hello,\n\nThe network %(region)s would like to know how things are going. Answering "
            "takes about five minutes and is anonymous: nobody sees who answered what. The link works "
            "once, until %(until)s:\n%(link)s\n\nThank you."
        )
        % {
            "region": region.name,
            "until": date_format(timezone.localtime(invitation.expires_at), "j F Y"),
            "link": _link(base_url, token),
        },
    )
    return invitation


def _instrument(region: Region, survey: str, audience: str) -> Instrument:
    found = instrument_of(region, survey)
    if found is None or found.audience != audience:
        raise ValidationError(_("There is no such survey for this group."))
    return found


@transaction.atomic
def do_invite_families(
    region: Region, *, base_url: str, acting_user: User, survey: str = "families"
) -> int:
    """Invite the families whose care plan was evaluated (a new version made final) or whose route
    closed in the last 30 days, each at most once per the region's interval (whatever the survey).
    One invitation per family: by e-mail to the first parent with an address, and on the family
    page of its parents."""
    from nik.careplans.models import CarePlanVersion
    from nik.families.models import Family, Guardian, StageChange

    instrument = _instrument(region, survey, FAMILIES)
    # One coordinator's click at a time per region: two at once would invite a family twice.
    Region.objects.select_for_update().filter(pk=region.pk).values_list("pk").get()
    interval = timedelta(days=Settings.of(region).family_interval_days)
    since = timezone.now() - timedelta(days=30)
    evaluated = CarePlanVersion.objects.filter(
        plan__family__region=region, published_at__gte=since, number__gt=1
    ).values_list("plan__family", flat=True)
    closed = StageChange.objects.filter(
        family__region=region, stage="closed", at__gte=since
    ).values_list("family", flat=True)
    recent = set(
        Invitation.objects.filter(
            region=region,
            created_at__gte=timezone.now() - interval,
            family_id__isnull=False,
        ).values_list("family_id", flat=True)
    )
    families = (set(evaluated) | set(closed)) - recent
    emails: dict[int, str] = {}
    for family_id, email in (
        Guardian.objects.filter(family_id__in=families)
        .exclude(email="")
        .order_by("family_id", "pk")
        .values_list("family_id", "email")
    ):
        emails.setdefault(family_id, email)
    # Parents with a family page find the invitation there too, with or without an address.
    on_portal = set(
        Family.portal_users.through.objects.filter(family_id__in=families).values_list(
            "family_id", flat=True
        )
    )
    reachable = sorted(f for f in families if f in emails or f in on_portal)
    # The families whose parents' e-mail address was read are the event's subjects.
    return _invite_all(
        region, instrument, [(emails.get(f, ""), f) for f in reachable], base_url, acting_user
    )


@transaction.atomic
def do_invite_professionals(
    region: Region, *, base_url: str, acting_user: User, survey: str = "professionals"
) -> int:
    """Invite every professional of the region's register with an e-mail address; refused when
    they were invited to this survey less than `PROFESSIONAL_INTERVAL` ago (the training needs:
    `NEEDS_INTERVAL`)."""
    instrument = _instrument(region, survey, PROFESSIONALS)
    Region.objects.select_for_update().filter(pk=region.pk).values_list("pk").get()
    needs = instrument.key == "needs"
    if Invitation.objects.filter(
        region=region,
        instrument=instrument.key,
        created_at__gte=timezone.now() - (NEEDS_INTERVAL if needs else PROFESSIONAL_INTERVAL),
    ).exists():
        raise ValidationError(
            _("The professionals were asked this less than a year ago.")
            if needs
            else _("The professionals were invited less than three months ago.")
        )
    emails = sorted(
        set(
            Professional.objects.filter(region=region)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    return _invite_all(region, instrument, [(e, None) for e in emails], base_url, acting_user)


def _invite_all(
    region: Region,
    instrument: Instrument,
    addressees: list[tuple[str, int | None]],
    base_url: str,
    acting_user: User,
) -> int:
    """Invite each (e-mail, family or None) and log it once; families are the event's subjects."""
    for email, family_id in addressees:
        _invite(region, instrument, email, family_id, base_url)
    audit.record(
        action=AuditAction.CREATE,
        event="survey.invited",
        user=acting_user,
        region=region,
        object_type="monitoring.invitation",
        subjects=[f for _e, f in addressees if f is not None],
        purpose="survey invitation",
        details={"survey": instrument.key, "invited": len(addressees)},
    )
    return len(addressees)


def open_invitation(token: str) -> Invitation:
    """The invitation of a link, or a ValidationError that says why it cannot be used."""
    found = Invitation.objects.filter(token_hash=_hash(token)).select_related("region").first()
    if found is None:
        raise ValidationError(_("This link is not known. Check that you copied it whole."))
    if found.used:
        raise ValidationError(_("This link was used already: the answers are in. Thank you!"))
    if found.expires_at <= timezone.now():
        raise ValidationError(_("This link has expired."))
    return found


def clean_answers(instrument: Instrument, data: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """The answers of a posted form, checked against the items shown; and the errors per item."""
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    raw = {i.key: data.get(i.key, "") for i in instrument.items}
    for item in instrument.shown(raw):
        allowed = {k for k, _l in item.choices()}
        if item.kind == MULTIPLE:
            value: Any = [v for v in data.getlist(item.key) if v in allowed]
        else:
            value = str(data.get(item.key, "")).strip()
        if item.kind == TEXT:
            value = value[:2000]
        elif item.kind in (SCALE10, LIKERT5, SINGLE) and value and value not in allowed:
            errors[item.key] = _("Choose one of the answers.")
            continue
        if item.required and not value:
            errors[item.key] = _("Please answer this question.")
            continue
        if value:
            answers[item.key] = int(value) if item.kind in (SCALE10, LIKERT5) else value
    return answers, errors


@transaction.atomic
def do_answer(token: str, answers: dict[str, Any]) -> Response:
    """Save one anonymous answer and use up the link (under a row lock: a double submit gives one
    answer)."""
    found = open_invitation(token)
    locked = Invitation.objects.select_for_update().get(pk=found.pk)
    if locked.used:
        raise ValidationError(_("This link was used already: the answers are in. Thank you!"))
    locked.used, locked.token, locked.email = True, "", ""
    locked.save(update_fields=["used", "token", "email"])
    if locked.instrument == "needs" and answers.get("topic"):
        # The yearly question feeds the training plan's list of needs (anonymously).
        from nik.learning.models import NeedSource, TrainingNeed

        TrainingNeed.objects.create(
            region=locked.region, topic=str(answers["topic"])[:300], source=NeedSource.MEMBER
        )
    return Response.objects.create(
        region=locked.region, instrument=locked.instrument, version=locked.version, answers=answers
    )


def send_reminders(base_url: str, now: Any = None) -> int:
    """One reminder per unanswered invitation, a week after it was sent, while it is valid."""
    now = now or timezone.now()
    # An expired link is forgotten: its key and address are not kept.
    Invitation.objects.filter(expires_at__lte=now).exclude(token="", email="").update(
        token="", email=""
    )
    sent = 0
    due = (
        Invitation.objects.filter(
            used=False,
            reminded_at__isnull=True,
            created_at__lte=now - REMIND_AFTER,
            expires_at__gt=now,
        )
        .exclude(token="")
        .exclude(email="")
    )
    for invitation in due.select_related("region"):
        instrument = instrument_of(invitation.region, invitation.instrument, invitation.version)
        if instrument is None:
            continue
        sent += notify.send_once(
            f"survey.reminder:{invitation.pk}",
            to=[invitation.email],
            subject=instrument.title,
            body=_(
                "Hello,\n\nA week ago we asked how things are going. If you have five minutes, your "
                "answers help the network %(region)s. The link works once:\n%(link)s\n\nThank you."
            )
            % {"region": invitation.region.name, "link": _link(base_url, invitation.token)},
        )
        # Reminded once: the address is not needed any more.
        Invitation.objects.filter(pk=invitation.pk).update(reminded_at=now, email="")
    return sent


# Results -------------------------------------------------------------------------------------


@dataclass
class ItemResult:
    item: Any
    mean: float | None
    counts: list[tuple[str, int]]

    @property
    def given(self) -> list[tuple[str, Any]]:
        """The answers given, without the choices nobody chose."""
        return [(label, n) for label, n in self.counts if n]


@dataclass
class SurveyResult:
    instrument: Instrument
    invited: int
    answered: int
    items: list[ItemResult]
    exact: bool = True  # False: counts of families under 5 are shown as "< 5"

    @property
    def _families(self) -> bool:
        return not self.exact and self.instrument.audience == FAMILIES

    @property
    def invited_shown(self) -> Any:
        return small.count(self.invited, exact=not self._families)

    @property
    def answered_shown(self) -> Any:
        return small.count(self.answered, exact=not self._families)

    @property
    def rate(self) -> float | None:
        if not self.invited or HIDDEN in (self.invited_shown, self.answered_shown):
            return None
        return round(100 * self.answered / self.invited, 1)

    @property
    def shown(self) -> bool:
        return self.answered >= GROUP


def results(region: Region, start: date, end: date, *, exact: bool = True) -> list[SurveyResult]:
    """Per survey: invited, answered, and (for at least `GROUP` answers) each item's mean and
    counts; free text is never shown here. Not `exact`: the small-number rule on the numbers of
    families invited and answering.

    Invited are the invitations whose link could be used in the window (made before its end,
    valid after its start): every answer of the window came through one of them, so there are
    never more answers than invitations (an invitation of the month before the window, answered
    in it, counts too)."""
    out = []
    for instrument in instruments_of(region):
        invited = Invitation.objects.filter(
            region=region,
            instrument=instrument.key,
            version=instrument.version,
            created_at__date__lt=end,
            expires_at__date__gte=start,
        ).count()
        answers = list(
            Response.objects.filter(
                region=region,
                instrument=instrument.key,
                version=instrument.version,
                submitted_on__gte=start,
                submitted_on__lt=end,
            ).values_list("answers", flat=True)
        )
        items = []
        if len(answers) >= GROUP:
            for item in instrument.items:
                if item.kind == TEXT:
                    continue
                values = [a[item.key] for a in answers if item.key in a]
                numbers = [v for v in values if isinstance(v, int)]
                flat: list[str] = []
                for v in values:
                    flat.extend(v if isinstance(v, list) else [str(v)])
                counts = [(label, flat.count(key)) for key, label in item.choices()]
                if not exact and instrument.audience == FAMILIES:
                    # Anonymous, but still families: the rule with the item's total.
                    _total, kept = small.breakdown(len(values), dict(counts), exact=False)
                    counts = list(kept.items())
                items.append(
                    ItemResult(
                        item, round(statistics.mean(numbers), 1) if numbers else None, counts
                    )
                )
        out.append(SurveyResult(instrument, invited, len(answers), items, exact))
    return out


def survey_values(region: Region, instrument: str, start: date, end: date) -> list[dict[str, Any]]:
    return list(
        Response.objects.filter(
            region=region, instrument=instrument, submitted_on__gte=start, submitted_on__lt=end
        ).values_list("answers", flat=True)
    )


# Families' and professionals' views side by side ----------------------------------------------

GAP = 15  # percentage points: a difference this large is where the conversation starts


@dataclass
class Comparison:
    theme: str
    families: float | None  # share of families who answered positively, or None under GROUP
    professionals: float | None

    @property
    def gap(self) -> float | None:
        if self.families is None or self.professionals is None:
            return None
        return round(self.professionals - self.families, 1)

    @property
    def talk_about(self) -> bool:
        return self.gap is not None and abs(self.gap) >= GAP


def _positive(answers: list[dict[str, Any]], key: str, hit: Any) -> float | None:
    given = [a[key] for a in answers if key in a]
    if len(given) < GROUP:
        return None
    return round(100 * sum(1 for v in given if hit(v)) / len(given), 1)


def side_by_side(region: Region, start: date, end: date) -> list[Comparison]:
    """The same themes seen by the families and by the professionals, each as the share of
    positive answers (a mark of 7 or more, "agree" or "strongly agree", "yes"): the seed's point
    is that the differences are where the dialogue starts."""
    families = survey_values(region, "families", start, end)
    professionals = survey_values(region, "professionals", start, end)

    def mark(v: Any) -> bool:
        return isinstance(v, int) and v >= 7

    def agree(v: Any) -> bool:
        return isinstance(v, int) and v >= 4

    return [
        Comparison(
            _("Good care"),
            _positive(families, "overall", mark),
            _positive(professionals, "quality", agree),
        ),
        Comparison(
            _("Care that fits together"),
            _positive(families, "fit", mark),
            _positive(professionals, "coordinated", agree),
        ),
        Comparison(
            _("Knowing whom to call"),
            _positive(families, "whom_to_call", lambda v: v == "yes"),
            _positive(professionals, "know_network", agree),
        ),
    ]


# The region's own surveys ----------------------------------------------------------------------


@transaction.atomic
def do_save_survey(
    survey: Survey, *, seen: int | None, items: list[dict[str, Any]], acting_user: User
) -> Survey:
    """Save a draft (a new survey, or the draft of a new version) with its questions. A published
    version is never changed; two coordinators saving the same draft: the second is told."""
    from nik.core.concurrency import claim

    # Read under a lock: a version published meanwhile (`do_publish_survey` locks too) stays as
    # it is.
    draft = Survey.objects.select_for_update().filter(pk=survey.pk, published_at__isnull=True)
    if survey.pk and draft.values_list("pk").first() is None:
        raise ValidationError(_("This version is published and cannot be changed any more."))
    claim(survey, seen, ["title", "title_en", "audience", "items"])
    new = survey.pk is None
    survey.items = items
    survey.created_by = survey.created_by or acting_user
    survey.save()
    if new:
        survey.key = f"own-{survey.pk}"
        survey.save(update_fields=["key"])
    audit.record_write(
        AuditAction.CREATE if new else AuditAction.UPDATE, survey, survey.region, acting_user,
        "survey.saved", number=survey.number, questions=len(items),
    )  # fmt: skip
    return survey


@transaction.atomic
def do_publish_survey(survey: Survey, *, acting_user: User) -> Survey:
    """Publish a draft: from now on invitations use this version, and it stays as it is."""
    from nik.core.concurrency import lock

    lock(survey)
    if survey.published_at is None:
        survey.published_at = timezone.now()
        survey.save(update_fields=["published_at"])
        audit.record_write(
            AuditAction.UPDATE, survey, survey.region, acting_user, "survey.published",
            number=survey.number,
        )  # fmt: skip
    return survey


@transaction.atomic
def do_new_version(survey: Survey, *, acting_user: User) -> Survey:
    """The draft of the next version, a copy of the latest; an existing draft is returned as it
    is (two clicks make one draft)."""
    Region.objects.select_for_update().filter(pk=survey.region_id).values_list("pk").get()
    versions = Survey.objects.filter(region=survey.region, key=survey.key)
    draft = versions.filter(published_at__isnull=True).first()
    if draft is not None:
        return draft
    latest = versions.order_by("-number").first() or survey
    copy = Survey.objects.create(
        region=latest.region, key=latest.key, number=latest.number + 1, audience=latest.audience,
        title=latest.title, title_en=latest.title_en, items=latest.items, created_by=acting_user,
    )  # fmt: skip
    audit.record_write(
        AuditAction.CREATE, copy, copy.region, acting_user, "survey.new_version",
        number=copy.number,
    )  # fmt: skip
    return copy
