"""Messages that go out once: claim a unique row, send after commit through django-tasks.

Every e-mail the product sends goes through here (reminders, invitations, answers, reports):

- ``send_once(key, ...)`` claims ``key`` inside the caller's transaction: a second run, or a
  parallel one, finds the key taken and sends nothing. ``send(...)`` is for messages that are
  meant every time (each gets a fresh key).
- The mail itself goes after the transaction commits, as a task (``deliver``): a rolled-back
  decision sends nothing, and a slow mail server never holds a row lock.
- A send that fails leaves the message unsent with its error; ``retry_unsent()`` (run by the
  reminder commands, or by hand) tries it again. A sent message is never sent again.
"""

from __future__ import annotations

import base64
import logging
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from .models import OutgoingMessage

logger = logging.getLogger(__name__)
# A message younger than this may still be on its way (its task queued, not yet run).
RETRY_AFTER = timedelta(minutes=5)


def send_once(
    key: str,
    *,
    to: Iterable[str],
    subject: str,
    body: str,
    attachments: Iterable[tuple[str, str | bytes, str]] = (),
) -> bool:
    """Claim ``key`` and send after commit; False when it was claimed before (nothing is sent).

    An attachment is (file name, content, MIME type); bytes (a PDF) are kept in the outbox as
    base64 and sent as the bytes they were."""
    addressees = [a for a in to if a]
    if not addressees:
        return False
    try:
        with transaction.atomic():
            message = OutgoingMessage.objects.create(
                key=key[:200],
                to=addressees,
                subject=str(subject)[:300],
                body=str(body),
                attachments=[_stored(*a) for a in attachments],
            )
    except IntegrityError:
        return False
    transaction.on_commit(lambda: deliver.enqueue(message.pk), robust=True)
    return True


BASE64 = "base64"


def _stored(filename: str, content: str | bytes, mimetype: str) -> list[str]:
    if isinstance(content, bytes):
        return [filename, base64.b64encode(content).decode(), mimetype, BASE64]
    return [filename, content, mimetype]


def send(
    *,
    to: Iterable[str],
    subject: str,
    body: str,
    attachments: Iterable[tuple[str, str | bytes, str]] = (),
    kind: str = "message",
) -> bool:
    """A message meant every time it is asked for (an invitation sent again, a report)."""
    return send_once(
        f"{kind}:{uuid.uuid4()}", to=to, subject=subject, body=body, attachments=attachments
    )


def claimed(prefix: str) -> set[str]:
    """The keys claimed so far that start with ``prefix`` (to skip what was sent already)."""
    return set(OutgoingMessage.objects.filter(key__startswith=prefix).values_list("key", flat=True))


@task()
def deliver(message_id: int) -> str:
    """Send one message unless it was sent; keep the error when the mail server refuses."""
    with transaction.atomic():
        message = (
            OutgoingMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, sent_at__isnull=True)
            .first()
        )
        if message is None:
            return "sent or taken"
        mail = EmailMessage(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, message.to)
        for filename, content, mimetype, *encoding in message.attachments:
            mail.attach(
                filename, base64.b64decode(content) if encoding == [BASE64] else content, mimetype
            )
        message.attempts += 1
        try:
            mail.send()
        except OSError as error:  # smtplib's errors are OSErrors
            logger.warning(
                "message %s not sent (attempt %s): %s", message.key, message.attempts, error
            )
            message.last_error = str(error)[:1000]
            message.save(update_fields=["attempts", "last_error"])
            return "failed"
        message.sent_at = timezone.now()
        message.body, message.attachments, message.last_error = "", [], ""
        message.save()
    return "sent"


def retry_unsent(now: datetime | None = None) -> int:
    """Queue every message that has not gone out (failed, or its task lost) for another try."""
    before = (now or timezone.now()) - RETRY_AFTER
    ids = list(
        OutgoingMessage.objects.filter(sent_at__isnull=True, created_at__lt=before).values_list(
            "pk", flat=True
        )
    )
    for pk in ids:
        deliver.enqueue(pk)
    return len(ids)
