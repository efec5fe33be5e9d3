"""A region's own surveys: written in versions (a published version never changes, answers keep
their version), a readability hint for the families' questions, conditions that must point at an
earlier choice, two coordinators at once, who may not; and the yearly training-needs question
feeding the training plan."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from fhirclient.models import questionnaire

from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.learning.models import TrainingNeed
from nik.monitoring import readability, surveys
from nik.monitoring.models import Invitation, Response, Survey
from nik.monitoring.tests.test_surveys import evaluated_family

pytestmark = pytest.mark.django_db


def management(n: int) -> dict[str, str]:
    return {"q-TOTAL_FORMS": str(n), "q-INITIAL_FORMS": "0", "q-MIN_NUM_FORMS": "0",
            "q-MAX_NUM_FORMS": "40"}  # fmt: skip


def question(i: int, kind: str, nl: str, **extra: str) -> dict[str, str]:
    data = {"kind": kind, "nl": nl, "required": "on", **extra}
    return {f"q-{i}-{k}": v for k, v in data.items()}


def draft(title="Logeeropvang", **extra):
    return {
        "audience": "families", "title": title, "title_en": "Respite care",
        **management(3),
        **question(0, "single", "Heb je logeeropvang gebruikt?", options="ja | yes\nnee | no"),
        **question(1, "text", "Wat hielp het meest?", show_if_item="1", show_if_answer="ja"),
        **question(2, "scale10", "Welk cijfer geef je de logeeropvang?"),
        **extra,
    }  # fmt: skip


def test_the_reading_ease_is_douma_s_formula_on_dutch_syllables():
    # Six words of one syllable in one sentence: 206.84 − 0.77 × 100 − 0.93 × 6.
    assert readability.flesch_douma("De kat zit op de mat.") == 124.3
    assert readability.syllables("verpleegkundige") == 5
    found = readability.hint(
        "In hoeverre ervaart u de multidisciplinaire afstemming van de palliatieve zorgverlening "
        "binnen het samenwerkingsverband als adequaat en toereikend?"
    )
    assert found.long_sentence and "multidisciplinaire" in found.long_words
    assert found.avoid == ["palliatieve"] and found.flags
    assert not readability.hint("Welk cijfer geef je de zorg?").flags


def test_a_coordinator_writes_publishes_and_changes_a_survey_and_answers_keep_their_version(
    login, client, region, coordinator, django_capture_on_commit_callbacks
):
    desk = login(coordinator)
    response = desk.post(f"/regions/{region.slug}/monitoring/surveys/new/", draft())
    assert response.status_code == 302
    survey = Survey.objects.get()
    assert (survey.key, survey.number, survey.is_draft) == (f"own-{survey.pk}", 1, True)
    assert survey.items[1]["show_if"] == ["q1", "ja"]
    page = desk.get(response["Location"]).content.decode()
    assert "Leesgemak van de Nederlandse vragen (Flesch–Douma)" in page
    desk.post(f"/regions/{region.slug}/monitoring/surveys/own/{survey.pk}/publish/")
    survey.refresh_from_db()
    assert not survey.is_draft
    # Published: a change through the edit form is refused and nothing changes.
    desk.post(f"/regions/{region.slug}/monitoring/surveys/own/{survey.pk}/", draft(title="Anders"))
    assert Survey.objects.get(pk=survey.pk).title == "Logeeropvang"

    evaluated_family(region)
    with django_capture_on_commit_callbacks(execute=True):
        desk.post(f"/regions/{region.slug}/monitoring/invite/{survey.key}/")
    link = re.search(r"(/survey/\S+/)", mail.outbox[-1].body).group(1)
    form = client.get(link).content.decode()
    assert "Heb je logeeropvang gebruikt?" in form and 'data-show-if="q1=ja"' in form
    client.post(link, {"q1": "ja", "q2": "De rust", "q3": "8"})
    assert Response.objects.get().answers == {"q1": "ja", "q2": "De rust", "q3": 8}
    assert Response.objects.get().version == 1

    # A change is a new version; two clicks make one draft; version 1 stays as it was.
    new = f"/regions/{region.slug}/monitoring/surveys/own/{survey.pk}/new-version/"
    second = desk.post(new)["Location"]
    assert desk.post(new)["Location"] == second
    v2 = Survey.objects.get(key=survey.key, number=2)
    response = desk.post(second, draft(title="Logeren", version=str(v2.version)))
    assert response.status_code == 302
    assert Survey.objects.get(pk=survey.pk).title == "Logeeropvang"
    assert Survey.objects.get(pk=v2.pk).title == "Logeren"
    surveys.do_publish_survey(v2, acting_user=coordinator)
    q = questionnaire.Questionnaire(
        desk.get(
            f"/regions/{region.slug}/monitoring/surveys/{survey.key}/questionnaire.json"
        ).json(),
        strict=True,
    )
    assert (q.version, q.title) == ("2", "Logeren")
    assert q.item[1].enableWhen[0].answerCoding.code == "ja"
    # The results page reads the published version's answers only: none yet for version 2.
    (own,) = [r for r in surveys.results(region, timezone.localdate() - timedelta(1),
                                         timezone.localdate() + timedelta(1))
              if r.instrument.key == survey.key]  # fmt: skip
    assert (own.instrument.version, own.answered) == (2, 0)


def test_bad_questions_are_named_and_nothing_is_saved(login, region, coordinator):
    desk = login(coordinator)
    where = f"/regions/{region.slug}/monitoring/surveys/new/"
    later = draft(**{"q-1-show_if_item": "3", "q-1-show_if_answer": "8"})
    response = desk.post(where, later)
    assert response.status_code == 400
    assert "Vraag 2: die kan alleen volgen op een eerdere vraag met één keuze." in (
        response.content.decode()
    )
    unknown = draft(**{"q-1-show_if_answer": "misschien"})
    assert (
        "“misschien” is geen van de antwoorden van vraag 1"
        in desk.post(where, unknown).content.decode()
    )
    bare = draft(**{"q-0-options": "ja"})
    assert (
        "Geef ten minste twee antwoorden om uit te kiezen."
        in desk.post(where, bare).content.decode()
    )
    empty = {"audience": "families", "title": "Leeg", **management(0)}
    assert "Schrijf ten minste één vraag." in desk.post(where, empty).content.decode()
    assert not Survey.objects.exists()


def test_two_coordinators_saving_one_draft_the_second_is_told(login, region, coordinator):
    from nik.core.factories import person

    other = person(region, "coordinator", "tweede@nik.test")
    login(coordinator).post(f"/regions/{region.slug}/monitoring/surveys/new/", draft())
    survey = Survey.objects.get()
    where = f"/regions/{region.slug}/monitoring/surveys/own/{survey.pk}/"
    first = draft(title="Van de eerste", version="1")
    second = draft(title="Van de tweede", version="1")
    assert login(coordinator).post(where, first).status_code == 302
    response = login(other).post(where, second)
    assert response.status_code == 400
    assert "Iemand anders heeft dit opgeslagen" in response.content.decode()
    assert Survey.objects.get().title == "Van de eerste"


def test_who_may_not_write_or_publish_a_survey(
    login, region, coordinator, steering, other_region, other_coordinator
):
    login(coordinator).post(f"/regions/{region.slug}/monitoring/surveys/new/", draft())
    survey = Survey.objects.get()
    assert login(steering).get(f"/regions/{region.slug}/monitoring/surveys/").status_code == 403
    forged = f"/regions/{other_region.slug}/monitoring/surveys/own/{survey.pk}/publish/"
    assert login(other_coordinator).post(forged).status_code == 404
    assert Survey.objects.get().is_draft
    unknown = f"/regions/{region.slug}/monitoring/invite/own-999/"
    assert login(coordinator).post(unknown).status_code == 404


def test_the_yearly_needs_question_feeds_the_training_plan(
    client, region, coordinator, django_capture_on_commit_callbacks
):
    org = OrganizationFactory(region=region)
    ProfessionalFactory(region=region, organization=org, email="p@zorg.example")
    with django_capture_on_commit_callbacks(execute=True):
        n = surveys.do_invite_professionals(
            region, base_url="https://nik.example/", acting_user=coordinator, survey="needs"
        )
    assert n == 1
    with pytest.raises(Exception, match="minder dan een jaar"):
        surveys.do_invite_professionals(
            region, base_url="https://nik.example/", acting_user=coordinator, survey="needs"
        )
    link = f"/survey/{Invitation.objects.get(instrument='needs').token}/"
    client.post(link, {"topic": "Omgaan met rouw bij broers en zussen", "way": "case"})
    need = TrainingNeed.objects.get()
    assert need.topic == "Omgaan met rouw bij broers en zussen" and need.named_by is None
