"""An answer to a question reaches the person who asked: by e-mail where they gave an address,
otherwise the page says to phone them; only an answer that reached them counts as the first
answer (issue 14, point 6)."""

from __future__ import annotations

import pytest
from django.core import mail

from nik.core.models import AuditEvent
from nik.directory.factories import make_service
from nik.families.models import Inquiry

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(region):
    region.phone, region.email = "071-000 00 10", "contact@hr.example"
    region.save()
    return Inquiry.objects.create(
        region=region,
        topic="respite",
        question="Waar kan mijn zoon logeren?",
        name="Sanne",
        email="sanne@example.org",
    )


def _url(inquiry):
    return f"/regions/{inquiry.region.slug}/inquiries/{inquiry.pk}/"


def test_an_answer_is_e_mailed_to_the_person_who_asked(
    client, login, coordinator, asked, region, django_capture_on_commit_callbacks
):
    service = make_service(region, "Logeerhuis De Zeester")
    client = login(coordinator)
    page = client.get(_url(asked)).text
    assert "Stuur het per e-mail naar sanne@example.org" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(asked),
            {
                "answer": "De Zeester in Leiden heeft plek.",
                "way": "email",
                "services": [service.pk],
                "version": asked.version,
            },
            follow=True,
        )
    assert "Het antwoord is verstuurd naar sanne@example.org" in response.text
    [sent] = mail.outbox
    assert sent.to == ["sanne@example.org"]
    assert "NIK Holland Rijnland" in sent.subject
    assert "Hallo Sanne" in sent.body
    assert "> Waar kan mijn zoon logeren?" in sent.body
    assert "De Zeester in Leiden heeft plek." in sent.body
    assert f"Logeerhuis De Zeester: http://testserver/wegwijzer/services/{service.pk}/" in sent.body
    assert "071-000 00 10" in sent.body
    # Whole Dutch sentences (issue 30: it said "Dan kun je bel 071-…").
    assert (
        "Heb je nog een vraag? Dan kun je ons bellen op 071-000 00 10 of ons mailen op "
        "contact@hr.example, of je vraag stellen op onze website." in " ".join(sent.body.split())
    )
    assert "kun je bel " not in sent.body
    asked.refresh_from_db()
    assert asked.status == "answered" and asked.answered_by == "email"
    assert asked.answer_sent_at is not None and asked.first_answer_at == asked.answer_sent_at
    event = AuditEvent.objects.filter(event="inquiry.answered").latest("id")
    assert event.details["way"] == "email"


def test_a_draft_reaches_no_one_and_is_not_a_first_answer(
    client, login, coordinator, asked, django_capture_on_commit_callbacks
):
    client = login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _url(asked), {"answer": "Even uitzoeken", "way": "draft", "version": asked.version}
        )
    asked.refresh_from_db()
    assert mail.outbox == []
    assert asked.status == "open" and asked.first_answer_at is None and asked.answer_sent_at is None
    assert "een concept: het heeft hen nog niet bereikt" in client.get(_url(asked)).text
    # Sent later: the first answer is the moment it went out, not the draft.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(asked), {"answer": "Er is plek", "way": "email", "version": asked.version})
    asked.refresh_from_db()
    assert len(mail.outbox) == 1 and asked.first_answer_at == asked.answer_sent_at


def test_without_an_e_mail_address_the_page_says_to_phone_and_e_mail_cannot_be_forged(
    client, login, coordinator, region, django_capture_on_commit_callbacks
):
    inquiry = Inquiry.objects.create(
        region=region, topic="school", question="School?", name="Eva", phone="06-12345678"
    )
    client = login(coordinator)
    page = client.get(_url(inquiry)).text
    assert "bel hen op 06-12345678" in page
    assert 'value="email"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(inquiry), {"answer": "Ja", "way": "email", "version": inquiry.version}
        )
    assert response.status_code == 200  # the form again, with the choice refused
    assert mail.outbox == []
    inquiry.refresh_from_db()
    assert inquiry.answer == "" and inquiry.first_answer_at is None


def test_in_english_the_mail_is_still_dutch(
    client, login, coordinator, asked, django_capture_on_commit_callbacks
):
    client = login(coordinator)
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(asked),
            {"answer": "Er is plek", "way": "email", "version": asked.version},
            follow=True,
        )
    assert "The answer is sent to sanne@example.org" in response.text
    assert "Hallo Sanne" in mail.outbox[0].body
