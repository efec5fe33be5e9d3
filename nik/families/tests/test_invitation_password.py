"""The invitation page tells a parent in Dutch what is wrong with the password (issue 30)."""

from __future__ import annotations

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.html import escape

from nik.core.models import User
from nik.families import actions

pytestmark = pytest.mark.django_db


def _invitation_key(family, coordinator) -> str:
    return actions.do_invite(
        family,
        email="eva@voorbeeld.example",
        name="Eva Jansen",
        acting_user=coordinator,
        base_url="http://testserver/",
    )


@pytest.mark.parametrize(
    ("password", "dutch"),
    [
        ("kort-1", "Dit wachtwoord is te kort: gebruik minstens 12 tekens."),
        ("123456789012345", "Dit wachtwoord heeft alleen cijfers: voeg letters toe."),
        ("password1234", "Veel mensen gebruiken dit wachtwoord: kies een ander."),
    ],
)
def test_the_invitation_page_says_in_dutch_why_a_password_is_refused(
    client, family, coordinator, password, dutch
):
    key = _invitation_key(family, coordinator)
    response = client.post(f"/invitation/{key}/", {"password1": password, "password2": password})
    assert response.status_code == 200
    assert escape(dutch) in response.text
    assert "This password" not in response.text
    assert not family.portal_users.exists()


def test_every_password_rule_speaks_dutch():
    user = User(email="evajansen@voorbeeld.example")
    messages = []
    for password in ("kort", "123456789012345", "password1234", "evajansen@voorbeeld"):
        with pytest.raises(ValidationError) as refused:
            password_validation.validate_password(password, user)
        messages += refused.value.messages
    assert "Dit wachtwoord lijkt te veel op je e-mailadres." in messages
    help_texts = password_validation.password_validators_help_texts()
    assert "Gebruik minstens 12 tekens." in help_texts
    for text in messages + help_texts:
        assert not text.startswith(("This", "Your", "The")), text
