"""The parents' own plan as a PDF: plain words (B1), what they need at home, never the
professional headings ("proactieve zorgplanning", "hoofdbehandelaar") of the printed IZP.

The acute section takes whom to call from the same source as the family page's box
(`families.selectors.night_line`), so the paper and the screen say the same."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from nik.core.auth import AuthedRequest
from nik.core.models import AuditAction
from nik.families import access as family_access
from nik.families.models import Child
from nik.families.selectors import night_line

from . import actions
from .models import CarePlanVersion
from .views import _service_names, _todo


@login_required
@require_GET
def plan_pdf_for_parents(request: AuthedRequest, pk: int, number: int) -> HttpResponse:
    """A published version of the plan as parents read it, to print or keep. Whoever may read
    the plan may print it (a case manager prints it for the parents too); drafts are not theirs."""
    from weasyprint import HTML

    family = family_access.open_family(
        request.user, pk, AuditAction.VIEW, purpose="print care plan", scope="care_plan"
    )
    version = (
        CarePlanVersion.objects.filter(
            plan__family=family, number=number, published_at__isnull=False
        )
        .select_related("plan")
        .first()
    )
    if version is None:
        raise Http404
    plan = version.data.name_services(_service_names(version))
    team = list(family.team.select_related("professional", "professional__organization"))
    availability = list(family.availability.all())
    html = render_to_string(
        "careplans/parents_plan_pdf.html",
        {
            "family": family,
            "child": Child.objects.filter(family=family).first(),
            "version": version,
            "plan": plan,
            "todo": _todo(version),
            "team": team,
            "night": night_line(family, availability, team),
            "printed": timezone.localtime(),
        },
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    actions.do_print_plan(version, family=family, acting_user=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="ons-plan-{family.pk}-v{version.number}.pdf"'
    )
    return response
