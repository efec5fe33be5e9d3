"""A signed-in parent asks the team a question from the family page and reads the answer there
(issue 30, point 4): the question carries their name and address and their family, shows under
"Jullie open vragen" at once, the coordinator and the case manager see it with the family, and
only that family's parents can open it."""

from __future__ import annotations

import pytest
from django.core import mail

from nik.core.factories import person
from nik.core.models import AuditEvent, Role
from nik.families import actions
from nik.families.factories import FamilyFactory
from nik.families.models import Inquiry

pytestmark = pytest.mark.django_db

QUESTION = "Kan mijn dochter in de zomer ergens logeren?"


@pytest.fixture
def named_parent(parent):
    parent.full_name = "Sanne Jansen"
    parent.save()
    return parent


@pytest.fixture
def other_family(region):
    return FamilyFactory(region=region, name="Gezin de Kale")


@pytest.fixture
def other_parent(region, other_family):
    user = person(region, Role.PARENT, "andere-ouder@nik.test")
    other_family.portal_users.add(user)
    return user


@pytest.fixture
def managed(family, casemanager):
    family.casemanager = casemanager
    family.save()
    return family


def _ask(client, to, **extra):
    return client.post(
        f"/families/{to.pk}/questions/new/",
        {"topic": "respite", "question": QUESTION, **extra},
    )


def test_the_family_page_leads_to_the_parents_own_form_not_the_public_one(
    client, login, parent, family
):
    page = login(parent).get(f"/families/{family.pk}/").text
    assert f'href="/families/{family.pk}/questions/new/"' in page
    assert f'href="/regions/{family.region.slug}/contact/">Een nieuwe vraag stellen' not in page
    form = client.get(f"/families/{family.pk}/questions/new/").text
    assert "ouder@nik.test" in form  # the address the answer goes to, known from the account
    assert 'name="name"' not in form and 'name="email"' not in form


def test_a_parents_question_is_linked_to_the_family_and_shows_at_once(
    client, login, named_parent, managed, casemanager, django_capture_on_commit_callbacks
):
    client = login(named_parent)
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, managed, phone="06-12345678")
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.family == managed and inquiry.region == managed.region
    assert (inquiry.name, inquiry.email, inquiry.phone) == (
        "Sanne Jansen",
        "ouder@nik.test",
        "06-12345678",
    )
    assert (inquiry.asker, inquiry.status) == ("parent", "open")
    event = AuditEvent.objects.get(event="inquiry.asked")
    assert event.user == named_parent and event.subject_family_id == managed.pk
    page = client.get(response["Location"]).text
    assert "Je vraag is verstuurd." in page
    questions = page[page.index("Jullie open vragen") :]
    assert QUESTION in questions and "we zijn ermee bezig" in questions
    # The case manager hears of it, without the family's name in the mail.
    [sent] = mail.outbox
    assert sent.to == [casemanager.email]
    assert f"http://testserver/families/{managed.pk}/" in sent.body
    assert managed.name not in sent.body + sent.subject


def test_the_coordinator_and_the_case_manager_see_the_question_with_the_family(
    client, login, parent, managed, coordinator, casemanager
):
    _ask(login(parent), managed)
    inquiry = Inquiry.objects.get()
    client.logout()
    listed = login(coordinator).get(f"/regions/{managed.region.slug}/inquiries/").text
    assert f'href="/families/{managed.pk}/">Gezin Jansen</a>' in listed
    detail = client.get(f"/regions/{managed.region.slug}/inquiries/{inquiry.pk}/").text
    assert "<dt>Gezin</dt>" in detail and f'href="/families/{managed.pk}/"' in detail
    client.logout()
    record = login(casemanager).get(f"/families/{managed.pk}/").text
    asked = record[record.index("Vragen van de ouders") :]
    assert QUESTION in asked


def test_an_answered_question_can_be_opened_and_its_answer_read(
    client, login, parent, family, coordinator, django_capture_on_commit_callbacks
):
    _ask(login(parent), family)
    inquiry = Inquiry.objects.get()
    url = f"/families/{family.pk}/questions/{inquiry.pk}/"
    actions.do_answer_inquiry(
        inquiry, answer="Concept: nog navragen", close=False, acting_user=coordinator
    )
    # A draft has not reached the parents: they do not read it.
    page = client.get(url).text
    assert "Concept: nog navragen" not in page and "We zijn bezig met je vraag" in page
    inquiry.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_answer_inquiry(
            inquiry,
            answer="Logeerhuis De Zeester in Leiden heeft in juli plek.",
            close=False,
            acting_user=coordinator,
            way="email",
        )
    family_page = client.get(f"/families/{family.pk}/").text
    assert "beantwoord: lees het antwoord" in family_page
    assert f'href="{url}"' in family_page
    page = client.get(url).text
    assert QUESTION in page and "Logeerhuis De Zeester in Leiden heeft in juli plek." in page
    assert AuditEvent.objects.filter(
        purpose="your question", user=parent, outcome="allowed", subject_family_id=family.pk
    ).exists()


def test_a_closed_question_stays_readable_under_earlier_questions(
    client, login, parent, family, coordinator
):
    _ask(login(parent), family)
    inquiry = Inquiry.objects.get()
    actions.do_answer_inquiry(
        inquiry, answer="Er is plek.", close=True, acting_user=coordinator, way="phone"
    )
    page = client.get(f"/families/{family.pk}/").text
    assert "Je hebt geen open vragen." in page
    earlier = page[page.index("Eerdere vragen") :]
    assert f'href="/families/{family.pk}/questions/{inquiry.pk}/"' in earlier
    assert "Er is plek." in client.get(f"/families/{family.pk}/questions/{inquiry.pk}/").text


def test_another_familys_parent_cannot_open_the_question_or_the_form(
    client, login, parent, family, other_parent
):
    _ask(login(parent), family)
    inquiry = Inquiry.objects.get()
    client.logout()
    client = login(other_parent)
    assert client.get(f"/families/{family.pk}/questions/{inquiry.pk}/").status_code == 404
    assert client.get(f"/families/{family.pk}/questions/new/").status_code == 404
    assert AuditEvent.objects.filter(
        user=other_parent, outcome="denied", purpose="your question"
    ).exists()


def test_a_question_of_one_family_cannot_be_opened_under_another(
    client, login, parent, family, other_family, other_parent
):
    """The other family's parent opens their own family with the first family's question id."""
    _ask(login(parent), family)
    inquiry = Inquiry.objects.get()
    client.logout()
    response = login(other_parent).get(f"/families/{other_family.pk}/questions/{inquiry.pk}/")
    assert response.status_code == 404


def test_a_forged_post_naming_another_family_is_refused(
    client, login, parent, family, other_family
):
    client = login(parent)
    assert _ask(client, other_family).status_code == 404
    assert not Inquiry.objects.exists()
    assert AuditEvent.objects.filter(user=parent, outcome="denied").exists()
    # A family named in the body is not read: the question belongs to the family of the URL.
    _ask(client, family, family=other_family.pk, region=other_family.region_id)
    assert Inquiry.objects.get().family == family


def test_a_professional_cannot_ask_in_the_familys_name(client, login, coordinator, family):
    client = login(coordinator)
    assert client.get(f"/families/{family.pk}/questions/new/").status_code == 404
    assert _ask(client, family).status_code == 404
    assert not Inquiry.objects.exists()


def test_a_referrers_question_is_not_shown_to_the_parents(client, login, parent, family):
    referrer = Inquiry.objects.create(
        region=family.region,
        family=family,
        topic="other",
        question="Vraag van de kinderarts over dit gezin",
        asker="professional",
        name="Dr. Bos",
        email="bos@ziekenhuis.example",
    )
    client = login(parent)
    assert "Vraag van de kinderarts" not in client.get(f"/families/{family.pk}/").text
    assert client.get(f"/families/{family.pk}/questions/{referrer.pk}/").status_code == 404


def test_the_question_pages_refuse_other_methods(client, login, parent, family):
    client = login(parent)
    assert client.put(f"/families/{family.pk}/questions/new/").status_code == 405
    assert client.post(f"/families/{family.pk}/questions/1/").status_code == 405
