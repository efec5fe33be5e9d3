"""The signalling function (issue 17): raised by a professional, a parent on the family page and
anyone on the public site; discussed in the region; passed on without anything identifying a
family; taken up nationally or not; answered back to the region and the reporter. And who may
not see what."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nik.core.factories import RegionFactory, person
from nik.core.models import AuditEvent, Role
from nik.families.anonymity import identifying
from nik.families.factories import FamilyFactory
from nik.families.models import Child
from nik.signals import actions
from nik.signals.models import NationalIssue, Passed, Signal, Source, Status

pytestmark = pytest.mark.django_db


def raise_(region, user=None, **extra):
    data = {"kind": "bottleneck", "theme": "respite", "text": "Geen logeerplek in het weekend.",
            "source": Source.PROFESSIONAL, **extra}  # fmt: skip
    return actions.do_raise(Signal(region=region, **data), acting_user=user)


def test_from_a_professional_to_the_national_answer_and_back(
    login, region, member, coordinator, national, django_capture_on_commit_callbacks
):
    page = login(member).post(
        f"/regions/{region.slug}/signals/new/",
        {"kind": "bottleneck", "theme": "respite", "systems": ["wlz", "jeugdwet"],
         "text": "Ouders vinden geen logeerhuis voor kinderen met sondevoeding."},
        follow=True,
    )  # fmt: skip
    assert "Dank je: het signaal is binnen." in page.content.decode()
    signal = Signal.objects.get()
    assert (signal.source, signal.status, signal.systems) == (
        "professional",
        "new",
        ["wlz", "jeugdwet"],
    )
    desk = login(coordinator)
    desk.post(f"/regions/{region.slug}/signals/{signal.pk}/",
              {"version": "1", "region_note": "Speelt in de hele regio; landelijk melden."})  # fmt: skip
    signal.refresh_from_db()
    assert signal.status == Status.DISCUSSED
    response = desk.post(
        f"/regions/{region.slug}/signals/pass/",
        {"signals": [signal.pk], "families": "3", "systems": ["wlz"],
         "summary": "Logeerhuizen nemen geen kinderen met sondevoeding op."},
    )  # fmt: skip
    assert response.status_code == 302
    passed = Passed.objects.get()
    signal.refresh_from_db()
    assert signal.status == Status.PASSED and signal.passed == passed

    queue = login(national).get("/national/signals/").content.decode()
    assert "Logeerhuizen nemen geen kinderen met sondevoeding op." in queue
    assert "&lt; 5 gezinnen" in queue  # three families: never the number
    assert "Ouders vinden geen logeerhuis" not in queue  # the region's own words stay there
    national_client = login(national)
    national_client.post(f"/national/signals/{passed.pk}/",
                         {"step": "take_up", "title": "Logeren met medische zorg"})  # fmt: skip
    issue = NationalIssue.objects.get()
    assert Signal.objects.get().status == Status.TAKEN_UP
    national_client.post(f"/national/issues/{issue.pk}/",
                         {"description": "Brief aan VWS", "status": "underway", "on": "2026-12-01"})  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        national_client.post(f"/national/signals/{passed.pk}/",
                             {"step": "answer", "feedback": "We bespreken dit met VWS in december."})  # fmt: skip
    assert Signal.objects.get().status == Status.ANSWERED
    detail = login(member).get(f"/regions/{region.slug}/signals/{signal.pk}/").content.decode()
    assert "We bespreken dit met VWS in december." in detail
    assert "Wlz, Jeugdwet" in detail  # the systems in words
    assert "Logeren met medische zorg" in detail
    assert mail.outbox == []  # a professional reads it in the region, no e-mail


def test_a_parent_raises_one_on_the_family_page_and_reads_the_answer(
    login, region, parent, coordinator, national, django_capture_on_commit_callbacks
):
    client = login(parent)
    start = client.get("/").content.decode()
    assert "Loop je ergens tegenaan?" in start
    client.post("/signals/mine/", {"kind": "bottleneck", "theme": "school",
                                   "text": "School wil geen zorg op school regelen."})  # fmt: skip
    signal = Signal.objects.get()
    assert (signal.source, signal.raised_by, signal.region) == ("parent", parent, region)
    passed = actions.do_pass(region, [signal], summary="Scholen regelen geen zorg in de klas.",
                             families=6, systems=["education"], acting_user=coordinator)  # fmt: skip
    actions.do_not_take_up(passed, reason="Hoort bij de regio: afspraak met het samenwerkingsverband.",
                           acting_user=national)  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.do_answer(passed, feedback="Neem contact op met de onderwijsconsulent.",
                                 acting_user=national) == 1  # fmt: skip
    (message,) = mail.outbox
    assert message.to == [parent.email] and "onderwijsconsulent" in message.body
    page = client.get("/signals/mine/").content.decode()
    assert "Er is een antwoord:" in page and "onderwijsconsulent" in page


def test_anyone_on_the_public_site_without_an_account(
    client, region, coordinator, national, django_capture_on_commit_callbacks
):
    where = f"/networks/{region.slug}/signal/"
    assert client.get(where).status_code == 200
    response = client.post(where, {"kind": "good_practice", "theme": "home", "text": "De thuiszorg kwam binnen een dag.",
                                   "reply_to": "iemand@voorbeeld.example"})  # fmt: skip
    assert "sturen we dat naar je e-mailadres" in response.content.decode()
    signal = Signal.objects.get()
    assert (signal.source, signal.raised_by, signal.kind) == ("public", None, "good_practice")
    passed = actions.do_pass(region, [signal], summary="Snelle thuiszorg werkt.", families=1,
                             systems=[], acting_user=coordinator)  # fmt: skip
    actions.do_take_up(passed, issue=None, title="Goede thuiszorg", acting_user=national)
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_answer(
            passed, feedback="Dank; we delen dit als goed voorbeeld.", acting_user=national
        )
    assert mail.outbox[0].to == ["iemand@voorbeeld.example"]
    assert Signal.objects.get().reply_to == ""  # answered: the address is forgotten
    # A bot fills in the hidden field: thanked, nothing kept; and a flood is stopped.
    client.post(where, {"kind": "bottleneck", "theme": "home", "text": "spam", "website": "x"})
    assert Signal.objects.count() == 1
    for n in range(3):
        client.post(where, {"kind": "bottleneck", "theme": "home", "text": f"nummer {n}"})
    assert (
        client.post(where, {"kind": "bottleneck", "theme": "home", "text": "nog een"}).status_code
        == 429
    )
    assert Signal.objects.count() == 3


def test_nothing_identifying_leaves_the_region(region, coordinator):
    family = FamilyFactory(region=region, name="Gezin Bakker")
    Child.objects.create(family=family, first_name="Noor", last_name="Bakker",
                         date_of_birth="2019-03-12")  # fmt: skip
    signal = raise_(region, family=family)
    for summary, word in [
        ("Noor Bakker kreeg geen logeerplek.", "Noor"),
        ("Een kind geboren op 12 maart 2019 wacht.", "12 maart 2019"),
        ("Het gezin woont op Dorpsstraat 12 in Leiden.", "Dorpsstraat 12"),
        ("Postcode 2333 ZA 14.", "2333 ZA 14"),
        ("Bel 06-12345678 voor meer.", "06-12345678"),
    ]:
        with pytest.raises(Exception, match=word):
            actions.do_pass(region, [signal], summary=summary, families=1, systems=[],
                            acting_user=coordinator)  # fmt: skip
    assert not Passed.objects.exists() and Signal.objects.get().status == Status.NEW
    passed = actions.do_pass(region, [signal], summary="In 2019 en 2020 vaker gezien.", families=1,
                             systems=[], acting_user=coordinator)  # fmt: skip
    assert passed.summary == "In 2019 en 2020 vaker gezien."


# Names in the letters people in the Netherlands write them with (Latin, with accents), written
# with a capital as names are (the check reads only capitalised words as names, by design).
names = (
    st.text(
        alphabet=st.characters(whitelist_categories=["Lu", "Ll"], max_codepoint=0x17F),
        min_size=3,
        max_size=12,
    )
    .map(str.capitalize)
    .filter(lambda name: name[:1] != name[:1].lower())
)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(first=names, last=names)
def test_any_name_of_the_regions_children_is_caught(region, first, last):
    family = FamilyFactory(region=region)
    Child.objects.create(
        family=family, first_name=first, last_name=last, date_of_birth="2018-05-01"
    )
    found = identifying(region, [f"Vorige week wachtte {first} {last} drie uur op vervoer."])
    assert first in found or f"{first} {last}" in found or last in found
    Child.objects.filter(family=family).delete()
    family.delete()


def test_who_may_not_see_what(
    login, client, region, other_region, coordinator, member, steering, parent, national,
    other_coordinator,
):  # fmt: skip
    own = raise_(region, member, text="Wachtlijst voor de kinderthuiszorg.")
    other_parent = person(region, Role.PARENT, "andere-ouder@nik.test")
    FamilyFactory(region=region).portal_users.add(other_parent)
    raise_(region, other_parent, source=Source.PARENT, text="Mijn eigen zorgen.")
    where = f"/regions/{region.slug}/signals/"
    for user in (coordinator, member, steering):
        assert "Wachtlijst voor de kinderthuiszorg." in login(user).get(where).content.decode()
    assert login(other_coordinator).get(where).status_code == 404
    assert login(other_coordinator).get(f"{where}{own.pk}/").status_code == 404
    assert login(national).get(where).status_code == 403  # not the region's own signals
    assert login(parent).get(where).status_code == 404
    mine = login(parent).get("/signals/mine/").content.decode()
    assert "Mijn eigen zorgen." not in mine and "Wachtlijst" not in mine
    for user in (coordinator, member, steering, parent, other_coordinator):
        assert login(user).get("/national/signals/").status_code == 404
    assert Client().get("/national/signals/").status_code == 302  # to the login page
    # National sees only what was passed on: an unpassed signal is nowhere on its pages.
    assert "Wachtlijst" not in login(national).get("/national/signals/?state=all").content.decode()
    # A member may not pass on; a forged POST naming another region's signal does nothing.
    assert login(member).post(f"{where}pass/", {"signals": [own.pk]}).status_code == 403
    theirs = raise_(other_region, other_coordinator, text="Elders.")
    response = login(coordinator).post(
        f"{where}pass/", {"signals": [theirs.pk], "summary": "x", "families": "1"}
    )
    assert response.status_code == 400 and not Passed.objects.exists()
    assert AuditEvent.objects.filter(event="access.refused").exists()


def test_a_signal_linked_to_a_family_is_on_the_parents_access_overview_and_shown_only_through_the_door(
    login, region, family, casemanager, member, parent
):
    family.casemanager = casemanager
    family.save()
    response = login(casemanager).post(
        f"/regions/{region.slug}/signals/new/?family={family.pk}",
        {"kind": "bottleneck", "theme": "financing", "text": "PGB-aanvraag ligt al maanden stil."},
    )
    signal = Signal.objects.get()
    assert response.status_code == 302 and signal.family == family
    # A member who may not see this family reads the signal without the family.
    page = login(member).get(f"/regions/{region.slug}/signals/{signal.pk}/").content.decode()
    assert family.name not in page and "gekoppeld aan een gezin" in page
    # A forged ?family= of a family the user may not see: 404, nothing saved.
    other = FamilyFactory(region=region)
    response = login(member).post(
        f"/regions/{region.slug}/signals/new/?family={other.pk}",
        {"kind": "bottleneck", "theme": "financing", "text": "x"},
    )
    assert response.status_code == 404 and Signal.objects.count() == 1
    overview = login(parent).get(f"/families/{family.pk}/access-log/").content.decode()
    assert "Een probleem van jullie gezin genoteerd" in overview


def test_two_regions_reports_come_together_under_one_issue_and_issues_merge(
    region, other_region, coordinator, other_coordinator, national
):
    one = actions.do_pass(region, [raise_(region)], summary="Te weinig logeerplekken.",
                          families=7, systems=[], acting_user=coordinator)  # fmt: skip
    two = actions.do_pass(other_region, [raise_(other_region)], summary="Geen logeerhuis in de buurt.",
                          families=2, systems=[], acting_user=other_coordinator)  # fmt: skip
    issue = actions.do_take_up(one, issue=None, title="Logeren", acting_user=national)
    other_issue = actions.do_take_up(two, issue=None, title="Logeerhuizen", acting_user=national)
    actions.do_merge_issues(other_issue, issue, acting_user=national)
    assert set(issue.reports.values_list("region__slug", flat=True)) == {
        region.slug,
        other_region.slug,
    }
    assert not NationalIssue.objects.filter(pk=other_issue.pk).exists()


def test_a_signal_is_raised_from_a_question_a_declined_referral_and_a_case(
    login, region, coordinator, family
):
    from nik.families.models import Inquiry, Referral

    inquiry = Inquiry.objects.create(region=region, family=family, topic="respite", name="Ouder",
                                     question="Waar kunnen we logeren?")  # fmt: skip
    desk = login(coordinator)
    page = desk.get(f"/regions/{region.slug}/inquiries/{inquiry.pk}/").content.decode()
    assert f"signals/new/?from=inquiry&amp;inquiry={inquiry.pk}" in page
    desk.post(f"/regions/{region.slug}/signals/new/?from=inquiry&inquiry={inquiry.pk}",
              {"kind": "bottleneck", "theme": "respite", "text": "Geen logeerhuis."})  # fmt: skip
    signal = Signal.objects.get()
    assert (signal.source, signal.family) == ("inquiry", family)
    referral = Referral.objects.create(region=region, family=family, source="gp",
                                       status="declined", decline_reason="region",
                                       consent_to_share=True)  # fmt: skip
    page = desk.get(f"/regions/{region.slug}/referrals/{referral.pk}/").content.decode()
    assert f"from=referral&amp;referral={referral.pk}" in page
    # Another region's question named in the address: not found, nothing saved.
    other = Inquiry.objects.create(region=RegionFactory(), topic="respite", name="X", question="?")
    response = desk.post(f"/regions/{region.slug}/signals/new/?from=inquiry&inquiry={other.pk}",
                         {"kind": "bottleneck", "theme": "respite", "text": "x"})  # fmt: skip
    assert response.status_code == 404 and Signal.objects.count() == 1


def test_the_twice_yearly_report_counts_per_theme_and_region_without_a_small_number(
    login, region, other_region, coordinator, other_coordinator, national
):
    import io

    import openpyxl
    from django.utils import timezone
    from pypdf import PdfReader

    one = actions.do_pass(region, [raise_(region)], summary="Te weinig logeerplekken.",
                          families=12, systems=[], acting_user=coordinator)  # fmt: skip
    actions.do_pass(other_region, [raise_(other_region)], summary="Geen logeerhuis dichtbij.",
                    families=2, systems=[], acting_user=other_coordinator)  # fmt: skip
    issue = actions.do_take_up(
        one, issue=None, title="Logeren met medische zorg", acting_user=national
    )
    actions.do_add_action(issue, description="Brief aan VWS", status="underway",
                          on=timezone.localdate(), acting_user=national)  # fmt: skip
    today = timezone.localdate()
    half = f"{today.year}-h{1 if today.month <= 6 else 2}"
    client = login(national)
    pdf = client.get(f"/national/signals/report/{half}.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Logeren met medische zorg" in text and "Brief aan VWS" in text
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/national/signals/report/{half}.xlsx").content)
    )
    rows = list(book["Gezinnen per thema"].iter_rows(values_only=True))
    respite = next(r for r in rows if r[0] == "even rust (respijtzorg)")
    # 2 families is hidden, and 12 with it: the theme's total (14) would give the 2 away.
    assert 2 not in respite and 12 not in respite and respite[-1] == 14
    assert login(coordinator).get(f"/national/signals/report/{half}.pdf").status_code == 404


def test_the_signal_lists_keep_their_query_count(login, region, coordinator, national):
    from tests.queries import queries_of

    def more(n: int) -> None:
        for k in range(n):
            signal = raise_(region, text=f"Nummer {k}.")
            if k % 2:
                actions.do_pass(region, [signal], summary=f"Melding {k}.", families=6, systems=[],
                                acting_user=coordinator)  # fmt: skip

    more(2)
    desk = login(coordinator)
    where = f"/regions/{region.slug}/signals/"
    desk.get(where)
    few = queries_of(lambda: desk.get(where))
    more(6)
    assert queries_of(lambda: desk.get(where)) == few
    centre = login(national)
    queue = "/national/signals/?state=all"
    centre.get(queue)
    few = queries_of(lambda: centre.get(queue))
    more(6)
    assert queries_of(lambda: centre.get(queue)) == few


def test_a_signal_passed_on_meanwhile_is_not_discussed_back_open(login, region, coordinator):
    signal = raise_(region)
    desk = login(coordinator)
    where = f"/regions/{region.slug}/signals/{signal.pk}/"
    desk.get(where)  # the coordinator opens the page …
    actions.do_pass(region, [signal], summary="Doorgegeven.", families=5, systems=[],
                    acting_user=coordinator)  # fmt: skip
    # … and saves a conclusion from the page as it was: the signal stays passed on.
    response = desk.post(where, {"version": "1", "region_note": "Te laat."})
    assert response.status_code in (400, 404)
    assert Signal.objects.get().status == Status.PASSED
    with pytest.raises(Exception, match="al doorgegeven of afgesloten"):
        actions.do_discuss(signal, seen=1, region_note="x", acting_user=coordinator)
