"""The steering group's quarterly report (issue 16): PDF and .xlsx read back, the small-number rule
kept whoever downloads it, and e-mailed to the steering members once per quarter."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from nik.families.factories import FamilyFactory
from nik.families.models import Referral, StageChange
from nik.monitoring.actions import do_recompute, do_send_quarterly_report
from nik.monitoring.periods import Period
from nik.roadmap.models import Proposal

pytestmark = pytest.mark.django_db

ZONE = timezone.get_current_timezone()
Q3_2026 = Period("quarter", date(2026, 7, 1))
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=ZONE)


@pytest.fixture
def records(region):
    for day in (3, 4, 5):
        family = FamilyFactory(region=region)
        received = datetime(2026, 8, day, 10, tzinfo=ZONE)
        Referral.objects.create(
            region=region, family=family, source="gp", received_at=received,
            first_contact_at=received + timezone.timedelta(hours=5), consent_to_share=True,
        )  # fmt: skip
        StageChange.objects.create(family=family, stage="in_care", at=received)
    Proposal.objects.create(
        region=region, title="Respijt in elk plan", lesson="l", proposal="p",
        created_at=datetime(2026, 8, 10, 10, tzinfo=ZONE),
    )  # fmt: skip
    do_recompute([region], now=NOW)


def test_the_pdf_has_a_summary_page_first_and_keeps_small_numbers_hidden_for_everyone(
    client, login, region, coordinator, records
):
    response = login(coordinator).get(f"/regions/{region.slug}/monitoring/report/2026-q3.pdf")
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    first = pages[0].extract_text()
    assert "Kwartaalrapport K3 2026" in first and "NIK Holland Rijnland" in first
    assert "Respijt" not in first and "1 voorstel wacht op de stuurgroep." in first
    text = " ".join(page.extract_text() for page in pages)
    assert "Respijt in elk plan" in text
    assert "te weinig om te tonen" in text  # three referrals: not shown, even to the coordinator
    assert "100%" not in text.split("Eerste contact binnen twee werkdagen")[1].split("\n")[0]


def test_the_xlsx_reads_back_with_the_same_figures(client, login, region, steering, records):
    response = login(steering).get(f"/regions/{region.slug}/monitoring/report/2026-q3.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Prestatie-indicatoren",
        "Kinderen en verwijzingen",
        "Vragenlijsten",
        "Naast elkaar",
        "Zelfevaluatie",
        "Open voorstellen",
        "Mijlpalen",
    ]
    rows = list(book["Prestatie-indicatoren"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Indicator", "Streefwaarde", "K4 2025")
    children = next(r for r in rows if r[0] == "Kinderen in het netwerk")
    assert children[-1] == "< 5"
    # Three children, all referred by a GP: the breakdown hides them too.
    parts = list(book["Kinderen en verwijzingen"].iter_rows(values_only=True))[1:]
    assert ("Kinderen in het netwerk", "Per verwijzer", "huisarts", "×") in parts
    assert all(n == "×" or n == 0 or n >= 5 for *_l, n in parts)
    assert [r[0] for r in book["Open voorstellen"].iter_rows(values_only=True)][1:] == [
        "Respijt in elk plan"
    ]


def test_only_coordinators_and_steering_download_and_nonsense_is_404(
    client, login, region, member, coordinator
):
    assert (
        login(member).get(f"/regions/{region.slug}/monitoring/report/2026-q3.pdf").status_code
        == 403
    )
    client = login(coordinator)
    assert client.get(f"/regions/{region.slug}/monitoring/report/2026-q5.pdf").status_code == 404
    assert client.get(f"/regions/{region.slug}/monitoring/report/2026-q3.exe").status_code == 404


def test_the_report_is_e_mailed_to_the_steering_group_once(
    region, steering, records, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert do_send_quarterly_report(region, Q3_2026) == 1
        assert do_send_quarterly_report(region, Q3_2026) == 0
    (message,) = mail.outbox
    assert message.to == [steering.email]
    (pdf_name, pdf, pdf_type), (xlsx_name, xlsx, _t) = message.attachments
    assert pdf_name.endswith("2026-q3.pdf") and pdf_type == "application/pdf"
    assert pdf.startswith(b"%PDF") and xlsx[:2] == b"PK"


def test_the_report_sets_families_and_professionals_side_by_side(login, region, coordinator):
    from nik.monitoring.models import Response

    for mark in (8, 9, 7, 8, 5):  # four of five families give 7 or more: 80%
        Response.objects.create(region=region, instrument="families", version=1,
                                submitted_on=date(2026, 8, 1),
                                answers={"overall": mark, "fit": mark, "whom_to_call": "no"})  # fmt: skip
    for agree in (5, 4, 4, 4, 4, 2):  # five of six professionals agree: 83.3%
        Response.objects.create(region=region, instrument="professionals", version=1,
                                submitted_on=date(2026, 8, 2),
                                answers={"quality": agree, "coordinated": agree,
                                         "know_network": agree})  # fmt: skip
    response = login(coordinator).get(f"/regions/{region.slug}/monitoring/report/2026-q3.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    side = text.split("Gezinnen en professionals naast elkaar")[1]
    assert "Goede zorg 80% 83,3% +3,3 punten" in side
    # Nobody of the families knows whom to call at night, all but one professional knows whom to
    # ask: the difference is named as the place to start.
    assert "Weten wie je belt 0% 83,3% +83,3 punten · bespreek dit" in side
    book = openpyxl.load_workbook(
        io.BytesIO(
            login(coordinator).get(f"/regions/{region.slug}/monitoring/report/2026-q3.xlsx").content
        )
    )
    sides = list(book["Naast elkaar"].iter_rows(values_only=True))
    assert ("Goede zorg", 80.0, 83.3, 3.3) in sides


def test_a_quarters_report_lists_only_the_proposals_waiting_at_its_end(login, region, coordinator):
    def proposal(title, made, **extra):
        Proposal.objects.create(
            region=region, title=title, lesson="l", proposal="p",
            created_at=datetime(*made, 10, tzinfo=ZONE), **extra,
        )  # fmt: skip

    proposal("Van augustus, nog open", (2026, 8, 4))
    proposal("Van augustus, in oktober besproken", (2026, 8, 5), status="discussed",
             discussed_on=date(2026, 10, 6))  # fmt: skip
    proposal("Van juli, in september besproken", (2026, 7, 5), status="discussed",
             discussed_on=date(2026, 9, 6))  # fmt: skip
    proposal("Van december", (2026, 12, 1))
    response = login(coordinator).get(f"/regions/{region.slug}/monitoring/report/2026-q3.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    listed = [r[0] for r in book["Open voorstellen"].iter_rows(values_only=True)][1:]
    assert listed == ["Van augustus, in oktober besproken", "Van augustus, nog open"]


def test_every_row_of_the_pdf_keeps_its_label_on_the_page_of_its_values(login, region, coordinator):
    from nik.monitoring.actions import do_type_value
    from nik.monitoring.models import Measure
    from nik.roadmap.models import Indicator

    # Enough of the region's own indicators, with long names and sources, to run the table of
    # quarters over a page: a row cut at the page's end left "— 31 38 44" without its label.
    for n in range(40):
        indicator = Indicator.objects.create(
            region=region, name=f"Eigen indicator nummer {n} met een lange naam die doorloopt",
            definition="d", unit="aantal", target="", source="telefoonrapport",
        )  # fmt: skip
        Measure.objects.create(indicator=indicator, formula="")
        do_type_value(
            region, key=f"own-{indicator.pk}", period_start=date(2026, 8, 1), value=700 + n,
            source=f"Telefoonrapport van de nachtlijn, kwartaal drie, deel {n}",
            acting_user=coordinator,
        )  # fmt: skip
    pdf = login(coordinator).get(f"/regions/{region.slug}/monitoring/report/2026-q3.pdf")
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.content)).pages]
    # The table of quarters, after the summary (which names them too, with the latest value).
    first = next(i for i, text in enumerate(pages) if "Elke indicator per kwartaal" in text)
    table = [i for i in range(first, len(pages)) if "Eigen indicator nummer" in pages[i]]
    assert len(table) >= 2  # the table runs over a page
    for n in range(40):
        (named,) = [i for i in table if f"nummer {n} met" in pages[i]]
        assert f"{700 + n}" in pages[named], f"row {n}: its values are not on its label's page"
