"""Every write of the signalling function: raise, discuss, pass on, close (the region); take up,
not take up, answer, act (the knowledge centre). Each logged; decisions under a row lock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nik.core import access as core_access
from nik.core import audit, notify
from nik.core.concurrency import claim, lock
from nik.core.models import AuditAction, Region, User
from nik.families import access as door
from nik.families import anonymity

from .models import NationalAction, NationalIssue, Passed, Sharing, Signal, Source, Status

PUBLIC_PER_HOUR = 3  # signals from one address on the public site, per hour
OPEN = (Status.NEW, Status.DISCUSSED)


def _log(
    action: str, obj: Any, region: Region | None, user: User | None, event: str, **details: Any
) -> None:
    audit.record(
        action=action, event=event, user=user, region=region,
        object_type=obj._meta.label_lower, object_id=obj.pk, details=details,
    )  # fmt: skip


@transaction.atomic
def do_raise(signal: Signal, *, acting_user: User | None) -> Signal:
    """Save a new signal. The whole region reads it, so it names no one of the region's
    families: refused when it does (a parent's: of their own family; a visitor's without an
    account has the names left out, see `NameCheckedForm`). A link to a family is recorded on
    the family's access overview."""
    signal.full_clean(exclude=["family", "passed", "raised_by"])
    if signal.source == Source.PUBLIC:
        signal.text = anonymity.redact(signal.region, signal.text)
    elif signal.source == Source.PARENT:
        anonymity.check(
            signal.region,
            [signal.text],
            families=door.visible_families(acting_user or AnonymousUser()),
            message=anonymity.OWN_FAMILY,
        )
    else:
        anonymity.check(signal.region, [signal.text])
    signal.raised_by = acting_user if acting_user and acting_user.is_authenticated else None
    signal.status = Status.NEW
    signal.save()
    audit.record(
        action=AuditAction.CREATE,
        event="signal.raised",
        user=signal.raised_by,
        region=signal.region,
        object_type="signals.signal",
        object_id=signal.pk,
        subjects=[signal.family_id] if signal.family_id else [],
        purpose="signal" if signal.family_id else "",
        details={"source": signal.source, "theme": signal.theme, "kind": signal.kind},
    )
    return signal


def public_rate_limited(region: Region, source_hash: str) -> bool:
    since = timezone.now() - timedelta(hours=1)
    return (
        Signal.objects.filter(source_hash=source_hash, created_at__gte=since).count()
        >= PUBLIC_PER_HOUR
    )


@transaction.atomic
def do_discuss(
    signal: Signal,
    *,
    seen: int | None,
    region_note: str,
    close: bool = False,
    acting_user: User,
) -> Signal:
    """The coordinator's conclusion after the region discussed it; closed when the region deals
    with it itself (not passed on)."""
    # Read under a lock as stored now: passed on or closed meanwhile, it is not discussed again.
    stored = (
        Signal.objects.select_for_update().filter(pk=signal.pk).values_list("status", flat=True)
    )
    if stored.get() not in OPEN:
        raise ValidationError(_("This signal was passed on or closed already."))
    anonymity.check(signal.region, [region_note])
    signal.region_note = region_note.strip()
    claim(signal, seen, ["region_note", "status"])
    signal.status = Status.CLOSED if close else Status.DISCUSSED
    signal.save(update_fields=["region_note", "status"])
    _log(AuditAction.UPDATE, signal, signal.region, acting_user, "signal.discussed", closed=close)
    return signal


@transaction.atomic
def do_steering_view(signal: Signal, *, seen: int | None, view: str, acting_user: User) -> Signal:
    anonymity.check(signal.region, [view])
    signal.steering_view = view.strip()
    claim(signal, seen, ["steering_view"])
    signal.save(update_fields=["steering_view"])
    _log(AuditAction.UPDATE, signal, signal.region, acting_user, "signal.steering_view")
    return signal


@transaction.atomic
def do_pass(
    region: Region,
    signals: Sequence[Signal],
    *,
    summary: str,
    families: int,
    systems: list[str],
    acting_user: User,
) -> Passed:
    """Pass one or more of the region's open signals on one theme to the knowledge centre, in a
    text of their own that is checked for anything identifying a family (refused with the words
    named: nothing identifying ever leaves the region)."""
    if not signals:
        raise ValidationError(_("Choose at least one signal to pass on."))
    locked = list(
        Signal.objects.select_for_update()
        .filter(pk__in=[s.pk for s in signals], region=region)
        .order_by("pk")
    )
    if len(locked) != len(signals) or any(s.status not in OPEN for s in locked):
        raise ValidationError(_("One of these signals was passed on or closed already."))
    themes = {(s.theme, s.kind) for s in locked}
    if len(themes) > 1:
        raise ValidationError(_("Pass on signals of one theme and kind together."))
    anonymity.check(region, [summary], leaves_region=True)
    ((theme, kind),) = themes
    passed = Passed.objects.create(
        region=region, kind=kind, theme=theme, systems=sorted(set(systems)),
        summary=summary.strip(), families=families, passed_by=acting_user,
    )  # fmt: skip
    Signal.objects.filter(pk__in=[s.pk for s in locked]).update(passed=passed, status=Status.PASSED)
    _log(AuditAction.CREATE, passed, region, acting_user, "signal.passed", signals=len(locked))
    return passed


# The knowledge centre ------------------------------------------------------------------------


@transaction.atomic
def do_take_up(
    passed: Passed, *, issue: NationalIssue | None, title: str = "", acting_user: User
) -> NationalIssue:
    """Take a report up under a national issue: an existing one (reports from several regions on
    the same matter are merged this way) or a new one."""
    lock(passed)
    if issue is None:
        if not title.strip():
            raise ValidationError(_("Choose an issue or give a new one a title."))
        issue = NationalIssue.objects.create(title=title.strip(), theme=passed.theme)
    passed.issue, passed.not_taken_up = issue, ""
    passed.save(update_fields=["issue", "not_taken_up"])
    passed.signals.update(status=Status.TAKEN_UP)
    _log(AuditAction.UPDATE, passed, None, acting_user, "signal.taken_up", issue=issue.pk)
    return issue


@transaction.atomic
def do_not_take_up(passed: Passed, *, reason: str, acting_user: User) -> Passed:
    lock(passed)
    if not reason.strip():
        raise ValidationError(_("Say why it is not taken up: the region reads it."))
    passed.issue, passed.not_taken_up = None, reason.strip()
    passed.save(update_fields=["issue", "not_taken_up"])
    passed.signals.update(status=Status.NOT_TAKEN_UP)
    _log(AuditAction.UPDATE, passed, None, acting_user, "signal.not_taken_up")
    return passed


@transaction.atomic
def do_answer(passed: Passed, *, feedback: str, acting_user: User) -> int:
    """The knowledge centre's answer: to the region, to each signal of the report, and by e-mail
    to whoever raised one and left an address (a parent also reads it on the family page) and to
    the coordinator who raised one (each person once, however many of their signals it answers).
    Returns how many people were e-mailed."""
    lock(passed)
    if not feedback.strip():
        raise ValidationError(_("Write the answer."))
    if passed.issue_id is None and not passed.not_taken_up:
        raise ValidationError(_("First take it up or say why not; then answer."))
    passed.feedback, passed.feedback_at = feedback.strip(), timezone.now()
    passed.save(update_fields=["feedback", "feedback_at"])
    mailed: set[str] = set()
    for signal in passed.signals.select_related("raised_by", "region").order_by("pk"):
        raiser = signal.raised_by
        if signal.reply_to or (raiser and signal.source in (Source.PARENT, Source.PUBLIC)):
            address = signal.reply_to or (raiser.email if raiser else "")
            subject = _("An answer to what you told %(region)s") % {"region": signal.region.name}
            body = _(
                "Hello,\n\nYou told the network %(region)s what you ran into. The network "
                "passed it on to the national knowledge centre, which answers:\n\n%(answer)s"
                "\n\nThank you for telling us."
            ) % {"region": signal.region.name, "answer": passed.feedback}  # fmt: skip
        elif raiser and core_access.is_coordinator(raiser, signal.region):
            address = raiser.email
            subject = _("The knowledge centre answered your signal")
            body = _(
                "Hello,\n\nThe national knowledge centre answered the signal you raised in "
                "%(region)s (%(theme)s), which the region passed on:\n\n%(answer)s\n\n"
                "You find the answer with the signal in NIK."
            ) % {
                "region": signal.region.name,
                "theme": signal.get_theme_display(),
                "answer": passed.feedback,
            }  # fmt: skip
        else:
            continue
        if address.lower() in mailed:
            continue
        if notify.send_once(
            f"signal.answer:{signal.pk}:{passed.pk}", to=[address], subject=subject, body=body
        ):
            mailed.add(address.lower())
    passed.signals.update(status=Status.ANSWERED, reply_to="")
    _log(AuditAction.UPDATE, passed, None, acting_user, "signal.answered", mailed=len(mailed))
    return len(mailed)


@transaction.atomic
def do_add_action(
    issue: NationalIssue, *, description: str, status: str, on: Any, acting_user: User
) -> NationalAction:
    action = NationalAction.objects.create(
        issue=issue, description=description.strip(), status=status, on=on
    )
    _log(AuditAction.CREATE, action, None, acting_user, "signal.national_action")
    return action


@transaction.atomic
def do_merge_issues(source: NationalIssue, target: NationalIssue, *, acting_user: User) -> None:
    """Two national issues that are one: the reports and actions of `source` move to `target`."""
    if source.pk == target.pk:
        raise ValidationError(_("Choose another issue to merge with."))
    lock(target)
    source.reports.update(issue=target)
    source.actions.update(issue=target)
    _log(AuditAction.DELETE, source, None, acting_user, "signal.issues_merged", into=target.pk)
    source.delete()


@transaction.atomic
def do_share(region: Region, *, named: bool, acting_user: User) -> Sharing:
    """Whether the region's figures may be seen by name by regions that share theirs."""
    found, _created = Sharing.objects.update_or_create(region=region, defaults={"named": named})
    _log(AuditAction.UPDATE, found, region, acting_user, "signals.sharing", named=named)
    return found
