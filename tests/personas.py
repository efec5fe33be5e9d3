"""The personas every app's tests use (STYLE.md habit 12)."""

from __future__ import annotations

import pytest

from nik.core.factories import RegionFactory, person
from nik.core.models import Region, Role, User
from nik.families.factories import FamilyFactory
from nik.families.models import Family


@pytest.fixture
def region(db: None) -> Region:
    return RegionFactory(slug="holland-rijnland", name="NIK Holland Rijnland", hospital="LUMC")


@pytest.fixture
def other_region(db: None) -> Region:
    return RegionFactory(slug="limburg", name="NIK Limburg", hospital="Maastricht UMC+")


@pytest.fixture
def family(region: Region) -> Family:
    return FamilyFactory(region=region, name="Gezin Jansen")


@pytest.fixture
def coordinator(region: Region) -> User:
    return person(region, Role.COORDINATOR, "coordinator@nik.test")


@pytest.fixture
def other_coordinator(other_region: Region) -> User:
    return person(other_region, Role.COORDINATOR, "coordinator@andere.test")


@pytest.fixture
def parent(region: Region, family: Family) -> User:
    user = person(region, Role.PARENT, "ouder@nik.test")
    family.portal_users.add(user)
    return user


@pytest.fixture
def member(region: Region) -> User:
    return person(region, Role.MEMBER, "lid@nik.test")


@pytest.fixture
def casemanager(region: Region) -> User:
    return person(region, Role.CASEMANAGER, "casemanager@nik.test")


@pytest.fixture
def steering(region: Region) -> User:
    return person(region, Role.STEERING, "stuurgroep@nik.test")


@pytest.fixture
def national(region: Region, other_region: Region) -> User:
    user = person(region, Role.NATIONAL, "landelijk@nik.test")
    user.memberships.create(region=other_region, role=Role.NATIONAL)
    return user


@pytest.fixture
def admin_user(db: None) -> User:
    from nik.core.factories import UserFactory

    return UserFactory(email="beheer@nik.test", is_staff=True, is_superuser=True)


@pytest.fixture
def with_second_factor():
    """Give a user a TOTP authenticator, as if enrolled; returns the secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    def enrol(user: User) -> str:
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        return secret

    return enrol


@pytest.fixture
def login(client, with_second_factor):
    """Log a persona in as after a full login: password and, where the role needs it, 2FA."""
    from allauth.mfa.utils import is_mfa_enabled

    def do(user: User):
        if user.needs_second_factor() and not is_mfa_enabled(user):
            with_second_factor(user)
        client.force_login(user)
        return client

    return do
