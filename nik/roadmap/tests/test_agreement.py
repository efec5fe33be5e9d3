"""The agreement (step 4) and the proposals of step 10: what is kept, who may change it, what is refused."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape

from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.roadmap import actions
from nik.roadmap.models import (
    Agreement,
    AgreementChange,
    AgreementParty,
    AgreementReview,
    Milestone,
    PlanOfApproach,
    Proposal,
    ProposalStatus,
    add_months,
)

pytestmark = pytest.mark.django_db


def url(region, rest=""):
    return f"/regions/{region.slug}/roadmap/{rest}"


@pytest.fixture
def partners(region):
    """Two organisations with two people each."""
    found = []
    for name in ("LUMC", "Kinderthuiszorg Rijnland"):
        org = OrganizationFactory(region=region, name=name)
        found.append(
            (
                org,
                ProfessionalFactory(region=region, organization=org),
                ProfessionalFactory(region=region, organization=org),
            )
        )
    return found


def edit_agreement(client, region, data, query=""):
    """Open the agreement's form, change some fields and save, as a coordinator does."""
    form = client.get(url(region, f"agreement/edit/{query}")).context["form"]
    values = {name: form[name].value() or "" for name in form.fields}
    page = client.post(url(region, f"agreement/edit/{query}"), values | data)
    assert page.status_code == 302, page.context["form"].errors
    return page


def party_post(org, contact, ambassador, **extra):
    data = {
        "organization": org.pk,
        "contact_person": contact.pk if contact else "",
        "ambassador": ambassador.pk if ambassador else "",
        "roles": "Levert casemanagers",
        "tasks": "Neemt deel aan de projectgroep",
        "authority": "Zet eigen medewerkers in",
        "hours_per_month": "16",
        "money": "2500",
        "signed_on": "2026-01-15",
    }
    data.update(extra)
    return data


def test_coordinator_records_the_agreement_with_its_parties_and_totals(
    client, login, coordinator, region, partners
):
    login(coordinator)
    (lumc, a, b), (home, c, d) = partners
    page = client.post(
        url(region, "agreement/edit/"),
        {
            "principles": "Het gezin houdt de regie.",
            "working_method": "De coördinator houdt het overzicht.",
            "routing": "Aanmelding bij het aanspreekpunt\n\nContact binnen twee werkdagen\nCasemanager toewijzen",
            "financing": "Uren per gezin uit de zorgverzekering.",
            "signed_on": "2026-01-15",
            "review_months": "6",
            "next_review": "2027-01-15",
        },
    )
    assert page.status_code == 302
    assert (
        client.post(url(region, "agreement/parties/new/"), party_post(lumc, a, b)).status_code
        == 302
    )
    assert (
        client.post(
            url(region, "agreement/parties/new/"),
            party_post(home, c, c, hours_per_month="8.5", money="1000"),
        ).status_code
        == 302
    )
    page = client.get(url(region, "agreement/"))
    assert page.status_code == 200
    assert "Contact binnen twee werkdagen" in page.text
    assert escape(a.full_name) in page.text and escape(b.full_name) in page.text
    assert 'id="total-hours">24,5<' in page.text and 'id="total-money">€ 3.500,00<' in page.text
    agreement = Agreement.objects.get(region=region)
    assert agreement.routing_steps() == [
        "Aanmelding bij het aanspreekpunt",
        "Contact binnen twee werkdagen",
        "Casemanager toewijzen",
    ]
    # Every change is listed: the text parts and each organisation that joined.
    summaries = list(AgreementChange.objects.values_list("summary", flat=True))
    assert any("LUMC" in s for s in summaries) and len(summaries) == 3


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"hours_per_month": "-2"}, "hours_per_month", "minstens 0"),
        ({"money": "veel"}, "money", "getal"),
        ({"signed_on": "2099-01-01"}, "signed_on", "toekomst"),
    ],
)
def test_a_wrong_commitment_is_refused_per_field_and_nothing_saved(
    client, login, coordinator, region, partners, change, field, message
):
    (lumc, a, b), _ = partners
    page = login(coordinator).post(
        url(region, "agreement/parties/new/"), party_post(lumc, a, b, **change)
    )
    assert page.status_code == 200
    assert message in page.context["form"].errors[field][0]
    assert not AgreementParty.objects.exists()
    assert not AgreementChange.objects.exists()


def test_contact_and_ambassador_must_work_for_the_organisation(
    client, login, coordinator, region, partners
):
    (lumc, a, _b), (_home, c, d) = partners
    page = login(coordinator).post(url(region, "agreement/parties/new/"), party_post(lumc, a, c))
    assert page.status_code == 200
    assert escape(f"{c.full_name} werkt bij Kinderthuiszorg Rijnland, niet bij LUMC") in page.text
    assert not AgreementParty.objects.exists()
    client.post(url(region, "agreement/parties/new/"), party_post(lumc, a, a))
    page = client.post(url(region, "agreement/parties/new/"), party_post(lumc, a, a))
    assert "staat al in de overeenkomst" in page.text
    assert AgreementParty.objects.count() == 1


def test_a_second_edit_never_overwrites_the_first_silently(client, login, coordinator, region):
    agreement = Agreement.objects.create(region=region, routing="Stap een")
    login(coordinator)
    form = client.get(url(region, "agreement/edit/")).context["form"]
    base = {"routing": "Stap een", "review_months": "6", "version": form.initial["version"]}
    assert (
        client.post(url(region, "agreement/edit/"), base | {"routing": "Stap A"}).status_code == 302
    )
    page = client.post(url(region, "agreement/edit/"), base | {"routing": "Stap B"})
    assert page.status_code == 200
    assert "Iemand anders" in page.text and "Stap A" in page.text
    agreement.refresh_from_db()
    assert agreement.routing == "Stap A"


@time_machine.travel(date(2026, 8, 31), tick=False)
def test_a_review_is_kept_and_sets_the_next_one_six_months_later(
    client, login, coordinator, region
):
    agreement = Agreement.objects.create(region=region, next_review=date(2026, 9, 1))
    login(coordinator)
    page = client.post(
        url(region, "agreement/"),
        {
            "held_on": "2026-08-31",
            "level": "both",
            "outcome": "Uren lopen uiteen; minimaal acht uur.",
        },
    )
    assert page.status_code == 302
    agreement.refresh_from_db()
    assert agreement.next_review == date(2027, 2, 28)  # six months on, the end of February
    assert add_months(date(2026, 3, 31), 6) == date(2026, 9, 30)
    client.post(
        url(region, "agreement/"),
        {
            "held_on": "2026-08-31",
            "level": "board",
            "outcome": "Bestuur akkoord.",
            "next_review": "2026-12-01",
        },
    )
    agreement.refresh_from_db()
    assert agreement.next_review == date(2026, 12, 1)
    assert list(AgreementReview.objects.values_list("outcome", flat=True)) == [
        "Bestuur akkoord.",
        "Uren lopen uiteen; minimaal acht uur.",
    ]
    assert "Uren lopen uiteen" in client.get(url(region, "agreement/")).text


@time_machine.travel(date(2026, 8, 31), tick=False)
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"held_on": "2026-09-10"}, "held_on", "toekomst"),
        ({"next_review": "2026-08-01"}, "next_review", "na vandaag"),
        ({"held_on": "2020-01-01"}, "next_review", "na vandaag"),  # six months on is still the past
    ],
)
def test_a_review_date_in_the_past_is_refused(
    client, login, coordinator, region, data, field, message
):
    agreement = Agreement.objects.create(region=region, next_review=date(2026, 9, 1))
    page = login(coordinator).post(
        url(region, "agreement/"),
        {"held_on": "2026-08-31", "level": "both", "outcome": "x"} | data,
    )
    assert page.status_code == 200
    assert message in page.context["review_form"].errors[field][0]
    assert not AgreementReview.objects.exists()
    agreement.refresh_from_db()
    assert agreement.next_review == date(2026, 9, 1)


def test_the_agreement_form_refuses_a_next_review_in_the_past(client, login, coordinator, region):
    page = login(coordinator).post(
        url(region, "agreement/edit/"), {"review_months": "6", "next_review": "2020-01-01"}
    )
    assert page.status_code == 200
    assert "verleden" in page.context["form"].errors["next_review"][0]
    assert not Agreement.objects.filter(next_review__isnull=False).exists()


def test_who_may_see_and_who_may_change_the_agreement(
    client, login, region, coordinator, steering, member, other_coordinator, parent
):
    Agreement.objects.create(region=region, routing="Bel het gezin")
    assert client.get(url(region, "agreement/")).status_code == 302  # anonymous: to the login
    for reader in (steering, member):
        login(reader)
        assert "Bel het gezin" in client.get(url(region, "agreement/")).text
        assert client.get(url(region, "agreement/edit/")).status_code == 403
        assert client.post(url(region, "agreement/"), {"held_on": "2026-01-01"}).status_code == 403
    for outsider in (other_coordinator, parent):
        login(outsider)
        assert client.get(url(region, "agreement/")).status_code == 404
        assert client.post(url(region, "agreement/edit/"), {"routing": "x"}).status_code == 404
    assert Agreement.objects.get(region=region).routing == "Bel het gezin"


def test_a_due_review_is_on_the_coordinators_start_page_and_mailed_once(
    client,
    login,
    region,
    coordinator,
    other_coordinator,
    steering,
    django_capture_on_commit_callbacks,
):
    Agreement.objects.create(region=region, next_review=timezone.localdate() + timedelta(days=3))
    assert "Herziening van de overeenkomst" in login(coordinator).get("/").text
    assert "Herziening van de overeenkomst" not in login(other_coordinator).get("/").text
    assert "Herziening van de overeenkomst" not in login(steering).get("/").text
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders")
        call_command("send_reminders")
    reviews = [m for m in mail.outbox if "samenwerkingsovereenkomst" in m.subject]
    assert len(reviews) == 1 and reviews[0].to == [coordinator.email]


def test_a_review_far_ahead_is_not_announced(
    client, login, region, coordinator, django_capture_on_commit_callbacks
):
    Agreement.objects.create(region=region, next_review=timezone.localdate() + timedelta(days=40))
    assert "Herziening van de overeenkomst" not in login(coordinator).get("/").text
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders")
    assert not mail.outbox


def test_the_agreement_page_and_api_do_not_grow_in_queries_with_parties(
    client, login, coordinator, region, django_assert_max_num_queries, capsys
):
    agreement = Agreement.objects.create(region=region)

    def add(n):
        for _ in range(n):
            org = OrganizationFactory(region=region)
            person = ProfessionalFactory(region=region, organization=org)
            AgreementParty.objects.create(
                agreement=agreement, organization=org, contact_person=person, ambassador=person
            )

    add(2)
    login(coordinator)
    call_command("api_token", coordinator.email)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {capsys.readouterr().out.strip()}"}
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(f"/api/v1/regions/{region.slug}/agreement", **auth)  # the token's first use
    counts = []
    for n in (0, 10):
        add(n)
        with CaptureQueriesContext(connection) as page:
            assert client.get(url(region, "agreement/")).status_code == 200
        with CaptureQueriesContext(connection) as api:
            body = client.get(f"/api/v1/regions/{region.slug}/agreement", **auth).json()
        counts.append((len(page), len(api)))
    assert counts[0] == counts[1]
    assert len(body["parties"]) == 12


def test_the_agreement_over_the_api(
    client, region, coordinator, other_coordinator, partners, capsys
):
    (lumc, a, b), _ = partners
    agreement = Agreement.objects.create(
        region=region, routing="Bel\nToets", next_review=timezone.localdate() + timedelta(days=2)
    )
    AgreementParty.objects.create(
        agreement=agreement,
        organization=lumc,
        contact_person=a,
        ambassador=b,
        hours_per_month=Decimal("12.5"),
        money=Decimal("4000"),
    )
    call_command("api_token", coordinator.email)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {capsys.readouterr().out.strip()}"}
    body = client.get(f"/api/v1/regions/{region.slug}/agreement", **auth).json()
    assert body["routing"] == ["Bel", "Toets"]
    assert body["review_due"] is True
    assert (body["hours_per_month"], body["money"]) == (12.5, 4000.0)
    assert body["parties"][0]["contact_person"] == a.full_name
    call_command("api_token", other_coordinator.email)
    other = {"HTTP_AUTHORIZATION": f"Bearer {capsys.readouterr().out.strip()}"}
    assert client.get(f"/api/v1/regions/{region.slug}/agreement", **other).status_code == 404


# Develop further -------------------------------------------------------------------------------


def test_a_lesson_goes_through_the_steering_group_and_changes_the_agreement(
    client, login, region, coordinator, steering, member
):
    Agreement.objects.create(region=region, working_method="Oud")
    login(coordinator)
    page = client.post(
        url(region, "proposals/"),
        {
            "title": "Vaste dag",
            "lesson": "Overleg wordt verzet.",
            "proposal": "Elke tweede dinsdag.",
        },
    )
    proposal = Proposal.objects.get()
    assert page.status_code == 302 and proposal.status == ProposalStatus.OPEN
    # A change that names an open proposal is not linked to it.
    edit_agreement(client, region, {"working_method": "Tussenstap"}, f"?proposal={proposal.pk}")
    assert not AgreementChange.objects.filter(proposal=proposal).exists()
    # A network member may not decide; the steering group may.
    login(member)
    decide = {"discussed_on": str(timezone.localdate()), "outcome": "adopted", "decision": "Ja."}
    assert client.post(url(region, f"proposals/{proposal.pk}/"), decide).status_code == 403
    login(steering)
    assert client.post(url(region, f"proposals/{proposal.pk}/"), decide).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ADOPTED and proposal.decision == "Ja."
    page = client.post(url(region, f"proposals/{proposal.pk}/"), decide)
    assert "al een besluit" in page.text
    # The coordinator carries it out: the change keeps the link, both ways.
    login(coordinator)
    edit_agreement(
        client,
        region,
        {"working_method": "Casusbespreking elke tweede dinsdag"},
        f"?proposal={proposal.pk}",
    )
    change = AgreementChange.objects.get(proposal=proposal)
    assert "werkwijze" in change.summary.lower()
    assert "Vaste dag" in client.get(url(region, "agreement/")).text
    assert change.summary in client.get(url(region, f"proposals/{proposal.pk}/")).text


def test_an_adopted_proposal_becomes_a_plan_version_and_a_milestone(
    client, login, region, coordinator
):
    PlanOfApproach.objects.create(region=region, number=1, status="approved", goal="Doel")
    proposal = Proposal.objects.create(
        region=region,
        title="Spiegelgesprekken",
        lesson="l",
        proposal="Twee per jaar",
        status=ProposalStatus.ADOPTED,
        discussed_on=timezone.localdate(),
    )
    login(coordinator)
    page = client.post(
        url(region, f"plan/edit/?proposal={proposal.pk}"),
        {
            "goal": "Doel, met spiegelgesprekken",
            "budget-TOTAL_FORMS": "0",
            "budget-INITIAL_FORMS": "0",
            "proposal": proposal.pk,
        },
    )
    assert page.status_code == 302
    proposal.refresh_from_db()
    assert proposal.plan.number == 2
    assert "Spiegelgesprekken" in client.get(url(region, "plan/")).text
    due = timezone.localdate() + timedelta(days=60)
    page = client.post(
        url(region, f"proposals/{proposal.pk}/"),
        {
            "title": "Eerste spiegelgesprek",
            "result": "Verslag",
            "owner": "Coördinator",
            "due": str(due),
            "status": "planned",
        },
    )
    assert page.status_code == 302
    milestone = Milestone.objects.get(proposal=proposal)
    assert milestone.title == "Eerste spiegelgesprek"
    assert "een voorstel" in client.get(url(region, "milestones/")).text


def test_a_discussion_date_in_the_future_is_refused(client, login, region, steering):
    proposal = Proposal.objects.create(region=region, title="t", lesson="l", proposal="p")
    page = login(steering).post(
        url(region, f"proposals/{proposal.pk}/"),
        {"discussed_on": "2099-01-01", "outcome": "adopted"},
    )
    assert page.status_code == 200
    assert "toekomst" in page.context["decision_form"].errors["discussed_on"][0]
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.OPEN


def test_proposals_of_another_region_are_not_found(client, login, region, other_coordinator):
    proposal = Proposal.objects.create(region=region, title="t", lesson="l", proposal="p")
    login(other_coordinator)
    assert client.get(url(region, f"proposals/{proposal.pk}/")).status_code == 404
    assert client.get(f"/regions/limburg/roadmap/proposals/{proposal.pk}/").status_code == 404


# Milestone owners ------------------------------------------------------------------------------


def test_a_milestone_due_this_week_is_on_its_owners_start_page_only(
    client, login, region, coordinator, member, django_capture_on_commit_callbacks
):
    Milestone.objects.create(
        region=region,
        title="Folder drukken",
        result="r",
        owner="Lid",
        owner_user=member,
        due=timezone.localdate() + timedelta(days=3),
    )
    Milestone.objects.create(
        region=region,
        title="Ver weg",
        result="r",
        owner="Lid",
        owner_user=member,
        due=timezone.localdate() + timedelta(days=30),
    )
    page = login(member).get("/")
    assert "Folder drukken" in page.text and "Ver weg" not in page.text
    assert "Folder drukken" not in login(coordinator).get("/").text
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders")
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_the_coordinator_edits_a_milestone_and_sees_it_overdue(
    client, login, region, coordinator, steering
):
    milestone = Milestone.objects.create(
        region=region,
        title="Folder",
        result="r",
        owner="o",
        due=timezone.localdate() + timedelta(days=3),
    )
    login(coordinator)
    data = {"title": "Folder", "result": "r", "owner": "o", "status": "in_progress"}
    page = client.post(
        url(region, f"milestones/{milestone.pk}/"),
        data | {"due": str(timezone.localdate() - timedelta(days=1))},
    )
    assert page.status_code == 302
    page = client.get(url(region, "milestones/"))
    assert "1 mijlpaal is te laat" in page.text
    assert f'nik-gantt__row--late" data-milestone="{milestone.pk}"' in page.text
    page = client.post(url(region, f"milestones/{milestone.pk}/"), data | {"due": ""})
    assert page.status_code == 200 and "due" in page.context["form"].errors
    login(steering)
    assert client.get(url(region, f"milestones/{milestone.pk}/")).status_code == 403


def test_an_imported_owner_by_email_is_linked_to_the_account(region, coordinator):
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(actions.MILESTONE_COLUMNS)
    sheet.append(
        ["Folder", "r", "", coordinator.email.upper(), None, date(2027, 1, 1), "gepland", ""]
    )
    sheet.append(["Wegwijzer", "r", "", "Projectgroep", None, date(2027, 1, 1), "gepland", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    count, errors = actions.do_import_milestones(region, buffer, acting_user=coordinator)
    assert (count, errors) == (2, [])
    owners = dict(Milestone.objects.values_list("title", "owner_user"))
    assert owners == {"Folder": coordinator.pk, "Wegwijzer": None}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_time_send_each_reminder_once(region, coordinator):
    import threading

    from django.db import connection

    from nik.core.models import OutgoingMessage
    from nik.roadmap.reminders import send_reminders

    soon = timezone.localdate() + timedelta(days=2)
    Milestone.objects.bulk_create(
        Milestone(
            region=region, title=f"M{i}", result="r", owner="o", owner_user=coordinator, due=soon
        )
        for i in range(40)
    )
    Agreement.objects.create(region=region, next_review=soon)
    start = threading.Barrier(2)
    sent: list[int] = []

    def run() -> None:
        try:
            start.wait()
            sent.append(send_reminders())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(sent) == 41
    assert len(mail.outbox) == 41
    assert len({m.subject for m in mail.outbox}) == 41
    # One row per reminder in the one outbox, each marked sent (its body cleared).
    assert (
        OutgoingMessage.objects.filter(key__startswith="roadmap.", sent_at__isnull=False).count()
        == 41
    )
    assert set(OutgoingMessage.objects.values_list("body", flat=True)) == {""}


def test_the_steering_group_sees_the_ten_steps_at_a_glance(client, login, region, steering):
    from nik.roadmap.models import RoadmapStep, ensure_defaults

    ensure_defaults(region)
    RoadmapStep.objects.filter(region=region, number__in=[1, 2]).update(status="done")
    RoadmapStep.objects.filter(region=region, number=3).update(status="revisit")
    page = login(steering).get("/")
    assert "2 van 10 klaar" in page.text
    assert "Kijk vooruit: opnieuw bekijken" in page.text
    assert page.text.count('class="nik-step nik-step--') == 10


def test_the_documented_example_spreadsheet_imports(region, coordinator):
    from django.conf import settings

    path = settings.BASE_DIR.parent / "docs" / "formats" / "milestones-example.xlsx"
    with path.open("rb") as file:
        count, errors = actions.do_import_milestones(region, file, acting_user=coordinator)
    assert (count, errors) == (3, [])
    critical = Milestone.objects.get(critical=True)
    assert (critical.title, critical.status) == (
        "Samenwerkingsovereenkomst getekend",
        "in_progress",
    )


def test_the_owner_ticks_off_an_action_item_and_others_may_not(
    client, login, region, coordinator, member, casemanager, other_coordinator
):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from nik.roadmap.models import ActionItem, Event

    start = datetime(2026, 11, 1, 10, tzinfo=ZoneInfo("Europe/Amsterdam"))
    event = Event.objects.create(
        region=region, title="Overleg", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    item = ActionItem.objects.create(
        event=event,
        what="Folder drukken",
        owner=member,
        due=timezone.localdate() + timedelta(days=2),
    )
    done = url(region, f"action-items/{item.pk}/done/")
    assert login(casemanager).post(done).status_code == 403
    assert login(other_coordinator).post(done).status_code == 404
    item.refresh_from_db()
    assert not item.done
    login(member)
    assert "Folder drukken" in client.get("/").text
    assert client.post(done, {"next": "home"}).url == "/"
    item.refresh_from_db()
    assert item.done
    assert "Folder drukken" not in client.get("/").text


def test_proposals_page_and_api_do_not_grow_in_queries(client, login, region, coordinator, capsys):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nik.roadmap.models import Event

    start = timezone.now()
    event = Event.objects.create(
        region=region, title="Overleg", starts_at=start, ends_at=start + timedelta(hours=1)
    )

    def add(n):
        for i in range(n):
            proposal = Proposal.objects.create(
                region=region,
                title=f"V{i}",
                lesson="l",
                proposal="p",
                event=event,
                status="adopted",
            )
            Milestone.objects.create(
                region=region, title="m", result="r", owner="o", due=start.date(), proposal=proposal
            )

    add(1)
    login(coordinator)
    call_command("api_token", coordinator.email)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {capsys.readouterr().out.strip()}"}
    client.get(f"/api/v1/regions/{region.slug}/proposals", **auth)
    counts = []
    for n in (0, 15):
        add(n)
        with CaptureQueriesContext(connection) as page:
            assert client.get(url(region, "proposals/")).status_code == 200
        with CaptureQueriesContext(connection) as api:
            body = client.get(f"/api/v1/regions/{region.slug}/proposals", **auth).json()
        counts.append((len(page), len(api)))
    assert counts[0] == counts[1]
    assert len(body) == 16 and all(len(p["milestones"]) == 1 for p in body)


def test_two_coordinators_recording_the_first_agreement_at_once(client, login, coordinator, region):
    login(coordinator)
    base = {"review_months": "6", "version": ""}
    assert (
        client.post(url(region, "agreement/edit/"), base | {"routing": "Eerst"}).status_code == 302
    )
    page = client.post(url(region, "agreement/edit/"), base | {"routing": "Tweede"})
    assert page.status_code == 200 and "Iemand anders" in page.text and "Eerst" in page.text
    assert Agreement.objects.get(region=region).routing == "Eerst"
    again = page.context["form"].data
    assert client.post(url(region, "agreement/edit/"), again).status_code == 302
    assert Agreement.objects.get(region=region).routing == "Tweede"


def test_the_coordinator_adds_and_sharpens_indicators(client, login, region, coordinator, steering):
    from nik.roadmap.models import Indicator

    login(coordinator)
    data = {
        "name": "Wachttijd casemanager",
        "definition": "Dagen van aanmelding tot eerste gesprek met de casemanager.",
        "unit": "dagen",
        "target": "hoogstens 10",
        "source": "Aanmeldingen in NIK",
    }
    assert client.post(url(region, "indicators/"), data).status_code == 302
    page = client.post(url(region, "indicators/"), data | {"name": "wachttijd CASEMANAGER"})
    assert "al een indicator met deze naam" in page.text
    seed = Indicator.objects.get(region=region, name="Oordeel van gezinnen")
    edit = url(region, f"indicators/{seed.pk}/")
    values = {k: getattr(seed, k) for k in ("name", "definition", "unit", "source")}
    assert client.post(edit, values | {"target": "minstens 7,5"}).status_code == 302
    seed.refresh_from_db()
    assert seed.target == "minstens 7,5"
    assert Indicator.objects.filter(region=region).count() == 6
    login(steering)
    assert "Wachttijd casemanager" in client.get(url(region, "indicators/")).text
    assert client.post(url(region, "indicators/"), data | {"name": "x"}).status_code == 403
    assert client.get(edit).status_code == 403


def test_the_ambassadors_of_the_agreement_are_found_in_the_register(
    client, login, region, steering, coordinator, partners
):
    (lumc, a, b), (home, c, d) = partners
    agreement = Agreement.objects.create(region=region)
    party = AgreementParty(agreement=agreement, organization=lumc, contact_person=a, ambassador=c)
    actions.do_save_party(party, acting_user=coordinator, seen_version=None)
    # The agreement names someone else: the register follows (the network app knows no roadmap).
    party.ambassador = b
    actions.do_save_party(party, acting_user=coordinator, seen_version=party.version)
    login(steering)
    page = client.get(f"/regions/{region.slug}/network/professionals/?role=ambassador")
    assert escape(b.full_name) in page.text
    assert escape(a.full_name) not in page.text and escape(c.full_name) not in page.text
    page = client.get(f"/regions/{region.slug}/network/professionals/?role=contact_person")
    assert escape(a.full_name) in page.text and escape(b.full_name) not in page.text
    # Leaving the agreement takes the flags away.
    actions.do_remove_party(party, acting_user=coordinator)
    page = client.get(f"/regions/{region.slug}/network/professionals/?role=contact_person")
    assert escape(a.full_name) not in page.text


def test_the_steering_start_page_shows_what_waits_for_its_decision(
    client, login, region, steering, coordinator
):
    assert "Voor de stuurgroep" not in login(steering).get("/").text
    PlanOfApproach.objects.create(region=region, number=1, status="discussed", goal="Doel")
    Proposal.objects.create(region=region, title="t", lesson="l", proposal="p")
    Proposal.objects.create(region=region, title="u", lesson="l", proposal="p", status="declined")
    page = login(steering).get("/")
    assert "Versie 1 van het plan van aanpak wacht op jullie goedkeuring" in page.text
    assert "1 voorstel om over te besluiten" in page.text
    assert "Voor de stuurgroep" not in login(coordinator).get("/").text


def test_a_renamed_seed_indicator_does_not_come_back(client, login, region, coordinator):
    from nik.roadmap.models import Indicator

    login(coordinator)
    assert client.get(url(region, "indicators/")).status_code == 200
    seed = Indicator.objects.get(region=region, name="Oordeel van gezinnen")
    values = {k: getattr(seed, k) for k in ("definition", "unit", "target", "source")}
    edit = url(region, f"indicators/{seed.pk}/")
    assert client.post(edit, values | {"name": "Rapportcijfer van gezinnen"}).status_code == 302
    page = client.get(url(region, "indicators/"))
    assert "Rapportcijfer van gezinnen" in page.text and "Oordeel van gezinnen" not in page.text
    assert Indicator.objects.filter(region=region).count() == 5


def test_opening_the_edit_forms_writes_nothing(client, login, coordinator, region):
    """A GET never writes: the plan's next version and the agreement are made by the first POST."""
    from nik.core.models import AuditEvent
    from nik.roadmap.models import Agreement, PlanOfApproach

    client = login(coordinator)
    writes = AuditEvent.objects.exclude(action="view").count()
    assert client.get(f"/regions/{region.slug}/roadmap/plan/edit/").status_code == 200
    assert client.get(f"/regions/{region.slug}/roadmap/agreement/parties/new/").status_code == 200
    assert not PlanOfApproach.objects.exists()
    assert not Agreement.objects.exists()
    assert AuditEvent.objects.exclude(action="view").count() == writes
