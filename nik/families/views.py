"""The central contact point, referrals and intake, the family record and the parent portal."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nik.core import access
from nik.core.auth import AuthedRequest
from nik.core.concurrency import EditConflict
from nik.core.forms import SearchPicker, picker_rows
from nik.core.models import AuditAction, Region, Role
from nik.core.paging import keyset_page, other_params

from . import access as family_access
from . import actions
from .figures import referral_figures
from .forms import (
    AcceptInvitationForm,
    AnswerForm,
    AvailabilityForm,
    ChildForm,
    ConsentForm,
    ContactForm,
    DecisionForm,
    EmergencyForm,
    FamilyForm,
    GuardianForm,
    InviteForm,
    OrganizationSearchForm,
    PublicInquiryForm,
    ReferralForm,
    ReviewForm,
    SiblingForm,
    StaffInquiryForm,
    StageForm,
    TeamMemberForm,
    TeamSearchForm,
)
from .models import (
    AnswerWay,
    Availability,
    CareTeamMember,
    Child,
    Consent,
    EmergencyAccess,
    Family,
    FamilyContact,
    Guardian,
    Inquiry,
    InquiryStatus,
    Referral,
    ReferralStatus,
    Sibling,
    consent_giver_for_age,
)
from .selectors import access_overview, night_line, pickable_casemanagers

PARTS: dict[str, tuple[type[Model], type[forms.ModelForm[Any]]]] = {
    "guardian": (Guardian, GuardianForm),
    "sibling": (Sibling, SiblingForm),
    "contact": (FamilyContact, ContactForm),
    "availability": (Availability, AvailabilityForm),
}


def _client_address(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


# The public contact page -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest, slug: str) -> HttpResponse:
    """Anyone, without an account, asks the network a question."""
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        raise Http404
    form = PublicInquiryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("website"):
            # A bot filled in the hidden field: thank it like anyone and keep nothing.
            return _thanks(request, region, timezone.now(), emailed=False)
        source = Inquiry.hash_source(_client_address(request))
        if actions.inquiry_rate_limited(region, source):
            form.add_error(
                None,
                _(
                    "We received several questions from you in the last hour. Please call us, or try again later."
                ),
            )
            return render(
                request, "families/contact.html", {"region": region, "form": form}, status=429
            )
        inquiry = form.save(commit=False)
        inquiry.region = region
        inquiry.channel = Inquiry.Channel.WEB
        actions.do_submit_inquiry(
            inquiry, source_address=_client_address(request), confirm=bool(inquiry.email)
        )
        return _thanks(request, region, inquiry.received_at, emailed=bool(inquiry.email))
    return render(request, "families/contact.html", {"region": region, "form": form})


def _thanks(request: HttpRequest, region: Region, received: Any, *, emailed: bool) -> HttpResponse:
    """The confirmation: what happens next, and the day by which we contact them."""
    return render(
        request,
        "families/contact_thanks.html",
        {"region": region, "due": actions.contact_due(received), "emailed": emailed},
    )


# Questions (coordinator) -------------------------------------------------------------------


@login_required
@require_GET
def inquiry_list(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, "questions")
    status = request.GET.get("status", InquiryStatus.OPEN)
    inquiries = region.inquiries.select_related("family").order_by("-received_at")
    if status in InquiryStatus.values:
        inquiries = inquiries.filter(status=status)
    shown = list(inquiries[:200])
    family_access.shown(
        request.user,
        [i.family for i in {i.family_id: i for i in shown}.values() if i.family is not None],
        "questions",
        role=Role.COORDINATOR,
    )
    return render(
        request,
        "families/inquiry_list.html",
        {
            "region": region,
            "inquiries": shown,
            "status": status,
            "statuses": InquiryStatus.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def inquiry_new(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, "log a question")
    form = StaffInquiryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        inquiry = form.save(commit=False)
        inquiry.region = region
        actions.do_submit_inquiry(inquiry, source_address=None, acting_user=request.user)
        messages.success(request, _("The question is logged."))
        return redirect("families:inquiry_detail", slug=region.slug, pk=inquiry.pk)
    return render(
        request,
        "families/form_page.html",
        {"region": region, "form": form, "title": _("Log a question")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def inquiry_detail(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, "answer a question")
    inquiry = family_access.open_inquiry(request.user, region, pk, "answer a question")
    form = AnswerForm(
        request.POST or None,
        region=region,
        inquiry=inquiry,
        initial={
            "answer": inquiry.answer,
            "services": list(inquiry.services.all()),
            "version": inquiry.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_answer_inquiry(
                inquiry,
                answer=form.cleaned_data["answer"],
                close=form.cleaned_data["close"],
                acting_user=request.user,
                way=form.cleaned_data["way"],
                services=list(form.cleaned_data["services"]),
                seen_version=form.cleaned_data["version"],
                base_url=request.build_absolute_uri("/"),
            )
        except EditConflict as conflict:
            form.add_error(
                None,
                _(
                    "Someone else answered this question while you were writing. Their answer: "
                    "“%(answer)s”. Your text is still below; check it and save again."
                )
                % {"answer": conflict.changed["answer"]},
            )
            data = cast(QueryDict, form.data).copy()
            data["version"] = str(conflict.current.version)
            form.data = data
        else:
            way = form.cleaned_data["way"]
            messages.success(
                request,
                _("The answer is sent to %(email)s.") % {"email": inquiry.email}
                if way == AnswerWay.EMAIL
                else _("The answer is saved; it counts as told by phone.")
                if way == AnswerWay.PHONE
                else _("The answer is saved as a draft. It has not reached them yet."),
            )
            return redirect("families:inquiry_detail", slug=region.slug, pk=inquiry.pk)
    return render(
        request,
        "families/inquiry_detail.html",
        {"region": region, "inquiry": inquiry, "form": form},
    )


# Referrals and intake ----------------------------------------------------------------------


@login_required
@require_GET
def referral_list(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, "referrals")
    # Both lists read only the columns they show (Referral.LISTED).
    listed = region.referrals.select_related("family").only(*Referral.LISTED)
    page = keyset_page(listed, ("-received_at", "-pk"), request.GET.get("after", ""))
    # Every referral still waiting for a decision, however old: the work list.
    open_ones = list(
        listed.filter(
            status__in=[ReferralStatus.OPEN, ReferralStatus.DUPLICATE], decided_at__isnull=True
        ).order_by("received_at", "pk")[:OPEN_SHOWN]
    )
    family_access.shown(
        request.user,
        list({r.family_id: r.family for r in [*open_ones, *page.items]}.values()),
        "referral list",
        role=Role.COORDINATOR,
    )
    stats = referral_figures(region)
    return render(
        request,
        "families/referral_list.html",
        {
            "region": region,
            "referrals": page.items,
            "page": page,
            "params": other_params(request.GET),
            "open_ones": open_ones,
            "open_more": len(open_ones) == OPEN_SHOWN,
            "stats": stats,
            "now": timezone.now(),
        },
    )


# The waiting list shows this many of the oldest undecided referrals.
OPEN_SHOWN = 100


@login_required
@require_http_methods(["GET", "POST"])
def referral_new(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region(request.user, slug, "refer a family")
    if not request.user.holds(region.pk, Role.COORDINATOR, Role.CASEMANAGER, Role.MEMBER):
        raise PermissionDenied
    inquiry = None
    initial: dict[str, Any] = {}
    # The question a referral grows from is named in the URL (to fill the form) and again in the
    # POST (to link it): both times it is opened through the door, for coordinators only.
    named = request.POST.get("inquiry") if request.method == "POST" else request.GET.get("inquiry")
    if named:
        inquiry = family_access.open_inquiry(
            request.user, region, named, "referral from a question"
        )
        initial = {
            "guardian_name": inquiry.name,
            "guardian_phone": inquiry.phone,
            "guardian_email": inquiry.email,
            "question": inquiry.question,
            "source": "parents" if inquiry.asker == Inquiry.Asker.PARENT else "other",
            "referrer_name": inquiry.name,
        }
    form = ReferralForm(request.POST or None, region=region, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = actions.do_create_referral(
                region,
                child=actions.ChildDetails(
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    date_of_birth=data["date_of_birth"],
                    municipality_id=data["municipality"].pk if data["municipality"] else None,
                    condition_category=data["condition_category"],
                    diagnosis=data["diagnosis"],
                    diagnosed_on=data["diagnosed_on"],
                ),
                guardians=[
                    {
                        "name": data["guardian_name"],
                        "phone": data["guardian_phone"],
                        "email": data["guardian_email"],
                    }
                ],
                source=data["source"],
                referrer_name=data["referrer_name"],
                referrer_contact=data["referrer_contact"],
                question="\n\n".join(filter(None, [data["question"], data["exception_reason"]])),
                consent_to_share=data["consent_to_share"],
                acting_user=request.user,
                inquiry=inquiry,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Only someone who may see the earlier family learns that the child is known; anyone
            # else gets the ordinary receipt, and the coordinator sees the duplicate.
            if referral.status == ReferralStatus.DUPLICATE and family_access.may_see_family(
                request.user, referral.family_id
            ):
                messages.warning(
                    request,
                    _(
                        "This child was referred before. The coordinator sees it as a duplicate; no second family was made."
                    ),
                )
            else:
                messages.success(
                    request,
                    _(
                        "The referral is registered. The network contacts the family within two working days."
                    ),
                )
            if access.is_coordinator(request.user, region):
                return redirect("families:referral_detail", slug=region.slug, pk=referral.pk)
            return redirect("home")
    return render(
        request, "families/referral_form.html", {"region": region, "form": form, "inquiry": inquiry}
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_detail(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, "intake")
    # Another region's referral, or none: refused and logged like any family record.
    referral = family_access.open_object(
        request.user,
        Referral.objects.filter(region=region).select_related("family", "duplicate_of"),
        pk,
        purpose="intake",
    )
    family = referral.family
    child = Child.objects.filter(family=family).first()
    group = region.target_groups.order_by("-version").first()
    fit = None
    if group is not None and child is not None:
        fit = group.fits(
            age=child.age(),
            category=child.condition_category or None,
            seriously_ill=child.condition_category == "serious",
        )
    form = DecisionForm(
        request.POST or None,
        region=region,
        search_url=reverse("families:casemanager_pick", args=[region.slug]),
    )
    if request.method == "POST":
        if request.POST.get("first_contact"):
            actions.do_record_first_contact(referral, acting_user=request.user)
            messages.success(request, _("First contact is recorded."))
            return redirect("families:referral_detail", slug=region.slug, pk=referral.pk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["decision"] == "accept":
                    actions.do_accept_referral(
                        referral, acting_user=request.user, casemanager=data["casemanager"]
                    )
                else:
                    actions.do_decline_referral(
                        referral,
                        acting_user=request.user,
                        reason=data["reason"],
                        note=data["note"],
                        referred_to=data["referred_to"] if data["decision"] == "elsewhere" else "",
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The decision is saved."))
                return redirect("families:referral_detail", slug=region.slug, pk=referral.pk)
    return render(
        request,
        "families/referral_detail.html",
        {
            "region": region,
            "referral": referral,
            "family": family,
            "child": child,
            "group": group,
            "fit": fit,
            "form": form,
            "routing": _routing(region),
        },
    )


@login_required
@require_GET
def casemanager_pick(request: AuthedRequest, slug: str) -> HttpResponse:
    """The rows of the case-manager picker on a referral's decision (`core.forms.SearchPicker`):
    those whose name holds what was typed, the chosen one first. For the region's coordinators."""
    region = access.open_region_as_coordinator(request.user, slug, "choose a case manager")
    chosen = pickable_casemanagers(region, ids=request.GET.getlist("casemanager"), limit=1)
    words = request.GET.get("casemanager__search", "").split()[:5]
    matches = pickable_casemanagers(region, words=words, limit=SearchPicker.shown + 1)
    rows = picker_rows(
        list(dict(chosen + matches).items()), {k for k, _n in chosen}, "", SearchPicker.shown
    )
    return render(
        request,
        "core/widgets/_search_picker_rows.html",
        {"rows": rows, "name": "casemanager", "multiple": False},
    )


def _routing(region: Any) -> list[str]:
    """The route for families from the region's agreement: what the intake follows."""
    from nik.roadmap.models import Agreement

    agreement = Agreement.objects.filter(region=region).first()
    return agreement.routing_steps() if agreement else []


@login_required
@require_http_methods(["GET", "POST"])
def emergency_review(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, "review emergency access")
    if request.method == "POST":
        item = (
            EmergencyAccess.objects.filter(
                family__region=region, pk=request.POST.get("access", "")
            ).first()
            if request.POST.get("access", "").isdigit()
            else None
        )
        form = ReviewForm(request.POST)
        if item is not None and form.is_valid():
            try:
                actions.do_review_emergency(
                    item, acting_user=request.user, note=form.cleaned_data["note"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The review is saved."))
        return redirect("families:emergency_review", slug=region.slug)
    items = list(
        EmergencyAccess.objects.filter(family__region=region).select_related(
            "family", "user", "reviewed_by"
        )[:200]
    )
    family_access.shown(
        request.user,
        list({i.family_id: i.family for i in items}.values()),
        "review emergency access",
        role=Role.COORDINATOR,
    )
    return render(
        request,
        "families/emergency_review.html",
        {"region": region, "items": items, "form": ReviewForm()},
    )


# The family record -------------------------------------------------------------------------


@login_required
@require_GET
def family_list(request: AuthedRequest) -> HttpResponse:
    # No joins in the paged query: it walks the (sort_name, id) index and stops after a page.
    families = family_access.visible_families(request.user).prefetch_related("region")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        families = families.filter(name__icontains=query) | families.filter(
            child__first_name__icontains=query
        )
    # In Dutch order: "Gezin de Kale" under K, not after "Gezin Woutersz".
    page = keyset_page(families, ("sort_name", "pk"), request.GET.get("after", ""))
    family_access.shown(request.user, page.items, f"family list{' search' if query else ''}")
    return render(
        request,
        "families/family_list.html",
        {
            "families": page.items,
            "page": page,
            "params": other_params(request.GET),
            "query": query,
        },
    )


def _portal_context(family: Family) -> dict[str, Any]:
    team = list(
        CareTeamMember.objects.filter(family=family).select_related(
            "professional", "professional__organization"
        )
    )
    availability = list(family.availability.all())
    # The parents' own questions; a referrer's question that grew into the family's referral is
    # the referrer's, not theirs.
    asked = family.inquiries.filter(asker=Inquiry.Asker.PARENT)
    return {
        "team": team,
        "availability": availability,
        "night": night_line(family, availability, team),
        "questions": list(asked.exclude(status=InquiryStatus.CLOSED)),
        # Closed questions stay readable: the answer is what the parents came back for.
        "earlier_questions": list(asked.filter(status=InquiryStatus.CLOSED)[:10]),
    }


@login_required
@require_GET
def family_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    family = family_access.open_family(request.user, pk, AuditAction.VIEW, purpose="family record")
    child = Child.objects.filter(family=family).select_related("municipality").first()
    context = {"family": family, "child": child, **_portal_context(family)}
    coordinator = access.is_coordinator(request.user, family.region)
    if not coordinator and family.portal_users.filter(pk=request.user.pk).exists():
        return render(request, "families/portal.html", context)
    context.update(
        {
            "can_edit": family_access.can_edit_family(request.user, family),
            # The access log is the family's and the coordinator's (access_log below).
            "can_see_log": coordinator,
            # Questions are answered at the region's contact point, by its coordinators.
            "can_answer": coordinator,
            "guardians": list(family.guardians.all()),
            "siblings": list(family.siblings.all()),
            "contacts": list(family.contacts.all()),
            "consents": list(family.consents.select_related("organization")),
            "active_consents": set(
                Consent.objects.active().filter(family=family).values_list("pk", flat=True)
            ),
            "stages": list(family.stage_changes.select_related("by")),
            "referrals": list(family.referrals.all()),
            "consent_giver": consent_giver_for_age(child.age()) if child else None,
            "emergency": family_access.is_emergency_access(request.user, family),
            "stage_form": StageForm(initial={"stage": family.stage}),
            "team_search": TeamSearchForm(),
            "consent_form": ConsentForm(region=family.region, family=family),
            "consent_search": OrganizationSearchForm(auto_id="id_consent_%s"),
            "invite_form": InviteForm(),
        }
    )
    return render(request, "families/family_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def family_part_edit(
    request: AuthedRequest, pk: int, part: str, part_pk: int | None = None
) -> HttpResponse:
    family = family_access.open_family_for_edit(request.user, pk, purpose=f"edit {part}")
    instance: Model | None
    form: forms.ModelForm[Any]
    if part == "family":
        instance = family
        form = FamilyForm(request.POST or None, instance=family)
    elif part == "child":
        instance = Child.objects.filter(family=family).first() or Child(family=family)
        form = ChildForm(request.POST or None, instance=instance, region=family.region)
    elif part in PARTS:
        model, form_class = PARTS[part]
        instance = (
            model._default_manager.filter(family=family, pk=part_pk).first()
            if part_pk
            else model(family=family)
        )
        if instance is None:
            raise Http404
        form = form_class(request.POST or None, instance=instance)
    else:
        raise Http404
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.family = family
        actions.do_save_record_part(obj, family=family, acting_user=request.user)
        messages.success(request, _("Saved."))
        return redirect("families:family_detail", pk=family.pk)
    return render(
        request,
        "families/form_page.html",
        {"form": form, "family": family, "title": str(instance._meta.verbose_name).capitalize()},
    )


@login_required
@require_POST
def family_part_delete(request: AuthedRequest, pk: int, part: str, part_pk: int) -> HttpResponse:
    family = family_access.open_family_for_edit(request.user, pk, purpose=f"delete {part}")
    if part not in PARTS:
        raise Http404
    obj = PARTS[part][0]._default_manager.filter(family=family, pk=part_pk).first()
    if obj is None:
        raise Http404
    actions.do_delete_record_part(obj, family=family, acting_user=request.user)
    messages.success(request, _("Removed."))
    return redirect("families:family_detail", pk=family.pk)


@login_required
@require_POST
def family_stage(request: AuthedRequest, pk: int) -> HttpResponse:
    family = family_access.open_family_for_edit(request.user, pk, purpose="move stage")
    form = StageForm(request.POST)
    if form.is_valid():
        actions.do_move_stage(
            family,
            stage=form.cleaned_data["stage"],
            acting_user=request.user,
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("The stage is saved."))
    return redirect("families:family_detail", pk=family.pk)


@login_required
@require_http_methods(["GET", "POST"])
def consent_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record consent for an organisation: one of the care team's, or one found by a search."""
    family = family_access.open_family_for_edit(request.user, pk, purpose="record consent")
    data = request.POST if request.method == "POST" else request.GET
    search = OrganizationSearchForm(data)
    term = search.cleaned_data["q"] if search.is_valid() else ""
    form = ConsentForm(
        request.POST if request.method == "POST" else None,
        region=family.region,
        family=family,
        search=term,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_give_consent(family, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The consent is recorded."))
            return redirect("families:family_detail", pk=family.pk)
    return render(
        request,
        "families/consent_add.html",
        {
            "family": family,
            "search": search if term else OrganizationSearchForm(),
            "form": form,
            "term": term,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def consent_withdraw(request: AuthedRequest, pk: int, consent_pk: int) -> HttpResponse:
    family = family_access.open_family_for_edit(request.user, pk, purpose="withdraw consent")
    consent = Consent.objects.filter(family=family, pk=consent_pk).first()
    if consent is None:
        raise Http404
    try:
        actions.do_withdraw_consent(consent, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The consent is withdrawn. It takes effect at once."))
    return redirect("families:family_detail", pk=family.pk)


@login_required
@require_http_methods(["GET", "POST"])
def team_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """Find a professional of the region by a search, then choose them and their role."""
    family = family_access.open_family_for_edit(request.user, pk, purpose="care team")
    data = request.POST if request.method == "POST" else request.GET
    search = TeamSearchForm(data)
    term = search.cleaned_data["q"] if search.is_valid() else ""
    form = TeamMemberForm(
        request.POST if request.method == "POST" else None, region=family.region, search=term
    )
    if request.method == "POST" and form.is_valid():
        actions.do_add_team_member(family, acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("Added to the care team."))
        return redirect("families:family_detail", pk=family.pk)
    return render(
        request,
        "families/team_add.html",
        {"family": family, "search": search, "form": form, "term": term},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def team_remove(request: AuthedRequest, pk: int, member_pk: int) -> HttpResponse:
    family = family_access.open_family_for_edit(request.user, pk, purpose="care team")
    member = CareTeamMember.objects.filter(family=family, pk=member_pk).first()
    if member is None:
        raise Http404
    actions.do_remove_team_member(member, acting_user=request.user)
    messages.success(request, _("Removed from the care team."))
    return redirect("families:family_detail", pk=family.pk)


@login_required
@require_POST
def invite(request: AuthedRequest, pk: int) -> HttpResponse:
    family = family_access.open_family_for_edit(request.user, pk, purpose="invite to the portal")
    form = InviteForm(request.POST)
    if form.is_valid():
        actions.do_invite(
            family,
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            acting_user=request.user,
            base_url=request.build_absolute_uri("/"),
        )
        messages.success(request, _("The invitation is sent by e-mail."))
    else:
        messages.error(request, _("Give a name and a valid e-mail address."))
    return redirect("families:family_detail", pk=family.pk)


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, key: str) -> HttpResponse:
    """Public: the link from the e-mail. Used once, valid for two weeks."""
    try:
        found = actions.find_invitation(key)
    except actions.InvitationError as error:
        return render(request, "families/invitation.html", {"error": error.message}, status=410)
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_accept_invitation(key, password=form.cleaned_data["password1"])
        except actions.InvitationError as error:
            return render(request, "families/invitation.html", {"error": error.message}, status=410)
        messages.success(
            request,
            _("Your account is ready. Log in with your e-mail address and the new password."),
        )
        return redirect("account_login")
    return render(request, "families/invitation.html", {"invitation": found, "form": form})


@login_required
@require_GET
def access_log(request: AuthedRequest, pk: int) -> HttpResponse:
    """Who looked at this family's data, and when: for the family itself and the coordinator."""
    family = family_access.open_family(request.user, pk, AuditAction.VIEW, purpose="access log")
    is_family = family.portal_users.filter(pk=request.user.pk).exists()
    if not (is_family or access.is_coordinator(request.user, family.region)):
        raise PermissionDenied
    return render(
        request,
        "families/access_log.html",
        {
            "family": family,
            "days": access_overview(family, for_family=is_family),
            "is_family": is_family,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def emergency(request: AuthedRequest, pk: int) -> HttpResponse:
    """Break-glass for a professional of the region who is not on the team.

    The page answers the same for every number, so it tells nobody which families exist; only
    a professional of the family's own region, giving a reason, gets in (logged, reviewed).
    """
    if not request.user.holds_anywhere(Role.MEMBER, Role.CASEMANAGER):
        raise Http404
    form = EmergencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        family = family_access.emergency_target(request.user, pk)
        if family is None:
            form.add_error(
                None,
                _(
                    "This record cannot be opened in an emergency by you. Call the network's coordinator."
                ),
            )
        else:
            try:
                actions.do_open_emergency(
                    family, user=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.warning(
                    request,
                    _("Emergency access is open for four hours. The coordinator will review it."),
                )
                return redirect("families:family_detail", pk=family.pk)
    return render(request, "families/emergency.html", {"form": form, "family_pk": pk})
