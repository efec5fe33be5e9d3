"""Every write of family data: one transaction each, with its audit event (the subject family)."""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nik.core import audit, notify
from nik.core.concurrency import EditConflict, claim, lock
from nik.core.events import CoreEvent
from nik.core.models import AuditAction, Membership, Organization, Professional, Region, Role, User

from .events import FamilyEvent
from .models import (
    AnswerWay,
    CareTeamMember,
    Child,
    Consent,
    EmergencyAccess,
    Family,
    Guardian,
    Inquiry,
    InquiryStatus,
    Invitation,
    Referral,
    ReferralStatus,
    Stage,
    StageChange,
    TeamRole,
    add_working_days,
    consent_giver_for_age,
)

INQUIRIES_PER_HOUR = 5
CONTACT_WORKING_DAYS = 2
INVITATION_DAYS = 14
EMERGENCY_HOURS = 4


def _event(
    event: FamilyEvent,
    action: str,
    obj: Model,
    family: Family | None,
    user: User | None,
    **details: Any,
) -> None:
    audit.record(
        action=action,
        event=event,
        user=user,
        region_id=family.region_id if family else getattr(obj, "region_id", None),
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        subject_family_id=family.pk if family else None,
        details=details,
    )


# Questions ---------------------------------------------------------------------------------


def inquiry_rate_limited(region: Region, source_hash: str) -> bool:
    """More than a few questions an hour from one address is spam, not a parent."""
    since = timezone.now() - timedelta(hours=1)
    return (
        Inquiry.objects.filter(source_hash=source_hash, received_at__gte=since).count()
        >= INQUIRIES_PER_HOUR
    )


def contact_due(received: datetime) -> datetime:
    """By when the contact point answers a question: two working days (the seed's promise)."""
    return add_working_days(received, CONTACT_WORKING_DAYS)


@transaction.atomic
def do_submit_inquiry(
    inquiry: Inquiry,
    *,
    source_address: str | None,
    acting_user: User | None = None,
    confirm: bool = False,
) -> Inquiry:
    """Keep a question for the contact point. With `confirm`, the person who asked gets an
    e-mail (after commit) saying that it arrived and by when they hear from us; it does not
    repeat the question, so the form cannot be used to send someone else a text of one's own."""
    inquiry.source_hash = Inquiry.hash_source(source_address) if source_address else ""
    inquiry.full_clean()
    inquiry.save()
    _event(
        FamilyEvent.INQUIRY_ASKED,
        AuditAction.CREATE,
        inquiry,
        inquiry.family,
        acting_user,
        channel=inquiry.channel,
    )
    if confirm and inquiry.email:
        notify.send_once(
            f"families.inquiry-received:{inquiry.pk}",
            to=[inquiry.email],
            subject=_received_subject(inquiry),
            body=_received_body(inquiry),
        )
    return inquiry


def _received_subject(inquiry: Inquiry) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("We received your question – %(region)s") % {"region": inquiry.region.name}


def _received_body(inquiry: Inquiry) -> str:
    region = inquiry.region
    due = timezone.localtime(contact_due(inquiry.received_at))
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            _("Hello,"),
            "",
            _("We received your question about %(topic)s.")
            % {"topic": inquiry.get_topic_display()},
            _(
                "Someone of our contact point reads it and contacts you by %(day)s at the latest, "
                "by phone or e-mail."
            )
            % {"day": date_format(due, "l j F")},
            "",
        ]
        if region.phone:
            lines.append(
                _("Would you rather talk sooner? Call us at %(phone)s.") % {"phone": region.phone}
            )
        lines += [
            _("If your child's life is in danger: call 112."),
            "",
            _("Kind regards,"),
            region.name,
        ]
    return "\n".join(lines)


@transaction.atomic
def do_answer_inquiry(
    inquiry: Inquiry,
    *,
    answer: str,
    close: bool,
    acting_user: User,
    way: str = AnswerWay.DRAFT,
    services: list[Any] | None = None,
    seen_version: int | None = None,
    base_url: str = "",
) -> Inquiry:
    """Answer a question: e-mail the answer to the person who asked, record that it was told by
    phone, or keep it as a draft. Only an answer that reached them counts as the first answer.

    `seen_version` (the version the form showed) guards against overwriting an answer someone
    else saved meanwhile. The e-mail goes after commit, once (nik.core.notify)."""
    if way == AnswerWay.EMAIL and not inquiry.email:
        raise ValueError("no e-mail address to send the answer to")
    try:
        claim(inquiry, seen_version)
    except EditConflict as conflict:
        current = conflict.current
        raise EditConflict(current, {"answer": cast(Inquiry, current).answer}) from None
    inquiry.refresh_from_db()
    now = timezone.now()
    inquiry.answer = answer
    reached = way in (AnswerWay.EMAIL, AnswerWay.PHONE)
    if reached:
        inquiry.first_answer_at = inquiry.first_answer_at or now
        inquiry.answer_sent_at = now
        inquiry.answered_by = way
    if close:
        inquiry.status, inquiry.closed_at = InquiryStatus.CLOSED, now
    else:
        inquiry.closed_at = None
        inquiry.status = InquiryStatus.ANSWERED if inquiry.first_answer_at else InquiryStatus.OPEN
    inquiry.save()
    if services is not None:
        inquiry.services.set(services)
    if way == AnswerWay.EMAIL:
        notify.send_once(
            f"families.inquiry-answer:{inquiry.pk}:{inquiry.version}",
            to=[inquiry.email],
            subject=_answer_subject(inquiry),
            body=_answer_body(inquiry, base_url),
        )
    _event(
        FamilyEvent.INQUIRY_ANSWERED,
        AuditAction.UPDATE,
        inquiry,
        inquiry.family,
        acting_user,
        closed=close,
        way=way,
    )
    return inquiry


@transaction.atomic
def do_ask_as_parent(
    family: Family,
    *,
    acting_user: User,
    topic: str,
    question: str,
    phone: str = "",
    base_url: str = "",
) -> Inquiry:
    """A signed-in parent asks the network a question: linked to their family, with the name and
    e-mail address of their account, in the region's contact point like any other question.

    The family must have been opened through the door as the parent's own
    (`access.open_own_family`); this checks it again, so no caller can ask in another family's
    name. The case manager is told after commit (without the family's name: only the link)."""
    if not family.portal_users.filter(pk=acting_user.pk).exists():
        raise PermissionDenied
    inquiry = Inquiry(
        region=family.region,
        family=family,
        topic=topic,
        question=question,
        asker=Inquiry.Asker.PARENT,
        name=acting_user.get_full_name() or acting_user.email,
        email=acting_user.email,
        phone=phone,
        channel=Inquiry.Channel.PORTAL,
    )
    do_submit_inquiry(inquiry, source_address=None, acting_user=acting_user)
    manager = family.casemanager
    if manager is not None and manager.email and manager.is_active:
        link = base_url.rstrip("/") + reverse("families:family_detail", args=[family.pk])
        with translation.override(settings.LANGUAGE_CODE):
            notify.send_once(
                f"families.parent-question:{inquiry.pk}",
                to=[manager.email],
                subject=_("A question from the parents of a family in your care"),
                body=_(
                    "Hello,\n\nThe parents of a family for whom you are case manager asked the "
                    "network a question. The coordinator answers it; you see it on the family's "
                    "page:\n%(link)s\n"
                )
                % {"link": link},
            )
    return inquiry


def _answer_subject(inquiry: Inquiry) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("An answer to your question to %(region)s") % {"region": inquiry.region.name}


def _answer_body(inquiry: Inquiry, base_url: str) -> str:
    """The e-mail to the person who asked, in plain Dutch (the product's language for parents)."""
    region = inquiry.region
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            _("Hello %(name)s,") % {"name": inquiry.name},
            "",
            _("You asked us a question about %(topic)s:") % {"topic": inquiry.get_topic_display()},
            "",
            *(f"> {line}" for line in inquiry.question.splitlines()),
            "",
            _("Our answer:"),
            "",
            inquiry.answer,
        ]
        linked = list(inquiry.services.all())
        if linked:
            lines += ["", _("Help from the wegwijzer that may suit you:")]
            for service in linked:
                link = base_url.rstrip("/") + reverse("directory:service", args=[service.pk])
                lines.append(f"- {service.name}" + (f": {link}" if base_url else ""))
        reach = [
            part
            for part in (
                # Infinitives, so the sentence below reads "Dan kun je ons bellen op …".
                _("call us at %(phone)s") % {"phone": region.phone} if region.phone else "",
                _("e-mail us at %(email)s") % {"email": region.email} if region.email else "",
            )
            if part
        ]
        lines += [
            "",
            _("Do you have another question? Then you can %(how)s, or ask it on our website.")
            % {"how": _(" or ").join(reach)}
            if reach
            else _("Do you have another question? Ask it on our website."),
            "",
            _("Kind regards,"),
            region.name,
        ]
    return "\n".join(lines)


# Referral and intake -----------------------------------------------------------------------


@dataclass
class ChildDetails:
    first_name: str
    last_name: str
    date_of_birth: date
    municipality_id: int | None = None
    condition_category: str = ""
    diagnosis: str = ""
    diagnosed_on: date | None = None


@transaction.atomic
def do_register_family(
    region: Region, *, child: ChildDetails, stage: str, acting_user: User
) -> Family:
    """A family that comes in without a referral (a record moved from another system)."""
    family = Family.objects.create(
        region=region, name=_("Family %(name)s") % {"name": child.last_name}, stage=stage
    )
    do_save_record_part(
        Child(family=family, **asdict(child)), family=family, acting_user=acting_user
    )
    StageChange.objects.create(family=family, stage=stage, by=acting_user)
    _event(FamilyEvent.REGISTERED, AuditAction.CREATE, family, family, acting_user, stage=stage)
    return family


def find_duplicate(region: Region, child: ChildDetails) -> Referral | None:
    """An earlier referral of the same child in this region whose family is still in the network."""
    return (
        Referral.objects.filter(
            region=region,
            family__child__first_name__iexact=child.first_name.strip(),
            family__child__last_name__iexact=child.last_name.strip(),
            family__child__date_of_birth=child.date_of_birth,
        )
        .exclude(family__stage=Stage.CLOSED)
        .exclude(status=ReferralStatus.DUPLICATE)
        .order_by("received_at")
        .first()
    )


@transaction.atomic
def do_create_referral(
    region: Region,
    *,
    child: ChildDetails,
    guardians: list[dict[str, str]],
    source: str,
    referrer_name: str,
    referrer_contact: str,
    question: str,
    consent_to_share: bool,
    acting_user: User | None,
    inquiry: Inquiry | None = None,
) -> Referral:
    """Register a referral. The same child twice becomes a duplicate shown to the coordinator."""
    if not consent_to_share:
        raise ValidationError(_("The family must agree to the referral first."))
    if child.date_of_birth > timezone.localdate():
        raise ValidationError(_("The date of birth is in the future."))
    if inquiry is not None:
        # Under a lock: one question becomes one referral, also when two people act on it.
        lock(inquiry)
        if inquiry.region_id != region.pk:
            raise ValidationError(_("The question belongs to another region."))
        if inquiry.referral_id is not None:
            raise ValidationError(_("This question became a referral already."))
    # Every part is checked against the model's own limits before anything is written, so a
    # 300-character name is a clear message on every database (not an error on PostgreSQL).
    candidate = Child(**child.__dict__)
    candidate.full_clean(exclude=["family"])
    parents = [Guardian(**g) for g in guardians if g.get("name")]
    for guardian in parents:
        guardian.full_clean(exclude=["family"])
    Referral(
        region=region,
        source=source,
        referrer_name=referrer_name,
        referrer_contact=referrer_contact,
        question=question,
        consent_to_share=True,
    ).full_clean(exclude=["family", "duplicate_of", "created_by", "decided_by", "contact_due_at"])
    # The duplicate check and the new family under one lock per region: two referrals of the
    # same child at once (two app processes) make one family and one duplicate, not two families.
    lock(region)
    earlier = find_duplicate(region, child)
    if earlier is not None:
        referral = Referral.objects.create(
            region=region,
            family=earlier.family,
            source=source,
            referrer_name=referrer_name,
            referrer_contact=referrer_contact,
            question=question,
            consent_to_share=True,
            status=ReferralStatus.DUPLICATE,
            duplicate_of=earlier,
            created_by=acting_user,
        )
        if inquiry is not None:
            inquiry.referral = referral
            inquiry.family = earlier.family
            inquiry.save(update_fields=["referral", "family"])
        _event(
            FamilyEvent.REFERRAL_DUPLICATE,
            AuditAction.CREATE,
            referral,
            earlier.family,
            acting_user,
            duplicate_of=earlier.pk,
        )
        return referral
    family = Family.objects.create(
        region=region, name=_("Family %(name)s") % {"name": child.last_name}
    )
    candidate.family = family
    candidate.save()
    for guardian in parents:
        guardian.family = family
        guardian.save()
    StageChange.objects.create(family=family, stage=Stage.REGISTERED, by=acting_user)
    referral = Referral.objects.create(
        region=region,
        family=family,
        source=source,
        referrer_name=referrer_name,
        referrer_contact=referrer_contact,
        question=question,
        consent_to_share=True,
        created_by=acting_user,
    )
    if inquiry is not None:
        inquiry.referral = referral
        inquiry.family = family
        inquiry.save(update_fields=["referral", "family"])
    _event(FamilyEvent.REFERRAL_RECEIVED, AuditAction.CREATE, referral, family, acting_user)
    return referral


def _lock_open_referral(referral: Referral) -> None:
    """Two coordinators deciding at once: the second waits here for the first to commit, then
    finds the referral decided and is told so; nothing of the second decision is written."""
    lock(referral)
    if referral.status != ReferralStatus.OPEN:
        raise ValidationError(_("This referral has been decided already."))


@transaction.atomic
def do_record_first_contact(referral: Referral, *, acting_user: User) -> Referral:
    lock(referral)
    referral.first_contact_at = referral.first_contact_at or timezone.now()
    referral.save(update_fields=["first_contact_at"])
    if referral.family.stage == Stage.REGISTERED:
        _move(referral.family, Stage.INTAKE, acting_user, _("first contact"))
    _event(
        FamilyEvent.FIRST_CONTACT,
        AuditAction.UPDATE,
        referral,
        referral.family,
        acting_user,
        first_contact=True,
    )
    return referral


@transaction.atomic
def do_accept_referral(referral: Referral, *, acting_user: User, casemanager: User) -> Referral:
    _lock_open_referral(referral)
    family = referral.family
    if not Membership.objects.filter(
        user=casemanager, region=family.region, role__in=[Role.CASEMANAGER, Role.COORDINATOR]
    ).exists():
        raise ValidationError(_("The case manager must work in this region."))
    now = timezone.now()
    referral.status = ReferralStatus.ACCEPTED
    referral.decided_at, referral.decided_by = now, acting_user
    referral.first_contact_at = referral.first_contact_at or now
    referral.save()
    family.casemanager = casemanager
    family.save(update_fields=["casemanager", "updated_at"])
    profile = Professional.objects.filter(user=casemanager, region=family.region).first()
    if profile is not None:
        CareTeamMember.objects.get_or_create(
            family=family, professional=profile, role=TeamRole.CASEMANAGER
        )
    _move(family, Stage.IN_CARE, acting_user, _("referral accepted"))
    _event(
        FamilyEvent.REFERRAL_ACCEPTED,
        AuditAction.UPDATE,
        referral,
        family,
        acting_user,
        decision="accepted",
        casemanager=casemanager.pk,
    )
    return referral


@transaction.atomic
def do_decline_referral(
    referral: Referral, *, acting_user: User, reason: str, note: str, referred_to: str = ""
) -> Referral:
    _lock_open_referral(referral)
    referral.status = ReferralStatus.REFERRED_ELSEWHERE if referred_to else ReferralStatus.DECLINED
    referral.decline_reason = reason
    referral.decision_note = note
    referral.referred_to = referred_to
    referral.decided_at, referral.decided_by = timezone.now(), acting_user
    referral.save()
    _move(referral.family, Stage.CLOSED, acting_user, _("referral not accepted"))
    _event(
        FamilyEvent.REFERRAL_DECLINED,
        AuditAction.UPDATE,
        referral,
        referral.family,
        acting_user,
        decision=referral.status,
        reason=reason,
    )
    return referral


def _move(family: Family, stage: str, user: User | None, note: str = "") -> None:
    family.stage = stage
    family.save(update_fields=["stage", "updated_at"])
    StageChange.objects.create(family=family, stage=stage, by=user, note=note[:250])


@transaction.atomic
def do_move_stage(family: Family, *, stage: str, acting_user: User, note: str = "") -> Family:
    before = family.stage
    _move(family, stage, acting_user, note)
    _event(
        FamilyEvent.STAGE_MOVED,
        AuditAction.UPDATE,
        family,
        family,
        acting_user,
        stage=stage,
        changes={"stage": [before, stage]},
    )
    return family


@transaction.atomic
def do_save_record_part(obj: Model, *, family: Family, acting_user: User) -> Model:
    """Save one part of the family record (child, parent, sibling, contact, 24-hour line)."""
    creating = obj.pk is None
    stored = None if creating else type(obj)._default_manager.filter(pk=obj.pk).first()
    obj.full_clean()
    obj.save()
    Family.objects.filter(pk=family.pk).update(updated_at=timezone.now())
    _event(
        FamilyEvent.RECORD_ADDED if creating else FamilyEvent.RECORD_CHANGED,
        AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj,
        family,
        acting_user,
        changes=audit.changes(stored, obj),
    )
    return obj


@transaction.atomic
def do_delete_record_part(obj: Model, *, family: Family, acting_user: User) -> None:
    _event(FamilyEvent.RECORD_REMOVED, AuditAction.DELETE, obj, family, acting_user)
    obj.delete()


# Consent -----------------------------------------------------------------------------------


@transaction.atomic
def do_give_consent(
    family: Family,
    *,
    organization: Organization,
    scope: str,
    given_by: str,
    given_by_names: str,
    method: str,
    ends_on: date | None,
    acting_user: User,
    given_at: datetime | None = None,
) -> Consent:
    child = Child.objects.filter(family=family).first()
    if child is not None:
        required = consent_giver_for_age(child.age())
        if given_by != required:
            raise ValidationError(
                _("At age %(age)s, consent is given by %(who)s.")
                % {
                    "age": child.age(),
                    "who": dict(Consent._meta.get_field("given_by").flatchoices)[required],
                }
            )
    if organization.region_id != family.region_id:
        raise ValidationError(_("The organisation belongs to another region."))
    consent = Consent.objects.create(
        family=family,
        organization=organization,
        scope=scope,
        given_by=given_by,
        given_by_names=given_by_names,
        method=method,
        ends_on=ends_on,
        recorded_by=acting_user,
        given_at=given_at or timezone.now(),
    )
    _event(
        FamilyEvent.CONSENT_GIVEN,
        AuditAction.CREATE,
        consent,
        family,
        acting_user,
        scope=scope,
        organization=organization.pk,
    )
    return consent


@transaction.atomic
def do_withdraw_consent(consent: Consent, *, acting_user: User) -> Consent:
    """Takes effect at once: the next request of that organisation's team member is refused."""
    lock(consent)
    if consent.withdrawn_at is not None:
        raise ValidationError(_("This consent was withdrawn already."))
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    _event(
        FamilyEvent.CONSENT_WITHDRAWN,
        AuditAction.UPDATE,
        consent,
        consent.family,
        acting_user,
        withdrawn=True,
    )
    return consent


# Care team ---------------------------------------------------------------------------------


@transaction.atomic
def do_add_team_member(
    family: Family, *, professional: Professional, role: str, acting_user: User
) -> CareTeamMember:
    if professional.region_id != family.region_id:
        raise ValidationError(_("The professional works in another region."))
    member, _created = CareTeamMember.objects.get_or_create(
        family=family, professional=professional, role=role
    )
    _event(
        FamilyEvent.TEAM_MEMBER_ADDED, AuditAction.CREATE, member, family, acting_user, role=role
    )
    return member


@transaction.atomic
def do_remove_team_member(member: CareTeamMember, *, acting_user: User) -> None:
    _event(FamilyEvent.TEAM_MEMBER_REMOVED, AuditAction.DELETE, member, member.family, acting_user)
    member.delete()


# The portal --------------------------------------------------------------------------------


@transaction.atomic
def do_invite(family: Family, *, email: str, name: str, acting_user: User, base_url: str) -> str:
    """Create an invitation and e-mail its link (after commit). Returns the key, shown nowhere else."""
    key = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        family=family,
        email=email.strip().lower(),
        name=name,
        key_hash=Invitation.hash_key(key),
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        created_by=acting_user,
    )
    link = base_url.rstrip("/") + reverse("families:invitation", args=[key])
    body = _(
        "Hello %(name)s,\n\nYou are invited to the family page of the Netwerk Integrale Kindzorg. "
        "There you see your care team, whom to call day and night, and your questions.\n\n"
        "Open this link within %(days)s days to make your account:\n%(link)s\n"
    ) % {"name": name, "days": INVITATION_DAYS, "link": link}
    notify.send(
        to=[invitation.email],
        subject=_("Your invitation to the family page"),
        body=body,
        kind="families.invitation",
    )
    _event(FamilyEvent.INVITED, AuditAction.CREATE, invitation, family, acting_user)
    return key


class InvitationError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def find_invitation(key: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("family")
        .filter(key_hash=Invitation.hash_key(key))
        .first()
    )
    if invitation is None:
        raise InvitationError(
            _("This invitation link is not valid. Ask your case manager for a new one.")
        )
    if invitation.used_at is not None:
        raise InvitationError(
            _("This invitation has been used already. Log in with your e-mail address.")
        )
    if invitation.expires_at < timezone.now():
        raise InvitationError(
            _("This invitation has expired. Ask your case manager for a new one.")
        )
    return invitation


@transaction.atomic
def do_accept_invitation(key: str, *, password: str) -> User:
    invitation = find_invitation(key)
    # Checked again under the lock: the same link used twice at once makes one account.
    Invitation.objects.select_for_update().filter(pk=invitation.pk).get()
    invitation = find_invitation(key)
    family = invitation.family
    user = User.objects.filter(email=invitation.email).first()
    if user is None:
        user = User.objects.create_user(invitation.email, password, full_name=invitation.name)
    Membership.objects.get_or_create(user=user, region=family.region, role=Role.PARENT)
    family.portal_users.add(user)
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    _event(
        FamilyEvent.INVITATION_ACCEPTED,
        AuditAction.UPDATE,
        invitation,
        family,
        user,
        accepted=True,
    )
    return user


# Break-glass -------------------------------------------------------------------------------


@transaction.atomic
def do_open_emergency(family: Family, *, user: User, reason: str) -> EmergencyAccess:
    if len(reason.strip()) < 10:
        raise ValidationError(_("Describe the emergency in a sentence."))
    if not Membership.objects.filter(
        user=user, region=family.region, role__in=[Role.MEMBER, Role.CASEMANAGER]
    ).exists():
        raise ValidationError(
            _("Only professionals of this region can open a record in an emergency.")
        )
    now = timezone.now()
    access = EmergencyAccess.objects.create(
        family=family,
        user=user,
        reason=reason.strip(),
        opened_at=now,
        expires_at=now + timedelta(hours=EMERGENCY_HOURS),
    )
    audit.record(
        action=AuditAction.VIEW,
        event=CoreEvent.EMERGENCY_OPENED,
        user=user,
        region_id=family.region_id,
        object_type="families.family",
        object_id=family.pk,
        subject_family_id=family.pk,
        purpose=reason.strip()[:200],
        details={"break_glass": True, "emergency_access": access.pk},
    )
    return access


@transaction.atomic
def do_review_emergency(
    access: EmergencyAccess, *, acting_user: User, note: str
) -> EmergencyAccess:
    lock(access)
    if access.reviewed_at is not None:
        raise ValidationError(
            _("%(name)s reviewed this access already.")
            % {"name": access.reviewed_by.get_full_name() if access.reviewed_by else "—"}
        )
    access.reviewed_at = timezone.now()
    access.reviewed_by = acting_user
    access.review_note = note[:250]
    access.save(update_fields=["reviewed_at", "reviewed_by", "review_note"])
    _event(
        FamilyEvent.EMERGENCY_REVIEWED,
        AuditAction.UPDATE,
        access,
        access.family,
        acting_user,
        reviewed=True,
    )
    return access
