"""Learning together (issue 15): forms agreed with their frequency and meetings scheduled from them
(the roadmap's calendar), case discussions in the seed's format that stay anonymous for everyone
but the family's own team, follow-up actions on their owners' start pages, lessons on their way
to a changed agreement, and intervision groups that discuss anonymous cases only."""

from __future__ import annotations

from datetime import date, timedelta

import icalendar
import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nik.casework import actions
from nik.casework.models import (
    CaseDiscussion,
    FormKind,
    Frequency,
    LearningForm,
    Lesson,
)
from nik.core.events import CoreEvent
from nik.core.factories import OrganizationFactory, ProfessionalFactory, person
from nik.core.models import AuditEvent, Role
from nik.families import anonymity
from nik.families.factories import FamilyFactory
from nik.families.models import CareTeamMember, Child, Consent, Guardian
from nik.roadmap import actions as roadmap_actions
from nik.roadmap.models import AgreementChange, Event, EventKind, ProposalStatus
from tests.queries import panel_queries, queries_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def url(region, rest: str = "") -> str:
    return f"/regions/{region.slug}/together/{rest}"


@pytest.fixture
def mdo(region):
    return LearningForm.objects.create(
        region=region,
        kind=FormKind.MDO,
        name="MDO complexe zorg",
        frequency=Frequency.MONTHLY,
        location="LUMC, zaal 4",
    )


@pytest.fixture
def meeting(region, mdo):
    starts = timezone.now() - timedelta(days=2)
    event = Event.objects.create(
        region=region,
        kind=EventKind.LEARNING,
        title=mdo.name,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
    )
    mdo.meetings.add(event)
    return event


@pytest.fixture
def child(family):
    return Child.objects.create(
        family=family,
        first_name="Noor",
        last_name="Jansen",
        date_of_birth=date(2017, 3, 12),
        condition_category="2",
    )


def consent(family):
    org = OrganizationFactory(region=family.region)
    Consent.objects.create(
        family=family, organization=org, scope="basic", given_by="parents", method="written"
    )
    return org


def case_data(meeting, presenter, **extra):
    return {
        "meeting": meeting.pk,
        "presenter": presenter.pk,
        "age_band": "4-12",
        "condition_category": "2",
        "question": "Hoe houden we de nachten vol met één vaste verpleegkundige?",
        "picture": "Wie slaapt er als het kind wakker is? Twee broers thuis.",
        "main_issues": "Nachtzorg.",
        "side_issues": "Vervoer naar school.",
        "feedback": "Eigenlijk gaat de vraag over respijt.",
        "advice": "Logeeropvang één weekend per maand.",
        "learned": "Eerder respijt bespreken.",
        "network_role": "Het netwerk kent de logeerhuizen; de casemanager belt.",
        "att_doctor": "2",
        "att_nurse": "3",
        "att_other": "",
        **extra,
    }


# Forms and their meetings ---------------------------------------------------------------------


def test_meetings_are_scheduled_from_the_agreed_frequency_once(
    client, login, coordinator, member, region, mdo, django_capture_on_commit_callbacks
):
    nurse = ProfessionalFactory(region=region, email="anna@thuiszorg.test", full_name="Anna")
    mdo.members.add(nurse)
    first = TODAY() + timedelta(days=7)
    data = {"first": first.isoformat(), "count": "3", "invite": "on"}
    assert login(member).post(url(region, f"forms/{mdo.pk}/schedule/"), data).status_code == 403
    client = login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url(region, f"forms/{mdo.pk}/schedule/"), data).status_code == 302
    meetings = list(mdo.meetings.order_by("starts_at"))
    assert [timezone.localtime(m.starts_at).date() for m in meetings] == [
        first + relativedelta(months=n) for n in range(3)
    ]
    assert all(m.kind == EventKind.LEARNING and list(m.invitees.all()) == [nurse] for m in meetings)
    assert timezone.localtime(meetings[0].starts_at).hour == 15  # no time agreed: 15:00
    # Each meeting in the members' agendas: an .ics per meeting, parsed back.
    invitations = [m for m in mail.outbox if m.to == ["anna@thuiszorg.test"]]
    assert len(invitations) == 3
    calendar = icalendar.Calendar.from_ical(invitations[0].attachments[0][1])
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == "MDO complexe zorg"
    assert str(vevent["location"]) == "LUMC, zaal 4"
    # A second click adds nothing twice; a date in the past is refused with a message.
    client.post(url(region, f"forms/{mdo.pk}/schedule/"), {**data, "invite": ""})
    assert mdo.meetings.count() == 3
    past = {"first": (TODAY() - timedelta(days=1)).isoformat(), "count": "2"}
    page = client.post(url(region, f"forms/{mdo.pk}/schedule/"), past, follow=True)
    assert "De eerste bijeenkomst kan niet in het verleden liggen." in page.content.decode()
    assert mdo.meetings.count() == 3
    assert AuditEvent.objects.filter(event="together.scheduled").count() == 2


def test_months_step_by_month_and_a_form_met_when_asked_is_not_scheduled(region, coordinator, mdo):
    made = actions.do_schedule_meetings(
        mdo, first=date(2030, 1, 31), count=3, invite=False, acting_user=coordinator
    )
    assert [timezone.localtime(m.starts_at).date() for m in made] == [
        date(2030, 1, 31),
        date(2030, 2, 28),
        date(2030, 3, 31),
    ]
    advice = LearningForm.objects.create(
        region=region, kind=FormKind.ADVICE, name="Adviеslijn", frequency=Frequency.ON_REQUEST
    )
    with pytest.raises(ValidationError, match="als iemand erom vraagt"):
        actions.do_schedule_meetings(
            advice, first=date(2030, 1, 1), count=1, invite=False, acting_user=coordinator
        )


def test_the_coordinator_agrees_an_intervision_group_with_members_and_themes(
    client, login, coordinator, steering, region
):
    nurse = ProfessionalFactory(region=region, full_name="Anna de Vries")
    client = login(coordinator)
    response = client.post(
        url(region, "forms/new/"),
        {
            "kind": "intervision",
            "name": "Intervisie verpleegkundigen",
            "frequency": "six_weekly",
            "starts_at": "16:00",
            "minutes": "90",
            "location": "online",
            "members": [nurse.pk],
            "active": "on",
        },
    )
    assert response.status_code == 302
    group = LearningForm.objects.get(kind="intervision")
    assert list(group.members.all()) == [nurse]
    page = login(steering).get(url(region)).content.decode()  # steering reads the agreement
    assert "Intervisie verpleegkundigen" in page and "elke zes weken" in page
    assert "Recente casusbesprekingen" not in page  # but not the cases
    assert login(steering).post(url(region, "forms/new/"), {}).status_code == 403


# Case discussions: registration and anonymity ---------------------------------------------------


def test_a_member_records_a_case_in_the_seed_format_with_attendance_by_discipline(
    client, login, member, region, meeting
):
    client = login(member)
    response = client.post(url(region, "cases/new/"), case_data(meeting, member))
    assert response.status_code == 302, response.content.decode()[:3000]
    found = CaseDiscussion.objects.get()
    assert found.attendance == {"doctor": 2, "nurse": 3}
    assert found.family is None and found.created_by == member
    page = client.get(url(region, f"cases/{found.pk}/")).content.decode()
    for words in (
        "De vraag van de inbrenger",
        "Hoofdzaken",
        "Bijzaken",
        "Feedback op de vraag",
        "Wat de inbrenger leerde",
        "De rol van het netwerk",
        "Logeeropvang één weekend per maand.",
        "arts: 2, verpleegkundige: 3 (5 in totaal)",
    ):
        assert escape(words) in page, words


def test_names_and_dates_of_birth_of_the_regions_families_are_caught_before_saving(
    client, login, member, region, meeting, family, child
):
    Guardian.objects.create(family=family, name="Fatima el Amrani")
    client = login(member)
    data = case_data(
        meeting,
        member,
        picture="Noor is geboren op 12-03-2017; moeder Fatima el Amrani werkt nachten.",
    )
    page = client.post(url(region, "cases/new/"), data)
    assert page.status_code == 400
    text = page.content.decode()
    assert "Noor" in text and "12-03-2017" in text and "Fatima el Amrani" in text
    assert not CaseDiscussion.objects.exists()  # nothing saved
    assert AuditEvent.objects.filter(event="case.identifiers_warned").exists()
    # Checked and saved anyway: the author decides.
    assert client.post(url(region, "cases/new/"), {**data, "checked": "on"}).status_code == 302
    assert CaseDiscussion.objects.count() == 1
    # Ordinary words in lower case are no names, even when a family is called so.
    assert anonymity.identifiers(region, ["noor en jansen zijn gewone woorden hier"]) == []


def test_another_regions_families_do_not_trigger_the_warning(region, other_region):
    family = FamilyFactory(region=other_region)
    Child.objects.create(
        family=family, first_name="Bram", last_name="Pietersen", date_of_birth=date(2015, 1, 2)
    )
    assert anonymity.identifiers(region, ["Bram Pietersen, 2-1-2015"]) == []
    assert anonymity.identifiers(other_region, ["Bram Pietersen, 2-1-2015"]) == [
        "Bram",
        "Pietersen",
        "2-1-2015",
    ]


NAME = st.from_regex(r"[A-Z][a-z]{2,11}", fullmatch=True)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    first=NAME,
    last=NAME,
    born=st.dates(min_value=date(2005, 1, 1), max_value=date(2024, 12, 31)),
    style=st.sampled_from(["%d-%m-%Y", "%-d/%-m/%Y", "%Y-%m-%d", "dutch"]),
)
def test_any_childs_name_and_date_of_birth_are_found(region, first, last, born, style):
    family = FamilyFactory(region=region)
    Child.objects.create(family=family, first_name=first, last_name=last, date_of_birth=born)
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december"]  # fmt: skip
    written = (
        f"{born.day} {months[born.month - 1]} {born.year}"
        if style == "dutch"
        else born.strftime(style)
    )
    text = f"Het kind, {first} {last}, geboren {written}, slaapt slecht."
    found = anonymity.identifiers(region, [text])
    assert first in found and last in found and written in found
    family.delete()


# Who may see a linked case -------------------------------------------------------------------


@pytest.fixture
def linked(region, family, child, meeting, coordinator):
    consent(family)
    discussion = CaseDiscussion.objects.create(
        region=region,
        meeting=meeting,
        presenter=coordinator,
        age_band="4-12",
        question="Welke ondersteuning past bij dit gezin?",
    )
    return actions.do_link_family(discussion, family, acting_user=coordinator)


LONG_NAME = st.from_regex(r"[A-Z][a-z]{5,11}", fullmatch=True)  # never a word of the page


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(first=LONG_NAME, last=LONG_NAME)
def test_the_anonymised_case_never_shows_the_family(
    client, login, region, member, linked, family, child, first, last
):
    """Whoever is not on the family's team reads the case without name, birth date or address."""
    child.first_name, child.last_name = first, last
    child.save()
    Guardian.objects.get_or_create(family=family, name=f"{first} {last} sr.")
    page = login(member).get(url(region, f"cases/{linked.pk}/")).content.decode()
    main = page.split("<main", 1)[1]
    assert "4 tot 12 jaar" in main and "Welke ondersteuning" in main
    for secret in (first, last, family.name, "12 maart 2017", "2017-03-12", "12-03-2017"):
        assert escape(secret) not in main, secret
    assert f"/families/{family.pk}/" not in page


def test_a_linked_case_shows_the_family_only_through_the_door(
    client, login, region, other_region, linked, family, coordinator, member, casemanager,
    steering, national, parent,
):  # fmt: skip
    where = url(region, f"cases/{linked.pk}/")
    # The coordinator (door: every family of the region) sees the link, and that is logged.
    page = login(coordinator).get(where).content.decode()
    assert escape(family.name) in page and f"/families/{family.pk}/" in page
    opened = AuditEvent.objects.filter(
        user=coordinator, event=CoreEvent.OPENED, subject_family_id=family.pk
    )
    assert opened.filter(purpose="case discussion").exists()
    # The family's case manager too.
    family.casemanager = casemanager
    family.save()
    assert escape(family.name) in login(casemanager).get(where).content.decode()
    # A member of the network outside the family's team reads the anonymised case only.
    page = login(member).get(where).content.decode()
    assert escape(family.name) not in page and "Welke ondersteuning" in page
    assert not AuditEvent.objects.filter(user=member, subject_family_id=family.pk).exists()
    # With the care team's consent for their organisation, the member is on the team: the link.
    org = Consent.objects.get(family=family).organization
    pro = ProfessionalFactory(region=region, organization=org, user=member)
    CareTeamMember.objects.create(family=family, professional=pro, role="gp")
    assert escape(family.name) in login(member).get(where).content.decode()
    # Steering and national: no case discussions at all; a parent or another region: not found.
    assert login(steering).get(where).status_code == 403
    assert login(national).get(where).status_code == 403
    assert login(parent).get(where).status_code == 404
    other = person(other_region, Role.COORDINATOR, "elders@nik.test")
    assert login(other).get(where).status_code == 404
    assert AuditEvent.objects.filter(user=steering, event=CoreEvent.REFUSED).exists()


def test_linking_needs_the_door_and_the_care_teams_consent(
    client, login, region, other_region, family, child, meeting, member, coordinator
):
    data = case_data(meeting, coordinator, family=family.pk)
    # A member who may not open the family cannot link it (refused by the door, logged).
    assert (
        login(member).post(url(region, "cases/new/"), {**data, "presenter": member.pk}).status_code
        == 404
    )
    assert AuditEvent.objects.filter(
        user=member, event=CoreEvent.REFUSED, object_type="families.family"
    ).exists()
    # The coordinator may open it, but without consent of the parents there is no link.
    client = login(coordinator)
    page = client.post(url(region, "cases/new/"), data)
    assert page.status_code == 400 and not CaseDiscussion.objects.exists()
    assert "toestemming" in page.content.decode()
    consent(family)
    page = client.get(url(region, f"cases/new/?family={family.pk}"))
    assert "Deze casus hoort bij" in page.content.decode()
    assert client.post(url(region, "cases/new/"), data).status_code == 302
    found = CaseDiscussion.objects.get()
    assert found.family == family and found.age_band == "4-12"  # born 2017: from the child
    assert AuditEvent.objects.filter(event="case.linked", subject_family_id=family.pk).exists()
    # The parents read it in their overview of who looked at their details, in plain words.
    from nik.families.selectors import access_overview

    told = [
        d
        for _day, visits in access_overview(family, for_family=True)
        for v in visits
        for d in v.did
    ]
    assert "heeft de situatie van jullie kind besproken in het netwerk (casusbespreking)" in told
    # A family of another region named in the form is refused like one in a URL.
    elsewhere = FamilyFactory(region=other_region)
    assert (
        client.post(url(region, "cases/new/"), {**data, "family": elsewhere.pk}).status_code == 404
    )
    # An intervision group discusses anonymous cases only.
    group = LearningForm.objects.create(region=region, kind=FormKind.INTERVISION, name="Intervisie")
    group.meetings.add(meeting)
    page = client.post(url(region, "cases/new/"), data)
    assert page.status_code == 400 and "alleen anonieme" in page.content.decode()


def test_the_family_page_offers_a_case_discussion_and_the_link_can_be_removed(
    client, login, region, linked, family, coordinator, member
):
    page = login(coordinator).get(f"/families/{family.pk}/").content.decode()
    assert f"/together/cases/new/?family={family.pk}" in page
    unlink = url(region, f"cases/{linked.pk}/unlink/")
    assert login(member).post(unlink).status_code == 403  # not the author, not on the team
    assert login(coordinator).post(unlink).status_code == 302
    linked.refresh_from_db()
    assert linked.family is None and linked.age_band == "4-12"  # the anonymised case stays
    assert AuditEvent.objects.filter(event="case.unlinked", subject_family_id=family.pk).exists()


def test_a_forged_meeting_or_presenter_from_another_region_is_refused(
    client, login, region, other_region, member, meeting
):
    elsewhere = Event.objects.create(
        region=other_region,
        title="MDO elders",
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    stranger = person(other_region, Role.MEMBER, "vreemde@nik.test")
    client = login(member)
    assert client.post(url(region, "cases/new/"), case_data(elsewhere, member)).status_code == 400
    assert client.post(url(region, "cases/new/"), case_data(meeting, stranger)).status_code == 400
    assert not CaseDiscussion.objects.exists()


def test_only_the_presenter_the_author_or_a_coordinator_changes_a_case(
    client, login, region, member, casemanager, coordinator, meeting
):
    found = CaseDiscussion.objects.create(
        region=region, meeting=meeting, presenter=casemanager, age_band="0-1", question="Vraag?"
    )
    edit = url(region, f"cases/{found.pk}/edit/")
    assert login(member).get(edit).status_code == 403
    assert (
        login(member).post(url(region, f"cases/{found.pk}/lessons/"), {"text": "x"}).status_code
        == 403
    )
    assert login(casemanager).get(edit).status_code == 200
    data = case_data(meeting, casemanager, question="Een betere vraag?")
    assert login(coordinator).post(edit, data).status_code == 302
    found.refresh_from_db()
    assert found.question == "Een betere vraag?"


def test_two_people_editing_one_case_the_second_is_told_not_overwritten(
    client, login, region, casemanager, coordinator, meeting
):
    found = CaseDiscussion.objects.create(
        region=region, meeting=meeting, presenter=casemanager, age_band="0-1", question="Vraag?"
    )
    edit = url(region, f"cases/{found.pk}/edit/")
    seen = found.version
    first = case_data(meeting, casemanager, question="Eerste versie van de vraag", version=seen)
    assert login(casemanager).post(edit, first).status_code == 302
    second = case_data(meeting, casemanager, question="Tweede versie", version=seen)
    page = login(coordinator).post(edit, second)
    assert page.status_code == 400
    assert "Iemand anders heeft dit opgeslagen" in page.content.decode()
    found.refresh_from_db()
    assert found.question == "Eerste versie van de vraag"


# Follow-up actions and lessons ----------------------------------------------------------------


def test_a_follow_up_action_lands_on_its_owners_start_page_and_in_the_reminders(
    client, login, region, coordinator, casemanager, meeting, django_capture_on_commit_callbacks
):
    found = CaseDiscussion.objects.create(
        region=region, meeting=meeting, presenter=coordinator, age_band="1-4", question="Vraag?"
    )
    client = login(coordinator)
    due = TODAY() + timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(region, f"cases/{found.pk}/follow-ups/"),
            {"what": "Logeerhuis bellen", "owner": casemanager.pk, "due": due.isoformat()},
        )
    assert response.status_code == 302
    (item,) = found.follow_ups.all()
    assert item.event == meeting and item.owner == casemanager
    assert [m.to for m in mail.outbox] == [[casemanager.email]]
    _n, html = panel_queries("roadmap.my_actions", casemanager)
    assert "Logeerhuis bellen" in html
    from nik.roadmap.reminders import send_reminders

    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 1
    # A name of one of the region's families in an action is refused (the text is not saved).
    FamilyFactory(region=region, name="Gezin Bakker")
    client.post(
        url(region, f"cases/{found.pk}/follow-ups/"),
        {"what": "Gezin Bakker bellen", "owner": casemanager.pk, "due": due.isoformat()},
    )
    assert found.follow_ups.count() == 1


def test_a_lesson_goes_to_the_steering_group_and_on_to_a_changed_agreement(
    client, login, region, coordinator, steering, meeting
):
    found = CaseDiscussion.objects.create(
        region=region, meeting=meeting, presenter=coordinator, age_band="12-18", question="Vraag?"
    )
    client = login(coordinator)
    client.post(url(region, f"cases/{found.pk}/lessons/"), {"text": "Respijt in elk plan"})
    lesson = Lesson.objects.get()
    client.post(url(region, f"cases/{found.pk}/lessons/{lesson.pk}/propose/"))
    client.post(url(region, f"cases/{found.pk}/lessons/{lesson.pk}/propose/"))  # twice: one
    lesson.refresh_from_db()
    proposal = lesson.proposal
    assert proposal is not None and proposal.event == meeting and proposal.lessons.get() == lesson
    assert "12 tot 18 jaar" in proposal.lesson
    _n, html = panel_queries("roadmap.for_steering", steering)
    assert "1 voorstel om over te besluiten" in html
    roadmap_actions.do_decide_proposal(
        proposal, discussed_on=TODAY(), adopted=True, decision="Ja", acting_user=steering
    )
    agreement = roadmap_actions.do_open_agreement(region, acting_user=coordinator)
    AgreementChange.objects.create(
        agreement=agreement, summary="Respijt als vast punt", proposal=proposal, by=coordinator
    )
    page = client.get(url(region, f"cases/{found.pk}/")).content.decode()
    assert "aangenomen door de stuurgroep" in page
    # The way back: from the changed agreement to the lesson and its discussion.
    change = AgreementChange.objects.get()
    assert change.proposal.lessons.get().discussion == found
    assert change.proposal.status == ProposalStatus.ADOPTED


# Lists stay the same size in queries ---------------------------------------------------------


def test_the_case_list_and_the_hub_do_not_grow_in_queries(
    client, login, region, member, coordinator, meeting, mdo
):
    client = login(member)
    client.get(url(region))  # the first request after login writes the session

    def add(n):
        for _i in range(n):
            d = CaseDiscussion.objects.create(
                region=region, meeting=meeting, presenter=coordinator, age_band="4-12", question="?"
            )
            Lesson.objects.create(discussion=d, text="les")

    add(2)
    few = (
        queries_of(lambda: client.get(url(region, "cases/"))),
        queries_of(lambda: client.get(url(region))),
        queries_of(lambda: client.get(url(region, f"forms/{mdo.pk}/"))),
    )
    add(8)
    many = (
        queries_of(lambda: client.get(url(region, "cases/"))),
        queries_of(lambda: client.get(url(region))),
        queries_of(lambda: client.get(url(region, f"forms/{mdo.pk}/"))),
    )
    assert few == many


# The one name check on the case's lessons and follow-ups (issue 30) ----------------------------

REFUSED = "Hierin staat iemand uit een gezin van deze regio: "


def test_a_cases_lesson_and_follow_up_naming_a_child_are_refused_with_the_reason(
    login, region, member, meeting, child
):
    client = login(member)
    client.post(f"/regions/{region.slug}/together/cases/new/", case_data(meeting, member))
    found = CaseDiscussion.objects.get()
    where = f"/regions/{region.slug}/together/cases/{found.pk}/"
    page = client.post(f"{where}lessons/", {"text": "Noor eerder bespreken."}, follow=True)
    assert REFUSED + "Noor." in page.content.decode()
    page = client.post(
        f"{where}follow-ups/",
        {"what": "Jansen bellen", "owner": member.pk, "due": timezone.localdate().isoformat()},
        follow=True,
    )
    assert REFUSED + "Jansen." in page.content.decode()
    assert not found.lessons.exists() and not found.follow_ups.exists()


def test_a_case_with_a_name_is_a_warning_that_is_logged_and_the_author_may_save_anyway(
    login, region, member, meeting, child
):
    client = login(member)
    data = case_data(meeting, member, picture="Noor slaapt slecht.")
    page = client.post(f"/regions/{region.slug}/together/cases/new/", data)
    assert page.status_code == 400 and REFUSED + "Noor." in page.content.decode()
    assert AuditEvent.objects.filter(event="case.identifiers_warned").count() == 1
    assert not CaseDiscussion.objects.exists()
    saved = client.post(f"/regions/{region.slug}/together/cases/new/", {**data, "checked": "on"})
    assert saved.status_code == 302 and CaseDiscussion.objects.count() == 1
