"""Mirror conversations with parents (steps 1 and 9): what parents said, and each idea followed
to an outcome."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nik.core import access
from nik.core.auth import AuthedRequest
from nik.core.models import Region

from . import actions
from .forms import ActionForm, ConversationForm, IdeaForm
from .models import Answer, Idea, MirrorConversation, MirrorInterest, Outcome, Theme


@login_required
@require_GET
def conversations(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region(request.user, slug, purpose="mirror conversations")
    found = (
        MirrorConversation.objects.filter(region=region)
        .prefetch_related("themes")
        .annotate(
            idea_count=Count("ideas"),
            open_count=Count("ideas", filter=Q(ideas__outcome=Outcome.NONE)),
        )
    )
    waiting = (
        Idea.objects.filter(conversation__region=region, outcome=Outcome.NONE)
        .select_related("conversation")
        .order_by("conversation__held_on", "pk")
    )
    return render(
        request,
        "casework/conversations.html",
        {
            "region": region,
            "conversations": found,
            "waiting": waiting,
            "interested": MirrorInterest.objects.filter(region=region).count(),
            "can_edit": access.can_edit_region(request.user, region),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation_new(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_for_edit(request.user, slug, purpose="mirror conversations")
    form = ConversationForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        conversation = form.save(commit=False)
        conversation.region = region
        actions.do_save_conversation(conversation, acting_user=request.user)
        form.save_m2m()
        for name in (n.strip() for n in form.cleaned_data["new_themes"].split(",")):
            if name:
                theme, _created = Theme.objects.get_or_create(region=region, name=name[:100])
                conversation.themes.add(theme)
        messages.success(request, _("The mirror conversation is recorded."))
        return redirect("casework:conversation", slug=slug, pk=conversation.pk)
    return render(
        request,
        "casework/conversation_form.html",
        {"region": region, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _conversation(request: AuthedRequest, slug: str, pk: int) -> tuple[Region, MirrorConversation]:
    region = access.open_region(request.user, slug, purpose="mirror conversation")
    return region, get_object_or_404(MirrorConversation, region=region, pk=pk)


@login_required
@require_GET
def conversation(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region, found = _conversation(request, slug, pk)
    can_edit = access.can_edit_region(request.user, region)
    return render(
        request,
        "casework/conversation.html",
        {
            "region": region,
            "conversation": found,
            "ideas": [
                (idea, ActionForm(region=region, prefix=f"idea{idea.pk}") if can_edit else None)
                for idea in found.ideas.select_related("owner", "proposal")
            ],
            "can_edit": can_edit,
            "idea_form": IdeaForm(region=region),
            # Who comes is for the coordinator's planning; the network reads only the count.
            "invitations": found.invitations.select_related("user") if can_edit else None,
            "coming": found.invitations.filter(answer=Answer.YES).count() if can_edit else 0,
        },
    )


@login_required
@require_POST
def idea_add(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region = access.open_region_for_edit(request.user, slug, purpose="mirror conversation")
    found = get_object_or_404(MirrorConversation, region=region, pk=pk)
    form = IdeaForm(request.POST, region=region)
    if form.is_valid():
        actions.do_add_idea(found, text=form.cleaned_data["text"], acting_user=request.user)
    elif form.name_warning:
        messages.error(request, form.name_message())
    else:
        messages.error(request, _("Write the idea."))
    return redirect("casework:conversation", slug=slug, pk=pk)


@login_required
@require_POST
def idea_outcome(request: AuthedRequest, slug: str, pk: int, idea_pk: int) -> HttpResponse:
    """Give an idea its outcome: an action (owner, date), a proposal, or a national signal."""
    region = access.open_region_for_edit(request.user, slug, purpose="mirror conversation")
    idea = get_object_or_404(Idea, conversation__region=region, conversation_id=pk, pk=idea_pk)
    kind = request.POST.get("outcome", "")
    try:
        if kind == Outcome.ACTION:
            form = ActionForm(request.POST, region=region, prefix=f"idea{idea.pk}")
            if not form.is_valid():
                messages.error(request, _("An action needs an owner of this network and a date."))
                return redirect("casework:conversation", slug=slug, pk=pk)
            actions.do_idea_to_action(idea, acting_user=request.user, **form.cleaned_data)
        elif kind == Outcome.PROPOSAL:
            actions.do_idea_to_proposal(idea, acting_user=request.user)
        elif kind == Outcome.SIGNAL:
            actions.do_idea_to_signal(idea, acting_user=request.user)
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The idea has its outcome."))
    return redirect("casework:conversation", slug=slug, pk=pk)


@login_required
@require_POST
def idea_done(request: AuthedRequest, slug: str, pk: int, idea_pk: int) -> HttpResponse:
    """The owner (or a coordinator) marks the action done."""
    region, _found = _conversation(request, slug, pk)
    idea = get_object_or_404(Idea, conversation_id=pk, pk=idea_pk)
    if idea.owner_id != request.user.pk and not access.can_edit_region(request.user, region):
        raise PermissionDenied
    try:
        actions.do_mark_idea_done(idea, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(request.POST.get("next") or "home")


@login_required
@require_POST
def invite(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    region = access.open_region_for_edit(request.user, slug, purpose="mirror conversation")
    found = get_object_or_404(MirrorConversation, region=region, pk=pk)
    try:
        sent = actions.do_invite_parents(
            found, base_url=request.build_absolute_uri("/"), acting_user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Invitations sent: %(n)s.") % {"n": sent})
    return redirect("casework:conversation", slug=slug, pk=pk)


@login_required
@require_POST
def join(request: AuthedRequest, slug: str) -> HttpResponse:
    """A parent asks, from the portal, to be invited to the next conversation."""
    region = get_object_or_404(Region, slug=slug)
    if not access.is_parent(request.user, region):
        raise Http404
    actions.do_join_next(region, parent=request.user)
    messages.success(request, _("Thank you. We invite you by e-mail to the next conversation."))
    return redirect("home")


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """A parent says yes or no from the invitation's link, without an account. The link is the
    only key: nothing in the form names an invitation, so a post can answer only its own."""
    try:
        invitation = actions.open_invitation(token)
    except ValidationError as error:
        return _answer_closed(request, error, status=404)
    conversation = invitation.conversation
    recorded = False
    if request.method == "POST" and request.POST.get("answer") not in (Answer.YES, Answer.NO):
        return render(
            request,
            "casework/answer.html",
            {
                "invitation": invitation,
                "conversation": conversation,
                "region": conversation.region,
                "open": conversation.answering_open(),
                "error": _("Choose yes or no."),
            },
            status=400,
        )
    if request.method == "POST":
        try:
            invitation, recorded = actions.do_answer_invitation(
                token,
                answer=request.POST.get("answer", ""),
                change=request.POST.get("change") == "1",
            )
        except ValidationError as error:
            return _answer_closed(request, error, status=409)
    return render(
        request,
        "casework/answer.html",
        {
            "invitation": invitation,
            "conversation": conversation,
            "region": conversation.region,
            "recorded": recorded,
            "already": request.method == "POST" and not recorded,
            "open": conversation.answering_open(),
        },
    )


def _answer_closed(request: HttpRequest, error: ValidationError, *, status: int) -> HttpResponse:
    return render(
        request, "casework/answer_closed.html", {"message": " ".join(error.messages)}, status=status
    )
