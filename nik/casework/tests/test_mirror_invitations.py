"""Answering an invitation to a mirror conversation (issue 30): the e-mail gives the time and the
place, the conversation for the parent's agenda (.ics) and a link to say yes or no without an
account. The answer is recorded once; changing it is a deliberate second step, open until the
conversation begins. The coordinator sees who comes; the rest of the network does not."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from nik.casework import actions
from nik.casework.models import MirrorConversation, MirrorInterest, MirrorInvitation
from nik.core.factories import person
from nik.core.models import AuditEvent, Role

pytestmark = pytest.mark.django_db

PLACE = "Ronald McDonald Huis, Leiden"


@pytest.fixture
def coming(region):
    region.phone, region.email = "071-000 00 10", "nik@holland-rijnland.example"
    region.save()
    return MirrorConversation.objects.create(
        region=region,
        held_on=timezone.localdate() + timedelta(days=20),
        starts_at=time(19, 30),
        minutes=90,
        location=PLACE,
        facilitator="Ouder en Kind Samen",
    )


@pytest.fixture
def other_parent(region, family):
    user = person(region, Role.PARENT, "tweede.ouder@nik.test")
    family.portal_users.add(user)
    return user


def invite(conversation, coordinator, *parents, capture) -> dict[str, str]:
    """Invite the parents who asked; the link each received, by e-mail address."""
    for parent in parents:
        MirrorInterest.objects.get_or_create(region=conversation.region, user=parent)
    with capture(execute=True):
        actions.do_invite_parents(
            conversation, base_url="https://nik.example/", acting_user=coordinator
        )
    return {
        m.to[0]: re.search(r"https://nik\.example(/mirror/answer/[^/\s]+/)", m.body).group(1)
        for m in mail.outbox
    }


def test_the_invitation_gives_time_place_a_link_and_the_agenda_file(
    coordinator, parent, coming, django_capture_on_commit_callbacks
):
    invite(coming, coordinator, parent, capture=django_capture_on_commit_callbacks)
    [sent] = mail.outbox
    day = coming.held_on
    assert "19:30" in sent.body and "21:00" in sent.body and PLACE in sent.body
    assert str(day.year) in sent.body and "https://nik.example/mirror/answer/" in sent.body
    assert "Antwoord op deze e-mail" not in sent.body and "071-000 00 10" in sent.body
    name, content, mimetype = sent.attachments[0]
    assert (name, mimetype) == ("spiegelgesprek.ics", "text/calendar; method=REQUEST")
    calendar = icalendar.Calendar.from_ical(content)
    [event] = calendar.walk("VEVENT")
    assert str(calendar["method"]) == "REQUEST"
    start = datetime.combine(day, time(19, 30), tzinfo=timezone.get_current_timezone())
    assert event.decoded("dtstart") == start
    assert event.decoded("dtend") == start + timedelta(minutes=90)
    assert str(event["location"]) == PLACE
    assert "ouder@nik.test" in str(event["attendee"])
    # Only the link's hash is kept.
    token = invite(coming, coordinator, capture=django_capture_on_commit_callbacks)
    stored = MirrorInvitation.objects.get()
    assert token == {sent.to[0]: token[sent.to[0]]}  # not sent twice
    assert token[sent.to[0]].split("/")[-2] not in stored.token_hash


def test_a_conversation_without_time_or_place_cannot_be_invited_to(
    client, login, coordinator, parent, region, django_capture_on_commit_callbacks
):
    bare = MirrorConversation.objects.create(
        region=region, held_on=timezone.localdate() + timedelta(days=9), facilitator="Nina"
    )
    MirrorInterest.objects.create(region=region, user=parent)
    client = login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(f"/regions/{region.slug}/mirror/{bare.pk}/invite/", follow=True)
    assert "een begintijd en een plaats" in page.content.decode()
    assert mail.outbox == [] and not MirrorInvitation.objects.exists()


def test_a_parent_says_yes_through_the_link_without_logging_in(
    login, coordinator, member, parent, region, coming, django_capture_on_commit_callbacks
):
    link = invite(coming, coordinator, parent, capture=django_capture_on_commit_callbacks)[
        parent.email
    ]
    visitor = Client()
    page = visitor.get(link)
    assert page.status_code == 200
    text = page.content.decode()
    assert "19:30 tot 21:00" in text and PLACE in text and "Ja, ik kom" in text
    assert MirrorInvitation.objects.get().answer == ""  # a GET writes nothing
    done = visitor.post(link, {"answer": "yes"})
    assert "We hebben genoteerd dat je komt" in done.content.decode()
    invitation = MirrorInvitation.objects.get()
    assert invitation.answer == "yes" and invitation.answered_at is not None
    # The coordinator sees who comes; a member of the network does not see the names.
    overview = login(coordinator).get(f"/regions/{region.slug}/mirror/{coming.pk}/").content
    assert parent.full_name in overview.decode() and "komt" in overview.decode()
    assert "1 van 1 uitgenodigde ouder komt" in overview.decode()
    theirs = login(member).get(f"/regions/{region.slug}/mirror/{coming.pk}/").content.decode()
    assert parent.full_name not in theirs and "invitation-answers" not in theirs


def test_a_second_answer_says_it_was_answered_and_a_change_is_on_purpose(
    coordinator, parent, coming, django_capture_on_commit_callbacks
):
    link = invite(coming, coordinator, parent, capture=django_capture_on_commit_callbacks)[
        parent.email
    ]
    visitor = Client()
    visitor.post(link, {"answer": "yes"})
    again = visitor.post(link, {"answer": "no"}).content.decode()
    assert "Je had al geantwoord." in again and "Je antwoord: je komt." in again
    assert MirrorInvitation.objects.get().answer == "yes"
    assert "Ik kan toch niet komen" in visitor.get(link).content.decode()
    changed = visitor.post(link, {"answer": "no", "change": "1"}).content.decode()
    assert "dat je niet kunt komen" in changed
    assert MirrorInvitation.objects.get().answer == "no"
    answers = AuditEvent.objects.filter(event="mirror.answered").order_by("pk")
    assert [(e.details["before"], e.details["answer"]) for e in answers] == [
        ("", "yes"),
        ("yes", "no"),
    ]
    assert {e.user_id for e in answers} == {parent.pk}


def test_the_same_answer_twice_is_recorded_once(
    coordinator, parent, coming, django_capture_on_commit_callbacks
):
    link = invite(coming, coordinator, parent, capture=django_capture_on_commit_callbacks)[
        parent.email
    ]
    first, second = Client(), Client()
    first.post(link, {"answer": "yes"})
    second.post(link, {"answer": "yes", "change": "1"})
    assert AuditEvent.objects.filter(event="mirror.answered").count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_link_gives_a_clear_dutch_page(method, client, coming):
    response = getattr(client, method)("/mirror/answer/verzonnen-link/", {"answer": "yes"})
    assert response.status_code == 404
    assert "Deze link kennen we niet" in response.content.decode()


def test_answering_closes_when_the_conversation_begins(
    coordinator, parent, coming, django_capture_on_commit_callbacks
):
    link = invite(coming, coordinator, parent, capture=django_capture_on_commit_callbacks)[
        parent.email
    ]
    MirrorConversation.objects.filter(pk=coming.pk).update(
        held_on=timezone.localdate() - timedelta(days=1)
    )
    visitor = Client()
    page = visitor.get(link).content.decode()
    assert "Antwoorden kan niet meer" in page and "Ja, ik kom" not in page
    late = visitor.post(link, {"answer": "yes"})
    assert late.status_code == 409 and "Antwoorden kan niet meer" in late.content.decode()
    assert MirrorInvitation.objects.get().answer == ""


def test_a_forged_post_answers_only_its_own_invitation(
    coordinator, parent, other_parent, coming, django_capture_on_commit_callbacks
):
    links = invite(
        coming, coordinator, parent, other_parent, capture=django_capture_on_commit_callbacks
    )
    mine = MirrorInvitation.objects.get(user=parent)
    theirs = MirrorInvitation.objects.get(user=other_parent)
    # Naming the other invitation in the form changes nothing: the link is the only key.
    Client().post(
        links[parent.email],
        {"answer": "no", "invitation": theirs.pk, "user": other_parent.pk, "token": theirs.pk},
    )
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.answer, theirs.answer) == ("no", "")
    # A post from another site (no CSRF token) is refused.
    guarded = Client(enforce_csrf_checks=True)
    assert guarded.post(links[other_parent.email], {"answer": "yes"}).status_code == 403
    assert MirrorInvitation.objects.get(pk=theirs.pk).answer == ""
    # A made-up link near a real one opens nothing.
    assert (
        Client().post(links[other_parent.email][:-2] + "x/", {"answer": "yes"}).status_code == 404
    )
    assert MirrorInvitation.objects.get(pk=theirs.pk).answer == ""


def test_a_post_without_yes_or_no_asks_for_one(
    coordinator, parent, coming, django_capture_on_commit_callbacks
):
    link = invite(coming, coordinator, parent, capture=django_capture_on_commit_callbacks)[
        parent.email
    ]
    response = Client().post(link, {"answer": "misschien"})
    assert response.status_code == 400 and "Kies ja of nee" in response.content.decode()
    assert MirrorInvitation.objects.get().answer == ""
