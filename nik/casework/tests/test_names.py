"""Issue 30: the one name check (`nik.families.anonymity`) on casework's texts that others read —
what parents said in a mirror conversation and its ideas, a case's follow-ups and lessons — on
the page and in the action behind it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from nik.casework import actions
from nik.casework.models import CaseDiscussion, Idea, MirrorConversation
from nik.casework.tests.test_case_discussions import case_data, child, mdo, meeting  # noqa: F401
from nik.core.models import AuditEvent
from nik.families.anonymity import NotAnonymous

pytestmark = pytest.mark.django_db

REFUSED = "Hierin staat iemand uit een gezin van deze regio: "


def test_a_mirror_conversations_quotes_naming_a_child_are_refused(
    login, region, coordinator, child
):
    data = {
        "held_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "facilitator": "Ouder en Kind Samen",
        "parents": 5,
        "listeners": "kinderarts",
        "quotes": "‘Noor slaapt slecht sinds de ziekenhuisopname.’",
    }
    page = login(coordinator).post(f"/regions/{region.slug}/mirror/new/", data)
    assert page.status_code == 400 and REFUSED + "Noor." in page.content.decode()
    assert not MirrorConversation.objects.exists()


def test_an_idea_naming_a_child_is_refused_with_the_reason(login, region, coordinator, child):
    held = MirrorConversation.objects.create(
        region=region, held_on=timezone.localdate(), facilitator="X", parents=3
    )
    client = login(coordinator)
    page = client.post(
        f"/regions/{region.slug}/mirror/{held.pk}/ideas/", {"text": "Bel Noor Jansen"}, follow=True
    )
    assert REFUSED + "Jansen, Noor." in page.content.decode()
    assert not Idea.objects.exists()
    with pytest.raises(NotAnonymous):
        actions.do_add_idea(held, text="Noor Jansen", acting_user=coordinator)


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
