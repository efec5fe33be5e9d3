"""A parent answers a mirror-conversation invitation from the e-mail's link, on a phone, without
an account (issue 30): the page is in Dutch, accessible, and says what was recorded."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from nik.casework.models import MirrorConversation, MirrorInvitation
from nik.casework.tests.test_mirror_invitations import invite

pytestmark = pytest.mark.browser


def test_a_parent_says_yes_from_the_link_on_a_phone(
    page, coordinator, parent, region, axe_violations, django_capture_on_commit_callbacks
):
    conversation = MirrorConversation.objects.create(
        region=region,
        held_on=timezone.localdate() + timedelta(days=20),
        starts_at=time(19, 30),
        minutes=90,
        location="Ronald McDonald Huis, Leiden",
        facilitator="Ouder en Kind Samen",
    )
    links = invite(conversation, coordinator, parent, capture=django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(links[parent.email])
    assert "Ronald McDonald Huis" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Ja, ik kom").click()
    page.wait_for_load_state()
    assert MirrorInvitation.objects.get(user=parent).answer == "yes"
    assert axe_violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
