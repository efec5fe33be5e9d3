"""The one outbox: sent once, after commit, retried when the mail server refuses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.utils import timezone

from nik.core import notify
from nik.core.models import OutgoingMessage

pytestmark = pytest.mark.django_db


class RefusingBackend(EmailBackend):
    """A mail server that is down."""

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        raise ConnectionRefusedError("smtp down")


def test_one_key_is_sent_once_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert notify.send_once("test:1", to=["a@x.example"], subject="Hallo", body="Tekst")
        assert not notify.send_once("test:1", to=["a@x.example"], subject="Hallo", body="Tekst")
        assert mail.outbox == []  # nothing goes before the commit
    assert len(callbacks) == 1
    assert [m.subject for m in mail.outbox] == ["Hallo"]
    sent = OutgoingMessage.objects.get(key="test:1")
    assert sent.sent_at is not None and sent.attempts == 1
    assert sent.body == "" and sent.attachments == []  # the record stays, the content goes


def test_a_rolled_back_decision_sends_and_claims_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify.send_once("test:2", to=["a@x.example"], subject="Hallo", body="Tekst")
        raise RuntimeError("the decision failed")
    assert mail.outbox == []
    assert not OutgoingMessage.objects.filter(key="test:2").exists()


def test_a_refused_mail_is_kept_and_sent_by_the_next_run(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        notify.send_once("test:3", to=["a@x.example"], subject="Hallo", body="Tekst")
    waiting = OutgoingMessage.objects.get(key="test:3")
    assert waiting.sent_at is None and "smtp down" in waiting.last_error
    assert waiting.body == "Tekst"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Not yet: it may still be on its way.
    assert notify.retry_unsent() == 0
    later = timezone.now() + timedelta(minutes=10)
    assert notify.retry_unsent(now=later) == 1
    assert [m.body for m in mail.outbox] == ["Tekst"]
    # Another run, or the same task delivered twice, sends nothing more.
    assert notify.retry_unsent(now=later) == 0
    assert notify.deliver.call(waiting.pk) == "sent or taken"
    assert len(mail.outbox) == 1


def test_attachments_travel_with_the_message(django_capture_on_commit_callbacks):
    ics = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    with django_capture_on_commit_callbacks(execute=True):
        notify.send(
            to=["a@x.example", ""],
            subject="Uitnodiging",
            body="Kom",
            attachments=[("uitnodiging.ics", ics, "text/calendar")],
        )
    [sent] = mail.outbox
    assert sent.to == ["a@x.example"]
    assert sent.attachments[0][0] == "uitnodiging.ics"


def test_no_address_no_message():
    assert not notify.send(to=["", ""], subject="x", body="y")
    assert not OutgoingMessage.objects.exists()
