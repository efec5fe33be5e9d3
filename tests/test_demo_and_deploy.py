"""`nik demo` data, and production settings that refuse demo accounts."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import transaction

from nik.core import checks
from nik.core.models import DisciplineCode, Organization, Professional, Region, Role, User
from nik.home import demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_data() -> list[demo.DemoAccount]:
    return demo.load()


def test_demo_has_all_seven_regions_and_a_big_first_network(demo_data):
    assert Region.objects.count() == 7
    hr = Region.objects.get(slug="holland-rijnland")
    assert "LUMC" in hr.hospital
    assert Organization.objects.filter(region=hr).count() == 40
    # 120 in the register, plus the profiles of the demo case manager, member and outsider.
    assert Professional.objects.filter(region=hr).count() == 123
    covered = set(
        Professional.objects.filter(region=hr).values_list("disciplines__code", flat=True)
    )
    # A planted white spot: nobody for school support in the first network.
    assert set(DisciplineCode.values) - covered == {DisciplineCode.SCHOOL_SUPPORT_CONSULTANT}
    for region in Region.objects.exclude(pk=hr.pk):
        assert 0 < region.organizations.count() < 40


def test_the_first_network_has_a_full_photo(demo_data):
    from nik.network import gaps, graph
    from nik.network.models import ProblemStatement, StakeholderAssessment

    hr = Region.objects.get(slug="holland-rijnland")
    report = gaps.analyse(hr)
    # The register has no children's hospice or school support organisation, but the region's
    # wegwijzer lists respite houses and school support: those are no white spots (issue 14).
    registered = set(hr.organizations.values_list("kind", flat=True))
    assert not {"hospice", "school_support"} & registered
    assert not {"hospice", "school_support"} & set(report.missing_kinds)
    assert report.white_spots
    dates = set(
        StakeholderAssessment.objects.filter(region=hr).values_list("assessed_on", flat=True)
    )
    assert len(dates) == 2
    assert ProblemStatement.objects.get(region=hr).parents_took_part()
    assert hr.target_groups.count() == 2
    assert graph.region_graph(hr).isolated


def test_the_first_network_shows_every_roadmap_page_filled(demo_data):
    from django.utils import timezone

    from nik.roadmap.models import Agreement, Event, Milestone, PlanOfApproach, Proposal

    hr = Region.objects.get(slug="holland-rijnland")
    approved = PlanOfApproach.objects.get(region=hr, status="approved")
    assert approved.number == 2
    agreement = Agreement.objects.get(region=hr)
    parties = list(agreement.parties.all())
    assert len(parties) == 10
    assert all(p.contact_person and p.ambassador for p in parties)
    assert all(p.contact_person.organization_id == p.organization_id for p in parties)
    assert len(agreement.routing_steps()) >= 5 and agreement.reviews.exists()
    assert agreement.review_is_due()  # shows on the coordinator's start page
    milestones = list(Milestone.objects.filter(region=hr))
    assert len(milestones) == 15
    assert sum(m.is_overdue() for m in milestones) == 2
    assert Event.objects.filter(region=hr, kind="kick_off", starts_at__lt=timezone.now()).exists()
    adopted = Proposal.objects.filter(region=hr, status="adopted")
    assert adopted.filter(agreement_changes__isnull=False).exists()
    assert adopted.filter(plan=approved).exists()
    assert Proposal.objects.filter(region=hr, status="open").exists()


def test_every_demo_family_in_care_has_a_plan_and_every_plan_clock_is_seen(demo_data):
    from django.utils import timezone

    from nik.careplans.models import CarePlan, PlanClock, plan_clock
    from nik.families.models import Family

    in_care = Family.objects.filter(stage__in=["in_care", "aftercare"])
    assert in_care.count() >= 10
    assert CarePlan.objects.filter(family__in=in_care).count() == in_care.count()
    today = timezone.localdate()
    clocks = [
        plan_clock(p.family, p.published(), p.family.child.diagnosed_on, today)
        for p in CarePlan.objects.filter(family__in=in_care).select_related("family__child")
    ]
    late = [c for c in clocks if c == PlanClock.LATE]
    assert 0 < len(late) < in_care.count()
    # Of the clocks a family with a plan can have, the demo shows each (the start page of its
    # case managers draws them all; the plan clock "not yet discussed" once broke it).
    assert set(clocks) == set(PlanClock) - {PlanClock.MISSING, PlanClock.MISSING_LATE}


def test_the_demo_wegwijzer_has_150_services_some_stale(demo_data):
    from nik.directory.actions import stale_services
    from nik.directory.models import Service
    from nik.directory.selectors import find

    assert Service.objects.count() >= 150
    assert Service.objects.values("region").distinct().count() == 8  # seven regions and national
    assert 0 < stale_services().count() < 30
    near_leiden, *_ = find({"category": "respite", "age": 6, "near": "Leiden"}, None)
    assert near_leiden[0].city == "Leiden"


def test_the_first_network_learns_together_from_twelve_cases(demo_data):
    """Issue 15's demo: forms with a year of meetings, 12 case discussions (3 linked to a family
    with consent, none with a name of a family in its text), lessons on their way to policy."""
    from nik.casework.models import CaseDiscussion, FormKind, LearningForm
    from nik.families.anonymity import identifiers
    from nik.families.models import Consent
    from nik.roadmap.models import AgreementChange

    hr = Region.objects.get(slug="holland-rijnland")
    kinds = set(LearningForm.objects.filter(region=hr).values_list("kind", flat=True))
    assert kinds == set(FormKind.values)
    assert LearningForm.objects.get(region=hr, kind=FormKind.MDO).meetings.count() == 14
    cases = CaseDiscussion.objects.filter(region=hr)
    assert cases.count() == 12
    linked = cases.filter(family__isnull=False)
    assert linked.count() == 3
    assert all(Consent.objects.active().filter(family=c.family).exists() for c in linked)
    for case in cases:
        assert identifiers(hr, [getattr(case, f) for f in case.TEXT_FIELDS]) == []
    assert AgreementChange.objects.filter(proposal__lessons__discussion__region=hr).exists()
    for region in Region.objects.exclude(pk=hr.pk):
        assert region.learning_forms.count() == 1


def test_the_first_network_has_its_indicators_computed(demo_data):
    """Issue 16's demo: values from the records for every region, and in Holland Rijnland every
    indicator has a figure (the survey ones from 30 families' and 60 professionals' answers, the
    time to a first answer from two years of answered questions), and the network's own indicators
    of step 3 are measured."""
    from nik.monitoring.formulas import FORMULAS
    from nik.monitoring.models import IndicatorValue

    hr = Region.objects.get(slug="holland-rijnland")
    filled = set(
        IndicatorValue.objects.filter(region=hr, value__isnull=False).values_list("key", flat=True)
    )
    assert {f.key for f in FORMULAS} - filled == set()
    own = {key for key in filled if key.startswith("own-")}
    assert len(own) == 1  # the night line's figures, typed in; the others read a building block
    from nik.monitoring.models import Response

    assert Response.objects.filter(region=hr, instrument="families").count() == 30
    assert Response.objects.filter(region=hr, instrument="professionals").count() == 60
    assert IndicatorValue.objects.values("region").distinct().count() == 7
    from nik.monitoring.models import OmkRound

    assert OmkRound.objects.filter(region=hr, closed_on__isnull=False).count() == 2


def test_demo_accounts_follow_the_naming_rule(demo_data):
    user = User.objects.get(email="coordinator@holland-rijnland.example")
    assert user.check_password(demo.DEMO_PASSWORD)
    assert user.memberships.get().role == Role.COORDINATOR
    national = User.objects.get(email="national@nik.example")
    assert national.memberships.filter(role=Role.NATIONAL).count() == 7
    assert User.objects.get(email="admin@nik.example").is_superuser
    assert all(u.is_demo for u in User.objects.all())


def test_demo_data_is_deterministic():
    def snapshot() -> list[tuple[str, str]]:
        return sorted(Professional.objects.values_list("full_name", "organization__name"))

    class Rollback(Exception):
        pass

    with pytest.raises(Rollback), transaction.atomic():
        demo.load()
        first = snapshot()
        raise Rollback
    assert not Professional.objects.exists()
    demo.load()
    assert snapshot() == first


def test_demo_command_loads_once_and_prints_the_accounts(capsys):
    call_command("demo", no_serve=True)
    call_command("demo", no_serve=True)
    out = capsys.readouterr().out
    assert "Demo data is already loaded." in out
    assert "coordinator@holland-rijnland.example" in out
    assert demo.DEMO_PASSWORD in out
    assert Region.objects.count() == 7


def test_production_refuses_demo_accounts(demo_data, settings):
    settings.DEBUG = False
    settings.DEMO = False
    with pytest.raises(ImproperlyConfigured):
        checks.refuse_demo_accounts_in_production()
    assert [m.id for m in checks.demo_accounts_check()] == ["nik.E001"]
    settings.DEMO = True
    checks.refuse_demo_accounts_in_production()
    assert checks.demo_accounts_check() == []


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "NIK_DEBUG": "false",
        "NIK_DEMO": "false",
        "NIK_SECRET_KEY": "x" * 20 + "-production-secret-key-that-is-long-and-random-9f8e7d",
        "NIK_ALLOWED_HOSTS": "nik.example.org",
        "NIK_DATA_DIR": str(tmp_path),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-m", "nik", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_no_demo_meeting_falls_on_a_weekend_or_public_holiday(demo_data):
    """Network meetings, learning-together meetings, training sessions, mirror conversations and
    agreement reviews are held on working days (issue 30: they fell on Saturdays and Sundays)."""
    from django.utils import timezone

    from nik.casework.models import MirrorConversation
    from nik.core.calendar import is_working_day
    from nik.learning.models import Session
    from nik.roadmap.models import AgreementReview, Event

    days = {
        "meeting": [timezone.localdate(e.starts_at) for e in Event.objects.all()],
        "session": [timezone.localdate(s.starts_at) for s in Session.objects.all()],
        "mirror": list(MirrorConversation.objects.values_list("held_on", flat=True)),
        "review": list(AgreementReview.objects.values_list("held_on", flat=True)),
    }
    assert all(days.values())  # each kind is in the demo
    off = {kind: [d for d in found if not is_working_day(d)] for kind, found in days.items()}
    assert off == {kind: [] for kind in days}
