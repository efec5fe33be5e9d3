"""Names of the audit events the core writes (the doors, accounts, the register, imports).

Every app names its own events the same way in its ``events.py``; the label is the event in
plain words, for the pages that show people who looked at or changed their data.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CoreEvent(models.TextChoices):
    # The doors: every opening of a record, allowed or refused, and every list that shows families.
    OPENED = "access.opened", _("opened")
    REFUSED = "access.refused", _("refused access")
    LISTED = "access.listed", _("saw in a list")
    EMERGENCY_OPENED = "access.emergency_opened", _("opened in an emergency")
    # Accounts.
    LOGGED_IN = "account.logged_in", _("logged in")
    LOGGED_OUT = "account.logged_out", _("logged out")
    LOGIN_FAILED = "account.login_failed", _("failed to log in")
    TOKEN_REFUSED = "account.token_refused", _("API token refused")
    TOKEN_ISSUED = "account.token_issued", _("API token issued")
    TOKEN_REVOKED = "account.token_revoked", _("API token revoked")
    SESSION_EXPIRED = "account.session_expired", _("session expired")
    # Administration and imports.
    ADMIN_CHANGED = "admin.changed", _("changed in the administration")
    IMPORT_QUEUED = "import.queued", _("spreadsheet import queued")
