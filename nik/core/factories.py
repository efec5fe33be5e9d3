"""factory-boy factories, shared by the tests and the benchmark."""

from __future__ import annotations

from typing import cast

import factory
from factory.django import DjangoModelFactory

from .models import (
    Discipline,
    Membership,
    Municipality,
    Organization,
    OrganizationKind,
    Professional,
    Region,
    Role,
    User,
)

PASSWORD = "een-lang-test-wachtwoord"


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"regio-{n}")
    name = factory.LazyAttribute(lambda o: f"NIK {o.slug.replace('-', ' ').title()}")
    hospital = factory.Faker("company", locale="nl_NL")


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Gemeente {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@nik.test")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805
        if create:
            obj.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    region = factory.SubFactory(RegionFactory)
    role = Role.MEMBER


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganizationKind.HOME_CARE


class ProfessionalFactory(DjangoModelFactory):
    class Meta:
        model = Professional

    organization = factory.SubFactory(OrganizationFactory)
    region = factory.SelfAttribute("organization.region")
    full_name = factory.Faker("name", locale="nl_NL")


def person(region: Region, role: str, email: str | None = None) -> User:
    """A user holding one role in one region."""
    user = cast(User, UserFactory(email=email) if email else UserFactory())
    MembershipFactory(user=user, region=region, role=role)
    return user


def discipline(code: str) -> Discipline:
    return Discipline.objects.ensure_all()[code]
