"""Issue 30, major 3: a child's name in a signal. The whole region reads a signal, so its text (on
the first save and on every edit) names no one of the region's families: the one name check of
`nik.families.anonymity`. And the knowledge centre's answer: the right count in Dutch, and the
coordinator who raised the signal e-mailed."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command

from nik.core.factories import person
from nik.core.models import Role
from nik.families.anonymity import NotAnonymous
from nik.families.factories import FamilyFactory
from nik.families.models import Child
from nik.signals import actions
from nik.signals.models import Passed, Signal, Source

pytestmark = pytest.mark.django_db

REFUSED = "Hierin staat iemand uit een gezin van deze regio: "


@pytest.fixture
def noor(region):
    """A child of the region whose care team is someone else's."""
    family = FamilyFactory(region=region, name="Gezin Bakker")
    return Child.objects.create(
        family=family, first_name="Noor", last_name="Bakker", date_of_birth="2017-03-12"
    )


def raise_(region, user=None, **extra):
    data = {"kind": "bottleneck", "theme": "school", "text": "Geen zorg op school.",
            "source": Source.COORDINATOR, **extra}  # fmt: skip
    return actions.do_raise(Signal(region=region, **data), acting_user=user)


def test_a_coordinators_signal_naming_a_child_of_the_region_is_refused_in_dutch(
    login, region, coordinator, steering, member, noor
):
    where = f"/regions/{region.slug}/signals/new/"
    page = login(coordinator).post(
        where,
        {"kind": "bottleneck", "theme": "school",
         "text": "Noor Bakker kan niet naar school sinds de operatie."},
    )  # fmt: skip
    assert page.status_code == 400
    text = page.content.decode()
    assert REFUSED + "Bakker, Noor." in text
    assert "schrijf hem zonder namen of geboortedata" in text
    assert not Signal.objects.exists()  # nothing saved
    # So the steering group and a member outside the family's team have no name to read.
    for user in (steering, member):
        listed = login(user).get(f"/regions/{region.slug}/signals/").content.decode()
        assert "Noor" not in listed and "Bakker" not in listed
    # Without the name it goes in.
    response = login(coordinator).post(
        where, {"kind": "bottleneck", "theme": "school", "text": "Een kind kan niet naar school."}
    )
    assert response.status_code == 302 and Signal.objects.count() == 1


def test_a_date_of_birth_of_the_regions_child_is_refused_too(login, region, member, noor):
    page = login(member).post(
        f"/regions/{region.slug}/signals/new/",
        {"kind": "bottleneck", "theme": "school", "text": "Het kind van 12-03-2017 wacht."},
    )
    assert page.status_code == 400 and REFUSED + "12-03-2017." in page.content.decode()
    assert not Signal.objects.exists()


def test_names_of_another_regions_family_are_not_the_checks_business(
    login, region, other_region, coordinator
):
    """The region's people read the signal; they do not know another region's families, and a
    refusal over those would tell them who is in another network. Checked there, not here."""
    theirs = FamilyFactory(region=other_region)
    Child.objects.create(
        family=theirs, first_name="Bram", last_name="Pietersen", date_of_birth="2015-01-02"
    )
    response = login(coordinator).post(
        f"/regions/{region.slug}/signals/new/",
        {"kind": "bottleneck", "theme": "school", "text": "Bram Pietersen mist school."},
    )
    assert response.status_code == 302 and Signal.objects.count() == 1
    with pytest.raises(NotAnonymous):
        raise_(other_region, text="Bram Pietersen mist school.")


def test_the_check_is_in_the_action_too_for_a_forged_post_or_another_caller(
    client, region, coordinator, member, noor, capsys
):
    with pytest.raises(NotAnonymous, match="Bakker, Noor"):
        raise_(region, coordinator, text="Noor Bakker kan niet naar school.")
    with pytest.raises(NotAnonymous):
        raise_(region, member, source=Source.CASE, text="Zie Noor Bakker.")
    assert not Signal.objects.exists()
    # The API only reads signals: there is no way in to write one.
    call_command("api_token", member.email)
    token = capsys.readouterr().out.strip()
    response = client.post(
        f"/api/v1/regions/{region.slug}/signals",
        {"kind": "bottleneck", "theme": "school", "text": "Noor Bakker"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 405 and not Signal.objects.exists()


def test_an_edit_of_a_signal_is_checked_the_region_note_and_the_steering_view(
    login, region, coordinator, steering, noor
):
    signal = raise_(region, coordinator)
    where = f"/regions/{region.slug}/signals/{signal.pk}/"
    page = login(coordinator).post(where, {"version": "1", "region_note": "Besproken: Noor."})
    assert page.status_code == 400 and REFUSED + "Noor." in page.content.decode()
    page = login(steering).post(where, {"version": "1", "steering_view": "Gezin Bakker helpen."})
    assert page.status_code == 400 and REFUSED + "Bakker, Gezin Bakker." in page.content.decode()
    signal.refresh_from_db()
    assert (signal.region_note, signal.steering_view, signal.status) == ("", "", "new")
    with pytest.raises(NotAnonymous):
        actions.do_discuss(signal, seen=1, region_note="Noor Bakker", acting_user=coordinator)
    with pytest.raises(NotAnonymous):
        actions.do_steering_view(signal, seen=1, view="Noor", acting_user=steering)


def test_a_parent_is_told_about_their_own_familys_names_in_plain_words(login, region, family):
    parent = person(region, Role.PARENT, "ouder-noor@nik.test")
    family.portal_users.add(parent)
    Child.objects.create(family=family, first_name="Sem", last_name="de Wit",
                         date_of_birth="2018-06-01")  # fmt: skip
    client = login(parent)
    page = client.post("/signals/mine/", {"kind": "bottleneck", "theme": "school",
                                          "text": "Sem mag niet mee op schoolreis."})  # fmt: skip
    assert page.status_code == 400
    assert "In je tekst staat een naam of geboortedatum uit jullie gezin: Sem." in (
        page.content.decode()
    )
    assert not Signal.objects.exists()


def test_a_parent_learns_nothing_of_other_families_names(login, region, family, noor):
    """A refusal over all the region's families would tell a parent that Noor Bakker is in the
    network: for a parent only their own family's names are checked."""
    parent = person(region, Role.PARENT, "ouder-ander@nik.test")
    family.portal_users.add(parent)
    response = login(parent).post(
        "/signals/mine/",
        {"kind": "bottleneck", "theme": "school", "text": "Noor Bakker uit de klas ook."},
    )
    assert response.status_code == 302 and Signal.objects.count() == 1


def test_a_visitors_signal_has_the_names_left_out_without_telling_them(client, region, noor):
    response = client.post(
        f"/networks/{region.slug}/signal/",
        {"kind": "bottleneck", "theme": "school",
         "text": "Noor Bakker (12-03-2017) kan niet naar school; noor is moe."},
    )  # fmt: skip
    assert response.status_code == 200
    page = response.content.decode()
    assert "Noor" not in page and "Bakker" not in page  # the same thank-you for every text
    assert Signal.objects.get().text == "[…] […] ([…]) kan niet naar school; […] is moe."


def test_passing_on_uses_the_same_check_with_addresses_and_phone_numbers(
    login, region, coordinator, noor
):
    signal = raise_(region, coordinator)
    page = login(coordinator).post(
        f"/regions/{region.slug}/signals/pass/",
        {"signals": [signal.pk], "families": "1", "summary": "Bel 06-12345678 over Noor."},
    )
    assert page.status_code == 400
    assert "06-12345678" in page.content.decode() and "Noor" in page.content.decode()
    assert not Passed.objects.exists()


# The knowledge centre's answer ---------------------------------------------------------------


def answered(region, coordinator, national, signals):
    passed = actions.do_pass(region, signals, summary="Scholen regelen geen zorg.", families=6,
                             systems=[], acting_user=coordinator)  # fmt: skip
    actions.do_take_up(passed, issue=None, title="Zorg op school", acting_user=national)
    return passed


def test_the_coordinator_who_raised_it_is_e_mailed_and_the_count_is_in_dutch(
    login, region, coordinator, national, django_capture_on_commit_callbacks
):
    passed = answered(region, coordinator, national, [raise_(region, coordinator)])
    with django_capture_on_commit_callbacks(execute=True):
        page = login(national).post(
            f"/national/signals/{passed.pk}/",
            {"step": "answer", "feedback": "We spreken de onderwijsinspectie aan."},
            follow=True,
        )
    assert "Beantwoord; 1 persoon gemaild." in page.content.decode()
    (message,) = mail.outbox
    assert message.to == [coordinator.email]
    assert message.subject == "Het kenniscentrum heeft je signaal beantwoord"
    assert "onderwijsinspectie" in message.body and "Zorg op school" not in message.subject


def test_each_person_is_e_mailed_once_and_counted_once(
    login, region, coordinator, member, parent, national, django_capture_on_commit_callbacks
):
    signals = [
        raise_(region, coordinator),
        raise_(region, coordinator),
        raise_(region, parent, source=Source.PARENT),
        raise_(region, member, source=Source.PROFESSIONAL),  # reads it in the region
    ]
    passed = answered(region, coordinator, national, signals)
    with django_capture_on_commit_callbacks(execute=True):
        page = login(national).post(
            f"/national/signals/{passed.pk}/",
            {"step": "answer", "feedback": "Er komt een landelijke afspraak."},
            follow=True,
        )
    assert "Beantwoord; 2 personen gemaild." in page.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.email, parent.email])


def test_nobody_to_e_mail_says_so_in_dutch(
    login, region, coordinator, member, national, django_capture_on_commit_callbacks
):
    passed = answered(
        region, coordinator, national, [raise_(region, member, source="professional")]
    )
    with django_capture_on_commit_callbacks(execute=True):
        page = login(national).post(
            f"/national/signals/{passed.pk}/",
            {"step": "answer", "feedback": "Dank voor het melden."},
            follow=True,
        )
    assert "Beantwoord; 0 personen gemaild." in page.content.decode()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "text",
    [
        "noor bakker kan niet naar school sinds de operatie.",
        "NOOR BAKKER kan niet naar school sinds de operatie.",
        "Het vervoer voor noor bakker is geregeld, maar school niet.",
    ],
)
def test_a_whole_name_typed_without_capitals_is_refused_too(text, login, region, coordinator, noor):
    page = login(coordinator).post(
        f"/regions/{region.slug}/signals/new/",
        {"kind": "bottleneck", "theme": "school", "text": text},
    )
    assert page.status_code == 400
    assert REFUSED in page.content.decode()
    assert not Signal.objects.exists()


def test_a_lowercase_word_that_is_also_a_name_is_not_refused(login, region, coordinator):
    # A child called Roos Bakker: "roos" and "bakker" are also words, alone they are not her name.
    family = FamilyFactory(region=region, name="Gezin Bakker")
    Child.objects.create(
        family=family, first_name="Roos", last_name="Bakker", date_of_birth="2016-05-01"
    )
    text = "De bakker op de hoek gaf een roos aan de school."
    response = login(coordinator).post(
        f"/regions/{region.slug}/signals/new/",
        {"kind": "bottleneck", "theme": "school", "text": text},
    )
    assert response.status_code == 302 and Signal.objects.get().text == text
