"""Surveys (issue 16): single-use links without an account (used twice, expired, unknown), anonymous
answers, a question that shows only after a given answer, invitations never more often than the
rule, one reminder, results only for groups of at least five, and the families' figure computed
from the answers."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from nik.careplans.models import CarePlan, CarePlanVersion
from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.families.factories import FamilyFactory
from nik.families.models import Guardian
from nik.monitoring import surveys
from nik.monitoring.formulas import family_rating
from nik.monitoring.instruments import FAMILY_SURVEY
from nik.monitoring.models import Invitation, Response
from nik.monitoring.periods import Period

pytestmark = pytest.mark.django_db

BASE = "https://nik.example/"


def evaluated_family(region, email="ouder@voorbeeld.example"):
    family = FamilyFactory(region=region)
    Guardian.objects.create(family=family, name="Ouder", email=email)
    plan = CarePlan.objects.create(family=family)
    for number in (1, 2):
        CarePlanVersion.objects.create(
            plan=plan, number=number, status="published", content={},
            published_at=timezone.now() - timedelta(days=40 if number == 1 else 3),
        )  # fmt: skip
    return family


def link_of(message) -> str:
    return re.search(r"https://nik\.example(/survey/\S+/)", message.body).group(1)


def answers(**extra):
    return {"overall": "8", "fit": "7", "heard": "4", "whom_to_call": "yes", **extra}


def test_a_parent_answers_once_from_the_link_without_an_account(
    client, region, coordinator, django_capture_on_commit_callbacks
):
    evaluated_family(region)
    with django_capture_on_commit_callbacks(execute=True):
        assert surveys.do_invite_families(region, base_url=BASE, acting_user=coordinator) == 1
        # Invited again the same month: nobody (never more often than the rule).
        assert surveys.do_invite_families(region, base_url=BASE, acting_user=coordinator) == 0
    (message,) = mail.outbox
    link = link_of(message)
    # Reading the parents' address is on the family's access overview, in plain words.
    from nik.families.selectors import access_overview

    family = FamilyFactory._meta.model.objects.get(guardians__email="ouder@voorbeeld.example")
    told = [
        d
        for _day, visits in access_overview(family, for_family=True)
        for v in visits
        for d in v.did
    ]
    assert "heeft jullie uitgenodigd voor de enquête over de zorg" in told
    page = client.get(link)
    assert page.status_code == 200
    text = page.content.decode()
    assert (
        "Welk cijfer geef je de zorg voor jullie kind?" in text and "palliati" not in text.lower()
    )
    assert client.post(link, answers()).status_code == 200
    (response,) = Response.objects.all()
    assert response.answers == {"overall": 8, "fit": 7, "heard": 4, "whom_to_call": "yes"}
    invitation = Invitation.objects.get()
    assert invitation.used and invitation.token == "" and invitation.email == ""
    # The answer keeps no person, no invitation and no moment: only the day.
    assert {f.name for f in Response._meta.get_fields()} == {
        "id", "region", "instrument", "version", "submitted_on", "answers",
    }  # fmt: skip
    again = client.post(link, answers())
    assert again.status_code == 410 and "al gebruikt" in again.content.decode()
    assert Response.objects.count() == 1


def test_unknown_and_expired_links_say_so(client, region, coordinator):
    assert "Deze link kennen we niet." in client.get("/survey/nonsense/").content.decode()
    evaluated_family(region)
    surveys.do_invite_families(region, base_url=BASE, acting_user=coordinator)
    invitation = Invitation.objects.get()
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(1))
    page = client.get(f"/survey/{invitation.token}/")
    assert page.status_code == 410 and "verlopen" in page.content.decode()


def test_a_missing_answer_is_asked_for_and_the_follow_up_question_shows(
    client, region, coordinator
):
    evaluated_family(region)
    surveys.do_invite_families(region, base_url=BASE, acting_user=coordinator)
    link = f"/survey/{Invitation.objects.get().token}/"
    page = client.post(link, {"overall": "8", "whom_to_call": "no"})
    text = page.content.decode()
    assert page.status_code == 400 and "Wil je deze vraag beantwoorden?" in text
    assert 'id="q-whom_missing" data-show-if' in text  # shown now, not hidden
    assert not Response.objects.exists()
    assert (
        client.post(link, answers(whom_to_call="no", whom_missing="Een kaartje")).status_code == 200
    )
    assert Response.objects.get().answers["whom_missing"] == "Een kaartje"
    # A forged value outside the scale is refused, not stored.
    assert surveys.clean_answers(FAMILY_SURVEY, _QueryDict(answers(fit="11")))[1] == {
        "fit": "Kies een van de antwoorden."
    }


class _QueryDict(dict):
    def getlist(self, key):
        return [self[key]] if key in self else []


def test_professionals_are_invited_at_most_once_a_quarter_and_reminded_once(
    region, coordinator, django_capture_on_commit_callbacks
):
    org = OrganizationFactory(region=region)
    for n in range(3):
        ProfessionalFactory(region=region, organization=org, email=f"p{n}@zorg.example")
    with django_capture_on_commit_callbacks(execute=True):
        assert surveys.do_invite_professionals(region, base_url=BASE, acting_user=coordinator) == 3
    with pytest.raises(Exception, match="drie maanden"):
        surveys.do_invite_professionals(region, base_url=BASE, acting_user=coordinator)
    later = timezone.now() + timedelta(days=8)
    with django_capture_on_commit_callbacks(execute=True):
        assert surveys.send_reminders(BASE, now=later) == 3
        assert surveys.send_reminders(BASE, now=later) == 0
    assert len(mail.outbox) == 6


def test_results_and_the_families_figure_only_from_five_answers(
    client, login, region, coordinator, steering
):
    period = Period.of(timezone.localdate())
    for mark in (6, 7, 8, 9):
        Response.objects.create(region=region, instrument="families", version=1,
                                answers={"overall": mark, "fit": mark, "heard": 4})  # fmt: skip
    result = family_rating(region, period, timezone.now())
    assert (result.value, result.cases) == (None, 4)
    page = login(coordinator).get(f"/regions/{region.slug}/monitoring/").content.decode()
    assert "Te weinig antwoorden om uitkomsten te tonen." in page
    Response.objects.create(region=region, instrument="families", version=1,
                            answers={"overall": 10, "fit": 10, "heard": 5})  # fmt: skip
    result = family_rating(region, period, timezone.now())
    assert (result.value, result.cases) == (8.0, 5)
    page = login(steering).get(f"/regions/{region.slug}/monitoring/").content.decode()
    assert (
        "Uitgenodigd: 0; geantwoord: 5" in page
        and "Te weinig antwoorden" not in page.split('id="survey-families"')[1].split("</p>")[0]
    )


def test_the_questionnaire_and_its_answers_as_fhir_r4_and_xlsx_read_back(
    client, login, region, coordinator, steering
):
    import io

    import openpyxl
    from fhirclient.models import bundle, questionnaire

    from nik.monitoring.models import Response as Answer

    client = login(coordinator)
    base = f"/regions/{region.slug}/monitoring/surveys/families/"
    q = questionnaire.Questionnaire(client.get(base + "questionnaire.json").json(), strict=True)
    assert q.title == "Hoe gaat het met de zorg voor jullie kind?" and q.status == "active"
    items = {i.linkId: i for i in q.item}
    assert [o.valueCoding.code for o in items["fit"].answerOption] == [str(n) for n in range(11)]
    assert items["whom_missing"].enableWhen[0].answerCoding.code == "no"
    assert items["overall"].extension[0].extension[1].valueString.startswith("What mark")
    # Fewer than five answers: no export.
    for mark in range(4):
        Answer.objects.create(region=region, instrument="families", version=1,
                              answers={"overall": mark, "fit": mark, "better": "Meer rust"})  # fmt: skip
    assert client.get(base + "responses.json").status_code == 302
    Answer.objects.create(region=region, instrument="families", version=1, answers={"fit": 9})
    raw = client.get(base + "responses.json").json()
    found = bundle.Bundle(raw, strict=True)
    assert len(found.entry) == 5
    first = found.entry[0].resource
    assert first.resource_type == "QuestionnaireResponse" and first.subject is None
    assert first.questionnaire.endswith("families|1")
    assert len(raw["entry"][0]["resource"]["authored"]) == 10  # a day, never a moment
    book = openpyxl.load_workbook(io.BytesIO(client.get(base + "responses.xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Dag", "overall", "fit") and len(rows) == 6
    assert login(steering).get(base + "responses.xlsx").status_code == 403
