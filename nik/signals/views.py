"""Signals in a region (raise, read, discuss, pass on), on a parent's family page ("Loop je ergens
tegenaan?"), and on the public site without an account."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from nik.core import access as core_access
from nik.core.auth import AuthedRequest
from nik.core.concurrency import save_or_explain
from nik.core.models import Region
from nik.families import access as door

from . import actions
from .access import open_region_for_signals, parent_regions
from .forms import (
    DiscussForm,
    ParentSignalForm,
    PassForm,
    PublicSignalForm,
    SignalForm,
    SteeringForm,
)
from .models import Signal, Source, Status

FROM = {  # ?from=… on the "raise" page: where the signal comes from
    "case": Source.CASE,
    "mirror": Source.MIRROR,
    "inquiry": Source.INQUIRY,
    "referral": Source.REFERRAL,
}


@login_required
@require_GET
def signal_list(request: AuthedRequest, slug: str) -> HttpResponse:
    region = open_region_for_signals(request.user, slug)
    status = request.GET.get("status", "")
    signals = Signal.objects.filter(region=region).select_related("passed")
    if status in Status.values:
        signals = signals.filter(status=status)
    shown = list(signals[:200])
    return render(
        request,
        "signals/list.html",
        {
            "region": region,
            "signals": shown,
            "status": status,
            "statuses": Status.choices,
            "coordinator": core_access.is_coordinator(request.user, region),
        },
    )


def _family(request: AuthedRequest, region: Region) -> Any:
    """The family a signal is raised about (?family=, ?inquiry=, ?referral=), opened through the
    door on GET and POST alike; None when the signal is about no family."""
    family: Any
    if family_id := request.GET.get("family"):
        family = door.open_family(request.user, family_id, purpose="signal form")
    elif inquiry_id := request.GET.get("inquiry"):
        inquiry = get_object_or_404(region.inquiries, pk=inquiry_id)
        family = (
            door.open_family(request.user, inquiry.family_id, purpose="signal form")
            if inquiry.family_id
            else None
        )
    elif referral_id := request.GET.get("referral"):
        referral = get_object_or_404(region.referrals, pk=referral_id)
        family = door.open_family(request.user, referral.family_id, purpose="signal form")
    else:
        return None
    if family is not None and family.region_id != region.pk:
        raise Http404
    return family


@login_required
@require_http_methods(["GET", "POST"])
def signal_new(request: AuthedRequest, slug: str) -> HttpResponse:
    region = open_region_for_signals(request.user, slug, "raise a signal")
    family = _family(request, region)
    coordinator = core_access.is_coordinator(request.user, region)
    source = FROM.get(request.GET.get("from", ""))
    if source is None:
        source = Source.COORDINATOR if coordinator else Source.PROFESSIONAL
    form = SignalForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        signal = form.save(commit=False)
        signal.region, signal.source, signal.family = region, source, family
        actions.do_raise(signal, acting_user=request.user)
        messages.success(request, _("Thank you: the signal is in. The coordinator discusses it."))
        return redirect("signals:detail", slug=slug, pk=signal.pk)
    return render(
        request,
        "signals/new.html",
        {"region": region, "form": form, "family": family, "source": source},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def signal_detail(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region = open_region_for_signals(request.user, slug, "signal")
    signal = get_object_or_404(Signal.objects.select_related("passed__issue"), pk=pk, region=region)
    coordinator = core_access.is_coordinator(request.user, region)
    steering = core_access.is_steering(request.user, region)
    discuss = steer = None
    if coordinator and signal.status in actions.OPEN:
        discuss = DiscussForm(
            request.POST if "region_note" in request.POST else None,
            region=region,
            initial={"version": signal.version, "region_note": signal.region_note},
        )
    if steering:
        steer = SteeringForm(
            request.POST if "steering_view" in request.POST else None,
            region=region,
            initial={"version": signal.version, "steering_view": signal.steering_view},
        )
    if request.method == "POST":
        if discuss is not None and discuss.is_bound and discuss.is_valid():
            data = discuss.cleaned_data
            try:
                done = save_or_explain(
                    discuss,
                    lambda: actions.do_discuss(
                        signal, seen=data.get("version"), region_note=data["region_note"],
                        close=data["close"], acting_user=request.user,
                    ),
                )  # fmt: skip
            except ValidationError as error:  # passed on or closed by someone else meanwhile
                discuss.add_error(None, error)
                done = None
            if done is not None:
                messages.success(request, _("Saved."))
                return redirect("signals:detail", slug=slug, pk=pk)
        elif steer is not None and steer.is_bound and steer.is_valid():
            data = steer.cleaned_data
            done = save_or_explain(
                steer,
                lambda: actions.do_steering_view(
                    signal, seen=data.get("version"), view=data["steering_view"],
                    acting_user=request.user,
                ),
            )  # fmt: skip
            if done is not None:
                messages.success(request, _("Saved."))
                return redirect("signals:detail", slug=slug, pk=pk)
        elif discuss is None and steer is None:
            raise Http404
    # The family link, only for those the door lets see that family.
    family = (
        door.open_family(request.user, signal.family_id, purpose="signal view")
        if door.may_see_family(request.user, signal.family_id)
        else None
    )
    return render(
        request,
        "signals/detail.html",
        {
            "region": region,
            "signal": signal,
            "family": family,
            "linked": signal.family_id is not None,
            "discuss": discuss,
            "steer": steer,
            "coordinator": coordinator,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def signal_pass(request: AuthedRequest, slug: str) -> HttpResponse:
    """The coordinator passes open signals on one theme to the knowledge centre."""
    region = core_access.open_region_as_coordinator(request.user, slug, "pass signals")
    open_signals = Signal.objects.filter(region=region, status__in=actions.OPEN)
    initial = {"signals": request.GET.getlist("signal")}
    form = PassForm(request.POST or None, region=region, open_signals=open_signals, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_pass(
                region, list(data["signals"]), summary=data["summary"], families=data["families"],
                systems=data["systems"], acting_user=request.user,
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Passed on to the knowledge centre."))
            return redirect("signals:list", slug=slug)
    return render(
        request,
        "signals/pass.html",
        {"region": region, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# A parent's own signals ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def mine(request: AuthedRequest) -> HttpResponse:
    """A parent's signals with the answers, and the form to raise one ("Loop je ergens
    tegenaan?"). Only their own: nobody else's signal is ever on this page."""
    regions = parent_regions(request.user)
    if not regions:
        raise Http404
    form = ParentSignalForm(
        request.POST or None, region=regions[0], families=door.visible_families(request.user)
    )
    if request.method == "POST" and form.is_valid():
        signal = form.save(commit=False)
        signal.region, signal.source = regions[0], Source.PARENT
        actions.do_raise(signal, acting_user=request.user)
        messages.success(request, _("Thank you for telling us. You will find the answer here."))
        return redirect("signals:mine")
    own = (
        Signal.objects.filter(raised_by=request.user, source=Source.PARENT)
        .select_related("passed", "region")
        .order_by("-created_at")
    )
    return render(
        request,
        "signals/mine.html",
        {"form": form, "signals": list(own), "region": regions[0]},
        status=400 if request.method == "POST" else 200,
    )


# The public site -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def public(request: HttpRequest, slug: str) -> HttpResponse:
    """Anyone tells the network what they ran into, without an account."""
    from nik.families.models import Inquiry

    region = Region.objects.filter(slug=slug).first()
    if region is None:
        raise Http404
    form = PublicSignalForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("website"):
            return render(request, "signals/thanks.html", {"region": region})
        source_hash = Inquiry.hash_source(request.META.get("REMOTE_ADDR"))
        if actions.public_rate_limited(region, source_hash):
            form.add_error(None, _("We received several messages from you in the last hour. "
                                   "Please try again later, or call us."))  # fmt: skip
            return render(request, "signals/public.html", {"region": region, "form": form},
                          status=429)  # fmt: skip
        signal = form.save(commit=False)
        signal.region, signal.source, signal.source_hash = region, Source.PUBLIC, source_hash
        actions.do_raise(signal, acting_user=None)
        return render(request, "signals/thanks.html", {"region": region, "reply": signal.reply_to})
    return render(
        request,
        "signals/public.html",
        {"region": region, "form": form},
        status=400 if request.method == "POST" else 200,
    )
