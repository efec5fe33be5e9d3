"""What a coordinator sets for the region's monitoring: how the network's own indicators (step 3
of the roadmap) are measured, and how often a family may be asked for a survey."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nik.core import access
from nik.core.auth import AuthedRequest
from nik.roadmap.models import Indicator

from . import actions
from .forms import MeasureForm, SettingsForm
from .models import Measure, Settings


@login_required
@require_GET
def setup(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, purpose="monitoring setup")
    indicators = list(Indicator.objects.filter(region=region).select_related("measure"))
    rows = [
        (
            indicator,
            MeasureForm(
                instance=getattr(indicator, "measure", None) or Measure(indicator=indicator),
                prefix=f"m{indicator.pk}",
            ),
        )
        for indicator in indicators
    ]
    return render(
        request,
        "monitoring/setup.html",
        {
            "region": region,
            "rows": rows,
            "settings_form": SettingsForm(instance=Settings.of(region)),
        },
    )


@login_required
@require_POST
def measure(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, purpose="monitoring setup")
    # Opened within the region: an indicator of another region named in the URL is not found.
    indicator = get_object_or_404(Indicator, pk=pk, region=region)
    form = MeasureForm(
        request.POST,
        instance=getattr(indicator, "measure", None) or Measure(indicator=indicator),
        prefix=f"m{indicator.pk}",
    )
    if form.is_valid():
        actions.do_measure(indicator, acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("Saved: “%(name)s” is measured this way from now on.") % {
            "name": indicator.name
        })  # fmt: skip
    else:
        messages.error(request, _("Choose how the figure is found, and a target as a number."))
    return redirect("monitoring:setup", slug=slug)


@login_required
@require_POST
def settings(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, purpose="monitoring setup")
    form = SettingsForm(request.POST, instance=Settings.of(region))
    if form.is_valid():
        actions.do_settings(region, acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("The survey settings are saved."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("monitoring:setup", slug=slug)
