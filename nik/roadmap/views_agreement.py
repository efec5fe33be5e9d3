"""Step 4 and step 10: the agreement (samenwerkingsovereenkomst) and the proposals that change it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nik.core import access
from nik.core.auth import AuthedRequest
from nik.core.concurrency import save_or_explain
from nik.core.models import Region

from . import actions
from .forms import (
    AgreementForm,
    DecisionForm,
    MilestoneForm,
    PartyForm,
    ProposalForm,
    ReviewForm,
    RoleForm,
)
from .models import (
    Agreement,
    AgreementParty,
    Milestone,
    ProjectRole,
    Proposal,
    ProposalStatus,
    StructurePart,
    add_months,
)


def adopted_proposal_from(request: HttpRequest, region: Region) -> Proposal | None:
    """An adopted proposal named in ?proposal= (or the form), that this change carries out."""
    pk = request.GET.get("proposal") or request.POST.get("proposal")
    if not pk or not str(pk).isdigit():
        return None
    return Proposal.objects.filter(region=region, pk=pk, status=ProposalStatus.ADOPTED).first()


@login_required
@require_http_methods(["GET", "POST"])
def agreement_page(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region(request.user, slug, purpose="agreement")
    can_edit = access.can_edit_region(request.user, region)
    agreement = Agreement.objects.filter(region=region).first() or Agreement(region=region)
    review_form = ReviewForm(request.POST or None, region=region) if can_edit else None
    role_form = RoleForm(region=region) if can_edit else None
    if request.method == "POST":
        region = access.open_region_for_edit(request.user, slug, purpose="agreement review")
        if review_form is not None and review_form.is_valid():
            agreement = actions.do_open_agreement(region, acting_user=request.user)
            data = review_form.cleaned_data
            next_review = data["next_review"] or add_months(
                data["held_on"], agreement.review_months
            )
            try:
                actions.do_record_review(
                    agreement,
                    held_on=data["held_on"],
                    level=data["level"],
                    outcome=data["outcome"],
                    next_review=next_review,
                    acting_user=request.user,
                )
            except ValidationError as error:
                review_form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The review is saved. The next one is on %(day)s.")
                    % {"day": date_format(next_review, "j F Y")},
                )
                return redirect("roadmap:agreement", slug=region.slug)
    stored = agreement.pk is not None
    parties = (
        list(agreement.parties.select_related("organization", "contact_person", "ambassador"))
        if stored
        else []
    )
    totals = {
        "hours": sum(p.hours_per_month for p in parties),
        "money": sum(p.money for p in parties),
    }
    roles = (
        list(agreement.structure.select_related("person", "person__organization")) if stored else []
    )
    structure = [
        (label, [r for r in roles if r.part == value]) for value, label in StructurePart.choices
    ]
    return render(
        request,
        "roadmap/agreement.html",
        {
            "region": region,
            "agreement": agreement,
            "can_edit": can_edit,
            "parties": parties,
            "totals": totals,
            "structure": structure,
            "reviews": agreement.reviews.select_related("by") if stored else [],
            "changes": agreement.changes.select_related("proposal", "by")[:50] if stored else [],
            "review_due": agreement.review_is_due(),
            "review_late": agreement.next_review is not None
            and agreement.next_review < timezone.localdate(),
            "review_form": review_form,
            "role_form": role_form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_for_edit(request.user, slug, purpose="agreement")
    agreement = Agreement.objects.filter(region=region).first() or Agreement(region=region)
    proposal = adopted_proposal_from(request, region)
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        saved = save_or_explain(
            form,
            lambda: actions.do_save_agreement(
                form.save(commit=False),
                acting_user=request.user,
                seen_version=form.seen_version(),
                fields=list(form.Meta.fields),
                proposal=proposal,
            ),
        )
        if saved:
            messages.success(request, _("The agreement is saved."))
            return redirect("roadmap:agreement", slug=region.slug)
    return render(
        request,
        "roadmap/agreement_form.html",
        {
            "region": region,
            "form": form,
            "proposal": proposal,
            "title": _("Edit the agreement"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def party_edit(request: AuthedRequest, slug: str, pk: int | None = None) -> HttpResponse:
    region = access.open_region_for_edit(request.user, slug, purpose="agreement")
    # The agreement is made by the first POST that writes to it, never by opening the form.
    agreement = (
        actions.do_open_agreement(region, acting_user=request.user)
        if request.method == "POST"
        else Agreement.objects.filter(region=region).first() or Agreement(region=region)
    )
    if pk is None:
        party = AgreementParty(agreement=agreement)
    else:
        found = AgreementParty.objects.filter(agreement=agreement, pk=pk).first()
        if found is None:
            raise Http404
        party = found
    proposal = adopted_proposal_from(request, region)
    form = PartyForm(request.POST or None, instance=party, region=region)
    if request.method == "POST":
        if request.POST.get("remove") and party.pk:
            actions.do_remove_party(party, acting_user=request.user)
            messages.success(request, _("The organisation is removed from the agreement."))
            return redirect("roadmap:agreement", slug=region.slug)
        if form.is_valid():
            saved = save_or_explain(
                form,
                lambda: actions.do_save_party(
                    form.save(commit=False),
                    acting_user=request.user,
                    seen_version=form.seen_version(),
                    proposal=proposal,
                ),
            )
            if saved:
                messages.success(request, _("The organisation's commitment is saved."))
                return redirect("roadmap:agreement", slug=region.slug)
    return render(
        request,
        "roadmap/agreement_form.html",
        {
            "region": region,
            "form": form,
            "proposal": proposal,
            "party": party,
            "title": str(party.organization) if party.pk else _("Add an organisation"),
        },
    )


@login_required
@require_POST
def structure_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_for_edit(request.user, slug, purpose="agreement")
    agreement = actions.do_open_agreement(region, acting_user=request.user)
    if "remove" in request.POST:
        remove = request.POST["remove"]
        role = ProjectRole.objects.filter(
            agreement=agreement, pk=int(remove) if remove.isdigit() else 0
        ).first()
        if role is None:
            raise Http404
        actions.do_remove_role(role, acting_user=request.user)
        messages.success(request, _("The person is removed from the project structure."))
        return redirect("roadmap:agreement", slug=region.slug)
    form = RoleForm(request.POST, region=region)
    if form.is_valid():
        try:
            actions.do_add_role(agreement, acting_user=request.user, **form.cleaned_data)
        except ValidationError:
            messages.error(request, _("This person already has this place in the structure."))
        else:
            messages.success(request, _("The project structure is saved."))
    else:
        messages.error(request, _("Choose a part and a person."))
    return redirect("roadmap:agreement", slug=region.slug)


# Develop further ---------------------------------------------------------------------------


def _can_decide(user: Any, region: Any) -> bool:
    return access.is_steering(user, region) or access.can_edit_region(user, region)


@login_required
@require_http_methods(["GET", "POST"])
def proposals(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region(request.user, slug, purpose="proposals")
    can_edit = access.can_edit_region(request.user, region)
    form = ProposalForm(request.POST or None, region=region) if can_edit else None
    if request.GET.get("event") and form is not None and not form.is_bound:
        form.initial["event"] = request.GET["event"]
    if request.method == "POST":
        region = access.open_region_for_edit(request.user, slug, purpose="proposals")
        if form is not None and form.is_valid():
            proposal = form.save(commit=False)
            proposal.region = region
            actions.do_save_proposal(proposal, acting_user=request.user)
            messages.success(request, _("The proposal is saved for the steering group."))
            return redirect("roadmap:proposal", slug=region.slug, pk=proposal.pk)
    items = (
        Proposal.objects.filter(region=region)
        .select_related("event", "plan")
        .prefetch_related("milestones", "agreement_changes")
    )
    return render(
        request,
        "roadmap/proposals.html",
        {"region": region, "items": items, "form": form, "can_edit": can_edit},
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_detail(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region = access.open_region(request.user, slug, purpose="proposals")
    proposal = Proposal.objects.filter(region=region, pk=pk).select_related("event", "plan").first()
    if proposal is None:
        raise Http404
    can_edit = access.can_edit_region(request.user, region)
    can_decide = _can_decide(request.user, region) and proposal.status == ProposalStatus.OPEN
    decision_form = DecisionForm(
        request.POST if "outcome" in request.POST else None,
        initial={"discussed_on": timezone.localdate()},
        region=region,
    )
    adopted = proposal.status == ProposalStatus.ADOPTED
    milestone_form = None
    if can_edit and adopted:
        milestone_form = MilestoneForm(
            request.POST if "title" in request.POST else None,
            region=region,
            initial={"title": proposal.title, "result": proposal.proposal},
        )
    if request.method == "POST":
        if "outcome" in request.POST:
            if not _can_decide(request.user, region):
                raise PermissionDenied
            if decision_form.is_valid():
                data = decision_form.cleaned_data
                try:
                    actions.do_decide_proposal(
                        proposal,
                        discussed_on=data["discussed_on"],
                        adopted=data["outcome"] == "adopted",
                        decision=data["decision"],
                        acting_user=request.user,
                    )
                except ValidationError as error:
                    decision_form.add_error(None, error)
                else:
                    messages.success(request, _("The steering group's decision is saved."))
                    return redirect("roadmap:proposal", slug=region.slug, pk=proposal.pk)
        else:
            region = access.open_region_for_edit(request.user, slug, purpose="proposals")
            if milestone_form is not None and milestone_form.is_valid():
                milestone = milestone_form.save(commit=False)
                milestone.region = region
                milestone.proposal = proposal
                actions.do_save_milestone(milestone, acting_user=request.user)
                messages.success(request, _("The milestone is added to the planning."))
                return redirect("roadmap:proposal", slug=region.slug, pk=proposal.pk)
    return render(
        request,
        "roadmap/proposal.html",
        {
            "region": region,
            "proposal": proposal,
            "can_edit": can_edit,
            "can_decide": can_decide,
            "decision_form": decision_form,
            "milestone_form": milestone_form,
            "milestones": Milestone.objects.filter(proposal=proposal),
            "changes": proposal.agreement_changes.select_related("by"),
        },
    )
