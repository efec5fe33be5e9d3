"""The parents' own pages in the portal: asking the team a question and reading the answer.

Every family here is opened through the door as the user's own (`access.open_own_family`): a
professional who may see the record, or another family's parent, gets a 404, and the attempt is
logged. The family comes from the URL only; nothing in a POST body names it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from nik.core.auth import AuthedRequest
from nik.core.models import AuditAction

from . import access as family_access
from . import actions
from .forms import ParentQuestionForm
from .models import Inquiry


@login_required
@require_http_methods(["GET", "POST"])
def question_new(request: AuthedRequest, pk: int) -> HttpResponse:
    """A signed-in parent asks the team a question, linked to their family."""
    action = AuditAction.CREATE if request.method == "POST" else AuditAction.VIEW
    family = family_access.open_own_family(request.user, pk, "ask a question", action)
    form = ParentQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_ask_as_parent(
            family,
            acting_user=request.user,
            topic=form.cleaned_data["topic"],
            question=form.cleaned_data["question"],
            phone=form.cleaned_data["phone"],
            base_url=request.build_absolute_uri("/"),
        )
        messages.success(
            request,
            _(
                "Your question has been sent. We answer within two working days, by e-mail to "
                "%(email)s. You also find the answer here on your family page."
            )
            % {"email": request.user.email},
        )
        return redirect("families:family_detail", pk=family.pk)
    return render(
        request,
        "families/portal_question_new.html",
        {"family": family, "form": form, "region": family.region},
    )


@login_required
@require_GET
def question_detail(request: AuthedRequest, pk: int, question_pk: int) -> HttpResponse:
    """One of the family's questions as the parents read it: the answer once it reached them."""
    family = family_access.open_own_family(request.user, pk, "your question")
    inquiry: Inquiry = family_access.open_object(
        request.user,
        Inquiry.objects.filter(family=family, asker=Inquiry.Asker.PARENT),
        question_pk,
        purpose="your question",
    )
    return render(
        request,
        "families/portal_question.html",
        {
            "family": family,
            "inquiry": inquiry,
            # A draft is the coordinator's, not yet an answer: parents read only what reached them.
            "answer": inquiry.answer if inquiry.answer_sent_at else "",
            "services": list(inquiry.services.all()) if inquiry.answer_sent_at else [],
        },
    )
