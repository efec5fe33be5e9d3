"""Names of the audit events of family data (see nik/core/events.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FamilyEvent(models.TextChoices):
    INQUIRY_ASKED = "inquiry.asked", _("asked a question")
    INQUIRY_ANSWERED = "inquiry.answered", _("answered a question")
    REGISTERED = "family.registered", _("registered the family")
    REFERRAL_RECEIVED = "referral.received", _("received a referral")
    REFERRAL_DUPLICATE = "referral.duplicate", _("received a referral of a known child")
    FIRST_CONTACT = "referral.first_contact", _("had first contact")
    REFERRAL_ACCEPTED = "referral.accepted", _("accepted the referral")
    REFERRAL_DECLINED = "referral.declined", _("declined the referral")
    STAGE_MOVED = "family.stage_moved", _("moved the family to another stage")
    RECORD_ADDED = "record.added", _("added to the record")
    RECORD_CHANGED = "record.changed", _("changed the record")
    RECORD_REMOVED = "record.removed", _("removed from the record")
    CONSENT_GIVEN = "consent.given", _("recorded consent")
    CONSENT_WITHDRAWN = "consent.withdrawn", _("withdrew consent")
    TEAM_MEMBER_ADDED = "team.added", _("added to the care team")
    TEAM_MEMBER_REMOVED = "team.removed", _("removed from the care team")
    INVITED = "portal.invited", _("invited to the family page")
    INVITATION_ACCEPTED = "portal.joined", _("joined the family page")
    EMERGENCY_REVIEWED = "emergency.reviewed", _("reviewed an emergency access")
